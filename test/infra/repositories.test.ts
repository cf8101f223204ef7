/**
 * The repositories on a real, migrated PostgreSQL database: what a resident or an operator would
 * notice (a message handled twice, a lost draft, a wrong or repeated reference code, someone
 * else's nomination shown or withdrawn, units lost on a re-seed).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Attachment, Draft } from '../../src/core/form/types.js';
import { NOMINATION_FORM_ID, NOMINATION_FORM_VERSION } from '../../src/core/nomination/form.js';
import { toNewNomination } from '../../src/core/nomination/records.js';
import type { Person } from '../../src/core/ports.js';
import { hotPoolOf, openDatabase, type Db } from '../../src/infra/db/client.js';
import { PrismaConsentRepository } from '../../src/infra/repositories/consents.js';
import { PrismaDraftRepository } from '../../src/infra/repositories/drafts.js';
import { PrismaNominationRepository } from '../../src/infra/repositories/nominations.js';
import { ProcessedUpdates } from '../../src/infra/repositories/processed-updates.js';
import { PrismaUnitRepository } from '../../src/infra/repositories/units.js';
import { PrismaUserRepository } from '../../src/infra/repositories/users.js';
import { SEED_UNITS, upsertUnits } from '../../src/infra/seed/units.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';

const CHANNEL = 'telegram';

let database: TestDatabase;
let connection: ReturnType<typeof openDatabase>;
let db: Db;
let updates: ProcessedUpdates;
let users: PrismaUserRepository;
let drafts: PrismaDraftRepository;
let nominations: PrismaNominationRepository;
let consents: PrismaConsentRepository;
let units: PrismaUnitRepository;
/** A residential group ("Tổ dân phố số 1") under Phường Từ Liêm, and the ward itself. */
let groupId: number;
let wardId: number;

beforeAll(async () => {
  database = await createTestDatabase();
  connection = openDatabase(database.url);
  db = connection.db;
  await upsertUnits(db, SEED_UNITS);
  updates = new ProcessedUpdates(db);
  users = new PrismaUserRepository(db);
  drafts = new PrismaDraftRepository(db);
  nominations = new PrismaNominationRepository(db);
  consents = new PrismaConsentRepository(db);
  units = new PrismaUnitRepository(db);
  wardId = (await db.unit.findUniqueOrThrow({ where: { code: 'HN-TU-LIEM' } })).id;
  groupId = (await db.unit.findUniqueOrThrow({ where: { code: 'HN-TU-LIEM-TDP-01' } })).id;
});

afterAll(async () => {
  await connection?.close();
  await database?.drop();
});

let nextPerson = 0;
/** A brand-new resident. */
async function newPerson(): Promise<Person> {
  nextPerson += 1;
  return users.identify(CHANNEL, `resident-${nextPerson}`, `chat-${nextPerson}`, 'vi');
}

let nextUpdate = 1_000;
const freshUpdateId = () => (nextUpdate += 1);

function attachment(n: number, extra: Partial<Attachment> = {}): Attachment {
  return {
    kind: n % 2 === 0 ? 'document' : 'photo',
    channel: CHANNEL,
    fileId: `file-id-${n}`,
    fileUniqueId: `unique-${n}`,
    receivedAt: '2026-11-20T03:05:00.000Z',
    ...extra,
  };
}

/** A draft that reached the summary: every answer the nomination needs. */
function finishedDraft(overrides: Partial<Draft> = {}): Draft {
  const at = new Date('2026-11-20T03:04:05.678Z');
  return {
    id: randomUUID(),
    formId: NOMINATION_FORM_ID,
    formVersion: NOMINATION_FORM_VERSION,
    stepId: 'summary',
    answers: {
      consent: { version: 1, at: at.toISOString() },
      unit: groupId,
      nomineeKind: 'individual',
      nomineeName: 'Nguyễn Văn An',
      nomineeBirthYear: 1968,
      nomineeRole: 'Bảo vệ tổ dân phố',
      deedCategory: 'lost-property',
      deedDate: '2026-11-15',
      deedPlace: 'Chợ Mỹ Đình',
      description: 'Nhặt được ví có 5 triệu đồng và giấy tờ, đã trả lại cho người đánh rơi.',
      nominatorName: 'Trần Thị Bình',
      nominatorPhone: '+84912345678',
      nominatorRelation: 'neighbour',
      pledge: at.toISOString(),
    },
    attachments: [],
    ui: { reachedSummary: true },
    createdAt: at,
    updatedAt: at,
    ...overrides,
  };
}

/** Saves a finished draft for the person and submits it at `now`. */
async function submitNew(person: Person, now: Date, draft = finishedDraft()) {
  await drafts.save(person.id, draft);
  const result = await nominations.submit(person.id, toNewNomination(draft), { consentId: null, locale: 'vi', now });
  return { ...result, draft };
}

describe('ProcessedUpdates.admit (every incoming message passes here)', () => {
  const sender = (externalId: string) => ({ externalId, chatId: `chat-${externalId}`, suggestedLocale: 'vi' as const });

  it('handles an update the first time and recognises a redelivery, creating the sender only once', async () => {
    const first = await updates.admit(CHANNEL, 1, sender('admit-a'));
    const again = await updates.admit(CHANNEL, 1, sender('admit-a'));
    expect(first.fresh).toBe(true);
    expect(again.fresh).toBe(false);
    expect(again.person).toEqual(first.person);
    expect(first.person).toMatchObject({ channel: CHANNEL, locale: 'vi' });
    const next = await updates.admit(CHANNEL, 2, sender('admit-a'));
    expect(next.fresh).toBe(true);
    expect(next.person.id).toBe(first.person.id);
    expect(await db.user.count({ where: { channel: CHANNEL, externalId: 'admit-a' } })).toBe(1);
  });

  it('keeps update ids apart per channel and per person', async () => {
    const onTelegram = await updates.admit(CHANNEL, 50, sender('admit-b'));
    const onZalo = await updates.admit('zalo', 50, sender('admit-b'));
    expect(onTelegram.fresh).toBe(true);
    expect(onZalo.fresh).toBe(true);
    expect(onZalo.person.id).not.toBe(onTelegram.person.id);
  });

  it("answers in the person's chosen language, the client's language only until they choose", async () => {
    const first = await updates.admit(CHANNEL, 60, { externalId: 'admit-c', chatId: 'c', suggestedLocale: 'en' });
    expect(first.person.locale).toBe('en');
    await users.setLocale(first.person.id, 'vi');
    const later = await updates.admit(CHANNEL, 61, { externalId: 'admit-c', chatId: 'c', suggestedLocale: 'en' });
    expect(later.person.locale).toBe('vi');
  });

  it('chosenLocale: none until the person picks a language, then theirs, whatever their app says', async () => {
    const { person } = await updates.admit(CHANNEL, freshUpdateId(), { externalId: 'admit-locale', chatId: 'chat-admit-locale', suggestedLocale: 'en' });
    expect(await users.chosenLocale(CHANNEL, 'chat-admit-locale')).toBeUndefined();
    await users.setLocale(person.id, 'vi');
    expect(await users.chosenLocale(CHANNEL, 'chat-admit-locale')).toBe('vi');
    expect(await users.chosenLocale('zalo', 'chat-admit-locale')).toBeUndefined();
  });

  it('two messages arriving at once from a brand-new person create one user', async () => {
    for (let round = 0; round < 10; round += 1) {
      const externalId = `admit-race-${round}`;
      const [a, b] = await Promise.all([
        updates.admit(CHANNEL, freshUpdateId(), sender(externalId)),
        updates.admit(CHANNEL, freshUpdateId(), sender(externalId)),
      ]);
      expect(a.fresh && b.fresh).toBe(true);
      expect(a.person.id).toBe(b.person.id);
      expect(await db.user.count({ where: { channel: CHANNEL, externalId } })).toBe(1);
    }
  });
});

describe('PrismaDraftRepository (a half-filled form survives a restart)', () => {
  it('loads exactly what was saved: answers, attachments, navigation state and times', async () => {
    const person = await newPerson();
    const draft = finishedDraft({
      stepId: 'evidence',
      createdAt: new Date('2026-11-19T23:59:58.001Z'),
      updatedAt: new Date('2026-11-20T10:11:12.345Z'),
      attachments: [
        attachment(1, { fileName: undefined, mimeType: 'image/jpeg', sizeBytes: 123_456 }),
        attachment(2, { fileName: 'giay-khen.pdf', mimeType: 'application/pdf', sizeBytes: 42, sha256: 'ab'.repeat(32), storageKey: `ab/${'ab'.repeat(32)}` }),
      ],
      ui: { unitParentId: wardId, unitPage: 2, unitMatches: [wardId, groupId], unitQuery: 'my dinh', pendingCancel: false, editMenu: true, reachedSummary: true },
    });
    await drafts.save(person.id, draft);
    const loaded = await drafts.load(person.id, NOMINATION_FORM_ID);
    // (toEqual: an optional field left undefined is simply absent after the JSON round trip.)
    expect(loaded).toEqual(draft);
    expect(loaded?.createdAt.toISOString()).toBe('2026-11-19T23:59:58.001Z');
    expect(loaded?.updatedAt.toISOString()).toBe('2026-11-20T10:11:12.345Z');
  });

  it('returns null for a person without a draft, and keeps forms apart', async () => {
    const person = await newPerson();
    expect(await drafts.load(person.id, NOMINATION_FORM_ID)).toBeNull();
    await drafts.save(person.id, finishedDraft({ formId: 'other-form' }));
    expect(await drafts.load(person.id, NOMINATION_FORM_ID)).toBeNull();
    expect(await drafts.load(person.id, 'other-form')).not.toBeNull();
  });

  it('saving again overwrites: one row per person and form, the latest answers win', async () => {
    const person = await newPerson();
    const draft = finishedDraft({ stepId: 'nomineeName', answers: { consent: { version: 1 } } });
    await drafts.save(person.id, draft);
    const later = { ...draft, stepId: 'deedCategory', answers: { ...draft.answers, nomineeName: 'Lê Văn Cường' }, updatedAt: new Date('2026-11-21T00:00:00.000Z') };
    await drafts.save(person.id, later);
    const loaded = await drafts.load(person.id, NOMINATION_FORM_ID);
    expect(loaded?.stepId).toBe('deedCategory');
    expect(loaded?.answers.nomineeName).toBe('Lê Văn Cường');
    expect(loaded?.updatedAt.toISOString()).toBe('2026-11-21T00:00:00.000Z');
    // A new draft (restart after the old one was abandoned) replaces the row too.
    const fresh = finishedDraft({ stepId: 'consent', answers: {} });
    await drafts.save(person.id, fresh);
    expect((await drafts.load(person.id, NOMINATION_FORM_ID))?.id).toBe(fresh.id);
    expect(await db.draft.count({ where: { userId: person.id, formId: NOMINATION_FORM_ID } })).toBe(1);
  });

  it('drops a draft whose stored state is corrupt instead of crashing the conversation', async () => {
    const corruptStates = [
      { answers: 'not an object', attachments: [], ui: {} },
      { answers: {}, attachments: [{ kind: 'video', fileId: 'x' }], ui: {} },
      ['not', 'a', 'draft'],
    ];
    for (const state of corruptStates) {
      const person = await newPerson();
      await drafts.save(person.id, finishedDraft());
      await hotPoolOf(db).query('UPDATE drafts SET state = $1::jsonb WHERE user_id = $2', [JSON.stringify(state), person.id]);
      expect(await drafts.load(person.id, NOMINATION_FORM_ID)).toBeNull();
      expect(await db.draft.count({ where: { userId: person.id } })).toBe(0);
    }
  });

  it('keeps a draft whose navigation state alone is unreadable (answers are not lost over a page number)', async () => {
    const person = await newPerson();
    const draft = finishedDraft();
    await drafts.save(person.id, draft);
    await hotPoolOf(db).query(`UPDATE drafts SET state = jsonb_set(state, '{ui}', '"garbage"') WHERE user_id = $1`, [person.id]);
    const loaded = await drafts.load(person.id, NOMINATION_FORM_ID);
    expect(loaded?.answers).toEqual(draft.answers);
    expect(loaded?.ui).toEqual({});
  });

  it('purgeUntouchedSince deletes only drafts last touched before the cut-off', async () => {
    const stale = await newPerson();
    const recent = await newPerson();
    const boundary = await newPerson();
    const cutoff = new Date('2019-06-01T00:00:00.000Z');
    await drafts.save(stale.id, finishedDraft({ createdAt: new Date('2019-01-01T00:00:00Z'), updatedAt: new Date('2019-05-31T23:59:59.999Z') }));
    // Created long ago but touched recently: still in use.
    await drafts.save(recent.id, finishedDraft({ createdAt: new Date('2019-01-01T00:00:00Z'), updatedAt: new Date('2019-06-01T00:00:00.001Z') }));
    await drafts.save(boundary.id, finishedDraft({ createdAt: new Date('2019-01-01T00:00:00Z'), updatedAt: cutoff }));
    const before = await db.draft.count();
    expect(await drafts.purgeUntouchedSince(cutoff)).toBe(1);
    expect(await db.draft.count()).toBe(before - 1);
    expect(await drafts.load(stale.id, NOMINATION_FORM_ID)).toBeNull();
    expect(await drafts.load(recent.id, NOMINATION_FORM_ID)).not.toBeNull();
    expect(await drafts.load(boundary.id, NOMINATION_FORM_ID)).not.toBeNull();
  });
});

describe('Draft copies (decision 012: the next message of a person does not read back the draft just written)', () => {
  const sender = (externalId: string) => ({ externalId, chatId: `chat-${externalId}`, suggestedLocale: 'vi' as const });
  /** The next message of the person: admitted, with the stamps of their drafts. */
  const admitted = async (externalId: string) => (await updates.admit(CHANNEL, freshUpdateId(), sender(externalId))).person;
  /** Counts the draft reads that reach PostgreSQL while `run` runs. */
  async function draftReads<T>(run: () => Promise<T>): Promise<{ result: T; reads: number }> {
    const spy = vi.spyOn(hotPoolOf(db), 'query');
    try {
      const result = await run();
      const reads = spy.mock.calls.filter(([config]) => typeof config === 'object' && config !== null && (config as { name?: string }).name === 'load-draft').length;
      return { result, reads };
    } finally {
      spy.mockRestore();
    }
  }

  it('the door reports the drafts the person has: none, then the one just saved', async () => {
    const before = await admitted('copy-a');
    expect(before.drafts).toEqual({});
    const draft = finishedDraft({ stepId: 'nomineeName' });
    await drafts.save(before.id, draft);
    const after = await admitted('copy-a');
    expect(Object.keys(after.drafts!)).toEqual([NOMINATION_FORM_ID]);
    expect(after.drafts![NOMINATION_FORM_ID]!.id).toBe(draft.id);
  });

  it('answers from its own copy when the row is still the one it wrote, and the copy equals the row', async () => {
    const person = await admitted('copy-b');
    const draft = finishedDraft({ stepId: 'evidence', attachments: [attachment(1, { sizeBytes: 10 })], ui: { unitQuery: 'my dinh', unitMatches: [groupId] } });
    await drafts.save(person.id, draft);
    const next = await admitted('copy-b');
    const { result: copy, reads } = await draftReads(() => drafts.load(person.id, NOMINATION_FORM_ID, next.drafts));
    expect(reads).toBe(0);
    const { result: fromRow, reads: rowReads } = await draftReads(() => drafts.load(person.id, NOMINATION_FORM_ID));
    expect(rowReads).toBe(1);
    expect(copy).toEqual(fromRow);
    expect(copy).toEqual(draft);
  });

  it('a change made to the returned draft in memory is not in the next copy', async () => {
    const person = await admitted('copy-c');
    await drafts.save(person.id, finishedDraft({ stepId: 'nomineeName', answers: { consent: { version: 1 } } }));
    const stamps = (await admitted('copy-c')).drafts;
    const first = await drafts.load(person.id, NOMINATION_FORM_ID, stamps);
    const savedAt = first!.updatedAt.getTime();
    first!.answers.nomineeName = 'Không lưu';
    first!.ui.unitPage = 9;
    first!.updatedAt.setTime(0);
    const { result: second, reads } = await draftReads(() => drafts.load(person.id, NOMINATION_FORM_ID, stamps));
    expect(reads).toBe(0);
    expect(second!.answers.nomineeName).toBeUndefined();
    expect(second!.ui.unitPage).toBeUndefined();
    expect(second!.updatedAt.getTime()).toBe(savedAt);
  });

  it('reads the row when another instance wrote the draft since (its own copy is out of date)', async () => {
    const other = openDatabase(database.url);
    try {
      const elsewhere = new PrismaDraftRepository(other.db);
      const person = await admitted('copy-d');
      const draft = finishedDraft({ stepId: 'nomineeName', answers: { consent: { version: 1 } } });
      await drafts.save(person.id, draft);
      await elsewhere.save(person.id, { ...draft, stepId: 'unit', answers: { ...draft.answers, nomineeName: 'Phạm Thị Hoa' } });
      const next = await admitted('copy-d');
      const { result, reads } = await draftReads(() => drafts.load(person.id, NOMINATION_FORM_ID, next.drafts));
      expect(reads).toBe(1);
      expect(result?.stepId).toBe('unit');
      expect(result?.answers.nomineeName).toBe('Phạm Thị Hoa');
      // And the other instance, whose copy is now the stale one, reads the row written here next.
      await drafts.save(person.id, { ...result!, stepId: 'nomineeBirthYear' });
      expect((await elsewhere.load(person.id, NOMINATION_FORM_ID, (await admitted('copy-d')).drafts))?.stepId).toBe('nomineeBirthYear');
    } finally {
      await other.close();
    }
  });

  it('reads the row when it was changed by hand in the database, even under the same draft id', async () => {
    const person = await admitted('copy-e');
    await drafts.save(person.id, finishedDraft({ stepId: 'nomineeName' }));
    await hotPoolOf(db).query(`UPDATE drafts SET step_id = 'deedDate' WHERE user_id = $1`, [person.id]);
    const next = await admitted('copy-e');
    expect((await drafts.load(person.id, NOMINATION_FORM_ID, next.drafts))?.stepId).toBe('deedDate');
  });

  it('a draft deleted elsewhere, submitted or deleted here is gone, whatever copy this process kept', async () => {
    const deletedElsewhere = await admitted('copy-f');
    await drafts.save(deletedElsewhere.id, finishedDraft());
    await db.draft.deleteMany({ where: { userId: deletedElsewhere.id } });
    expect(await drafts.load(deletedElsewhere.id, NOMINATION_FORM_ID, (await admitted('copy-f')).drafts)).toBeNull();

    // Submitted in this very update: the stamps read at its start still name the draft.
    const submitter = await admitted('copy-g');
    const draft = finishedDraft();
    await drafts.save(submitter.id, draft);
    const stamps = (await admitted('copy-g')).drafts;
    // (a year of its own: other tests count this year's codes)
    await nominations.submit(submitter.id, toNewNomination(draft), { consentId: null, locale: 'vi', now: new Date('2037-03-01T05:00:00Z') });
    expect(await drafts.load(submitter.id, NOMINATION_FORM_ID, stamps)).toBeNull();

    const deleted = await admitted('copy-h');
    await drafts.save(deleted.id, finishedDraft());
    const stampsBeforeDelete = (await admitted('copy-h')).drafts;
    await drafts.delete(deleted.id, NOMINATION_FORM_ID);
    expect(await drafts.load(deleted.id, NOMINATION_FORM_ID, stampsBeforeDelete)).toBeNull();
  });

  it('a draft saved during the update is read back as saved, not as the stamps at its start said', async () => {
    const person = await admitted('copy-i');
    const stamps = person.drafts;
    const draft = finishedDraft({ stepId: 'consent', answers: {} });
    await drafts.save(person.id, draft);
    expect((await drafts.load(person.id, NOMINATION_FORM_ID, stamps))?.id).toBe(draft.id);
    await drafts.save(person.id, { ...draft, stepId: 'nomineeKind' });
    expect((await drafts.load(person.id, NOMINATION_FORM_ID, stamps))?.stepId).toBe('nomineeKind');
  });
});

describe('PrismaNominationRepository.submit (the resident presses "Gửi")', () => {
  it('stores the nomination, its evidence in order and its first status, clears the draft, and numbers codes per year', async () => {
    const person = await newPerson();
    const consentId = await consents.record(person.id, 'nomination-intake', 1, 'vi', new Date('2026-03-10T01:00:00Z'));
    const sha = 'c0ffee'.padEnd(64, '0');
    const draft = finishedDraft({
      attachments: [
        attachment(1, { mimeType: 'image/jpeg', sizeBytes: 2048, sha256: sha, storageKey: `c0/${sha}` }),
        attachment(2, { fileName: 'xac-nhan.pdf', mimeType: 'application/pdf', sizeBytes: 4096 }),
        attachment(3, { sha256: 'ff'.repeat(32), storageKey: `ff/${'ff'.repeat(32)}` }),
      ],
    });
    await drafts.save(person.id, draft);
    const now = new Date('2026-03-10T02:00:00.000Z');
    const result = await nominations.submit(person.id, toNewNomination(draft), { consentId, locale: 'vi', now });
    expect(result).toMatchObject({ code: 'NTV-2026-00001', created: true });

    const stored = await db.nomination.findUniqueOrThrow({
      where: { code: 'NTV-2026-00001' },
      include: { evidence: { orderBy: { position: 'asc' } }, statusChanges: true },
    });
    expect(stored).toMatchObject({
      id: result.id,
      draftId: draft.id,
      userId: person.id,
      unitId: groupId,
      consentId,
      status: 'received',
      nomineeKind: 'individual',
      nomineeName: 'Nguyễn Văn An',
      nomineeBirthYear: 1968,
      deedCategory: 'lost-property',
      description: draft.answers.description,
      nominatorPhone: '+84912345678',
      locale: 'vi',
      formVersion: NOMINATION_FORM_VERSION,
    });
    expect(stored.deedDate.toISOString().slice(0, 10)).toBe('2026-11-15');
    expect(stored.submittedAt.toISOString()).toBe(now.toISOString());
    expect(stored.evidence.map((row) => [row.position, row.kind, row.fileId, row.fileUniqueId, row.sha256, row.storageKey, row.sizeBytes])).toEqual([
      [1, 'photo', 'file-id-1', 'unique-1', sha, `c0/${sha}`, 2048],
      [2, 'document', 'file-id-2', 'unique-2', null, null, 4096],
      [3, 'photo', 'file-id-3', 'unique-3', 'ff'.repeat(32), `ff/${'ff'.repeat(32)}`, null],
    ]);
    expect(stored.evidence[1]?.fileName).toBe('xac-nhan.pdf');
    expect(stored.evidence[0]?.receivedAt.toISOString()).toBe('2026-11-20T03:05:00.000Z');
    expect(stored.statusChanges).toHaveLength(1);
    expect(stored.statusChanges[0]).toMatchObject({ fromStatus: null, toStatus: 'received', actorRole: 'resident', actorUserId: person.id });
    expect(stored.statusChanges[0]?.at.toISOString()).toBe(now.toISOString());
    expect(await drafts.load(person.id, NOMINATION_FORM_ID)).toBeNull();

    const second = await submitNew(await newPerson(), new Date('2026-08-01T00:00:00Z'));
    expect(second.code).toBe('NTV-2026-00002');
    expect((await submitNew(person, new Date('2026-08-02T00:00:00Z'))).code).toBe('NTV-2026-00003');
  });

  it("takes the year from Vietnam's calendar: 01:00 on 1 January in Hà Nội is already the new year", async () => {
    const person = await newPerson();
    // 2026-12-31T18:00Z is 01:00 on 01/01/2027 in Vietnam.
    expect((await submitNew(person, new Date('2026-12-31T18:00:00Z'))).code).toBe('NTV-2027-00001');
    // 23:59:59 on 31/12/2028 in Vietnam is still 2028; one second later, 2029 starts again at 00001.
    expect((await submitNew(person, new Date('2028-12-31T16:59:59Z'))).code).toBe('NTV-2028-00001');
    expect((await submitNew(person, new Date('2028-12-31T17:00:00Z'))).code).toBe('NTV-2029-00001');
    expect((await submitNew(person, new Date('2027-05-05T05:00:00Z'))).code).toBe('NTV-2027-00002');
  });

  it('submitting the same draft twice (a double tap, a redelivered update) gives the same code and stores it once', async () => {
    const person = await newPerson();
    const draft = finishedDraft({ attachments: [attachment(1), attachment(2)] });
    const now = new Date('2031-02-02T02:00:00Z');
    const first = await submitNew(person, now, draft);
    const again = await nominations.submit(person.id, toNewNomination(draft), { consentId: null, locale: 'vi', now: new Date('2031-02-02T02:00:05Z') });
    expect(first).toMatchObject({ code: 'NTV-2031-00001', created: true });
    expect(again).toEqual({ id: first.id, code: 'NTV-2031-00001', created: false });
    expect(await db.nomination.count({ where: { draftId: draft.id } })).toBe(1);
    expect(await db.evidence.count({ where: { nominationId: first.id } })).toBe(2);
    expect(await db.statusChange.count({ where: { nominationId: first.id } })).toBe(1);
    expect(await nominations.findByDraftId(draft.id)).toEqual({ id: first.id, code: 'NTV-2031-00001' });
  });

  it('two taps on "Gửi" at the same moment store one nomination under one code', async () => {
    const person = await newPerson();
    const draft = finishedDraft();
    await drafts.save(person.id, draft);
    const now = new Date('2032-03-03T03:00:00Z');
    const results = await Promise.all([
      nominations.submit(person.id, toNewNomination(draft), { consentId: null, locale: 'vi', now }),
      nominations.submit(person.id, toNewNomination(draft), { consentId: null, locale: 'vi', now }),
    ]);
    expect(results[0]?.code).toBe(results[1]?.code);
    expect(results.map((result) => result.created).sort()).toEqual([false, true]);
    expect(await db.nomination.count({ where: { draftId: draft.id } })).toBe(1);
  });

  // Regression (was a bug): the code counter is bumped before the duplicate draft is detected (the counter CTE in
  // PrismaNominationRepository.submit always runs), so every repeated submission of a draft burns
  // a reference number and the year's register shows gaps (…00001, 00003) an operator must explain.
  it('a repeated submission does not use up a reference number: the next nomination gets the next code', async () => {
    const draft = finishedDraft();
    const now = new Date('2034-04-04T04:00:00Z');
    const person = await newPerson();
    await submitNew(person, now, draft);
    await nominations.submit(person.id, toNewNomination(draft), { consentId: null, locale: 'vi', now });
    expect((await submitNew(await newPerson(), now)).code).toBe('NTV-2034-00002');
  });

  it('20 residents submitting at the same moment get 20 distinct, consecutive codes', async () => {
    const people = await Promise.all(Array.from({ length: 20 }, () => newPerson()));
    const now = new Date('2030-01-15T09:00:00Z');
    const results = await Promise.all(people.map((person) => submitNew(person, now)));
    const codes = results.map((result) => result.code).sort();
    expect(codes).toEqual(Array.from({ length: 20 }, (_, index) => `NTV-2030-${String(index + 1).padStart(5, '0')}`));
    expect(results.every((result) => result.created)).toBe(true);
    expect(await db.nomination.count({ where: { code: { startsWith: 'NTV-2030-' } } })).toBe(20);
    expect(await db.draft.count({ where: { userId: { in: people.map((person) => person.id) } } })).toBe(0);
  });

  // Regression (was a bug): the submission is written with hand-written SQL through node-postgres, which sends a Date
  // as local wall time into `timestamp without time zone` columns, while Prisma reads them as UTC.
  // On a server whose clock runs on Vietnam time (TZ=Asia/Ho_Chi_Minh) "Đề xuất của tôi" shows every
  // nomination 7 hours later than it was sent (and pledge times are shifted the same way).
  it('"Đề xuất của tôi" shows the moment of submission even when the server runs on Vietnam time', async () => {
    const previous = process.env.TZ;
    process.env.TZ = 'Asia/Ho_Chi_Minh';
    try {
      const person = await newPerson();
      const now = new Date('2035-05-05T03:00:00.000Z');
      await submitNew(person, now);
      const { items } = await nominations.listForUser(person.id, 0, 8);
      expect(items[0]?.submittedAt.toISOString()).toBe(now.toISOString());
    } finally {
      if (previous === undefined) delete process.env.TZ;
      else process.env.TZ = previous;
    }
  });
});

describe('PrismaNominationRepository: a resident’s own nominations', () => {
  let owner: Person;
  let stranger: Person;
  const submitted: { id: number; code: string; at: Date }[] = [];

  beforeAll(async () => {
    owner = await newPerson();
    stranger = await newPerson();
    for (const [index, at] of ['2033-01-01T01:00:00Z', '2033-02-01T01:00:00Z', '2033-03-01T01:00:00Z', '2033-04-01T01:00:00Z', '2033-05-01T01:00:00Z'].entries()) {
      const draft = finishedDraft({
        answers: { ...finishedDraft().answers, nomineeName: `Người tốt số ${index + 1}`, unit: index === 0 ? wardId : groupId },
        attachments: index === 4 ? [attachment(1), attachment(2), attachment(3)] : [],
      });
      const result = await submitNew(owner, new Date(at), draft);
      submitted.push({ id: result.id, code: result.code, at: new Date(at) });
    }
    await submitNew(stranger, new Date('2033-06-01T01:00:00Z'));
    await submitNew(stranger, new Date('2033-06-02T01:00:00Z'));
  });

  it('lists newest first, page by page, counting only that resident’s nominations', async () => {
    const page1 = await nominations.listForUser(owner.id, 0, 2);
    const page2 = await nominations.listForUser(owner.id, 2, 2);
    const page3 = await nominations.listForUser(owner.id, 4, 2);
    expect(page1.total).toBe(5);
    expect(page3.total).toBe(5);
    expect([...page1.items, ...page2.items, ...page3.items].map((item) => item.code)).toEqual([...submitted].reverse().map((item) => item.code));
    expect(page3.items).toHaveLength(1);
    expect(page1.items[0]).toMatchObject({
      nomineeName: 'Người tốt số 5',
      status: 'received',
      unitName: 'Tổ dân phố số 1 – Phường Từ Liêm',
      deedDate: '2026-11-15',
      evidenceCount: 3,
      nominatorPhone: '+84912345678',
    });
    expect(page1.items[0]?.submittedAt.toISOString()).toBe('2033-05-01T01:00:00.000Z');
    expect(page3.items[0]).toMatchObject({ unitName: 'Phường Từ Liêm', evidenceCount: 0 });
    expect(await nominations.listForUser((await newPerson()).id, 0, 8)).toEqual({ items: [], total: 0 });
  });

  it('shows a nomination to its author only', async () => {
    const mine = submitted[1]!;
    expect(await nominations.getForUser(owner.id, mine.id)).toMatchObject({ id: mine.id, code: mine.code, nomineeName: 'Người tốt số 2' });
    expect(await nominations.getForUser(stranger.id, mine.id)).toBeNull();
    expect(await nominations.getForUser(owner.id, 999_999)).toBeNull();
  });

  it('withdraws a nomination still "received", with an audit record, and only once', async () => {
    const target = submitted[2]!;
    const at = new Date('2033-07-01T08:00:00Z');
    expect(await nominations.withdraw(owner.id, target.id, at)).toBe('withdrawn');
    expect((await nominations.getForUser(owner.id, target.id))?.status).toBe('withdrawn');
    const history = await db.statusChange.findMany({ where: { nominationId: target.id }, orderBy: { id: 'asc' } });
    expect(history.map((row) => [row.fromStatus, row.toStatus, row.actorRole, row.actorUserId])).toEqual([
      [null, 'received', 'resident', owner.id],
      ['received', 'withdrawn', 'resident', owner.id],
    ]);
    expect(history[1]?.at.toISOString()).toBe(at.toISOString());
    expect(await nominations.withdraw(owner.id, target.id, at)).toBe('not-allowed');
    expect(await db.statusChange.count({ where: { nominationId: target.id } })).toBe(2);
  });

  it('refuses to withdraw once the ward has started on it', async () => {
    const target = submitted[3]!;
    await db.nomination.update({ where: { id: target.id }, data: { status: 'verifying' } });
    expect(await nominations.withdraw(owner.id, target.id, new Date('2033-07-02T00:00:00Z'))).toBe('not-allowed');
    expect((await nominations.getForUser(owner.id, target.id))?.status).toBe('verifying');
    expect(await db.statusChange.count({ where: { nominationId: target.id } })).toBe(1);
  });

  it("cannot withdraw someone else's nomination (it looks not found)", async () => {
    const target = submitted[0]!;
    expect(await nominations.withdraw(stranger.id, target.id, new Date('2033-07-03T00:00:00Z'))).toBe('not-found');
    expect(await nominations.withdraw(owner.id, 999_999, new Date('2033-07-03T00:00:00Z'))).toBe('not-found');
    expect((await nominations.getForUser(owner.id, target.id))?.status).toBe('received');
    expect(await db.statusChange.count({ where: { nominationId: target.id } })).toBe(1);
  });
});

describe('PrismaConsentRepository', () => {
  it('records each consent with its time and text version, and finds the latest one in force', async () => {
    const person = await newPerson();
    expect(await consents.latest(person.id, 'nomination-intake')).toBeNull();
    const first = await consents.record(person.id, 'nomination-intake', 1, 'vi', new Date('2026-01-01T00:00:00Z'));
    const second = await consents.record(person.id, 'nomination-intake', 2, 'en', new Date('2026-02-01T00:00:00Z'));
    expect(second).not.toBe(first);
    expect(await consents.latest(person.id, 'nomination-intake')).toEqual({ id: second });
    const row = await db.consent.findUniqueOrThrow({ where: { id: second } });
    expect(row).toMatchObject({ userId: person.id, purpose: 'nomination-intake', textVersion: 2, locale: 'en', withdrawnAt: null });
    expect(row.givenAt.toISOString()).toBe('2026-02-01T00:00:00.000Z');
    // Both records are kept (the law asks for a record of each consent).
    expect(await db.consent.count({ where: { userId: person.id } })).toBe(2);

    await db.consent.update({ where: { id: second }, data: { withdrawnAt: new Date('2026-03-01T00:00:00Z') } });
    expect(await consents.latest(person.id, 'nomination-intake')).toEqual({ id: first });
    expect(await consents.latest(person.id, 'newsletter')).toBeNull();
    expect(await consents.latest((await newPerson()).id, 'nomination-intake')).toBeNull();
  });
});

describe('units: seeding and listing', () => {
  it('running the seed again creates nothing and changes nothing', async () => {
    const before = await db.unit.findMany({ orderBy: { code: 'asc' }, select: { id: true, code: true, name: true, kind: true, parentId: true, aliases: true, sortOrder: true } });
    expect(await upsertUnits(db, SEED_UNITS)).toBe(0);
    const after = await db.unit.findMany({ orderBy: { code: 'asc' }, select: { id: true, code: true, name: true, kind: true, parentId: true, aliases: true, sortOrder: true } });
    expect(after).toEqual(before);
    expect(after.filter((unit) => SEED_UNITS.some((seed) => seed.code === unit.code))).toHaveLength(SEED_UNITS.length);
    const tuLiem = after.find((unit) => unit.code === 'HN-TU-LIEM');
    expect(tuLiem?.aliases).toEqual(expect.arrayContaining(['Phường Cầu Diễn', 'Phường Mỹ Đình 1', 'Quận Nam Từ Liêm']));
    expect(after.find((unit) => unit.code === 'HN-TU-LIEM-TDP-01')?.parentId).toBe(tuLiem?.id);
  });

  it('merges new former names into a unit and never loses the ones it had', async () => {
    expect(await upsertUnits(db, [{ code: 'HN-TAY-MO', name: 'Phường Tây Mỗ', kind: 'ward', aliases: ['Xã Tây Mỗ'], sortOrder: 3 }])).toBe(0);
    const merged = await db.unit.findUniqueOrThrow({ where: { code: 'HN-TAY-MO' } });
    expect([...merged.aliases].sort()).toEqual(['Phường Tây Mỗ (cũ)', 'Xã Tây Mỗ'].sort());
    // The next run of the stock seed (without the new alias) keeps it.
    expect(await upsertUnits(db, SEED_UNITS)).toBe(0);
    expect((await db.unit.findUniqueOrThrow({ where: { code: 'HN-TAY-MO' } })).aliases).toContain('Xã Tây Mỗ');
  });

  it('adds a new unit under an existing parent and counts it', async () => {
    expect(await upsertUnits(db, [{ code: 'HN-TAY-MO-TDP-99', name: 'Tổ dân phố số 99', kind: 'residential-group', parent: 'HN-TAY-MO' }])).toBe(1);
    const added = await db.unit.findUniqueOrThrow({ where: { code: 'HN-TAY-MO-TDP-99' }, include: { parent: true } });
    expect(added.parent?.code).toBe('HN-TAY-MO');
    await expect(upsertUnits(db, [{ code: 'X-ORPHAN', name: 'Tổ mồ côi', kind: 'residential-group', parent: 'NO-SUCH-WARD' }])).rejects.toThrow(/NO-SUCH-WARD/);
  });

  it('listActive offers active units only', async () => {
    await db.unit.create({ data: { code: 'HN-CLOSED', name: 'Phường đã giải thể', kind: 'ward', active: false } });
    await db.unit.update({ where: { code: 'HN-DAI-MO-TDP-04' }, data: { active: false } });
    const listed = await units.listActive();
    const codes = listed.map((unit) => unit.code);
    expect(codes).not.toContain('HN-CLOSED');
    expect(codes).not.toContain('HN-DAI-MO-TDP-04');
    expect(codes).toContain('HN-DAI-MO-TDP-03');
    expect(codes).toEqual(expect.arrayContaining(SEED_UNITS.map((seed) => seed.code).filter((code) => code !== 'HN-DAI-MO-TDP-04')));
    expect(listed.find((unit) => unit.code === 'HN-TU-LIEM')).toMatchObject({ name: 'Phường Từ Liêm', kind: 'ward', parentId: null, sortOrder: 1 });
  });
});
