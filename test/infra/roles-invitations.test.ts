/**
 * Roles and invitations on a real PostgreSQL: who is told about a nomination, and what a link
 * sent to a future unit head can and cannot do (be used twice, be guessed, outlive its expiry).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Person } from '../../src/core/ports.js';
import { INVITATION_ATTEMPTS_PER_HOUR, type GrantableRole } from '../../src/core/roles.js';
import { openDatabase, type Db } from '../../src/infra/db/client.js';
import { deepLink, hashInvitationCode, newInvitationCode, parseDuration } from '../../src/infra/invitation-codes.js';
import { PrismaInvitationRepository } from '../../src/infra/repositories/invitations.js';
import { PrismaRoleRepository } from '../../src/infra/repositories/roles.js';
import { PrismaUserRepository } from '../../src/infra/repositories/users.js';
import { SEED_UNITS, upsertUnits } from '../../src/infra/seed/units.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';

const HOUR = 60 * 60 * 1000;
const T0 = new Date('2026-12-01T03:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);

let database: TestDatabase;
let connection: ReturnType<typeof openDatabase>;
let db: Db;
let roles: PrismaRoleRepository;
let invitations: PrismaInvitationRepository;
let users: PrismaUserRepository;
let wardId: number;
let groupId: number;
let otherWardId: number;

beforeAll(async () => {
  database = await createTestDatabase();
  connection = openDatabase(database.url, { max: 12 });
  db = connection.db;
  await upsertUnits(db, SEED_UNITS);
  roles = new PrismaRoleRepository(db);
  invitations = new PrismaInvitationRepository(db);
  users = new PrismaUserRepository(db);
  const id = async (code: string) => (await db.unit.findUniqueOrThrow({ where: { code } })).id;
  wardId = await id('HN-TU-LIEM');
  groupId = await id('HN-TU-LIEM-TDP-01');
  otherWardId = await id('HN-DAI-MO');
});

afterAll(async () => {
  await connection?.close();
  await database?.drop();
});

let nextPerson = 0;
async function newPerson(locale: 'vi' | 'en' = 'vi'): Promise<Person> {
  nextPerson += 1;
  const person = await users.identify('telegram', `${900_000 + nextPerson}`, `${900_000 + nextPerson}`, locale);
  await users.setLocale(person.id, locale);
  return person;
}

/** A fresh invitation; returns its code (which only the test knows). */
async function invite(role: GrantableRole, unitId: number | null, options: { maxUses?: number; expiresAt?: Date } = {}) {
  const code = newInvitationCode();
  const { id } = await invitations.create({
    codeHash: hashInvitationCode(code),
    role,
    unitId,
    maxUses: options.maxUses ?? 1,
    expiresAt: options.expiresAt ?? at(7 * 24 * HOUR),
    createdBy: 'test',
  });
  return { id, code };
}

const redeem = (code: string, person: Person, now = T0) => invitations.redeem(hashInvitationCode(code), person.id, now);

describe('invitation codes', () => {
  it('are long random deep-link payloads, hashed with SHA-256', () => {
    const codes = new Set(Array.from({ length: 200 }, () => newInvitationCode()));
    expect(codes.size).toBe(200);
    for (const code of codes) {
      expect(code).toMatch(/^[A-Za-z0-9_-]{22,64}$/);
      expect(Buffer.from(code, 'base64url').length).toBeGreaterThanOrEqual(16);
    }
    expect(hashInvitationCode('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(deepLink('test_bot', 'Ab-_9')).toBe('https://t.me/test_bot?start=Ab-_9');
    expect(deepLink('@test_bot', 'x')).toBe('https://t.me/test_bot?start=x');
  });

  it('parses durations and refuses anything else with a clear message', () => {
    expect(parseDuration('7d')).toBe(7 * 24 * HOUR);
    expect(parseDuration('12h')).toBe(12 * HOUR);
    expect(parseDuration('30m')).toBe(30 * 60 * 1000);
    for (const bad of ['', '7', 'd', '-1d', '0h', '1.5d', '7 days', '2w']) expect(() => parseDuration(bad)).toThrow(/invalid duration .*e\.g\. 7d, 12h, 30m/);
  });
});

describe('PrismaRoleRepository', () => {
  it('grants once: granting a role the person holds (same unit) changes nothing, even at the same time', async () => {
    const person = await newPerson();
    await roles.grant(person.id, 'head', wardId, T0);
    await roles.grant(person.id, 'head', wardId, at(HOUR));
    await Promise.all(Array.from({ length: 5 }, () => roles.grant(person.id, 'head', wardId, T0)));
    expect(await db.roleGrant.count({ where: { userId: person.id } })).toBe(1);
    // Another unit, or another role, is another grant.
    await roles.grant(person.id, 'head', groupId, T0);
    await Promise.all([roles.grant(person.id, 'council', null, T0), roles.grant(person.id, 'council', null, T0)]);
    const held = await roles.rolesOf(person.id);
    expect(held.map(({ role, unitId }) => ({ role, unitId }))).toEqual([
      { role: 'head', unitId: wardId },
      { role: 'head', unitId: groupId },
      { role: 'council', unitId: null },
    ]);
    expect(held.every((grant) => typeof grant.id === 'number')).toBe(true);
  });

  it('revokes a grant once; the record stays, and the role may be granted again', async () => {
    const person = await newPerson();
    await roles.grant(person.id, 'admin', null, T0);
    const [grant] = await roles.list({ userId: person.id });
    expect(await roles.revoke(grant!.id, at(HOUR))).toBe(true);
    expect(await roles.revoke(grant!.id, at(2 * HOUR))).toBe(false);
    expect(await roles.revoke(999_999, T0)).toBe(false);
    expect(await roles.rolesOf(person.id)).toEqual([]);
    const [revoked] = await roles.list({ userId: person.id, includeRevoked: true });
    expect(revoked?.revokedAt?.toISOString()).toBe(at(HOUR).toISOString());
    await roles.grant(person.id, 'admin', null, at(3 * HOUR));
    expect(await roles.rolesOf(person.id)).toHaveLength(1);
    expect(await roles.list({ userId: person.id, includeRevoked: true })).toHaveLength(2);
  });

  it('lists grants with the person and unit, filtered by unit, person and revocation', async () => {
    const a = await newPerson();
    const b = await newPerson();
    await roles.grant(a.id, 'head', otherWardId, T0);
    await roles.grant(b.id, 'head', otherWardId, T0);
    await roles.grant(b.id, 'council', null, T0);
    const [bHead] = (await roles.list({ userId: b.id })).filter((grant) => grant.role === 'head');
    await roles.revoke(bHead!.id, at(HOUR));

    const ofUnit = await roles.list({ unitId: otherWardId });
    expect(ofUnit).toHaveLength(1);
    expect(ofUnit[0]).toMatchObject({ userId: a.id, channel: 'telegram', role: 'head', unitId: otherWardId, unitCode: 'HN-DAI-MO', unitName: 'Phường Đại Mỗ', revokedAt: null });
    expect(ofUnit[0]!.grantedAt.toISOString()).toBe(T0.toISOString());
    expect(await roles.list({ unitId: otherWardId, includeRevoked: true })).toHaveLength(2);
    expect((await roles.list({ userId: b.id })).map((grant) => grant.role)).toEqual(['council']);
    expect((await roles.list({ userId: b.id })).every((grant) => grant.externalId !== '' && grant.unitCode === null)).toBe(true);
    const all = await roles.list();
    expect(all.every((grant) => grant.revokedAt === null)).toBe(true);
    expect(all.some((grant) => grant.userId === a.id)).toBe(true);
  });

  it('recipients: the heads of a residential group and of the ward above it, once each, with their chats', async () => {
    const wardHead = await newPerson('en');
    const groupHead = await newPerson();
    const otherHead = await newPerson();
    const formerHead = await newPerson();
    const council = await newPerson();
    await roles.grant(wardHead.id, 'head', wardId, T0);
    await roles.grant(wardHead.id, 'head', groupId, T0); // heads both: told once
    await roles.grant(groupHead.id, 'head', groupId, T0);
    await roles.grant(otherHead.id, 'head', otherWardId, T0);
    await roles.grant(formerHead.id, 'head', wardId, T0);
    await roles.revoke((await roles.list({ userId: formerHead.id }))[0]!.id, T0);
    await roles.grant(council.id, 'council', null, T0);

    // (Earlier tests gave roles to other people: look at this test's people only.)
    const mine = new Set([wardHead.id, groupHead.id, otherHead.id, formerHead.id, council.id]);
    const ofMine = (list: { userId: number }[]) => list.map((recipient) => recipient.userId).filter((id) => mine.has(id));
    const heads = await roles.recipients('head', [groupId, wardId]);
    expect(ofMine(heads)).toHaveLength(2);
    expect(new Set(ofMine(heads))).toEqual(new Set([wardHead.id, groupHead.id]));
    expect(new Set(heads.map((recipient) => recipient.userId)).size).toBe(heads.length);
    expect(heads.find((recipient) => recipient.userId === wardHead.id)).toEqual({ userId: wardHead.id, channel: 'telegram', chatId: expect.stringMatching(/^\d+$/), locale: 'en' });
    // A ward's own nominations do not reach the heads of its residential groups.
    expect(ofMine(await roles.recipients('head', [wardId]))).toEqual([wardHead.id]);
    expect(await roles.recipients('head', [])).toEqual([]);
    expect(ofMine(await roles.recipients('council'))).toEqual([council.id]);
  });
});

describe('PrismaInvitationRepository', () => {
  it('a single-use invitation grants its role once; the next person finds it used', async () => {
    const { id, code } = await invite('head', wardId);
    const first = await newPerson();
    const second = await newPerson();
    expect(await redeem(code, first)).toEqual({ status: 'granted', role: 'head', unitId: wardId });
    expect(await roles.rolesOf(first.id)).toEqual([expect.objectContaining({ role: 'head', unitId: wardId })]);
    const grant = await db.roleGrant.findFirstOrThrow({ where: { userId: first.id } });
    expect(grant.invitationId).toBe(id);
    expect(grant.grantedAt.toISOString()).toBe(T0.toISOString());
    expect(await redeem(code, second)).toEqual({ status: 'used' });
    expect(await roles.rolesOf(second.id)).toEqual([]);
    expect((await db.invitation.findUniqueOrThrow({ where: { id } })).uses).toBe(1);
  });

  it('a code for three people works three times, then it is used', async () => {
    const { id, code } = await invite('council', null, { maxUses: 3 });
    const people = [await newPerson(), await newPerson(), await newPerson(), await newPerson()];
    for (const person of people.slice(0, 3)) expect(await redeem(code, person)).toEqual({ status: 'granted', role: 'council', unitId: null });
    expect(await redeem(code, people[3]!)).toEqual({ status: 'used' });
    expect((await db.invitation.findUniqueOrThrow({ where: { id } })).uses).toBe(3);
    expect(await db.roleGrant.count({ where: { invitationId: id } })).toBe(3);
  });

  it('refuses an expired, a revoked and an unknown code, recording each as a failed attempt', async () => {
    const person = await newPerson();
    const expired = await invite('head', groupId, { expiresAt: at(HOUR) });
    expect(await redeem(expired.code, person, at(HOUR))).toEqual({ status: 'expired' });
    const revoked = await invite('admin', null);
    expect(await invitations.revoke(revoked.id, T0)).toBe(true);
    expect(await invitations.revoke(revoked.id, T0)).toBe(false);
    expect(await redeem(revoked.code, person)).toEqual({ status: 'revoked' });
    expect(await redeem(newInvitationCode(), person)).toEqual({ status: 'unknown' });
    expect(await db.invitationAttempt.count({ where: { userId: person.id } })).toBe(3);
    expect(await roles.rolesOf(person.id)).toEqual([]);
    // Just before expiry the code still works.
    expect(await redeem(expired.code, await newPerson(), at(HOUR - 1))).toMatchObject({ status: 'granted' });
  });

  it(`after ${INVITATION_ATTEMPTS_PER_HOUR} failed codes within an hour a person is refused without a look-up, and again allowed an hour later`, async () => {
    const guesser = await newPerson();
    for (let attempt = 0; attempt < INVITATION_ATTEMPTS_PER_HOUR; attempt += 1) {
      expect(await redeem(newInvitationCode(), guesser, at(attempt * 60_000))).toEqual({ status: 'unknown' });
    }
    const { id, code } = await invite('head', groupId, { expiresAt: at(48 * HOUR) });
    // Even the right code is not looked at (and not spent) while the person is blocked.
    expect(await redeem(code, guesser, at(30 * 60_000))).toEqual({ status: 'rate-limited' });
    expect(await redeem(newInvitationCode(), guesser, at(59 * 60_000))).toEqual({ status: 'rate-limited' });
    expect((await db.invitation.findUniqueOrThrow({ where: { id } })).uses).toBe(0);
    expect(await db.invitationAttempt.count({ where: { userId: guesser.id } })).toBe(INVITATION_ATTEMPTS_PER_HOUR);
    // Someone else is not affected.
    expect(await redeem(newInvitationCode(), await newPerson(), at(30 * 60_000))).toEqual({ status: 'unknown' });
    // The first failure leaves the window after an hour: one more try is allowed.
    expect(await redeem(code, guesser, at(HOUR + 1))).toEqual({ status: 'granted', role: 'head', unitId: groupId });
  });

  it('two people redeeming a single-use code at the same moment: exactly one is granted', async () => {
    for (let round = 0; round < 5; round += 1) {
      const { id, code } = await invite('head', wardId);
      const people = await Promise.all(Array.from({ length: 8 }, () => newPerson()));
      const outcomes = await Promise.all(people.map((person) => redeem(code, person)));
      expect(outcomes.filter((outcome) => outcome.status === 'granted')).toHaveLength(1);
      expect(outcomes.filter((outcome) => outcome.status === 'used')).toHaveLength(7);
      expect((await db.invitation.findUniqueOrThrow({ where: { id } })).uses).toBe(1);
      expect(await db.roleGrant.count({ where: { invitationId: id } })).toBe(1);
    }
    const { id, code } = await invite('council', null, { maxUses: 3 });
    const people = await Promise.all(Array.from({ length: 8 }, () => newPerson()));
    const outcomes = await Promise.all(people.map((person) => redeem(code, person)));
    expect(outcomes.filter((outcome) => outcome.status === 'granted')).toHaveLength(3);
    expect(await db.roleGrant.count({ where: { invitationId: id } })).toBe(3);
  });

  it('the same person redeeming twice at once gets one grant', async () => {
    const { code } = await invite('head', otherWardId, { maxUses: 5 });
    const person = await newPerson();
    const outcomes = await Promise.all([redeem(code, person), redeem(code, person), redeem(code, person)]);
    expect(outcomes.every((outcome) => outcome.status === 'granted')).toBe(true);
    expect(await db.roleGrant.count({ where: { userId: person.id, revokedAt: null } })).toBe(1);
  });

  it('stores only the hash of the code: the code appears nowhere in the database', async () => {
    const { id, code } = await invite('head', wardId);
    const row = await db.invitation.findUniqueOrThrow({ where: { id } });
    expect(row.codeHash).toBe(hashInvitationCode(code));
    expect(row.codeHash).not.toContain(code);
    await redeem(code, await newPerson());
    const tables = await db.$queryRaw<{ name: string }[]>`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`;
    expect(tables.length).toBeGreaterThan(5);
    for (const { name } of tables) {
      const { rows } = await connection.pool.query<{ found: boolean }>(`SELECT EXISTS (SELECT 1 FROM "${name}" t WHERE row_to_json(t)::text LIKE $1) AS found`, [`%${code}%`]);
      expect(rows[0]!.found, `table ${name}`).toBe(false);
    }
  });

  it('lists usable invitations, or all with their state', async () => {
    const usable = await invite('head', wardId, { maxUses: 2 });
    const spent = await invite('admin', null);
    await redeem(spent.code, await newPerson());
    const lapsed = await invite('council', null, { expiresAt: at(-1) });
    const now = T0;
    const active = await invitations.list({ now });
    const activeIds = active.map((invitation) => invitation.id);
    expect(activeIds).toContain(usable.id);
    expect(activeIds).not.toContain(spent.id);
    expect(activeIds).not.toContain(lapsed.id);
    expect(active.find((invitation) => invitation.id === usable.id)).toMatchObject({ role: 'head', unitId: wardId, unitCode: 'HN-TU-LIEM', maxUses: 2, uses: 0, createdBy: 'test', revokedAt: null });
    const everything = (await invitations.list({ includeInactive: true, now })).map((invitation) => invitation.id);
    expect(everything).toEqual(expect.arrayContaining([usable.id, spent.id, lapsed.id]));
  });
});
