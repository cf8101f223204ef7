/**
 * A unit's proposal list (danh sách đề nghị khen thưởng) for one campaign: its statuses, what may
 * be done in each, and the checks that help before submitting — each a warning the head may
 * confirm, except the few that make a list impossible to file (no entries, an entry without title).
 */
import { foldVietnamese } from '../text/normalize.js';
import { isTitle, TITLE_SCOPE, type EntryKind } from './titles.js';

/** draft (being built) → submitted (frozen) → returned (to fix) → submitted … → accepted. */
export const LIST_STATUSES = ['draft', 'submitted', 'returned', 'accepted'] as const;
export type ListStatus = (typeof LIST_STATUSES)[number];

export const ENTRY_STATUSES = ['proposed', 'returned', 'accepted'] as const;
export type EntryStatus = (typeof ENTRY_STATUSES)[number];

export const GENDERS = ['male', 'female'] as const;
export type Gender = (typeof GENDERS)[number];

/** One entry of a list, as the rules and the screens see it. */
export interface EntryView {
  id: number;
  position: number;
  kind: EntryKind;
  name: string;
  gender: Gender | null;
  birthYear: number | null;
  role: string | null;
  workplace: string | null;
  title: string | null;
  summary: string;
  /** The resident's nomination this entry came from, if any. */
  nominationId: number | null;
  nominationCode: string | null;
  status: EntryStatus;
  returnReason: string | null;
  files: number;
}

export interface ProposalView {
  id: number;
  campaignId: number;
  unitId: number;
  status: ListStatus;
  /** Set at the first submission when it came after the unit's deadline. */
  late: boolean;
  submittedAt: Date | null;
  /** How many times the list was submitted (a resubmission after a return counts). */
  submissions: number;
  /** Why the council returned the whole list (null when only entries were returned). */
  returnReason: string | null;
  /** Pages or files of the meeting minutes (biên bản họp bình xét). */
  minutes: number;
  entries: EntryView[];
}

/** "At most `percent`% of the `base` title's count may receive `title`" (e.g. Chiến sĩ thi đua cơ sở ≤ 15% of Lao động tiên tiến). */
export interface ProportionRule {
  title: string;
  base: string;
  percent: number;
}

/**
 * Reads proportion rules written as `title<=percent%base`, comma-separated:
 * "chien-si-thi-dua-co-so<=15%lao-dong-tien-tien". Empty text means no rule.
 */
export function parseProportionRules(text: string): { ok: true; rules: ProportionRule[] } | { ok: false; item: string } {
  const rules: ProportionRule[] = [];
  for (const item of text.split(',').map((part) => part.trim()).filter(Boolean)) {
    const match = /^([a-z-]+)\s*<=\s*(\d{1,3}(?:\.\d+)?)\s*%\s*([a-z-]+)$/.exec(item);
    if (!match || !isTitle(match[1]!) || !isTitle(match[3]!) || Number(match[2]) > 100) return { ok: false, item };
    rules.push({ title: match[1]!, percent: Number(match[2]), base: match[3]! });
  }
  return { ok: true, rules };
}

/** The largest count `rule` allows when `baseCount` entries hold the base title. */
export function proportionLimit(rule: ProportionRule, baseCount: number): number {
  // Rounded down: "không quá 15%" of 10 allows 1, not 2. Integer arithmetic avoids 0.15 × 20 = 2.9999….
  return Math.floor((baseCount * Math.round(rule.percent * 100)) / 10000);
}

/** Something the head should look at before submitting; the list may still be submitted. */
export type ProposalWarning =
  | { kind: 'duplicate'; name: string; positions: number[] }
  | { kind: 'duplicate-elsewhere'; name: string; position: number; unit: string }
  | { kind: 'title-not-awarded'; position: number; title: string }
  | { kind: 'title-scope'; position: number; title: string; entryKind: EntryKind }
  | { kind: 'proportion'; title: string; base: string; percent: number; count: number; baseCount: number; max: number }
  | { kind: 'no-minutes' };

/** Something that makes the list impossible to file as it is. */
export type ProposalProblem = { kind: 'empty' } | { kind: 'no-title'; position: number };

/** An entry of another unit's list in the same campaign (the same person proposed twice). */
export interface ElsewhereEntry {
  kind: EntryKind;
  name: string;
  birthYear: number | null;
  unit: string;
}

export interface CheckContext {
  /** Titles the campaign awards. */
  titles: readonly string[];
  rules: readonly ProportionRule[];
  elsewhere: readonly ElsewhereEntry[];
  /** Whether minutes are expected (on by default). */
  minutesRequired: boolean;
}

/** Same nominee: same kind and name (accents and tone placement ignored), and no different years of birth. */
export function sameNominee(a: Pick<EntryView, 'kind' | 'name' | 'birthYear'>, b: Pick<EntryView, 'kind' | 'name' | 'birthYear'>): boolean {
  if (a.kind !== b.kind || foldVietnamese(a.name) !== foldVietnamese(b.name)) return false;
  return a.birthYear === null || b.birthYear === null || a.birthYear === b.birthYear;
}

/** Every check of a list, in the order the head reads them. */
export function checkProposal(view: Pick<ProposalView, 'entries' | 'minutes'>, ctx: CheckContext): { problems: ProposalProblem[]; warnings: ProposalWarning[] } {
  const problems: ProposalProblem[] = [];
  const warnings: ProposalWarning[] = [];
  const entries = [...view.entries].sort((a, b) => a.position - b.position);
  if (entries.length === 0) problems.push({ kind: 'empty' });

  const reported = new Set<number>();
  for (const entry of entries) {
    if (!entry.title) {
      problems.push({ kind: 'no-title', position: entry.position });
      continue;
    }
    if (!ctx.titles.includes(entry.title)) warnings.push({ kind: 'title-not-awarded', position: entry.position, title: entry.title });
    else if (isTitle(entry.title) && !TITLE_SCOPE[entry.title].includes(entry.kind)) warnings.push({ kind: 'title-scope', position: entry.position, title: entry.title, entryKind: entry.kind });
  }
  for (const entry of entries) {
    if (reported.has(entry.id)) continue;
    const same = entries.filter((other) => sameNominee(entry, other));
    if (same.length > 1) {
      same.forEach((other) => reported.add(other.id));
      warnings.push({ kind: 'duplicate', name: entry.name, positions: same.map((other) => other.position) });
    }
    const elsewhere = ctx.elsewhere.find((other) => sameNominee(entry, other));
    if (elsewhere) warnings.push({ kind: 'duplicate-elsewhere', name: entry.name, position: entry.position, unit: elsewhere.unit });
  }
  for (const rule of ctx.rules) {
    const count = entries.filter((entry) => entry.title === rule.title).length;
    const baseCount = entries.filter((entry) => entry.title === rule.base).length;
    const max = proportionLimit(rule, baseCount);
    if (count > max) warnings.push({ kind: 'proportion', title: rule.title, base: rule.base, percent: rule.percent, count, baseCount, max });
  }
  if (ctx.minutesRequired && view.minutes === 0 && entries.length > 0) warnings.push({ kind: 'no-minutes' });
  return { problems, warnings };
}

/** Whether the unit may change the list (add, edit, remove entries, attach minutes). */
export const canEditList = (status: ListStatus) => status === 'draft' || status === 'returned';

/** Whether the unit may change this entry: the list is open and the council has not accepted the entry. */
export const canEditEntry = (status: ListStatus, entry: Pick<EntryView, 'status'>) => canEditList(status) && entry.status !== 'accepted';

/** What the council and the unit may do to a list. */
export type ListAction = 'submit' | 'return' | 'return-entry' | 'accept' | 'accept-entry';

/** The statuses each action starts from, and where it leads. */
export const LIST_TRANSITIONS: Record<ListAction, { from: readonly ListStatus[]; to: ListStatus }> = {
  submit: { from: ['draft', 'returned'], to: 'submitted' },
  // The council may return several entries (or then the whole list) before the unit resubmits.
  return: { from: ['submitted', 'returned'], to: 'returned' },
  'return-entry': { from: ['submitted', 'returned'], to: 'returned' },
  accept: { from: ['submitted'], to: 'accepted' },
  // Accepting one entry keeps the list with the council (it becomes accepted with its last entry).
  'accept-entry': { from: ['submitted'], to: 'submitted' },
};

export type SubmitCheck =
  | { ok: true; late: boolean; resubmission: boolean; warnings: ProposalWarning[] }
  | { ok: false; reason: 'frozen' | 'closed' | 'problems'; problems?: ProposalProblem[] };

/**
 * Whether the list may be submitted now. A first submission after the unit's deadline (its
 * extension included) is marked late; a resubmission after a return keeps the first one's mark.
 */
export function checkSubmit(view: ProposalView, ctx: CheckContext & { today: string; deadline: string; campaignOpen: boolean }): SubmitCheck {
  if (!LIST_TRANSITIONS.submit.from.includes(view.status)) return { ok: false, reason: 'frozen' };
  if (!ctx.campaignOpen) return { ok: false, reason: 'closed' };
  const { problems, warnings } = checkProposal(view, ctx);
  if (problems.length) return { ok: false, reason: 'problems', problems };
  const resubmission = view.submissions > 0;
  return { ok: true, late: resubmission ? view.late : ctx.today > ctx.deadline, resubmission, warnings };
}

/** Whether the council may act on the list (and on `entry`, for the entry actions). */
export function checkCouncilAction(view: Pick<ProposalView, 'status'>, action: Exclude<ListAction, 'submit'>, entry?: Pick<EntryView, 'status'>): boolean {
  if (!LIST_TRANSITIONS[action].from.includes(view.status)) return false;
  if (action === 'return-entry' || action === 'accept-entry') return entry !== undefined && entry.status === 'proposed';
  return true;
}

/** The list's status after `action` (accepting the last open entry accepts the list). */
export function statusAfter(view: Pick<ProposalView, 'entries'>, action: ListAction, entryId?: number): ListStatus {
  if (action === 'accept-entry') {
    const open = view.entries.filter((entry) => entry.id !== entryId && entry.status !== 'accepted');
    return open.length === 0 ? 'accepted' : 'submitted';
  }
  return LIST_TRANSITIONS[action].to;
}
