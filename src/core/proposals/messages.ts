/**
 * The proposal list's screens and notices: the unit's list, one entry, the checks before
 * submitting, the council's view, and what heads, council members and residents are told.
 * Buttons are "pl|<value>"; every value is re-checked by the use case.
 */
import { lines, raw, rows, say, t, type Choice, type OutMessage, type Text } from '../messages.js';
import { formatDate } from '../text/date.js';
import { canEditEntry, canEditList, type EntryView, type ProposalProblem, type ProposalView, type ProposalWarning } from './rules.js';

export const PROPOSAL_STEP = 'pl';

/** "Ông Nguyễn Văn An", "Bà …", "Gia đình ông …", or the collective's name, as the council's lists write it. */
export function nomineeText(entry: Pick<EntryView, 'kind' | 'name' | 'gender'>): Text {
  if (entry.kind === 'collective' || !entry.gender) return entry.kind === 'household' ? t('nominee-household', { name: entry.name }) : raw(entry.name);
  return t(entry.kind === 'household' ? `nominee-household-${entry.gender}` : `nominee-${entry.gender}`, { name: entry.name });
}

function entryLine(entry: EntryView): Text {
  return t('pl-entry-line', {
    n: entry.position,
    nominee: nomineeText(entry),
    year: entry.birthYear ? t('pl-year', { year: String(entry.birthYear) }) : '',
    title: entry.title ? t(`title-${entry.title}`) : t('pl-no-title'),
    files: entry.files ? t('pl-files', { count: entry.files }) : '',
    source: entry.nominationCode ? t('pl-from-resident', { code: entry.nominationCode }) : '',
    state: entry.status === 'returned' ? t('pl-entry-returned', { reason: entry.returnReason ?? '' }) : entry.status === 'accepted' ? t('pl-entry-accepted') : '',
  });
}

/** One warning or problem, in words a thi đua officer reads. */
export function checkText(item: ProposalWarning | ProposalProblem): Text {
  switch (item.kind) {
    case 'empty':
      return t('pl-problem-empty');
    case 'no-title':
      return t('pl-problem-no-title', { n: item.position });
    case 'duplicate':
      return t('pl-warn-duplicate', { name: item.name, positions: item.positions.join(', ') });
    case 'duplicate-elsewhere':
      return t('pl-warn-duplicate-elsewhere', { name: item.name, n: item.position, unit: item.unit });
    case 'title-not-awarded':
      return t('pl-warn-title-not-awarded', { n: item.position, title: t(`title-${item.title}`) });
    case 'title-scope':
      return t('pl-warn-title-scope', { n: item.position, title: t(`title-${item.title}`), kind: item.entryKind });
    case 'proportion':
      return t('pl-warn-proportion', { title: t(`title-${item.title}`), base: t(`title-${item.base}`), percent: item.percent, count: item.count, baseCount: item.baseCount, max: item.max });
    case 'no-minutes':
      return t('pl-warn-no-minutes');
  }
}

/** Where the list stands, in one line. */
function statusLine(view: ProposalView): Text {
  if (view.status === 'draft') return t('pl-status-draft');
  if (view.status === 'returned') return view.returnReason ? t('pl-status-returned-list', { reason: view.returnReason }) : t('pl-status-returned-entries');
  const when = view.submittedAt ? formatDate(view.submittedAt.toISOString().slice(0, 10)) : '';
  return t(view.status === 'accepted' ? 'pl-status-accepted' : view.late ? 'pl-status-submitted-late' : 'pl-status-submitted', { date: when });
}

export interface ListScreenContext {
  campaign: string;
  unit: string;
  deadline: string;
  checks: (ProposalWarning | ProposalProblem)[];
  /** An entry being typed and not saved yet. */
  draftInProgress: boolean;
  /** Residents' nominations the head proposed that can still be added. */
  residentsAvailable: number;
  /** Which page of entry buttons (a long list is paged: Telegram keyboards hold about 100 buttons). */
  page?: number;
}

/** Entry buttons shown at once; the list's text still names every entry. */
export const ENTRY_BUTTONS_PER_PAGE = 30;

/** One page of entry buttons (`<open>:<list>:<entry>`), with "«"/"»" (`<turn>:<list>:<page>`) when there are more. */
function entryButtons(view: ProposalView, page: number, open: string, turn: string): Choice[][] {
  const pages = Math.max(1, Math.ceil(view.entries.length / ENTRY_BUTTONS_PER_PAGE));
  const current = Math.min(Math.max(page, 0), pages - 1);
  const shown = view.entries.slice(current * ENTRY_BUTTONS_PER_PAGE, (current + 1) * ENTRY_BUTTONS_PER_PAGE);
  const layout = rows(shown.map((entry) => ({ value: `${open}:${view.id}:${entry.id}`, label: t('pl-entry-button', { n: entry.position, name: entry.name }) })), 2);
  const navigation: Choice[] = [];
  if (current > 0) navigation.push({ value: `${turn}:${view.id}:${current - 1}`, label: t('btn-prev-page') });
  if (current < pages - 1) navigation.push({ value: `${turn}:${view.id}:${current + 1}`, label: t('btn-next-page') });
  if (navigation.length) layout.push(navigation);
  return layout;
}

/** The unit's list: status, entries, minutes, checks, and what can be done now. */
export function listScreen(view: ProposalView, ctx: ListScreenContext): OutMessage {
  const parts: Text[] = [t('pl-title', { campaign: ctx.campaign, unit: ctx.unit, deadline: formatDate(ctx.deadline) }), statusLine(view)];
  parts.push(view.entries.length ? lines(view.entries.map(entryLine)) : t('pl-no-entries'));
  parts.push(view.minutes ? t('pl-minutes-count', { count: view.minutes }) : t('pl-minutes-none'));
  if (canEditList(view.status) && ctx.checks.length) parts.push(t('pl-checks-title'), lines(ctx.checks.map(checkText)));
  const layout: Choice[][] = [];
  if (canEditList(view.status)) {
    if (ctx.draftInProgress) layout.push([{ value: `r:${view.id}`, label: t('btn-pl-resume') }, { value: `R:${view.id}`, label: t('btn-pl-discard') }]);
    else layout.push([{ value: `a:${view.id}`, label: t('btn-pl-add') }]);
    if (ctx.residentsAvailable > 0) layout.push([{ value: `n:${view.id}`, label: t('btn-pl-from-residents', { count: ctx.residentsAvailable }) }]);
  }
  layout.push(...entryButtons(view, ctx.page ?? 0, 'v', 'g'));
  if (canEditList(view.status)) {
    layout.push([{ value: `m:${view.id}`, label: t('btn-pl-minutes') }]);
    layout.push([{ value: `s:${view.id}`, label: t('btn-pl-submit') }]);
  }
  layout.push([{ value: 'menu', label: t('btn-pl-close') }]);
  return { parts, choices: { step: PROPOSAL_STEP, rows: layout } };
}

function entryDetails(entry: EntryView): Text[] {
  const detail: Text[] = [t('summary-line', { label: t('field-entryKind'), value: t(`entry-kind-${entry.kind}`) }), t('summary-line', { label: t('field-entryName'), value: nomineeText(entry) })];
  if (entry.birthYear) detail.push(t('summary-line', { label: t('field-entryBirthYear'), value: String(entry.birthYear) }));
  if (entry.role) detail.push(t('summary-line', { label: t('field-entryRole'), value: entry.role }));
  if (entry.workplace) detail.push(t('summary-line', { label: t('field-workplace'), value: entry.workplace }));
  detail.push(t('summary-line', { label: t('field-title'), value: entry.title ? t(`title-${entry.title}`) : t('pl-no-title') }));
  detail.push(t('summary-line', { label: t('field-achievement'), value: entry.summary }));
  detail.push(t('summary-line', { label: t('field-report'), value: entry.files ? t('summary-evidence-count', { count: entry.files }) : t('summary-not-given') }));
  if (entry.nominationCode) detail.push(t('pl-from-resident-line', { code: entry.nominationCode }));
  if (entry.status === 'returned') detail.push(t('pl-entry-returned-line', { reason: entry.returnReason ?? '' }));
  return detail;
}

/** One entry, for the unit: its details, and edit/remove while the list is open. */
export function entryScreen(view: ProposalView, entry: EntryView): OutMessage {
  const layout: Choice[][] = [];
  if (canEditEntry(view.status, entry)) layout.push([{ value: `e:${view.id}:${entry.id}`, label: t('btn-edit') }, { value: `d:${view.id}:${entry.id}`, label: t('btn-pl-remove') }]);
  layout.push([{ value: `l:${view.id}`, label: t('btn-pl-back') }]);
  return { parts: [t('pl-entry-title', { n: entry.position }), lines(entryDetails(entry))], choices: { step: PROPOSAL_STEP, rows: layout } };
}

export function removeConfirm(view: ProposalView, entry: EntryView): OutMessage {
  return {
    parts: [t('pl-remove-confirm', { n: entry.position, nominee: nomineeText(entry) })],
    choices: { step: PROPOSAL_STEP, rows: [[{ value: `D:${view.id}:${entry.id}`, label: t('btn-pl-remove') }, { value: `l:${view.id}`, label: t('btn-cancel') }]] },
  };
}

/** Before submitting: the warnings to confirm, and whether it will count as late. */
export function submitConfirm(view: ProposalView, warnings: ProposalWarning[], late: boolean, deadline: string): OutMessage {
  const parts: Text[] = [t('pl-submit-confirm', { count: view.entries.length })];
  if (late) parts.push(t('pl-submit-late', { deadline: formatDate(deadline) }));
  if (warnings.length) parts.push(t('pl-checks-confirm'), lines(warnings.map(checkText)));
  return {
    parts,
    choices: {
      step: PROPOSAL_STEP,
      rows: [[{ value: `S:${view.id}:${view.submissions}`, label: t(warnings.length ? 'btn-pl-submit-anyway' : 'btn-pl-submit') }], [{ value: `l:${view.id}`, label: t('btn-pl-back') }]],
    },
  };
}

/** Residents' nominations the head proposed for a commendation, to add in one tap each. */
export function residentsPicker(proposalId: number, items: { id: number; code: string; name: string; awardForm: string | null }[]): OutMessage {
  return {
    parts: [t('pl-residents-title', { count: items.length })],
    choices: {
      step: PROPOSAL_STEP,
      rows: [
        ...rows(items.map((item) => ({ value: `N:${proposalId}:${item.id}`, label: raw(`${item.code} · ${item.name}`) })), 1),
        [{ value: `l:${proposalId}`, label: t('btn-pl-back') }],
      ],
    },
  };
}

/** Waiting for the minutes' files or photos. */
export function minutesPrompt(proposalId: number, count: number): OutMessage {
  return {
    parts: [t(count ? 'pl-minutes-more' : 'pl-minutes-ask', { count })],
    choices: { step: PROPOSAL_STEP, rows: [[{ value: `l:${proposalId}`, label: t('btn-done') }]] },
  };
}

/** The council's view of one unit's list: entries, and accept or return (the list or one entry). */
export function councilListScreen(view: ProposalView, ctx: { campaign: string; unit: string; deadline: string; page?: number }): OutMessage {
  const parts: Text[] = [t('pl-title', { campaign: ctx.campaign, unit: ctx.unit, deadline: formatDate(ctx.deadline) }), statusLine(view)];
  parts.push(view.entries.length ? lines(view.entries.map(entryLine)) : t('pl-no-entries'));
  parts.push(view.minutes ? t('pl-minutes-count', { count: view.minutes }) : t('pl-minutes-none'));
  const layout: Choice[][] = entryButtons(view, ctx.page ?? 0, 'ce', 'cg');
  if (view.status === 'submitted') layout.push([{ value: `ca:${view.id}`, label: t('btn-pl-accept-all') }, { value: `cr:${view.id}`, label: t('btn-pl-return-list') }]);
  layout.push([{ value: `cl:${view.campaignId}`, label: t('btn-pl-units') }]);
  return { parts, choices: { step: PROPOSAL_STEP, rows: layout } };
}

export function councilEntryScreen(view: ProposalView, entry: EntryView): OutMessage {
  const layout: Choice[][] = [];
  if (view.status === 'submitted' && entry.status === 'proposed') layout.push([{ value: `cy:${view.id}:${entry.id}`, label: t('btn-pl-accept-entry') }, { value: `cx:${view.id}:${entry.id}`, label: t('btn-pl-return-entry') }]);
  else if (view.status === 'returned' && entry.status === 'proposed') layout.push([{ value: `cx:${view.id}:${entry.id}`, label: t('btn-pl-return-entry') }]);
  layout.push([{ value: `c:${view.id}`, label: t('btn-pl-back') }]);
  return { parts: [t('pl-entry-title', { n: entry.position }), lines(entryDetails(entry))], choices: { step: PROPOSAL_STEP, rows: layout } };
}

/** A unit's list as one line of the council's campaign overview. */
export interface UnitListSummary {
  unitId: number;
  unit: string;
  deadline: string;
  proposalId: number | null;
  status: string | null;
  late: boolean;
  entries: number;
}

/** Per campaign: which units submitted (late or not), which are building or have not started. */
export function councilCampaignScreen(campaign: { id: number; name: string }, units: UnitListSummary[]): OutMessage {
  const text = (unit: UnitListSummary): Text =>
    t(`pl-unit-${unit.status ?? 'none'}${unit.late ? '-late' : ''}`, { unit: unit.unit, count: unit.entries, deadline: formatDate(unit.deadline) });
  const submitted = units.filter((unit) => unit.proposalId !== null && unit.status !== 'draft');
  return {
    parts: [t('pl-campaign-title', { campaign: campaign.name, submitted: submitted.length, units: units.length }), lines(units.map(text))],
    choices: {
      step: PROPOSAL_STEP,
      rows: [...rows(submitted.slice(0, 40).map((unit) => ({ value: `c:${unit.proposalId}`, label: raw(unit.unit) })), 1), [{ value: 'menu', label: t('btn-pl-close') }]],
    },
  };
}

/** To council members: a unit submitted (or resubmitted) its list. */
export function councilSubmittedMessage(proposalId: number, campaign: string, unit: string, count: number, late: boolean, resubmission: boolean): OutMessage {
  return {
    parts: [t(resubmission ? 'pl-notice-resubmitted' : late ? 'pl-notice-submitted-late' : 'pl-notice-submitted', { campaign, unit, count })],
    choices: { step: PROPOSAL_STEP, rows: [[{ value: `c:${proposalId}`, label: t('btn-pl-open') }]] },
  };
}

/** To the unit's heads and officers: the council returned the list or some entries. */
export function unitReturnedMessage(proposalId: number, campaign: string, reason: string, entry: { position: number; name: string } | null): OutMessage {
  return {
    parts: [entry ? t('pl-notice-entry-returned', { campaign, n: entry.position, name: entry.name, reason }) : t('pl-notice-list-returned', { campaign, reason })],
    choices: { step: PROPOSAL_STEP, rows: [[{ value: `l:${proposalId}`, label: t('btn-pl-open') }]] },
  };
}

/** To the unit: the council accepted the list. */
export function unitAcceptedMessage(campaign: string, count: number): OutMessage {
  return say(t('pl-notice-accepted', { campaign, count }));
}

/** To a resident: their nomination went into the unit's list for the campaign. */
export function residentIncludedMessage(code: string, campaign: string, unit: string): OutMessage {
  return say(t('pl-notice-resident-included', { code, campaign, unit }));
}
