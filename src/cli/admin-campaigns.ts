/**
 * The admin commands for campaigns (đợt thi đua): create, list, show, extend one unit's deadline,
 * move the campaign's deadline, set the titles units may propose, close. Dates are typed
 * dd/mm/yyyy and stored as Vietnam dates.
 */
import { silentLogger } from '../app/logger.js';
import type { Config } from '../config.js';
import { daysBetween, type WorkCalendar } from '../core/campaigns/calendar.js';
import { CAMPAIGN_KINDS, DEFAULT_REMINDER_PLAN, effectiveDeadline, reminderSchedule, type ReminderPlan } from '../core/campaigns/planner.js';
import { formatDate, formatDateTime, vietnamDate } from '../core/text/date.js';
import { campaignTitles, TITLES, type TitleDefaults } from '../core/proposals/titles.js';
import { UnitCatalog } from '../core/units.js';
import type { Db } from '../infra/db/client.js';
import { CampaignRepository, type CampaignRecord, type CampaignUnitState } from '../infra/repositories/campaigns.js';
import { findUnit, str, table, unitLabel, UsageError, type Command, type Values } from './admin-kit.js';

const CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const MAX_REMINDER_DAYS = 366;

/** Units a campaign covers, as typed after --units. */
type Coverage = { kind: 'all' } | { kind: 'subtree'; code: string } | { kind: 'list'; codes: string[] };

function required(values: Values, name: string, shown = `--${name}`): string {
  const value = str(values, name)?.normalize('NFC').trim();
  if (!value) throw new UsageError(`${shown} is required`);
  return value;
}

/** dd/mm/yyyy (day and month may have one digit) → yyyy-mm-dd; only real calendar dates. A wrong date is an error (exit 1). */
export function parseDay(text: string, option: string): string {
  const match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text.normalize('NFKC').trim());
  if (!match) throw new Error(`${option}: "${text}" is not a date as dd/mm/yyyy (e.g. 15/12/2026)`);
  const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) throw new Error(`${option}: ${text} is not a real date`);
  if (year < 2000 || year > 2099) throw new Error(`${option}: ${text} is not a plausible year for a campaign`);
  return date.toISOString().slice(0, 10);
}

function parseCoverage(text: string | undefined): Coverage {
  const value = text?.normalize('NFC').trim();
  if (value === undefined || value === 'all') return { kind: 'all' };
  if (value.startsWith('subtree:')) {
    const code = value.slice('subtree:'.length).trim();
    if (!code) throw new UsageError('--units subtree:<code> needs a unit code, e.g. subtree:HN-TU-LIEM');
    return { kind: 'subtree', code };
  }
  const codes = value.split(',').map((code) => code.trim());
  if (codes.some((code) => !code)) throw new UsageError(`--units must be all, subtree:<code> or unit codes separated by commas, not "${text}"`);
  return { kind: 'list', codes: [...new Set(codes)] };
}

function parseReminderDays(text: string | undefined): number[] {
  if (text === undefined) return [...DEFAULT_REMINDER_PLAN.reminderDays];
  const items = text.split(',').map((item) => item.trim());
  if (!items.every((item) => /^\d{1,3}$/.test(item) && Number(item) <= MAX_REMINDER_DAYS)) {
    throw new UsageError(`--reminders must be days before the deadline, whole numbers from 0 to ${MAX_REMINDER_DAYS} separated by commas (e.g. 7,3,1,0), not "${text}"`);
  }
  return [...new Set(items.map(Number))].sort((a, b) => b - a);
}

function parseTime(text: string | undefined): string {
  if (text === undefined) return DEFAULT_REMINDER_PLAN.reminderTime;
  if (!TIME.test(text.trim())) throw new UsageError(`--time must be HH:MM from 00:00 to 23:59, not "${text}"`);
  return text.trim();
}

/** A deadline typed for an open campaign: a real date, today or later. */
function futureDeadline(values: Values, today: string): string {
  const deadline = parseDay(required(values, 'deadline', '--deadline dd/mm/yyyy'), '--deadline');
  if (deadline < today) throw new Error(`--deadline ${formatDate(deadline)} has passed (today is ${formatDate(today)})`);
  return deadline;
}

async function unitTree(db: Db) {
  const units = await db.unit.findMany({ select: { id: true, code: true, name: true, kind: true, parentId: true, aliases: true, sortOrder: true, active: true } });
  const catalog = new UnitCatalog(units);
  const order = new Map<number, number>();
  const walk = (parentId: number | null) => {
    for (const unit of catalog.children(parentId)) {
      order.set(unit.id, order.size);
      walk(unit.id);
    }
  };
  walk(null);
  const childrenOf = new Map<number, typeof units>();
  for (const unit of units) {
    if (unit.parentId === null) continue;
    const siblings = childrenOf.get(unit.parentId) ?? [];
    siblings.push(unit);
    childrenOf.set(unit.parentId, siblings);
  }
  return { units, catalog, childrenOf, byCode: new Map(units.map((unit) => [unit.code, unit])), byId: new Map(units.map((unit) => [unit.id, unit])), order };
}

/** The active units a coverage names, in tree order. */
async function coveredUnits(db: Db, coverage: Coverage): Promise<{ id: number; code: string }[]> {
  const tree = await unitTree(db);
  const active = (code: string) => {
    const unit = tree.byCode.get(code);
    if (!unit) throw new Error(`unknown unit "${code}" (see: npm run admin -- units list)`);
    if (!unit.active) throw new Error(`unit ${unitLabel(unit.code, unit.name)} is inactive`);
    return unit;
  };
  let chosen: { id: number; code: string; active: boolean }[];
  if (coverage.kind === 'all') chosen = tree.units.filter((unit) => unit.parentId === null);
  else if (coverage.kind === 'list') chosen = coverage.codes.map(active);
  else {
    const top = active(coverage.code);
    const seen = new Set([top.id]);
    chosen = [top];
    // Breadth first, each unit once (even with a loop in the tree).
    for (let index = 0; index < chosen.length; index += 1) {
      for (const child of tree.childrenOf.get(chosen[index]!.id) ?? []) {
        if (seen.has(child.id)) continue;
        seen.add(child.id);
        chosen.push(child);
      }
    }
  }
  const result = chosen.filter((unit) => unit.active).sort((a, b) => (tree.order.get(a.id) ?? 0) - (tree.order.get(b.id) ?? 0));
  if (result.length === 0) throw new Error('no active top-level units to cover (see: npm run admin -- units list)');
  return result;
}

async function campaignByCode(db: Db, code: string, open = true): Promise<CampaignRecord> {
  const campaign = await new CampaignRepository(db).byCode(code.normalize('NFC').trim());
  if (!campaign) throw new Error(`unknown campaign "${code}" (see: npm run admin -- campaign list --all)`);
  if (open && campaign.status !== 'open') throw new Error(`campaign ${campaign.code} is closed`);
  return campaign;
}

/** The reminders' working-day calendar, as the bot builds it (imported when needed: the app takes a second to load). */
async function calendarOf(config: Config, db: Db): Promise<WorkCalendar> {
  const { compose } = await import('../compose.js');
  return compose(config, db, silentLogger).calendar;
}

const stepLabel = (days: number, working: boolean) => (days === 0 ? 'on the day' : `${days} ${working ? 'working ' : ''}day${days === 1 ? '' : 's'} before`);

/** "08/12/2026 08:00 (7 days before), …": the reminders still to come for a deadline. */
function reminderLine(plan: ReminderPlan, deadline: string, calendar: WorkCalendar, now: Date): string {
  const schedule = reminderSchedule(plan, deadline, calendar);
  if (schedule.length === 0) return 'none';
  const upcoming = schedule.filter((reminder) => reminder.plannedAt.getTime() > now.getTime());
  const due = schedule.filter((reminder) => reminder.plannedAt.getTime() <= now.getTime()).at(-1);
  const next = upcoming.map((reminder) => `${formatDateTime(reminder.plannedAt)} (${stepLabel(reminder.daysBefore, plan.workingDaysOnly)})`).join(', ');
  if (!due) return next;
  // Only the latest step whose time has come is sent (late), never the older ones.
  const dueNow = `the "${stepLabel(due.daysBefore, plan.workingDaysOnly)}" reminder is due now (sent at the next reminder run)`;
  return next ? `${dueNow}; then ${next}` : dueNow;
}

/** --titles a,b,c: title ids units may propose (see src/core/proposals/titles.ts). */
function parseTitles(text: string | undefined): string[] | undefined {
  if (text === undefined) return undefined;
  const items = [...new Set(text.split(',').map((item) => item.trim()).filter(Boolean))];
  const unknown = items.filter((item) => !(TITLES as readonly string[]).includes(item));
  if (items.length === 0 || unknown.length) throw new UsageError(`--titles must be title ids separated by commas (${TITLES.join(', ')}); unknown: ${unknown.join(', ') || '(none given)'}`);
  return items;
}

const defaultsOf = (config: Config): TitleDefaults => ({ yearly: config.PROPOSAL_TITLES_YEARLY, thematic: config.PROPOSAL_TITLES_THEMATIC });

function describe(campaign: CampaignRecord, print: (line: string) => void, headline: string, defaults: TitleDefaults): void {
  print(`${headline}: ${campaign.name} (${campaign.kind}, ${campaign.status}).`);
  print(`  Nominations from ${formatDate(campaign.opensOn)} to ${formatDate(campaign.closesOn)}; deadline ${formatDate(campaign.deadline)}.`);
  const days = campaign.reminderDays.join(', ') || 'no';
  print(`  Reminders ${days} ${campaign.workingDaysOnly ? 'working days' : 'days'} before the deadline, at ${campaign.reminderTime}.`);
  const source = campaign.titles.length ? 'its own list' : `the default list of ${campaign.kind} campaigns`;
  print(`  Titles units may propose (${source}): ${campaignTitles(campaign, defaults).join(', ')}.`);
}

const reportText = (state: CampaignUnitState) => `${state.reportKind === 'none' ? 'no nominations' : 'submitted'} ${formatDateTime(state.reportedAt!)}`;

function someCodes(codes: string[], max = 8): string {
  return codes.length <= max ? codes.join(', ') : `${codes.slice(0, max).join(', ')} and ${codes.length - max} more`;
}

export const CAMPAIGN_COMMANDS: Command[] = [
  {
    words: ['campaign', 'create'],
    options: {
      code: { type: 'string' },
      name: { type: 'string' },
      kind: { type: 'string' },
      deadline: { type: 'string' },
      opens: { type: 'string' },
      closes: { type: 'string' },
      units: { type: 'string' },
      reminders: { type: 'string' },
      time: { type: 'string' },
      'working-days': { type: 'boolean' },
      titles: { type: 'string' },
    },
    prepare(values, _positionals, { config, now, print }) {
      const code = required(values, 'code', '--code <code>');
      if (!CODE.test(code)) throw new UsageError(`--code must be letters, digits, ".", "_" or "-" (at most 40, e.g. TK2026), not "${code}"`);
      const name = required(values, 'name', '--name <name>');
      if (name.length > 200) throw new UsageError('--name must be at most 200 characters');
      const kind = required(values, 'kind', `--kind ${CAMPAIGN_KINDS.join('|')}`);
      if (!(CAMPAIGN_KINDS as readonly string[]).includes(kind)) throw new UsageError(`unknown kind "${kind}" (${CAMPAIGN_KINDS.join(', ')})`);
      required(values, 'deadline', '--deadline dd/mm/yyyy');
      const coverage = parseCoverage(str(values, 'units'));
      const titles = parseTitles(str(values, 'titles'));
      const plan: ReminderPlan = { reminderDays: parseReminderDays(str(values, 'reminders')), reminderTime: parseTime(str(values, 'time')), workingDaysOnly: values['working-days'] === true };
      const today = vietnamDate(now());
      const deadline = futureDeadline(values, today);
      const opensOn = str(values, 'opens') === undefined ? today : parseDay(str(values, 'opens')!, '--opens');
      const closesOn = str(values, 'closes') === undefined ? deadline : parseDay(str(values, 'closes')!, '--closes');
      if (deadline < opensOn) throw new Error(`--deadline ${formatDate(deadline)} is before --opens ${formatDate(opensOn)}`);
      if (closesOn < deadline) throw new Error(`--closes ${formatDate(closesOn)} is before --deadline ${formatDate(deadline)}`);
      return async (db) => {
        const repository = new CampaignRepository(db);
        if (await repository.byCode(code)) throw new Error(`campaign ${code} exists already (see: npm run admin -- campaign show ${code})`);
        const units = await coveredUnits(db, coverage);
        const campaign = await repository.create({ code, name, kind, opensOn, closesOn, deadline, ...plan, unitIds: units.map((unit) => unit.id), titles });
        describe(campaign, print, `Campaign ${campaign.code} created`, defaultsOf(config));
        print(`  Next reminders to heads who have not reported: ${reminderLine(campaign, deadline, await calendarOf(config, db), now())}.`);
        print(`Units covered: ${units.length} (${someCodes(units.map((unit) => unit.code))}).`);
      };
    },
  },
  {
    words: ['campaign', 'list'],
    options: { all: { type: 'boolean' } },
    prepare: (values, _positionals, { print }) => async (db) => {
      const campaigns = await new CampaignRepository(db).list(values.all === true ? {} : { status: 'open' });
      if (campaigns.length === 0) {
        return print(values.all ? 'No campaigns yet (see: npm run admin -- --help, campaign create).' : 'No open campaigns (--all also shows closed ones).');
      }
      table(
        print,
        ['CODE', 'KIND', 'DEADLINE', 'STATUS', 'REPORTED', 'NAME'],
        campaigns.map((campaign) => [campaign.code, campaign.kind, formatDate(campaign.deadline), campaign.status, `${campaign.reported}/${campaign.units}`, campaign.name]),
      );
    },
  },
  {
    words: ['campaign', 'show'],
    positionals: ['code'],
    prepare: (_values, [code], { config, now, print }) => async (db) => {
      const campaign = await campaignByCode(db, code!, false);
      const states = await new CampaignRepository(db).units(campaign.id);
      const tree = await unitTree(db);
      const today = vietnamDate(now());
      describe(campaign, print, `Campaign ${campaign.code}`, defaultsOf(config));
      let late = 0;
      const rows = states
        .sort((a, b) => (tree.order.get(a.unitId) ?? 0) - (tree.order.get(b.unitId) ?? 0))
        .map((state) => {
          const unit = tree.byId.get(state.unitId);
          const deadline = effectiveDeadline(campaign.deadline, state.deadlineOverride);
          let report = 'not yet';
          if (state.reportedAt) report = reportText(state);
          else if (deadline < today) {
            late += 1;
            report = `LATE (${daysBetween(deadline, today)} d)`;
          }
          const name = `${tree.catalog.fullName(state.unitId) ?? ''}${unit?.active === false ? ' (inactive)' : ''}`;
          return [unit?.code ?? String(state.unitId), `${formatDate(deadline)}${state.deadlineOverride ? ' (extended)' : ''}`, report, name];
        });
      table(print, ['UNIT', 'DEADLINE', 'REPORT', 'NAME'], rows);
      const submitted = states.filter((state) => state.reportKind === 'submitted').length;
      const none = states.filter((state) => state.reportedAt && state.reportKind !== 'submitted').length;
      print(`Reported: ${submitted + none} of ${states.length} (${submitted} submitted, ${none} no nominations); late: ${late}.`);
    },
  },
  {
    words: ['campaign', 'extend'],
    positionals: ['code'],
    options: { unit: { type: 'string' }, deadline: { type: 'string' } },
    prepare(values, [code], { config, now, print }) {
      const unitCode = required(values, 'unit', '--unit <code>');
      required(values, 'deadline', '--deadline dd/mm/yyyy');
      const deadline = futureDeadline(values, vietnamDate(now()));
      return async (db) => {
        const campaign = await campaignByCode(db, code!);
        const unit = await findUnit(db, unitCode);
        const repository = new CampaignRepository(db);
        const state = (await repository.units(campaign.id)).find((row) => row.unitId === unit.id);
        if (!state) throw new Error(`${unitLabel(unit.code, unit.name)} is not covered by campaign ${campaign.code} (see: npm run admin -- campaign show ${campaign.code})`);
        if (deadline < campaign.opensOn) throw new Error(`--deadline ${formatDate(deadline)} is before the campaign opens (${formatDate(campaign.opensOn)})`);
        const before = effectiveDeadline(campaign.deadline, state.deadlineOverride);
        await repository.extend(campaign.id, unit.id, deadline);
        print(`${unitLabel(unit.code, unit.name)} in ${campaign.code}: deadline ${formatDate(before)} → ${formatDate(deadline)} (the campaign's stays ${formatDate(campaign.deadline)}).`);
        if (state.reportedAt) print(`It has reported already (${reportText(state)}): it gets no reminders.`);
        else print(`Its reminders are re-planned: ${reminderLine(campaign, deadline, await calendarOf(config, db), now())}.`);
      };
    },
  },
  {
    words: ['campaign', 'deadline'],
    positionals: ['code'],
    options: { deadline: { type: 'string' } },
    prepare(values, [code], { config, now, print }) {
      required(values, 'deadline', '--deadline dd/mm/yyyy');
      const deadline = futureDeadline(values, vietnamDate(now()));
      return async (db) => {
        const campaign = await campaignByCode(db, code!);
        if (deadline < campaign.opensOn) throw new Error(`--deadline ${formatDate(deadline)} is before the campaign opens (${formatDate(campaign.opensOn)})`);
        const repository = new CampaignRepository(db);
        await repository.setDeadline(campaign.id, deadline);
        print(`Campaign ${campaign.code}: deadline ${formatDate(campaign.deadline)} → ${formatDate(deadline)}.`);
        if (deadline > campaign.closesOn) {
          await db.campaign.update({ where: { id: campaign.id }, data: { closesOn: new Date(`${deadline}T00:00:00Z`) } });
          print(`Nominations now close on ${formatDate(deadline)} too (was ${formatDate(campaign.closesOn)}).`);
        }
        const states = await repository.units(campaign.id);
        const own = states.filter((state) => state.deadlineOverride !== null);
        if (own.length > 0) {
          const codes = new Map((await db.unit.findMany({ where: { id: { in: own.map((state) => state.unitId) } }, select: { id: true, code: true } })).map((unit) => [unit.id, unit.code]));
          print(`${own.length} ${own.length === 1 ? 'unit keeps its' : 'units keep their'} own deadline: ${someCodes(own.map((state) => `${codes.get(state.unitId)} (${formatDate(state.deadlineOverride!)})`))}.`);
        }
        if (own.length < states.length) print(`Reminders re-planned for the other units: ${reminderLine(campaign, deadline, await calendarOf(config, db), now())}.`);
      };
    },
  },
  {
    words: ['campaign', 'titles'],
    positionals: ['code'],
    options: { set: { type: 'string' }, default: { type: 'boolean' } },
    prepare(values, [code], { config, print }) {
      const titles = parseTitles(str(values, 'set'));
      if (titles && values.default === true) throw new UsageError('give either --set <titles> or --default, not both');
      return async (db) => {
        const campaign = await campaignByCode(db, code!);
        const repository = new CampaignRepository(db);
        if (titles || values.default === true) await repository.setTitles(campaign.id, titles ?? []);
        const current = (await repository.byId(campaign.id))!;
        const source = current.titles.length ? 'its own list' : `the default list of ${current.kind} campaigns`;
        print(`Campaign ${current.code}: units may propose (${source}) ${campaignTitles(current, defaultsOf(config)).join(', ')}.`);
      };
    },
  },
  {
    words: ['campaign', 'close'],
    positionals: ['code'],
    prepare: (_values, [code], { now, print }) => async (db) => {
      const campaign = await campaignByCode(db, code!, false);
      if (campaign.status !== 'open') throw new Error(`campaign ${campaign.code} is closed already`);
      const repository = new CampaignRepository(db);
      const states = await repository.units(campaign.id);
      await repository.close(campaign.id, now());
      const reported = states.filter((state) => state.reportedAt).length;
      print(`Campaign ${campaign.code} closed: ${reported} of ${states.length} units reported; reminders not yet sent are withdrawn.`);
    },
  },
];
