/**
 * The form engine and the residents' nomination form, step by step, as a person would notice it:
 * the step the draft is on, the answers kept, the i18n keys of the replies, the buttons offered
 * and the effects to run.
 */
import { describe, expect, it } from 'vitest';
import { keyOf, keys, replyKeys, values, lastMessage, argsOf, draftOf, summaryLines } from '../support/replies.js';
import { advance, CANCEL_STEP, isExpired, migrateDraft, newDraft, SUMMARY_STEP } from '../../src/core/form/engine.js';
import type { AdvanceResult, Draft, FormInput, IncomingFile, StepContext } from '../../src/core/form/types.js';
import {
  consentIsCurrent,
  DEFAULT_LIMITS,
  nominationForm,
  NOMINATION_FORM_VERSION,
  type NominationEnv,
} from '../../src/core/nomination/form.js';
import {
  myNominationsMessage,
  nominationDetailMessage,
  submittedMessage,
  toNewNomination,
  withdrawConfirmMessage,
  type NominationView,
} from '../../src/core/nomination/records.js';
import { DEFAULT_DEED_CATEGORIES, NOMINEE_KINDS, RELATIONS, STATUSES } from '../../src/core/nomination/vocabulary.js';
import { UnitCatalog, type UnitRecord } from '../../src/core/units.js';

// ---------------------------------------------------------------------------------------------
// Fixture: units, environment, clock
// ---------------------------------------------------------------------------------------------

/** 09:00 on 26/11/2026 in Vietnam. */
const NOW = new Date('2026-11-26T02:00:00Z');

function unit(id: number, name: string, extra: Partial<UnitRecord> = {}): UnitRecord {
  return { id, code: `U${id}`, name, kind: 'ward', parentId: null, aliases: [], sortOrder: 0, ...extra };
}
const groupsOf = (parentId: number, count: number): UnitRecord[] =>
  Array.from({ length: count }, (_, index) =>
    unit(parentId * 10 + index + 1, `Tổ dân phố số ${index + 1}`, { kind: 'residential-group', parentId, sortOrder: index + 1 }),
  );

/** Four wards like the seed (former wards as aliases), three groups each, and six other top-level units: two pages. */
const UNITS: UnitRecord[] = [
  unit(1, 'Phường Từ Liêm', { aliases: ['Phường Cầu Diễn', 'Phường Mỹ Đình 1', 'Phường Mỹ Đình 2', 'Phường Phú Đô', 'Phường Mễ Trì'], sortOrder: 1 }),
  unit(2, 'Phường Xuân Phương', { aliases: ['Phường Phương Canh', 'Phường Xuân Phương (cũ)'], sortOrder: 2 }),
  unit(3, 'Phường Tây Mỗ', { aliases: ['Phường Tây Mỗ (cũ)'], sortOrder: 3 }),
  unit(4, 'Phường Đại Mỗ', { aliases: ['Phường Trung Văn', 'Phường Đại Mỗ (cũ)'], sortOrder: 4 }),
  ...groupsOf(1, 3),
  ...groupsOf(2, 3),
  ...groupsOf(3, 3),
  ...groupsOf(4, 3),
  unit(51, 'Trường Mầm non Hoa Sen', { kind: 'school', sortOrder: 51 }),
  unit(52, 'Trường Mầm non Hoa Mai', { kind: 'school', sortOrder: 52 }),
  unit(53, 'Trường Tiểu học Trung Văn', { kind: 'school', sortOrder: 53 }),
  unit(54, 'Trạm Y tế phường', { kind: 'agency', sortOrder: 54 }),
  unit(55, 'Hội Chữ thập đỏ', { kind: 'agency', sortOrder: 55 }),
  unit(56, 'Hội Cựu chiến binh', { kind: 'agency', sortOrder: 56 }),
];

/** Built like src/compose.ts does. */
function makeEnv(overrides: Partial<NominationEnv> = {}): NominationEnv {
  return {
    units: new UnitCatalog(UNITS),
    categories: DEFAULT_DEED_CATEGORIES,
    consentVersion: 1,
    draftTtlDays: 30,
    limits: DEFAULT_LIMITS,
    ...overrides,
  };
}
const ENV = makeEnv();
const CTX: StepContext<NominationEnv> = { now: NOW, env: ENV };

// ---------------------------------------------------------------------------------------------
// Inputs and reading replies
// ---------------------------------------------------------------------------------------------

const text = (value: string): FormInput => ({ kind: 'text', text: value });
const choose = (step: string, value: string): FormInput => ({ kind: 'choice', step, value });
const command = (name: 'cancel' | 'help' | 'edit' | 'skip'): FormInput => ({ kind: 'command', command: name });
const contact = (phone: string, own = true): FormInput => ({ kind: 'contact', phone, own });
const file = (fileUniqueId: string, extra: Partial<IncomingFile> = {}): FormInput => ({
  kind: 'file',
  file: { kind: 'photo', channel: 'test', fileId: `file-${fileUniqueId}`, fileUniqueId, mimeType: 'image/jpeg', sizeBytes: 150_000, ...extra },
});
const documentFile = (fileUniqueId: string, mimeType: string, extra: Partial<IncomingFile> = {}): FormInput =>
  file(fileUniqueId, { kind: 'document', mimeType, fileName: `${fileUniqueId}.bin`, ...extra });

function send(draft: Draft, input: FormInput, ctx: StepContext<NominationEnv> = CTX): AdvanceResult {
  return advance(nominationForm, draft, input, ctx);
}

/** The continued draft (fails the test when the reply ended the draft). */
// ---------------------------------------------------------------------------------------------
// Driving a draft through the form
// ---------------------------------------------------------------------------------------------

const DESCRIPTION = 'Sáng 25/11, anh An nhặt được chiếc ví có 2.500.000 đồng tại chợ và đã mang trả lại người mất.';

/** One good answer per step. */
const DEFAULTS: Record<string, FormInput> = {
  consent: choose('consent', 'agree'),
  nomineeKind: choose('nomineeKind', 'individual'),
  nomineeName: text('nguyễn văn an'),
  unit: choose('unit', 'u12'),
  nomineeBirthYear: text('1975'),
  nomineeRole: text('tổ trưởng tổ dân phố'),
  deedCategory: choose('deedCategory', 'lost-property'),
  deedDate: choose('deedDate', 'yesterday'),
  deedPlace: text('chợ Mỹ Đình'),
  description: text(DESCRIPTION),
  evidence: choose('evidence', 'none'),
  nominatorName: text('trần thị bình'),
  nominatorPhone: text('0912 345 678'),
  nominatorRelation: choose('nominatorRelation', 'neighbour'),
  pledge: choose('pledge', 'confirm'),
};

const STEP_ORDER = nominationForm.steps.map((step) => step.id);

interface Filled {
  draft: Draft;
  last: AdvanceResult | undefined;
  effects: AdvanceResult['effects'];
  /** The steps that were asked, in order. */
  visited: string[];
}

/**
 * Answers step after step (`answers` overrides the defaults) until the draft reaches `until`.
 * Every input must move the draft on; a refused answer fails with the reply's keys.
 */
function fill(answers: Partial<Record<string, FormInput>> = {}, until: string = SUMMARY_STEP, from?: Draft, ctx = CTX): Filled {
  let draft = from ?? newDraft(nominationForm, 'draft-1', NOW);
  let last: AdvanceResult | undefined;
  const effects: AdvanceResult['effects'] = [];
  const visited: string[] = [];
  while (draft.stepId !== until) {
    if (visited.length > STEP_ORDER.length) throw new Error(`never reached ${until}; visited ${visited.join(', ')}`);
    const input = answers[draft.stepId] ?? DEFAULTS[draft.stepId];
    if (!input) throw new Error(`no answer for step ${draft.stepId}`);
    visited.push(draft.stepId);
    const result = send(draft, input, ctx);
    if (!result.draft) throw new Error(`draft ended (${result.outcome}) at ${draft.stepId}`);
    if (result.draft.stepId === draft.stepId) throw new Error(`stuck at ${draft.stepId}: ${JSON.stringify(replyKeys(result))}`);
    effects.push(...result.effects);
    draft = result.draft;
    last = result;
  }
  return { draft, last, effects, visited };
}

/** A draft sitting on `step`, every earlier step answered with the defaults (plus `answers`). */
const at = (step: string, answers: Partial<Record<string, FormInput>> = {}, ctx = CTX): Draft => fill(answers, step, undefined, ctx).draft;

const COLLECTIVE = {
  nomineeKind: choose('nomineeKind', 'collective'),
  nomineeName: text('trường THCS Mỹ Đình'),
};

/** Summary lines (one block of `summary-line`s) as [field key, shown value] pairs. */
// ---------------------------------------------------------------------------------------------
// The whole walk
// ---------------------------------------------------------------------------------------------

describe('the nomination form, start to finish', () => {
  it('asks every step in order for an individual and reaches the summary', () => {
    const { draft, visited, effects } = fill();
    expect(visited).toEqual([
      'consent',
      'nomineeKind',
      'nomineeName',
      'unit',
      'nomineeBirthYear',
      'nomineeRole',
      'deedCategory',
      'deedDate',
      'deedPlace',
      'description',
      'evidence',
      'nominatorName',
      'nominatorPhone',
      'nominatorRelation',
      'pledge',
    ]);
    expect(draft.stepId).toBe(SUMMARY_STEP);
    expect(draft.ui.reachedSummary).toBe(true);
    expect(draft.answers).toEqual({
      consent: { at: NOW.toISOString(), textVersion: 1 },
      nomineeKind: 'individual',
      nomineeName: 'Nguyễn Văn An',
      unit: 12,
      nomineeBirthYear: 1975,
      nomineeRole: 'Tổ trưởng tổ dân phố',
      deedCategory: 'lost-property',
      deedDate: '2026-11-25',
      deedPlace: 'Chợ Mỹ Đình',
      description: DESCRIPTION,
      evidence: 0,
      nominatorName: 'Trần Thị Bình',
      nominatorPhone: '+84912345678',
      nominatorRelation: 'neighbour',
      pledge: NOW.toISOString(),
    });
    expect(effects).toEqual([{ type: 'record-consent', textVersion: 1, at: NOW }]);
  });

  it('skips year of birth and role for a collective and for a household', () => {
    expect(fill(COLLECTIVE).visited).not.toContain('nomineeBirthYear');
    expect(fill(COLLECTIVE).visited).not.toContain('nomineeRole');
    const household = fill({ nomineeKind: choose('nomineeKind', 'household'), nomineeName: text('trần thị bình') });
    expect(household.visited).not.toContain('nomineeBirthYear');
    expect(household.visited).not.toContain('nomineeRole');
    expect(household.draft.answers.nomineeName).toBe('Trần Thị Bình');
  });

  it.each([
    ['nomineeKind', ['ask-nomineeKind'], ['individual', 'collective', 'household']],
    ['nomineeName', ['ask-nomineeName-individual'], []],
    ['unit', ['ask-unit', 'page-of'], ['o1', 'o2', 'o3', 'o4', 'u51', 'u52', 'u53', 'u54', 'p1']],
    ['nomineeBirthYear', ['ask-nomineeBirthYear'], ['_skip']],
    ['nomineeRole', ['ask-nomineeRole'], ['_skip']],
    ['deedCategory', ['ask-deedCategory'], [...DEFAULT_DEED_CATEGORIES]],
    ['deedDate', ['ask-deedDate'], ['today', 'yesterday']],
    ['deedPlace', ['ask-deedPlace'], ['_skip']],
    ['description', ['ask-description'], []],
    ['evidence', ['ask-evidence'], ['none']],
    ['nominatorName', ['ask-nominatorName'], []],
    ['nominatorPhone', ['ask-nominatorPhone'], []],
    ['nominatorRelation', ['ask-nominatorRelation'], [...RELATIONS]],
    ['pledge', ['ask-pledge'], ['confirm']],
    ['summary', ['summary-title'], ['submit', 'edit', 'cancel']],
  ])('after the step before it, %s is asked', (step, expectedKeys, expectedValues) => {
    const { last } = fill({}, step);
    const question = lastMessage(last!);
    expect(keys(question).slice(0, expectedKeys.length)).toEqual(expectedKeys);
    expect(values(question)).toEqual(expectedValues);
    if (expectedValues.length > 0) expect(question.choices?.step).toBe(step);
  });
});

// ---------------------------------------------------------------------------------------------
// Step by step
// ---------------------------------------------------------------------------------------------

describe('consent', () => {
  const fresh = () => newDraft(nominationForm, 'draft-1', NOW);

  it('asks with the number of days a draft is kept', () => {
    const question = nominationForm.steps[0]!.ask(fresh(), CTX);
    expect(keys(question)).toEqual(['consent-text']);
    expect(argsOf(question.parts[0])).toEqual({ days: 30 });
    expect(values(question)).toEqual(['agree', 'decline']);
  });

  it.each([[choose('consent', 'agree')], [text('Đồng ý')], [text('dong y')], [text('ĐỒNG Ý')]])('agree (%j) records the consent', (input) => {
    const result = send(fresh(), input);
    expect(result.outcome).toBe('continue');
    expect(draftOf(result).stepId).toBe('nomineeKind');
    expect(draftOf(result).answers.consent).toEqual({ at: NOW.toISOString(), textVersion: 1 });
    expect(result.effects).toEqual([{ type: 'record-consent', textVersion: 1, at: NOW }]);
    expect(replyKeys(result)).toEqual([['ask-nomineeKind']]);
  });

  it('records the consent text version in force', () => {
    const result = send(fresh(), choose('consent', 'agree'), { now: NOW, env: makeEnv({ consentVersion: 3 }) });
    expect(result.effects).toEqual([{ type: 'record-consent', textVersion: 3, at: NOW }]);
    expect(consentIsCurrent(draftOf(result), makeEnv({ consentVersion: 3 }))).toBe(true);
    expect(consentIsCurrent(draftOf(result), ENV)).toBe(false);
  });

  it.each([[choose('consent', 'decline')], [text('Không đồng ý')], [text('khong dong y')]])('decline (%j) ends without a draft', (input) => {
    const result = send(fresh(), input);
    expect(result.outcome).toBe('declined');
    expect(result.draft).toBeNull();
    expect(result.effects).toEqual([]);
    expect(replyKeys(result)).toEqual([['consent-declined']]);
  });

  it.each([[text('ok')], [choose('consent', 'maybe')], [file('x')]])('anything else (%j) asks for the buttons', (input) => {
    const result = send(fresh(), input);
    expect(draftOf(result).stepId).toBe('consent');
    expect(result.effects).toEqual([]);
    expect(replyKeys(result)).toEqual([['consent-use-buttons', 'consent-text']]);
  });
});

describe('nominee kind', () => {
  it.each(NOMINEE_KINDS.map((kind) => [kind]))('the %s button is stored', (kind) => {
    const result = send(at('nomineeKind'), choose('nomineeKind', kind));
    expect(draftOf(result).answers.nomineeKind).toBe(kind);
    expect(draftOf(result).stepId).toBe('nomineeName');
    expect(replyKeys(result)).toEqual([[`ask-nomineeName-${kind}`]]);
  });

  it.each([[text('cá nhân')], [choose('nomineeKind', 'company')]])('%j is refused', (input) => {
    const result = send(at('nomineeKind'), input);
    expect(draftOf(result).stepId).toBe('nomineeKind');
    expect(replyKeys(result)).toEqual([['choose-from-buttons', 'ask-nomineeKind']]);
  });
});

describe('nominee name', () => {
  it.each([
    ['nguyễn  văn AN', 'Nguyễn Văn An'],
    ['Nguye\u0302\u0303n Va\u0306n An', 'Nguyễn Văn An'],
    ['NGUYỄN THỊ MINH KHAI', 'Nguyễn Thị Minh Khai'],
    ['lê-thị hoa', 'Lê-Thị Hoa'],
    ['\u202E đặng văn đạt \u200B', 'Đặng Văn Đạt'],
  ])('%j is stored as %j', (typed, stored) => {
    const result = send(at('nomineeName'), text(typed));
    const draft = draftOf(result);
    expect(draft.answers.nomineeName).toBe(stored);
    expect(draft.stepId).toBe('unit');
    expect(draft.answers.nomineeName).not.toMatch(/\p{Ll}\p{Lu}/u);
  });

  it.each([
    ['A', 'nominee-name-empty', undefined],
    ['   ', 'nominee-name-empty', undefined],
    ['An', 'name-full-please', undefined],
    ['Nguyễn', 'name-full-please', undefined],
    ['Nguyễn Văn 3', 'name-letters-only', undefined],
    ['Nguyen Van An 1975', 'name-letters-only', undefined],
    ['@an nguyen', 'name-letters-only', undefined],
    [`Nguyễn ${'A'.repeat(80)}`, 'name-too-long', { max: 80 }],
  ])('%j is refused with %s', (typed, errorKey, args) => {
    const before = at('nomineeName');
    const result = send(before, text(typed));
    expect(draftOf(result).stepId).toBe('nomineeName');
    expect(draftOf(result).answers).toEqual(before.answers);
    expect(replyKeys(result)).toEqual([[errorKey, 'ask-nomineeName-individual']]);
    expect(argsOf(result.messages[0]!.parts[0])).toEqual(args);
  });

  it('asks to type when a button or a file comes', () => {
    const result = send(at('nomineeName'), file('photo-1'));
    expect(replyKeys(result)).toEqual([['type-the-answer', 'ask-nomineeName-individual']]);
  });

  describe('of a collective', () => {
    const collective = { nomineeKind: choose('nomineeKind', 'collective') };

    it.each([
      ['trường THCS Mỹ Đình', 'Trường THCS Mỹ Đình'],
      ['UBND phường Từ Liêm', 'UBND phường Từ Liêm'],
      ['tổ dân phố số 5', 'Tổ dân phố số 5'],
      ['Chi hội Phụ nữ TDP 3', 'Chi hội Phụ nữ TDP 3'],
    ])('%j keeps its acronyms and digits: %j', (typed, stored) => {
      const result = send(at('nomineeName', collective), text(typed));
      expect(draftOf(result).answers.nomineeName).toBe(stored);
      expect(draftOf(result).stepId).toBe('unit');
    });

    it.each([
      ['Tổ', 'collective-name-empty', undefined],
      ['x'.repeat(151), 'name-too-long', { max: 150 }],
    ])('%j is refused with %s', (typed, errorKey, args) => {
      const result = send(at('nomineeName', collective), text(typed));
      expect(replyKeys(result)).toEqual([[errorKey, 'ask-nomineeName-collective']]);
      expect(argsOf(result.messages[0]!.parts[0])).toEqual(args);
    });
  });
});

describe('unit', () => {
  const unitDraft = () => at('unit');

  it('lists the top level, wards with groups to open (o…), two pages', () => {
    const { last } = fill({}, 'unit');
    const question = lastMessage(last!);
    expect(keys(question)).toEqual(['ask-unit', 'page-of']);
    expect(argsOf(question.parts[1])).toEqual({ page: 1, pages: 2 });
    expect(question.choices?.step).toBe('unit');
    expect(values(question)).toEqual(['o1', 'o2', 'o3', 'o4', 'u51', 'u52', 'u53', 'u54', 'p1']);
  });

  it('pages with p1 and back with p0', () => {
    const page2 = send(unitDraft(), choose('unit', 'p1'));
    expect(draftOf(page2).stepId).toBe('unit');
    expect(draftOf(page2).ui.unitPage).toBe(1);
    expect(keys(page2.messages[0])).toEqual(['ask-unit', 'page-of']);
    expect(argsOf(page2.messages[0]!.parts[1])).toEqual({ page: 2, pages: 2 });
    expect(values(page2.messages[0])).toEqual(['u55', 'u56', 'p0']);

    const page1 = send(draftOf(page2), choose('unit', 'p0'));
    expect(values(page1.messages[0])).toEqual(['o1', 'o2', 'o3', 'o4', 'u51', 'u52', 'u53', 'u54', 'p1']);
  });

  it('a page past the end shows the last page', () => {
    const result = send(unitDraft(), choose('unit', 'p9'));
    expect(argsOf(result.messages[0]!.parts[1])).toEqual({ page: 2, pages: 2 });
  });

  it('chooses a unit on the second page', () => {
    const page2 = send(unitDraft(), choose('unit', 'p1'));
    const result = send(draftOf(page2), choose('unit', 'u55'));
    expect(draftOf(result).answers.unit).toBe(55);
    expect(draftOf(result).ui).toMatchObject({ unitPage: 0, unitParentId: null, unitMatches: null });
  });

  it('drills into a ward (o<id>) and picks a residential group', () => {
    const opened = send(unitDraft(), choose('unit', 'o1'));
    const within = opened.messages[0]!;
    expect(draftOf(opened).stepId).toBe('unit');
    expect(keys(within)).toEqual(['ask-unit-within']);
    expect(argsOf(within.parts[0])).toEqual({ name: 'Phường Từ Liêm' });
    expect(values(within)).toEqual(['u1', 'u11', 'u12', 'u13', 'list']);

    const picked = send(draftOf(opened), choose('unit', 'u13'));
    const draft = draftOf(picked);
    expect(draft.answers.unit).toBe(13);
    expect(draft.stepId).toBe('nomineeBirthYear');
    expect(replyKeys(picked)).toEqual([['unit-chosen'], ['ask-nomineeBirthYear']]);
    expect(argsOf(picked.messages[0]!.parts[0])).toEqual({ name: 'Tổ dân phố số 3 – Phường Từ Liêm' });
  });

  it('chooses the whole ward from inside it', () => {
    const opened = send(unitDraft(), choose('unit', 'o4'));
    const picked = send(draftOf(opened), choose('unit', 'u4'));
    expect(draftOf(picked).answers.unit).toBe(4);
    expect(argsOf(picked.messages[0]!.parts[0])).toEqual({ name: 'Phường Đại Mỗ' });
  });

  it('goes back to the list from inside a ward', () => {
    const opened = send(unitDraft(), choose('unit', 'o2'));
    const back = send(draftOf(opened), choose('unit', 'list'));
    expect(draftOf(back).ui.unitParentId).toBeNull();
    expect(keys(back.messages[0])).toEqual(['ask-unit', 'page-of']);
    expect(values(back.messages[0])).toContain('o2');
  });

  it('one search match is chosen at once', () => {
    const result = send(unitDraft(), text('phuong canh'));
    expect(draftOf(result).answers.unit).toBe(2);
    expect(draftOf(result).stepId).toBe('nomineeBirthYear');
    expect(replyKeys(result)).toEqual([['unit-chosen'], ['ask-nomineeBirthYear']]);
    expect(argsOf(result.messages[0]!.parts[0])).toEqual({ name: 'Phường Xuân Phương' });
  });

  it.each([
    ['my dinh', 1],
    ['Mỹ Đình 2', 1],
    ['me tri', 1],
    ['đại mỗ 2', 42],
    ['xuan phuong 3', 23],
    ['Xua\u0302n Phu\u031Bo\u031Bng 1', 21],
  ])('search %j (accents or not, former names too) finds unit %i', (query, id) => {
    const result = send(unitDraft(), text(query));
    expect(draftOf(result).answers.unit).toBe(id);
  });

  it('several matches are offered as buttons, then one is picked', () => {
    const found = send(unitDraft(), text('xuan phuong'));
    const draft = draftOf(found);
    expect(draft.stepId).toBe('unit');
    expect(draft.answers.unit).toBeUndefined();
    expect(draft.ui.unitMatches).toEqual([2, 21, 22, 23]);
    expect(keys(found.messages[0])).toEqual(['unit-search-results']);
    expect(argsOf(found.messages[0]!.parts[0])).toEqual({ count: 4 });
    expect(values(found.messages[0])).toEqual(['u2', 'u21', 'u22', 'u23', 'list']);
    expect(found.messages[0]!.choices!.rows.flat().map((choice) => keyOf(choice.label))).toEqual([
      'raw:Phường Xuân Phương',
      'raw:Tổ dân phố số 1 – Phường Xuân Phương',
      'raw:Tổ dân phố số 2 – Phường Xuân Phương',
      'raw:Tổ dân phố số 3 – Phường Xuân Phương',
      'btn-unit-list',
    ]);

    const picked = send(draft, choose('unit', 'u22'));
    expect(draftOf(picked).answers.unit).toBe(22);
    expect(draftOf(picked).ui.unitMatches).toBeNull();
  });

  it.each([
    ['Phường Xuân Phương', 2],
    ['phuong tay mo', 3],
    ['tổ dân phố số 2 – phường đại mỗ', 42],
    ['To dan pho so 3 Phuong Tu Liem', 13],
  ])('an exact name %j is chosen at once', (query, id) => {
    const result = send(unitDraft(), text(query));
    expect(draftOf(result).answers.unit).toBe(id);
    expect(keys(result.messages[0])).toEqual(['unit-chosen']);
  });

  it('a name shared by several units still asks which one', () => {
    const found = send(unitDraft(), text('Tổ dân phố số 1'));
    expect(draftOf(found).stepId).toBe('unit');
    expect(values(found.messages[0])).toEqual(['u11', 'u21', 'u31', 'u41', 'list']);
  });

  it('a unit found by its former name says so on its button', () => {
    const found = send(unitDraft(), text('trung van'));
    const message = found.messages[0]!;
    expect(values(message)).toEqual(['u53', 'u4', 'list']);
    const labels = message.choices!.rows.flat().map((choice) => choice.label);
    expect(labels[0]).toEqual({ raw: 'Trường Tiểu học Trung Văn' });
    expect(labels[1]).toEqual({ key: 'unit-formerly', args: { name: 'Phường Đại Mỗ', formerly: 'Phường Trung Văn' } });
    expect(draftOf(send(draftOf(found), choose('unit', 'u4'))).answers.unit).toBe(4);
  });

  it('too many matches: the closest eight and a hint to type more', () => {
    const found = send(unitDraft(), text('to dan pho'));
    expect(draftOf(found).ui.unitMatches).toHaveLength(8);
    expect(keys(found.messages[0])).toEqual(['unit-too-many', 'unit-search-results']);
    expect(argsOf(found.messages[0]!.parts[0])).toEqual({ count: 12 });
  });

  it('no match: says so and shows the list', () => {
    const result = send(unitDraft(), text('hoàn kiếm'));
    expect(draftOf(result).stepId).toBe('unit');
    expect(keys(result.messages[0])).toEqual(['unit-not-found-query', 'ask-unit', 'page-of']);
    expect(argsOf(result.messages[0]!.parts[0])).toEqual({ query: 'hoàn kiếm' });
    expect(values(result.messages[0])).toContain('o1');
  });

  it('a search after an earlier one with results starts over', () => {
    const several = send(unitDraft(), text('xuan phuong'));
    const none = send(draftOf(several), text('hoàn kiếm'));
    expect(draftOf(none).ui.unitMatches).toBeNull();
    const list = send(draftOf(several), choose('unit', 'list'));
    expect(keys(list.messages[0])).toEqual(['ask-unit', 'page-of']);
  });

  it.each([
    [text('a'), 'unit-query-too-short'],
    [text('đ'), 'unit-query-too-short'],
    [choose('unit', 'u999'), 'unit-not-found'],
    [choose('unit', 'o999'), 'unit-not-found'],
    [choose('unit', 'bogus'), 'choose-from-buttons'],
    [file('f1'), 'unit-type-or-choose'],
  ])('%j is refused with %s', (input, errorKey) => {
    const before = unitDraft();
    const result = send(before, input);
    expect(draftOf(result).stepId).toBe('unit');
    expect(draftOf(result).answers).toEqual(before.answers);
    expect(keys(result.messages[0])[0]).toBe(errorKey);
  });
});

describe('year of birth (optional, individuals only)', () => {
  it.each([
    ['1975', 1975],
    [' 1990 ', 1990],
    ['１９８０', 1980],
    ['2026', 2026],
  ])('%j is stored as %i', (typed, year) => {
    const result = send(at('nomineeBirthYear'), text(typed));
    expect(draftOf(result).answers.nomineeBirthYear).toBe(year);
    expect(draftOf(result).stepId).toBe('nomineeRole');
  });

  it.each([
    ['the skip button', choose('nomineeBirthYear', '_skip')],
    ['typed "bỏ qua"', text('bỏ qua')],
    ['typed "Bo qua"', text('Bo qua')],
    ['typed "không"', text('không')],
    ['the skip command', command('skip')],
  ])('%s stores null and moves on', (_label, input) => {
    const result = send(at('nomineeBirthYear'), input);
    expect(draftOf(result).answers).toHaveProperty('nomineeBirthYear', null);
    expect(draftOf(result).stepId).toBe('nomineeRole');
    expect(replyKeys(result)).toEqual([['ask-nomineeRole']]);
  });

  it.each([
    ['2027', 'birth-year-future', undefined],
    ['975', 'birth-year-format', { year: '1986' }],
    ['75', 'birth-year-format', { year: '1986' }],
    ['năm 1975', 'birth-year-format', { year: '1986' }],
    ['1890', 'birth-year-too-old', { year: '1986' }],
  ])('%j is refused with %s', (typed, errorKey, args) => {
    const result = send(at('nomineeBirthYear'), text(typed));
    expect(draftOf(result).stepId).toBe('nomineeBirthYear');
    expect(replyKeys(result)).toEqual([[errorKey, 'ask-nomineeBirthYear']]);
    expect(argsOf(result.messages[0]!.parts[0])).toEqual(args);
    expect(values(result.messages[0])).toEqual(['_skip']);
  });
});

describe('role (optional)', () => {
  it('is stored with a capital first letter', () => {
    const result = send(at('nomineeRole'), text('giáo viên THCS'));
    expect(draftOf(result).answers.nomineeRole).toBe('Giáo viên THCS');
    expect(draftOf(result).stepId).toBe('deedCategory');
  });

  it('may be skipped', () => {
    const result = send(at('nomineeRole'), choose('nomineeRole', '_skip'));
    expect(draftOf(result).answers).toHaveProperty('nomineeRole', null);
    expect(draftOf(result).stepId).toBe('deedCategory');
  });

  it.each([
    ['x', 'text-too-short', undefined],
    ['x'.repeat(101), 'text-too-long', { max: 100, length: 101 }],
  ])('%j is refused with %s', (typed, errorKey, args) => {
    const result = send(at('nomineeRole'), text(typed));
    expect(replyKeys(result)).toEqual([[errorKey, 'ask-nomineeRole']]);
    expect(argsOf(result.messages[0]!.parts[0])).toEqual(args);
  });
});

describe('deed category', () => {
  it('offers the configured categories and stores one', () => {
    const result = send(at('deedCategory'), choose('deedCategory', 'rescue'));
    expect(draftOf(result).answers.deedCategory).toBe('rescue');
    expect(draftOf(result).stepId).toBe('deedDate');
  });

  it.each([[choose('deedCategory', 'flying')], [text('cứu người')], [text('rescue')]])('%j is refused', (input) => {
    const result = send(at('deedCategory'), input);
    expect(draftOf(result).stepId).toBe('deedCategory');
    expect(replyKeys(result)).toEqual([['choose-from-buttons', 'ask-deedCategory']]);
  });

  it('only the configured list, in its order', () => {
    const ctx = { now: NOW, env: makeEnv({ categories: ['rescue', 'other'] }) };
    const { last, draft } = fill({}, 'deedCategory', undefined, ctx);
    expect(values(lastMessage(last!))).toEqual(['rescue', 'other']);
    expect(draftOf(send(draft, choose('deedCategory', 'other'), ctx)).answers.deedCategory).toBe('other');
    const refused = send(draft, choose('deedCategory', 'charity'), ctx);
    expect(draftOf(refused).stepId).toBe('deedCategory');
    expect(keys(refused.messages[0])[0]).toBe('choose-from-buttons');
  });
});

describe('deed date', () => {
  it.each([
    [choose('deedDate', 'today'), '2026-11-26'],
    [choose('deedDate', 'yesterday'), '2026-11-25'],
    [text('20/11/2026'), '2026-11-20'],
    [text('1/11/26'), '2026-11-01'],
    [text('15.10.2026'), '2026-10-15'],
    [text('hôm qua'), '2026-11-25'],
    [text('29/02/2024'), '2024-02-29'],
  ])('%j is stored as %s', (input, date) => {
    const result = send(at('deedDate'), input);
    expect(draftOf(result).answers.deedDate).toBe(date);
    expect(draftOf(result).stepId).toBe('deedPlace');
  });

  it.each([
    [text('31/02/2026'), 'date-invalid'],
    [text('27/11/2026'), 'date-future'],
    [text('01/01/2020'), 'date-too-old'],
    [text('tuần trước'), 'date-format'],
    [choose('deedDate', 'lastweek'), 'date-format'],
    [file('f'), 'date-format'],
  ])('%j is refused with %s', (input, errorKey) => {
    const result = send(at('deedDate'), input);
    expect(draftOf(result).stepId).toBe('deedDate');
    expect(replyKeys(result)).toEqual([[errorKey, 'ask-deedDate']]);
    expect(values(result.messages[0])).toEqual(['today', 'yesterday']);
  });

  it('says how many years back a deed may be', () => {
    const result = send(at('deedDate'), text('01/01/2020'));
    expect(argsOf(result.messages[0]!.parts[0])).toEqual({ years: 5 });
  });

  it('uses the date in Vietnam: just after midnight there, "today" is already the 27th', () => {
    const ctx = { now: new Date('2026-11-26T17:30:00Z'), env: ENV };
    const draft = at('deedDate', {}, ctx);
    expect(draftOf(send(draft, choose('deedDate', 'today'), ctx)).answers.deedDate).toBe('2026-11-27');
    expect(draftOf(send(draft, text('27/11/2026'), ctx)).answers.deedDate).toBe('2026-11-27');
  });
});

describe('place (optional)', () => {
  it('is stored', () => {
    const result = send(at('deedPlace'), text('số 12  ngõ 34 đường Lê Đức Thọ'));
    expect(draftOf(result).answers.deedPlace).toBe('Số 12 ngõ 34 đường Lê Đức Thọ');
    expect(draftOf(result).stepId).toBe('description');
  });

  it('may be skipped', () => {
    const result = send(at('deedPlace'), text('bỏ qua'));
    expect(draftOf(result).answers).toHaveProperty('deedPlace', null);
    expect(draftOf(result).stepId).toBe('description');
  });
});

describe('description', () => {
  it('keeps line breaks and composes NFD text', () => {
    const typed = `Anh An nhặt được ví ở chợ.\nĐã trả lại cho chị Bi\u0300nh ngay trong ngày.`;
    const result = send(at('description'), text(typed));
    expect(draftOf(result).answers.description).toBe('Anh An nhặt được ví ở chợ.\nĐã trả lại cho chị Bình ngay trong ngày.');
    expect(draftOf(result).stepId).toBe('evidence');
  });

  it('asks with the limits', () => {
    const { last } = fill({}, 'description');
    expect(argsOf(lastMessage(last!).parts[0])).toEqual({ min: 30, max: 2000 });
  });

  it.each([
    ['Nhặt được ví.', 'description-too-short', { min: 30, length: 13 }],
    // 29 letters typed decomposed still count as 29.
    [`${'a'.repeat(28)}e\u0302\u0303`, 'description-too-short', { min: 30, length: 29 }],
    ['a'.repeat(2001), 'description-too-long', { max: 2000, length: 2001 }],
  ])('%#: too short / too long, with the counts', (typed, errorKey, args) => {
    const result = send(at('description'), text(typed));
    expect(draftOf(result).stepId).toBe('description');
    expect(replyKeys(result)).toEqual([[errorKey, 'ask-description']]);
    expect(argsOf(result.messages[0]!.parts[0])).toEqual(args);
  });

  it('accepts exactly the minimum and the maximum', () => {
    expect(draftOf(send(at('description'), text('a'.repeat(30)))).stepId).toBe('evidence');
    expect(draftOf(send(at('description'), text('a'.repeat(2000)))).stepId).toBe('evidence');
  });

  it('follows the configured limits', () => {
    const ctx = { now: NOW, env: makeEnv({ limits: { ...DEFAULT_LIMITS, descriptionMin: 10, descriptionMax: 20 } }) };
    const draft = at('description', {}, ctx);
    expect(draftOf(send(draft, text('Nhặt được ví.'), ctx)).stepId).toBe('evidence');
    expect(argsOf(send(draft, text('x'.repeat(21)), ctx).messages[0]!.parts[0])).toEqual({ max: 20, length: 21 });
  });
});

describe('evidence', () => {
  it('a photo is accepted with a store-attachment effect', () => {
    const result = send(at('evidence'), file('photo-a'));
    const draft = draftOf(result);
    expect(draft.stepId).toBe('evidence');
    expect(draft.attachments).toHaveLength(1);
    expect(draft.attachments[0]).toMatchObject({ kind: 'photo', fileUniqueId: 'photo-a', receivedAt: NOW.toISOString() });
    expect(result.effects).toEqual([{ type: 'store-attachment', fileUniqueId: 'photo-a' }]);
    expect(replyKeys(result)).toEqual([['evidence-received']]);
    expect(argsOf(result.messages[0]!.parts[0])).toEqual({ count: 1, max: 10 });
    expect(values(result.messages[0])).toEqual(['done']);
  });

  it.each([
    ['application/pdf'],
    ['image/png'],
    ['application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  ])('a %s document is accepted', (mimeType) => {
    const result = send(at('evidence'), documentFile('doc', mimeType));
    expect(draftOf(result).attachments).toHaveLength(1);
    expect(result.effects).toEqual([{ type: 'store-attachment', fileUniqueId: 'doc' }]);
  });

  it('the same file twice is kept once', () => {
    const once = draftOf(send(at('evidence'), file('photo-a')));
    const twice = send(once, file('photo-a', { fileId: 'another-file-id' }));
    expect(draftOf(twice).attachments).toHaveLength(1);
    expect(twice.effects).toEqual([]);
    expect(replyKeys(twice)).toEqual([['evidence-duplicate']]);
  });

  it.each([
    ['too large', file('big', { sizeBytes: 21 * 1024 * 1024 }), 'evidence-too-large', { mb: 20 }],
    ['a zip', documentFile('zip', 'application/zip'), 'evidence-wrong-type', undefined],
    ['a document without a type', file('exe', { kind: 'document', mimeType: undefined }), 'evidence-wrong-type', undefined],
    ['text', text('ảnh đây'), 'evidence-send-file', undefined],
    ['a contact', contact('0912345678'), 'evidence-send-file', undefined],
  ])('%s is refused', (_label, input, errorKey, args) => {
    const before = draftOf(send(at('evidence'), file('photo-a')));
    const result = send(before, input);
    expect(draftOf(result).attachments).toEqual(before.attachments);
    expect(result.effects).toEqual([]);
    expect(replyKeys(result)).toEqual([[errorKey, 'ask-evidence-more']]);
    expect(argsOf(result.messages[0]!.parts[0])).toEqual(args);
  });

  it('stops at the maximum count', () => {
    const ctx = { now: NOW, env: makeEnv({ limits: { ...DEFAULT_LIMITS, maxAttachments: 2 } }) };
    const first = send(at('evidence', {}, ctx), file('a'), ctx);
    const second = send(draftOf(first), file('b'), ctx);
    expect(replyKeys(second)).toEqual([['evidence-received-full']]);
    expect(argsOf(second.messages[0]!.parts[0])).toEqual({ count: 2, max: 2 });
    const third = send(draftOf(second), file('c'), ctx);
    expect(draftOf(third).attachments.map((a) => a.fileUniqueId)).toEqual(['a', 'b']);
    expect(third.effects).toEqual([]);
    expect(replyKeys(third)).toEqual([['evidence-too-many', 'ask-evidence-more']]);
    expect(argsOf(third.messages[0]!.parts[0])).toEqual({ max: 2 });
  });

  it('clear removes the files sent and asks again', () => {
    const two = draftOf(send(draftOf(send(at('evidence'), file('a'))), file('b')));
    const cleared = send(two, choose('evidence', 'clear'));
    expect(draftOf(cleared).attachments).toEqual([]);
    expect(draftOf(cleared).stepId).toBe('evidence');
    expect(replyKeys(cleared)).toEqual([['evidence-cleared', 'ask-evidence']]);
    expect(values(cleared.messages[0])).toEqual(['none']);
  });

  it('after files, the question offers done and clear', () => {
    const one = draftOf(send(at('evidence'), file('a')));
    const help = send(one, command('help'));
    expect(keys(help.messages[0])).toEqual(['help-evidence', 'ask-evidence-more']);
    expect(values(help.messages[0])).toEqual(['done', 'clear']);
  });

  it.each([
    ['the done button', choose('evidence', 'done')],
    ['typed "xong"', text('xong')],
    ['typed "Xong"', text('Xong')],
    ['typed "đã xong"', text('đã xong')],
  ])('%s stores the count and moves on', (_label, input) => {
    const two = draftOf(send(draftOf(send(at('evidence'), file('a'))), file('b')));
    const result = send(two, input);
    expect(draftOf(result).answers.evidence).toBe(2);
    expect(draftOf(result).attachments).toHaveLength(2);
    expect(draftOf(result).stepId).toBe('nominatorName');
  });

  it('none stores zero', () => {
    const result = send(at('evidence'), choose('evidence', 'none'));
    expect(draftOf(result).answers.evidence).toBe(0);
    expect(draftOf(result).stepId).toBe('nominatorName');
  });

  it.each([
    ['typed "Không"', 'Không'],
    ['typed "ko"', 'ko'],
    ['typed "không có ảnh"', 'không có ảnh'],
    ['typed "Không có" (the label)', 'Không có'],
    ['typed "khong co" without accents', 'khong co'],
    ['typed "chưa có"', 'chưa có'],
  ])('%s, before any file, stores zero and moves on', (_label, typed) => {
    const result = send(at('evidence'), text(typed));
    expect(draftOf(result).answers.evidence).toBe(0);
    expect(draftOf(result).stepId).toBe('nominatorName');
  });

  it('typed "không" after files keeps them and moves on (no more files)', () => {
    const one = draftOf(send(at('evidence'), file('a')));
    const result = send(one, text('không'));
    expect(draftOf(result).answers.evidence).toBe(1);
    expect(draftOf(result).attachments).toHaveLength(1);
    expect(draftOf(result).stepId).toBe('nominatorName');
  });

  it('other words at the files step are answered with how to send a file, nothing lost', () => {
    const one = draftOf(send(at('evidence'), file('a')));
    const result = send(one, text('có ảnh đây'));
    expect(replyKeys(result)[0]).toContain('evidence-send-file');
    expect(draftOf(result).attachments).toHaveLength(1);
  });
});

describe('nominator name', () => {
  it('is title-cased', () => {
    const result = send(at('nominatorName'), text('tra\u0302\u0300n  thi\u0323 bi\u0300nh'));
    expect(draftOf(result).answers.nominatorName).toBe('Trần Thị Bình');
    expect(draftOf(result).stepId).toBe('nominatorPhone');
  });

  it.each([
    ['B', 'nominator-name-empty'],
    ['Bình', 'name-full-please'],
    ['Trần Thị B1nh', 'name-letters-only'],
  ])('%j is refused with %s', (typed, errorKey) => {
    const result = send(at('nominatorName'), text(typed));
    expect(replyKeys(result)).toEqual([[errorKey, 'ask-nominatorName']]);
  });
});

describe('nominator phone', () => {
  it('asks with a contact button', () => {
    const { last } = fill({}, 'nominatorPhone');
    const question = lastMessage(last!);
    expect(keys(question)).toEqual(['ask-nominatorPhone']);
    expect(question.contactButton).toEqual({ key: 'btn-share-phone' });
  });

  it.each([
    ['0912 345 678', '+84912345678', '0912 345 678'],
    ['+84 912.345.678', '+84912345678', '0912 345 678'],
    ['84-912-345-678', '+84912345678', '0912 345 678'],
    ['0987654321', '+84987654321', '0987 654 321'],
    ['(024) 3825 1234', '+842438251234', '024 3825 1234'],
  ])('typed %j is stored as %s, with a note that removes the contact button', (typed, e164, display) => {
    const result = send(at('nominatorPhone'), text(typed));
    const draft = draftOf(result);
    expect(draft.answers.nominatorPhone).toBe(e164);
    expect(draft.stepId).toBe('nominatorRelation');
    expect(replyKeys(result)).toEqual([['phone-saved'], ['ask-nominatorRelation']]);
    expect(argsOf(result.messages[0]!.parts[0])).toEqual({ phone: display });
    expect(result.messages[0]!.removeContactButton).toBe(true);
    expect(result.messages[1]!.contactButton).toBeUndefined();
  });

  it('the own shared contact is stored', () => {
    const result = send(at('nominatorPhone'), contact('84912345678', true));
    expect(draftOf(result).answers.nominatorPhone).toBe('+84912345678');
    expect(result.messages[0]!.removeContactButton).toBe(true);
  });

  it("someone else's contact is refused", () => {
    const before = at('nominatorPhone');
    const result = send(before, contact('84912345678', false));
    expect(draftOf(result).stepId).toBe('nominatorPhone');
    expect(draftOf(result).answers).toEqual(before.answers);
    expect(replyKeys(result)).toEqual([['phone-not-own', 'ask-nominatorPhone']]);
    expect(result.messages[0]!.contactButton).toEqual({ key: 'btn-share-phone' });
  });

  it.each([
    [text('091234567'), 'phone-length'],
    [text('12345'), 'phone-format'],
    [text('+1 555 123 4567'), 'phone-format'],
    [text('không nhớ'), 'phone-format'],
    [contact('+15551234567'), 'phone-format'],
    [file('f'), 'phone-format'],
  ])('%j is refused with %s', (input, errorKey) => {
    const result = send(at('nominatorPhone'), input);
    expect(draftOf(result).stepId).toBe('nominatorPhone');
    expect(replyKeys(result)).toEqual([[errorKey, 'ask-nominatorPhone']]);
  });
});

describe('relation and pledge', () => {
  it.each(RELATIONS.map((relation) => [relation]))('relation %s is stored', (relation) => {
    const result = send(at('nominatorRelation'), choose('nominatorRelation', relation));
    expect(draftOf(result).answers.nominatorRelation).toBe(relation);
    expect(draftOf(result).stepId).toBe('pledge');
  });

  it('relation buttons come two per row', () => {
    const { last } = fill({}, 'nominatorRelation');
    expect(lastMessage(last!).choices!.rows.map((row) => row.length)).toEqual([2, 2, 2, 1]);
  });

  it('a typed relation is refused', () => {
    const result = send(at('nominatorRelation'), text('hàng xóm'));
    expect(replyKeys(result)).toEqual([['choose-from-buttons', 'ask-nominatorRelation']]);
  });

  it.each([[choose('pledge', 'confirm')], [text('Xác nhận')], [text('đồng ý')]])('pledge %j stores the time and shows the summary', (input) => {
    const result = send(at('pledge'), input);
    expect(draftOf(result).answers.pledge).toBe(NOW.toISOString());
    expect(draftOf(result).stepId).toBe(SUMMARY_STEP);
    expect(draftOf(result).ui.reachedSummary).toBe(true);
  });

  it('anything else asks for the pledge button', () => {
    const result = send(at('pledge'), text('ok'));
    expect(draftOf(result).stepId).toBe('pledge');
    expect(replyKeys(result)).toEqual([['pledge-use-button', 'ask-pledge']]);
  });
});

// ---------------------------------------------------------------------------------------------
// Summary, submit, edit
// ---------------------------------------------------------------------------------------------

describe('summary', () => {
  it('shows one line per field, as the person will read it', () => {
    const summary = lastMessage(fill().last!);
    expect(keys(summary)).toEqual(['summary-title', 'lines', 'summary-hint']);
    expect(summaryLines(summary)).toEqual([
      ['field-nomineeKind', 'kind-individual'],
      ['field-nomineeName', 'Nguyễn Văn An'],
      ['field-unit', 'Tổ dân phố số 2 – Phường Từ Liêm'],
      ['field-nomineeBirthYear', '1975'],
      ['field-nomineeRole', 'Tổ trưởng tổ dân phố'],
      ['field-deedCategory', 'category-lost-property'],
      ['field-deedDate', '25/11/2026'],
      ['field-deedPlace', 'Chợ Mỹ Đình'],
      ['field-description', DESCRIPTION],
      ['field-evidence', 'summary-not-given'],
      ['field-nominatorName', 'Trần Thị Bình'],
      ['field-nominatorPhone', '0912 345 678'],
      ['field-nominatorRelation', 'relation-neighbour'],
    ]);
    expect(values(summary)).toEqual(['submit', 'edit', 'cancel']);
    expect(summary.choices!.step).toBe(SUMMARY_STEP);
  });

  it('shows skipped fields as not given, and evidence by count', () => {
    const evidence = draftOf(send(at('evidence', { nomineeBirthYear: command('skip'), deedPlace: choose('deedPlace', '_skip') }), file('a')));
    const { last } = fill({}, SUMMARY_STEP, evidence);
    const lines = Object.fromEntries(summaryLines(lastMessage(last!)));
    expect(lines['field-nomineeBirthYear']).toBe('summary-not-given');
    expect(lines['field-deedPlace']).toBe('summary-not-given');
    expect(lines['field-nomineeRole']).toBe('Tổ trưởng tổ dân phố');
    expect(lines['field-evidence']).toBe('summary-evidence-count{"count":1}');
  });

  it('leaves out year of birth and role for a collective', () => {
    const lines = summaryLines(lastMessage(fill(COLLECTIVE).last!));
    expect(lines.map(([field]) => field)).not.toContain('field-nomineeBirthYear');
    expect(lines.map(([field]) => field)).not.toContain('field-nomineeRole');
    expect(lines[0]).toEqual(['field-nomineeKind', 'kind-collective']);
    expect(lines[1]).toEqual(['field-nomineeName', 'Trường THCS Mỹ Đình']);
  });

  it.each([[choose(SUMMARY_STEP, 'submit')], [text('Gửi')], [text('gui')]])('%j submits', (input) => {
    const { draft } = fill();
    const result = send(draft, input);
    expect(result.outcome).toBe('submit');
    expect(result.draft?.answers).toEqual(draft.answers);
    expect(result.messages).toEqual([]);
  });

  it('other text asks for the buttons', () => {
    const result = send(fill().draft, text('ok'));
    expect(result.outcome).toBe('continue');
    expect(keys(result.messages[0]).slice(0, 2)).toEqual(['summary-use-buttons', 'summary-title']);
  });

  it('the cancel button asks for confirmation', () => {
    const result = send(fill().draft, choose(SUMMARY_STEP, 'cancel'));
    expect(draftOf(result).ui.pendingCancel).toBe(true);
    expect(replyKeys(result)).toEqual([['cancel-confirm']]);
    expect(result.messages[0]!.choices!.step).toBe(CANCEL_STEP);
    expect(send(draftOf(result), choose(CANCEL_STEP, 'yes')).outcome).toBe('cancelled');
  });

  describe('edit', () => {
    const EDITABLE = [
      'nomineeKind',
      'nomineeName',
      'unit',
      'nomineeBirthYear',
      'nomineeRole',
      'deedCategory',
      'deedDate',
      'deedPlace',
      'description',
      'evidence',
      'nominatorName',
      'nominatorPhone',
      'nominatorRelation',
    ];

    it('shows the edit menu with edit:<step> values', () => {
      const { draft } = fill();
      const result = send(draft, choose(SUMMARY_STEP, 'edit'));
      expect(draftOf(result).stepId).toBe(SUMMARY_STEP);
      expect(draftOf(result).ui.editMenu).toBe(true);
      expect(replyKeys(result)).toEqual([['edit-choose-field']]);
      expect(result.messages[0]!.choices!.step).toBe(SUMMARY_STEP);
      expect(values(result.messages[0])).toEqual([...EDITABLE.map((step) => `edit:${step}`), 'back']);
      expect(draftOf(result).answers).toEqual(draft.answers);
    });

    it('the menu of a collective has no year of birth or role', () => {
      const menu = send(fill(COLLECTIVE).draft, choose(SUMMARY_STEP, 'edit'));
      expect(values(menu.messages[0])).not.toContain('edit:nomineeBirthYear');
      expect(values(menu.messages[0])).not.toContain('edit:nomineeRole');
    });

    it('back returns to the summary', () => {
      const menu = draftOf(send(fill().draft, choose(SUMMARY_STEP, 'edit')));
      const back = send(menu, choose(SUMMARY_STEP, 'back'));
      expect(draftOf(back).ui.editMenu).toBe(false);
      expect(keys(back.messages[0])[0]).toBe('summary-title');
    });

    it('the menu is shown again after a wrong input', () => {
      const menu = draftOf(send(fill().draft, choose(SUMMARY_STEP, 'edit')));
      const result = send(menu, text('sửa tên'));
      expect(keys(result.messages[0])).toEqual(['summary-use-buttons', 'edit-choose-field']);
    });

    it.each([['edit:consent'], ['edit:pledge'], ['edit:nope']])('%s is not offered and is refused', (value) => {
      const menu = draftOf(send(fill().draft, choose(SUMMARY_STEP, 'edit')));
      const result = send(menu, choose(SUMMARY_STEP, value));
      expect(draftOf(result).stepId).toBe(SUMMARY_STEP);
      expect(keys(result.messages[0])[0]).toBe('stale-button');
    });

    it.each([
      ['nomineeName', text('lê thị hoa'), 'Lê Thị Hoa'],
      ['deedPlace', text('ngõ 34 Lê Đức Thọ'), 'Ngõ 34 Lê Đức Thọ'],
      ['deedPlace', choose('deedPlace', '_skip'), null],
      ['nomineeBirthYear', text('1980'), 1980],
      ['deedDate', choose('deedDate', 'today'), '2026-11-26'],
      ['deedCategory', choose('deedCategory', 'rescue'), 'rescue'],
      ['description', text(`${DESCRIPTION} Chị Bình đã chứng kiến.`), `${DESCRIPTION} Chị Bình đã chứng kiến.`],
      ['nominatorRelation', choose('nominatorRelation', 'witness'), 'witness'],
      ['unit', text('phương canh'), 2],
    ])('editing %s returns to the summary without asking the others', (step, input, stored) => {
      const { draft } = fill();
      const menu = draftOf(send(draft, choose(SUMMARY_STEP, 'edit')));
      const opened = send(menu, choose(SUMMARY_STEP, `edit:${step}`));
      expect(draftOf(opened).stepId).toBe(step);
      expect(draftOf(opened).ui.editMenu).toBe(false);
      expect(keys(lastMessage(opened))[0]).toMatch(/^ask-/);

      const result = send(draftOf(opened), input);
      const edited = draftOf(result);
      expect(edited.stepId).toBe(SUMMARY_STEP);
      expect(edited.answers).toEqual({ ...draft.answers, [step]: stored });
      expect(keys(lastMessage(result))[0]).toBe('summary-title');
      expect(result.messages.filter((message) => keys(message).some((key) => key.startsWith('ask-')))).toEqual([]);
    });

    it('editing the phone removes the contact button and returns to the summary', () => {
      const menu = draftOf(send(fill().draft, choose(SUMMARY_STEP, 'edit')));
      const opened = send(menu, choose(SUMMARY_STEP, 'edit:nominatorPhone'));
      expect(lastMessage(opened).contactButton).toEqual({ key: 'btn-share-phone' });
      const result = send(draftOf(opened), text('0987 654 321'));
      expect(replyKeys(result).map((message) => message[0])).toEqual(['phone-saved', 'summary-title']);
      expect(result.messages[0]!.removeContactButton).toBe(true);
      expect(draftOf(result).answers.nominatorPhone).toBe('+84987654321');
    });

    it('a wrong answer while editing keeps the old value and asks again', () => {
      const { draft } = fill();
      const opened = draftOf(send(draftOf(send(draft, choose(SUMMARY_STEP, 'edit'))), choose(SUMMARY_STEP, 'edit:deedDate')));
      const result = send(opened, text('31/02/2026'));
      expect(draftOf(result).stepId).toBe('deedDate');
      expect(draftOf(result).answers).toEqual(draft.answers);
    });

    it('the edit command while editing a field goes back to the summary', () => {
      const opened = draftOf(send(draftOf(send(fill().draft, choose(SUMMARY_STEP, 'edit'))), choose(SUMMARY_STEP, 'edit:nomineeName')));
      const result = send(opened, command('edit'));
      expect(draftOf(result).stepId).toBe(SUMMARY_STEP);
      expect(keys(result.messages[0])[0]).toBe('summary-title');
    });

    it('changing the nominee from a collective to an individual asks the name again, then year of birth and role, then the summary', () => {
      const { draft } = fill(COLLECTIVE);
      expect(draft.answers.nomineeBirthYear).toBeUndefined();
      const opened = draftOf(send(draftOf(send(draft, choose(SUMMARY_STEP, 'edit'))), choose(SUMMARY_STEP, 'edit:nomineeKind')));
      expect(opened.stepId).toBe('nomineeKind');

      // A collective's name is no person's name: it is asked again.
      const kind = send(opened, choose('nomineeKind', 'individual'));
      expect(draftOf(kind).stepId).toBe('nomineeName');
      expect(draftOf(kind).answers.nomineeName).toBeUndefined();
      const named = send(draftOf(kind), text('nguyễn văn bình'));
      expect(draftOf(named).stepId).toBe('nomineeBirthYear');
      expect(replyKeys(named)).toEqual([['ask-nomineeBirthYear']]);

      const year = send(draftOf(named), text('1980'));
      expect(draftOf(year).stepId).toBe('nomineeRole');

      const role = send(draftOf(year), choose('nomineeRole', '_skip'));
      const edited = draftOf(role);
      expect(edited.stepId).toBe(SUMMARY_STEP);
      expect(edited.answers).toEqual({ ...draft.answers, nomineeKind: 'individual', nomineeName: 'Nguyễn Văn Bình', nomineeBirthYear: 1980, nomineeRole: null });
      const lines = Object.fromEntries(summaryLines(lastMessage(role)));
      expect(lines['field-nomineeBirthYear']).toBe('1980');
      expect(lines['field-nomineeRole']).toBe('summary-not-given');
    });

    it("changing an individual to a collective asks the collective's name, then goes back, hiding year of birth and role", () => {
      const { draft } = fill();
      const opened = draftOf(send(draftOf(send(draft, choose(SUMMARY_STEP, 'edit'))), choose(SUMMARY_STEP, 'edit:nomineeKind')));
      const asked = send(opened, choose('nomineeKind', 'collective'));
      expect(draftOf(asked).stepId).toBe('nomineeName');
      const result = send(draftOf(asked), text('Tổ dân phố số 5'));
      expect(draftOf(result).stepId).toBe(SUMMARY_STEP);
      const fields = summaryLines(lastMessage(result)).map(([field]) => field);
      expect(fields).not.toContain('field-nomineeBirthYear');
      expect(fields).not.toContain('field-nomineeRole');
    });

    it('editing the unit starts from the top of the list', () => {
      const { draft } = fill();
      const opened = send(draftOf(send(draft, choose(SUMMARY_STEP, 'edit'))), choose(SUMMARY_STEP, 'edit:unit'));
      expect(keys(lastMessage(opened))).toEqual(['ask-unit', 'page-of']);
      const ward = send(draftOf(opened), choose('unit', 'o3'));
      const picked = send(draftOf(ward), choose('unit', 'u32'));
      expect(draftOf(picked).answers.unit).toBe(32);
      expect(draftOf(picked).stepId).toBe(SUMMARY_STEP);
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Commands and stray inputs at any step
// ---------------------------------------------------------------------------------------------

const ASKED_STEPS = STEP_ORDER.filter((step) => step !== 'consent');
const askKey = (step: string) => (step === 'nomineeName' ? 'ask-nomineeName-individual' : step === SUMMARY_STEP ? 'summary-title' : `ask-${step}`);

describe('commands', () => {
  describe('cancel', () => {
    it.each(ASKED_STEPS.map((step) => [step]))('at %s asks for confirmation and keeps everything', (step) => {
      const before = at(step);
      const result = send(before, command('cancel'));
      const draft = draftOf(result);
      expect(result.outcome).toBe('continue');
      expect(draft.stepId).toBe(step);
      expect(draft.answers).toEqual(before.answers);
      expect(draft.ui.pendingCancel).toBe(true);
      expect(replyKeys(result)).toEqual([['cancel-confirm']]);
      expect(result.messages[0]!.choices).toMatchObject({ step: CANCEL_STEP });
      expect(values(result.messages[0])).toEqual(['yes', 'no']);
    });

    it('yes cancels: no draft is left', () => {
      const asked = draftOf(send(at('description'), command('cancel')));
      const result = send(asked, choose(CANCEL_STEP, 'yes'));
      expect(result.outcome).toBe('cancelled');
      expect(result.draft).toBeNull();
      expect(replyKeys(result)).toEqual([['cancel-done']]);
    });

    it('no keeps everything and asks the question again', () => {
      const before = at('description');
      const asked = draftOf(send(before, command('cancel')));
      const result = send(asked, choose(CANCEL_STEP, 'no'));
      const draft = draftOf(result);
      expect(result.outcome).toBe('continue');
      expect(draft.stepId).toBe('description');
      expect(draft.answers).toEqual(before.answers);
      expect(draft.ui.pendingCancel).toBe(false);
      expect(replyKeys(result)).toEqual([['cancel-kept', 'ask-description']]);
    });

    it('another input after the confirmation simply answers the question', () => {
      const asked = draftOf(send(at('description'), command('cancel')));
      const result = send(asked, text(DESCRIPTION));
      expect(result.outcome).toBe('continue');
      expect(draftOf(result).stepId).toBe('evidence');
      expect(draftOf(result).answers.description).toBe(DESCRIPTION);
      expect(draftOf(result).ui.pendingCancel).toBe(false);
    });

    it('a wrong input after the confirmation is refused as usual and drops the confirmation', () => {
      const asked = draftOf(send(at('description'), command('cancel')));
      const result = send(asked, text('ngắn'));
      expect(draftOf(result).stepId).toBe('description');
      expect(draftOf(result).ui.pendingCancel).toBe(false);
      expect(keys(result.messages[0])[0]).toBe('description-too-short');
    });

    it('a button of the question after the confirmation answers it', () => {
      const asked = draftOf(send(at('deedDate'), command('cancel')));
      const result = send(asked, choose('deedDate', 'today'));
      expect(draftOf(result).answers.deedDate).toBe('2026-11-26');
      expect(draftOf(result).ui.pendingCancel).toBe(false);
    });

    // Regression test (was a bug in src/core/form/engine.ts, advance): a cancel confirmation "left open lapses" once another
    // input answers the question, but its "Hủy đề xuất" button still works afterwards: advance()
    // accepts a `_cancel`/`yes` choice without checking `draft.ui.pendingCancel`, so pressing the old
    // button further up the chat deletes the whole draft. It should be treated as a stale button.
    it('the "yes" button of a lapsed confirmation no longer cancels', () => {
      const asked = draftOf(send(at('description'), command('cancel')));
      const answered = draftOf(send(asked, text(DESCRIPTION)));
      expect(answered.ui.pendingCancel).toBe(false);
      const result = send(answered, choose(CANCEL_STEP, 'yes'));
      expect(result.outcome).toBe('continue');
      expect(draftOf(result).answers.description).toBe(DESCRIPTION);
      expect(keys(result.messages[0])[0]).toBe('stale-button');
    });
  });

  describe('help', () => {
    it.each(ASKED_STEPS.map((step) => [step]))('at %s replies help-%s and the question', (step) => {
      const before = at(step);
      const result = send(before, command('help'));
      expect(draftOf(result)).toMatchObject({ stepId: step, answers: before.answers });
      expect(result.messages).toHaveLength(1);
      expect(keys(result.messages[0]).slice(0, 2)).toEqual([`help-${step}`, askKey(step)]);
    });

    it('at consent too', () => {
      const result = send(newDraft(nominationForm, 'd', NOW), command('help'));
      expect(keys(result.messages[0])).toEqual(['help-consent', 'consent-text']);
    });
  });

  describe('edit', () => {
    it.each(ASKED_STEPS.filter((step) => step !== SUMMARY_STEP).map((step) => [step]))('at %s, before the summary, says edit-not-yet', (step) => {
      const before = at(step);
      const result = send(before, command('edit'));
      expect(draftOf(result)).toMatchObject({ stepId: step, answers: before.answers });
      expect(keys(result.messages[0]).slice(0, 2)).toEqual(['edit-not-yet', askKey(step)]);
    });
  });

  describe('skip', () => {
    const REQUIRED = ['nomineeKind', 'nomineeName', 'unit', 'deedCategory', 'deedDate', 'description', 'evidence', 'nominatorName', 'nominatorPhone', 'nominatorRelation', 'pledge'];

    it.each(REQUIRED.map((step) => [step]))('the command at required step %s says skip-not-allowed', (step) => {
      const before = at(step);
      const result = send(before, command('skip'));
      expect(draftOf(result)).toMatchObject({ stepId: step, answers: before.answers });
      expect(keys(result.messages[0]).slice(0, 2)).toEqual(['skip-not-allowed', askKey(step)]);
    });

    it.each(REQUIRED.map((step) => [step]))('a skip button at required step %s says skip-not-allowed', (step) => {
      const result = send(at(step), choose(step, '_skip'));
      expect(draftOf(result).stepId).toBe(step);
      expect(keys(result.messages[0])[0]).toBe('skip-not-allowed');
    });

    it.each([['nomineeBirthYear'], ['nomineeRole'], ['deedPlace']])('optional step %s may be skipped with the command', (step) => {
      const result = send(at(step), command('skip'));
      expect(draftOf(result).answers).toHaveProperty(step, null);
      expect(draftOf(result).stepId).not.toBe(step);
    });

    // Regression test (was a bug in src/core/form/engine.ts, advance): skip words ("bỏ qua", "không có", "skip") are only
    // recognised on optional steps; on a required name step they are read as the answer, so typing
    // "bỏ qua" stores the nominee's name as "Bỏ Qua" instead of saying the question cannot be skipped.
    it('typing "bỏ qua" at a required name step says skip-not-allowed', () => {
      const result = send(at('nomineeName'), text('bỏ qua'));
      expect(draftOf(result).stepId).toBe('nomineeName');
      expect(draftOf(result).answers.nomineeName).toBeUndefined();
      expect(keys(result.messages[0])[0]).toBe('skip-not-allowed');
    });
  });
});

describe('stray inputs', () => {
  it('a button from an old step gets stale-button and the current question', () => {
    const before = at('unit');
    const result = send(before, choose('nomineeKind', 'collective'));
    expect(draftOf(result).stepId).toBe('unit');
    expect(draftOf(result).answers).toEqual(before.answers);
    expect(draftOf(result).answers.nomineeKind).toBe('individual');
    expect(keys(result.messages[0])).toEqual(['stale-button', 'ask-unit', 'page-of']);
    expect(values(result.messages[0])).toContain('o1');
  });

  it('an old summary button while editing a field is stale too', () => {
    const opened = draftOf(send(draftOf(send(fill().draft, choose(SUMMARY_STEP, 'edit'))), choose(SUMMARY_STEP, 'edit:deedPlace')));
    const result = send(opened, choose(SUMMARY_STEP, 'submit'));
    expect(result.outcome).toBe('continue');
    expect(draftOf(result).stepId).toBe('deedPlace');
    expect(keys(result.messages[0])).toEqual(['stale-button', 'ask-deedPlace']);
  });

  it('an unsupported message (a sticker) re-asks', () => {
    const result = send(at('deedDate'), { kind: 'unsupported' });
    expect(keys(result.messages[0])).toEqual(['unsupported-message', 'ask-deedDate']);
  });

  it.each([
    ['nomineeKind', text('abc')],
    ['nomineeName', text('A')],
    ['unit', choose('unit', 'u999')],
    ['nomineeBirthYear', text('12')],
    ['nomineeRole', text('x'.repeat(500))],
    ['deedCategory', choose('deedCategory', 'nope')],
    ['deedDate', text('32/13/2026')],
    ['deedPlace', file('x')],
    ['description', text('ngắn')],
    ['evidence', documentFile('z', 'application/zip')],
    ['nominatorName', text('123')],
    ['nominatorPhone', text('0000')],
    ['nominatorRelation', choose('nominatorRelation', 'enemy')],
    ['pledge', text('không')],
    ['summary', text('?')],
  ])('a wrong input at %s never loses earlier answers', (step, input) => {
    const before = at(step);
    expect(Object.keys(before.answers).length).toBeGreaterThan(0);
    const result = send(before, input);
    const draft = draftOf(result);
    expect(result.outcome).toBe('continue');
    expect(draft.stepId).toBe(step);
    expect(draft.answers).toEqual(before.answers);
    expect(draft.attachments).toEqual(before.attachments);
    expect(result.effects).toEqual([]);
  });

  it('an accepted answer records when the draft was last touched', () => {
    const later = new Date(NOW.getTime() + 60_000);
    const result = send(at('deedPlace'), text('chợ Mỹ Đình'), { now: later, env: ENV });
    expect(draftOf(result).updatedAt).toEqual(later);
    expect(draftOf(result).createdAt).toEqual(NOW);
  });

  // Regression test (was a bug in src/core/form/engine.ts, reAsk/continueWith): a refused answer, help, a stale button,
  // edit-not-yet and skip-not-allowed return the draft with its old `updatedAt` (only accepted
  // answers, "stay" outcomes and the cancel command stamp ctx.now). The app saves that draft as is,
  // so someone still busy with a question (e.g. retyping a too-short description for an hour) is
  // taken for idle: src/app/intake.ts then offers to "resume" instead of reading the answer, and the
  // TTL clean-up counts from the last accepted answer.
  it.each([
    ['a refused answer', text('x')],
    ['help', command('help')],
    ['a stale button', choose('nomineeKind', 'collective')],
  ])('%s also records when the draft was last touched', (_label, input) => {
    const later = new Date(NOW.getTime() + 60_000);
    const result = send(at('deedPlace'), input, { now: later, env: ENV });
    expect(draftOf(result).stepId).toBe('deedPlace');
    expect(draftOf(result).updatedAt).toEqual(later);
  });
});

// ---------------------------------------------------------------------------------------------
// Drafts over time: expiry and form versions
// ---------------------------------------------------------------------------------------------

describe('isExpired', () => {
  const DAY = 24 * 60 * 60 * 1000;
  it.each([
    [0, false],
    [29 * DAY, false],
    [30 * DAY, false],
    [30 * DAY + 1, true],
    [45 * DAY, true],
  ])('untouched for %i ms with a 30-day ttl → %s', (age, expired) => {
    expect(isExpired({ updatedAt: new Date(NOW.getTime() - age) }, NOW, 30)).toBe(expired);
  });
});

describe('migrateDraft', () => {
  const OLD_ANSWERS = {
    consent: { at: NOW.toISOString(), textVersion: 1 },
    nomineeKind: 'individual',
    nomineeName: 'Nguyễn Văn An',
    unit: 'Phường Từ Liêm', // version 0 stored the unit by name
    nomineeBirthYear: 1975,
    deedCategory: 'rescue',
    nominatorPhone: '0912 345 678', // version 0 stored it as typed
    favouriteColour: 'blue', // a step that no longer exists
  };
  const oldDraft = (answers: Record<string, unknown>, stepId = 'nominatorRelation'): Draft => ({
    ...newDraft(nominationForm, 'old', new Date('2026-11-01T00:00:00Z')),
    formVersion: 0,
    stepId,
    answers,
    ui: { unitPage: 3, pendingCancel: true },
  });

  it('keeps valid answers, drops invalid ones and resumes at the first unanswered step', () => {
    const { draft, dropped } = migrateDraft(nominationForm, oldDraft(OLD_ANSWERS), NOW);
    expect(draft.formVersion).toBe(NOMINATION_FORM_VERSION);
    expect(draft.answers).toEqual({
      consent: OLD_ANSWERS.consent,
      nomineeKind: 'individual',
      nomineeName: 'Nguyễn Văn An',
      nomineeBirthYear: 1975,
      deedCategory: 'rescue',
    });
    expect(dropped.sort()).toEqual(['favouriteColour', 'nominatorPhone', 'unit']);
    expect(draft.stepId).toBe('unit');
    expect(draft.ui).toEqual({ reachedSummary: false });
    expect(draft.updatedAt).toEqual(NOW);
    expect(draft.id).toBe('old');
  });

  it('the migrated draft carries on from there', () => {
    const { draft } = migrateDraft(nominationForm, oldDraft(OLD_ANSWERS), NOW);
    const { visited, draft: done } = fill({}, SUMMARY_STEP, draft);
    expect(visited).toEqual(['unit', 'nomineeRole', 'deedDate', 'deedPlace', 'description', 'evidence', 'nominatorName', 'nominatorPhone', 'nominatorRelation', 'pledge']);
    expect(done.answers.deedCategory).toBe('rescue');
  });

  it('a complete old draft goes to the summary', () => {
    const complete = { ...fill().draft, formVersion: 0 };
    const { draft, dropped } = migrateDraft(nominationForm, complete, NOW);
    expect(dropped).toEqual([]);
    expect(draft.stepId).toBe(SUMMARY_STEP);
    expect(draft.ui.reachedSummary).toBe(true);
    expect(draft.answers).toEqual(complete.answers);
  });

  it('a draft of the current version is left alone', () => {
    const current = at('deedDate');
    expect(migrateDraft(nominationForm, current, NOW)).toEqual({ draft: current, dropped: [] });
  });

  it('drops values that fail the schema (wrong types, a non-integer unit)', () => {
    const { dropped, draft } = migrateDraft(nominationForm, oldDraft({ consent: 'yes', nomineeBirthYear: '1975', unit: 1.5, evidence: -1 }), NOW);
    expect(dropped.sort()).toEqual(['consent', 'evidence', 'nomineeBirthYear', 'unit']);
    expect(draft.stepId).toBe('consent');
  });

  // Regression test (was a bug in src/core/nomination/form.ts, choiceStep): the stored answer's schema of a choice step is
  // z.string(), so a nominee kind (or relation) that is no longer in the vocabulary survives the
  // migration; the draft then shows "kind-group" in the summary and submits an unknown kind.
  // The schema should be z.enum(options).
  it('drops a nominee kind that is no longer in the vocabulary', () => {
    const { dropped, draft } = migrateDraft(nominationForm, oldDraft({ ...OLD_ANSWERS, nomineeKind: 'group', nominatorRelation: 'friend' }), NOW);
    expect(dropped).toContain('nomineeKind');
    expect(dropped).toContain('nominatorRelation');
    expect(draft.stepId).toBe('nomineeKind');
  });
});

// ---------------------------------------------------------------------------------------------
// Records: from a finished draft, and the resident's list
// ---------------------------------------------------------------------------------------------

describe('toNewNomination', () => {
  it('copies the answers of an individual', () => {
    const evidence = draftOf(send(at('evidence'), file('a')));
    const { draft } = fill({}, SUMMARY_STEP, evidence);
    expect(toNewNomination(draft)).toEqual({
      draftId: 'draft-1',
      unitId: 12,
      status: 'received',
      nomineeKind: 'individual',
      nomineeName: 'Nguyễn Văn An',
      nomineeBirthYear: 1975,
      nomineeRole: 'Tổ trưởng tổ dân phố',
      deedCategory: 'lost-property',
      deedDate: '2026-11-25',
      deedPlace: 'Chợ Mỹ Đình',
      description: DESCRIPTION,
      nominatorName: 'Trần Thị Bình',
      nominatorPhone: '+84912345678',
      nominatorRelation: 'neighbour',
      pledgedAt: NOW,
      formVersion: NOMINATION_FORM_VERSION,
      attachments: draft.attachments,
    });
    expect(toNewNomination(draft).attachments).toHaveLength(1);
  });

  it('gives null for skipped optional fields', () => {
    const { draft } = fill({ nomineeBirthYear: command('skip'), nomineeRole: command('skip'), deedPlace: command('skip') });
    expect(toNewNomination(draft)).toMatchObject({ nomineeBirthYear: null, nomineeRole: null, deedPlace: null });
  });

  it('drops year of birth and role for a collective, even when answered before the kind changed', () => {
    const { draft } = fill();
    const opened = draftOf(send(draftOf(send(draft, choose(SUMMARY_STEP, 'edit'))), choose(SUMMARY_STEP, 'edit:nomineeKind')));
    const asked = draftOf(send(opened, choose('nomineeKind', 'collective')));
    // The old answers are forgotten with the old kind; even a draft that kept them would not submit them.
    expect(asked.answers.nomineeBirthYear).toBeUndefined();
    const collective = draftOf(send(asked, text('Tổ dân phố số 5')));
    expect(toNewNomination({ ...collective, answers: { ...collective.answers, nomineeBirthYear: 1975, nomineeRole: 'Giáo viên' } })).toMatchObject({ nomineeKind: 'collective', nomineeBirthYear: null, nomineeRole: null });
  });
});

describe('records messages', () => {
  const view = (id: number, extra: Partial<NominationView> = {}): NominationView => ({
    id,
    code: `NTV-2026-${String(id).padStart(5, '0')}`,
    status: 'received',
    nomineeKind: 'individual',
    nomineeName: 'Nguyễn Văn An',
    unitName: 'Tổ dân phố số 2 – Phường Từ Liêm',
    deedCategory: 'lost-property',
    deedDate: '2026-11-25',
    description: DESCRIPTION,
    nominatorPhone: '+84912345678',
    evidenceCount: 2,
    submittedAt: new Date('2026-11-26T17:30:00Z'),
    ...extra,
  });

  it('the receipt gives the code and the status', () => {
    const message = submittedMessage('NTV-2026-00042');
    expect(keys(message)).toEqual(['submitted']);
    expect(argsOf(message.parts[0])).toEqual({ code: { raw: 'NTV-2026-00042' }, status: { key: 'status-received' } });
  });

  describe('myNominationsMessage', () => {
    it('with nothing submitted offers to nominate', () => {
      const message = myNominationsMessage([], 0, 0);
      expect(keys(message)).toEqual(['my-empty']);
      expect(values(message)).toEqual(['new']);
    });

    it('one page: a line and a button per nomination, no paging', () => {
      const message = myNominationsMessage([view(3), view(2, { status: 'verifying' }), view(1)], 0, 3);
      expect(keys(message)).toEqual(['my-title', 'my-line', 'my-line', 'my-line']);
      expect(argsOf(message.parts[0])).toEqual({ total: 3, page: 1, pages: 1 });
      expect(argsOf(message.parts[2])).toEqual({
        code: { raw: 'NTV-2026-00002' },
        name: { raw: 'Nguyễn Văn An' },
        status: { key: 'status-verifying' },
        date: '27/11/2026', // submitted at 00:30 on 27/11 in Vietnam
      });
      expect(values(message)).toEqual(['v3', 'v2', 'v1']);
      expect(message.choices!.step).toBe('my');
    });

    it.each([
      [0, ['p1']],
      [1, ['p0', 'p2']],
      [2, ['p1']],
    ])('of 20 nominations, page %i offers %j', (page, navigation) => {
      const items = Array.from({ length: page === 2 ? 4 : 8 }, (_, index) => view(100 + index));
      const message = myNominationsMessage(items, page, 20);
      expect(argsOf(message.parts[0])).toEqual({ total: 20, page: page + 1, pages: 3 });
      expect(values(message)).toEqual([...items.map((item) => `v${item.id}`), ...navigation]);
      expect(message.choices!.rows.at(-1)!.map((choice) => choice.value)).toEqual(navigation);
    });

    it('shortens long names on the buttons', () => {
      const message = myNominationsMessage([view(1, { nomineeName: 'Chi hội Phụ nữ tổ dân phố số 3 phường Từ Liêm' })], 0, 1);
      const label = message.choices!.rows[0]![0]!.label;
      // 24 characters at most: 23 of the name and an ellipsis.
      expect(label).toEqual({ raw: 'NTV-2026-00001 · Chi hội Phụ nữ tổ dân p…' });
    });
  });

  describe('nominationDetailMessage', () => {
    it('offers withdraw while the nomination is received', () => {
      const message = nominationDetailMessage(view(7));
      expect(values(message)).toEqual(['w7', 'p0']);
      expect(keys(message)).toEqual(['detail', `raw:${DESCRIPTION}`]);
      expect(argsOf(message.parts[0])).toMatchObject({
        code: { raw: 'NTV-2026-00007' },
        status: { key: 'status-received' },
        submitted: '27/11/2026 00:30',
        kind: { key: 'kind-individual' },
        category: { key: 'category-lost-property' },
        date: '25/11/2026',
        evidence: 2,
        phone: '0912 345 678',
      });
    });

    it.each(STATUSES.filter((status) => status !== 'received').map((status) => [status]))('offers no withdraw once %s', (status) => {
      expect(values(nominationDetailMessage(view(7, { status })))).toEqual(['p0']);
    });

    it('shows a dash without a phone', () => {
      expect(argsOf(nominationDetailMessage(view(7, { nominatorPhone: null })).parts[0])).toMatchObject({ phone: '—' });
    });

    it('the withdraw confirmation offers yes (x<id>) or back to the detail (v<id>)', () => {
      const message = withdrawConfirmMessage({ id: 7, code: 'NTV-2026-00007' });
      expect(keys(message)).toEqual(['withdraw-confirm']);
      expect(values(message)).toEqual(['x7', 'v7']);
    });
  });
});
