/**
 * What every form in the chat does around the pure engine: a typed button label counts as the
 * button, and files are copied into our own evidence store as they arrive.
 */
import { ask } from '../core/form/engine.js';
import type { Attachment, Draft, FormDef, FormInput, StepContext } from '../core/form/types.js';
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

/** Copies one file into the evidence store (hash and key added); a failure is logged and the file returned as it was. */
export async function storeFile(evidence: EvidenceStore, file: Attachment, log: Logger): Promise<Attachment> {
  if (file.storageKey) return file;
  try {
    return { ...file, ...(await evidence.store(file)) };
  } catch (error) {
    log.warn({ event: 'evidence.store_failed', fileUniqueId: file.fileUniqueId, ...errorFields(error) });
    return file;
  }
}

/** Copies one attachment of a draft into the evidence store; a failure is retried later (at submission). */
export async function storeAttachment(evidence: EvidenceStore, draft: Draft, fileUniqueId: string, log: Logger): Promise<Draft> {
  const attachment = draft.attachments.find((candidate) => candidate.fileUniqueId === fileUniqueId);
  if (!attachment || attachment.storageKey) return draft;
  const stored = await storeFile(evidence, attachment, log);
  return stored === attachment ? draft : { ...draft, attachments: draft.attachments.map((candidate) => (candidate.fileUniqueId === fileUniqueId ? stored : candidate)) };
}

/** Copies every attachment not stored yet. */
export async function storeMissing(evidence: EvidenceStore, draft: Draft, log: Logger): Promise<Draft> {
  let current = draft;
  for (const attachment of draft.attachments) {
    if (!attachment.storageKey) current = await storeAttachment(evidence, current, attachment.fileUniqueId, log);
  }
  return current;
}
