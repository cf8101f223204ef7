/**
 * Reading the core's replies in tests: the i18n keys of messages and buttons, their arguments,
 * and a summary's lines — what a person would see, before any translation.
 */
import { expect } from 'vitest';
import type { AdvanceResult, Draft } from '../../src/core/form/types.js';
import type { OutMessage, Text } from '../../src/core/messages.js';

/** The i18n key of each paragraph (raw text as `raw:…`, a block of lines as `lines`). */
export const keyOf = (part: Text): string => ('key' in part ? part.key : 'raw' in part ? `raw:${part.raw}` : 'lines');
export const keys = (message: OutMessage | undefined): string[] => (message ? message.parts.map(keyOf) : []);
/** Keys of every message of a reply, message by message. */
export const replyKeys = (result: AdvanceResult): string[][] => result.messages.map(keys);
/** The values of the buttons offered. */
export const values = (message: OutMessage | undefined): string[] => message?.choices?.rows.flat().map((choice) => choice.value) ?? [];
/** The label keys of the buttons offered. */
export const labels = (message: OutMessage | undefined): string[] => message?.choices?.rows.flat().map((choice) => keyOf(choice.label)) ?? [];
export const lastMessage = (result: AdvanceResult): OutMessage => result.messages[result.messages.length - 1]!;
export const argsOf = (part: Text | undefined) => (part && 'key' in part ? part.args : undefined);

/** The draft a result continues with (fails the test when the form ended). */
export function draftOf(result: AdvanceResult): Draft {
  expect(result.draft, `draft ended with outcome ${result.outcome}`).not.toBeNull();
  return result.draft!;
}

/** Summary lines as [field key, shown value] pairs. */
export function summaryLines(message: OutMessage): [string, string][] {
  const block = message.parts.find((part) => 'lines' in part);
  if (!block || !('lines' in block)) return [];
  return block.lines.flatMap((line) => {
    if (!('key' in line) || line.key !== 'summary-line') return [];
    const label = line.args!.label as Text;
    const value = line.args!.value as Text;
    const shown = 'key' in value ? `${value.key}${value.args ? JSON.stringify(value.args) : ''}` : 'raw' in value ? value.raw : 'lines';
    return [[keyOf(label), shown] as [string, string]];
  });
}
