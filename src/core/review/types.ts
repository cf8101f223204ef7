/**
 * What reviewers (unit heads, the council) see of nominations.
 */

export interface QueueItem {
  id: number;
  code: string;
  nomineeName: string;
  unitName: string;
  status: string;
  submittedAt: Date;
  /** The resident answered a request for more information since the last review. */
  supplemented: boolean;
  possibleDuplicateCode: string | null;
}

export interface CardFile {
  id: number;
  kind: 'photo' | 'document';
  channel: string;
  fileId: string;
  fileName: string | null;
  mimeType: string | null;
  storageKey: string | null;
  fromSupplement: boolean;
}

export interface ReviewCard {
  id: number;
  code: string;
  status: string;
  unitId: number;
  unitName: string;
  nomineeKind: string;
  nomineeName: string;
  nomineeBirthYear: number | null;
  nomineeRole: string | null;
  deedCategory: string;
  deedDate: string;
  deedPlace: string | null;
  description: string;
  nominatorName: string | null;
  nominatorPhone: string | null;
  nominatorRelation: string | null;
  submittedAt: Date;
  awardForm: string | null;
  decisionNumber: string | null;
  decisionDate: string | null;
  lastReason: string | null;
  duplicateOfCode: string | null;
  possibleDuplicateCode: string | null;
  endorsements: number;
  files: CardFile[];
  supplements: { text: string | null; createdAt: Date; files: number }[];
  history: { from: string | null; to: string; at: Date; actorRole: string; reason: string | null }[];
}

/** Which nominations a reviewer sees: a head's units, or everything (council). */
export type ReviewScope = { kind: 'units'; unitIds: number[] } | { kind: 'all' };
