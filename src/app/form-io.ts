/**
 * What every form in the chat does around the pure engine: a typed button label counts as the
 * button, and files are copied into our own evidence store as they arrive.
 */
import { ask } from '../core/form/engine.js';
import type { Draft, FormDef, FormInput, StepContext } from '../core/form/types.js';
import type { Text } from '../core/messages.js';
import type { EvidenceStore } from '../core/ports.js';
import { foldVietnamese } from '../core/text/normalize.js';
import { errorFields, type Logger } from './logger.js';

/** On a step answered by buttons, a typed label ("ca nhan", "Hôm nay") counts as pressing that button. */
export function typedChoice<Env>(form: FormDef<Env>, draft: Draft, input: FormInput, ctx: StepContext<Env>, labelsOf: (label: Text) => string[]): FormInput {
  if (input.kind !== 'text') return input;
  const folded = foldVietnamese(input.text);
  if (!folded) return input;
  const question = ask(form, draft, ctx);
  if (!question.choices) return input;
  for (const choice of question.choices.rows.flat()) {
    if (labelsOf(choice.label).some((label) => foldVietnamese(label) === folded)) {
      return { kind: 'choice', step: question.choices.step, value: choice.value };
    }
  }
  return input;
}

/** Copies one attachment into the evidence store; a failure is logged and retried later (at submission). */
export async function storeAttachment(evidence: EvidenceStore, draft: Draft, fileUniqueId: string, log: Logger): Promise<Draft> {
  const attachment = draft.attachments.find((candidate) => candidate.fileUniqueId === fileUniqueId);
  if (!attachment || attachment.storageKey) return draft;
  try {
    const stored = await evidence.store(attachment);
    return { ...draft, attachments: draft.attachments.map((candidate) => (candidate.fileUniqueId === fileUniqueId ? { ...candidate, ...stored } : candidate)) };
  } catch (error) {
    log.warn({ event: 'evidence.store_failed', fileUniqueId, ...errorFields(error) });
    return draft;
  }
}

/** Copies every attachment not stored yet. */
export async function storeMissing(evidence: EvidenceStore, draft: Draft, log: Logger): Promise<Draft> {
  let current = draft;
  for (const attachment of draft.attachments) {
    if (!attachment.storageKey) current = await storeAttachment(evidence, current, attachment.fileUniqueId, log);
  }
  return current;
}
