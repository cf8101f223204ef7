/**
 * Reads nominations for an export — the residents' nominations and the entries of the units'
 * submitted proposal lists, side by side (each row says which). The rows come through one `COPY … TO STDOUT` in unit order and
 * are kept as the bytes PostgreSQL sent, unit by unit, outside the JavaScript heap; a row becomes
 * an object only when it is written. Memory stays bounded by the largest unit, whatever the total,
 * and the garbage collector has almost nothing to move (decision 008).
 */
import type pg from 'pg';
import type { ExportFilter, ExportSource } from '../../core/export/rows.js';
import { poolOf, type Db } from '../db/client.js';
import { countedRows, entriesWhere, literal, parameters, where } from './filters.js';
import { evidenceFiles, type EvidenceFile } from './evidence-files.js';

export interface UnitGroup {
  unitId: number;
  unitName: string;
  count: number;
}

/**
 * The columns of a row, in COPY's text format (tab-separated, `\N` for null). The submission
 * instant comes as epoch milliseconds.
 */
const COLUMNS = `n.id, n.code, n.unit_id, n.nominee_kind, n.nominee_name, n.nominee_birth_year, n.nominee_role, n.deed_category, n.description,
  n.award_form, n.nominator_name, n.nominator_phone, round(extract(epoch FROM n.submitted_at) * 1000)::float8, n.status,
  n.last_reason, n.decision_number, to_char(n.decision_date, 'YYYY-MM-DD'),
  CASE WHEN n.duplicate_of_id IS NOT NULL THEN (SELECT d.code FROM nominations d WHERE d.id = n.duplicate_of_id) END,
  NULL::text, NULL::text, 'resident'`;
/**
 * The same columns for an entry of a unit's list: the resident's code when it came from a
 * nomination, else "<campaign>-<unit>-<position>"; the title as the form; no category, no nominator.
 */
const ENTRY_COLUMNS = `e.id, COALESCE(nc.code, c.code || '-' || u.code || '-' || lpad(e.position::text, 2, '0')), p.unit_id, e.kind, e.name, e.birth_year, e.role, '', e.summary,
  e.title, NULL::text, NULL::text, round(extract(epoch FROM p.submitted_at) * 1000)::float8, 'list-' || e.status,
  e.return_reason, NULL::text, NULL::text, NULL::text,
  e.gender, e.workplace, 'unit'`;
const ENTRIES_FROM = `proposal_entries e JOIN proposals p ON p.id = e.proposal_id JOIN campaigns c ON c.id = p.campaign_id
  JOIN units u ON u.id = p.unit_id LEFT JOIN nominations nc ON nc.id = e.nomination_id`;
const TAB = 9;
const NULL = '\\N';
const ESCAPES: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };
/** A text field of COPY's text format: backslash escapes undone (COPY TO writes no octal or hex ones). */
const unescape = (field: string): string => (field.includes('\\') ? field.replace(/\\(.)/gs, (_, char: string) => ESCAPES[char] ?? char) : field);
// Plain functions rather than closures made for every row (the hot path).
function textAt(fields: string[], at: number, escaped: boolean): string {
  return escaped ? unescape(fields[at]!) : fields[at]!;
}
function nullableTextAt(fields: string[], at: number, escaped: boolean): string | null {
  return fields[at] === NULL ? null : textAt(fields, at, escaped);
}
const nullableNumber = (field: string): number | null => (field === NULL ? null : Number(field));

/** Bytes of row storage per slab; slabs of a unit that has been written are reused. */
const SLAB_BYTES = 256 * 1024;
/** How far (in bytes of rows) reading may run ahead of writing before the socket is paused. */
const READ_AHEAD_BYTES = 4 * 1024 * 1024;

/**
 * One unit's rows as PostgreSQL sent them. `sortKeys()` decodes only what the list is sorted by;
 * `row(i)` decodes one row when it is needed. Valid until the next unit is read.
 */
export class UnitRows {
  /** Bytes of rows held. */
  bytes = 0;
  private readonly slabs: Buffer[] = [];
  private used = 0;
  private readonly slabOf: number[] = [];
  private readonly startOf: number[] = [];
  private readonly endOf: number[] = [];
  private released = false;

  constructor(
    readonly unitId: number,
    private readonly unitName: string,
    private readonly spare: Buffer[],
  ) {}

  get count(): number {
    return this.startOf.length;
  }

  /** Every row, decoded. */
  get rows(): ExportSource[] {
    return Array.from({ length: this.count }, (_, index) => this.row(index));
  }

  /** The row at `index` (in the order read), decoded now. */
  row(index: number): ExportSource {
    const line = this.slab(index).toString('utf8', this.startOf[index], this.endOf[index]! - 1);
    const fields = line.split('\t');
    // Escapes are rare (a line break in a description): looked for once per row.
    const escaped = line.includes('\\');
    return {
      id: Number(fields[0]),
      code: textAt(fields, 1, escaped),
      nomineeKind: textAt(fields, 3, escaped),
      nomineeName: textAt(fields, 4, escaped),
      nomineeBirthYear: nullableNumber(fields[5]!),
      nomineeRole: nullableTextAt(fields, 6, escaped),
      unitName: this.unitName,
      deedCategory: textAt(fields, 7, escaped),
      description: textAt(fields, 8, escaped),
      awardForm: nullableTextAt(fields, 9, escaped),
      nominatorName: nullableTextAt(fields, 10, escaped),
      nominatorPhone: nullableTextAt(fields, 11, escaped),
      submittedAt: new Date(Number(fields[12])),
      status: textAt(fields, 13, escaped),
      lastReason: nullableTextAt(fields, 14, escaped),
      decisionNumber: nullableTextAt(fields, 15, escaped),
      decisionDate: nullableTextAt(fields, 16, escaped),
      duplicateOfCode: nullableTextAt(fields, 17, escaped),
      gender: nullableTextAt(fields, 18, escaped),
      workplace: nullableTextAt(fields, 19, escaped),
      source: fields[20] === 'unit' ? 'unit' : 'resident',
    };
  }

  /** Each row's nominee name and code (what the list is sorted by) with its index, nothing else decoded. */
  sortKeys(): { nomineeName: string; code: string; index: number }[] {
    const keys = new Array<{ nomineeName: string; code: string; index: number }>(this.count);
    for (let index = 0; index < keys.length; index += 1) {
      const slab = this.slab(index);
      const afterId = slab.indexOf(TAB, this.startOf[index]);
      const afterCode = slab.indexOf(TAB, afterId + 1);
      const afterKind = slab.indexOf(TAB, slab.indexOf(TAB, afterCode + 1) + 1);
      const afterName = slab.indexOf(TAB, afterKind + 1);
      keys[index] = { nomineeName: unescape(slab.toString('utf8', afterKind + 1, afterName)), code: unescape(slab.toString('utf8', afterId + 1, afterCode)), index };
    }
    return keys;
  }

  /** Copies a row in (the driver's buffer is reused once the message has been handled). */
  append(row: Buffer): void {
    let slab = this.slabs.at(-1);
    if (!slab || this.used + row.length > slab.length) {
      slab = row.length <= SLAB_BYTES ? (this.spare.pop() ?? Buffer.allocUnsafe(SLAB_BYTES)) : Buffer.allocUnsafe(row.length);
      this.slabs.push(slab);
      this.used = 0;
    }
    slab.set(row, this.used);
    this.slabOf.push(this.slabs.length - 1);
    this.startOf.push(this.used);
    this.used += row.length;
    this.endOf.push(this.used);
    this.bytes += row.length;
  }

  /** Gives the storage back for the next units; the rows cannot be read any more. */
  release(): void {
    this.released = true;
    for (const slab of this.slabs) if (slab.length === SLAB_BYTES && this.spare.length < 8) this.spare.push(slab);
    this.slabs.length = 0;
  }

  private slab(index: number): Buffer {
    if (this.released) throw new Error('the rows of this unit were released when the next unit was read');
    return this.slabs[this.slabOf[index]!]!;
  }
}

/** The unit id of a row: its third field (digits), read from the bytes. */
function unitIdOf(row: Buffer): number {
  const start = row.indexOf(TAB, row.indexOf(TAB) + 1) + 1;
  let id = 0;
  for (let index = start; row[index] !== TAB; index += 1) id = id * 10 + row[index]! - 48;
  return id;
}

/**
 * A `COPY … TO STDOUT` as a query of the pg client: rows are grouped into units as they arrive, and
 * the socket is paused while enough complete units wait to be written.
 */
class CopyUnits implements pg.Submittable {
  private readonly queue: UnitRows[] = [];
  private readonly spare: Buffer[] = [];
  private current: UnitRows | undefined;
  private aheadBytes = 0;
  private connection: pg.Connection | undefined;
  private paused = false;
  private abandoned = false;
  private failure: Error | undefined;
  private wake: (() => void) | undefined;
  /** The statement has finished (successfully or not): the client can be reused. */
  done = false;

  constructor(
    private readonly sql: string,
    private readonly names: Map<number, string>,
  ) {}

  submit(connection: pg.Connection): void {
    this.connection = connection;
    connection.query(this.sql);
  }

  handleCopyData(message: { chunk: Buffer }): void {
    if (this.abandoned) return;
    const row = message.chunk;
    const unitId = unitIdOf(row);
    if (this.current && this.current.unitId !== unitId) this.complete();
    this.current ??= new UnitRows(unitId, this.names.get(unitId) ?? '', this.spare);
    this.current.append(row);
    this.aheadBytes += row.length;
    if (!this.paused && this.queue.length > 0 && this.aheadBytes >= READ_AHEAD_BYTES) {
      this.paused = true;
      this.connection?.stream.pause();
    }
  }

  handleCommandComplete(): void {
    if (this.current) this.complete();
  }

  handleReadyForQuery(): void {
    this.done = true;
    this.signal();
  }

  handleError(error: Error): void {
    this.failure = error;
    this.done = true;
    this.signal();
  }

  // Not sent for a COPY; here because the client may call them on any query.
  handleRowDescription(): void {}
  handleDataRow(): void {}
  handleEmptyQuery(): void {}
  handlePortalSuspended(): void {}
  handleCopyInResponse(): void {}

  /** The next complete unit, or undefined after the last one. */
  async next(): Promise<UnitRows | undefined> {
    for (;;) {
      if (this.failure) throw this.failure;
      const unit = this.queue.shift();
      if (unit) {
        this.aheadBytes -= unit.bytes;
        if (this.queue.length === 0 || this.aheadBytes < READ_AHEAD_BYTES) this.resume();
        return unit;
      }
      if (this.done) return undefined;
      this.resume();
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  /** Stops keeping rows (the reader went away): the rest is read and dropped. */
  abandon(): void {
    this.abandoned = true;
    this.queue.length = 0;
    this.current = undefined;
    this.resume();
  }

  private complete(): void {
    this.queue.push(this.current!);
    this.current = undefined;
    this.signal();
  }

  private resume(): void {
    if (!this.paused) return;
    this.paused = false;
    this.connection?.stream.resume();
  }

  private signal(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}

export class ExportSourceRepository {
  constructor(private readonly db: Db) {}

  /** The units with at least one matching nomination, with counts. */
  async groups(filter: ExportFilter): Promise<UnitGroup[]> {
    const values: unknown[] = [];
    const { rows } = await poolOf(this.db).query<{ unit_id: number; name: string; parent: string | null; count: string }>(
      // Counted first, then named: the join touches one row per unit, not one per nomination.
      `SELECT c.unit_id, u.name, p.name AS parent, c.count FROM (SELECT r.unit_id, count(*) FROM (${countedRows(filter, parameters(values))}) r GROUP BY r.unit_id) c
         JOIN units u ON u.id = c.unit_id LEFT JOIN units p ON p.id = u.parent_id`,
      values,
    );
    return rows.map((row) => ({ unitId: row.unit_id, unitName: row.parent ? `${row.name} – ${row.parent}` : row.name, count: Number(row.count) }));
  }

  /** Counts per unit and status (the summary sheet). */
  async countsByUnitAndStatus(filter: ExportFilter): Promise<{ unitId: number; status: string; count: number }[]> {
    const values: unknown[] = [];
    const { rows } = await poolOf(this.db).query<{ unit_id: number; status: string; count: string }>(`SELECT r.unit_id, r.status, count(*) FROM (${countedRows(filter, parameters(values))}) r GROUP BY 1, 2`, values);
    return rows.map((row) => ({ unitId: row.unit_id, status: row.status, count: Number(row.count) }));
  }

  /** Counts per deed category. */
  async countsByCategory(filter: ExportFilter): Promise<{ category: string; count: number }[]> {
    const values: unknown[] = [];
    const { rows } = await poolOf(this.db).query<{ deed_category: string; count: string }>(`SELECT n.deed_category, count(*) FROM nominations n WHERE ${where(filter, parameters(values))} GROUP BY 1 ORDER BY 2 DESC`, values);
    return rows.map((row) => ({ category: row.deed_category, count: Number(row.count) }));
  }

  /**
   * Every matching nomination, unit after unit in the given order (a unit's rows in no particular
   * order), through one `COPY … TO STDOUT`: reading runs a few megabytes ahead of the consumer, and
   * only the units not yet consumed are held. Each unit is valid until the next one is requested.
   */
  async *rowsByUnit(filter: ExportFilter, units: UnitGroup[]): AsyncGenerator<UnitRows> {
    const names = new Map(units.map((unit) => [unit.unitId, unit.unitName]));
    const order = units.map((unit) => unit.unitId);
    const scoped = { ...filter, unitIds: order };
    const sql = `COPY (SELECT * FROM (SELECT ${COLUMNS} FROM nominations n WHERE ${where(scoped, literal)}
      UNION ALL SELECT ${ENTRY_COLUMNS} FROM ${ENTRIES_FROM} WHERE ${entriesWhere(scoped, literal)}) r
      ORDER BY array_position(${literal(order)}::int[], r.unit_id)) TO STDOUT`;
    const client = await poolOf(this.db).connect();
    const copy = new CopyUnits(sql, names);
    client.query(copy);
    try {
      for (let unit = await copy.next(); unit; unit = await copy.next()) {
        yield unit;
        unit.release();
      }
    } finally {
      if (copy.done) client.release();
      else {
        // Left before the end: the connection is closed (which stops the statement), not reused mid-COPY.
        copy.abandon();
        client.release(new Error('export read abandoned'));
      }
    }
  }

  /** Evidence files of the matching rows (for the ZIP bundle): the residents', then the units' lists'. */
  evidence(filter: ExportFilter): AsyncGenerator<EvidenceFile> {
    return evidenceFiles(this.db, filter);
  }
}
