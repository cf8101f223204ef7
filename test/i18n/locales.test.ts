/**
 * The two locales stay in step: the same keys with the same variables, no invisible isolation
 * marks in rendered text, and every key the nomination form (and the menus around it) can
 * produce exists in both, checked by driving the form's steps and rendering every reply.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { FluentResource } from '@fluent/bundle';
import { describe, expect, it } from 'vitest';
import { mainMenu } from '../../src/app/conversation.js';
import { COMMANDS } from '../../src/channels/telegram/commands.js';
import { advance, ask, CANCEL_STEP, CONTROL, newDraft } from '../../src/core/form/engine.js';
import type { Attachment, Draft, FormInput } from '../../src/core/form/types.js';
import type { OutMessage } from '../../src/core/messages.js';
import { DEFAULT_LIMITS, nominationForm, type NominationEnv } from '../../src/core/nomination/form.js';
import { myNominationsMessage, nominationDetailMessage, submittedMessage, withdrawConfirmMessage, type NominationView } from '../../src/core/nomination/records.js';
import { DEFAULT_DEED_CATEGORIES, NOMINEE_KINDS, RELATIONS, STATUSES } from '../../src/core/nomination/vocabulary.js';
import { UnitCatalog, type UnitRecord } from '../../src/core/units.js';
import { LOCALES, LOCALES_DIR, type Locale } from '../../src/i18n/index.js';
import { SEED_UNITS } from '../../src/infra/seed/units.js';
import { strictTranslator } from '../support/db.js';

const translator = strictTranslator();
const ISOLATION_MARKS = /[\u2068\u2069]/;

// ───────────── the .ftl files as data ─────────────

type Expression = { type: string; name?: string; value?: Expression; selector?: Expression; variants?: { value: Pattern }[]; args?: Expression[] };
type Pattern = string | (string | Expression)[] | null;
type Entry = { id: string; value: Pattern; attributes: Record<string, Pattern> };

function entries(locale: Locale): Map<string, Entry> {
  const resource = new FluentResource(readFileSync(path.join(LOCALES_DIR, `${locale}.ftl`), 'utf8'));
  return new Map((resource.body as unknown as Entry[]).filter((entry) => !entry.id.startsWith('-')).map((entry) => [entry.id, entry]));
}

/** The variables a message uses, through selectors, function arguments and referenced messages. */
function variablesOf(all: Map<string, Entry>, id: string, seen = new Set<string>()): Set<string> {
  const found = new Set<string>();
  if (seen.has(id)) return found;
  seen.add(id);
  const visitPattern = (pattern: Pattern) => {
    if (!pattern || typeof pattern === 'string') return;
    for (const element of pattern) if (typeof element !== 'string') visit(element);
  };
  const visit = (expression: Expression) => {
    if (expression.type === 'var') found.add(expression.name!);
    if (expression.type === 'narg' && expression.value) visit(expression.value);
    if (expression.selector) visit(expression.selector);
    for (const variant of expression.variants ?? []) visitPattern(variant.value);
    for (const arg of expression.args ?? []) visit(arg);
    if (expression.type === 'mesg') for (const name of variablesOf(all, expression.name!, seen)) found.add(name);
  };
  const entry = all.get(id);
  if (entry) [entry.value, ...Object.values(entry.attributes)].forEach(visitPattern);
  return found;
}

const byLocale = Object.fromEntries(LOCALES.map((locale) => [locale, entries(locale)])) as Record<Locale, Map<string, Entry>>;

describe('vi.ftl and en.ftl', () => {
  it('have the same keys', () => {
    expect([...byLocale.en.keys()].sort()).toEqual([...byLocale.vi.keys()].sort());
    expect(translator.keys('en').sort()).toEqual(translator.keys('vi').sort());
  });

  it('use the same variables in each message', () => {
    const differences = [...byLocale.vi.keys()]
      .map((id) => ({ id, vi: [...variablesOf(byLocale.vi, id)].sort(), en: [...variablesOf(byLocale.en, id)].sort() }))
      .filter(({ vi, en }) => JSON.stringify(vi) !== JSON.stringify(en));
    expect(differences).toEqual([]);
  });

  it('render every message without the invisible isolation marks U+2068/U+2069', () => {
    for (const locale of LOCALES) {
      expect(readFileSync(path.join(LOCALES_DIR, `${locale}.ftl`), 'utf8')).not.toMatch(ISOLATION_MARKS);
      for (const id of byLocale[locale].keys()) {
        for (const value of [1, 2, 'Nguyễn Văn An']) {
          const args = Object.fromEntries([...variablesOf(byLocale[locale], id)].map((name) => [name, value]));
          const rendered = translator.tr(locale, id, args);
          expect(rendered, `${locale}:${id}`).not.toMatch(ISOLATION_MARKS);
          expect(rendered.trim(), `${locale}:${id}`).not.toBe('');
        }
      }
    }
  });
});

// ───────────── driving the form ─────────────

function unitCatalog(extraWards: number): { catalog: UnitCatalog; idOf: (code: string) => number } {
  const ids = new Map<string, number>();
  const records: UnitRecord[] = SEED_UNITS.map((unit, index) => {
    ids.set(unit.code, index + 1);
    return { id: index + 1, code: unit.code, name: unit.name, kind: unit.kind, parentId: unit.parent ? ids.get(unit.parent)! : null, aliases: unit.aliases ?? [], sortOrder: unit.sortOrder ?? 0 };
  });
  for (let index = 0; index < extraWards; index += 1) {
    records.push({ id: 1000 + index, code: `TEST-${index}`, name: `Phường Thử ${index + 1}`, kind: 'ward', parentId: null, aliases: [], sortOrder: 100 + index });
  }
  return { catalog: new UnitCatalog(records), idOf: (code) => ids.get(code)! };
}

// Enough wards for the list to have two pages.
const { catalog, idOf } = unitCatalog(12);
const env: NominationEnv = { units: catalog, categories: [...DEFAULT_DEED_CATEGORIES], consentVersion: 1, draftTtlDays: 30, limits: DEFAULT_LIMITS };
const now = new Date('2026-05-20T03:00:00Z');
const ctx = { now, env };

const file = (index: number, extra: Partial<Attachment> = {}): Attachment => ({ kind: 'photo', channel: 'telegram', fileId: `f${index}`, fileUniqueId: `u${index}`, mimeType: 'image/jpeg', sizeBytes: 1000, receivedAt: now.toISOString(), ...extra });

const FULL_ANSWERS: Record<string, unknown> = {
  consent: { at: now.toISOString(), textVersion: 1 },
  nomineeKind: 'individual',
  nomineeName: 'Nguyễn Văn An',
  unit: idOf('HN-TU-LIEM-TDP-03'),
  nomineeBirthYear: 1975,
  nomineeRole: null,
  deedCategory: 'charity',
  deedDate: '2026-05-19',
  deedPlace: null,
  description: 'Anh An nhặt được chiếc ví và trả lại người mất tại chợ.',
  evidence: 1,
  nominatorName: 'Trần Thị Bình',
  nominatorPhone: '+84912345678',
  nominatorRelation: 'neighbour',
  pledge: now.toISOString(),
};

/** Drafts at `stepId` with the answers of every earlier step, in several shapes. */
function draftsAt(stepId: string): Draft[] {
  const index = nominationForm.steps.findIndex((step) => step.id === stepId);
  const earlier = Object.fromEntries(nominationForm.steps.slice(0, index).map((step) => [step.id, FULL_ANSWERS[step.id]]).filter(([, value]) => value !== undefined));
  const base = { ...newDraft(nominationForm, 'draft', now), stepId, answers: earlier };
  const drafts: Draft[] = [];
  for (const kind of NOMINEE_KINDS) {
    const answers = index > 1 ? { ...earlier, nomineeKind: kind } : earlier;
    for (const count of [0, 1, DEFAULT_LIMITS.maxAttachments - 1, DEFAULT_LIMITS.maxAttachments]) {
      const attachments = Array.from({ length: count }, (_, i) => file(i + 1));
      drafts.push({ ...base, answers, attachments, ui: { reachedSummary: stepId === 'summary' } });
    }
  }
  const ward = idOf('HN-TU-LIEM');
  for (const ui of [{ unitParentId: ward }, { unitPage: 1 }, { unitMatches: [idOf('HN-TU-LIEM-THCS-MY-DINH'), ward], unitQuery: 'my dinh' }, { editMenu: true }, { pendingCancel: true }]) {
    drafts.push({ ...base, attachments: [file(1)], ui: { ...ui, reachedSummary: stepId === 'summary' } });
  }
  return drafts;
}

const TEXTS = [
  '', 'a', 'An', 'Nguyễn Văn An', 'Nguyễn Văn 3', 'Nguyễn'.repeat(20), 'x '.repeat(1500), 'tu liem', 'my dinh', 'phuong', 'zzzz', 'Phường Từ Liêm',
  '1975', '3000', '1800', 'abc', '31/02/2026', '01/01/2000', '01/01/2099', 'hôm nay', '15/05/2026', '0912345678', '09123', '+1 555 0100',
  'xong', 'bỏ qua', 'đồng ý', 'không đồng ý', 'gửi', 'xác nhận', 'ca nhan',
];

function inputsFor(draft: Draft): FormInput[] {
  const question = ask(nominationForm, draft, ctx);
  const choices = question.choices ? question.choices.rows.flat().map((choice): FormInput => ({ kind: 'choice', step: question.choices!.step, value: choice.value })) : [];
  return [
    ...TEXTS.map((text): FormInput => ({ kind: 'text', text })),
    ...choices,
    { kind: 'choice', step: draft.stepId, value: 'bogus' },
    { kind: 'choice', step: draft.stepId, value: CONTROL.skip },
    { kind: 'choice', step: 'nomineeKind', value: 'collective' },
    { kind: 'choice', step: CANCEL_STEP, value: CONTROL.cancelYes },
    { kind: 'choice', step: CANCEL_STEP, value: CONTROL.cancelNo },
    { kind: 'file', file: { kind: 'photo', channel: 'telegram', fileId: 'new', fileUniqueId: 'new', sizeBytes: 1000 } },
    { kind: 'file', file: { kind: 'photo', channel: 'telegram', fileId: 'f1', fileUniqueId: 'u1' } },
    { kind: 'file', file: { kind: 'document', channel: 'telegram', fileId: 'zip', fileUniqueId: 'zip', mimeType: 'application/zip' } },
    { kind: 'file', file: { kind: 'document', channel: 'telegram', fileId: 'big', fileUniqueId: 'big', mimeType: 'application/pdf', sizeBytes: 50 * 1024 * 1024 } },
    { kind: 'contact', phone: '+84912345678', own: true },
    { kind: 'contact', phone: '+84912345678', own: false },
    { kind: 'unsupported' },
    ...(['cancel', 'help', 'edit', 'skip'] as const).map((command): FormInput => ({ kind: 'command', command })),
  ];
}

/** Every message the form gives from every step, two inputs deep along the buttons. */
function everyFormMessage(): OutMessage[] {
  const messages: OutMessage[] = [];
  const seen = new Set<string>();
  const explore = (draft: Draft, depth: number) => {
    const key = JSON.stringify([draft.stepId, draft.ui, draft.answers.nomineeKind, draft.attachments.length]);
    if (depth > 0 && seen.has(key)) return;
    seen.add(key);
    messages.push(ask(nominationForm, draft, ctx));
    for (const input of depth === 0 ? inputsFor(draft) : inputsFor(draft).filter((candidate) => candidate.kind === 'choice')) {
      const result = advance(nominationForm, draft, input, ctx);
      messages.push(...result.messages);
      if (result.draft && result.outcome === 'continue' && depth < 1) explore(result.draft, depth + 1);
    }
  };
  for (const step of nominationForm.steps) for (const draft of draftsAt(step.id)) explore(draft, 0);
  return messages;
}

/** Messages from around the form: menus, the receipt, "Đề xuất của tôi" in every status. */
function otherMessages(): OutMessage[] {
  const view = (status: string): NominationView => ({
    id: 7, code: 'NTV-2026-00042', status, nomineeKind: 'individual', nomineeName: 'Nguyễn Văn An', unitName: 'Tổ dân phố số 3 – Phường Từ Liêm',
    deedCategory: 'charity', deedDate: '2026-05-19', description: 'Mô tả', nominatorPhone: '+84912345678', evidenceCount: 2, submittedAt: now,
  });
  return [
    mainMenu(),
    submittedMessage('NTV-2026-00042'),
    myNominationsMessage([], 0, 0),
    myNominationsMessage(STATUSES.map(view), 1, 30),
    ...STATUSES.map((status) => nominationDetailMessage(view(status))),
    withdrawConfirmMessage(view('received')),
  ];
}

/** Keys named by dynamic parts of the code (`field-${id}`, `status-${status}`…) and by the conversation. */
function namedKeys(): string[] {
  const steps = nominationForm.steps;
  return [
    ...steps.map((step) => `help-${step.id}`),
    ...steps.filter((step) => step.editable).map((step) => `field-${step.id}`),
    ...steps.filter((step) => !step.editable).map((step) => `step-name-${step.id}`),
    ...NOMINEE_KINDS.flatMap((kind) => [`kind-${kind}`, `ask-nomineeName-${kind}`]),
    ...DEFAULT_DEED_CATEGORIES.map((category) => `category-${category}`),
    ...RELATIONS.map((relation) => `relation-${relation}`),
    ...STATUSES.map((status) => `status-${status}`),
    ...COMMANDS.map((command) => `cmd-${command}`),
    'welcome', 'guide', 'nothing-to-cancel', 'nothing-to-edit', 'nothing-to-skip', 'not-in-form', 'file-outside-form', 'form-closed',
    'language-choose', 'language-vi', 'language-en', 'language-set', 'nomination-not-found', 'withdraw-done', 'withdraw-not-allowed',
    'resume-offer', 'btn-resume-continue', 'btn-resume-restart', 'draft-restarted', 'form-updated', 'error-generic',
  ];
}

/** Every i18n key inside a message (arguments may be texts themselves). */
function keysIn(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((item) => keysIn(item, into));
  else if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record.key === 'string') into.add(record.key);
    Object.values(record).forEach((item) => keysIn(item, into));
  }
  return into;
}

function renderAll(message: OutMessage, locale: Locale): string[] {
  return [
    ...message.parts.map((part) => translator.render(locale, part)),
    ...(message.choices?.rows.flat().map((choice) => translator.render(locale, choice.label)) ?? []),
    ...(message.contactButton ? [translator.render(locale, message.contactButton)] : []),
  ];
}

describe('every key the bot can produce', () => {
  const messages = [...everyFormMessage(), ...otherMessages()];

  it('drives every step of the form', () => {
    const asked = new Set(messages.flatMap((message) => [...keysIn(message)]));
    for (const key of ['consent-text', 'ask-unit', 'ask-unit-within', 'unit-search-results', 'ask-evidence-more', 'evidence-received-full', 'summary-title', 'edit-choose-field', 'cancel-confirm', 'stale-button', 'date-too-old', 'evidence-too-large', 'phone-not-own']) {
      expect(asked, key).toContain(key);
    }
  });

  it('exists in both locales', () => {
    const keys = new Set([...messages.flatMap((message) => [...keysIn(message)]), ...namedKeys()]);
    const missing = LOCALES.flatMap((locale) => [...keys].filter((key) => !translator.has(locale, key)).map((key) => `${locale}:${key}`));
    expect(missing).toEqual([]);
  });

  it('renders every reply, button label and contact button in both locales (strictly, without isolation marks)', () => {
    for (const locale of LOCALES) {
      for (const message of messages) {
        for (const text of renderAll(message, locale)) {
          expect(text).not.toMatch(ISOLATION_MARKS);
          expect(text.trim()).not.toBe('');
        }
      }
    }
  });

  it('covers the keys named as literals in the source', () => {
    const sourceDir = path.resolve(LOCALES_DIR, '../src');
    const files = readdirSync(sourceDir, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.ts') && !name.startsWith('generated'));
    const literal = /\b(?:t|tr|reject|question|say)\(\s*(?:[\w.]+,\s*)?'([a-z][a-z0-9]*(?:-[a-z0-9]+)+)'/g;
    const keys = new Set(files.flatMap((name) => [...readFileSync(path.join(sourceDir, name), 'utf8').matchAll(literal)].map((match) => match[1]!)));
    expect(keys.size).toBeGreaterThan(30);
    const missing = LOCALES.flatMap((locale) => [...keys].filter((key) => !translator.has(locale, key)).map((key) => `${locale}:${key}`));
    expect(missing).toEqual([]);
  });
});
