/**
 * The form engine: a reducer over named, versioned steps.
 * `advance(form, draft, input, ctx)` → the next draft, the replies and the effects to run.
 * Commands (cancel, help, edit, skip) work at every step; a wrong input keeps everything typed so far.
 */
import { foldVietnamese } from '../text/normalize.js';
import { rows, say, t, type Choice, type OutMessage } from '../messages.js';
import type { AdvanceResult, Draft, FormDef, FormInput, StepContext, StepDef } from './types.js';

/** Control values shared by every form (never a step's own option value). */
export const CONTROL = {
  skip: '_skip',
  cancelYes: 'yes',
  cancelNo: 'no',
  editPrefix: 'edit:',
} as const;
/** The pseudo-step of the cancel confirmation's buttons. */
export const CANCEL_STEP = '_cancel';
/** The pseudo-step of the resume question's buttons. */
export const RESUME_STEP = '_resume';
export const SUMMARY_STEP = 'summary';

/** Typed words that skip an optional question ("không có" = "there is none"). */
const SKIP_WORDS = new Set(['bo qua', 'skip', 'khong co', 'khong']);
/** Typed words that are an attempt to skip, even where skipping is not allowed. */
const SKIP_ATTEMPTS = new Set(['bo qua', 'skip']);

function stepIndex<Env>(form: FormDef<Env>, stepId: string): number {
  const index = form.steps.findIndex((step) => step.id === stepId);
  if (index < 0) throw new Error(`unknown step ${stepId} in form ${form.id}`);
  return index;
}

/** The step definition with this id. */
export function getStep<Env>(form: FormDef<Env>, stepId: string): StepDef<Env> {
  return form.steps[stepIndex(form, stepId)]!;
}

/** Whether a step applies to the answers so far. */
export function applies<Env>(step: StepDef<Env>, answers: Record<string, unknown>): boolean {
  return step.applies ? step.applies(answers) : true;
}

/** The first applicable step after `afterIndex` that has no answer yet (the summary has none, so it ends the walk). */
export function nextStepId<Env>(form: FormDef<Env>, answers: Record<string, unknown>, afterIndex: number): string {
  for (let index = afterIndex + 1; index < form.steps.length; index += 1) {
    const step = form.steps[index]!;
    if (applies(step, answers) && answers[step.id] === undefined) return step.id;
  }
  return SUMMARY_STEP;
}

/** A new, empty draft at the first step. */
export function newDraft<Env>(form: FormDef<Env>, id: string, now: Date): Draft {
  return {
    id,
    formId: form.id,
    formVersion: form.version,
    stepId: form.steps[0]!.id,
    answers: {},
    attachments: [],
    ui: {},
    createdAt: now,
    updatedAt: now,
  };
}

/** The question of the draft's current step, with a "skip" button on optional steps. */
export function ask<Env>(form: FormDef<Env>, draft: Draft, ctx: StepContext<Env>): OutMessage {
  const step = getStep(form, draft.stepId);
  const message = step.ask(draft, ctx);
  if (!step.optional || draft.ui.editMenu) return message;
  const skip: Choice = { value: CONTROL.skip, label: t('btn-skip') };
  const existing = message.choices?.rows ?? [];
  return { ...message, choices: { step: step.id, rows: [...existing, [skip]] } };
}

function withDraft(draft: Draft, patch: Partial<Draft>, now: Date): Draft {
  return { ...draft, ...patch, updatedAt: now };
}

function continueWith(draft: Draft, messages: OutMessage[], effects: AdvanceResult['effects'] = []): AdvanceResult {
  return { draft, messages, effects, outcome: 'continue' };
}

/** Stores an answer for the current step and moves to the next step that needs one. */
function answerAndMove<Env>(
  form: FormDef<Env>,
  draft: Draft,
  value: unknown,
  ctx: StepContext<Env>,
  extra: { effects?: AdvanceResult['effects']; note?: OutMessage; clears?: string[] },
): AdvanceResult {
  const answers = { ...draft.answers, [draft.stepId]: value };
  // Answers that depended on the old value are asked again.
  for (const stepId of extra.clears ?? []) delete answers[stepId];
  const stepId = nextStepId(form, answers, stepIndex(form, draft.stepId));
  const ui = { ...draft.ui, unitMatches: null, unitQuery: null, unitParentId: null, unitPage: 0, editMenu: false, pendingCancel: false };
  if (stepId === SUMMARY_STEP) ui.reachedSummary = true;
  const next = withDraft(draft, { answers, stepId, ui }, ctx.now);
  const messages = extra.note ? [extra.note, ask(form, next, ctx)] : [ask(form, next, ctx)];
  return continueWith(next, messages, extra.effects);
}

/** Re-asks the current question after a short explanation, in one message. */
function reAsk<Env>(form: FormDef<Env>, draft: Draft, ctx: StepContext<Env>, lead?: OutMessage['parts'][number]): AdvanceResult {
  const question = ask(form, draft, ctx);
  return continueWith(draft, [lead ? { ...question, parts: [lead, ...question.parts] } : question]);
}

/** The "really cancel?" question with its two buttons. */
export function cancelConfirmation(): OutMessage {
  return {
    parts: [t('cancel-confirm')],
    choices: {
      step: CANCEL_STEP,
      rows: [[{ value: CONTROL.cancelYes, label: t('btn-cancel-yes') }, { value: CONTROL.cancelNo, label: t('btn-cancel-no') }]],
    },
  };
}

/**
 * Applies one input to a draft. Pure: time comes in `ctx.now`, and anything to store or fetch
 * is returned as an effect.
 */
export function advance<Env>(form: FormDef<Env>, draft: Draft, input: FormInput, ctx: StepContext<Env>): AdvanceResult {
  const result = closeContactButton(getStep(form, draft.stepId), draft, decide(form, draft, input, ctx));
  // Any input, even a refused one, shows the person is here: the draft is touched.
  return result.draft ? { ...result, draft: { ...result.draft, updatedAt: ctx.now } } : result;
}

/** Leaving a step that showed the messenger's "share my phone" button (cancel, back to the summary) takes the button away. */
function closeContactButton<Env>(step: StepDef<Env>, before: Draft, result: AdvanceResult): AdvanceResult {
  const leaving = step.usesContactButton && (result.draft === null || result.draft.stepId !== before.stepId);
  if (!leaving || result.messages.some((message) => message.removeContactButton)) return result;
  const [first, ...rest] = result.messages;
  // A message can carry either buttons or the removal, so a short note goes first when needed.
  if (first && !first.choices) return { ...result, messages: [{ ...first, removeContactButton: true }, ...rest] };
  return { ...result, messages: [{ parts: [t('contact-button-closed')], removeContactButton: true }, ...result.messages] };
}

function decide<Env>(form: FormDef<Env>, draft: Draft, input: FormInput, ctx: StepContext<Env>): AdvanceResult {
  const step = getStep(form, draft.stepId);

  if (input.kind === 'command') {
    switch (input.command) {
      case 'cancel': {
        const next = withDraft(draft, { ui: { ...draft.ui, pendingCancel: true } }, ctx.now);
        return continueWith(next, [cancelConfirmation()]);
      }
      case 'help':
        return reAsk(form, draft, ctx, t(`help-${step.id}`));
      case 'edit': {
        if (!draft.ui.reachedSummary) return reAsk(form, draft, ctx, t('edit-not-yet'));
        // Answers cleared by a change (a new kind of nominee clears the name) are asked before the summary.
        const stepId = nextStepId(form, draft.answers, -1);
        const next = withDraft(draft, { stepId, ui: { ...draft.ui, editMenu: false, pendingCancel: false } }, ctx.now);
        return continueWith(next, [ask(form, next, ctx)]);
      }
      case 'skip':
        if (!step.optional) return reAsk(form, draft, ctx, t('skip-not-allowed'));
        return answerAndMove(form, draft, null, ctx, {});
    }
  }

  if (input.kind === 'choice' && input.step === CANCEL_STEP) {
    // A confirmation that lapsed (the person answered something else meanwhile) is an old button.
    if (!draft.ui.pendingCancel) return reAsk(form, draft, ctx, t('stale-button'));
    if (input.value === CONTROL.cancelYes) {
      return { draft: null, messages: [say(t('cancel-done'))], effects: [], outcome: 'cancelled' };
    }
    const next = withDraft(draft, { ui: { ...draft.ui, pendingCancel: false } }, ctx.now);
    return reAsk(form, next, ctx, t('cancel-kept'));
  }

  // Any other input answers the question on screen; a cancel confirmation left open lapses.
  const current = draft.ui.pendingCancel ? withDraft(draft, { ui: { ...draft.ui, pendingCancel: false } }, ctx.now) : draft;

  if (input.kind === 'choice' && input.step !== current.stepId) {
    return reAsk(form, current, ctx, t('stale-button'));
  }
  if (input.kind === 'unsupported') return reAsk(form, current, ctx, t('unsupported-message'));

  const typed = input.kind === 'text' ? foldVietnamese(input.text) : undefined;
  const isSkip =
    (input.kind === 'choice' && input.value === CONTROL.skip) ||
    (typed !== undefined && (step.optional === true ? SKIP_WORDS.has(typed) : SKIP_ATTEMPTS.has(typed)));
  if (isSkip) {
    if (!step.optional) return reAsk(form, current, ctx, t('skip-not-allowed'));
    return answerAndMove(form, current, null, ctx, {});
  }

  const outcome = step.handle(current, input, ctx);
  switch (outcome.type) {
    case 'answer':
      return answerAndMove(form, current, outcome.value, ctx, { effects: outcome.effects, note: outcome.note, clears: outcome.clears });
    case 'reject':
      return reAsk(form, current, ctx, outcome.error);
    case 'stay':
      return continueWith(withDraft(outcome.draft, {}, ctx.now), outcome.messages, outcome.effects);
    case 'submit': {
      // Never submit with a required answer missing: ask it first.
      const missing = nextStepId(form, current.answers, -1);
      if (missing !== SUMMARY_STEP) {
        const next = withDraft(current, { stepId: missing, ui: { ...current.ui, editMenu: false } }, ctx.now);
        return reAsk(form, next, ctx, t('form-answer-missing'));
      }
      return { draft: current, messages: [], effects: [], outcome: 'submit' };
    }
    case 'decline':
      return { draft: null, messages: [outcome.message], effects: [], outcome: 'declined' };
  }
}

/** Moves a draft to a given step for editing from the summary. */
export function editStep<Env>(form: FormDef<Env>, draft: Draft, stepId: string, ctx: StepContext<Env>): AdvanceResult {
  const step = form.steps.find((candidate) => candidate.id === stepId);
  if (!step || !step.editable || !applies(step, draft.answers)) return reAsk(form, draft, ctx, t('stale-button'));
  const next = withDraft(draft, { stepId, ui: { ...draft.ui, editMenu: false, unitMatches: null, unitParentId: null, unitPage: 0 } }, ctx.now);
  return continueWith(next, [ask(form, next, ctx)]);
}

/** The menu of fields that can be edited from the summary. */
export function editMenu<Env>(form: FormDef<Env>, draft: Draft): OutMessage {
  const choices = form.steps
    .filter((step) => step.editable && applies(step, draft.answers))
    .map((step) => ({ value: `${CONTROL.editPrefix}${step.id}`, label: t(`field-${step.id}`) }));
  return {
    parts: [t('edit-choose-field')],
    choices: { step: SUMMARY_STEP, rows: [...rows(choices, 2), [{ value: 'back', label: t('btn-back-to-summary') }]] },
  };
}

/** True when a draft has not been touched for `ttlDays` and should be discarded. */
export function isExpired(draft: Pick<Draft, 'updatedAt'>, now: Date, ttlDays: number): boolean {
  return now.getTime() - draft.updatedAt.getTime() > ttlDays * 24 * 60 * 60 * 1000;
}

/**
 * Brings a draft saved under an older form version to the current one: answers whose step still
 * exists and whose value still passes the step's schema are kept; the draft resumes at the first
 * applicable step without an answer. Returns whether anything was dropped.
 */
export function migrateDraft<Env>(form: FormDef<Env>, draft: Draft, now: Date): { draft: Draft; dropped: string[] } {
  if (draft.formVersion === form.version) return { draft, dropped: [] };
  const answers: Record<string, unknown> = {};
  const dropped: string[] = [];
  for (const [stepId, value] of Object.entries(draft.answers)) {
    const step = form.steps.find((candidate) => candidate.id === stepId);
    if (step && step.answer.safeParse(value).success) answers[stepId] = value;
    else dropped.push(stepId);
  }
  const stepId = nextStepId(form, answers, -1);
  return {
    draft: {
      ...draft,
      formVersion: form.version,
      answers,
      stepId,
      ui: { reachedSummary: stepId === SUMMARY_STEP, ...(draft.ui.context ? { context: draft.ui.context } : {}) },
      updatedAt: now,
    },
    dropped,
  };
}
