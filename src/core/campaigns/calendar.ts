/**
 * Calendar arithmetic in Vietnam's time (UTC+7, no daylight saving) on ISO dates "yyyy-mm-dd":
 * weekends, public holidays, local times of day and quiet hours.
 */

const OFFSET_MS = 7 * 3600 * 1000;

export function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The instant of a local (Vietnam) date and "HH:MM". */
export function localInstant(isoDate: string, time: string): Date {
  return new Date(Date.parse(`${isoDate}T${time}:00Z`) - OFFSET_MS);
}

/** Local date and minutes since midnight of an instant. */
export function localParts(instant: Date): { date: string; minutes: number; weekday: number } {
  const local = new Date(instant.getTime() + OFFSET_MS);
  return { date: local.toISOString().slice(0, 10), minutes: local.getUTCHours() * 60 + local.getUTCMinutes(), weekday: local.getUTCDay() };
}

/** Working days: Monday to Friday, except the configured public holidays (Tết, 30/4, 1/5, 2/9…). */
export class WorkCalendar {
  private readonly holidays: Set<string>;

  constructor(holidays: Iterable<string>) {
    this.holidays = new Set(holidays);
  }

  isWorkingDay(isoDate: string): boolean {
    const weekday = new Date(`${isoDate}T00:00:00Z`).getUTCDay();
    return weekday !== 0 && weekday !== 6 && !this.holidays.has(isoDate);
  }

  /** The last working day on or before `isoDate`. */
  workingDayOnOrBefore(isoDate: string): string {
    let day = isoDate;
    for (let guard = 0; guard < 60 && !this.isWorkingDay(day); guard += 1) day = addDays(day, -1);
    return day;
  }

  /** `count` working days before `isoDate` (0: the last working day on or before it). */
  workingDaysBefore(isoDate: string, count: number): string {
    let day = this.workingDayOnOrBefore(isoDate);
    for (let left = count; left > 0; left -= 1) day = this.workingDayOnOrBefore(addDays(day, -1));
    return day;
  }
}

/** Quiet hours (local): nothing is sent from `start` to `end` o'clock; what falls there waits for `end`. */
export interface QuietHours {
  start: number;
  end: number;
}

export const DEFAULT_QUIET_HOURS: QuietHours = { start: 21, end: 7 };

/** Moves an instant out of the quiet hours to the next morning's end of quiet hours. */
export function outOfQuietHours(instant: Date, quiet: QuietHours = DEFAULT_QUIET_HOURS): Date {
  const { date, minutes } = localParts(instant);
  const end = `${String(quiet.end).padStart(2, '0')}:00`;
  if (minutes >= quiet.start * 60) return localInstant(addDays(date, 1), end);
  if (minutes < quiet.end * 60) return localInstant(date, end);
  return instant;
}

/** Vietnam's fixed-date public holidays for a year, plus the lunar ones as configured elsewhere. */
export function fixedHolidays(year: number): string[] {
  return [`${year}-01-01`, `${year}-04-30`, `${year}-05-01`, `${year}-09-01`, `${year}-09-02`];
}
