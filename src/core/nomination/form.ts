/**
 * The residents' nomination form ("Đề xuất người tốt, việc tốt"), step by step.
 * Steps are data for the engine in ../form/engine.ts; every text is an i18n key.
 */
import { z } from 'zod';
import { answer, birthYearStep as birthYear, choiceStep, filesStep, optionalTextStep, question, readCollectiveName, readPersonName, reject, summaryStep } from '../form/steps.js';
import type { Draft, FormDef, StepDef, StepOutcome } from '../form/types.js';
import { raw, rows, say, t, type Choice, type Text } from '../messages.js';
import { formatDate, parsePastDate } from '../text/date.js';
import { cleanLine, cleanText, foldVietnamese, visibleLength } from '../text/normalize.js';
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

type Step = StepDef<NominationEnv>;

const UNIT_PAGE_SIZE = 8;
const COLLECTIVE_NAME_MAX = 150;
const ROLE_MAX = 100;
const PLACE_MAX = 200;

const kindOf = (answers: Record<string, unknown>) => answers.nomineeKind as NomineeKind | undefined;

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

const nomineeKindStep = choiceStep<NominationEnv>('nomineeKind', 'ask-nomineeKind', () => NOMINEE_KINDS, 'kind', 1);
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
      const read = readCollectiveName(input, COLLECTIVE_NAME_MAX);
      return read.ok ? answer(read.name) : read.outcome;
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

const birthYearStep = birthYear<NominationEnv>('nomineeBirthYear', (answers) => kindOf(answers) === 'individual');

const roleStep = optionalTextStep<NominationEnv>('nomineeRole', ROLE_MAX, (answers) => kindOf(answers) === 'individual');

// The vocabulary is every known category; the config decides which are offered (env.categories).
const categoryStep = choiceStep<NominationEnv>('deedCategory', 'ask-deedCategory', () => DEFAULT_DEED_CATEGORIES, 'category', 1);
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

const placeStep = optionalTextStep<NominationEnv>('deedPlace', PLACE_MAX);

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

const evidenceStep = filesStep<NominationEnv>(
  'evidence',
  (env) => ({ maxAttachments: env.limits.maxAttachments, maxFileBytes: env.limits.maxFileBytes, documentTypes: ACCEPTED_DOCUMENT_TYPES }),
  { ask: 'ask-evidence', askMore: 'ask-evidence-more', received: 'evidence-received', receivedFull: 'evidence-received-full', noneButton: 'btn-evidence-none' },
);

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

const relationStep = choiceStep<NominationEnv>('nominatorRelation', 'ask-nominatorRelation', () => RELATIONS, 'relation', 2);

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

const summary = summaryStep<NominationEnv>(() => nominationForm, {
  title: 'summary-title',
  hint: 'summary-hint',
  fields: SUMMARY_FIELDS,
  submitLabel: 'btn-submit',
  submitWords: ['gui', 'send', 'submit'],
});

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
  summary,
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
