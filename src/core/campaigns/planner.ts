/**
 * Reminder planning: computed from state at any moment, so a bot that was down at 08:00 sends what
 * is still owed when it comes back — only the latest step, worded as late where the deadline has
 * passed — and never a stale "7 days left".
 */
import { addDays, daysBetween, localInstant, localParts, outOfQuietHours, type QuietHours, type WorkCalendar, DEFAULT_QUIET_HOURS } from './calendar.js';

export const CAMPAIGN_KINDS = ['regular', 'thematic', 'mid-year', 'year-end'] as const;
export type CampaignKind = (typeof CAMPAIGN_KINDS)[number];

/** How a campaign reminds: days before the deadline (0 = on the day), local time, working days only. */
export interface ReminderPlan {
  reminderDays: number[];
  reminderTime: string;
  workingDaysOnly: boolean;
}

export const DEFAULT_REMINDER_PLAN: ReminderPlan = { reminderDays: [7, 3, 1, 0], reminderTime: '08:00', workingDaysOnly: false };

export interface ScheduledReminder {
  /** "d7", "d3", "d1", "d0". */
  step: string;
  daysBefore: number;
  /** The step with the deadline it counts towards: a changed deadline makes new keys (re-planned reminders). */
  key: string;
  plannedAt: Date;
}

/** Every reminder of a unit for a deadline, in time order. */
export function reminderSchedule(plan: ReminderPlan, deadline: string, calendar: WorkCalendar, quiet: QuietHours = DEFAULT_QUIET_HOURS): ScheduledReminder[] {
  const days = [...new Set(plan.reminderDays)].filter((day) => day >= 0).sort((a, b) => b - a);
  return days
    .map((daysBefore) => {
      const date = plan.workingDaysOnly ? calendar.workingDaysBefore(deadline, daysBefore) : addDays(deadline, -daysBefore);
      return { step: `d${daysBefore}`, daysBefore, key: `d${daysBefore}@${deadline}`, plannedAt: outOfQuietHours(localInstant(date, plan.reminderTime), quiet) };
    })
    .sort((a, b) => a.plannedAt.getTime() - b.plannedAt.getTime());
}

export interface DueReminder extends ScheduledReminder {
  /** Calendar days from today (Vietnam) to the deadline; negative once it has passed. */
  daysLeft: number;
  late: boolean;
}

/**
 * The one reminder owed to a unit at `now`: the latest step whose time has come, unless the unit
 * has reported or now is within quiet hours. Older steps are never sent late.
 */
export function dueReminder(
  plan: ReminderPlan,
  unit: { deadline: string; reported: boolean },
  now: Date,
  calendar: WorkCalendar,
  quiet: QuietHours = DEFAULT_QUIET_HOURS,
): DueReminder | null {
  if (unit.reported || isQuiet(now, quiet)) return null;
  const owed = reminderSchedule(plan, unit.deadline, calendar, quiet).filter((reminder) => reminder.plannedAt.getTime() <= now.getTime());
  const latest = owed.at(-1);
  if (!latest) return null;
  const today = localParts(now).date;
  const daysLeft = daysBetween(today, unit.deadline);
  return { ...latest, daysLeft, late: daysLeft < 0 };
}

export function isQuiet(now: Date, quiet: QuietHours = DEFAULT_QUIET_HOURS): boolean {
  const { minutes } = localParts(now);
  return minutes >= quiet.start * 60 || minutes < quiet.end * 60;
}

/**
 * The council's digest of units that have not reported: the day after the deadline, then weekly,
 * at the reminder time. Returns the digest owed now (its key names its day), or null.
 */
export function dueDigest(deadline: string, reminderTime: string, now: Date, quiet: QuietHours = DEFAULT_QUIET_HOURS): { key: string; date: string } | null {
  if (isQuiet(now, quiet)) return null;
  const first = addDays(deadline, 1);
  const today = localParts(now).date;
  if (today < first) return null;
  const weeks = Math.floor(daysBetween(first, today) / 7);
  let date = addDays(first, weeks * 7);
  if (outOfQuietHours(localInstant(date, reminderTime), quiet).getTime() > now.getTime()) {
    if (weeks === 0) return null;
    date = addDays(first, (weeks - 1) * 7);
  }
  return { key: `digest@${date}`, date };
}

/** A unit's effective deadline: its extension, or the campaign's. */
export function effectiveDeadline(campaignDeadline: string, override: string | null): string {
  return override ?? campaignDeadline;
}
