/**
 * What the core and the use cases need from the outside world. Infra implements these with
 * PostgreSQL, the file system and the messengers; tests may implement them in memory.
 */
import type { Draft, IncomingFile } from './form/types.js';
import type { NewNomination, NominationView } from './nomination/records.js';
import type { UnitRecord } from './units.js';

export type LocaleCode = 'vi' | 'en';

/** A person on one channel, as the use cases know them. */
export interface Person {
  id: number;
  channel: string;
  locale: LocaleCode;
}

export interface DraftRepository {
  load(userId: number, formId: string): Promise<Draft | null>;
  save(userId: number, draft: Draft): Promise<void>;
  delete(userId: number, formId: string): Promise<void>;
  /** Deletes drafts untouched since `before`; returns how many. */
  purgeUntouchedSince(before: Date): Promise<number>;
}

export interface ConsentRepository {
  /** Records that the person agreed to `purpose` under text version `textVersion`; returns the record id. */
  record(userId: number, purpose: string, textVersion: number, locale: string, at: Date): Promise<number>;
  latest(userId: number, purpose: string): Promise<{ id: number } | null>;
}

export interface SubmitResult {
  id: number;
  code: string;
  /** False when this draft had been submitted already (a double tap, a redelivered update). */
  created: boolean;
}

export interface NominationRepository {
  /** Stores the nomination, its evidence and its first status in one transaction, allocating the reference code. */
  submit(userId: number, nomination: NewNomination, context: { consentId: number | null; locale: string; now: Date }): Promise<SubmitResult>;
  findByDraftId(draftId: string): Promise<{ id: number; code: string } | null>;
  listForUser(userId: number, offset: number, limit: number): Promise<{ items: NominationView[]; total: number }>;
  getForUser(userId: number, nominationId: number): Promise<NominationView | null>;
  /** Withdraws a nomination still in "received"; records the change in the audit log. */
  withdraw(userId: number, nominationId: number, now: Date): Promise<'withdrawn' | 'not-allowed' | 'not-found'>;
}

export interface UnitRepository {
  listActive(): Promise<UnitRecord[]>;
}

export interface UserRepository {
  /** Finds or creates the person behind (channel, externalId). */
  identify(channel: string, externalId: string, chatId: string, suggestedLocale: LocaleCode): Promise<Person>;
  setLocale(userId: number, locale: LocaleCode): Promise<void>;
  /** Remembers that the consent screen was shown (nothing else is stored before consent). */
  markConsentPrompted(userId: number, at: Date): Promise<void>;
  consentPromptedAt(userId: number): Promise<Date | null>;
}

/** Keeps our own copy of an evidence file, so later exports do not depend on the messenger. */
export interface EvidenceStore {
  store(file: IncomingFile): Promise<{ sha256: string; storageKey: string; sizeBytes: number }>;
}
