/**
 * What every admin command is made of: its words and options, a context (configuration, the
 * environment, the clock, where to print) and small helpers for checks, tables and times.
 */
import type { ParseArgsConfig } from 'node:util';
import type { Config } from '../config.js';
import type { Db } from '../infra/db/client.js';

/** A wrong command line: one line, exit 2. */
export class UsageError extends Error {}

export type Values = Record<string, string | boolean | undefined>;
export type Work = (db: Db) => Promise<void>;

export interface Context {
  config: Config;
  env: Record<string, string | undefined>;
  now: () => Date;
  /** Prints one line on standard output. */
  print: (line?: string) => void;
}

export interface Command {
  words: string[];
  options?: NonNullable<ParseArgsConfig['options']>;
  positionals?: string[];
  /** Checks the arguments (before the database opens) and returns the work to do on the database. */
  prepare(values: Values, positionals: string[], context: Context): Promise<Work> | Work;
}

export const str = (values: Values, name: string) => (typeof values[name] === 'string' ? (values[name] as string) : undefined);

/** "2026-12-03 17:00 +07": Vietnam has no daylight saving time. */
export const vnTime = (date: Date) => `${new Date(date.getTime() + 7 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ')} +07`;

export function positiveInteger(text: string, what: string, max = 2_147_483_647): number {
  const value = /^\d{1,10}$/.test(text) ? Number(text) : NaN;
  if (!(value >= 1 && value <= max)) throw new UsageError(`${what} must be a whole number from 1 to ${max}, not "${text}"`);
  return value;
}

export async function findUnit(db: Db, code: string) {
  const unit = await db.unit.findUnique({ where: { code }, select: { id: true, code: true, name: true, active: true } });
  if (!unit) throw new Error(`unknown unit "${code}" (see: npm run admin -- units list)`);
  return unit;
}

export const unitLabel = (code: string | null, name?: string | null) => (code ? (name ? `${code} (${name})` : code) : '');

/** Rows as aligned columns; the last column (names of any length) is not padded. */
export function table(print: (line: string) => void, header: string[], rows: string[][]): void {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: string[]) => cells.map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column]!))).join('  ').trimEnd();
  print(line(header));
  for (const row of rows) print(line(row));
}

/** The first meaningful line of an error (Prisma's messages start with a blank line and an invocation). */
export function oneLine(error: unknown): string {
  const lines = (error instanceof Error ? error.message : String(error)).split('\n').map((line) => line.trim()).filter(Boolean);
  if (lines.length === 0) return 'unexpected error';
  return /^Invalid `.*` invocation/.test(lines[0]!) ? lines[lines.length - 1]! : lines[0]!;
}
