/**
 * The export's filter as SQL, over the residents' nominations (alias n) and over the entries of
 * the units' proposal lists (aliases e, p): as query parameters, or (COPY takes none) as literals.
 */
import pg from 'pg';
import type { ExportFilter } from '../../core/export/rows.js';

/** How a filter value enters the SQL: as a query parameter, or (COPY takes none) as a literal. */
export type Bind = (value: unknown) => string;

export const parameters =
  (values: unknown[]): Bind =>
  (value) => {
    values.push(value);
    return `$${values.length}`;
  };

/** A filter value as an SQL literal; only the kinds of values a filter holds. */
export function literal(value: unknown): string {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  if (typeof value === 'string') return pg.escapeLiteral(value);
  if (Array.isArray(value)) return `ARRAY[${value.map(literal).join(',')}]`;
  throw new Error(`an export filter cannot hold ${typeof value} ${String(value)}`);
}

export function where(filter: ExportFilter, bind: Bind): string {
  const clauses = ['TRUE'];
  if (filter.campaignId) clauses.push(`n.campaign_id = ${bind(filter.campaignId)}`);
  if (filter.from) clauses.push(`n.submitted_at >= ${bind(filter.from)}::date - interval '7 hours'`);
  if (filter.to) clauses.push(`n.submitted_at < ${bind(filter.to)}::date + interval '1 day' - interval '7 hours'`);
  // null means every unit; an empty list means none (never "no filter": a head's scope can be empty).
  if (filter.unitIds) clauses.push(`n.unit_id = ANY(${bind(filter.unitIds)}::int[])`);
  if (filter.statuses) clauses.push(`n.status = ANY(${bind(filter.statuses)}::text[])`);
  return clauses.join(' AND ');
}

/**
 * The same filter over the units' lists: entries of submitted (or returned, or accepted) lists of
 * the campaign, by the list's submission date; they count as proposed, so a status filter keeps
 * them only when it keeps "Đề nghị khen thưởng".
 */
export function entriesWhere(filter: ExportFilter, bind: Bind): string {
  const clauses = ["p.status <> 'draft'"];
  if (filter.statuses && !filter.statuses.includes('proposed')) clauses.push('FALSE');
  if (filter.campaignId) clauses.push(`p.campaign_id = ${bind(filter.campaignId)}`);
  if (filter.from) clauses.push(`p.submitted_at >= ${bind(filter.from)}::date - interval '7 hours'`);
  if (filter.to) clauses.push(`p.submitted_at < ${bind(filter.to)}::date + interval '1 day' - interval '7 hours'`);
  if (filter.unitIds) clauses.push(`p.unit_id = ANY(${bind(filter.unitIds)}::int[])`);
  return clauses.join(' AND ');
}

/** Unit id and status of every matching row of both kinds (for counts). */
export function countedRows(filter: ExportFilter, bind: Bind): string {
  return `SELECT n.unit_id, n.status FROM nominations n WHERE ${where(filter, bind)}
          UNION ALL
          SELECT p.unit_id, 'list-' || e.status FROM proposal_entries e JOIN proposals p ON p.id = e.proposal_id WHERE ${entriesWhere(filter, bind)}`;
}
