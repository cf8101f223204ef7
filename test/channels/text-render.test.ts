/**
 * Channels without buttons (Zalo, the terminal): numbered choices rendered and read back — by
 * number, by label, by a label typed without accents — out of range and ambiguous answers, texts
 * split to the channel's limit on line boundaries, the "gõ" wording, and word commands.
 */
import { describe, expect, it } from 'vitest';
import { t, type OutMessage } from '../../src/core/messages.js';
import { readTyped, renderNumbered, splitText, type NumberedChoice } from '../../src/channels/text/render.js';
import { parseWordCommand } from '../../src/channels/text-commands.js';
import { strictTranslator } from '../support/db.js';

const translator = strictTranslator();
const labelsOf = (label: Parameters<typeof translator.labels>[0]) => translator.labels(label);

const KINDS: OutMessage = {
  parts: [t('ask-nomineeKind')],
  choices: { step: 'nomineeKind', rows: [[{ value: 'individual', label: t('kind-individual') }], [{ value: 'collective', label: t('kind-collective') }], [{ value: 'household', label: t('kind-household') }]] },
};

describe('renderNumbered', () => {
  it('numbers the choices in order after the question, with the hint, and remembers labels in every locale', () => {
    const rendered = renderNumbered(KINDS, 'vi', translator, { labelsOf });
    expect(rendered.texts).toHaveLength(1);
    expect(rendered.texts[0]).toContain('\n\n1. Cá nhân\n2. Tập thể\n3. Hộ gia đình\n\nGõ số từ 1 đến 3 để chọn, hoặc gõ nội dung.');
    expect(rendered.choices.map((choice) => choice.value)).toEqual(['individual', 'collective', 'household']);
    expect(rendered.choices[0]!.labels).toEqual(['Cá nhân', 'Individual']);
  });

  it('continues the numbering of an earlier message of the same reply', () => {
    const rendered = renderNumbered(KINDS, 'vi', translator, { labelsOf, firstNumber: 5 });
    expect(rendered.texts[0]).toContain('\n\n5. Cá nhân\n6. Tập thể\n7. Hộ gia đình\n\nGõ số từ 5 đến 7 để chọn, hoặc gõ nội dung.');
  });

  it('uses the "--text" wording where one exists ("gõ" instead of "bấm")', () => {
    const text = renderNumbered({ parts: [t('choose-from-buttons')] }, 'vi', translator).texts[0];
    expect(text).toBe('Xin trả lời bằng số thứ tự của một lựa chọn bên dưới, hoặc gõ đúng lựa chọn đó.');
    expect(translator.tr('vi', 'choose-from-buttons')).toBe('Xin chọn một trong các nút bên dưới.');
    expect(renderNumbered({ parts: [t('evidence-received', { count: 1, max: 10 })] }, 'vi', translator).texts[0]).toContain('gõ "Xong"');
  });

  it('splits a long message into parts that fit, on line boundaries, keeping every line', () => {
    const lines = Array.from({ length: 120 }, (_, index) => `Dòng thứ ${index + 1}: Tổ dân phố số ${index + 1} – Phường Xuân Phương`);
    const rendered = renderNumbered({ parts: [{ raw: lines.join('\n') }] }, 'vi', translator, { maxLength: 2000 });
    expect(rendered.texts.length).toBeGreaterThan(2);
    for (const part of rendered.texts) expect([...part].length).toBeLessThanOrEqual(2000);
    expect(rendered.texts.join('\n').split('\n')).toEqual(lines);
  });
});

describe('splitText', () => {
  it.each<[string, string, number, string[]]>([
    ['short text stays whole', 'Xin chào', 2000, ['Xin chào']],
    ['splits on lines', 'một\nhai\nba', 7, ['một\nhai', 'ba']],
    ['a line longer than the limit is cut on spaces', 'một hai ba bốn năm', 8, ['một hai', 'ba bốn', 'năm']],
    ['a word longer than the limit is cut inside', 'abcdefghij', 4, ['abcd', 'efgh', 'ij']],
    ['counts letters, not UTF-16 units or bytes', 'ễễễễ\nễễ', 4, ['ễễễễ', 'ễễ']],
  ])('%s', (_label, text, max, expected) => {
    expect(splitText(text, max)).toEqual(expected);
  });
});

describe('readTyped', () => {
  const choices: NumberedChoice[] = renderNumbered(KINDS, 'vi', translator, { labelsOf }).choices;
  const units: NumberedChoice[] = [
    { step: 'unit', value: 'u1', labels: ['Tổ dân phố số 1 – Phường Tây Mỗ'] },
    { step: 'unit', value: 'u2', labels: ['Tổ dân phố số 1 – Phường Tây Mỗ'] },
    { step: 'unit', value: 'u3', labels: ['Phường Đại Mỗ'] },
  ];
  it.each<[string, string, NumberedChoice[], unknown]>([
    ['a number', '2', choices, { kind: 'choice', step: 'nomineeKind', value: 'collective' }],
    ['a number with a dot and spaces', ' 3. ', choices, { kind: 'choice', step: 'nomineeKind', value: 'household' }],
    ['the label', 'Hộ gia đình', choices, { kind: 'choice', step: 'nomineeKind', value: 'household' }],
    ['the label without accents, any case', 'ca NHAN', choices, { kind: 'choice', step: 'nomineeKind', value: 'individual' }],
    ['the label in English', 'group', choices, { kind: 'choice', step: 'nomineeKind', value: 'collective' }],
    ['đ typed as d', 'phuong dai mo', units, { kind: 'choice', step: 'unit', value: 'u3' }],
    ['out of range', '7', choices, { kind: 'out-of-range', last: 3 }],
    ['zero is out of range', '0', choices, { kind: 'out-of-range', last: 3 }],
    ['two choices with the same label', 'to dan pho so 1 phuong tay mo', units, { kind: 'ambiguous', numbers: [1, 2] }],
    ['a year is an answer, not a choice', '1985', choices, { kind: 'text' }],
    ['a name is an answer', 'Nguyễn Văn An', choices, { kind: 'text' }],
    ['no choices shown: a number is text', '2', [], { kind: 'text' }],
  ])('%s', (_label, text, offered, expected) => {
    expect(readTyped(text, offered)).toEqual(expected);
  });
});

describe('parseWordCommand', () => {
  it.each<[string, unknown]>([
    ['huy', { kind: 'command', command: 'cancel' }],
    ['Hủy', { kind: 'command', command: 'cancel' }],
    ['sửa', { kind: 'command', command: 'edit' }],
    ['trợ giúp', { kind: 'command', command: 'help' }],
    ['cuatoi', { kind: 'menu', action: 'mine' }],
    ['Của tôi', { kind: 'menu', action: 'mine' }],
    ['đề cử', { kind: 'menu', action: 'nominate' }],
    ['menu', { kind: 'start' }],
    ['Bắt đầu', { kind: 'start' }],
    ['help', undefined],
    ['review', undefined],
    ['hủy bỏ việc này', undefined],
    ['Nguyễn Văn Huy', undefined],
  ])('%j', (text, expected) => {
    expect(parseWordCommand(text)).toEqual(expected);
  });
});
