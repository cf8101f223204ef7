/**
 * A unit's proposal list (danh sách đề nghị khen thưởng), as the head and the council notice it:
 * the checks before submitting, which actions each status allows, the titles offered to each kind
 * of nominee, the entry form step by step through the engine, and the keys and buttons of the screens.
 */
import { describe, expect, it } from 'vitest';
import { keyOf, keys, replyKeys, values, labels, lastMessage, argsOf, draftOf, summaryLines } from '../support/replies.js';
import { advance, ask, newDraft, SUMMARY_STEP } from '../../src/core/form/engine.js';
import type { FileLimits } from '../../src/core/form/steps.js';
import type { AdvanceResult, Draft, FormInput, IncomingFile, StepContext } from '../../src/core/form/types.js';
import type { OutMessage, Text } from '../../src/core/messages.js';
import { draftOfEntry, entryForm, ENTRY_FORM_ID, ENTRY_FORM_VERSION, toEntryInput, type EntryFormEnv } from '../../src/core/proposals/entry-form.js';
import { checkText, councilEntryScreen, councilListScreen, listScreen, nomineeText, PROPOSAL_STEP, submitConfirm, type ListScreenContext } from '../../src/core/proposals/messages.js';
import {
  canEditEntry,
  canEditList,
  checkCouncilAction,
  checkProposal,
  checkSubmit,
  ENTRY_STATUSES,
  LIST_STATUSES,
  LIST_TRANSITIONS,
  parseProportionRules,
  proportionLimit,
  statusAfter,
  type CheckContext,
  type ElsewhereEntry,
  type EntryStatus,
  type EntryView,
  type ListAction,
  type ListStatus,
  type ProportionRule,
  type ProposalProblem,
  type ProposalView,
  type ProposalWarning,
} from '../../src/core/proposals/rules.js';
import {
  campaignTitles,
  ENTRY_KINDS,
  THEMATIC_TITLES,
  TITLE_SCOPE,
  titleOfAwardForm,
  TITLES,
  titlesFor,
  YEARLY_TITLES,
  type EntryKind,
} from '../../src/core/proposals/titles.js';

// ---------------------------------------------------------------------------------------------
// Fixtures: entries, lists, check contexts
// ---------------------------------------------------------------------------------------------

/** 09:00 on 26/11/2026 in Vietnam. */
const NOW = new Date('2026-11-26T02:00:00Z');

function entry(id: number, extra: Partial<EntryView> = {}): EntryView {
  return {
    id,
    position: id,
    kind: 'individual',
    name: `Người Số ${id}`,
    gender: 'male',
    birthYear: null,
    role: null,
    workplace: null,
    title: 'lao-dong-tien-tien',
    summary: 'Hoàn thành xuất sắc nhiệm vụ năm 2026.',
    nominationId: null,
    nominationCode: null,
    status: 'proposed',
    returnReason: null,
    files: 0,
    ...extra,
  };
}

function proposal(extra: Partial<ProposalView> = {}): ProposalView {
  return {
    id: 7,
    campaignId: 3,
    unitId: 12,
    status: 'draft',
    late: false,
    submittedAt: null,
    submissions: 0,
    returnReason: null,
    minutes: 1,
    entries: [entry(1)],
    ...extra,
  };
}

/** A yearly campaign: its titles, no proportion rule, nobody elsewhere, minutes expected. */
function checkCtx(extra: Partial<CheckContext> = {}): CheckContext {
  return { titles: YEARLY_TITLES, rules: [], elsewhere: [], minutesRequired: true, ...extra };
}

const warningsOf = (entries: EntryView[], extra: Partial<CheckContext> = {}, minutes = 1) => checkProposal({ entries, minutes }, checkCtx(extra)).warnings;
const problemsOf = (entries: EntryView[], extra: Partial<CheckContext> = {}, minutes = 1) => checkProposal({ entries, minutes }, checkCtx(extra)).problems;

/** `count` distinct people holding `title`, numbered from `from`. */
const holders = (title: string, count: number, from: number): EntryView[] =>
  Array.from({ length: count }, (_, index) => entry(from + index, { title, name: `Người Số ${from + index}` }));

const CSTD_RULE: ProportionRule = { title: 'chien-si-thi-dua-co-so', base: 'lao-dong-tien-tien', percent: 15 };

// ---------------------------------------------------------------------------------------------
// Reading replies
// ---------------------------------------------------------------------------------------------

/** The keys of a block of lines (a list's entries, the checks). */
const lineKeys = (part: Text | undefined): string[] => (part && 'lines' in part ? part.lines.map(keyOf) : []);

// =============================================================================================
// rules.ts
// =============================================================================================

describe('checkProposal: what makes a list impossible to file', () => {
  it('an empty list is a problem (and no minutes warning without entries)', () => {
    expect(checkProposal({ entries: [], minutes: 0 }, checkCtx())).toEqual({ problems: [{ kind: 'empty' }], warnings: [] });
  });

  it('an entry without a title is a problem, at its position, and no title warning is added for it', () => {
    const entries = [entry(1), entry(2, { title: null, kind: 'collective', name: 'Tổ dân phố số 5', gender: null })];
    const { problems, warnings } = checkProposal({ entries, minutes: 1 }, checkCtx());
    expect(problems).toEqual([{ kind: 'no-title', position: 2 }]);
    expect(warnings).toEqual([]);
  });

  it('problems come in the order of positions, whatever order the entries arrive in', () => {
    const entries = [entry(3, { title: null }), entry(1), entry(2, { title: null })];
    expect(problemsOf(entries)).toEqual([
      { kind: 'no-title', position: 2 },
      { kind: 'no-title', position: 3 },
    ]);
  });

  it('a list of titled entries has no problem', () => {
    expect(problemsOf([entry(1), entry(2)])).toEqual([]);
  });
});

describe('checkProposal: the same person twice in the list', () => {
  const person = (id: number, name: string, birthYear: number | null, kind: EntryKind = 'individual') => entry(id, { name, birthYear, kind });

  it.each<[string, EntryView, EntryView, boolean]>([
    ['the same name and year', person(1, 'Nguyễn Văn An', 1980), person(2, 'Nguyễn Văn An', 1980), true],
    ['"Hoà" and "Hòa" (old and new tone placement)', person(1, 'Nguyễn Thị Hoà', 1975), person(2, 'Nguyễn Thị Hòa', 1975), true],
    ['"Thuý" and "Thúy"', person(1, 'Lê Thị Thuý', null), person(2, 'Lê Thị Thúy', null), true],
    ['NFD and NFC spellings', person(1, 'Trần Thị Bình'.normalize('NFD'), 1990), person(2, 'Trần Thị Bình'.normalize('NFC'), 1990), true],
    ['letter case and extra spaces', person(1, 'nguyễn  văn AN', 1980), person(2, 'Nguyễn Văn An', 1980), true],
    ['"Đ" and "D", no accents at all', person(1, 'Đỗ Văn Đức', 1980), person(2, 'Do Van Duc', 1980), true],
    ['one year of birth missing (possibly the same person)', person(1, 'Nguyễn Văn An', 1980), person(2, 'Nguyễn Văn An', null), true],
    ['both years of birth missing', person(1, 'Nguyễn Văn An', null), person(2, 'Nguyễn Văn An', null), true],
    ['different years of birth (namesakes)', person(1, 'Nguyễn Văn An', 1980), person(2, 'Nguyễn Văn An', 1981), false],
    ['different names', person(1, 'Nguyễn Văn An', 1980), person(2, 'Nguyễn Văn Ân Bình', 1980), false],
    ['an individual and a household of the same name', person(1, 'Nguyễn Văn An', null), person(2, 'Nguyễn Văn An', null, 'household'), false],
  ])('%s → duplicate: %s', (_label, a, b, duplicate) => {
    const found = warningsOf([a, b]).filter((warning) => warning.kind === 'duplicate');
    expect(found).toEqual(duplicate ? [{ kind: 'duplicate', name: a.name, positions: [1, 2] }] : []);
  });

  it('three entries of one person give one warning listing the three positions', () => {
    const entries = [entry(1, { name: 'Phạm Văn Hoà' }), entry(2), entry(3, { name: 'Phạm Văn Hòa' }), entry(4, { name: 'pham van hoa' })];
    expect(warningsOf(entries)).toEqual([{ kind: 'duplicate', name: 'Phạm Văn Hoà', positions: [1, 3, 4] }]);
  });

  it('names the first of the duplicates by position, even when entries arrive out of order', () => {
    const entries = [entry(5, { name: 'Nguyễn Thị Hòa' }), entry(2, { name: 'Nguyễn Thị Hoà' })];
    expect(warningsOf(entries)).toEqual([{ kind: 'duplicate', name: 'Nguyễn Thị Hoà', positions: [2, 5] }]);
  });

  it('two different people duplicated give two warnings', () => {
    const entries = [entry(1, { name: 'Nguyễn Văn An' }), entry(2, { name: 'Trần Thị Bình' }), entry(3, { name: 'Nguyễn Văn An' }), entry(4, { name: 'Trần Thị Bình' })];
    expect(warningsOf(entries)).toEqual([
      { kind: 'duplicate', name: 'Nguyễn Văn An', positions: [1, 3] },
      { kind: 'duplicate', name: 'Trần Thị Bình', positions: [2, 4] },
    ]);
  });
});

describe("checkProposal: the same person in another unit's submitted list", () => {
  const other = (name: string, birthYear: number | null, kind: EntryKind = 'individual'): ElsewhereEntry => ({ kind, name, birthYear, unit: 'Trường Tiểu học Trung Văn' });

  it.each<[string, Partial<EntryView>, ElsewhereEntry, boolean]>([
    ['the same name and year', { name: 'Nguyễn Văn An', birthYear: 1980 }, other('Nguyễn Văn An', 1980), true],
    ['a different tone placement', { name: 'Nguyễn Thị Hoà', birthYear: 1975 }, other('Nguyễn Thị Hòa', 1975), true],
    ['NFD elsewhere', { name: 'Trần Thị Bình', birthYear: null }, other('Trần Thị Bình'.normalize('NFD'), null), true],
    ['a year missing here', { name: 'Nguyễn Văn An', birthYear: null }, other('Nguyễn Văn An', 1980), true],
    ['a year missing there', { name: 'Nguyễn Văn An', birthYear: 1980 }, other('Nguyễn Văn An', null), true],
    ['different years', { name: 'Nguyễn Văn An', birthYear: 1980 }, other('Nguyễn Văn An', 1985), false],
    ['a household there', { name: 'Nguyễn Văn An', birthYear: null }, other('Nguyễn Văn An', null, 'household'), false],
    ['another name', { name: 'Nguyễn Văn An', birthYear: 1980 }, other('Nguyễn Văn Bình', 1980), false],
  ])('%s → warned: %s', (_label, here, there, warned) => {
    const entries = [entry(1), entry(2, here)];
    expect(warningsOf(entries, { elsewhere: [there] })).toEqual(
      warned ? [{ kind: 'duplicate-elsewhere', name: here.name, position: 2, unit: 'Trường Tiểu học Trung Văn' }] : [],
    );
  });

  it('names the first unit that has the person, once per person', () => {
    const elsewhere = [other('Nguyễn Văn An', null), { ...other('Nguyễn Văn An', null), unit: 'Hội Cựu chiến binh' }];
    expect(warningsOf([entry(1, { name: 'Nguyễn Văn An' })], { elsewhere })).toEqual([
      { kind: 'duplicate-elsewhere', name: 'Nguyễn Văn An', position: 1, unit: 'Trường Tiểu học Trung Văn' },
    ]);
  });

  it('a person twice here and once elsewhere: one duplicate warning and one elsewhere warning', () => {
    const entries = [entry(1, { name: 'Nguyễn Văn An' }), entry(2, { name: 'Nguyễn Văn An' })];
    expect(warningsOf(entries, { elsewhere: [other('Nguyễn Văn An', null)] })).toEqual([
      { kind: 'duplicate', name: 'Nguyễn Văn An', positions: [1, 2] },
      { kind: 'duplicate-elsewhere', name: 'Nguyễn Văn An', position: 1, unit: 'Trường Tiểu học Trung Văn' },
    ]);
  });
});

describe('checkProposal: titles', () => {
  it.each<[string, Partial<EntryView>, readonly string[], ProposalWarning[]]>([
    ['a yearly title in a yearly campaign', { title: 'lao-dong-tien-tien' }, YEARLY_TITLES, []],
    ['a title the thematic campaign does not award', { title: 'lao-dong-tien-tien' }, THEMATIC_TITLES, [{ kind: 'title-not-awarded', position: 1, title: 'lao-dong-tien-tien' }]],
    ['"Người tốt, việc tốt" in a yearly campaign', { title: 'nguoi-tot-viec-tot' }, YEARLY_TITLES, [{ kind: 'title-not-awarded', position: 1, title: 'nguoi-tot-viec-tot' }]],
    ['a collective title for an individual', { title: 'tap-the-lao-dong-xuat-sac' }, YEARLY_TITLES, [{ kind: 'title-scope', position: 1, title: 'tap-the-lao-dong-xuat-sac', entryKind: 'individual' }]],
    ['Gia đình văn hóa for an individual', { title: 'gia-dinh-van-hoa' }, YEARLY_TITLES, [{ kind: 'title-scope', position: 1, title: 'gia-dinh-van-hoa', entryKind: 'individual' }]],
    ['Lao động tiên tiến for a collective', { kind: 'collective', name: 'Trường THCS Xuân Phương', gender: null, title: 'lao-dong-tien-tien' }, YEARLY_TITLES, [{ kind: 'title-scope', position: 1, title: 'lao-dong-tien-tien', entryKind: 'collective' }]],
    ['Gia đình văn hóa for a household', { kind: 'household', title: 'gia-dinh-van-hoa' }, YEARLY_TITLES, []],
    ['Người tốt, việc tốt for a household', { kind: 'household', title: 'nguoi-tot-viec-tot' }, THEMATIC_TITLES, [{ kind: 'title-scope', position: 1, title: 'nguoi-tot-viec-tot', entryKind: 'household' }]],
    ['Giấy khen for a collective', { kind: 'collective', name: 'Tổ dân phố số 5', gender: null, title: 'giay-khen' }, THEMATIC_TITLES, []],
    ['out of scope and not awarded: only "not awarded"', { title: 'to-dan-pho-van-hoa' }, THEMATIC_TITLES, [{ kind: 'title-not-awarded', position: 1, title: 'to-dan-pho-van-hoa' }]],
  ])('%s', (_label, extra, titles, expected) => {
    expect(warningsOf([entry(1, extra)], { titles })).toEqual(expected);
  });
});

describe('proportion rules', () => {
  describe('parseProportionRules', () => {
    it.each<[string, ProportionRule[]]>([
      ['', []],
      ['   ', []],
      [',', []],
      ['chien-si-thi-dua-co-so<=15%lao-dong-tien-tien', [CSTD_RULE]],
      ['  chien-si-thi-dua-co-so <= 15 % lao-dong-tien-tien  ', [CSTD_RULE]],
      ['chien-si-thi-dua-co-so<=15%lao-dong-tien-tien,', [CSTD_RULE]],
      ['chien-si-thi-dua-co-so<=12.5%lao-dong-tien-tien', [{ ...CSTD_RULE, percent: 12.5 }]],
      ['chien-si-thi-dua-co-so<=100%lao-dong-tien-tien', [{ ...CSTD_RULE, percent: 100 }]],
      ['chien-si-thi-dua-co-so<=0%lao-dong-tien-tien', [{ ...CSTD_RULE, percent: 0 }]],
      [
        'chien-si-thi-dua-co-so<=15%lao-dong-tien-tien, tap-the-lao-dong-xuat-sac<=50%tap-the-lao-dong-tien-tien',
        [CSTD_RULE, { title: 'tap-the-lao-dong-xuat-sac', base: 'tap-the-lao-dong-tien-tien', percent: 50 }],
      ],
    ])('accepts %j', (input, rules) => {
      expect(parseProportionRules(input)).toEqual({ ok: true, rules });
    });

    it.each<[string, string]>([
      ['chien-si-thi-dua-co-so<=101%lao-dong-tien-tien', 'chien-si-thi-dua-co-so<=101%lao-dong-tien-tien'],
      ['chien-si-thi-dua-co-so<=1000%lao-dong-tien-tien', 'chien-si-thi-dua-co-so<=1000%lao-dong-tien-tien'],
      ['chien-si-thi-dua-co-so<=-5%lao-dong-tien-tien', 'chien-si-thi-dua-co-so<=-5%lao-dong-tien-tien'],
      ['chien-si-thi-dua-co-so<=15lao-dong-tien-tien', 'chien-si-thi-dua-co-so<=15lao-dong-tien-tien'],
      ['chien-si-thi-dua-co-so>=15%lao-dong-tien-tien', 'chien-si-thi-dua-co-so>=15%lao-dong-tien-tien'],
      ['chien-si-thi-dua-co-so<15%lao-dong-tien-tien', 'chien-si-thi-dua-co-so<15%lao-dong-tien-tien'],
      ['chien-si-thi-dua<=15%lao-dong-tien-tien', 'chien-si-thi-dua<=15%lao-dong-tien-tien'],
      ['chien-si-thi-dua-co-so<=15%lao-dong', 'chien-si-thi-dua-co-so<=15%lao-dong'],
      ['CHIEN-SI-THI-DUA-CO-SO<=15%LAO-DONG-TIEN-TIEN', 'CHIEN-SI-THI-DUA-CO-SO<=15%LAO-DONG-TIEN-TIEN'],
      ['chien-si-thi-dua-co-so<=%lao-dong-tien-tien', 'chien-si-thi-dua-co-so<=%lao-dong-tien-tien'],
      ['15%', '15%'],
      ['chien-si-thi-dua-co-so<=15%lao-dong-tien-tien, giay-khen<=abc%bang-khen', 'giay-khen<=abc%bang-khen'],
    ])('refuses %j, naming the item %j', (input, item) => {
      expect(parseProportionRules(input)).toEqual({ ok: false, item });
    });
  });

  describe('proportionLimit rounds down, exactly', () => {
    it.each<[number, number, number]>([
      [15, 20, 3],
      [15, 10, 1],
      [15, 6, 0],
      [15, 7, 1],
      [15, 0, 0],
      [15, 100, 15],
      [15, 13, 1],
      [15, 14, 2],
      [29, 100, 29],
      [57, 100, 57],
      [12.5, 8, 1],
      [12.5, 7, 0],
      [100, 5, 5],
      [0, 50, 0],
    ])('%s%% of %s → %s', (percent, baseCount, max) => {
      expect(proportionLimit({ ...CSTD_RULE, percent }, baseCount)).toBe(max);
    });
  });

  describe('the proportion warning appears only over the limit', () => {
    it.each<[number, number, number | null]>([
      [20, 3, null],
      [20, 4, 3],
      [10, 1, null],
      [10, 2, 1],
      [6, 0, null],
      [6, 1, 0],
      [0, 1, 0],
      [0, 0, null],
    ])('%s Lao động tiên tiến and %s Chiến sĩ thi đua cơ sở → max %s', (baseCount, count, max) => {
      const entries = [...holders('lao-dong-tien-tien', baseCount, 1), ...holders('chien-si-thi-dua-co-so', count, 100), entry(500, { title: 'giay-khen', name: 'Lê Văn Cường' })];
      const warnings = warningsOf(entries, { rules: [CSTD_RULE] });
      expect(warnings).toEqual(max === null ? [] : [{ kind: 'proportion', title: 'chien-si-thi-dua-co-so', base: 'lao-dong-tien-tien', percent: 15, count, baseCount, max }]);
    });

    it('with no rule, any count passes', () => {
      expect(warningsOf(holders('chien-si-thi-dua-co-so', 5, 1))).toEqual([]);
    });

    it('each rule is checked on its own', () => {
      const rules = [CSTD_RULE, { title: 'tap-the-lao-dong-xuat-sac', base: 'tap-the-lao-dong-tien-tien', percent: 50 }];
      const collective = (id: number, title: string) => entry(id, { kind: 'collective', gender: null, name: `Tổ dân phố số ${id}`, title });
      const entries = [...holders('lao-dong-tien-tien', 10, 1), ...holders('chien-si-thi-dua-co-so', 1, 20), collective(30, 'tap-the-lao-dong-tien-tien'), collective(31, 'tap-the-lao-dong-xuat-sac'), collective(32, 'tap-the-lao-dong-xuat-sac')];
      expect(warningsOf(entries, { rules })).toEqual([{ kind: 'proportion', title: 'tap-the-lao-dong-xuat-sac', base: 'tap-the-lao-dong-tien-tien', percent: 50, count: 2, baseCount: 1, max: 0 }]);
    });
  });
});

describe('checkProposal: the meeting minutes', () => {
  it.each<[string, boolean, number, EntryView[], boolean]>([
    ['required, none attached, entries', true, 0, [entry(1)], true],
    ['required, two attached', true, 2, [entry(1)], false],
    ['not required, none attached', false, 0, [entry(1)], false],
    ['required, none attached, no entries', true, 0, [], false],
  ])('%s → warned: %s', (_label, minutesRequired, minutes, entries, warned) => {
    const { warnings } = checkProposal({ entries, minutes }, checkCtx({ minutesRequired }));
    expect(warnings.some((warning) => warning.kind === 'no-minutes')).toBe(warned);
  });

  it('every warning, in the order the head reads them', () => {
    const entries = [
      entry(1, { name: 'Nguyễn Văn An', title: 'chien-si-thi-dua-co-so' }),
      entry(2, { name: 'Nguyễn Văn Ân', title: 'nguoi-tot-viec-tot' }),
      entry(3, { name: 'Nguyen Van An', title: 'tap-the-lao-dong-xuat-sac' }),
      entry(4, { name: 'Trần Thị Bình', title: null }),
    ];
    const result = checkProposal(
      { entries, minutes: 0 },
      checkCtx({ rules: [CSTD_RULE], elsewhere: [{ kind: 'individual', name: 'Trần Thị Bình', birthYear: 1970, unit: 'Hội Chữ thập đỏ' }] }),
    );
    expect(result).toEqual({
      problems: [{ kind: 'no-title', position: 4 }],
      warnings: [
        { kind: 'title-not-awarded', position: 2, title: 'nguoi-tot-viec-tot' },
        { kind: 'title-scope', position: 3, title: 'tap-the-lao-dong-xuat-sac', entryKind: 'individual' },
        { kind: 'duplicate', name: 'Nguyễn Văn An', positions: [1, 2, 3] },
        { kind: 'duplicate-elsewhere', name: 'Trần Thị Bình', position: 4, unit: 'Hội Chữ thập đỏ' },
        { kind: 'proportion', title: 'chien-si-thi-dua-co-so', base: 'lao-dong-tien-tien', percent: 15, count: 1, baseCount: 0, max: 0 },
        { kind: 'no-minutes' },
      ],
    });
  });
});

describe('checkSubmit', () => {
  const submitCtx = (extra: Partial<CheckContext & { today: string; deadline: string; campaignOpen: boolean }> = {}) => ({
    ...checkCtx(),
    today: '2026-11-26',
    deadline: '2026-11-30',
    campaignOpen: true,
    ...extra,
  });

  it.each<[ListStatus, number, boolean]>([
    ['draft', 0, true],
    ['returned', 1, true],
    ['submitted', 1, false],
    ['accepted', 1, false],
  ])('a %s list (submitted %s times) may be submitted: %s', (status, submissions, allowed) => {
    const check = checkSubmit(proposal({ status, submissions }), submitCtx());
    expect(check.ok).toBe(allowed);
    if (!allowed) expect(check).toEqual({ ok: false, reason: 'frozen' });
  });

  it('a frozen list is refused as frozen even when the campaign is closed', () => {
    expect(checkSubmit(proposal({ status: 'submitted', submissions: 1 }), submitCtx({ campaignOpen: false }))).toEqual({ ok: false, reason: 'frozen' });
  });

  it.each<[ListStatus, number]>([
    ['draft', 0],
    ['returned', 1],
  ])('a %s list of a closed campaign is refused', (status, submissions) => {
    expect(checkSubmit(proposal({ status, submissions }), submitCtx({ campaignOpen: false }))).toEqual({ ok: false, reason: 'closed' });
  });

  it.each<[string, EntryView[], ProposalProblem[]]>([
    ['an empty list', [], [{ kind: 'empty' }]],
    ['an entry without a title', [entry(1), entry(2, { title: null })], [{ kind: 'no-title', position: 2 }]],
  ])('%s is refused with its problems', (_label, entries, problems) => {
    expect(checkSubmit(proposal({ entries }), submitCtx())).toEqual({ ok: false, reason: 'problems', problems });
  });

  it.each<[string, string, string, number, boolean, boolean]>([
    ['first submission before the deadline', '2026-11-26', '2026-11-30', 0, false, false],
    ['first submission on the deadline day itself', '2026-11-30', '2026-11-30', 0, false, false],
    ['first submission the day after the deadline', '2026-12-01', '2026-11-30', 0, false, true],
    ['first submission across the new year', '2027-01-02', '2026-12-31', 0, false, true],
    ['resubmission after the deadline of a list first submitted on time', '2026-12-10', '2026-11-30', 1, false, false],
    ['resubmission before the deadline of a list first submitted late', '2026-11-26', '2026-11-30', 2, true, true],
    ['resubmission after the deadline of a late list', '2026-12-10', '2026-11-30', 1, true, true],
  ])('%s → late %s', (_label, today, deadline, submissions, wasLate, late) => {
    const status: ListStatus = submissions > 0 ? 'returned' : 'draft';
    const check = checkSubmit(proposal({ status, submissions, late: wasLate }), submitCtx({ today, deadline }));
    expect(check).toEqual({ ok: true, late, resubmission: submissions > 0, warnings: [] });
  });

  it('passes the warnings on, for the head to confirm', () => {
    const entries = [entry(1, { name: 'Nguyễn Thị Hoà' }), entry(2, { name: 'Nguyễn Thị Hòa' })];
    const view = proposal({ entries, minutes: 0 });
    const ctx = submitCtx();
    const check = checkSubmit(view, ctx);
    expect(check).toEqual({ ok: true, late: false, resubmission: false, warnings: checkProposal(view, ctx).warnings });
    expect(check.ok && check.warnings.map((warning) => warning.kind)).toEqual(['duplicate', 'no-minutes']);
  });
});

describe('the council: actions and statuses', () => {
  const COUNCIL_ACTIONS = ['return', 'return-entry', 'accept', 'accept-entry'] as const;
  /** Which status each action starts from, written out (and checked against LIST_TRANSITIONS). */
  const FROM: Record<ListAction, ListStatus[]> = {
    submit: ['draft', 'returned'],
    return: ['submitted', 'returned'],
    'return-entry': ['submitted', 'returned'],
    accept: ['submitted'],
    'accept-entry': ['submitted'],
  };
  const TO: Record<ListAction, ListStatus> = { submit: 'submitted', return: 'returned', 'return-entry': 'returned', accept: 'accepted', 'accept-entry': 'submitted' };

  it('LIST_TRANSITIONS says what this table says', () => {
    for (const action of Object.keys(FROM) as ListAction[]) {
      expect([...LIST_TRANSITIONS[action].from].sort()).toEqual([...FROM[action]].sort());
      expect(LIST_TRANSITIONS[action].to).toBe(TO[action]);
    }
  });

  const listCases = LIST_STATUSES.flatMap((status) => (['return', 'accept'] as const).map((action) => [status, action, FROM[action].includes(status)] as const));
  it.each(listCases)('a %s list: %s allowed %s', (status, action, allowed) => {
    expect(checkCouncilAction({ status }, action)).toBe(allowed);
  });

  const entryCases = LIST_STATUSES.flatMap((status) =>
    (['return-entry', 'accept-entry'] as const).flatMap((action) =>
      ENTRY_STATUSES.map((entryStatus) => [status, action, entryStatus, FROM[action].includes(status) && entryStatus === 'proposed'] as const),
    ),
  );
  it.each(entryCases)('a %s list: %s of a %s entry allowed %s', (status, action, entryStatus, allowed) => {
    expect(checkCouncilAction({ status }, action, { status: entryStatus })).toBe(allowed);
  });

  it.each(['return-entry', 'accept-entry'] as const)('%s needs an entry', (action) => {
    expect(checkCouncilAction({ status: 'submitted' }, action)).toBe(false);
  });

  it.each(['return', 'accept'] as const)('%s of the whole list ignores any entry given', (action) => {
    expect(checkCouncilAction({ status: 'submitted' }, action, { status: 'accepted' })).toBe(true);
  });

  it('only the unit submits: every council action on a draft is refused; a returned list may only be returned further', () => {
    for (const action of COUNCIL_ACTIONS) expect(checkCouncilAction({ status: 'draft' }, action, { status: 'proposed' })).toBe(false);
    for (const action of COUNCIL_ACTIONS) expect(checkCouncilAction({ status: 'returned' }, action, { status: 'proposed' })).toBe(action === 'return' || action === 'return-entry');
  });

  it.each(['submit', 'return', 'return-entry', 'accept'] as const)('after %s the list is %s as LIST_TRANSITIONS says', (action) => {
    expect(statusAfter({ entries: [entry(1), entry(2)] }, action, 1)).toBe(TO[action]);
  });

  it.each<[string, EntryStatus[], number, ListStatus]>([
    ['accepting one of two open entries keeps the list with the council', ['proposed', 'proposed'], 1, 'submitted'],
    ['accepting the last open entry accepts the list', ['accepted', 'proposed'], 2, 'accepted'],
    ['accepting the only entry accepts the list', ['proposed'], 1, 'accepted'],
    ['a returned entry still open keeps the list submitted', ['proposed', 'returned'], 1, 'submitted'],
    ['accepting the second of three, the first accepted, the third open', ['accepted', 'proposed', 'proposed'], 2, 'submitted'],
  ])('%s', (_label, statuses, entryId, expected) => {
    const entries = statuses.map((status, index) => entry(index + 1, { status }));
    expect(statusAfter({ entries }, 'accept-entry', entryId)).toBe(expected);
  });
});

describe('who may edit', () => {
  it.each(LIST_STATUSES.map((status) => [status, status === 'draft' || status === 'returned'] as const))('a %s list editable: %s', (status, editable) => {
    expect(canEditList(status)).toBe(editable);
  });

  const cases = LIST_STATUSES.flatMap((status) => ENTRY_STATUSES.map((entryStatus) => [status, entryStatus, (status === 'draft' || status === 'returned') && entryStatus !== 'accepted'] as const));
  it.each(cases)('a %s list, a %s entry editable: %s', (status, entryStatus, editable) => {
    expect(canEditEntry(status, { status: entryStatus })).toBe(editable);
  });
});

// =============================================================================================
// titles.ts
// =============================================================================================

describe('campaignTitles', () => {
  it.each(['regular', 'year-end', 'thematic', 'mid-year'])("a %s campaign's own list wins, unknown ids dropped, order kept", (kind) => {
    expect(campaignTitles({ kind, titles: ['bieu-duong', 'danh-hieu-moi', 'giay-khen', 'lao-dong-tien-tien'] })).toEqual(['bieu-duong', 'giay-khen', 'lao-dong-tien-tien']);
  });

  it.each<[string, readonly string[]]>([
    ['regular', YEARLY_TITLES],
    ['year-end', YEARLY_TITLES],
    ['thematic', THEMATIC_TITLES],
    ['mid-year', THEMATIC_TITLES],
  ])('without its own list, a %s campaign gets its default', (kind, expected) => {
    expect(campaignTitles({ kind, titles: [] })).toEqual([...expected]);
  });

  it('the yearly default gives the emulation titles, the thematic one forms of commendation', () => {
    expect(campaignTitles({ kind: 'regular', titles: [] })).toContain('chien-si-thi-dua-co-so');
    expect(campaignTitles({ kind: 'regular', titles: [] })).not.toContain('nguoi-tot-viec-tot');
    expect(campaignTitles({ kind: 'thematic', titles: [] })).toEqual(['giay-khen', 'bang-khen', 'nguoi-tot-viec-tot']);
  });

  it.each<[string, string[]]>([
    ['regular', ['giay-khen', 'gia-dinh-van-hoa']],
    ['year-end', ['giay-khen', 'gia-dinh-van-hoa']],
    ['thematic', ['bieu-duong']],
    ['mid-year', ['bieu-duong']],
  ])('configured defaults replace the built-in ones (%s)', (kind, expected) => {
    const defaults = { yearly: ['giay-khen', 'gia-dinh-van-hoa'], thematic: ['bieu-duong'] };
    expect(campaignTitles({ kind, titles: [] }, defaults)).toEqual(expected);
    expect(campaignTitles({ kind, titles: ['bang-khen'] }, defaults)).toEqual(['bang-khen']);
  });

  it('hands out a copy: changing it leaves the defaults alone', () => {
    const list = campaignTitles({ kind: 'regular', titles: [] });
    list.push('bieu-duong');
    expect(campaignTitles({ kind: 'regular', titles: [] })).toEqual([...YEARLY_TITLES]);
  });
});

describe('titlesFor', () => {
  it.each<[EntryKind, readonly string[], string[]]>([
    ['individual', TITLES, ['lao-dong-tien-tien', 'chien-si-thi-dua-co-so', 'giay-khen', 'bang-khen', 'nguoi-tot-viec-tot', 'bieu-duong']],
    ['collective', TITLES, ['tap-the-lao-dong-tien-tien', 'tap-the-lao-dong-xuat-sac', 'to-dan-pho-van-hoa', 'giay-khen', 'bang-khen', 'nguoi-tot-viec-tot', 'bieu-duong']],
    ['household', TITLES, ['gia-dinh-van-hoa', 'giay-khen', 'bang-khen', 'bieu-duong']],
    ['individual', YEARLY_TITLES, ['lao-dong-tien-tien', 'chien-si-thi-dua-co-so', 'giay-khen', 'bang-khen']],
    ['collective', YEARLY_TITLES, ['tap-the-lao-dong-tien-tien', 'tap-the-lao-dong-xuat-sac', 'to-dan-pho-van-hoa', 'giay-khen', 'bang-khen']],
    ['household', YEARLY_TITLES, ['gia-dinh-van-hoa', 'giay-khen', 'bang-khen']],
    ['individual', THEMATIC_TITLES, ['giay-khen', 'bang-khen', 'nguoi-tot-viec-tot']],
    ['household', THEMATIC_TITLES, ['giay-khen', 'bang-khen']],
    ['individual', ['bang-khen', 'khong-co-that', 'lao-dong-tien-tien'], ['bang-khen', 'lao-dong-tien-tien']],
    ['collective', ['lao-dong-tien-tien', 'chien-si-thi-dua-co-so'], []],
  ])('%s from %j → %j', (kind, list, expected) => {
    expect(titlesFor(kind, list)).toEqual(expected);
  });

  it.each(ENTRY_KINDS)('a(n) %s is never offered a title meant for others', (kind) => {
    for (const title of titlesFor(kind, TITLES)) expect(TITLE_SCOPE[title as (typeof TITLES)[number]]).toContain(kind);
    const collectiveOnly = TITLES.filter((title) => TITLE_SCOPE[title].length === 1 && TITLE_SCOPE[title][0] === 'collective');
    if (kind !== 'collective') for (const title of collectiveOnly) expect(titlesFor(kind, TITLES)).not.toContain(title);
  });
});

describe('titleOfAwardForm', () => {
  it.each<[string | null, string | null]>([
    [null, null],
    ['', null],
    ['giay-khen', 'giay-khen'],
    ['nguoi-tot-viec-tot', 'nguoi-tot-viec-tot'],
    ['bieu-duong', 'bieu-duong'],
    ['khen-mieng', null],
    ['Giay-Khen', null],
  ])('%j → %j', (awardForm, title) => {
    expect(titleOfAwardForm(awardForm)).toBe(title);
  });
});

// =============================================================================================
// entry-form.ts through the engine
// =============================================================================================

const FILES: FileLimits = { maxAttachments: 3, maxFileBytes: 20 * 1024 * 1024, documentTypes: ['application/pdf'] };
const makeEnv = (extra: Partial<EntryFormEnv> = {}): EntryFormEnv => ({ titles: campaignTitles({ kind: 'regular', titles: [] }), files: FILES, summaryMin: 20, summaryMax: 500, ...extra });
const ENV = makeEnv();
const CTX: StepContext<EntryFormEnv> = { now: NOW, env: ENV };
const THEMATIC_CTX: StepContext<EntryFormEnv> = { now: NOW, env: makeEnv({ titles: campaignTitles({ kind: 'thematic', titles: [] }) }) };

const text = (value: string): FormInput => ({ kind: 'text', text: value });
const choose = (step: string, value: string): FormInput => ({ kind: 'choice', step, value });
const command = (name: 'cancel' | 'help' | 'edit' | 'skip'): FormInput => ({ kind: 'command', command: name });
const photo = (fileUniqueId: string, extra: Partial<IncomingFile> = {}): FormInput => ({
  kind: 'file',
  file: { kind: 'photo', channel: 'test', fileId: `file-${fileUniqueId}`, fileUniqueId, mimeType: 'image/jpeg', sizeBytes: 150_000, ...extra },
});

const send = (draft: Draft, input: FormInput, ctx: StepContext<EntryFormEnv> = CTX): AdvanceResult => advance(entryForm, draft, input, ctx);

const ACHIEVEMENT = 'Vận động 45 hộ hiến đất mở rộng ngõ 12; tổ chức 6 buổi sinh hoạt khuyến học năm 2026.';

/** One good answer per step (an individual, Chiến sĩ thi đua cơ sở, no report). */
const DEFAULTS: Record<string, FormInput> = {
  entryKind: choose('entryKind', 'individual'),
  entryName: text('nguyễn văn hoà'),
  gender: choose('gender', 'male'),
  entryBirthYear: text('1980'),
  entryRole: choose('entryRole', '_skip'),
  workplace: text('tổ dân phố số 3, phường Xuân Phương'),
  title: choose('title', 'chien-si-thi-dua-co-so'),
  achievement: text(ACHIEVEMENT),
  report: choose('report', 'none'),
};

const COLLECTIVE = { entryKind: choose('entryKind', 'collective'), entryName: text('trường THCS Xuân Phương'), title: choose('title', 'tap-the-lao-dong-xuat-sac') };
const HOUSEHOLD = { entryKind: choose('entryKind', 'household'), entryName: text('trần thị bình'), gender: choose('gender', 'female'), title: choose('title', 'gia-dinh-van-hoa') };

interface Filled {
  draft: Draft;
  last: AdvanceResult | undefined;
  visited: string[];
  /** The reply to each step's answer, keyed by the step answered. */
  replies: Record<string, AdvanceResult>;
}

/** Answers step after step until the draft reaches `until`; a refused answer fails with the reply's keys. */
function fill(answers: Partial<Record<string, FormInput>> = {}, until: string = SUMMARY_STEP, from?: Draft, ctx = CTX): Filled {
  let draft = from ?? newDraft(entryForm, 'entry-1', NOW);
  let last: AdvanceResult | undefined;
  const visited: string[] = [];
  const replies: Record<string, AdvanceResult> = {};
  while (draft.stepId !== until) {
    if (visited.length > entryForm.steps.length) throw new Error(`never reached ${until}; visited ${visited.join(', ')}`);
    const input = answers[draft.stepId] ?? DEFAULTS[draft.stepId];
    if (!input) throw new Error(`no answer for step ${draft.stepId}`);
    visited.push(draft.stepId);
    const result = send(draft, input, ctx);
    if (!result.draft) throw new Error(`draft ended (${result.outcome}) at ${draft.stepId}`);
    if (result.draft.stepId === draft.stepId) throw new Error(`stuck at ${draft.stepId}: ${JSON.stringify(replyKeys(result))}`);
    replies[draft.stepId] = result;
    draft = result.draft;
    last = result;
  }
  return { draft, last, visited, replies };
}

const at = (step: string, answers: Partial<Record<string, FormInput>> = {}, ctx = CTX): Draft => fill(answers, step, undefined, ctx).draft;

/** From the summary, opens the edit menu and the field `stepId`. */
function openField(draft: Draft, stepId: string, ctx = CTX): Draft {
  const menu = draftOf(send(draft, choose(SUMMARY_STEP, 'edit'), ctx));
  return draftOf(send(menu, choose(SUMMARY_STEP, `edit:${stepId}`), ctx));
}

describe('the entry form: an individual, start to finish', () => {
  it('starts at the kind of nominee, offering the three kinds', () => {
    const draft = newDraft(entryForm, 'entry-1', NOW);
    expect(draft.formId).toBe(ENTRY_FORM_ID);
    expect(draft.formVersion).toBe(ENTRY_FORM_VERSION);
    const question = ask(entryForm, draft, CTX);
    expect(keys(question)).toEqual(['ask-entryKind']);
    expect(values(question)).toEqual(['individual', 'collective', 'household']);
    expect(labels(question)).toEqual(['entry-kind-individual', 'entry-kind-collective', 'entry-kind-household']);
  });

  it('asks each step in turn, a photo then "done" at the report, and submits from the summary', () => {
    let draft = newDraft(entryForm, 'entry-1', NOW);
    const step = (input: FormInput, expectedStep: string, expectedKeys: string[][], expectedValues?: string[]) => {
      const result = send(draft, input);
      expect(result.outcome).toBe('continue');
      draft = draftOf(result);
      expect(draft.stepId).toBe(expectedStep);
      expect(replyKeys(result)).toEqual(expectedKeys);
      if (expectedValues) expect(values(lastMessage(result))).toEqual(expectedValues);
      return result;
    };

    step(choose('entryKind', 'individual'), 'entryName', [['ask-entryName-individual']], []);
    step(text('nguyễn  văn HOÀ'), 'gender', [['ask-gender']], ['male', 'female']);
    step(choose('gender', 'male'), 'entryBirthYear', [['ask-entryBirthYear']], ['_skip']);
    step(text('1980'), 'entryRole', [['ask-entryRole']], ['_skip']);
    step(choose('entryRole', '_skip'), 'workplace', [['ask-workplace']], ['_skip']);
    const titled = step(text('tổ dân phố số 3, phường Xuân Phương'), 'title', [['ask-title']], ['lao-dong-tien-tien', 'chien-si-thi-dua-co-so', 'giay-khen', 'bang-khen']);
    expect(lastMessage(titled).choices?.step).toBe('title');
    expect(labels(lastMessage(titled))).toEqual(['title-lao-dong-tien-tien', 'title-chien-si-thi-dua-co-so', 'title-giay-khen', 'title-bang-khen']);
    const achieved = step(choose('title', 'chien-si-thi-dua-co-so'), 'achievement', [['ask-achievement']], []);
    expect(argsOf(lastMessage(achieved).parts[0])).toEqual({ min: 20, max: 500 });
    step(text(ACHIEVEMENT), 'report', [['ask-report']], ['none']);

    const received = send(draft, photo('p1'));
    draft = draftOf(received);
    expect(draft.stepId).toBe('report');
    expect(replyKeys(received)).toEqual([['report-received']]);
    expect(values(lastMessage(received))).toEqual(['done']);
    expect(received.effects).toEqual([{ type: 'store-attachment', fileUniqueId: 'p1' }]);
    expect(draft.attachments.map((attachment) => attachment.fileUniqueId)).toEqual(['p1']);

    const summary = step(text('xong'), SUMMARY_STEP, [['entry-summary-title', 'lines', 'entry-summary-hint']], ['submit', 'edit', 'cancel']);
    expect(labels(lastMessage(summary))).toEqual(['btn-entry-save', 'btn-edit', 'btn-cancel']);
    expect(draft.ui.reachedSummary).toBe(true);
    expect(summaryLines(lastMessage(summary))).toEqual([
      ['field-entryKind', 'entry-kind-individual'],
      ['field-entryName', 'Nguyễn Văn Hoà'],
      ['field-gender', 'gender-male'],
      ['field-entryBirthYear', '1980'],
      ['field-entryRole', 'summary-not-given'],
      ['field-workplace', 'Tổ dân phố số 3, phường Xuân Phương'],
      ['field-title', 'title-chien-si-thi-dua-co-so'],
      ['field-achievement', ACHIEVEMENT],
      ['field-report', 'summary-evidence-count{"count":1}'],
    ]);

    const submitted = send(draft, choose(SUMMARY_STEP, 'submit'));
    expect(submitted.outcome).toBe('submit');
    expect(toEntryInput(draftOf(submitted))).toEqual({
      kind: 'individual',
      name: 'Nguyễn Văn Hoà',
      gender: 'male',
      birthYear: 1980,
      role: null,
      workplace: 'Tổ dân phố số 3, phường Xuân Phương',
      title: 'chien-si-thi-dua-co-so',
      summary: ACHIEVEMENT,
    });
  });

  it('the defaults walk visits every step of an individual, in order', () => {
    const { visited, draft } = fill();
    expect(visited).toEqual(['entryKind', 'entryName', 'gender', 'entryBirthYear', 'entryRole', 'workplace', 'title', 'achievement', 'report']);
    expect(draft.answers).toEqual({
      entryKind: 'individual',
      entryName: 'Nguyễn Văn Hoà',
      gender: 'male',
      entryBirthYear: 1980,
      entryRole: null,
      workplace: 'Tổ dân phố số 3, phường Xuân Phương',
      title: 'chien-si-thi-dua-co-so',
      achievement: ACHIEVEMENT,
      report: 0,
    });
  });

  it('a collective skips gender, year of birth, role and workplace, and is offered only collective titles', () => {
    const { visited, draft, replies } = fill(COLLECTIVE);
    expect(visited).toEqual(['entryKind', 'entryName', 'title', 'achievement', 'report']);
    expect(replyKeys(replies.entryKind!)).toEqual([['ask-entryName-collective']]);
    const titleQuestion = lastMessage(replies.entryName!);
    expect(keys(titleQuestion)).toEqual(['ask-title']);
    expect(values(titleQuestion)).toEqual(['tap-the-lao-dong-tien-tien', 'tap-the-lao-dong-xuat-sac', 'to-dan-pho-van-hoa', 'giay-khen', 'bang-khen']);
    expect(toEntryInput(draft)).toEqual({
      kind: 'collective',
      name: 'Trường THCS Xuân Phương',
      gender: null,
      birthYear: null,
      role: null,
      workplace: null,
      title: 'tap-the-lao-dong-xuat-sac',
      summary: ACHIEVEMENT,
    });
    const fields = summaryLines(lastMessage(replies.report!)).map(([field]) => field);
    expect(fields).toEqual(['field-entryKind', 'field-entryName', 'field-title', 'field-achievement', 'field-report']);
  });

  it('a household is asked whether the head of household is a man or a woman, and its address, but no year nor role', () => {
    const { visited, draft, replies } = fill(HOUSEHOLD);
    expect(visited).toEqual(['entryKind', 'entryName', 'gender', 'workplace', 'title', 'achievement', 'report']);
    expect(replyKeys(replies.entryKind!)).toEqual([['ask-entryName-household']]);
    expect(replyKeys(replies.entryName!)).toEqual([['ask-gender-household']]);
    expect(values(lastMessage(replies.entryName!))).toEqual(['male', 'female']);
    expect(replyKeys(replies.gender!)).toEqual([['ask-workplace-household']]);
    expect(values(lastMessage(replies.workplace!))).toEqual(['gia-dinh-van-hoa', 'giay-khen', 'bang-khen']);
    expect(toEntryInput(draft)).toEqual({
      kind: 'household',
      name: 'Trần Thị Bình',
      gender: 'female',
      birthYear: null,
      role: null,
      workplace: 'Tổ dân phố số 3, phường Xuân Phương',
      title: 'gia-dinh-van-hoa',
      summary: ACHIEVEMENT,
    });
  });

  it.each<[EntryKind, string[]]>([
    ['individual', ['giay-khen', 'bang-khen', 'nguoi-tot-viec-tot']],
    ['collective', ['giay-khen', 'bang-khen', 'nguoi-tot-viec-tot']],
    ['household', ['giay-khen', 'bang-khen']],
  ])("a thematic campaign offers a(n) %s its forms of commendation", (kind, offered) => {
    const draft = at('title', { entryKind: choose('entryKind', kind), entryName: text(kind === 'collective' ? 'tổ dân phố số 5' : 'lê văn cường') }, THEMATIC_CTX);
    expect(values(ask(entryForm, draft, THEMATIC_CTX))).toEqual(offered);
  });

  it("the campaign's own list decides what is offered", () => {
    const ctx = { now: NOW, env: makeEnv({ titles: campaignTitles({ kind: 'regular', titles: ['bieu-duong', 'giay-khen'] }) }) };
    expect(values(ask(entryForm, at('title', {}, ctx), ctx))).toEqual(['bieu-duong', 'giay-khen']);
  });

  it('when the campaign awards nothing to this kind, says so and offers only to choose another kind', () => {
    const ctx = { now: NOW, env: makeEnv({ titles: ['lao-dong-tien-tien'] }) };
    const draft = at('title', COLLECTIVE, ctx);
    const question = ask(entryForm, draft, ctx);
    expect(keys(question)).toEqual(['title-none-for-kind']);
    expect(values(question)).toEqual(['rekind']);
  });

  it('typed "xong" and the "none" button both close the report step with no file', () => {
    const none = fill({}, SUMMARY_STEP).draft;
    const typed = fill({ report: text('Xong') }, SUMMARY_STEP).draft;
    expect(none.answers.report).toBe(0);
    expect(typed.answers.report).toBe(0);
    expect(summaryLines(ask(entryForm, none, CTX))).toContainEqual(['field-report', 'summary-not-given']);
  });
});

describe('the entry form: refused answers keep everything', () => {
  it.each<[string, string, FormInput]>([
    ['a title not on the campaign list (forged button)', 'individual', choose('title', 'nguoi-tot-viec-tot')],
    ['a collective title for an individual', 'individual', choose('title', 'tap-the-lao-dong-xuat-sac')],
    ['Gia đình văn hóa for an individual', 'individual', choose('title', 'gia-dinh-van-hoa')],
    ['an unknown title', 'individual', choose('title', 'huan-chuong')],
    ['Lao động tiên tiến for a collective', 'collective', choose('title', 'lao-dong-tien-tien')],
    ['a typed title', 'individual', text('Giấy khen')],
  ])('%s is refused with choose-from-buttons', (_label, kind, input) => {
    const draft = at('title', kind === 'collective' ? COLLECTIVE : {});
    const result = send(draft, input);
    expect(replyKeys(result)).toEqual([['choose-from-buttons', 'ask-title']]);
    expect(draftOf(result).stepId).toBe('title');
    expect(draftOf(result).answers).toEqual(draft.answers);
  });

  it.each<[string, string, number]>([
    ['Tốt.', 'achievement-too-short', 4],
    ['   Làm   tốt   việc  ', 'achievement-too-short', 12],
    ['Tốt'.normalize('NFD'), 'achievement-too-short', 3],
  ])('an achievement summary %j is too short', (typed, key, length) => {
    const draft = at('achievement');
    const result = send(draft, text(typed));
    expect(replyKeys(result)).toEqual([[key, 'ask-achievement']]);
    expect(argsOf(result.messages[0]!.parts[0])).toEqual({ min: 20, length });
    expect(draftOf(result).stepId).toBe('achievement');
    expect(draftOf(result).answers).toEqual(draft.answers);
  });

  it('an achievement summary of exactly the minimum passes, NFD letters counted once', () => {
    const exactly = 'Hoàn thành nhiệm vụ.'.normalize('NFD');
    expect([...exactly.normalize('NFC')].length).toBe(20);
    const result = send(at('achievement'), text(exactly));
    expect(draftOf(result).stepId).toBe('report');
    expect(draftOf(result).answers.achievement).toBe('Hoàn thành nhiệm vụ.');
  });

  it('an achievement summary over the maximum is refused with description-too-long', () => {
    const draft = at('achievement');
    const result = send(draft, text('a'.repeat(501)));
    expect(replyKeys(result)).toEqual([['description-too-long', 'ask-achievement']]);
    expect(argsOf(result.messages[0]!.parts[0])).toEqual({ max: 500, length: 501 });
    expect(draftOf(result).answers).toEqual(draft.answers);
  });

  it('a kind not among the three is refused', () => {
    const draft = newDraft(entryForm, 'entry-1', NOW);
    const result = send(draft, choose('entryKind', 'family'));
    expect(replyKeys(result)).toEqual([['choose-from-buttons', 'ask-entryKind']]);
    expect(draftOf(result).stepId).toBe('entryKind');
  });

  it.each<[string, Partial<Record<string, FormInput>>, string]>([
    ['a one-word person name', {}, 'name-full-please'],
    ['a too short collective name', COLLECTIVE, 'collective-name-empty'],
  ])('%s is refused', (_label, answers, key) => {
    const draft = at('entryName', answers);
    const result = send(draft, text(key === 'collective-name-empty' ? 'ab' : 'An'));
    expect(keys(result.messages[0])[0]).toBe(key);
    expect(draftOf(result).stepId).toBe('entryName');
  });

  it('skipping the title is not allowed', () => {
    const draft = at('title');
    const result = send(draft, command('skip'));
    expect(replyKeys(result)).toEqual([['skip-not-allowed', 'ask-title']]);
    expect(draftOf(result).stepId).toBe('title');
  });
});

describe('the entry form: editing from the summary', () => {
  it('the edit menu of an individual lists every field; a collective has no person fields', () => {
    const menu = (draft: Draft) => lastMessage(send(draft, choose(SUMMARY_STEP, 'edit')));
    expect(values(menu(fill().draft))).toEqual([
      'edit:entryKind',
      'edit:entryName',
      'edit:gender',
      'edit:entryBirthYear',
      'edit:entryRole',
      'edit:workplace',
      'edit:title',
      'edit:achievement',
      'edit:report',
      'back',
    ]);
    expect(values(menu(fill(COLLECTIVE).draft))).toEqual(['edit:entryKind', 'edit:entryName', 'edit:title', 'edit:achievement', 'edit:report', 'back']);
  });

  it('changing an individual into a collective clears name, gender, year, role, workplace and title; asks name and title again', () => {
    const { draft } = fill({ entryRole: text('tổ trưởng') });
    const opened = openField(draft, 'entryKind');
    expect(opened.stepId).toBe('entryKind');
    const changed = send(opened, choose('entryKind', 'collective'));
    const next = draftOf(changed);
    expect(next.stepId).toBe('entryName');
    expect(replyKeys(changed)).toEqual([['ask-entryName-collective']]);
    for (const cleared of ['entryName', 'gender', 'entryBirthYear', 'entryRole', 'workplace', 'title']) expect(next.answers[cleared], cleared).toBeUndefined();
    expect(next.answers.achievement).toBe(ACHIEVEMENT);
    expect(next.answers.report).toBe(0);

    const named = send(next, text('tổ dân phố số 5'));
    expect(draftOf(named).stepId).toBe('title');
    expect(values(lastMessage(named))).toEqual(['tap-the-lao-dong-tien-tien', 'tap-the-lao-dong-xuat-sac', 'to-dan-pho-van-hoa', 'giay-khen', 'bang-khen']);
    const titled = send(draftOf(named), choose('title', 'to-dan-pho-van-hoa'));
    expect(draftOf(titled).stepId).toBe(SUMMARY_STEP);
    expect(toEntryInput(draftOf(titled))).toEqual({
      kind: 'collective',
      name: 'Tổ dân phố số 5',
      gender: null,
      birthYear: null,
      role: null,
      workplace: null,
      title: 'to-dan-pho-van-hoa',
      summary: ACHIEVEMENT,
    });
  });

  it('changing an individual into a household asks the name, then "ông hay bà", the address and the title', () => {
    const opened = openField(fill().draft, 'entryKind');
    const { visited, draft, replies } = fill({ entryKind: choose('entryKind', 'household'), entryName: text('lê văn cường'), title: choose('title', 'gia-dinh-van-hoa') }, SUMMARY_STEP, opened);
    expect(visited).toEqual(['entryKind', 'entryName', 'gender', 'workplace', 'title']);
    expect(replyKeys(replies.entryName!)).toEqual([['ask-gender-household']]);
    expect(draft.answers.entryName).toBe('Lê Văn Cường');
    expect(toEntryInput(draft).birthYear).toBeNull();
  });

  it('choosing the same kind again keeps every answer and goes back to the summary', () => {
    const { draft } = fill();
    const result = send(openField(draft, 'entryKind'), choose('entryKind', 'individual'));
    expect(draftOf(result).stepId).toBe(SUMMARY_STEP);
    expect(draftOf(result).answers).toEqual(draft.answers);
    expect(keys(lastMessage(result))[0]).toBe('entry-summary-title');
  });

  it('editing the title offers the titles of the kind and goes back to the summary', () => {
    const { draft } = fill();
    const opened = openField(draft, 'title');
    expect(values(ask(entryForm, opened, CTX))).toEqual(['lao-dong-tien-tien', 'chien-si-thi-dua-co-so', 'giay-khen', 'bang-khen']);
    const result = send(opened, choose('title', 'lao-dong-tien-tien'));
    expect(draftOf(result).stepId).toBe(SUMMARY_STEP);
    expect(draftOf(result).answers).toEqual({ ...draft.answers, title: 'lao-dong-tien-tien' });
  });

  it.each(['luu', 'Lưu', 'LƯU', 'gửi', 'xong', 'save'])('typed %j at the summary saves the entry', (typed) => {
    const { draft } = fill();
    const result = send(draft, text(typed));
    expect(result.outcome).toBe('submit');
    expect(toEntryInput(draftOf(result)).name).toBe('Nguyễn Văn Hoà');
  });

  it('other typed words at the summary are refused, pointing at the buttons', () => {
    const { draft } = fill();
    const result = send(draft, text('ok'));
    expect(result.outcome).toBe('continue');
    expect(keys(result.messages[0])[0]).toBe('summary-use-buttons');
    expect(draftOf(result).stepId).toBe(SUMMARY_STEP);
  });

  it('when no title fits the kind, "Chọn lại đối tượng" goes back to the kind, keeping the name typed', () => {
    const ctx = { now: NOW, env: makeEnv({ titles: ['lao-dong-tien-tien'] }) };
    const draft = at('title', COLLECTIVE, ctx);
    expect(keys(ask(entryForm, draft, ctx))).toEqual(['title-none-for-kind']);
    const result = send(draft, choose('title', 'rekind'), ctx);
    expect(draftOf(result).stepId).toBe('entryKind');
    expect(draftOf(result).answers.entryName).toBe(draft.answers.entryName);
    expect(replyKeys(result).flat()).toEqual(['ask-entryKind']);
  });

  it('an entry whose name and title were cleared asks them again: /sua and "Lưu" both lead to the missing answer', () => {
    const opened = openField(fill().draft, 'entryKind');
    const changed = draftOf(send(opened, choose('entryKind', 'collective')));
    expect(changed.answers.entryName).toBeUndefined();
    const back = draftOf(send(changed, command('edit')));
    expect(back.stepId).toBe('entryName');
    const forced = send({ ...back, stepId: SUMMARY_STEP }, choose(SUMMARY_STEP, 'submit'));
    expect(forced.outcome).toBe('continue');
    expect(draftOf(forced).stepId).toBe('entryName');
    expect(replyKeys(forced).flat()[0]).toBe('form-answer-missing');
  });
});

describe('draftOfEntry: editing an entry already in the list', () => {
  const individual = entry(4, {
    position: 2,
    name: 'Nguyễn Văn Hoà',
    gender: 'male',
    birthYear: 1980,
    role: 'Tổ trưởng',
    workplace: 'Tổ dân phố số 3',
    title: 'chien-si-thi-dua-co-so',
    summary: ACHIEVEMENT,
    files: 2,
  });

  it("a complete entry opens on the summary's list of fields to change, with its answers and files counted", () => {
    const draft = draftOfEntry(individual, 'edit-1', { proposalId: 7, entryId: 4 }, NOW);
    expect(draft).toMatchObject({ id: 'edit-1', formId: ENTRY_FORM_ID, formVersion: ENTRY_FORM_VERSION, stepId: SUMMARY_STEP, attachments: [], createdAt: NOW, updatedAt: NOW });
    expect(draft.ui).toEqual({ reachedSummary: true, editMenu: true, context: { proposalId: 7, entryId: 4, existingFiles: 2 } });
    expect(draft.answers).toEqual({
      entryKind: 'individual',
      entryName: 'Nguyễn Văn Hoà',
      gender: 'male',
      entryBirthYear: 1980,
      entryRole: 'Tổ trưởng',
      workplace: 'Tổ dân phố số 3',
      title: 'chien-si-thi-dua-co-so',
      achievement: ACHIEVEMENT,
      report: 2,
    });
    const menu = ask(entryForm, draft, CTX);
    expect(keys(menu)).toEqual(['edit-choose-field']);
    expect(values(menu)).toEqual([
      'edit:entryKind',
      'edit:entryName',
      'edit:gender',
      'edit:entryBirthYear',
      'edit:entryRole',
      'edit:workplace',
      'edit:title',
      'edit:achievement',
      'edit:report',
      'back',
    ]);
    const back = send(draft, choose(SUMMARY_STEP, 'back'));
    expect(draftOf(back).stepId).toBe(SUMMARY_STEP);
    expect(replyKeys(back)).toEqual([['entry-summary-title', 'lines', 'entry-summary-hint']]);
    expect(summaryLines(lastMessage(back))).toContainEqual(['field-report', 'summary-evidence-count{"count":2}']);
  });

  it('saving it unchanged gives back the same entry', () => {
    const draft = draftOfEntry(individual, 'edit-1', { proposalId: 7, entryId: 4 }, NOW);
    const result = send(draft, text('luu'));
    expect(result.outcome).toBe('submit');
    const { kind, name, gender, birthYear, role, workplace, title, summary } = individual;
    expect(toEntryInput(draftOf(result))).toEqual({ kind, name, gender, birthYear, role, workplace, title, summary });
  });

  it("a photo added while editing counts with the entry's stored files", () => {
    const draft = draftOfEntry(individual, 'edit-1', { proposalId: 7, entryId: 4 }, NOW);
    const opened = openField(draft, 'report');
    const withPhoto = draftOf(send(opened, photo('p9')));
    const summary = send(withPhoto, choose('report', 'done'));
    expect(draftOf(summary).stepId).toBe(SUMMARY_STEP);
    expect(summaryLines(lastMessage(summary))).toContainEqual(['field-report', 'summary-evidence-count{"count":3}']);
  });

  it.each<[string, Partial<EntryView>, string, string[], FormInput[]]>([
    ["an individual from a resident's nomination, without gender", { gender: null, nominationId: 5, nominationCode: 'DX-0005' }, 'gender', ['ask-gender'], [choose('gender', 'female')]],
    ['an individual without a title', { title: null }, 'title', ['ask-title'], [choose('title', 'giay-khen')]],
    ['an individual without gender nor title: gender first', { gender: null, title: null }, 'gender', ['ask-gender'], [choose('gender', 'male'), choose('title', 'giay-khen')]],
    ['a household without gender', { kind: 'household', gender: null, title: 'gia-dinh-van-hoa' }, 'gender', ['ask-gender-household'], [choose('gender', 'male')]],
    ['a collective without a title', { kind: 'collective', name: 'Tổ dân phố số 5', gender: null, title: null }, 'title', ['ask-title'], [choose('title', 'to-dan-pho-van-hoa')]],
  ])('%s opens at the missing step, then the summary', (_label, extra, stepId, askKeys, answers) => {
    const draft = draftOfEntry(entry(4, { ...extra, summary: ACHIEVEMENT }), 'edit-1', { proposalId: 7, entryId: 4 }, NOW);
    expect(draft.stepId).toBe(stepId);
    expect(draft.ui.editMenu).toBe(false);
    expect(keys(ask(entryForm, draft, CTX))).toEqual(askKeys);
    let current = draft;
    for (const input of answers) current = draftOf(send(current, input));
    expect(current.stepId).toBe(SUMMARY_STEP);
  });

  it("a collective's draft holds no person answers", () => {
    const draft = draftOfEntry(entry(4, { kind: 'collective', name: 'Tổ dân phố số 5', gender: null, title: 'to-dan-pho-van-hoa' }), 'edit-1', { proposalId: 7 }, NOW);
    expect(Object.keys(draft.answers).sort()).toEqual(['achievement', 'entryKind', 'entryName', 'report', 'title']);
    expect(draft.stepId).toBe(SUMMARY_STEP);
  });

  it('an individual without year, role or workplace is complete (they are optional)', () => {
    const draft = draftOfEntry(entry(4, { birthYear: null, role: null, workplace: null }), 'edit-1', { proposalId: 7 }, NOW);
    expect(draft.stepId).toBe(SUMMARY_STEP);
    const summary = lastMessage(send(draft, choose(SUMMARY_STEP, 'back')));
    expect(summaryLines(summary)).toContainEqual(['field-entryBirthYear', 'summary-not-given']);
  });
});

// =============================================================================================
// messages.ts
// =============================================================================================

describe('nomineeText', () => {
  it.each<[EntryKind, 'male' | 'female' | null, string, Text]>([
    ['individual', 'male', 'Nguyễn Văn An', { key: 'nominee-male', args: { name: 'Nguyễn Văn An' } }],
    ['individual', 'female', 'Trần Thị Bình', { key: 'nominee-female', args: { name: 'Trần Thị Bình' } }],
    ['individual', null, 'Lê Văn Cường', { raw: 'Lê Văn Cường' }],
    ['household', 'male', 'Nguyễn Văn An', { key: 'nominee-household-male', args: { name: 'Nguyễn Văn An' } }],
    ['household', 'female', 'Trần Thị Bình', { key: 'nominee-household-female', args: { name: 'Trần Thị Bình' } }],
    ['household', null, 'Lê Văn Cường', { key: 'nominee-household', args: { name: 'Lê Văn Cường' } }],
    ['collective', null, 'Tổ dân phố số 5', { raw: 'Tổ dân phố số 5' }],
    ['collective', 'male', 'Trường THCS Xuân Phương', { raw: 'Trường THCS Xuân Phương' }],
  ])('%s, %s, %s', (kind, gender, name, expected) => {
    expect(nomineeText({ kind, gender, name })).toEqual(expected);
  });
});

describe('checkText', () => {
  it.each<[ProposalWarning | ProposalProblem, string]>([
    [{ kind: 'empty' }, 'pl-problem-empty'],
    [{ kind: 'no-title', position: 2 }, 'pl-problem-no-title'],
    [{ kind: 'duplicate', name: 'A', positions: [1, 3] }, 'pl-warn-duplicate'],
    [{ kind: 'duplicate-elsewhere', name: 'A', position: 1, unit: 'B' }, 'pl-warn-duplicate-elsewhere'],
    [{ kind: 'title-not-awarded', position: 1, title: 'giay-khen' }, 'pl-warn-title-not-awarded'],
    [{ kind: 'title-scope', position: 1, title: 'giay-khen', entryKind: 'household' }, 'pl-warn-title-scope'],
    [{ kind: 'proportion', title: 'chien-si-thi-dua-co-so', base: 'lao-dong-tien-tien', percent: 15, count: 4, baseCount: 20, max: 3 }, 'pl-warn-proportion'],
    [{ kind: 'no-minutes' }, 'pl-warn-no-minutes'],
  ])('%j → %s', (item, key) => {
    expect(keyOf(checkText(item))).toBe(key);
  });

  it('a duplicate lists its positions, a proportion its numbers', () => {
    expect(argsOf(checkText({ kind: 'duplicate', name: 'Nguyễn Văn An', positions: [1, 3, 4] }))).toEqual({ name: 'Nguyễn Văn An', positions: '1, 3, 4' });
    expect(argsOf(checkText({ kind: 'proportion', title: 'chien-si-thi-dua-co-so', base: 'lao-dong-tien-tien', percent: 15, count: 4, baseCount: 20, max: 3 }))).toEqual({
      title: { key: 'title-chien-si-thi-dua-co-so' },
      base: { key: 'title-lao-dong-tien-tien' },
      percent: 15,
      count: 4,
      baseCount: 20,
      max: 3,
    });
  });
});

describe('listScreen', () => {
  const screenCtx = (extra: Partial<ListScreenContext> = {}): ListScreenContext => ({
    campaign: 'Thi đua năm 2026',
    unit: 'Tổ dân phố số 3',
    deadline: '2026-11-30',
    checks: [{ kind: 'no-minutes' }],
    draftInProgress: false,
    residentsAvailable: 0,
    ...extra,
  });
  const twoEntries = [entry(1, { name: 'Nguyễn Văn An' }), entry(2, { name: 'Trần Thị Bình', gender: 'female' })];

  it.each<[ListStatus, string[]]>([
    ['draft', ['a:7', 'v:7:1', 'v:7:2', 'm:7', 's:7', 'menu']],
    ['returned', ['a:7', 'v:7:1', 'v:7:2', 'm:7', 's:7', 'menu']],
    ['submitted', ['v:7:1', 'v:7:2', 'menu']],
    ['accepted', ['v:7:1', 'v:7:2', 'menu']],
  ])('a %s list offers %j', (status, expected) => {
    const screen = listScreen(proposal({ status, entries: twoEntries, submittedAt: NOW, submissions: status === 'draft' ? 0 : 1 }), screenCtx({ residentsAvailable: 0 }));
    expect(values(screen)).toEqual(expected);
    expect(screen.choices?.step).toBe(PROPOSAL_STEP);
  });

  it.each<[ListStatus, boolean]>([
    ['draft', true],
    ['returned', true],
    ['submitted', false],
    ['accepted', false],
  ])("a %s list: resume/discard and residents' nominations offered %s", (status, offered) => {
    const screen = listScreen(proposal({ status, entries: twoEntries, submittedAt: NOW }), screenCtx({ draftInProgress: true, residentsAvailable: 3 }));
    const shown = values(screen);
    for (const value of ['r:7', 'R:7', 'n:7']) expect(shown.includes(value), value).toBe(offered);
    expect(shown).not.toContain('a:7');
    if (offered) {
      const residents = screen.choices!.rows.flat().find((choice) => choice.value === 'n:7')!;
      expect(residents.label).toEqual({ key: 'btn-pl-from-residents', args: { count: 3 } });
    }
  });

  it.each<[ListStatus, boolean]>([
    ['draft', true],
    ['returned', true],
    ['submitted', false],
    ['accepted', false],
  ])('a %s list shows its checks: %s', (status, shown) => {
    const screen = listScreen(proposal({ status, entries: twoEntries, submittedAt: NOW }), screenCtx({ checks: [{ kind: 'duplicate', name: 'A', positions: [1, 2] }, { kind: 'no-minutes' }] }));
    expect(keys(screen).includes('pl-checks-title')).toBe(shown);
    if (shown) expect(lineKeys(screen.parts[keys(screen).indexOf('pl-checks-title') + 1])).toEqual(['pl-warn-duplicate', 'pl-warn-no-minutes']);
  });

  it.each<[Partial<ProposalView>, string]>([
    [{ status: 'draft' }, 'pl-status-draft'],
    [{ status: 'returned', returnReason: 'Thiếu biên bản' }, 'pl-status-returned-list'],
    [{ status: 'returned', returnReason: null }, 'pl-status-returned-entries'],
    [{ status: 'submitted', submittedAt: NOW }, 'pl-status-submitted'],
    [{ status: 'submitted', submittedAt: NOW, late: true }, 'pl-status-submitted-late'],
    [{ status: 'accepted', submittedAt: NOW, late: true }, 'pl-status-accepted'],
  ])('status line of %j is %s', (extra, key) => {
    const screen = listScreen(proposal(extra), screenCtx({ checks: [] }));
    expect(keys(screen).slice(0, 2)).toEqual(['pl-title', key]);
  });

  it('a long list pages its entry buttons by 30 (Telegram holds about 100 buttons), the text still naming every entry', () => {
    const many = Array.from({ length: 65 }, (_, index) => entry(index + 1, { position: index + 1, name: `Người số ${index + 1}` }));
    const first = listScreen(proposal({ entries: many }), screenCtx({ checks: [] }));
    const opens = (message: OutMessage) => values(message).filter((value) => value.startsWith('v:'));
    expect(opens(first)).toHaveLength(30);
    expect(values(first)).toContain('g:7:1');
    expect(values(first)).not.toContain('g:7:-1');
    const last = listScreen(proposal({ entries: many }), screenCtx({ checks: [], page: 2 }));
    expect(opens(last)).toEqual(many.slice(60).map((one) => `v:7:${one.id}`));
    expect(values(last)).toContain('g:7:1');
    expect(values(last)).not.toContain('g:7:3');
    expect(values(councilListScreen(proposal({ status: 'submitted', entries: many }), { campaign: 'C', unit: 'U', deadline: '2026-12-10', page: 1 })).filter((value) => value.startsWith('cg:'))).toEqual(['cg:7:0', 'cg:7:2']);
  });

  it('an empty draft says so, and shows whether minutes are attached', () => {
    const empty = listScreen(proposal({ entries: [], minutes: 0 }), screenCtx({ checks: [] }));
    expect(keys(empty)).toEqual(['pl-title', 'pl-status-draft', 'pl-no-entries', 'pl-minutes-none']);
    expect(values(empty)).toEqual(['a:7', 'm:7', 's:7', 'menu']);
    const withMinutes = listScreen(proposal({ minutes: 2 }), screenCtx({ checks: [] }));
    expect(keys(withMinutes)[3]).toBe('pl-minutes-count');
    expect(argsOf(withMinutes.parts[3])).toEqual({ count: 2 });
  });

  it('lists each entry with its nominee, title and state', () => {
    const entries = [
      entry(1, { name: 'Nguyễn Văn An', birthYear: 1980, files: 2 }),
      entry(2, { name: 'Tổ dân phố số 5', kind: 'collective', gender: null, title: null, nominationCode: 'DX-0005', status: 'returned', returnReason: 'Thiếu số liệu' }),
    ];
    const screen = listScreen(proposal({ status: 'returned', entries }), screenCtx({ checks: [] }));
    const block = screen.parts[2]!;
    expect(lineKeys(block)).toEqual(['pl-entry-line', 'pl-entry-line']);
    const [first, second] = 'lines' in block ? block.lines : [];
    expect(argsOf(first)).toEqual({
      n: 1,
      nominee: { key: 'nominee-male', args: { name: 'Nguyễn Văn An' } },
      year: { key: 'pl-year', args: { year: '1980' } },
      title: { key: 'title-lao-dong-tien-tien' },
      files: { key: 'pl-files', args: { count: 2 } },
      source: '',
      state: '',
    });
    expect(argsOf(second)).toMatchObject({
      nominee: { raw: 'Tổ dân phố số 5' },
      year: '',
      title: { key: 'pl-no-title' },
      source: { key: 'pl-from-resident', args: { code: 'DX-0005' } },
      state: { key: 'pl-entry-returned', args: { reason: 'Thiếu số liệu' } },
    });
  });
});

describe('submitConfirm', () => {
  it.each<[number, ProposalWarning[], boolean, string[], string, string]>([
    [0, [], false, ['pl-submit-confirm'], 'S:7:0', 'btn-pl-submit'],
    [0, [], true, ['pl-submit-confirm', 'pl-submit-late'], 'S:7:0', 'btn-pl-submit'],
    [0, [{ kind: 'no-minutes' }], false, ['pl-submit-confirm', 'pl-checks-confirm', 'lines'], 'S:7:0', 'btn-pl-submit-anyway'],
    [2, [{ kind: 'no-minutes' }], true, ['pl-submit-confirm', 'pl-submit-late', 'pl-checks-confirm', 'lines'], 'S:7:2', 'btn-pl-submit-anyway'],
  ])('submitted %s times, warnings %j, late %s', (submissions, warnings, late, expectedKeys, submitValue, submitLabel) => {
    const view = proposal({ status: submissions ? 'returned' : 'draft', submissions, entries: [entry(1), entry(2), entry(3)] });
    const screen = submitConfirm(view, warnings, late, '2026-11-30');
    expect(keys(screen)).toEqual(expectedKeys);
    expect(argsOf(screen.parts[0])).toEqual({ count: 3 });
    if (late) expect(argsOf(screen.parts[1])).toEqual({ deadline: '30/11/2026' });
    expect(values(screen)).toEqual([submitValue, 'l:7']);
    expect(labels(screen)).toEqual([submitLabel, 'btn-pl-back']);
    expect(screen.choices?.step).toBe(PROPOSAL_STEP);
  });
});

describe("the council's screens", () => {
  const entries = [entry(1, { name: 'Nguyễn Văn An' }), entry(2, { name: 'Trần Thị Bình', status: 'accepted' })];
  const ctx = { campaign: 'Thi đua năm 2026', unit: 'Tổ dân phố số 3', deadline: '2026-11-30' };

  it.each<[ListStatus, string[]]>([
    ['submitted', ['ce:7:1', 'ce:7:2', 'ca:7', 'cr:7', 'cl:3']],
    ['draft', ['ce:7:1', 'ce:7:2', 'cl:3']],
    ['returned', ['ce:7:1', 'ce:7:2', 'cl:3']],
    ['accepted', ['ce:7:1', 'ce:7:2', 'cl:3']],
  ])('a %s list offers %j', (status, expected) => {
    const screen = councilListScreen(proposal({ status, entries, submittedAt: NOW }), ctx);
    expect(values(screen)).toEqual(expected);
    expect(keys(screen)).toEqual(['pl-title', expect.any(String), 'lines', 'pl-minutes-count']);
  });

  it('accept and return are labelled for the whole list', () => {
    const screen = councilListScreen(proposal({ status: 'submitted', entries, submittedAt: NOW }), ctx);
    expect(labels(screen)).toEqual(['pl-entry-button', 'pl-entry-button', 'btn-pl-accept-all', 'btn-pl-return-list', 'btn-pl-units']);
  });

  const entryCases = LIST_STATUSES.flatMap((status) =>
    ENTRY_STATUSES.map((entryStatus) => [status, entryStatus, entryStatus !== 'proposed' ? [] : status === 'submitted' ? ['cy:7:1', 'cx:7:1'] : status === 'returned' ? ['cx:7:1'] : []] as const),
  );
  it.each(entryCases)('one entry of a %s list, the entry %s: offers %j', (status, entryStatus, offered) => {
    const one = entry(1, { status: entryStatus });
    const screen = councilEntryScreen(proposal({ status, entries: [one] }), one);
    expect(values(screen)).toEqual([...offered, 'c:7']);
  });
});
