/**
 * The files of an export's ZIP bundle, paged by id: the residents' evidence under each nomination's
 * code; a unit entry's achievement report under "<entry code>-bao-cao", and a list's minutes under
 * "<campaign>-<unit>-bien-ban".
 */
import type { ExportFilter } from '../../core/export/rows.js';
import { poolOf, type Db } from '../db/client.js';
import { entriesWhere, parameters, where } from './filters.js';

export interface EvidenceFile {
  code: string;
  position: number;
  fileName: string | null;
  kind: string;
  mimeType: string | null;
  sha256: string | null;
  storageKey: string | null;
}

export async function* evidenceFiles(db: Db, filter: ExportFilter): AsyncGenerator<EvidenceFile> {
  let after = 0;
  for (;;) {
    const values: unknown[] = [];
    const clause = where(filter, parameters(values));
    values.push(after);
    const { rows } = await poolOf(db).query<{ id: number; code: string; position: number; file_name: string | null; kind: string; mime_type: string | null; sha256: string | null; storage_key: string | null }>(
      `SELECT e.id, n.code, e.position, e.file_name, e.kind, e.mime_type, e.sha256, e.storage_key
         FROM evidence e JOIN nominations n ON n.id = e.nomination_id
        WHERE ${clause} AND e.id > $${values.length} ORDER BY e.id LIMIT 1000`,
      values,
    );
    if (rows.length === 0) break;
    for (const row of rows) yield { code: row.code, position: row.position, fileName: row.file_name, kind: row.kind, mimeType: row.mime_type, sha256: row.sha256, storageKey: row.storage_key };
    after = rows.at(-1)!.id;
  }
  after = 0;
  for (;;) {
    const values: unknown[] = [];
    const clause = entriesWhere(filter, parameters(values));
    values.push(after);
    // Positions are counted per entry (or list) over all its files, before paging by id.
    const { rows } = await poolOf(db).query<{ id: number; code: string; position: string; file_name: string | null; kind: string; mime_type: string | null; sha256: string | null; storage_key: string | null }>(
      `SELECT * FROM (
         SELECT f.id, CASE WHEN e.id IS NULL THEN c.code || '-' || u.code || '-bien-ban'
                           ELSE COALESCE(nc.code, c.code || '-' || u.code || '-' || lpad(e.position::text, 2, '0')) || '-bao-cao' END AS code,
                row_number() OVER (PARTITION BY f.proposal_id, f.entry_id ORDER BY f.id) AS position, f.file_name, f.kind, f.mime_type, f.sha256, f.storage_key
           FROM proposal_files f JOIN proposals p ON p.id = f.proposal_id JOIN campaigns c ON c.id = p.campaign_id JOIN units u ON u.id = p.unit_id
           LEFT JOIN proposal_entries e ON e.id = f.entry_id LEFT JOIN nominations nc ON nc.id = e.nomination_id
          WHERE ${clause}) files
        WHERE files.id > $${values.length} ORDER BY files.id LIMIT 1000`,
      values,
    );
    if (rows.length === 0) return;
    for (const row of rows) yield { code: row.code, position: Number(row.position), fileName: row.file_name, kind: row.kind, mimeType: row.mime_type, sha256: row.sha256, storageKey: row.storage_key };
    after = rows.at(-1)!.id;
  }
}
