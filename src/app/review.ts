/**
 * Unit heads and the council review nominations in the chat: overview, queue, card, actions,
 * bulk actions. Every press is re-checked: the role, the unit, the nomination's current status.
 */
import type { Text } from '../core/messages.js';
import { raw, say, t, type OutMessage } from '../core/messages.js';
import { parseReferenceCode } from '../core/nomination/code.js';
import type { NominationEnv } from '../core/nomination/form.js';
import { availableActions, checkTransition, AWARD_FORMS, INFO_REASON_TEMPLATES, REJECT_REASON_TEMPLATES, type ActionDetails, type ActorRole, type ReviewAction } from '../core/nomination/status-machine.js';
import type { PendingState, Person, RoleRepository, UserRepository } from '../core/ports.js';
import { parseDecision } from '../core/review/decision.js';
import {
  awardFormPrompt,
  cardMessage,
  councilProposalMessage,
  decisionPrompt,
  duplicatePrompt,
  headAttentionMessage,
  overviewMessage,
  QUEUE_PAGE_SIZE,
  REVIEW_STEP,
  queueMessage,
  reasonPrompt,
  reasonText,
  residentStatusMessage,
  templateReasonKey,
} from '../core/review/messages.js';
import type { CardFile, ReviewScope } from '../core/review/types.js';
import { actingRole, headedUnitIds, isCouncil, isHead, isUnitRole, UNIT_ROLES } from '../core/roles.js';
import { cleanText } from '../core/text/normalize.js';
import { unitAndAncestors } from '../core/units.js';
import type { LockedNomination, OutgoingMessage, ReviewRepository } from '../infra/repositories/review.js';
import type { Logger } from './logger.js';

export interface ReviewDeps {
  review: ReviewRepository;
  roles: Pick<RoleRepository, 'recipients'>;
  users: Pick<UserRepository, 'setPending'>;
  env: () => Promise<NominationEnv>;
  /** Starts sending what was just written to the outbox. */
  kickOutbox: () => void;
  log: Logger;
}

/** A reviewer's messages plus files to re-send from a nomination. */
export interface ReviewReply {
  messages: OutMessage[];
  files?: CardFile[];
}

const ACTIONS_NEEDING_REASON = new Set<ReviewAction>(['request-info', 'reject', 'send-back']);
const REASON_MAX = 500;


export class Review {
  constructor(private readonly deps: ReviewDeps) {}

  /** Whether the person may review at all. */
  static canReview(person: Person): boolean {
    return isCouncil(person.roles) || isHead(person.roles);
  }

  async overview(person: Person): Promise<ReviewReply> {
    const access = await this.access(person);
    if (!access) return { messages: [say(t('rv-not-allowed'))] };
    const counts = await this.deps.review.counts(access.scope);
    const scopeName: Text = access.role === 'head' ? raw(access.unitNames.join(', ')) : t('rv-scope-all');
    return { messages: [overviewMessage(access.role === 'head' ? 'head' : 'council', counts, scopeName)] };
  }

  /** A reviewer's button ("rv|<value>"). */
  async press(person: Person, value: string, now: Date): Promise<ReviewReply> {
    const access = await this.access(person);
    if (!access) {
      this.deps.log.warn({ event: 'review.forbidden', userId: person.id, reason: 'no-role' });
      return { messages: [say(t('rv-not-allowed'))] };
    }
    if (value === 'h') return this.clearThen(person, () => this.overview(person));
    if (value === 'x') return this.clearThen(person, async () => ({ messages: [say(t('rv-cancelled'))] }));
    let match = /^l:([a-z-]{3,20}):(\d{1,5})$/.exec(value);
    if (match) return this.clearThen(person, () => this.queue(access.scope, access.role, match![1]!, Number(match![2])));
    match = /^o(\d{1,9})$/.exec(value);
    if (match) return this.open(person, access, Number(match[1]));
    match = /^a:([a-z-]{3,20}):(\d{1,9})$/.exec(value);
    if (match) return this.startAction(person, access, match[1] as ReviewAction, Number(match[2]), now);
    match = /^m:([a-z-]{3,20}):(\d{1,5})$/.exec(value);
    if (match) {
      const pending: PendingState = { kind: 'select', status: match[1]!, page: Number(match[2]), ids: [] };
      await this.deps.users.setPending(person.id, pending);
      return this.queue(access.scope, access.role, pending.status, pending.page, []);
    }
    match = /^s(\d{1,9})$/.exec(value);
    if (match && person.pending?.kind === 'select') return this.toggle(person, access, person.pending, Number(match[1]));
    match = /^b:([a-z-]{3,20})$/.exec(value);
    if (match && person.pending?.kind === 'select') return this.bulk(person, access, person.pending, match[1] as ReviewAction, now);
    match = /^r:([a-z-]{3,30})$/.exec(value);
    if (match && person.pending?.kind === 'review' && person.pending.awaiting === 'reason') {
      const templates: readonly string[] = person.pending.action === 'request-info' ? INFO_REASON_TEMPLATES : REJECT_REASON_TEMPLATES;
      if (!templates.includes(match[1]!)) return { messages: [say(t('rv-stale'))] };
      return this.finish(person, access, person.pending, { reason: `tmpl:${templateReasonKey(person.pending.action, match[1]!)}` }, now);
    }
    match = /^f:([a-z-]{3,30})$/.exec(value);
    if (match && person.pending?.kind === 'review' && person.pending.awaiting === 'form') {
      if (!(AWARD_FORMS as readonly string[]).includes(match[1]!)) return { messages: [say(t('rv-stale'))] };
      return this.finish(person, access, person.pending, { awardForm: match[1]! }, now);
    }
    this.deps.log.warn({ event: 'review.stale_or_forged', userId: person.id });
    return { messages: [say(t('rv-stale'))] };
  }

  /** Text typed while a reason, a decision or the original's code is awaited; null when nothing is. */
  async text(person: Person, input: string, now: Date): Promise<ReviewReply | null> {
    const pending = person.pending;
    if (pending?.kind !== 'review') return null;
    const access = await this.access(person);
    if (!access) return null;
    const text = cleanText(input);
    switch (pending.awaiting) {
      case 'reason':
        if (text.length < 3) return { messages: [{ ...reasonPrompt(pending.action as 'reject', pending.ids.length), parts: [t('rv-reason-too-short'), t(`rv-ask-reason-${pending.action}`, { count: pending.ids.length })] }] };
        if (text.length > REASON_MAX) return { messages: [say(t('text-too-long', { max: REASON_MAX, length: text.length }))] };
        return this.finish(person, access, pending, { reason: text }, now);
      case 'decision': {
        const decision = parseDecision(text, now);
        if (!decision.ok) return { messages: [{ ...decisionPrompt(), parts: [t(decision.reason === 'date' ? 'rv-decision-bad-date' : 'rv-decision-format'), ...decisionPrompt().parts] }] };
        return this.finish(person, access, pending, { decision: { number: decision.number, date: decision.date } }, now);
      }
      case 'duplicate': {
        const code = parseReferenceCode(text);
        const original = code ? await this.deps.review.findByCode(code) : null;
        // The original must be a live nomination: not itself merged, withdrawn or rejected (no cycles).
        if (!original || !this.inScope(access, original.unitId) || pending.ids.includes(original.id) || ['merged', 'withdrawn', 'rejected'].includes(original.status)) {
          return { messages: [{ ...duplicatePrompt(), parts: [t('rv-duplicate-not-found', { code: raw(code ?? text.slice(0, 30)) }), ...duplicatePrompt().parts] }] };
        }
        return this.finish(person, access, pending, { duplicateOfId: original.id }, now);
      }
      default:
        return { messages: [say(t('rv-use-buttons'))] };
    }
  }

  private async queue(scope: ReviewScope, role: ActorRole, status: string, page: number, selecting?: number[]): Promise<ReviewReply> {
    const { items, total } = await this.deps.review.queue(scope, status, page * QUEUE_PAGE_SIZE, QUEUE_PAGE_SIZE);
    if (total === 0) return { messages: [{ parts: [t('rv-queue-empty', { status: t(`status-${status}`) })], choices: { step: REVIEW_STEP, rows: [[{ value: 'h', label: t('rv-btn-overview') }]] } }] };
    if (items.length === 0 && page > 0) return this.queue(scope, role, status, 0, selecting);
    return { messages: [queueMessage(status, items, page, total, role, selecting)] };
  }

  private async open(person: Person, access: Access, nominationId: number): Promise<ReviewReply> {
    const card = await this.deps.review.card(nominationId);
    if (!card || !this.inScope(access, card.unitId)) {
      this.deps.log.warn({ event: 'review.forbidden', userId: person.id, nominationId });
      return { messages: [say(t('rv-not-found'))] };
    }
    const env = await this.deps.env();
    const role = actingRole(person.roles, card.unitId, env.units) ?? access.role;
    return { messages: [cardMessage(card, role)], files: card.files };
  }

  private async startAction(person: Person, access: Access, action: ReviewAction, nominationId: number, now: Date): Promise<ReviewReply> {
    const state = await this.deps.review.stateOf(nominationId);
    if (!state || !this.inScope(access, state.unitId)) {
      this.deps.log.warn({ event: 'review.forbidden', userId: person.id, nominationId });
      return { messages: [say(t('rv-not-found'))] };
    }
    // Refuse before asking for a reason or a decision that could never be used.
    const env = await this.deps.env();
    const role = actingRole(person.roles, state.unitId, env.units);
    const allowed = role ? availableActions(state.status, role).includes(action) : false;
    if (!allowed) {
      this.deps.log.warn({ event: 'review.refused', userId: person.id, nominationId, action, reason: 'not-available' });
      return { messages: [say(t(role && availableActions(state.status, role).length ? 'rv-refused-not-allowed-from-status' : 'rv-refused-not-your-role', { code: raw(state.code) }))] };
    }
    const awaiting = ACTIONS_NEEDING_REASON.has(action) ? 'reason' : action === 'propose' ? 'form' : action === 'decide' ? 'decision' : action === 'merge' ? 'duplicate' : undefined;
    if (!awaiting) return this.finish(person, access, { kind: 'review', action, ids: [nominationId], awaiting: 'reason' }, {}, now);
    await this.deps.users.setPending(person.id, { kind: 'review', action, ids: [nominationId], awaiting });
    const prompt = awaiting === 'reason' ? reasonPrompt(action as 'reject', 1) : awaiting === 'form' ? awardFormPrompt() : awaiting === 'decision' ? decisionPrompt() : duplicatePrompt();
    return { messages: [prompt] };
  }

  private async toggle(person: Person, access: Access, pending: Extract<PendingState, { kind: 'select' }>, nominationId: number): Promise<ReviewReply> {
    const unitId = await this.deps.review.unitOf(nominationId);
    if (unitId === null || !this.inScope(access, unitId)) return { messages: [say(t('rv-not-found'))] };
    const ids = pending.ids.includes(nominationId) ? pending.ids.filter((id) => id !== nominationId) : [...pending.ids, nominationId];
    await this.deps.users.setPending(person.id, { ...pending, ids });
    return this.queue(access.scope, access.role, pending.status, pending.page, ids);
  }

  private async bulk(person: Person, access: Access, pending: Extract<PendingState, { kind: 'select' }>, action: ReviewAction, now: Date): Promise<ReviewReply> {
    if (pending.ids.length === 0) return { messages: [say(t('rv-select-none'))] };
    if (action !== 'accept' && action !== 'request-info') return { messages: [say(t('rv-stale'))] };
    if (action === 'request-info') {
      await this.deps.users.setPending(person.id, { kind: 'review', action, ids: pending.ids, awaiting: 'reason' });
      return { messages: [reasonPrompt('request-info', pending.ids.length)] };
    }
    return this.finish(person, access, { kind: 'review', action, ids: pending.ids, awaiting: 'reason' }, {}, now);
  }

  /** Applies the action to every nomination in `pending.ids`; each is checked and moved on its own. */
  private async finish(person: Person, access: Access, pending: Extract<PendingState, { kind: 'review' }>, details: ActionDetails, now: Date): Promise<ReviewReply> {
    const env = await this.deps.env();
    const action = pending.action as ReviewAction;
    const done: string[] = [];
    const refused: Text[] = [];
    let to = '';
    let from = '';
    const duplicateOfCode = details.duplicateOfId ? ((await this.deps.review.stateOf(details.duplicateOfId))?.code ?? null) : null;
    for (const id of pending.ids) {
      // Recipients are read before the transaction: inside it the row is locked and every extra
      // connection from the pool could, under load, wait for one the transaction holds.
      const state = await this.deps.review.stateOf(id);
      const recipients = state ? await this.recipientsFor(action, state.unitId, env) : { council: [], heads: [] };
      const result = await this.deps.review.transition(id, { userId: person.id, role: access.role }, details, now, (locked) => {
        from = locked.status;
        const role = this.inScope(access, locked.unitId) ? actingRole(person.roles, locked.unitId, env.units) : undefined;
        if (!role) return { check: { ok: false, reason: 'not-your-role' } };
        const check = checkTransition(locked.status, action, role, details);
        return { check, messages: (current) => this.messagesFor(current, check.ok ? check.transition.to : '', action, details, env, now, recipients, duplicateOfCode) };
      });
      if (result.ok) {
        done.push(result.nomination.code);
        to = result.to;
        this.deps.log.info({ event: 'review.transition', userId: person.id, nominationId: id, action, to: result.to });
      } else {
        this.deps.log.warn({ event: 'review.refused', userId: person.id, nominationId: id, action, reason: result.reason });
        refused.push(t(`rv-refused-${result.reason === 'not-found' ? 'not-allowed-from-status' : result.reason}`, { code: raw(result.nomination?.code ?? String(id)) }));
      }
    }
    await this.deps.users.setPending(person.id, null);
    if (done.length) this.deps.kickOutbox();
    const messages: OutMessage[] = [];
    if (done.length) messages.push(say(t('rv-done', { count: done.length, codes: raw(done.join(', ')), status: t(`status-${to}`) })));
    if (refused.length) messages.push(say(...refused));
    const next = await this.queue(access.scope, access.role, from || 'received', 0);
    return { messages: [...messages, ...next.messages] };
  }

  private async recipientsFor(action: ReviewAction, unitId: number, env: NominationEnv): Promise<Recipients> {
    return {
      council: action === 'propose' ? await this.deps.roles.recipients('council') : [],
      heads: action === 'send-back' ? await this.deps.roles.recipients(UNIT_ROLES, unitAndAncestors(env.units, unitId)) : [],
    };
  }

  /** The resident's notice and, by action, the council's or the unit heads'. */
  private messagesFor(locked: LockedNomination, to: string, action: ReviewAction, details: ActionDetails, env: NominationEnv, now: Date, recipients: Recipients, duplicateOfCode: string | null): OutgoingMessage[] {
    const out: OutgoingMessage[] = [];
    const stamp = now.toISOString();
    if (locked.residentChannel && locked.residentChatId && locked.userId !== null) {
      out.push({
        dedupeKey: `status:${locked.id}:${to}:${stamp}`,
        userId: locked.userId,
        channel: locked.residentChannel,
        chatId: locked.residentChatId,
        locale: locked.residentLocale ?? 'vi',
        message: residentStatusMessage({ nominationId: locked.id, code: locked.code, to, reason: reasonText(details.reason ?? null), awardForm: details.awardForm ?? null, decision: details.decision ?? null, duplicateOfCode }),
      });
    }
    if (action === 'propose' && details.awardForm) {
      const unitName = env.units.fullName(locked.unitId) ?? '';
      for (const member of recipients.council) {
        out.push({ dedupeKey: `council:${locked.id}:${stamp}:${member.userId}`, userId: member.userId, channel: member.channel, chatId: member.chatId, locale: member.locale ?? 'vi', message: councilProposalMessage(locked.id, locked.code, unitName, details.awardForm) });
      }
    }
    if (action === 'send-back') {
      for (const head of recipients.heads) {
        out.push({ dedupeKey: `head:${locked.id}:${stamp}:${head.userId}`, userId: head.userId, channel: head.channel, chatId: head.chatId, locale: head.locale ?? 'vi', message: headAttentionMessage(locked.id, locked.code, 'sent-back', reasonText(details.reason ?? null)) });
      }
    }
    return out;
  }

  private async clearThen(person: Person, next: () => Promise<ReviewReply>): Promise<ReviewReply> {
    if (person.pending?.kind === 'review' || person.pending?.kind === 'select') await this.deps.users.setPending(person.id, null);
    return next();
  }

  private inScope(access: Access, unitId: number): boolean {
    return access.scope.kind === 'all' || access.scope.unitIds.includes(unitId);
  }

  private async access(person: Person): Promise<Access | undefined> {
    if (isCouncil(person.roles)) return { role: person.roles.some((grant) => grant.role === 'admin') ? 'admin' : 'council', scope: { kind: 'all' }, unitNames: [] };
    if (!isHead(person.roles)) return undefined;
    const env = await this.deps.env();
    const unitIds = headedUnitIds(person.roles, env.units);
    if (unitIds.length === 0) return undefined;
    const unitNames = person.roles.filter((grant) => isUnitRole(grant.role) && grant.unitId !== null).map((grant) => env.units.fullName(grant.unitId!) ?? '');
    return { role: 'head', scope: { kind: 'units', unitIds }, unitNames };
  }
}

type Recipient = { userId: number; channel: string; chatId: string; locale: string | null };
interface Recipients {
  council: Recipient[];
  heads: Recipient[];
}

interface Access {
  role: ActorRole;
  scope: ReviewScope;
  unitNames: string[];
}
