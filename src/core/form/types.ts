/**
 * The form engine's vocabulary: a draft, the inputs a person can give, and steps as data.
 */
import type { z } from 'zod';
import type { Choice, OutMessage, Text } from '../messages.js';

/** A file the person sent, as the channel describes it. */
export interface IncomingFile {
  kind: 'photo' | 'document';
  channel: string;
  fileId: string;
  fileUniqueId: string;
  fileName?: string;
  mimeType?: string;
  sizeBytes?: number;
}

/** A file attached to a draft; `sha256`/`storageKey` are filled once our own copy is stored. */
export interface Attachment extends IncomingFile {
  receivedAt: string;
  sha256?: string;
  storageKey?: string;
}

/** What a person can send at any step. */
export type FormInput =
  | { kind: 'text'; text: string }
  | { kind: 'choice'; step: string; value: string }
  | { kind: 'file'; file: IncomingFile }
  | { kind: 'contact'; phone: string; own: boolean }
  | { kind: 'command'; command: FormCommand }
  | { kind: 'unsupported' };

export type FormCommand = 'cancel' | 'help' | 'edit' | 'skip';

/** Transient navigation state of a draft (which page of units, a pending confirmation…). */
export interface DraftUi {
  unitParentId?: number | null;
  unitPage?: number;
  unitMatches?: number[] | null;
  /** What was typed to find `unitMatches` (to say which former name matched). */
  unitQuery?: string | null;
  pendingCancel?: boolean;
  editMenu?: boolean;
  reachedSummary?: boolean;
  /** What the person sent when they were asked whether to continue; answered on "Làm tiếp". */
  heldInput?: FormInput | null;
  /** The key of the last input applied (channel:update id): the same update handled again after a crash is recognised. */
  lastInput?: string;
  /** What the draft belongs to, outside its answers (the proposal list an entry is for, the entry being edited). */
  context?: Record<string, string | number | null>;
}

/** A half-filled form. Persisted after every step. */
export interface Draft {
  id: string;
  formId: string;
  formVersion: number;
  stepId: string;
  answers: Record<string, unknown>;
  attachments: Attachment[];
  ui: DraftUi;
  createdAt: Date;
  updatedAt: Date;
}

/** Things the caller must do after a step, outside the pure core. */
export type Effect =
  | { type: 'record-consent'; textVersion: number; at: Date }
  | { type: 'store-attachment'; fileUniqueId: string };

/** What a step makes of one input. */
export type StepOutcome =
  | { type: 'answer'; value: unknown; effects?: Effect[]; note?: OutMessage; clears?: string[] }
  | { type: 'reject'; error: Text }
  | { type: 'stay'; draft: Draft; messages: OutMessage[]; effects?: Effect[] }
  | { type: 'submit' }
  | { type: 'decline'; message: OutMessage };

/** The context every step sees: the clock and the form's environment (units, limits…). */
export interface StepContext<Env> {
  now: Date;
  env: Env;
}

/** A step is data: its id, the stored answer's schema, whether it may be skipped or applies, how it asks and reads. */
export interface StepDef<Env> {
  id: string;
  /** Schema of the stored answer; drafts from storage and from older form versions are checked against it. */
  answer: z.ZodType;
  /** May be skipped ("Bỏ qua"); a skipped answer is stored as null. */
  optional?: boolean;
  /** The step only applies when this holds (e.g. year of birth only for individuals). */
  applies?: (answers: Record<string, unknown>) => boolean;
  /** Free text is an answer here (not only a choice). */
  acceptsText: boolean;
  /** The question shows the messenger's "share my phone" button (taken away when the step is left). */
  usesContactButton?: boolean;
  /** Shown in the summary's edit menu. */
  editable: boolean;
  ask(draft: Draft, ctx: StepContext<Env>): OutMessage;
  handle(draft: Draft, input: FormInput, ctx: StepContext<Env>): StepOutcome;
  /** The value as one summary line's value, or null to leave the line out. */
  summarise?(value: unknown, draft: Draft, ctx: StepContext<Env>): Text | null;
}

/** A whole form: versioned, with steps in order; the last step is the summary. */
export interface FormDef<Env> {
  id: string;
  version: number;
  steps: StepDef<Env>[];
}

/** The result of one input: the new draft (null when cancelled, declined or to be submitted-and-removed), replies and effects. */
export interface AdvanceResult {
  draft: Draft | null;
  messages: OutMessage[];
  effects: Effect[];
  outcome: 'continue' | 'cancelled' | 'declined' | 'submit';
}

export type { Choice };
