/**
 * The life of a nomination: which status may follow which, who may move it, and what each move
 * needs (a reason, a form of commendation, a decision). Only these transitions exist; every one is
 * recorded in the audit log by the caller.
 */
import type { NominationStatus } from './vocabulary.js';

/** Who acts. Admins may do what the council does. */
export type ActorRole = 'resident' | 'head' | 'council' | 'admin' | 'system';

/** What an actor does to a nomination, as a button or a command. */
export type ReviewAction =
  | 'accept' // head: start verifying
  | 'request-info' // head or council: ask the resident for more
  | 'propose' // head: propose a form of commendation, forwarded to the council
  | 'reject' // head or council: not eligible
  | 'merge' // head: a duplicate of another nomination (counts as its endorsement)
  | 'table' // council: take it to the council's meeting
  | 'forward' // council: send it to the city level
  | 'decide' // council: record the Quyết định (number and date)
  | 'award' // council: handed over
  | 'send-back' // council: back to the unit for more verification
  | 'supplement' // resident: answered a request for more information
  | 'withdraw'; // resident: withdrawn while still new

/** What an action needs besides the actor. */
export interface ActionNeeds {
  reason?: 'required' | 'optional';
  awardForm?: true;
  decision?: true;
  duplicateOf?: true;
}

export interface Transition {
  action: ReviewAction;
  from: readonly NominationStatus[];
  to: NominationStatus;
  actors: readonly ActorRole[];
  needs: ActionNeeds;
}

const COUNCIL: readonly ActorRole[] = ['council', 'admin'];
const HEAD: readonly ActorRole[] = ['head'];

/** Every allowed transition. Anything not listed is refused. */
export const TRANSITIONS: readonly Transition[] = [
  { action: 'accept', from: ['received'], to: 'verifying', actors: HEAD, needs: {} },
  { action: 'request-info', from: ['received', 'verifying'], to: 'needs-info', actors: [...HEAD, ...COUNCIL], needs: { reason: 'required' } },
  { action: 'propose', from: ['received', 'verifying'], to: 'proposed', actors: HEAD, needs: { awardForm: true, reason: 'optional' } },
  { action: 'reject', from: ['received', 'verifying', 'needs-info'], to: 'rejected', actors: HEAD, needs: { reason: 'required' } },
  { action: 'reject', from: ['proposed', 'at-council'], to: 'rejected', actors: COUNCIL, needs: { reason: 'required' } },
  { action: 'merge', from: ['received', 'verifying', 'needs-info'], to: 'merged', actors: HEAD, needs: { duplicateOf: true } },
  { action: 'table', from: ['proposed'], to: 'at-council', actors: COUNCIL, needs: {} },
  { action: 'forward', from: ['proposed', 'at-council'], to: 'forwarded', actors: COUNCIL, needs: { reason: 'optional' } },
  { action: 'decide', from: ['proposed', 'at-council', 'forwarded'], to: 'decided', actors: COUNCIL, needs: { decision: true } },
  { action: 'award', from: ['decided'], to: 'awarded', actors: COUNCIL, needs: {} },
  { action: 'send-back', from: ['proposed', 'at-council'], to: 'verifying', actors: COUNCIL, needs: { reason: 'required' } },
  { action: 'supplement', from: ['needs-info'], to: 'received', actors: ['resident'], needs: {} },
  { action: 'withdraw', from: ['received'], to: 'withdrawn', actors: ['resident'], needs: {} },
];

export type TransitionCheck =
  | { ok: true; transition: Transition }
  | { ok: false; reason: 'not-allowed-from-status' | 'not-your-role' | 'reason-required' | 'form-required' | 'decision-required' | 'duplicate-required' };

/** The details that come with an action. */
export interface ActionDetails {
  reason?: string | null;
  awardForm?: string | null;
  decision?: { number: string; date: string } | null;
  duplicateOfId?: number | null;
}

/**
 * Decides whether `role` may apply `action` to a nomination in status `from` with these details.
 * Pure; the caller re-checks the actor's unit and loads `from` under a row lock.
 */
export function checkTransition(from: string, action: ReviewAction, role: ActorRole, details: ActionDetails = {}): TransitionCheck {
  const candidates = TRANSITIONS.filter((transition) => transition.action === action && transition.from.includes(from as NominationStatus));
  if (candidates.length === 0) return { ok: false, reason: 'not-allowed-from-status' };
  const transition = candidates.find((candidate) => candidate.actors.includes(role));
  if (!transition) return { ok: false, reason: 'not-your-role' };
  if (transition.needs.reason === 'required' && !details.reason?.trim()) return { ok: false, reason: 'reason-required' };
  if (transition.needs.awardForm && !details.awardForm) return { ok: false, reason: 'form-required' };
  if (transition.needs.decision && !(details.decision?.number.trim() && details.decision.date)) return { ok: false, reason: 'decision-required' };
  if (transition.needs.duplicateOf && !details.duplicateOfId) return { ok: false, reason: 'duplicate-required' };
  return { ok: true, transition };
}

/** The actions `role` can take on a nomination in status `status` (for the buttons it is shown). */
export function availableActions(status: string, role: ActorRole): ReviewAction[] {
  const actions = TRANSITIONS.filter((transition) => transition.from.includes(status as NominationStatus) && transition.actors.includes(role)).map((transition) => transition.action);
  return [...new Set(actions)];
}

/** Forms of commendation a head may propose for a good deed (ids; labels `award-<id>`). */
export const AWARD_FORMS = ['giay-khen', 'nguoi-tot-viec-tot', 'bang-khen', 'bieu-duong'] as const;
export type AwardForm = (typeof AWARD_FORMS)[number];

/** Ready-made reasons for "Cần bổ sung" (labels `info-reason-<id>`); a head may also type one. */
export const INFO_REASON_TEMPLATES = ['need-evidence', 'need-contact', 'need-details', 'need-witness'] as const;
/** Ready-made reasons for "Không đủ điều kiện" (labels `reject-reason-<id>`). */
export const REJECT_REASON_TEMPLATES = ['not-verified', 'out-of-area', 'not-a-good-deed', 'already-commended'] as const;
