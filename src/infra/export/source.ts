/**
 * Reads nominations for an export, unit by unit, in pages: memory stays bounded by the largest
 * unit, whatever the total.
 */
import type { ExportFilter, ExportSource } from '../../core/export/rows.js';
import { poolOf, type Db } from '../db/client.js';

export interface UnitGroup {
  unitId: number;
  unitName: string;
  count: number;
}

/** Rows per round trip of the export cursor. */
const BATCH = 5000;

function where(filter: ExportFilter, values: unknown[]): string {
  const clauses = ['TRUE'];
  const add = (clause: (index: string) => string, value: unknown) => {
    values.push(value);
    clauses.push(clause(`$${values.length}`));
  };
  if (filter.campaignId) add((p) => `n.campaign_id = ${p}`, filter.campaignId);
  if (filter.from) add((p) => `n.submitted_at >= ${p}::date - interval '7 hours'`, filter.from);
  if (filter.to) add((p) => `n.submitted_at < ${p}::date + interval '1 day' - interval '7 hours'`, filter.to);
  // null means every unit; an empty list means none (never "no filter": a head's scope can be empty).
  if (filter.unitIds) add((p) => `n.unit_id = ANY(${p}::int[])`, filter.unitIds);
  if (filter.statuses) add((p) => `n.status = ANY(${p}::text[])`, filter.statuses);
  return clauses.join(' AND ');
}

interface CursorRow {
  id: number; code: string; unit_id: number; nominee_kind: string; nominee_name: string; nominee_birth_year: number | null; nominee_role: string | null;
  deed_category: string; description: string; award_form: string | null; nominator_name: string | null; nominator_phone: string | null;
  submitted_at: Date; status: string; last_reason: string | null; decision_number: string | null; decision_date: string | null; duplicate_code: string | null;
}

function toSource(row: Omit<CursorRow, 'unit_id'>, unitName: string): ExportSource {
  return {
    id: row.id,
    code: row.code,
    nomineeKind: row.nominee_kind,
    nomineeName: row.nominee_name,
    nomineeBirthYear: row.nominee_birth_year,
    nomineeRole: row.nominee_role,
    unitName,
    deedCategory: row.deed_category,
    description: row.description,
    awardForm: row.award_form,
    nominatorName: row.nominator_name,
    nominatorPhone: row.nominator_phone,
    submittedAt: row.submitted_at,
    status: row.status,
    lastReason: row.last_reason,
    decisionNumber: row.decision_number,
    decisionDate: row.decision_date,
    duplicateOfCode: row.duplicate_code,
  };
}

export class ExportSourceRepository {
  constructor(private readonly db: Db) {}

  /** The units with at least one matching nomination, with counts. */
  async groups(filter: ExportFilter): Promise<UnitGroup[]> {
    const values: unknown[] = [];
    const { rows } = await poolOf(this.db).query<{ unit_id: number; name: string; parent: string | null; count: string }>(
      `SELECT n.unit_id, u.name, p.name AS parent, count(*) FROM nominations n JOIN units u ON u.id = n.unit_id LEFT JOIN units p ON p.id = u.parent_id
        WHERE ${where(filter, values)} GROUP BY n.unit_id, u.name, p.name`,
      values,
    );
    return rows.map((row) => ({ unitId: row.unit_id, unitName: row.parent ? `${row.name} – ${row.parent}` : row.name, count: Number(row.count) }));
  }

  /** Counts per unit and status (the summary sheet). */
  async countsByUnitAndStatus(filter: ExportFilter): Promise<{ unitId: number; status: string; count: number }[]> {
    const values: unknown[] = [];
    const { rows } = await poolOf(this.db).query<{ unit_id: number; status: string; count: string }>(`SELECT n.unit_id, n.status, count(*) FROM nominations n WHERE ${where(filter, values)} GROUP BY 1, 2`, values);
    return rows.map((row) => ({ unitId: row.unit_id, status: row.status, count: Number(row.count) }));
  }

  /** Counts per deed category. */
  async countsByCategory(filter: ExportFilter): Promise<{ category: string; count: number }[]> {
    const values: unknown[] = [];
    const { rows } = await poolOf(this.db).query<{ deed_category: string; count: string }>(`SELECT n.deed_category, count(*) FROM nominations n WHERE ${where(filter, values)} GROUP BY 1 ORDER BY 2 DESC`, values);
    return rows.map((row) => ({ category: row.deed_category, count: Number(row.count) }));
  }

  /**
   * Every matching nomination, unit after unit in the given order, through one server-side cursor
   * read in batches (the next batch is fetched while the current one is processed). Yields each
   * unit's rows together, so only one unit is held in memory.
   */
  async *rowsByUnit(filter: ExportFilter, units: UnitGroup[]): AsyncGenerator<{ unitId: number; rows: ExportSource[] }> {
    const names = new Map(units.map((unit) => [unit.unitId, unit.unitName]));
    const order = units.map((unit) => unit.unitId);
    const client = await poolOf(this.db).connect();
    try {
      await client.query('BEGIN READ ONLY');
      const values: unknown[] = [];
      const clause = where({ ...filter, unitIds: order }, values);
      values.push(order);
      await client.query(
        `DECLARE export_rows NO SCROLL CURSOR FOR
         SELECT n.id, n.code, n.unit_id, n.nominee_kind, n.nominee_name, n.nominee_birth_year, n.nominee_role, n.deed_category, n.description, n.award_form,
                n.nominator_name, n.nominator_phone, n.submitted_at, n.status, n.last_reason, n.decision_number,
                to_char(n.decision_date, 'YYYY-MM-DD') AS decision_date, d.code AS duplicate_code
           FROM nominations n LEFT JOIN nominations d ON d.id = n.duplicate_of_id
          WHERE ${clause} ORDER BY array_position($${values.length}::int[], n.unit_id), n.id`,
        values,
      );
      const fetch = () => client.query<CursorRow>(`FETCH ${BATCH} FROM export_rows`);
      let pending = fetch();
      let current: { unitId: number; rows: ExportSource[] } | undefined;
      for (;;) {
        const { rows } = await pending;
        if (rows.length === 0) break;
        pending = fetch();
        for (const row of rows) {
          if (current && current.unitId !== row.unit_id) {
            yield current;
            current = undefined;
          }
          current ??= { unitId: row.unit_id, rows: [] };
          current.rows.push(toSource(row, names.get(row.unit_id) ?? ''));
        }
      }
      if (current) yield current;
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  /** Evidence files of the matching nominations (for the ZIP bundle). */
  async *evidence(filter: ExportFilter): AsyncGenerator<{ code: string; position: number; fileName: string | null; kind: string; mimeType: string | null; sha256: string | null; storageKey: string | null }> {
    let after = 0;
    for (;;) {
      const values: unknown[] = [];
      const clause = where(filter, values);
      values.push(after);
      const { rows } = await poolOf(this.db).query<{ id: number; code: string; position: number; file_name: string | null; kind: string; mime_type: string | null; sha256: string | null; storage_key: string | null }>(
        `SELECT e.id, n.code, e.position, e.file_name, e.kind, e.mime_type, e.sha256, e.storage_key
           FROM evidence e JOIN nominations n ON n.id = e.nomination_id
          WHERE ${clause} AND e.id > $${values.length} ORDER BY e.id LIMIT 1000`,
        values,
      );
      if (rows.length === 0) return;
      for (const row of rows) yield { code: row.code, position: row.position, fileName: row.file_name, kind: row.kind, mimeType: row.mime_type, sha256: row.sha256, storageKey: row.storage_key };
      after = rows.at(-1)!.id;
    }
  }
}
