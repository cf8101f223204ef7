/**
 * What the core and the use cases need from the outside world. Infra implements these with
 * PostgreSQL, the file system and the messengers; tests may implement them in memory.
 */
import type { Draft, IncomingFile } from './form/types.js';
import type { NewNomination, NominationView } from './nomination/records.js';
import type { UnitRecord } from './units.js';

export type LocaleCode = 'vi' | 'en';

/** A small conversation state outside the nomination form, kept with the person. */
export type PendingState =
  | { kind: 'supplement'; nominationId: number; texts: string[]; files: import('./form/types.js').Attachment[] }
  | { kind: 'review'; action: string; ids: number[]; awaiting: 'reason' | 'form' | 'decision' | 'duplicate' }
  | { kind: 'select'; status: string; page: number; ids: number[] }
  | { kind: 'invite'; role?: string; unitPage?: number }
  | { kind: 'erase' }
  | { kind: 'export'; campaignId?: number | null; unitId?: number | null; statuses?: string }
  | { kind: 'campaign'; step: 'name' | 'kind' | 'deadline' | 'extend'; name?: string; campaignKind?: string; campaignId?: number; unitId?: number }
  | { kind: 'proposal-entry'; proposalId: number }
  | { kind: 'proposal-minutes'; proposalId: number }
  | { kind: 'proposal-return'; proposalId: number; entryId: number | null };

/** A person on one channel, as the use cases know them. */
export interface Person {
  id: number;
  channel: string;
  locale: LocaleCode;
  /** Roles held (empty for residents). */
  roles: import('./roles.js').RoleGrantView[];
  pending: PendingState | null;
  /**
   * The person's drafts as the database had them when this update was admitted, by form id.
   * Undefined when not known (the person was not found through the update's door).
   */
  drafts?: DraftStamps;
}

/** Which version of a draft is stored: its id and a token that changes with every write of the row. */
export interface DraftStamp {
  id: string;
  version: string;
}
export type DraftStamps = Readonly<Record<string, DraftStamp>>;

export interface DraftRepository {
  /**
   * The person's draft of a form. `known`: the stamps read when the update was admitted
   * ({@link Person.drafts}); with them the repository may answer from a copy it wrote itself
   * instead of reading the row again.
   */
  load(userId: number, formId: string, known?: DraftStamps): Promise<Draft | null>;
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
  submit(userId: number, nomination: NewNomination, context: { consentId: number | null; locale: string; now: Date; campaignId?: number | null }): Promise<SubmitResult>;
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
  setPending(userId: number, pending: PendingState | null): Promise<void>;
  consentPromptedAt(userId: number): Promise<Date | null>;
}

/** Keeps our own copy of an evidence file, so later exports do not depend on the messenger. */
export interface EvidenceStore {
  store(file: IncomingFile): Promise<{ sha256: string; storageKey: string; sizeBytes: number }>;
}

/** A role grant as listed for admins. */
export interface RoleGrantRecord {
  id: number;
  userId: number;
  channel: string;
  externalId: string;
  role: string;
  unitId: number | null;
  unitCode: string | null;
  unitName: string | null;
  grantedAt: Date;
  revokedAt: Date | null;
}

export interface RoleRepository {
  /** The person's active roles. */
  rolesOf(userId: number): Promise<import('./roles.js').RoleGrantView[]>;
  /** Grants a role; granting a role the person already holds (same unit) changes nothing. */
  grant(userId: number, role: import('./roles.js').GrantableRole, unitId: number | null, at: Date, invitationId?: number | null): Promise<void>;
  /** Revokes one grant; false when it does not exist or was revoked already. */
  revoke(grantId: number, at: Date): Promise<boolean>;
  /** Active grants (or all with `includeRevoked`), optionally of one unit or one person. */
  list(filter?: { unitId?: number; userId?: number; includeRevoked?: boolean }): Promise<RoleGrantRecord[]>;
  /** The chats of everyone holding `role` (for heads: of `unitId` or a unit above it), for notifications. */
  recipients(role: import('./roles.js').GrantableRole | readonly import('./roles.js').GrantableRole[], unitIds?: number[]): Promise<{ userId: number; channel: string; chatId: string; locale: string | null }[]>;
}

export interface InvitationRecord {
  id: number;
  role: string;
  unitId: number | null;
  unitCode: string | null;
  maxUses: number;
  uses: number;
  expiresAt: Date;
  createdBy: string;
  createdAt: Date;
  revokedAt: Date | null;
}

export type RedeemOutcome =
  | { status: 'granted'; role: import('./roles.js').GrantableRole; unitId: number | null }
  | { status: 'unknown' | 'expired' | 'used' | 'revoked' | 'rate-limited' };

export interface InvitationRepository {
  /** Stores an invitation by the SHA-256 of its code (the code itself is never stored). */
  create(input: { codeHash: string; role: import('./roles.js').GrantableRole; unitId: number | null; maxUses: number; expiresAt: Date; createdBy: string }): Promise<{ id: number }>;
  /**
   * In one transaction: refuses when the person failed too often lately, else finds the invitation
   * by hash under a row lock, checks it (core checkInvitation), counts the use and grants the role.
   * Unknown codes are recorded as failed attempts.
   */
  redeem(codeHash: string, userId: number, now: Date): Promise<RedeemOutcome>;
  list(filter?: { includeInactive?: boolean; now?: Date }): Promise<InvitationRecord[]>;
  revoke(id: number, at: Date): Promise<boolean>;
}
