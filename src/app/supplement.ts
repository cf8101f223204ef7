/**
 * A resident answers "Cần bổ sung": presses "Bổ sung thông tin", sends text and/or files, then
 * "Gửi bổ sung". The addition is stored beside the original (nothing is overwritten), the
 * nomination returns to the unit's queue and the unit's heads are told.
 */
import { errorFields } from './logger.js';
import type { Attachment, IncomingFile } from '../core/form/types.js';
import { raw, say, t, type OutMessage } from '../core/messages.js';
import { ACCEPTED_DOCUMENT_TYPES, type NominationEnv } from '../core/nomination/form.js';
import { fileRefusal } from '../core/form/steps.js';
import { checkTransition } from '../core/nomination/status-machine.js';
import type { EvidenceStore, PendingState, Person, RoleRepository, UserRepository } from '../core/ports.js';
import { headAttentionMessage, SUPPLEMENT_STEP } from '../core/review/messages.js';
import { cleanText } from '../core/text/normalize.js';
import { unitAndAncestors } from '../core/units.js';
import { UNIT_ROLES } from '../core/roles.js';
import type { ReviewRepository } from '../infra/repositories/review.js';
import type { Logger } from './logger.js';

type SupplementState = Extract<PendingState, { kind: 'supplement' }>;

export interface SupplementDeps {
  review: ReviewRepository;
  nominations: { getForUser(userId: number, id: number): Promise<{ id: number; code: string; status: string } | null> };
  users: Pick<UserRepository, 'setPending'>;
  roles: Pick<RoleRepository, 'recipients'>;
  evidence: EvidenceStore;
  env: () => Promise<NominationEnv>;
  kickOutbox: () => void;
  log: Logger;
}

const TEXT_MAX = 2000;

function controls(state: SupplementState): OutMessage['choices'] {
  return { step: SUPPLEMENT_STEP, rows: [[{ value: 'send', label: t('btn-supplement-send') }, { value: 'cancel', label: t('btn-cancel') }]].map((row) => (state.texts.length || state.files.length ? row : row.slice(1))) };
}

export class Supplement {
  constructor(private readonly deps: SupplementDeps) {}

  /** "sup|<value>": s<id> starts, send/cancel end. */
  async press(person: Person, value: string, now: Date): Promise<OutMessage[]> {
    const start = /^s(\d{1,9})$/.exec(value);
    if (start) {
      const nomination = await this.deps.nominations.getForUser(person.id, Number(start[1]));
      if (!nomination) return [say(t('nomination-not-found'))];
      if (nomination.status !== 'needs-info') return [say(t('sup-not-needed', { code: raw(nomination.code), status: t(`status-${nomination.status}`) }))];
      const state: SupplementState = { kind: 'supplement', nominationId: nomination.id, texts: [], files: [] };
      await this.deps.users.setPending(person.id, state);
      return [{ parts: [t('sup-start', { code: raw(nomination.code) })], choices: controls(state) }];
    }
    const state = person.pending?.kind === 'supplement' ? person.pending : null;
    if (!state) return [say(t('form-closed'))];
    if (value === 'cancel') {
      await this.deps.users.setPending(person.id, null);
      return [say(t('sup-cancelled'))];
    }
    if (value === 'send') return this.send(person, state, now);
    return [say(t('choose-from-buttons'))];
  }

  /** Text or a file while a supplement is open; null when none is. */
  async add(person: Person, input: { kind: 'text'; text: string } | { kind: 'file'; file: IncomingFile }, now: Date): Promise<OutMessage[] | null> {
    const state = person.pending?.kind === 'supplement' ? person.pending : null;
    if (!state) return null;
    let next: SupplementState;
    let note: OutMessage['parts'][number];
    if (input.kind === 'text') {
      const text = cleanText(input.text);
      const total = [...state.texts, text].join('\n').length;
      if (!text) return [{ parts: [t('sup-hint')], choices: controls(state) }];
      if (total > TEXT_MAX) return [{ parts: [t('text-too-long', { max: TEXT_MAX, length: total })], choices: controls(state) }];
      next = { ...state, texts: [...state.texts, text] };
      note = t('sup-got-text');
    } else {
      const env = await this.deps.env();
      const file = input.file;
      if (state.files.length >= env.limits.maxAttachments) return [{ parts: [t('evidence-too-many', { max: env.limits.maxAttachments })], choices: controls(state) }];
      const refusal = fileRefusal(file, { maxFileBytes: env.limits.maxFileBytes, documentTypes: ACCEPTED_DOCUMENT_TYPES });
      if (refusal) return [{ parts: [refusal], choices: controls(state) }];
      let attachment: Attachment = { ...file, receivedAt: now.toISOString() };
      try {
        attachment = { ...attachment, ...(await this.deps.evidence.store(file)) };
      } catch (error) {
        this.deps.log.warn({ event: 'evidence.store_failed', fileUniqueId: file.fileUniqueId, ...errorFields(error) });
      }
      next = { ...state, files: [...state.files, attachment] };
      note = t('sup-got-file', { count: next.files.length });
    }
    await this.deps.users.setPending(person.id, next);
    return [{ parts: [note], choices: controls(next) }];
  }

  private async send(person: Person, state: SupplementState, now: Date): Promise<OutMessage[]> {
    if (state.texts.length === 0 && state.files.length === 0) return [{ parts: [t('sup-empty')], choices: controls(state) }];
    const env = await this.deps.env();
    // Read before the transaction (see Review.finish): the unit's heads to tell.
    const unitId = await this.deps.review.unitOf(state.nominationId);
    const heads = unitId === null ? [] : await this.deps.roles.recipients(UNIT_ROLES, unitAndAncestors(env.units, unitId));
    const result = await this.deps.review.addSupplement(state.nominationId, person.id, { text: state.texts.join('\n') || null, files: state.files }, now, (locked) => ({
      check: checkTransition(locked.status, 'supplement', 'resident'),
      messages: (current) =>
        heads.map((head) => ({
          dedupeKey: `supplement:${current.id}:${now.toISOString()}:${head.userId}`,
          userId: head.userId,
          channel: head.channel,
          chatId: head.chatId,
          locale: head.locale ?? 'vi',
          message: headAttentionMessage(current.id, current.code, 'supplemented', null),
        })),
    }));
    await this.deps.users.setPending(person.id, null);
    if (!result.ok) return [say(t('sup-not-needed', { code: raw(result.nomination?.code ?? ''), status: t(`status-${result.nomination?.status ?? 'received'}`) }))];
    this.deps.kickOutbox();
    this.deps.log.info({ event: 'nomination.supplemented', userId: person.id, nominationId: state.nominationId, files: state.files.length });
    return [say(t('sup-done', { code: raw(result.nomination.code), status: t('status-received') }))];
  }
}
