/**
 * Calendar dates in Vietnam's time zone (Asia/Ho_Chi_Minh, UTC+7 all year, no daylight saving).
 * A date is carried as an ISO string "yyyy-mm-dd"; people read and type dd/mm/yyyy.
 */
import { foldVietnamese } from './normalize.js';

const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;

/** The calendar date in Vietnam at instant `now`, as yyyy-mm-dd. */
export function vietnamDate(now: Date): string {
  return new Date(now.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

/** The year in Vietnam at instant `now`. */
export function vietnamYear(now: Date): number {
  return Number(vietnamDate(now).slice(0, 4));
}

/** yyyy-mm-dd → dd/mm/yyyy. */
export function formatDate(isoDate: string): string {
  const [year, month, day] = isoDate.split('-');
  return `${day}/${month}/${year}`;
}

/** An instant → dd/mm/yyyy HH:mm in Vietnam's time. */
export function formatDateTime(instant: Date): string {
  const local = new Date(instant.getTime() + VIETNAM_OFFSET_MS).toISOString();
  return `${formatDate(local.slice(0, 10))} ${local.slice(11, 16)}`;
}

function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

export type DateResult = { ok: true; date: string } | { ok: false; reason: 'format' | 'invalid' | 'future' | 'too-old' };

/**
 * A date as typed, "dd/mm/yyyy" (also "-" or ".", one-digit day or month, two-digit year), checked
 * against the calendar (31/02 is refused). No limit on past or future.
 */
export function parseTypedDate(input: string): { ok: true; date: string } | { ok: false; reason: 'format' | 'invalid' } {
  const match = /^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{2}|\d{4})$/.exec(input.normalize('NFKC').trim());
  if (!match) return { ok: false, reason: 'format' };
  const day = Number(match[1]);
  const month = Number(match[2]);
  let year = Number(match[3]);
  if (match[3]!.length === 2) year += 2000;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return { ok: false, reason: 'invalid' };
  return { ok: true, date: date.toISOString().slice(0, 10) };
}

const TODAY = new Set(['hom nay', 'today', 'nay']);
const YESTERDAY = new Set(['hom qua', 'yesterday', 'qua']);

/**
 * Parses the date of a deed: "dd/mm/yyyy" (also with "-" or ".", one-digit day or month, two-digit
 * year), "hôm nay", "hôm qua". Refuses impossible dates (31/02), dates in the future and dates older
 * than `maxAgeYears`.
 */
export function parsePastDate(input: string, now: Date, maxAgeYears: number): DateResult {
  const today = vietnamDate(now);
  const folded = foldVietnamese(input);
  let candidate: string | undefined;
  if (TODAY.has(folded)) candidate = today;
  else if (YESTERDAY.has(folded)) candidate = addDays(today, -1);
  else {
    const typed = parseTypedDate(input);
    if (!typed.ok) return typed;
    candidate = typed.date;
  }
  if (candidate > today) return { ok: false, reason: 'future' };
  const earliest = `${Number(today.slice(0, 4)) - maxAgeYears}${today.slice(4)}`;
  if (candidate < earliest) return { ok: false, reason: 'too-old' };
  return { ok: true, date: candidate };
}
