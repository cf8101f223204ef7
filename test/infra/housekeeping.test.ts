/**
 * The nightly housekeeping on a real database: drafts nobody touched for longer than DRAFT_TTL_DAYS
 * are deleted (personal data kept no longer than needed), update ids older than a week are
 * forgotten, and everything newer stays.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Logger } from '../../src/app/logger.js';
import type { Draft } from '../../src/core/form/types.js';
import { NOMINATION_FORM_ID, NOMINATION_FORM_VERSION } from '../../src/core/nomination/form.js';
import { openDatabase, type Db } from '../../src/infra/db/client.js';
import { PrismaDraftRepository } from '../../src/infra/repositories/drafts.js';
import { ProcessedUpdates } from '../../src/infra/repositories/processed-updates.js';
import { runHousekeeping } from '../../src/jobs/housekeeping.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const TTL_DAYS = 30;
/**
 * The moment the job runs. Taken from the clock, because the database stamps an update id with its
 * own clock when it is first seen (users' first messages below), and those must count as recent.
 */
const NOW = new Date();

let database: TestDatabase;
let connection: ReturnType<typeof openDatabase>;
let db: Db;
let drafts: PrismaDraftRepository;
let updates: ProcessedUpdates;

beforeAll(async () => {
  database = await createTestDatabase();
  connection = openDatabase(database.url);
  db = connection.db;
  drafts = new PrismaDraftRepository(db);
  updates = new ProcessedUpdates(db);
});

afterAll(async () => {
  await connection?.close();
  await database?.drop();
});

/** A logger that keeps what it was told, as an operator would read it. */
function recordingLogger() {
  const lines: Record<string, unknown>[] = [];
  const keep = (fields: Record<string, unknown>) => void lines.push(fields);
  const log: Logger = { debug: keep, info: keep, warn: keep, error: keep };
  return { log, lines };
}

let nextPerson = 0;
/** A resident (admitted through their first message) with a draft last touched `idleMs` before NOW. */
async function residentWithDraft(idleMs: number): Promise<number> {
  nextPerson += 1;
  const { person } = await updates.admit('telegram', 900_000 + nextPerson, { externalId: `hk-${nextPerson}`, chatId: `hk-${nextPerson}`, suggestedLocale: 'vi' });
  const touched = new Date(NOW.getTime() - idleMs);
  const draft: Draft = {
    id: randomUUID(),
    formId: NOMINATION_FORM_ID,
    formVersion: NOMINATION_FORM_VERSION,
    stepId: 'nomineeName',
    answers: { consent: { version: 1 } },
    attachments: [],
    ui: {},
    createdAt: new Date(touched.getTime() - 2 * DAY),
    updatedAt: touched,
  };
  await drafts.save(person.id, draft);
  return person.id;
}

/** An update id first seen `ageMs` before NOW. */
async function updateSeen(updateId: number, ageMs: number): Promise<void> {
  await updates.admit('telegram', updateId, { externalId: 'hk-sender', chatId: 'hk-sender', suggestedLocale: 'vi' });
  await db.processedUpdate.update({
    where: { channel_updateId: { channel: 'telegram', updateId: BigInt(updateId) } },
    data: { receivedAt: new Date(NOW.getTime() - ageMs) },
  });
}

describe('runHousekeeping', () => {
  it('deletes drafts untouched for longer than the TTL and update ids older than 7 days, and keeps the rest', async () => {
    const abandoned = await residentWithDraft(TTL_DAYS * DAY + MINUTE);
    const longAbandoned = await residentWithDraft(200 * DAY);
    const almostExpired = await residentWithDraft(TTL_DAYS * DAY - MINUTE);
    const active = await residentWithDraft(5 * MINUTE);
    await updateSeen(1, 7 * DAY + MINUTE);
    await updateSeen(2, 30 * DAY);
    await updateSeen(3, 7 * DAY - MINUTE);
    await updateSeen(4, 10 * MINUTE);
    const updatesBefore = await db.processedUpdate.count();

    const { log, lines } = recordingLogger();
    const result = await runHousekeeping({ drafts, updates, log }, TTL_DAYS, NOW);

    expect(result).toEqual({ drafts: 2, updates: 2 });
    expect(await drafts.load(abandoned, NOMINATION_FORM_ID)).toBeNull();
    expect(await drafts.load(longAbandoned, NOMINATION_FORM_ID)).toBeNull();
    expect(await drafts.load(almostExpired, NOMINATION_FORM_ID)).not.toBeNull();
    expect(await drafts.load(active, NOMINATION_FORM_ID)).not.toBeNull();

    expect(await db.processedUpdate.count()).toBe(updatesBefore - 2);
    const kept = await db.processedUpdate.findMany({ where: { updateId: { in: [1n, 2n, 3n, 4n] } }, orderBy: { updateId: 'asc' } });
    expect(kept.map((row) => Number(row.updateId))).toEqual([3, 4]);
    // A redelivery of an update seen six days ago is still recognised and not handled twice.
    const redelivered = await updates.admit('telegram', 3, { externalId: 'hk-sender', chatId: 'hk-sender', suggestedLocale: 'vi' });
    expect(redelivered.fresh).toBe(false);

    // The residents themselves are kept: only their unfinished drafts go.
    expect(await db.user.count({ where: { id: { in: [abandoned, longAbandoned] } } })).toBe(2);
    expect(lines).toContainEqual(expect.objectContaining({ event: 'housekeeping.done', draftsPurged: 2, updateIdsPurged: 2 }));
  });

  it('follows DRAFT_TTL_DAYS, and a second run finds nothing more to delete', async () => {
    const eightDays = await residentWithDraft(8 * DAY);
    const sixDays = await residentWithDraft(6 * DAY);
    const { log } = recordingLogger();
    const first = await runHousekeeping({ drafts, updates, log }, 7, NOW);
    expect(first.drafts).toBeGreaterThanOrEqual(1);
    expect(await drafts.load(eightDays, NOMINATION_FORM_ID)).toBeNull();
    expect(await drafts.load(sixDays, NOMINATION_FORM_ID)).not.toBeNull();
    expect(await runHousekeeping({ drafts, updates, log }, 7, NOW)).toEqual({ drafts: 0, updates: 0 });
    expect(await drafts.load(sixDays, NOMINATION_FORM_ID)).not.toBeNull();
  });
});
