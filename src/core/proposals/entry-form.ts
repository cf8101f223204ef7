/**
 * One entry of a unit's proposal list, asked step by step through the same form engine as the
 * residents' nomination: who (individual, collective, household), the title proposed from the
 * campaign's list, a short achievement summary and, optionally, the full achievement report.
 */
import { z } from 'zod';
import { SUMMARY_STEP } from '../form/engine.js';
import { answer, birthYearStep, choiceStep, filesStep, optionalTextStep, question, readCollectiveName, readPersonName, reject, summaryStep, type FileLimits } from '../form/steps.js';
import type { Draft, FormDef, StepDef } from '../form/types.js';
import { raw, rows, t } from '../messages.js';
import { cleanText, visibleLength } from '../text/normalize.js';
import type { EntryView, Gender } from './rules.js';
import { GENDERS } from './rules.js';
import { ENTRY_KINDS, isTitle, titlesFor, type EntryKind } from './titles.js';

/** What the entry form needs: the titles the campaign awards, and file limits. */
export interface EntryFormEnv {
  titles: readonly string[];
  files: FileLimits;
  summaryMin: number;
  summaryMax: number;
}

export const ENTRY_FORM_ID = 'proposal-entry';
export const ENTRY_FORM_VERSION = 1;

type Step = StepDef<EntryFormEnv>;

const COLLECTIVE_NAME_MAX = 150;
const ROLE_MAX = 100;
const WORKPLACE_MAX = 150;

const kindOf = (answers: Record<string, unknown>) => answers.entryKind as EntryKind | undefined;
const isPerson = (answers: Record<string, unknown>) => kindOf(answers) === 'individual' || kindOf(answers) === 'household';

const kindStep = choiceStep<EntryFormEnv>('entryKind', 'ask-entryKind', () => ENTRY_KINDS, 'entry-kind', 1);
// Another kind of nominee needs its name, details and title asked again.
kindStep.handle = (draft, input) => {
  if (input.kind !== 'choice' || !(ENTRY_KINDS as readonly string[]).includes(input.value)) return reject('choose-from-buttons');
  const previous = draft.answers.entryKind;
  return answer(input.value, previous !== undefined && previous !== input.value ? { clears: ['entryName', 'gender', 'entryBirthYear', 'entryRole', 'workplace', 'title'] } : {});
};

const nameStep: Step = {
  id: 'entryName',
  answer: z.string().min(2),
  acceptsText: true,
  editable: true,
  ask: (draft) => question(`ask-entryName-${kindOf(draft.answers) ?? 'individual'}`),
  handle(draft, input) {
    const read = kindOf(draft.answers) === 'collective' ? readCollectiveName(input, COLLECTIVE_NAME_MAX) : readPersonName(input, 'nominee-name');
    return read.ok ? answer(read.name) : read.outcome;
  },
  summarise: (value) => raw(String(value)),
};

const genderStep = choiceStep<EntryFormEnv>('gender', 'ask-gender', () => GENDERS, 'gender', 2, { applies: isPerson });
genderStep.ask = (draft) =>
  question(kindOf(draft.answers) === 'household' ? 'ask-gender-household' : 'ask-gender', rows(GENDERS.map((value) => ({ value, label: t(`gender-${value}`) })), 2), 'gender');

const birthStep = birthYearStep<EntryFormEnv>('entryBirthYear', (answers) => kindOf(answers) === 'individual');
const roleStep = optionalTextStep<EntryFormEnv>('entryRole', ROLE_MAX, (answers) => kindOf(answers) === 'individual');
const workplaceStep = optionalTextStep<EntryFormEnv>('workplace', WORKPLACE_MAX, isPerson);
workplaceStep.ask = (draft) => question(kindOf(draft.answers) === 'household' ? 'ask-workplace-household' : 'ask-workplace');

const titleStep = choiceStep<EntryFormEnv>('title', 'ask-title', (answers, env) => (env ? titlesFor(kindOf(answers) ?? 'individual', env.titles) : []), 'title', 1, {
  // Any known title survives a form change; whether the campaign awards it is a warning of the list.
  answer: z.string().refine(isTitle),
});
// With no title for the chosen kind, the only way on is another kind (nothing typed is lost).
const chooseTitle = titleStep.handle;
titleStep.handle = (draft, input, ctx) => {
  if (input.kind === 'choice' && input.value === 'rekind') {
    const next = { ...draft, stepId: 'entryKind' };
    return { type: 'stay', draft: next, messages: [kindStep.ask(next, ctx)] };
  }
  return chooseTitle(draft, input, ctx);
};
titleStep.ask = (draft, ctx) => {
  const offered = titlesFor(kindOf(draft.answers) ?? 'individual', ctx.env.titles);
  if (offered.length === 0) return question('title-none-for-kind', [[{ value: 'rekind', label: t('btn-choose-kind-again') }]], 'title');
  return question('ask-title', rows(offered.map((value) => ({ value, label: t(`title-${value}`) })), 1), 'title');
};

const achievementStep: Step = {
  id: 'achievement',
  answer: z.string().min(1),
  acceptsText: true,
  editable: true,
  ask: (_draft, ctx) => question('ask-achievement', undefined, undefined, { min: ctx.env.summaryMin, max: ctx.env.summaryMax }),
  handle(_draft, input, ctx) {
    if (input.kind !== 'text') return reject('type-the-answer');
    const text = cleanText(input.text);
    const length = visibleLength(text);
    if (length < ctx.env.summaryMin) return reject('achievement-too-short', { min: ctx.env.summaryMin, length });
    if (length > ctx.env.summaryMax) return reject('description-too-long', { max: ctx.env.summaryMax, length });
    return answer(text);
  },
  summarise: (value) => raw(String(value)),
};

/** Files already stored for the entry being edited count with the ones added now. */
const existingFiles = (draft: Draft) => Number(draft.ui.context?.existingFiles ?? 0);

const reportStep = filesStep<EntryFormEnv>(
  'report',
  // An entry being changed already has files: they count towards the limit.
  (env, draft) => ({ ...env.files, maxAttachments: Math.max(0, env.files.maxAttachments - existingFiles(draft)) }),
  { ask: 'ask-report', askMore: 'ask-report-more', received: 'report-received', receivedFull: 'evidence-received-full', noneButton: 'btn-entry-report-none' },
  {
    summarise: (_value, draft) => {
      const count = existingFiles(draft) + draft.attachments.length;
      return count === 0 ? t('summary-not-given') : t('summary-evidence-count', { count });
    },
  },
);

const FIELDS = ['entryKind', 'entryName', 'gender', 'entryBirthYear', 'entryRole', 'workplace', 'title', 'achievement', 'report'];

const summary = summaryStep<EntryFormEnv>(() => entryForm, {
  title: 'entry-summary-title',
  hint: 'entry-summary-hint',
  fields: FIELDS,
  submitLabel: 'btn-entry-save',
  submitWords: ['luu', 'save', 'gui', 'xong'],
});

/** The proposal entry form, version {@link ENTRY_FORM_VERSION}. */
export const entryForm: FormDef<EntryFormEnv> = {
  id: ENTRY_FORM_ID,
  version: ENTRY_FORM_VERSION,
  steps: [kindStep, nameStep, genderStep, birthStep, roleStep, workplaceStep, titleStep, achievementStep, reportStep, summary],
};

/** An entry as the form produces it. */
export interface EntryInput {
  kind: EntryKind;
  name: string;
  gender: Gender | null;
  birthYear: number | null;
  role: string | null;
  workplace: string | null;
  title: string;
  summary: string;
}

/** The entry a completed draft describes (answers of steps that do not apply are left out). */
export function toEntryInput(draft: Draft): EntryInput {
  const a = draft.answers;
  const kind = a.entryKind as EntryKind;
  const person = kind !== 'collective';
  return {
    kind,
    name: String(a.entryName),
    gender: person ? ((a.gender as Gender | undefined) ?? null) : null,
    birthYear: kind === 'individual' ? ((a.entryBirthYear as number | null | undefined) ?? null) : null,
    role: kind === 'individual' ? ((a.entryRole as string | null | undefined) ?? null) : null,
    workplace: person ? ((a.workplace as string | null | undefined) ?? null) : null,
    title: String(a.title),
    summary: String(a.achievement),
  };
}

/** A draft at the summary holding an existing entry's answers, for editing it. */
export function draftOfEntry(entry: EntryView, id: string, context: Record<string, number>, now: Date): Draft {
  const answers: Record<string, unknown> = {
    entryKind: entry.kind,
    entryName: entry.name,
    achievement: entry.summary,
    report: entry.files,
  };
  if (entry.title) answers.title = entry.title;
  if (entry.kind !== 'collective') {
    if (entry.gender) answers.gender = entry.gender;
    answers.workplace = entry.workplace;
  }
  if (entry.kind === 'individual') {
    answers.entryBirthYear = entry.birthYear;
    answers.entryRole = entry.role;
  }
  // A missing required answer (a title, a gender from a resident's nomination) is asked first.
  const missing = entryForm.steps.find((step) => step.id !== SUMMARY_STEP && !step.optional && (step.applies?.(answers) ?? true) && answers[step.id] === undefined);
  return {
    id,
    formId: ENTRY_FORM_ID,
    formVersion: ENTRY_FORM_VERSION,
    stepId: missing?.id ?? SUMMARY_STEP,
    answers,
    attachments: [],
    // A complete entry opens on the list of fields to change ("Sửa" was pressed to change something).
    ui: { reachedSummary: true, editMenu: missing === undefined, context: { ...context, existingFiles: entry.files } },
    createdAt: now,
    updatedAt: now,
  };
}
