import type { DraftStamp, DraftStamps } from '../../core/ports.js';
import type { Db } from '../db/client.js';

/** A draft as this process last wrote it: the columns, and the state as the JSON text it stored. */
export interface CachedDraft {
  id: string;
  /** The row version's token: the writing transaction's id (xmin) and the saved-at millisecond (drafts.ts, draftVersion). */
  version: string;
  formVersion: number;
  stepId: string;
  stateJson: string;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * Drafts this process wrote, kept so that the next update of the same person need not read the row
 * back (docs/decisions/012-draft-copies.md). A copy is only ever used when the stamps the update
 * read from the database say the row is still exactly the one written here (same id, same row
 * version): the database stays the only truth, and a draft written by another instance, deleted,
 * or replaced is read from the database as before. Bounded: the least recently used people go first.
 */
export class DraftCache {
  private readonly people = new Map<number, Map<string, CachedDraft>>();

  // People in the middle of a form within the last minutes; a copy is ~1–3 KB, so ≤ ~15 MB.
  constructor(private readonly maxPeople = 5_000) {}

  /** The copy of (user, form) when `known` proves it current, else undefined (read the row). */
  current(userId: number, formId: string, known: DraftStamps | undefined): CachedDraft | undefined {
    if (!known) return undefined;
    const forms = this.people.get(userId);
    const copy = forms?.get(formId);
    if (!copy) return undefined;
    const stamp: DraftStamp | undefined = known[formId];
    if (!stamp || stamp.id !== copy.id || stamp.version !== copy.version) return undefined;
    // Recently used people stay: Map keeps insertion order, so move them to the end.
    this.people.delete(userId);
    this.people.set(userId, forms!);
    return copy;
  }

  remember(userId: number, formId: string, copy: CachedDraft): void {
    const forms = this.people.get(userId) ?? new Map<string, CachedDraft>();
    forms.set(formId, copy);
    this.people.delete(userId);
    this.people.set(userId, forms);
    while (this.people.size > this.maxPeople) this.people.delete(this.people.keys().next().value!);
  }

  /** Forgets one draft (deleted or submitted here), or every draft of the person. */
  forget(userId: number, formId?: string): void {
    if (formId === undefined) this.people.delete(userId);
    else this.people.get(userId)?.delete(formId);
  }

  clear(): void {
    this.people.clear();
  }

  get size(): number {
    return this.people.size;
  }
}

const caches = new WeakMap<Db, DraftCache>();

/** The one draft cache of a database client, shared by the repositories that write drafts. */
export function draftCacheOf(db: Db): DraftCache {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new DraftCache()));
  return cache;
}
