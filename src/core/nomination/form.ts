/**
 * The residents' nomination form ("Đề xuất người tốt, việc tốt"), step by step.
 * Steps are data for the engine in ../form/engine.ts; every text is an i18n key.
 */
import { z } from 'zod';
import { cancelConfirmation, CONTROL, editMenu, editStep, SUMMARY_STEP } from '../form/engine.js';
import type { Attachment, Draft, FormDef, FormInput, StepContext, StepDef, StepOutcome } from '../form/types.js';
import { lines as asLines, raw, rows, say, t, type Choice, type OutMessage, type Text } from '../messages.js';
import { formatDate, parsePastDate, vietnamYear } from '../text/date.js';
import { capitaliseFirst, cleanLine, cleanText, foldVietnamese, titleCaseName, visibleLength } from '../text/normalize.js';
import { displayPhone, parsePhone } from '../text/phone.js';
import type { UnitCatalog } from '../units.js';
import { DEFAULT_DEED_CATEGORIES, NOMINEE_KINDS, RELATIONS, type NomineeKind } from './vocabulary.js';

/** Everything the nomination form needs from outside: units, categories, limits. */
export interface NominationEnv {
  units: UnitCatalog;
  categories: readonly string[];
  consentVersion: number;
  /** Days an untouched draft is kept (told on the consent screen). */
  draftTtlDays: number;
  limits: NominationLimits;
}

export interface NominationLimits {
  maxAttachments: number;
  maxFileBytes: number;
  descriptionMin: number;
  descriptionMax: number;
  maxDeedAgeYears: number;
}

export const DEFAULT_LIMITS: NominationLimits = {
  maxAttachments: 10,
  maxFileBytes: 20 * 1024 * 1024, // Telegram lets bots download at most 20 MB
  descriptionMin: 30,
  descriptionMax: 2000,
  maxDeedAgeYears: 5,
};

/** File types accepted as evidence besides photos. */
export const ACCEPTED_DOCUMENT_TYPES = [
  'application/pdf',
  'image/jpeg',
  'image/png',
  'image/heic',
  'image/webp',
  'application/msword',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.oasis.opendocument.text',
];

export const NOMINATION_FORM_ID = 'nomination';
export const NOMINATION_FORM_VERSION = 1;

type Ctx = StepContext<NominationEnv>;
type Step = StepDef<NominationEnv>;

const UNIT_PAGE_SIZE = 8;
const NAME_MAX = 80;
const COLLECTIVE_NAME_MAX = 150;
const ROLE_MAX = 100;
const PLACE_MAX = 200;

const reject = (key: string, args?: Record<string, string | number>): StepOutcome => ({ type: 'reject', error: t(key, args) });
const answer = (value: unknown, extra: Partial<Extract<StepOutcome, { type: 'answer' }>> = {}): StepOutcome => ({ type: 'answer', value, ...extra });

function question(key: string, choices?: Choice[][], step?: string, args?: Record<string, string | number>): OutMessage {
  const message: OutMessage = { parts: [t(key, args)] };
  if (choices && step) message.choices = { step, rows: choices };
  return message;
}

const kindOf = (answers: Record<string, unknown>) => answers.nomineeKind as NomineeKind | undefined;

/** A choice step over a fixed list of ids; labels are `<labelPrefix>-<id>`. */
function choiceStep(id: string, promptKey: string, options: () => readonly string[], labelPrefix: string, perRow: number, extra: Partial<Step> = {}): Step {
  return {
    id,
    // Only a value still on offer survives a form change (an old kind or relation is asked again).
    answer: z.string().refine((value) => options().includes(value)),
    acceptsText: false,
    editable: true,
    ask: () => question(promptKey, rows(options().map((value) => ({ value, label: t(`${labelPrefix}-${value}`) })), perRow), id),
    handle(_draft, input) {
      if (input.kind === 'choice' && options().includes(input.value)) return answer(input.value);
      return reject('choose-from-buttons');
    },
    summarise: (value) => t(`${labelPrefix}-${String(value)}`),
    ...extra,
  };
}

/** Full names: letters only, at least two words ("Nguyễn Văn An"). */
function readPersonName(input: FormInput, errorKey: string): { ok: true; name: string } | { ok: false; outcome: StepOutcome } {
  if (input.kind !== 'text') return { ok: false, outcome: reject('type-the-answer') };
  const name = titleCaseName(input.text);
  if (visibleLength(name) < 2) return { ok: false, outcome: reject(`${errorKey}-empty`) };
  if (visibleLength(name) > NAME_MAX) return { ok: false, outcome: reject('name-too-long', { max: NAME_MAX }) };
  if (!/^[\p{L}\p{M}][\p{L}\p{M} .'’-]*$/u.test(name)) return { ok: false, outcome: reject('name-letters-only') };
  if (name.split(' ').filter(Boolean).length < 2) return { ok: false, outcome: reject('name-full-please') };
  return { ok: true, name };
}

const consentStep: Step = {
  id: 'consent',
  answer: z.object({ at: z.string(), textVersion: z.number() }),
  acceptsText: false,
  editable: false,
  ask: (_draft, ctx) =>
    question(
      'consent-text',
      [[{ value: 'agree', label: t('btn-consent-agree') }, { value: 'decline', label: t('btn-consent-decline') }]],
      'consent',
      { days: ctx.env.draftTtlDays },
    ),
  handle(_draft, input, ctx) {
    const typed = input.kind === 'text' ? foldVietnamese(input.text) : undefined;
    const value = input.kind === 'choice' ? input.value : typed === 'dong y' || typed === 'agree' ? 'agree' : typed === 'khong dong y' || typed === 'decline' ? 'decline' : undefined;
    if (value === 'agree') {
      return answer(
        { at: ctx.now.toISOString(), textVersion: ctx.env.consentVersion },
        { effects: [{ type: 'record-consent', textVersion: ctx.env.consentVersion, at: ctx.now }] },
      );
    }
    if (value === 'decline') return { type: 'decline', message: say(t('consent-declined')) };
    return reject('consent-use-buttons');
  },
};

const nomineeKindStep = choiceStep('nomineeKind', 'ask-nomineeKind', () => NOMINEE_KINDS, 'kind', 1);
// A different kind of nominee (a person, a collective, a household) needs its name asked again.
nomineeKindStep.handle = (draft, input) => {
  if (input.kind !== 'choice' || !(NOMINEE_KINDS as readonly string[]).includes(input.value)) return reject('choose-from-buttons');
  const previous = draft.answers.nomineeKind;
  return answer(input.value, previous !== undefined && previous !== input.value ? { clears: ['nomineeName', 'nomineeBirthYear', 'nomineeRole'] } : {});
};

const nomineeNameStep: Step = {
  id: 'nomineeName',
  answer: z.string().min(2),
  acceptsText: true,
  editable: true,
  ask: (draft) => question(`ask-nomineeName-${kindOf(draft.answers) ?? 'individual'}`),
  handle(draft, input) {
    if (kindOf(draft.answers) === 'collective') {
      if (input.kind !== 'text') return reject('type-the-answer');
      const name = capitaliseFirst(input.text);
      if (visibleLength(name) < 3) return reject('collective-name-empty');
      if (visibleLength(name) > COLLECTIVE_NAME_MAX) return reject('name-too-long', { max: COLLECTIVE_NAME_MAX });
      return answer(name);
    }
    const read = readPersonName(input, 'nominee-name');
    return read.ok ? answer(read.name) : read.outcome;
  },
  summarise: (value) => raw(String(value)),
};

function unitChoices(draft: Draft, env: NominationEnv): { parts: Text[]; rows: Choice[][] } {
  const units = env.units;
  const matches = draft.ui.unitMatches;
  if (matches && matches.length > 0) {
    const query = draft.ui.unitQuery ?? '';
    const found = matches.map((id) => {
      const name = units.fullName(id) ?? String(id);
      const formerly = query ? units.matchedAlias(id, query) : undefined;
      return { value: `u${id}`, label: formerly ? t('unit-formerly', { name, formerly }) : raw(name) };
    });
    return { parts: [t('unit-search-results', { count: matches.length })], rows: [...rows(found, 1), [{ value: 'list', label: t('btn-unit-list') }]] };
  }
  const parentId = draft.ui.unitParentId ?? null;
  const parent = parentId === null ? undefined : units.get(parentId);
  const all = units.children(parent ? parent.id : null);
  const pages = Math.max(1, Math.ceil(all.length / UNIT_PAGE_SIZE));
  const page = Math.min(Math.max(draft.ui.unitPage ?? 0, 0), pages - 1);
  const shown = all.slice(page * UNIT_PAGE_SIZE, (page + 1) * UNIT_PAGE_SIZE).map((unit) => ({
    value: units.children(unit.id).length > 0 && !parent ? `o${unit.id}` : `u${unit.id}`,
    label: raw(unit.name),
  }));
  const layout: Choice[][] = [];
  if (parent) layout.push([{ value: `u${parent.id}`, label: t('btn-unit-whole', { name: parent.name }) }]);
  layout.push(...rows(shown, 2));
  const navigation: Choice[] = [];
  if (page > 0) navigation.push({ value: `p${page - 1}`, label: t('btn-prev-page') });
  if (page < pages - 1) navigation.push({ value: `p${page + 1}`, label: t('btn-next-page') });
  if (navigation.length) layout.push(navigation);
  if (parent) layout.push([{ value: 'list', label: t('btn-unit-back') }]);
  const parts = parent ? [t('ask-unit-within', { name: parent.name })] : [t('ask-unit')];
  if (pages > 1) parts.push(t('page-of', { page: page + 1, pages }));
  return { parts, rows: layout };
}

const unitStep: Step = {
  id: 'unit',
  answer: z.number().int().positive(),
  acceptsText: true,
  editable: true,
  ask(draft, ctx) {
    const { parts, rows: layout } = unitChoices(draft, ctx.env);
    return { parts, choices: { step: 'unit', rows: layout } };
  },
  handle(draft, input, ctx) {
    const units = ctx.env.units;
    const stay = (ui: Draft['ui'], lead?: Text): StepOutcome => {
      const next = { ...draft, ui: { ...draft.ui, ...ui } };
      const message = unitStep.ask(next, ctx);
      return { type: 'stay', draft: next, messages: [lead ? { ...message, parts: [lead, ...message.parts] } : message] };
    };
    if (input.kind === 'choice') {
      const match = /^([uop])(\d+)$/.exec(input.value);
      if (input.value === 'list') return stay({ unitMatches: null, unitParentId: null, unitPage: 0 });
      if (!match) return reject('choose-from-buttons');
      const id = Number(match[2]);
      if (match[1] === 'p') return stay({ unitPage: id });
      if (!units.get(id)) return reject('unit-not-found');
      if (match[1] === 'o') return stay({ unitParentId: id, unitPage: 0, unitMatches: null });
      return answer(id, { note: say(t('unit-chosen', { name: units.fullName(id) ?? '' })) });
    }
    if (input.kind !== 'text') return reject('unit-type-or-choose');
    const query = cleanLine(input.text);
    if (foldVietnamese(query).length < 2) return stay({}, t('unit-query-too-short'));
    const exact = units.exact(query);
    const found = exact.length === 1 ? exact : units.search(query);
    if (found.length === 0) return stay({ unitMatches: null, unitParentId: null, unitPage: 0 }, t('unit-not-found-query', { query }));
    if (found.length === 1) return answer(found[0]!.id, { note: say(t('unit-chosen', { name: units.fullName(found[0]!.id) ?? '' })) });
    const limited = found.slice(0, UNIT_PAGE_SIZE).map((unit) => unit.id);
    return stay({ unitMatches: limited, unitQuery: query }, found.length > UNIT_PAGE_SIZE ? t('unit-too-many', { count: found.length }) : undefined);
  },
  summarise: (value, _draft, ctx) => raw(ctx.env.units.fullName(Number(value)) ?? '—'),
};

const birthYearStep: Step = {
  id: 'nomineeBirthYear',
  answer: z.number().int().nullable(),
  optional: true,
  applies: (answers) => kindOf(answers) === 'individual',
  acceptsText: true,
  editable: true,
  ask: () => question('ask-nomineeBirthYear'),
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
  summarise: (value) => (value === null ? null : raw(String(value))),
};

function optionalTextStep(id: string, max: number, appliesTo?: Step['applies']): Step {
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
    summarise: (value) => (value === null ? null : raw(String(value))),
  };
}

const roleStep = optionalTextStep('nomineeRole', ROLE_MAX, (answers) => kindOf(answers) === 'individual');

// The vocabulary is every known category; the config decides which are offered (env.categories).
const categoryStep = choiceStep('deedCategory', 'ask-deedCategory', () => DEFAULT_DEED_CATEGORIES, 'category', 1);
categoryStep.ask = (_draft, ctx) =>
  question('ask-deedCategory', rows(ctx.env.categories.map((value) => ({ value, label: t(`category-${value}`) })), 1), 'deedCategory');
categoryStep.handle = (_draft, input, ctx) =>
  input.kind === 'choice' && ctx.env.categories.includes(input.value) ? answer(input.value) : reject('choose-from-buttons');

const deedDateStep: Step = {
  id: 'deedDate',
  answer: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  acceptsText: true,
  editable: true,
  ask: () =>
    question('ask-deedDate', [[{ value: 'today', label: t('btn-today') }, { value: 'yesterday', label: t('btn-yesterday') }]], 'deedDate'),
  handle(_draft, input, ctx) {
    const text = input.kind === 'choice' ? (input.value === 'today' ? 'hôm nay' : input.value === 'yesterday' ? 'hôm qua' : '') : input.kind === 'text' ? input.text : '';
    if (!text) return reject('date-format');
    const parsed = parsePastDate(text, ctx.now, ctx.env.limits.maxDeedAgeYears);
    if (parsed.ok) return answer(parsed.date);
    const errors = { format: 'date-format', invalid: 'date-invalid', future: 'date-future', 'too-old': 'date-too-old' } as const;
    return reject(errors[parsed.reason], { years: ctx.env.limits.maxDeedAgeYears });
  },
  summarise: (value) => raw(formatDate(String(value))),
};

const placeStep = optionalTextStep('deedPlace', PLACE_MAX);

const descriptionStep: Step = {
  id: 'description',
  answer: z.string().min(1),
  acceptsText: true,
  editable: true,
  ask: (_draft, ctx) => question('ask-description', undefined, undefined, { min: ctx.env.limits.descriptionMin, max: ctx.env.limits.descriptionMax }),
  handle(_draft, input, ctx) {
    if (input.kind !== 'text') return reject('type-the-answer');
    const text = cleanText(input.text);
    const length = visibleLength(text);
    const { descriptionMin: min, descriptionMax: max } = ctx.env.limits;
    if (length < min) return reject('description-too-short', { min, length });
    if (length > max) return reject('description-too-long', { max, length });
    return answer(text);
  },
  summarise: (value) => raw(String(value)),
};

function evidencePrompt(draft: Draft, ctx: Ctx): OutMessage {
  const count = draft.attachments.length;
  const choices: Choice[] = count > 0 ? [{ value: 'done', label: t('btn-done') }, { value: 'clear', label: t('btn-evidence-clear') }] : [{ value: 'none', label: t('btn-evidence-none') }];
  return question(count > 0 ? 'ask-evidence-more' : 'ask-evidence', [choices], 'evidence', { count, max: ctx.env.limits.maxAttachments, mb: Math.floor(ctx.env.limits.maxFileBytes / 1048576) });
}

const DONE_WORDS = new Set(['xong', 'done', 'het', 'da xong', 'hoan thanh']);

const evidenceStep: Step = {
  id: 'evidence',
  answer: z.number().int().min(0),
  acceptsText: false,
  editable: true,
  ask: evidencePrompt,
  handle(draft, input, ctx) {
    const limits = ctx.env.limits;
    if (input.kind === 'choice') {
      if (input.value === 'done' || input.value === 'none') return answer(draft.attachments.length);
      if (input.value === 'clear') {
        const next = { ...draft, attachments: [] };
        return { type: 'stay', draft: next, messages: [{ ...evidencePrompt(next, ctx), parts: [t('evidence-cleared'), ...evidencePrompt(next, ctx).parts] }] };
      }
      return reject('choose-from-buttons');
    }
    if (input.kind === 'text') {
      if (DONE_WORDS.has(foldVietnamese(input.text))) return answer(draft.attachments.length);
      return reject('evidence-send-file');
    }
    if (input.kind !== 'file') return reject('evidence-send-file');
    const file = input.file;
    if (draft.attachments.some((existing) => existing.fileUniqueId === file.fileUniqueId)) {
      return { type: 'stay', draft, messages: [say(t('evidence-duplicate'))] };
    }
    if (draft.attachments.length >= limits.maxAttachments) return reject('evidence-too-many', { max: limits.maxAttachments });
    if (file.sizeBytes !== undefined && file.sizeBytes > limits.maxFileBytes) {
      return reject('evidence-too-large', { mb: Math.floor(limits.maxFileBytes / 1048576) });
    }
    if (file.kind === 'document' && !ACCEPTED_DOCUMENT_TYPES.includes(file.mimeType ?? '')) return reject('evidence-wrong-type');
    const attachment: Attachment = { ...file, receivedAt: ctx.now.toISOString() };
    const next = { ...draft, attachments: [...draft.attachments, attachment] };
    const count = next.attachments.length;
    const choices: Choice[] = [{ value: 'done', label: t('btn-done') }];
    const message = question(count >= limits.maxAttachments ? 'evidence-received-full' : 'evidence-received', [choices], 'evidence', { count, max: limits.maxAttachments });
    return { type: 'stay', draft: next, messages: [message], effects: [{ type: 'store-attachment', fileUniqueId: file.fileUniqueId }] };
  },
  summarise: (_value, draft) => (draft.attachments.length === 0 ? t('summary-not-given') : t('summary-evidence-count', { count: draft.attachments.length })),
};

const nominatorNameStep: Step = {
  id: 'nominatorName',
  answer: z.string().min(2),
  acceptsText: true,
  editable: true,
  ask: () => question('ask-nominatorName'),
  handle(_draft, input) {
    const read = readPersonName(input, 'nominator-name');
    return read.ok ? answer(read.name) : read.outcome;
  },
  summarise: (value) => raw(String(value)),
};

const phoneStep: Step = {
  id: 'nominatorPhone',
  usesContactButton: true,
  answer: z.string().regex(/^\+84\d{9,10}$/),
  acceptsText: true,
  editable: true,
  ask: () => ({ ...question('ask-nominatorPhone'), contactButton: t('btn-share-phone') }),
  handle(_draft, input) {
    if (input.kind === 'contact' && !input.own) return reject('phone-not-own');
    const text = input.kind === 'contact' ? input.phone : input.kind === 'text' ? input.text : undefined;
    if (text === undefined) return reject('phone-format');
    const parsed = parsePhone(text);
    if (!parsed.ok) return reject(parsed.reason === 'length' ? 'phone-length' : 'phone-format');
    return answer(parsed.e164, { note: { parts: [t('phone-saved', { phone: parsed.display })], removeContactButton: true } });
  },
  summarise: (value) => raw(displayPhone(String(value))),
};

const relationStep = choiceStep('nominatorRelation', 'ask-nominatorRelation', () => RELATIONS, 'relation', 2);

const pledgeStep: Step = {
  id: 'pledge',
  answer: z.string(),
  acceptsText: false,
  editable: false,
  ask: () => question('ask-pledge', [[{ value: 'confirm', label: t('btn-pledge') }]], 'pledge'),
  handle(_draft, input, ctx) {
    const typed = input.kind === 'text' ? foldVietnamese(input.text) : '';
    if ((input.kind === 'choice' && input.value === 'confirm') || typed === 'xac nhan' || typed === 'dong y' || typed === 'confirm') {
      return answer(ctx.now.toISOString());
    }
    return reject('pledge-use-button');
  },
};

/** Steps shown in the summary, in order (the pledge and consent are not fields). */
const SUMMARY_FIELDS = ['nomineeKind', 'nomineeName', 'unit', 'nomineeBirthYear', 'nomineeRole', 'deedCategory', 'deedDate', 'deedPlace', 'description', 'evidence', 'nominatorName', 'nominatorPhone', 'nominatorRelation'];

function summaryMessage(draft: Draft, ctx: Ctx): OutMessage {
  const lines: Text[] = [];
  for (const id of SUMMARY_FIELDS) {
    const step = STEPS.find((candidate) => candidate.id === id)!;
    if (step.applies && !step.applies(draft.answers)) continue;
    const value = draft.answers[id];
    if (value === undefined) continue;
    const shown = value === null ? t('summary-not-given') : step.summarise?.(value, draft, ctx);
    if (shown) lines.push(t('summary-line', { label: t(`field-${id}`), value: shown }));
  }
  return {
    parts: [t('summary-title'), asLines(lines), t('summary-hint')],
    choices: {
      step: SUMMARY_STEP,
      rows: [[{ value: 'submit', label: t('btn-submit') }], [{ value: 'edit', label: t('btn-edit') }, { value: 'cancel', label: t('btn-cancel') }]],
    },
  };
}

const summaryStep: Step = {
  id: SUMMARY_STEP,
  answer: z.never(),
  acceptsText: false,
  editable: false,
  ask: (draft, ctx) => (draft.ui.editMenu ? editMenu(nominationForm, draft) : summaryMessage(draft, ctx)),
  handle(draft, input, ctx) {
    if (input.kind !== 'choice') {
      const typed = input.kind === 'text' ? foldVietnamese(input.text) : '';
      if (typed === 'gui' || typed === 'send' || typed === 'submit') return { type: 'submit' };
      return reject('summary-use-buttons');
    }
    if (input.value === 'submit') return { type: 'submit' };
    if (input.value === 'edit') {
      const next = { ...draft, ui: { ...draft.ui, editMenu: true } };
      return { type: 'stay', draft: next, messages: [editMenu(nominationForm, next)] };
    }
    if (input.value === 'back') {
      const next = { ...draft, ui: { ...draft.ui, editMenu: false } };
      return { type: 'stay', draft: next, messages: [summaryMessage(next, ctx)] };
    }
    if (input.value === 'cancel') {
      const next = { ...draft, ui: { ...draft.ui, pendingCancel: true } };
      return { type: 'stay', draft: next, messages: [cancelConfirmation()] };
    }
    if (input.value.startsWith(CONTROL.editPrefix)) {
      const result = editStep(nominationForm, draft, input.value.slice(CONTROL.editPrefix.length), ctx);
      return { type: 'stay', draft: result.draft ?? draft, messages: result.messages };
    }
    return reject('summary-use-buttons');
  },
};

const STEPS: Step[] = [
  consentStep,
  nomineeKindStep,
  nomineeNameStep,
  unitStep,
  birthYearStep,
  roleStep,
  categoryStep,
  deedDateStep,
  placeStep,
  descriptionStep,
  evidenceStep,
  nominatorNameStep,
  phoneStep,
  relationStep,
  pledgeStep,
  summaryStep,
];

/** The residents' nomination form, version {@link NOMINATION_FORM_VERSION}. */
export const nominationForm: FormDef<NominationEnv> = {
  id: NOMINATION_FORM_ID,
  version: NOMINATION_FORM_VERSION,
  steps: STEPS,
};

/** The consent answer's schema depends on the text version in force, so a changed text is asked again. */
export function consentIsCurrent(draft: Draft, env: NominationEnv): boolean {
  const consent = draft.answers.consent as { textVersion?: number } | undefined;
  return consent?.textVersion === env.consentVersion;
}
