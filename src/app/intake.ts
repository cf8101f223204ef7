/**
 * The residents' intake as a story: load the draft → decide with the pure form → run the effects
 * (consent record, evidence copy) → save → answer. No messenger and no SQL in here.
 */
import { storeAttachment, storeMissing, typedChoice } from './form-io.js';
import { randomUUID } from 'node:crypto';
import { advance, ask, isExpired, migrateDraft, newDraft, RESUME_STEP, getStep } from '../core/form/engine.js';
import type { Draft, Effect, FormInput } from '../core/form/types.js';
import { say, t, type OutMessage, type Text } from '../core/messages.js';
import { foldVietnamese } from '../core/text/normalize.js';
import { consentIsCurrent, nominationForm, type NominationEnv } from '../core/nomination/form.js';
import { submittedMessage, toNewNomination } from '../core/nomination/records.js';
import type { ConsentRepository, DraftRepository, EvidenceStore, NominationRepository, Person, UserRepository } from '../core/ports.js';
import { formatDateTime } from '../core/text/date.js';
import type { Logger } from './logger.js';

export const CONSENT_PURPOSE = 'nomination-intake';
/** How long after the consent screen a typed "đồng ý" still answers it. */
const CONSENT_PROMPT_VALID_MS = 60 * 60 * 1000;

export interface IntakeDeps {
  drafts: DraftRepository;
  nominations: NominationRepository;
  consents: ConsentRepository;
  users: Pick<UserRepository, 'markConsentPrompted' | 'consentPromptedAt'>;
  evidence: EvidenceStore;
  env: () => Promise<NominationEnv>;
  log: Logger;
  /** A choice label as people may type it, in every locale (for answering a choice by typing its label). */
  labelsOf: (label: Text) => string[];
  /** The open campaign a nomination of this unit belongs to, if any. */
  campaignFor?: (unitId: number, now: Date) => Promise<number | null>;
  settings: {
    draftTtlDays: number;
    /** A draft untouched this long is offered for resuming. */
    resumeAfterMinutes: number;
  };
}

const form = nominationForm;

export class Intake {
  constructor(private readonly deps: IntakeDeps) {}

  /** Whether the person has a live draft (so free text belongs to the form). */
  async hasDraft(person: Person, now: Date): Promise<boolean> {
    return (await this.loadLive(person, now)) !== null;
  }

  /** The offer to resume a draft in progress, if there is one (after /start). */
  async resumeOffer(person: Person, now: Date): Promise<OutMessage[]> {
    const draft = await this.loadLive(person, now);
    return draft ? [this.offer(draft)] : [];
  }

  /** "Đề xuất người tốt, việc tốt": offers to resume a draft, or shows the consent screen (nothing stored yet). */
  async start(person: Person, now: Date): Promise<OutMessage[]> {
    const draft = await this.loadLive(person, now);
    if (draft) return [this.offer(draft)];
    await this.deps.users.markConsentPrompted(person.id, now);
    return [ask(form, newDraft(form, 'unsaved', now), { now, env: await this.deps.env() })];
  }

  /** Handles one input that belongs to the form. Returns null when there is no form in progress. */
  async handle(person: Person, input: FormInput, now: Date, inputKey?: string): Promise<OutMessage[] | null> {
    const env = await this.deps.env();
    const ctx = { now, env };
    let draft = await this.loadLive(person, now);
    if (inputKey && draft?.ui.lastInput === inputKey) {
      // Already applied (the update is handled again after a crash): ask the current question again.
      return [ask(form, draft, ctx)];
    }
    // Every draft written for this input remembers it.
    const drafts = { save: (userId: number, saved: Draft) => this.deps.drafts.save(userId, inputKey ? { ...saved, ui: { ...saved.ui, lastInput: inputKey } } : saved), delete: (userId: number, formId: string) => this.deps.drafts.delete(userId, formId) };

    if (input.kind === 'choice' && input.step === RESUME_STEP) {
      if (!draft) return null;
      if (input.value === 'restart') {
        await drafts.delete(person.id, form.id);
        this.deps.log.info({ event: 'draft.restarted', userId: person.id });
        return [say(t('draft-restarted')), ask(form, newDraft(form, 'unsaved', now), ctx)];
      }
      const held = draft.ui.heldInput;
      const touched = { ...draft, updatedAt: now, ui: { ...draft.ui, heldInput: null } };
      if (!held) {
        await drafts.save(person.id, touched);
        return [ask(form, touched, ctx)];
      }
      // Nothing typed is lost: what they sent before the question is answered now.
      const result = advance(form, touched, this.typedChoice(touched, held, ctx), ctx);
      if (result.outcome !== 'continue' || !result.draft) {
        await drafts.save(person.id, touched);
        return [ask(form, touched, ctx)];
      }
      const next = await this.runEffects(person, result.draft, result.effects);
      await drafts.save(person.id, next);
      return result.messages;
    }

    if (!draft) {
      // Consent is the only answer that may begin a draft: before it, nothing is stored.
      const typedConsent = input.kind === 'text' ? await this.typedConsent(person, input.text, now) : undefined;
      if (typedConsent) input = { kind: 'choice', step: 'consent', value: typedConsent };
      if (input.kind === 'choice' && input.step === 'consent') draft = newDraft(form, randomUUID(), now);
      else return null;
    }

    const notes: OutMessage[] = [];
    if (draft.formVersion !== form.version || (draft.answers.consent !== undefined && !consentIsCurrent(draft, env))) {
      const migrated = migrateDraft(form, draft, now);
      draft = migrated.draft;
      if (!consentIsCurrent(draft, env)) draft = { ...draft, answers: { ...draft.answers, consent: undefined }, stepId: 'consent' };
      notes.push(say(t('form-updated')));
      this.deps.log.info({ event: 'draft.migrated', userId: person.id, dropped: migrated.dropped.length });
      if (input.kind !== 'choice') {
        await drafts.save(person.id, draft);
        return [...notes, ask(form, draft, ctx)];
      }
    }

    if (input.kind !== 'choice' && input.kind !== 'command' && this.isStale(draft, now)) {
      // Hours later, or after a restart: ask before reading the input as an answer to an old
      // question, and keep it, so "Làm tiếp" answers with it and nothing typed is lost.
      await drafts.save(person.id, { ...draft, updatedAt: now, ui: { ...draft.ui, heldInput: input } });
      return [this.offer(draft)];
    }

    const result = advance(form, draft, this.typedChoice(draft, input, ctx), ctx);
    if (result.outcome === 'cancelled' || result.outcome === 'declined') {
      await drafts.delete(person.id, form.id);
      this.deps.log.info({ event: `draft.${result.outcome}`, userId: person.id });
      return [...notes, ...result.messages];
    }
    if (result.outcome === 'submit') return [...notes, ...(await this.submit(person, result.draft!, now))];

    const next = await this.runEffects(person, result.draft!, result.effects);
    if (next.answers.consent !== undefined) await drafts.save(person.id, next);
    if (draft.stepId !== next.stepId) this.deps.log.debug({ event: 'form.step', userId: person.id, step: next.stepId });
    return [...notes, ...result.messages];
  }

  /** "Đồng ý" / "Không đồng ý" typed shortly after the consent screen was shown (Zalo has no buttons; people type). */
  private async typedConsent(person: Person, text: string, now: Date): Promise<string | undefined> {
    const folded = foldVietnamese(text);
    const value = ['dong y', 'agree', 'i agree'].includes(folded) ? 'agree' : ['khong dong y', 'decline', 'disagree'].includes(folded) ? 'decline' : undefined;
    if (!value) return undefined;
    const shown = await this.deps.users.consentPromptedAt(person.id);
    return shown && now.getTime() - shown.getTime() < CONSENT_PROMPT_VALID_MS ? value : undefined;
  }

  private typedChoice(draft: Draft, input: FormInput, ctx: { now: Date; env: NominationEnv }): FormInput {
    return typedChoice(form, draft, input, ctx, this.deps.labelsOf);
  }

  private async submit(person: Person, draft: Draft, now: Date): Promise<OutMessage[]> {
    const already = await this.deps.nominations.findByDraftId(draft.id);
    if (already) return [submittedMessage(already.code)];
    const stored = await this.storeMissingEvidence(draft);
    const consent = await this.deps.consents.latest(person.id, CONSENT_PURPOSE);
    const nomination = toNewNomination(stored);
    const result = await this.deps.nominations.submit(person.id, nomination, {
      consentId: consent?.id ?? null,
      locale: person.locale,
      now,
      campaignId: this.deps.campaignFor ? await this.deps.campaignFor(nomination.unitId, now) : null,
    });
    this.deps.log.info({ event: 'nomination.submitted', userId: person.id, nominationId: result.id, created: result.created });
    return [submittedMessage(result.code)];
  }

  private async runEffects(person: Person, draft: Draft, effects: Effect[]): Promise<Draft> {
    let current = draft;
    for (const effect of effects) {
      if (effect.type === 'record-consent') {
        await this.deps.consents.record(person.id, CONSENT_PURPOSE, effect.textVersion, person.locale, effect.at);
        this.deps.log.info({ event: 'consent.given', userId: person.id, textVersion: effect.textVersion });
      } else {
        current = await this.storeAttachment(current, effect.fileUniqueId);
      }
    }
    return current;
  }

  private storeAttachment(draft: Draft, fileUniqueId: string): Promise<Draft> {
    return storeAttachment(this.deps.evidence, draft, fileUniqueId, this.deps.log);
  }

  private storeMissingEvidence(draft: Draft): Promise<Draft> {
    return storeMissing(this.deps.evidence, draft, this.deps.log);
  }

  private async loadLive(person: Person, now: Date): Promise<Draft | null> {
    const draft = await this.deps.drafts.load(person.id, form.id, person.drafts);
    if (!draft) return null;
    if (isExpired(draft, now, this.deps.settings.draftTtlDays)) {
      await this.deps.drafts.delete(person.id, form.id);
      this.deps.log.info({ event: 'draft.expired', userId: person.id });
      return null;
    }
    return draft;
  }

  private isStale(draft: Draft, now: Date): boolean {
    const idleMs = this.deps.settings.resumeAfterMinutes * 60_000;
    // Only idleness counts, not a restart: with several instances a restart is invisible to people,
    // and the inbound queue answers what they sent meanwhile in order.
    return now.getTime() - draft.updatedAt.getTime() > idleMs;
  }

  private offer(draft: Draft): OutMessage {
    const stepKnown = form.steps.some((step) => step.id === draft.stepId);
    return {
      parts: [
        t('resume-offer', {
          saved: formatDateTime(draft.updatedAt),
          step: stepKnown && getStep(form, draft.stepId).editable ? t(`field-${draft.stepId}`) : t(`step-name-${stepKnown ? draft.stepId : 'consent'}`),
        }),
      ],
      choices: {
        step: RESUME_STEP,
        rows: [[{ value: 'continue', label: t('btn-resume-continue') }, { value: 'restart', label: t('btn-resume-restart') }]],
      },
    };
  }
}
