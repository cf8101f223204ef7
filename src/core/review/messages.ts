/**
 * The reviewers' screens (overview, queue, nomination card, action prompts) and the messages
 * people receive when a nomination moves. Channel-neutral: keys, arguments and choices.
 */
import { lines, raw, rows, say, t, type Choice, type OutMessage, type Text } from '../messages.js';
import { AWARD_FORMS, INFO_REASON_TEMPLATES, REJECT_REASON_TEMPLATES, availableActions, type ActorRole, type ReviewAction } from '../nomination/status-machine.js';
import { formatDate, formatDateTime } from '../text/date.js';
import { displayPhone } from '../text/phone.js';
import type { QueueItem, ReviewCard } from './types.js';

/** A stored reason: a ready-made one is kept as its key (shown in each reader's language), a typed one as typed. */
export function reasonText(stored: string | null): Text | null {
  if (!stored) return null;
  return stored.startsWith('tmpl:') ? t(stored.slice(5)) : raw(stored);
}

/** The buttons' step: every reviewer button is "rv|<value>". */
export const REVIEW_STEP = 'rv';
/** The residents' "add information" button: "sup|s<nomination id>". */
export const SUPPLEMENT_STEP = 'sup';
export const QUEUE_PAGE_SIZE = 6;

/** Statuses each kind of reviewer works on, in the order they are shown. */
export const HEAD_STATUSES = ['received', 'needs-info', 'verifying', 'proposed', 'at-council', 'rejected'] as const;
export const COUNCIL_STATUSES = ['proposed', 'at-council', 'forwarded', 'decided', 'awarded'] as const;

const day = (instant: Date) => formatDateTime(instant).slice(0, 10);

/** "Tổng quan": counts per status, a button for each non-empty one. */
export function overviewMessage(role: 'head' | 'council', counts: Record<string, number>, scopeName: Text): OutMessage {
  const statuses = role === 'head' ? HEAD_STATUSES : COUNCIL_STATUSES;
  const summary = statuses.map((status) => t('rv-count-line', { status: t(`status-${status}`), count: counts[status] ?? 0 }));
  const buttons: Choice[] = statuses
    .filter((status) => (counts[status] ?? 0) > 0)
    .map((status) => ({ value: `l:${status}:0`, label: t('rv-btn-status', { status: t(`status-${status}`), count: counts[status] ?? 0 }) }));
  const total = statuses.reduce((sum, status) => sum + (counts[status] ?? 0), 0);
  return {
    parts: [t(role === 'head' ? 'rv-overview-head' : 'rv-overview-council', { scope: scopeName }), lines(summary), total === 0 ? t('rv-overview-empty') : t('rv-overview-hint')],
    choices: { step: REVIEW_STEP, rows: rows(buttons, 1) },
  };
}

/** One page of a status's queue, oldest first; with `selecting`, buttons tick nominations for a bulk action. */
export function queueMessage(status: string, items: QueueItem[], page: number, total: number, role: ActorRole, selecting?: number[]): OutMessage {
  const pages = Math.max(1, Math.ceil(total / QUEUE_PAGE_SIZE));
  const itemLines = items.map((item, index) =>
    t('rv-queue-line', {
      n: page * QUEUE_PAGE_SIZE + index + 1,
      code: raw(item.code),
      name: raw(item.nomineeName),
      unit: raw(item.unitName),
      date: day(item.submittedAt),
      flags: item.supplemented ? t('rv-flag-supplemented') : item.possibleDuplicateCode ? t('rv-flag-duplicate', { code: raw(item.possibleDuplicateCode) }) : '',
    }),
  );
  const buttons: Choice[][] = items.map((item) =>
    selecting
      ? [{ value: `s${item.id}`, label: t(selecting.includes(item.id) ? 'rv-btn-selected' : 'rv-btn-select', { code: raw(item.code) }) }]
      : [{ value: `o${item.id}`, label: raw(`${item.code} · ${item.nomineeName}`) }],
  );
  const navigation: Choice[] = [];
  if (page > 0) navigation.push({ value: `l:${status}:${page - 1}`, label: t('btn-prev-page') });
  if (page < pages - 1) navigation.push({ value: `l:${status}:${page + 1}`, label: t('btn-next-page') });
  if (navigation.length) buttons.push(navigation);
  const bulk = bulkActionsFor(status, role);
  if (selecting) {
    buttons.push(bulk.map((action) => ({ value: `b:${action}`, label: t('rv-btn-bulk', { action: t(`rv-action-${action}`), count: selecting.length }) })));
    buttons.push([{ value: `l:${status}:${page}`, label: t('rv-btn-select-end') }]);
  } else if (bulk.length > 0 && total > 1) {
    buttons.push([{ value: `m:${status}:${page}`, label: t('rv-btn-select-many') }]);
  }
  buttons.push([{ value: 'h', label: t('rv-btn-overview') }]);
  return {
    parts: [t('rv-queue-title', { status: t(`status-${status}`), total, page: page + 1, pages }), lines(itemLines), ...(selecting ? [t('rv-select-hint')] : [])],
    choices: { step: REVIEW_STEP, rows: buttons.filter((row) => row.length > 0) },
  };
}

/** Actions that may be applied to several nominations at once. */
export function bulkActionsFor(status: string, role: ActorRole): ReviewAction[] {
  return availableActions(status, role).filter((action): action is ReviewAction => action === 'accept' || action === 'request-info');
}

/** The whole nomination for a reviewer, with the actions allowed in its status. */
export function cardMessage(card: ReviewCard, role: ActorRole): OutMessage {
  const details: Text[] = [
    t('rv-card-head', { code: raw(card.code), status: t(`status-${card.status}`), submitted: formatDateTime(card.submittedAt) }),
    lines([
      t('summary-line', { label: t('field-nomineeKind'), value: t(`kind-${card.nomineeKind}`) }),
      t('summary-line', { label: t('field-nomineeName'), value: raw(card.nomineeName) }),
      t('summary-line', { label: t('field-unit'), value: raw(card.unitName) }),
      ...(card.nomineeBirthYear ? [t('summary-line', { label: t('field-nomineeBirthYear'), value: String(card.nomineeBirthYear) })] : []),
      ...(card.nomineeRole ? [t('summary-line', { label: t('field-nomineeRole'), value: raw(card.nomineeRole) })] : []),
      t('summary-line', { label: t('field-deedCategory'), value: t(`category-${card.deedCategory}`) }),
      t('summary-line', { label: t('field-deedDate'), value: formatDate(card.deedDate) }),
      ...(card.deedPlace ? [t('summary-line', { label: t('field-deedPlace'), value: raw(card.deedPlace) })] : []),
      t('summary-line', { label: t('field-nominatorName'), value: card.nominatorName ? raw(card.nominatorName) : t('rv-erased') }),
      t('summary-line', { label: t('field-nominatorPhone'), value: card.nominatorPhone ? displayPhone(card.nominatorPhone) : t('rv-erased') }),
      ...(card.nominatorRelation ? [t('summary-line', { label: t('field-nominatorRelation'), value: t(`relation-${card.nominatorRelation}`) })] : []),
      t('summary-line', { label: t('field-evidence'), value: card.files.length ? t('summary-evidence-count', { count: card.files.length }) : t('summary-not-given') }),
    ]),
    raw(card.description),
  ];
  for (const supplement of card.supplements) {
    details.push(t('rv-card-supplement', { date: formatDateTime(supplement.createdAt), text: supplement.text ? raw(supplement.text) : t('summary-not-given'), files: supplement.files }));
  }
  if (card.awardForm) details.push(t('rv-card-award', { form: t(`award-${card.awardForm}`) }));
  if (card.decisionNumber && card.decisionDate) details.push(t('rv-card-decision', { number: raw(card.decisionNumber), date: formatDate(card.decisionDate) }));
  if (card.lastReason) details.push(t('rv-card-reason', { reason: reasonText(card.lastReason)! }));
  if (card.duplicateOfCode) details.push(t('rv-card-merged', { code: raw(card.duplicateOfCode) }));
  if (card.endorsements > 0) details.push(t('rv-card-endorsements', { count: card.endorsements }));
  if (card.possibleDuplicateCode) details.push(t('rv-card-possible-duplicate', { code: raw(card.possibleDuplicateCode) }));
  const actions = availableActions(card.status, role).map((action) => ({ value: `a:${action}:${card.id}`, label: t(`rv-action-${action}`) }));
  return {
    parts: details,
    choices: { step: REVIEW_STEP, rows: [...rows(actions, 2), [{ value: `l:${card.status}:0`, label: t('rv-btn-back-to-list') }, { value: 'h', label: t('rv-btn-overview') }]] },
  };
}

/** "Why?": ready-made reasons, or type one. */
export function reasonPrompt(action: 'request-info' | 'reject' | 'send-back' | 'forward', count: number): OutMessage {
  const templates = action === 'request-info' ? INFO_REASON_TEMPLATES : action === 'reject' ? REJECT_REASON_TEMPLATES : [];
  const prefix = action === 'request-info' ? 'info-reason' : 'reject-reason';
  const buttons = templates.map((id) => ({ value: `r:${id}`, label: t(`${prefix}-${id}`) }));
  return {
    parts: [t(`rv-ask-reason-${action}`, { count })],
    choices: { step: REVIEW_STEP, rows: [...rows(buttons, 1), [{ value: 'x', label: t('btn-cancel') }]] },
  };
}

/** The label of a ready-made reason, as stored and as shown to the resident. */
export function templateReasonKey(action: string, template: string): string {
  return `${action === 'request-info' ? 'info-reason' : 'reject-reason'}-${template}`;
}

export function awardFormPrompt(): OutMessage {
  return {
    parts: [t('rv-ask-award-form')],
    choices: { step: REVIEW_STEP, rows: [...rows(AWARD_FORMS.map((form) => ({ value: `f:${form}`, label: t(`award-${form}`) })), 1), [{ value: 'x', label: t('btn-cancel') }]] },
  };
}

export function decisionPrompt(): OutMessage {
  return { parts: [t('rv-ask-decision')], choices: { step: REVIEW_STEP, rows: [[{ value: 'x', label: t('btn-cancel') }]] } };
}

export function duplicatePrompt(): OutMessage {
  return { parts: [t('rv-ask-duplicate')], choices: { step: REVIEW_STEP, rows: [[{ value: 'x', label: t('btn-cancel') }]] } };
}

/** What the resident who nominated is told when their nomination moves. */
export function residentStatusMessage(change: {
  nominationId: number;
  code: string;
  to: string;
  reason: Text | null;
  awardForm: string | null;
  decision: { number: string; date: string } | null;
  duplicateOfCode: string | null;
}): OutMessage {
  const parts: Text[] = [t('notify-status', { code: raw(change.code), status: t(`status-${change.to}`) })];
  if (change.reason) parts.push(t(change.to === 'needs-info' ? 'notify-reason-needs-info' : 'notify-reason', { reason: change.reason }));
  if (change.to === 'proposed' && change.awardForm) parts.push(t('notify-proposed', { form: t(`award-${change.awardForm}`) }));
  if (change.to === 'decided' && change.decision) parts.push(t('notify-decided', { number: raw(change.decision.number), date: formatDate(change.decision.date) }));
  if (change.to === 'merged' && change.duplicateOfCode) parts.push(t('notify-merged', { code: raw(change.duplicateOfCode) }));
  if (change.to === 'needs-info') {
    parts.push(t('notify-needs-info-how'));
    return { parts, choices: { step: SUPPLEMENT_STEP, rows: [[{ value: `s${change.nominationId}`, label: t('btn-supplement') }]] } };
  }
  return say(...parts);
}

/** To the council: a unit proposed a commendation. */
export function councilProposalMessage(nominationId: number, code: string, unitName: string, awardForm: string): OutMessage {
  return {
    parts: [t('notify-council-proposal', { code: raw(code), unit: raw(unitName), form: t(`award-${awardForm}`) })],
    choices: { step: REVIEW_STEP, rows: [[{ value: `o${nominationId}`, label: t('rv-btn-open') }]] },
  };
}

/** To the unit's heads: the resident answered, or the council sent a nomination back. */
export function headAttentionMessage(nominationId: number, code: string, what: 'supplemented' | 'sent-back', reason: Text | null): OutMessage {
  const parts: Text[] = [t(`notify-head-${what}`, { code: raw(code) })];
  if (reason) parts.push(t('notify-reason', { reason }));
  return { parts, choices: { step: REVIEW_STEP, rows: [[{ value: `o${nominationId}`, label: t('rv-btn-open') }]] } };
}
