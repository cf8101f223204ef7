/**
 * Step builders shared by every form (the residents' nomination, a unit's proposal entry):
 * choice lists, people's names, optional short texts, years of birth, files, and the summary.
 * Each builder returns plain step data for the engine; texts are i18n keys.
 */
import { z } from 'zod';
import { cancelConfirmation, CONTROL, editMenu, editStep, SUMMARY_STEP } from './engine.js';
import type { Attachment, Draft, FormDef, FormInput, IncomingFile, StepContext, StepDef, StepOutcome } from './types.js';
import { lines as asLines, rows, say, t, type Choice, type OutMessage, type Text } from '../messages.js';
import { vietnamYear } from '../text/date.js';
import { capitaliseFirst, foldVietnamese, titleCaseName, visibleLength } from '../text/normalize.js';

export const NAME_MAX = 80;

export const reject = (key: string, args?: Record<string, string | number>): StepOutcome => ({ type: 'reject', error: t(key, args) });
export const answer = (value: unknown, extra: Partial<Extract<StepOutcome, { type: 'answer' }>> = {}): StepOutcome => ({ type: 'answer', value, ...extra });

/** A question: one text, with buttons when `choices` and `step` are given. */
export function question(key: string, choices?: Choice[][], step?: string, args?: Record<string, string | number>): OutMessage {
  const message: OutMessage = { parts: [t(key, args)] };
  if (choices && step) message.choices = { step, rows: choices };
  return message;
}

/**
 * A choice step over a list of ids; labels are `<labelPrefix>-<id>`. `options` may depend on the
 * answers so far and the environment (titles a campaign awards to this kind of nominee).
 */
export function choiceStep<Env>(
  id: string,
  promptKey: string,
  options: (answers: Record<string, unknown>, env?: Env) => readonly string[],
  labelPrefix: string,
  perRow: number,
  extra: Partial<StepDef<Env>> = {},
): StepDef<Env> {
  return {
    id,
    // Only a value of the vocabulary survives a form change (an old kind or relation is asked again).
    answer: z.string().refine((value) => options({}).includes(value)),
    acceptsText: false,
    editable: true,
    ask: (draft, ctx) => question(promptKey, rows(options(draft.answers, ctx.env).map((value) => ({ value, label: t(`${labelPrefix}-${value}`) })), perRow), id),
    handle(draft, input, ctx) {
      if (input.kind === 'choice' && options(draft.answers, ctx.env).includes(input.value)) return answer(input.value);
      return reject('choose-from-buttons');
    },
    summarise: (value) => t(`${labelPrefix}-${String(value)}`),
    ...extra,
  };
}

/** Full names: letters only, at least two words ("Nguyễn Văn An"). */
export function readPersonName(input: FormInput, errorKey: string): { ok: true; name: string } | { ok: false; outcome: StepOutcome } {
  if (input.kind !== 'text') return { ok: false, outcome: reject('type-the-answer') };
  const name = titleCaseName(input.text);
  if (visibleLength(name) < 2) return { ok: false, outcome: reject(`${errorKey}-empty`) };
  if (visibleLength(name) > NAME_MAX) return { ok: false, outcome: reject('name-too-long', { max: NAME_MAX }) };
  if (!/^[\p{L}\p{M}][\p{L}\p{M} .'’-]*$/u.test(name)) return { ok: false, outcome: reject('name-letters-only') };
  if (name.split(' ').filter(Boolean).length < 2) return { ok: false, outcome: reject('name-full-please') };
  return { ok: true, name };
}

/** The name of a collective ("Trường THCS Xuân Phương"): first letter capitalised, the rest as typed. */
export function readCollectiveName(input: FormInput, max: number): { ok: true; name: string } | { ok: false; outcome: StepOutcome } {
  if (input.kind !== 'text') return { ok: false, outcome: reject('type-the-answer') };
  const name = capitaliseFirst(input.text);
  if (visibleLength(name) < 3) return { ok: false, outcome: reject('collective-name-empty') };
  if (visibleLength(name) > max) return { ok: false, outcome: reject('name-too-long', { max }) };
  return { ok: true, name };
}

/** An optional line of text (a role, a place), asked with `ask-<id>`. */
export function optionalTextStep<Env>(id: string, max: number, appliesTo?: StepDef<Env>['applies']): StepDef<Env> {
  return {
    id,
    answer: z.string().nullable(),
    optional: true,
    applies: appliesTo,
    acceptsText: true,
    editable: true,
    ask: () => question(`ask-${id}`),
    handle(_draft, input) {
      if (input.kind !== 'text') return reject('type-the-answer');
      const text = capitaliseFirst(input.text);
      if (visibleLength(text) < 2) return reject('text-too-short');
      if (visibleLength(text) > max) return reject('text-too-long', { max, length: visibleLength(text) });
      return answer(text);
    },
    summarise: (value) => (value === null ? null : { raw: String(value) }),
  };
}

/** An optional year of birth, four digits, not in the future nor more than 120 years ago. */
export function birthYearStep<Env>(id: string, appliesTo: StepDef<Env>['applies']): StepDef<Env> {
  return {
    id,
    answer: z.number().int().nullable(),
    optional: true,
    applies: appliesTo,
    acceptsText: true,
    editable: true,
    ask: () => question(`ask-${id}`),
    handle(_draft, input, ctx) {
      if (input.kind !== 'text') return reject('type-the-answer');
      const text = input.text.normalize('NFKC').trim();
      const thisYear = vietnamYear(ctx.now);
      if (!/^\d{4}$/.test(text)) return reject('birth-year-format', { year: String(thisYear - 40) });
      const year = Number(text);
      if (year > thisYear) return reject('birth-year-future');
      if (year < thisYear - 120) return reject('birth-year-too-old', { year: String(thisYear - 40) });
      return answer(year);
    },
    summarise: (value) => (value === null ? null : { raw: String(value) }),
  };
}

/** Limits of a files step. */
export interface FileLimits {
  maxAttachments: number;
  maxFileBytes: number;
  /** MIME types accepted as documents (photos are always accepted). */
  documentTypes: readonly string[];
}

/** The texts of a files step: the first question, the question once files came, and the receipts. */
export interface FilePrompts {
  ask: string;
  askMore: string;
  received: string;
  receivedFull: string;
  noneButton: string;
}

/** Typed words that end a files step ("xong", "đã xong"), accents folded. */
export const DONE_WORDS: ReadonlySet<string> = new Set(['xong', 'done', 'het', 'da xong', 'hoan thanh']);
/**
 * Typed answers meaning "no (more) files" ("Không", "ko", "không có ảnh"): what people answer to
 * "Do you have photos?" instead of the exact button label. Accents folded.
 */
export const NO_FILE_WORDS: ReadonlySet<string> = new Set(['khong', 'ko', 'k', 'kg', 'khong co', 'ko co', 'khong co anh', 'khong co gi', 'chua co', 'no', 'none', 'nothing']);

/** Why a file cannot be taken (too large, a document of a type not accepted), or null. */
export function fileRefusal(file: IncomingFile, limits: Pick<FileLimits, 'maxFileBytes' | 'documentTypes'>): Text | null {
  if (file.sizeBytes !== undefined && file.sizeBytes > limits.maxFileBytes) return t('evidence-too-large', { mb: Math.floor(limits.maxFileBytes / 1048576) });
  if (file.kind === 'document' && !limits.documentTypes.includes(file.mimeType ?? '')) return t('evidence-wrong-type');
  return null;
}

/** A step that collects photos and documents into the draft's attachments until "Xong". */
/** `limitsOf` may depend on the draft (an entry being changed counts the files it already has). */
export function filesStep<Env>(id: string, limitsOf: (env: Env, draft: Draft) => FileLimits, prompts: FilePrompts, extra: Partial<StepDef<Env>> = {}): StepDef<Env> {
  const prompt = (draft: Draft, ctx: StepContext<Env>): OutMessage => {
    const limits = limitsOf(ctx.env, draft);
    const count = draft.attachments.length;
    const choices: Choice[] = count > 0 ? [{ value: 'done', label: t('btn-done') }, { value: 'clear', label: t('btn-evidence-clear') }] : [{ value: 'none', label: t(prompts.noneButton) }];
    return question(count > 0 ? prompts.askMore : prompts.ask, [choices], id, { count, max: limits.maxAttachments, mb: Math.floor(limits.maxFileBytes / 1048576) });
  };
  return {
    id,
    answer: z.number().int().min(0),
    acceptsText: false,
    editable: true,
    ask: prompt,
    handle(draft, input, ctx) {
      const limits = limitsOf(ctx.env, draft);
      if (input.kind === 'choice') {
        if (input.value === 'done' || input.value === 'none') return answer(draft.attachments.length);
        if (input.value === 'clear') {
          const next = { ...draft, attachments: [] };
          const message = prompt(next, ctx);
          return { type: 'stay', draft: next, messages: [{ ...message, parts: [t('evidence-cleared'), ...message.parts] }] };
        }
        return reject('choose-from-buttons');
      }
      if (input.kind === 'text') {
        const typed = foldVietnamese(input.text);
        if (DONE_WORDS.has(typed) || NO_FILE_WORDS.has(typed)) return answer(draft.attachments.length);
        return reject('evidence-send-file');
      }
      if (input.kind !== 'file') return reject('evidence-send-file');
      const file = input.file;
      if (draft.attachments.some((existing) => existing.fileUniqueId === file.fileUniqueId)) {
        return { type: 'stay', draft, messages: [say(t('evidence-duplicate'))] };
      }
      if (draft.attachments.length >= limits.maxAttachments) return reject('evidence-too-many', { max: limits.maxAttachments });
      const refusal = fileRefusal(file, limits);
      if (refusal) return { type: 'reject', error: refusal };
      const attachment: Attachment = { ...file, receivedAt: ctx.now.toISOString() };
      const next = { ...draft, attachments: [...draft.attachments, attachment] };
      const count = next.attachments.length;
      const message = question(count >= limits.maxAttachments ? prompts.receivedFull : prompts.received, [[{ value: 'done', label: t('btn-done') }]], id, { count, max: limits.maxAttachments });
      return { type: 'stay', draft: next, messages: [message], effects: [{ type: 'store-attachment', fileUniqueId: file.fileUniqueId }] };
    },
    summarise: (_value, draft) => (draft.attachments.length === 0 ? t('summary-not-given') : t('summary-evidence-count', { count: draft.attachments.length })),
    ...extra,
  };
}

/** How a summary looks: its title and hint keys, the fields shown, and the submit button's label. */
export interface SummaryLayout {
  title: string;
  hint: string;
  fields: readonly string[];
  submitLabel: string;
  /** Typed words that press the submit button (accents folded: "gui", "luu"). */
  submitWords: readonly string[];
}

/** The summary of a draft's answers, with "submit", "edit" and "cancel". */
export function summaryMessage<Env>(form: FormDef<Env>, layout: SummaryLayout, draft: Draft, ctx: StepContext<Env>): OutMessage {
  const shownLines: Text[] = [];
  for (const id of layout.fields) {
    const step = form.steps.find((candidate) => candidate.id === id)!;
    if (step.applies && !step.applies(draft.answers)) continue;
    const value = draft.answers[id];
    if (value === undefined) continue;
    const shown = value === null ? t('summary-not-given') : step.summarise?.(value, draft, ctx);
    if (shown) shownLines.push(t('summary-line', { label: t(`field-${id}`), value: shown }));
  }
  return {
    parts: [t(layout.title), asLines(shownLines), t(layout.hint)],
    choices: {
      step: SUMMARY_STEP,
      rows: [[{ value: 'submit', label: t(layout.submitLabel) }], [{ value: 'edit', label: t('btn-edit') }, { value: 'cancel', label: t('btn-cancel') }]],
    },
  };
}

/** The last step of a form: the summary, its edit menu, and submission. `form` is a getter (the form refers to this step). */
export function summaryStep<Env>(form: () => FormDef<Env>, layout: SummaryLayout): StepDef<Env> {
  return {
    id: SUMMARY_STEP,
    answer: z.never(),
    acceptsText: false,
    editable: false,
    ask: (draft, ctx) => (draft.ui.editMenu ? editMenu(form(), draft) : summaryMessage(form(), layout, draft, ctx)),
    handle(draft, input, ctx) {
      if (input.kind !== 'choice') {
        const typed = input.kind === 'text' ? foldVietnamese(input.text) : '';
        if (layout.submitWords.includes(typed)) return { type: 'submit' };
        return reject('summary-use-buttons');
      }
      if (input.value === 'submit') return { type: 'submit' };
      if (input.value === 'edit') {
        const next = { ...draft, ui: { ...draft.ui, editMenu: true } };
        return { type: 'stay', draft: next, messages: [editMenu(form(), next)] };
      }
      if (input.value === 'back') {
        const next = { ...draft, ui: { ...draft.ui, editMenu: false } };
        return { type: 'stay', draft: next, messages: [summaryMessage(form(), layout, next, ctx)] };
      }
      if (input.value === 'cancel') {
        const next = { ...draft, ui: { ...draft.ui, pendingCancel: true } };
        return { type: 'stay', draft: next, messages: [cancelConfirmation()] };
      }
      if (input.value.startsWith(CONTROL.editPrefix)) {
        const result = editStep(form(), draft, input.value.slice(CONTROL.editPrefix.length), ctx);
        return { type: 'stay', draft: result.draft ?? draft, messages: result.messages };
      }
      return reject('summary-use-buttons');
    },
  };
}
