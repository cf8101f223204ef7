/**
 * The reminder planner as a pure function of (plan, deadline, calendar, now): every "now" is
 * injected, written as a Vietnam local time. Calendar-day and working-day schedules (weekends,
 * fixed and lunar holidays skipped), the 08:00 → 01:00Z conversion, quiet hours (21:00–07:00),
 * what is owed at a given moment (only the latest step, late after the deadline, nothing for a
 * unit that reported or during quiet hours), re-planning on a changed deadline, the council's
 * digest, and the calendar helpers.
 */
import { describe, expect, it } from 'vitest';
import {
  addDays,
  daysBetween,
  DEFAULT_QUIET_HOURS,
  fixedHolidays,
  localInstant,
  localParts,
  outOfQuietHours,
  WorkCalendar,
} from '../../src/core/campaigns/calendar.js';
import {
  CAMPAIGN_KINDS,
  DEFAULT_REMINDER_PLAN,
  dueDigest,
  dueReminder,
  effectiveDeadline,
  isQuiet,
  reminderSchedule,
  type ReminderPlan,
} from '../../src/core/campaigns/planner.js';
import { DEFAULT_LUNAR_HOLIDAYS } from '../../src/config.js';

/** An instant given as Vietnam local time "yyyy-mm-dd HH:MM" (UTC+7, no daylight saving). */
const vn = (local: string): Date => {
  const [date, time] = local.split(' ');
  return new Date(`${date}T${time}:00+07:00`);
};
/** The same instant written back as Vietnam local time. */
const asVn = (instant: Date): string => {
  const local = new Date(instant.getTime() + 7 * 3600_000).toISOString();
  return `${local.slice(0, 10)} ${local.slice(11, 16)}`;
};

const calendar = new WorkCalendar([...fixedHolidays(2026), ...fixedHolidays(2027), ...DEFAULT_LUNAR_HOLIDAYS]);
const CALENDAR_DAYS: ReminderPlan = { reminderDays: [7, 3, 1, 0], reminderTime: '08:00', workingDaysOnly: false };
const WORKING_DAYS: ReminderPlan = { ...CALENDAR_DAYS, workingDaysOnly: true };

/** Schedule as { step: local time }. */
const scheduleOf = (plan: ReminderPlan, deadline: string) => Object.fromEntries(reminderSchedule(plan, deadline, calendar).map((item) => [item.step, asVn(item.plannedAt)]));

describe('reminderSchedule', () => {
  it('the default plan is 7, 3, 1 and 0 days before at 08:00 on calendar days', () => {
    expect(DEFAULT_REMINDER_PLAN).toEqual(CALENDAR_DAYS);
  });

  it('08:00 in Vietnam is 01:00Z', () => {
    const [d0] = reminderSchedule({ ...CALENDAR_DAYS, reminderDays: [0] }, '2026-12-14', calendar);
    expect(d0!.plannedAt.toISOString()).toBe('2026-12-14T01:00:00.000Z');
  });

  it.each<[string, ReminderPlan, string, Record<string, string>]>([
    // Deadline Monday 14/12/2026: calendar days land on the Sunday before too.
    ['calendar days, deadline on a Monday', CALENDAR_DAYS, '2026-12-14', { d7: '2026-12-07 08:00', d3: '2026-12-11 08:00', d1: '2026-12-13 08:00', d0: '2026-12-14 08:00' }],
    // Working days: 1 working day before a Monday is the Friday; 7 working days skip the weekend.
    ['working days, deadline on a Monday', WORKING_DAYS, '2026-12-14', { d7: '2026-12-03 08:00', d3: '2026-12-09 08:00', d1: '2026-12-11 08:00', d0: '2026-12-14 08:00' }],
    // Deadline Monday 4/5/2026: 30/4 and 1/5 are holidays, 2–3/5 the weekend, 27/4 Giỗ Tổ Hùng Vương.
    ['working days, holidays in between', WORKING_DAYS, '2026-05-04', { d7: '2026-04-20 08:00', d3: '2026-04-24 08:00', d1: '2026-04-29 08:00', d0: '2026-05-04 08:00' }],
    // Deadline on a holiday (2/9, with 1/9): the "on the day" reminder goes the last working day before.
    ['working days, deadline on a holiday', WORKING_DAYS, '2026-09-02', { d7: '2026-08-20 08:00', d3: '2026-08-26 08:00', d1: '2026-08-28 08:00', d0: '2026-08-31 08:00' }],
    // Deadline on a Saturday.
    ['working days, deadline on a Saturday', WORKING_DAYS, '2026-12-12', { d7: '2026-12-02 08:00', d3: '2026-12-08 08:00', d1: '2026-12-10 08:00', d0: '2026-12-11 08:00' }],
    // Right after Tết (14–22/2/2026): one working day before Monday 23/2 is Friday 13/2.
    ['working days, right after Tết', { ...WORKING_DAYS, reminderDays: [1, 0] }, '2026-02-23', { d1: '2026-02-13 08:00', d0: '2026-02-23 08:00' }],
    // Calendar days ignore holidays.
    ['calendar days over Tết', { ...CALENDAR_DAYS, reminderDays: [3, 1] }, '2026-02-23', { d3: '2026-02-20 08:00', d1: '2026-02-22 08:00' }],
    // Across a year end.
    ['working days across the new year', WORKING_DAYS, '2027-01-04', { d7: '2026-12-23 08:00', d3: '2026-12-29 08:00', d1: '2026-12-31 08:00', d0: '2027-01-04 08:00' }],
  ])('%s', (_name, plan, deadline, expected) => {
    expect(scheduleOf(plan, deadline)).toEqual(expected);
  });

  it('steps come in time order, each keyed by step and deadline; duplicates and negative days are dropped', () => {
    const schedule = reminderSchedule({ ...CALENDAR_DAYS, reminderDays: [0, 3, 7, 3, -1, 1] }, '2026-12-14', calendar);
    expect(schedule.map((item) => item.step)).toEqual(['d7', 'd3', 'd1', 'd0']);
    expect(schedule.map((item) => item.key)).toEqual(['d7@2026-12-14', 'd3@2026-12-14', 'd1@2026-12-14', 'd0@2026-12-14']);
    expect(schedule.map((item) => item.daysBefore)).toEqual([7, 3, 1, 0]);
  });

  it.each<[string, string, string]>([
    ['22:00 waits for 07:00 the next day', '22:00', '2026-12-08 07:00'],
    ['21:00 (start of quiet hours) waits for 07:00 the next day', '21:00', '2026-12-08 07:00'],
    ['20:59 is sent as planned', '20:59', '2026-12-07 20:59'],
    ['06:00 waits for 07:00 the same day', '06:00', '2026-12-07 07:00'],
    ['00:00 waits for 07:00 the same day', '00:00', '2026-12-07 07:00'],
    ['07:00 (end of quiet hours) is sent as planned', '07:00', '2026-12-07 07:00'],
  ])('quiet hours: %s', (_name, reminderTime, expected) => {
    const [d7] = reminderSchedule({ ...CALENDAR_DAYS, reminderTime, reminderDays: [7] }, '2026-12-14', calendar);
    expect(asVn(d7!.plannedAt)).toBe(expected);
  });

  it('quiet hours: 22:00 is 07:00 next day = 00:00Z', () => {
    const [d7] = reminderSchedule({ ...CALENDAR_DAYS, reminderTime: '22:00', reminderDays: [7] }, '2026-12-14', calendar);
    expect(d7!.plannedAt.toISOString()).toBe('2026-12-08T00:00:00.000Z');
  });

  it('documents: with an evening reminder time the "on the day" step arrives the morning after the deadline, as a late reminder', () => {
    // Not asked for by the brief either way; pinned so the choice is visible (see the report).
    const plan = { ...CALENDAR_DAYS, reminderTime: '22:00' };
    expect(scheduleOf(plan, '2026-12-14').d0).toBe('2026-12-15 07:00');
    expect(dueReminder(plan, { deadline: '2026-12-14', reported: false }, vn('2026-12-15 07:00'), calendar)).toMatchObject({ step: 'd0', daysLeft: -1, late: true });
    // Working days only, Friday 22:00 moves to a Saturday morning.
    expect(scheduleOf({ ...WORKING_DAYS, reminderTime: '22:00' }, '2026-12-14').d1).toBe('2026-12-12 07:00');
  });

  it('every campaign kind plans from the same plan data (the kind changes nothing)', () => {
    const base = { id: 1, code: 'C', name: 'Đợt', opensOn: '2026-11-01', closesOn: '2026-12-31', deadline: '2026-12-14', status: 'open', reminderDays: [10, 2, 0], reminderTime: '09:30', workingDaysOnly: true };
    const expected = reminderSchedule({ reminderDays: [10, 2, 0], reminderTime: '09:30', workingDaysOnly: true }, '2026-12-14', calendar);
    for (const kind of CAMPAIGN_KINDS) {
      const campaign = { ...base, kind };
      expect(reminderSchedule(campaign, campaign.deadline, calendar), kind).toEqual(expected);
      for (const now of ['2026-11-30 09:30', '2026-12-10 10:00', '2026-12-14 09:30', '2026-12-20 12:00']) {
        expect(dueReminder(campaign, { deadline: campaign.deadline, reported: false }, vn(now), calendar), `${kind} at ${now}`).toEqual(
          dueReminder({ reminderDays: [10, 2, 0], reminderTime: '09:30', workingDaysOnly: true }, { deadline: '2026-12-14', reported: false }, vn(now), calendar),
        );
      }
    }
  });
});

describe('dueReminder', () => {
  type Case = [string, ReminderPlan, string, boolean, { step: string; daysLeft: number; late: boolean } | null];
  const D = '2026-12-14';
  it.each<Case>([
    ['nothing before the first step', CALENDAR_DAYS, '2026-12-07 07:59', false, null],
    ['nothing a week before the first step', CALENDAR_DAYS, '2026-11-30 12:00', false, null],
    ['d7 at its time', CALENDAR_DAYS, '2026-12-07 08:00', false, { step: 'd7', daysLeft: 7, late: false }],
    ['d7 still owed later that day', CALENDAR_DAYS, '2026-12-07 20:59', false, { step: 'd7', daysLeft: 7, late: false }],
    ['d7 the days after, before d3', CALENDAR_DAYS, '2026-12-10 16:00', false, { step: 'd7', daysLeft: 4, late: false }],
    ['d3 once both d7 and d3 are past (never a stale d7)', CALENDAR_DAYS, '2026-12-11 08:00', false, { step: 'd3', daysLeft: 3, late: false }],
    ['d3 after a bot that was down from before d7', CALENDAR_DAYS, '2026-12-12 10:00', false, { step: 'd3', daysLeft: 2, late: false }],
    ['d1 on the Sunday', CALENDAR_DAYS, '2026-12-13 08:00', false, { step: 'd1', daysLeft: 1, late: false }],
    ['d0 on the day', CALENDAR_DAYS, '2026-12-14 08:00', false, { step: 'd0', daysLeft: 0, late: false }],
    ['d0 on the day, evening', CALENDAR_DAYS, '2026-12-14 20:30', false, { step: 'd0', daysLeft: 0, late: false }],
    ['late the day after, when the bot was down', CALENDAR_DAYS, '2026-12-15 07:00', false, { step: 'd0', daysLeft: -1, late: true }],
    ['late days after, when the bot was down', CALENDAR_DAYS, '2026-12-16 09:00', false, { step: 'd0', daysLeft: -2, late: true }],
    ['nothing for a reported unit (on the day)', CALENDAR_DAYS, '2026-12-14 08:00', true, null],
    ['nothing for a reported unit (late)', CALENDAR_DAYS, '2026-12-20 08:00', true, null],
    ['nothing during quiet hours (22:30)', CALENDAR_DAYS, '2026-12-14 22:30', false, null],
    ['nothing during quiet hours (21:00)', CALENDAR_DAYS, '2026-12-11 21:00', false, null],
    ['nothing during quiet hours (06:59)', CALENDAR_DAYS, '2026-12-15 06:59', false, null],
    ['working days: d1 on the Friday before a Monday deadline', WORKING_DAYS, '2026-12-11 08:00', false, { step: 'd1', daysLeft: 3, late: false }],
    ['working days: still d1 over the weekend', WORKING_DAYS, '2026-12-13 10:00', false, { step: 'd1', daysLeft: 1, late: false }],
    ['working days: d3 on Wednesday', WORKING_DAYS, '2026-12-09 08:00', false, { step: 'd3', daysLeft: 5, late: false }],
    ['working days: nothing on Tuesday before d3', WORKING_DAYS, '2026-12-02 12:00', false, null],
  ])('%s', (_name, plan, now, reported, expected) => {
    const due = dueReminder(plan, { deadline: D, reported }, vn(now), calendar);
    if (expected === null) expect(due).toBeNull();
    else {
      expect(due).toMatchObject(expected);
      expect(due!.key).toBe(`${expected.step}@${D}`);
      expect(due!.plannedAt.getTime()).toBeLessThanOrEqual(vn(now).getTime());
    }
  });

  it('a changed deadline (an extension) yields new keys', () => {
    const now = vn('2026-12-14 09:00');
    const before = dueReminder(CALENDAR_DAYS, { deadline: '2026-12-14', reported: false }, now, calendar);
    const extended = dueReminder(CALENDAR_DAYS, { deadline: effectiveDeadline('2026-12-14', '2026-12-21'), reported: false }, now, calendar);
    expect(before).toMatchObject({ key: 'd0@2026-12-14', daysLeft: 0 });
    expect(extended).toMatchObject({ key: 'd7@2026-12-21', step: 'd7', daysLeft: 7, late: false });
    // Every key of the new schedule is new.
    const oldKeys = new Set(reminderSchedule(CALENDAR_DAYS, '2026-12-14', calendar).map((item) => item.key));
    expect(reminderSchedule(CALENDAR_DAYS, '2026-12-21', calendar).some((item) => oldKeys.has(item.key))).toBe(false);
    // An extension far ahead: nothing owed until its first step.
    expect(dueReminder(CALENDAR_DAYS, { deadline: '2027-01-15', reported: false }, now, calendar)).toBeNull();
  });

  it('the same moment always gives the same answer (computed from state, not from history)', () => {
    const now = vn('2026-12-12 10:00');
    const first = dueReminder(CALENDAR_DAYS, { deadline: D, reported: false }, now, calendar);
    expect(dueReminder(CALENDAR_DAYS, { deadline: D, reported: false }, new Date(now), calendar)).toEqual(first);
  });

  it('quiet hours can be configured', () => {
    const quiet = { start: 20, end: 9 };
    const plan = { ...CALENDAR_DAYS, reminderDays: [0] };
    expect(asVn(reminderSchedule(plan, D, calendar, quiet)[0]!.plannedAt)).toBe('2026-12-14 09:00');
    expect(dueReminder(plan, { deadline: D, reported: false }, vn('2026-12-14 08:30'), calendar, quiet)).toBeNull();
    expect(dueReminder(plan, { deadline: D, reported: false }, vn('2026-12-14 09:00'), calendar, quiet)).toMatchObject({ step: 'd0' });
    expect(dueReminder(plan, { deadline: D, reported: false }, vn('2026-12-14 20:00'), calendar, quiet)).toBeNull();
  });
});

describe('dueDigest', () => {
  const D = '2026-12-14';
  it.each<[string, string, string, string | null]>([
    ['none before the deadline', '08:00', '2026-12-10 09:00', null],
    ['none on the deadline day', '08:00', '2026-12-14 20:00', null],
    ['none the day after, before the reminder time', '08:00', '2026-12-15 07:59', null],
    ['deadline+1 at 08:00', '08:00', '2026-12-15 08:00', 'digest@2026-12-15'],
    ['the same digest until a week later', '08:00', '2026-12-18 10:00', 'digest@2026-12-15'],
    ['the same digest a week later, before the reminder time', '08:00', '2026-12-22 07:59', 'digest@2026-12-15'],
    ['weekly after: deadline+8', '08:00', '2026-12-22 08:00', 'digest@2026-12-22'],
    ['weekly after: deadline+15', '08:00', '2026-12-29 09:00', 'digest@2026-12-29'],
    ['weekly after: across the new year', '08:00', '2027-01-06 12:00', 'digest@2027-01-05'],
    ['none during quiet hours', '08:00', '2026-12-22 22:30', null],
    ['none during quiet hours (morning)', '08:00', '2026-12-23 06:00', null],
    ['an evening reminder time waits for 07:00', '22:00', '2026-12-15 22:30', null],
    ['an evening reminder time: the next morning', '22:00', '2026-12-16 07:00', 'digest@2026-12-15'],
    ['an early reminder time: 07:00', '06:00', '2026-12-15 07:00', 'digest@2026-12-15'],
  ])('%s', (_name, reminderTime, now, expected) => {
    const digest = dueDigest(D, reminderTime, vn(now));
    if (expected === null) expect(digest).toBeNull();
    else expect(digest).toEqual({ key: expected, date: expected.slice('digest@'.length) });
  });
});

describe('calendar helpers', () => {
  it('working days: weekdays except holidays', () => {
    expect(calendar.isWorkingDay('2026-12-14')).toBe(true); // Monday
    expect(calendar.isWorkingDay('2026-12-12')).toBe(false); // Saturday
    expect(calendar.isWorkingDay('2026-12-13')).toBe(false); // Sunday
    expect(calendar.isWorkingDay('2026-04-30')).toBe(false); // Thursday, holiday
    expect(calendar.isWorkingDay('2026-02-16')).toBe(false); // Tết
    expect(calendar.isWorkingDay('2026-04-27')).toBe(false); // Giỗ Tổ Hùng Vương
    expect(new WorkCalendar([]).isWorkingDay('2026-04-30')).toBe(true);
  });

  it.each<[string, string]>([
    ['2026-12-14', '2026-12-14'],
    ['2026-12-13', '2026-12-11'],
    ['2026-12-12', '2026-12-11'],
    ['2026-05-03', '2026-04-29'],
    ['2026-02-22', '2026-02-13'],
  ])('workingDayOnOrBefore(%s) = %s', (day, expected) => {
    expect(calendar.workingDayOnOrBefore(day)).toBe(expected);
  });

  it.each<[string, number, string]>([
    ['2026-12-14', 0, '2026-12-14'],
    ['2026-12-14', 1, '2026-12-11'],
    ['2026-12-14', 5, '2026-12-07'],
    ['2026-12-13', 0, '2026-12-11'],
    ['2026-12-13', 1, '2026-12-10'],
    ['2026-05-04', 1, '2026-04-29'],
    ['2026-05-04', 3, '2026-04-24'],
    ['2026-02-23', 1, '2026-02-13'],
  ])('workingDaysBefore(%s, %i) = %s', (day, count, expected) => {
    expect(calendar.workingDaysBefore(day, count)).toBe(expected);
  });

  it('date arithmetic across months, leap years and years', () => {
    expect(addDays('2026-12-28', 7)).toBe('2027-01-04');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-12-14', '2026-12-21')).toBe(7);
    expect(daysBetween('2026-12-21', '2026-12-14')).toBe(-7);
    expect(daysBetween('2026-12-31', '2027-01-01')).toBe(1);
  });

  it('local (Vietnam) instants and parts', () => {
    expect(localInstant('2026-12-14', '08:00').toISOString()).toBe('2026-12-14T01:00:00.000Z');
    expect(localInstant('2026-12-14', '00:30').toISOString()).toBe('2026-12-13T17:30:00.000Z');
    expect(localParts(new Date('2026-12-13T17:30:00Z'))).toEqual({ date: '2026-12-14', minutes: 30, weekday: 1 });
    expect(localParts(new Date('2026-12-14T16:59:00Z'))).toEqual({ date: '2026-12-14', minutes: 23 * 60 + 59, weekday: 1 });
  });

  it('quiet hours are 21:00–07:00 local by default', () => {
    expect(DEFAULT_QUIET_HOURS).toEqual({ start: 21, end: 7 });
    expect(isQuiet(vn('2026-12-14 20:59'))).toBe(false);
    expect(isQuiet(vn('2026-12-14 21:00'))).toBe(true);
    expect(isQuiet(vn('2026-12-15 00:00'))).toBe(true);
    expect(isQuiet(vn('2026-12-15 06:59'))).toBe(true);
    expect(isQuiet(vn('2026-12-15 07:00'))).toBe(false);
    expect(asVn(outOfQuietHours(vn('2026-12-14 23:45')))).toBe('2026-12-15 07:00');
    expect(asVn(outOfQuietHours(vn('2026-12-31 22:00')))).toBe('2027-01-01 07:00');
    expect(asVn(outOfQuietHours(vn('2026-12-15 03:10')))).toBe('2026-12-15 07:00');
    expect(asVn(outOfQuietHours(vn('2026-12-15 12:34')))).toBe('2026-12-15 12:34');
  });

  it('the fixed public holidays and the effective deadline', () => {
    expect(fixedHolidays(2027)).toEqual(['2027-01-01', '2027-04-30', '2027-05-01', '2027-09-01', '2027-09-02']);
    expect(effectiveDeadline('2026-12-14', null)).toBe('2026-12-14');
    expect(effectiveDeadline('2026-12-14', '2026-12-21')).toBe('2026-12-21');
  });
});
