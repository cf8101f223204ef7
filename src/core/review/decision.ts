/**
 * Reading a Quyết định as a council secretary types it: "123/QĐ-UBND ngày 20/11/2026",
 * "123/QĐ-UBND 20/11/2026", "số 45/QĐ-CTUBND, 1/12/2026".
 */
import { parsePastDate } from '../text/date.js';
import { cleanLine } from '../text/normalize.js';

export type DecisionResult = { ok: true; number: string; date: string } | { ok: false; reason: 'format' | 'date' };

export function parseDecision(input: string, now: Date): DecisionResult {
  const text = cleanLine(input);
  const match = /^(?:số\s+|no\.?\s+)?(.+?)[\s,;]+(?:ngày\s+|of\s+|dated\s+)?(\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4})$/iu.exec(text);
  if (!match) return { ok: false, reason: 'format' };
  const number = match[1]!.replace(/[\s,;]+$/u, '').trim();
  if (!/\d/.test(number) || number.length > 60) return { ok: false, reason: 'format' };
  const date = parsePastDate(match[2]!, now, 10);
  if (!date.ok) return { ok: false, reason: 'date' };
  return { ok: true, number, date: date.date };
}
