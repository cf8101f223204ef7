/**
 * Reminders on a real PostgreSQL, through the composed app: a campaign over two wards with a head
 * each, ticks at the planned moments (each "now" injected), exactly-once enqueueing whatever the
 * number of ticks or Reminders instances, supersede of an unsent older step, a unit's report
 * withdrawing its reminders, an extension re-planning, the council's digest of late units, two
 * outbox senders sharing 200 reminders, a sender that died with its claim, and the dry-run CLI.
 *
 * The dates lie in December 2031 on purpose: `app.reminders.tick` kicks the app's own outbox
 * drainer, which runs on the real clock and has no channel registered here; rows due in the future
 * are never claimed by it, so only the senders of these tests (with their own clocks) touch them.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../src/app/logger.js';
import { OutboxSender, type ChannelSender, type SendOutcome } from '../../src/app/outbox-sender.js';
import { Reminders } from '../../src/app/reminders.js';
import type { OutMessage } from '../../src/core/messages.js';
import type { NewCampaign } from '../../src/infra/repositories/campaigns.js';
import { createTestApp } from '../support/db.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const run = promisify(execFile);

/** An instant given as Vietnam local time "yyyy-mm-dd HH:MM". */
const vn = (local: string): Date => new Date(`${local.replace(' ', 'T')}:00+07:00`);

/** Deadline Monday 15/12/2031; reminders 7, 3, 1 and 0 days before at 08:00 (calendar days). */
const DEADLINE = '2031-12-15';
const D7 = vn('2031-12-08 08:05');
const D3 = vn('2031-12-12 08:05');
const D1 = vn('2031-12-14 08:05');
const D0 = vn('2031-12-15 08:05');

let t: Awaited<ReturnType<typeof createTestApp>>;
let dataDir: string;
const ward = { xp: 0, tm: 0, dm: 0 };
const names = { xp: '', tm: '' };
const heads = { xp: 0, tm: 0 };
let council = 0;
let campaignNo = 0;

async function person(externalId: string) {
  return t.app.users.identify('telegram', externalId, externalId, 'vi');
}

beforeAll(async () => {
  t = await createTestApp();
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'ntvt-reminders-'));
  for (const [key, code] of [['xp', 'HN-XUAN-PHUONG'], ['tm', 'HN-TAY-MO'], ['dm', 'HN-DAI-MO']] as const) {
    ward[key] = (await t.db.unit.findUniqueOrThrow({ where: { code } })).id;
  }
  const env = await t.app.env();
  names.xp = env.units.fullName(ward.xp)!;
  names.tm = env.units.fullName(ward.tm)!;
  const granted = new Date('2031-01-01T00:00:00Z');
  heads.xp = (await person('5001')).id;
  heads.tm = (await person('5002')).id;
  council = (await person('5003')).id;
  await t.app.roles.grant(heads.xp, 'head', ward.xp, granted);
  await t.app.roles.grant(heads.tm, 'head', ward.tm, granted);
  await t.app.roles.grant(council, 'council', null, granted);
});

afterAll(async () => {
  await t?.app.outboxSender.idle();
  await t?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

beforeEach(async () => {
  await t.db.notification.deleteMany({});
  await t.db.campaign.deleteMany({});
});
afterEach(async () => {
  await t.app.outboxSender.idle();
});

async function campaign(overrides: Partial<NewCampaign> = {}) {
  campaignNo += 1;
  return t.app.campaigns.create({
    code: `TD-2031-${campaignNo}`,
    name: `Đợt thi đua cuối năm 2031 (${campaignNo})`,
    kind: 'year-end',
    opensOn: '2031-11-01',
    closesOn: '2031-12-31',
    deadline: DEADLINE,
    reminderDays: [7, 3, 1, 0],
    reminderTime: '08:00',
    workingDaysOnly: false,
    unitIds: [ward.xp, ward.tm],
    ...overrides,
  });
}

const rows = () => t.db.notification.findMany({ orderBy: { id: 'asc' } });
const pendingRows = () => t.db.notification.findMany({ where: { sentAt: null, failedAt: null }, orderBy: { id: 'asc' } });
const text = (payload: unknown) => (payload as OutMessage).parts.map((part) => t.app.translator.render('vi', part)).join('\n\n');
const escape = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const reminderKey = (campaignId: number, unitId: number, userId: number, step: string, deadline = DEADLINE) => `reminder:${campaignId}:${unitId}:${userId}:${step}@${deadline}`;

/** A Reminders instance of its own (as another process would have), sharing only the database. */
function otherReminders() {
  return new Reminders({ campaigns: t.app.campaigns, roles: t.app.roles, env: t.app.env, calendar: t.app.calendar, kickOutbox: () => {}, log: silentLogger });
}

/** A fake channel: counts sends per chat. */
class CountingChannel implements ChannelSender {
  /** `before` runs ahead of each send (a test holds a sender back with it). */
  constructor(readonly sends = new Map<string, number>(), private readonly before?: () => Promise<unknown>) {}
  async send(chatId: string): Promise<SendOutcome> {
    await this.before?.();
    this.sends.set(chatId, (this.sends.get(chatId) ?? 0) + 1);
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 3));
    return { status: 'sent' };
  }
}

function senderAt(channel: ChannelSender, clock: () => Date, options: { batch?: number } = {}) {
  const sender = new OutboxSender(t.app.outbox, silentLogger, { clock, perSecond: 1000, ...options });
  sender.register('telegram', channel);
  return sender;
}

describe('enqueueing reminders', () => {
  it('at d-7 08:05 one reminder per head is enqueued, and only once whatever the ticks or instances', async () => {
    const c = await campaign();
    expect(await t.app.reminders.tick(vn('2031-12-08 07:59'))).toBe(0);
    expect(await t.app.reminders.tick(D7)).toBe(2);

    const queued = await rows();
    expect(queued.map((row) => [row.dedupeKey, row.chatId, row.userId, row.channel, row.groupKey])).toEqual([
      [reminderKey(c.id, ward.xp, heads.xp, 'd7'), '5001', heads.xp, 'telegram', `reminder:${c.id}:${ward.xp}:${heads.xp}`],
      [reminderKey(c.id, ward.tm, heads.tm, 'd7'), '5002', heads.tm, 'telegram', `reminder:${c.id}:${ward.tm}:${heads.tm}`],
    ]);
    expect(queued.every((row) => row.notBefore.getTime() === D7.getTime() && row.sentAt === null && row.failedAt === null)).toBe(true);
    const xp = text(queued[0]!.payload);
    expect(xp).toContain(`Nhắc hạn ${c.name}: đơn vị ${names.xp}`);
    expect(xp).toContain('15/12/2031');
    expect(xp).toContain('còn 7 ngày');
    const buttons = (queued[0]!.payload as unknown as OutMessage).choices!.rows.flat().map((choice) => choice.value);
    expect(buttons).toEqual([`o:${c.id}:${ward.xp}`, `n:${c.id}:${ward.xp}`, 'h']);

    // Again at the same moment, later that day, from another instance, and two at once.
    expect(await t.app.reminders.tick(D7)).toBe(0);
    expect(await t.app.reminders.tick(vn('2031-12-08 17:00'))).toBe(0);
    expect(await otherReminders().tick(D7)).toBe(0);
    const concurrent = await Promise.all([t.app.reminders.tick(vn('2031-12-09 08:00')), otherReminders().tick(vn('2031-12-09 08:00')), otherReminders().tick(D7)]);
    expect(concurrent).toEqual([0, 0, 0]);
    expect(await t.db.notification.count()).toBe(2);

    // What is owed now is reported as queued.
    const planned = await t.app.reminders.planned(D7);
    expect(planned.map((item) => [item.kind, item.key, item.queued])).toEqual([
      ['reminder', reminderKey(c.id, ward.xp, heads.xp, 'd7'), true],
      ['reminder', reminderKey(c.id, ward.tm, heads.tm, 'd7'), true],
    ]);
  });

  it('two instances ticking at once on a fresh step enqueue each reminder once', async () => {
    const c = await campaign();
    const counts = await Promise.all([t.app.reminders.tick(D3), otherReminders().tick(D3), otherReminders().tick(D3), otherReminders().tick(D3)]);
    expect(counts.reduce((sum, count) => sum + count, 0)).toBe(2);
    expect((await rows()).map((row) => row.dedupeKey).sort()).toEqual([reminderKey(c.id, ward.xp, heads.xp, 'd3'), reminderKey(c.id, ward.tm, heads.tm, 'd3')].sort());
  });

  it('at d-3 an unsent d7 is superseded; a sent one stays sent; a bot down through d7 sends only d3', async () => {
    const c = await campaign();
    expect(await t.app.reminders.tick(D7)).toBe(2);
    const xpD7 = await t.db.notification.findUniqueOrThrow({ where: { dedupeKey: reminderKey(c.id, ward.xp, heads.xp, 'd7') } });
    await t.app.outbox.markSent(xpD7.id, vn('2031-12-08 08:06'));

    expect(await t.app.reminders.tick(D3)).toBe(2);
    const byKey = new Map((await rows()).map((row) => [row.dedupeKey, row]));
    expect(byKey.get(reminderKey(c.id, ward.xp, heads.xp, 'd7'))).toMatchObject({ sentAt: vn('2031-12-08 08:06'), failedAt: null });
    expect(byKey.get(reminderKey(c.id, ward.tm, heads.tm, 'd7'))).toMatchObject({ sentAt: null, failedAt: D3, lastError: 'superseded' });
    expect((await pendingRows()).map((row) => row.dedupeKey)).toEqual([reminderKey(c.id, ward.xp, heads.xp, 'd3'), reminderKey(c.id, ward.tm, heads.tm, 'd3')]);
    expect(text(byKey.get(reminderKey(c.id, ward.tm, heads.tm, 'd3'))!.payload)).toContain('còn 3 ngày');

    // A second campaign whose bot was down until d-3: no stale d7 at all.
    await t.db.notification.deleteMany({});
    const late = await campaign({ unitIds: [ward.tm] });
    expect(await t.app.reminders.tick(D3)).toBe(3);
    expect((await rows()).filter((row) => row.dedupeKey.startsWith(`reminder:${late.id}:`)).map((row) => row.dedupeKey)).toEqual([reminderKey(late.id, ward.tm, heads.tm, 'd3')]);
  });

  it('a unit that reported gets nothing further and its unsent reminders are dropped', async () => {
    const c = await campaign();
    await t.app.reminders.tick(D3);
    expect(await t.app.campaigns.report(c.id, ward.xp, 'submitted', heads.xp, vn('2031-12-12 09:00'))).toBe('reported');
    expect(await t.app.campaigns.report(c.id, ward.xp, 'none', heads.xp, vn('2031-12-12 09:30'))).toBe('already');
    expect(await t.app.campaigns.report(c.id, ward.dm, 'none', heads.xp, vn('2031-12-12 09:30'))).toBe('not-covered');

    expect(await t.db.notification.findUniqueOrThrow({ where: { dedupeKey: reminderKey(c.id, ward.xp, heads.xp, 'd3') } })).toMatchObject({ failedAt: vn('2031-12-12 09:00'), lastError: 'unit reported', sentAt: null });
    expect(await t.db.notification.findUniqueOrThrow({ where: { dedupeKey: reminderKey(c.id, ward.tm, heads.tm, 'd3') } })).toMatchObject({ failedAt: null });
    const state = (await t.app.campaigns.units(c.id)).find((unit) => unit.unitId === ward.xp)!;
    expect(state).toMatchObject({ reportKind: 'submitted', reportedAt: vn('2031-12-12 09:00') });

    for (const now of [D1, D0, vn('2031-12-17 08:05'), vn('2031-12-23 08:05')]) await t.app.reminders.tick(now);
    const forXp = (await rows()).filter((row) => row.dedupeKey.startsWith(`reminder:${c.id}:${ward.xp}:`));
    expect(forXp.map((row) => row.dedupeKey)).toEqual([reminderKey(c.id, ward.xp, heads.xp, 'd3')]);
    // The other ward goes on: d1, d0 (and no late one: d0@deadline was queued on the day).
    const forTm = (await rows()).filter((row) => row.dedupeKey.startsWith(`reminder:${c.id}:${ward.tm}:`));
    expect(forTm.map((row) => row.dedupeKey.split(':').at(-1))).toEqual([`d3@${DEADLINE}`, `d1@${DEADLINE}`, `d0@${DEADLINE}`]);
  });

  it('the one-tap report from the reminder: the head of the unit may, a head of another unit may not', async () => {
    const c = await campaign();
    await t.app.reminders.tick(D1);
    const render = (messages: OutMessage[]) => messages.map(text).join('\n');
    expect(render(await t.app.reminders.press(await person('5002'), `s:${c.id}:${ward.xp}`, D1))).toContain('Chức năng này dành cho lãnh đạo đơn vị');
    expect((await t.app.campaigns.units(c.id)).every((unit) => unit.reportedAt === null)).toBe(true);

    expect(render(await t.app.reminders.press(await person('5001'), `n:${c.id}:${ward.xp}`, D1))).toContain(`Đã ghi nhận: ${names.xp} không có đề xuất`);
    expect((await t.app.campaigns.units(c.id)).find((unit) => unit.unitId === ward.xp)).toMatchObject({ reportKind: 'none', reportedAt: D1 });
    expect(render(await t.app.reminders.press(await person('5001'), `s:${c.id}:${ward.xp}`, D1))).toContain('đã báo cáo');
    expect((await pendingRows()).map((row) => row.dedupeKey)).toEqual([reminderKey(c.id, ward.tm, heads.tm, 'd1')]);
  });

  it('an extension re-plans the unit from its new deadline (new keys)', async () => {
    const c = await campaign();
    await t.app.reminders.tick(D7);
    expect(await t.app.campaigns.extend(c.id, ward.tm, '2031-12-22')).toBe(true);
    expect(await t.app.campaigns.extend(c.id, ward.dm, '2031-12-22')).toBe(false);

    // d-3 of the old deadline: only the unit without an extension is reminded.
    expect(await t.app.reminders.tick(D3)).toBe(1);
    // d-7 of the new deadline (the old deadline day): a new key, counting towards 22/12.
    expect(await t.app.reminders.tick(D0)).toBe(2);
    const tm = (await rows()).filter((row) => row.groupKey === `reminder:${c.id}:${ward.tm}:${heads.tm}`);
    expect(tm.map((row) => row.dedupeKey)).toEqual([reminderKey(c.id, ward.tm, heads.tm, 'd7'), reminderKey(c.id, ward.tm, heads.tm, 'd7', '2031-12-22')]);
    // The old deadline's unsent reminder was withdrawn when the deadline changed.
    expect(tm[0]!.lastError).toBe('deadline changed');
    expect(tm[0]!.failedAt).not.toBeNull();
    expect(text(tm[1]!.payload)).toContain('22/12/2031');
    expect(text(tm[1]!.payload)).toContain('còn 7 ngày');
    // The other ward got its "on the day" reminder.
    expect((await pendingRows()).map((row) => row.dedupeKey)).toContain(reminderKey(c.id, ward.xp, heads.xp, 'd0'));
  });

  // Regression (was a bug): CampaignRepository.extend() left the unit's unsent reminders in the outbox. Until the first
  // step of the new plan is due (here a week later) a queued "3 days before 15/12" still goes out
  // although the deadline is now 22/12 (e.g. while the outbox is backed up, retrying a 429/5xx, or
  // the bot is down). An extension should withdraw the unsent reminders of the old deadline.
  it('an extension withdraws the unsent reminders that name the old deadline', async () => {
    const c = await campaign();
    await t.app.reminders.tick(D3);
    await t.app.campaigns.extend(c.id, ward.tm, '2031-12-22');
    await t.app.reminders.tick(vn('2031-12-12 09:00'));
    const stale = (await pendingRows()).filter((row) => row.dedupeKey.startsWith(`reminder:${c.id}:${ward.tm}:`) && row.dedupeKey.endsWith(`@${DEADLINE}`));
    expect(stale.map((row) => row.dedupeKey)).toEqual([]);
  });

  // Regression (was a bug): a campaign whose reminder_time is not "HH:MM" (e.g. "8:00"; nothing validates it on create
  // and the column has no CHECK) makes reminderSchedule throw "Invalid time value" inside
  // Reminders.planned(), so every tick fails and no campaign's reminders are sent at all.
  it('a campaign with a malformed reminder time does not stop the reminders of the others', async () => {
    const good = await campaign();
    // The repository refuses such a time now; a row written before (or by hand) is simulated.
    await expect(campaign({ reminderTime: '8:00', unitIds: [ward.dm] })).rejects.toThrow(/HH:MM/);
    const broken = await campaign({ unitIds: [ward.dm] });
    await t.db.campaign.update({ where: { id: broken.id }, data: { reminderTime: '8:00' } });
    expect(await t.app.reminders.tick(D7)).toBe(2);
    expect((await rows()).map((row) => row.dedupeKey)).toEqual([reminderKey(good.id, ward.xp, heads.xp, 'd7'), reminderKey(good.id, ward.tm, heads.tm, 'd7')]);
  });
});

describe('the council digest', () => {
  it('appears the day after the deadline for the units that have not reported, then weekly', async () => {
    const c = await campaign();
    await t.app.campaigns.report(c.id, ward.xp, 'submitted', heads.xp, vn('2031-12-10 10:00'));
    expect(await t.app.reminders.tick(D0)).toBe(1); // d0 for the other ward, no digest yet
    expect(await t.app.reminders.tick(vn('2031-12-15 20:00'))).toBe(0);
    expect(await t.app.reminders.tick(vn('2031-12-16 07:59'))).toBe(0);

    expect(await t.app.reminders.tick(vn('2031-12-16 08:05'))).toBe(1);
    const digest = (await rows()).filter((row) => row.dedupeKey.startsWith('digest:'));
    expect(digest.map((row) => [row.dedupeKey, row.chatId, row.userId])).toEqual([[`digest:${c.id}:${council}:digest@2031-12-16`, '5003', council]]);
    const body = text(digest[0]!.payload);
    expect(body).toContain('1 đơn vị chưa báo cáo');
    expect(body).toContain(names.tm);
    expect(body).not.toContain(names.xp);

    // Nothing more that week; during quiet hours nothing at all; the next one a week later.
    expect(await t.app.reminders.tick(vn('2031-12-19 10:00'))).toBe(0);
    expect(await t.app.reminders.tick(vn('2031-12-23 07:30'))).toBe(0);
    expect(await t.app.reminders.tick(vn('2031-12-23 22:30'))).toBe(0);
    expect(await t.app.reminders.tick(vn('2031-12-23 08:05'))).toBe(1);
    expect((await rows()).filter((row) => row.dedupeKey.startsWith('digest:')).map((row) => row.dedupeKey)).toEqual([
      `digest:${c.id}:${council}:digest@2031-12-16`,
      `digest:${c.id}:${council}:digest@2031-12-23`,
    ]);
    // The week-old digest, if still unsent, is superseded by the new one.
    expect(await t.db.notification.findUniqueOrThrow({ where: { dedupeKey: `digest:${c.id}:${council}:digest@2031-12-16` } })).toMatchObject({ lastError: 'superseded' });
  });

  it('a bot that was down through the deadline sends one late reminder and the digest', async () => {
    const c = await campaign();
    expect(await t.app.reminders.tick(vn('2031-12-17 09:00'))).toBe(3);
    const byKey = new Map((await rows()).map((row) => [row.dedupeKey, row]));
    expect([...byKey.keys()].sort()).toEqual([reminderKey(c.id, ward.xp, heads.xp, 'd0'), reminderKey(c.id, ward.tm, heads.tm, 'd0'), `digest:${c.id}:${council}:digest@2031-12-16`].sort());
    expect(text(byKey.get(reminderKey(c.id, ward.xp, heads.xp, 'd0'))!.payload)).toContain('đã quá hạn 2 ngày');
    expect(text(byKey.get(`digest:${c.id}:${council}:digest@2031-12-16`)!.payload)).toContain('2 đơn vị chưa báo cáo');
  });

  it('no digest when every unit reported', async () => {
    const c = await campaign();
    await t.app.campaigns.report(c.id, ward.xp, 'submitted', heads.xp, vn('2031-12-10 10:00'));
    await t.app.campaigns.report(c.id, ward.tm, 'none', heads.tm, vn('2031-12-11 10:00'));
    expect(await t.app.reminders.tick(vn('2031-12-16 08:05'))).toBe(0);
    expect(await t.db.notification.count()).toBe(0);
  });
});

describe('sending reminders from the outbox', () => {
  it('two OutboxSender instances draining 200 queued reminders at once send each exactly once', async () => {
    const granted = new Date('2031-01-01T00:00:00Z');
    const many: number[] = [];
    for (let index = 0; index < 200; index += 1) {
      const head = await person(String(6000 + index));
      await t.app.roles.grant(head.id, 'head', ward.dm, granted);
      many.push(head.id);
    }
    try {
      await campaign({ unitIds: [ward.dm] });
      expect(await t.app.reminders.tick(D7)).toBe(200);

      // The first sender's sends wait until the second has sent one (at most 10 s in all): both
      // must work at once, on different rows, however loaded the machine.
      let secondSent!: () => void;
      const secondHasSent = new Promise<void>((resolve) => (secondSent = resolve));
      const gate = Promise.race([secondHasSent, new Promise((resolve) => setTimeout(resolve, 10_000).unref())]);
      const sends = new Map<string, number>();
      const channel = { sends };
      const clock = () => new Date(D7.getTime() + 1_000);
      const first = senderAt(new CountingChannel(sends, () => gate), clock, { batch: 7 });
      const second = senderAt(new CountingChannel(sends, async () => secondSent()), clock, { batch: 13 });
      const counts = await Promise.all([first.drain(), second.drain(), first.drain(), second.drain()]);

      expect(counts.reduce((sum, count) => sum + count, 0)).toBe(200);
      expect(counts.filter((count) => count > 0).length).toBeGreaterThan(1);
      expect(channel.sends.size).toBe(200);
      expect([...channel.sends.entries()].filter(([, count]) => count !== 1)).toEqual([]);
      expect(await t.app.outbox.pending()).toBe(0);
      const sent = await rows();
      expect(sent.every((row) => row.sentAt !== null && row.failedAt === null && row.attempts === 1)).toBe(true);
      expect(await first.drain()).toBe(0);
    } finally {
      await t.db.roleGrant.updateMany({ where: { userId: { in: many } }, data: { revokedAt: granted } });
    }
  }, 60_000);

  it('a sender that claimed and died leaves the rows claimable after the lease', async () => {
    await campaign();
    await t.app.reminders.tick(D7);
    const claimedAt = new Date(D7.getTime() + 1_000);
    // Claimed, then the process died: never marked.
    expect((await t.app.outbox.claim(10, claimedAt)).map((claimed) => claimed.chatId).sort()).toEqual(['5001', '5002']);

    const channel = new CountingChannel();
    let now = new Date(claimedAt.getTime() + 30_000);
    const survivor = senderAt(channel, () => now);
    expect(await survivor.drain()).toBe(0);
    expect(channel.sends.size).toBe(0);

    now = new Date(claimedAt.getTime() + 60_000);
    expect(await survivor.drain()).toBe(2);
    expect(Object.fromEntries(channel.sends)).toEqual({ 5001: 1, 5002: 1 });
    expect((await rows()).map((row) => [row.attempts, row.sentAt?.getTime()])).toEqual([
      [2, now.getTime()],
      [2, now.getTime()],
    ]);
  });

  // BUG: a send that outlasts the claim's 60 s lease is sent twice. The lease cannot tell a slow
  // sender from a dead one, and nothing bounds a send below the lease: the outbox's grammY Api
  // keeps grammY's default 500 s timeout, and a claimed batch waits in the SendPacer (e.g. behind a
  // 429 retry_after longer than the lease) before sending. Another sender (a second instance)
  // claims the expired rows and sends them, then the first one sends them as well; markSent does
  // not check that the claim is still its own. Contradicts "several senders never send one twice".
  it.fails('a send that outlasts its lease is not sent again by another sender', async () => {
    await campaign({ unitIds: [ward.xp] });
    await t.app.reminders.tick(D7);
    const channel = new CountingChannel();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow: ChannelSender = {
      async send(chatId) {
        channel.sends.set(chatId, (channel.sends.get(chatId) ?? 0) + 1);
        await gate; // a hung request
        return { status: 'sent' };
      },
    };
    const claimedAt = new Date(D7.getTime() + 1_000);
    const stuck = senderAt(slow, () => claimedAt).drain();
    await vi.waitFor(() => expect(channel.sends.get('5001')).toBe(1));
    // 61 s later another instance finds the row's lease over.
    await senderAt(channel, () => new Date(claimedAt.getTime() + 61_000)).drain();
    release();
    await stuck;
    expect(channel.sends.get('5001')).toBe(1);
  });
});

describe('the dry-run CLI', () => {
  it('prints what is owed, to whom and why, and stores nothing', async () => {
    const year = await campaign({ name: 'Đợt cuối năm' });
    const autumn = await campaign({ name: 'Đợt mùa thu', deadline: '2031-12-10', unitIds: [ward.tm] });
    await t.app.reminders.tick(D7); // d7 of the year-end campaign: queued, not owed any more at d-3
    const before = (await rows()).map((row) => [row.id, row.dedupeKey, row.failedAt, row.sentAt]);
    const campaignsBefore = await t.app.campaigns.units(year.id);

    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'src/cli/reminders.ts', '--dry-run', '--now', '2031-12-12T08:05:00+07:00'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', DATABASE_URL: t.database.url, DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
      timeout: 90_000,
    });

    const owed = stdout.split('\n').filter((line) => line.startsWith('OWED'));
    expect(owed).toHaveLength(4);
    expect(stdout).toMatch(new RegExp(`OWED +reminder +${escape(year.code)} ${escape(names.xp)} → telegram:5001 \\(user ${heads.xp}\\)\\n +why: 3 day\\(s\\) before 2031-12-15; step d3 planned 2031-12-12T01:00:00.000Z`));
    expect(stdout).toMatch(new RegExp(`OWED +reminder +${escape(year.code)} ${escape(names.tm)} → telegram:5002 \\(user ${heads.tm}\\)\\n +why: 3 day\\(s\\) before 2031-12-15; step d3`));
    expect(stdout).toMatch(new RegExp(`OWED +reminder +${escape(autumn.code)} ${escape(names.tm)} → telegram:5002 \\(user ${heads.tm}\\)\\n +why: deadline 2031-12-10 passed 2 day\\(s\\) ago; step d0 planned 2031-12-10T01:00:00.000Z`));
    expect(stdout).toMatch(new RegExp(`OWED +digest +${escape(autumn.code)} \\(council\\) → telegram:5003 \\(user ${council}\\)\\n +why: 1 unit\\(s\\) have not reported; digest of 2031-12-11`));
    expect(stdout).toContain('text: Nhắc hạn Đợt cuối năm');
    expect(stdout).not.toContain('Enqueued');

    // Nothing stored, nothing changed.
    expect((await rows()).map((row) => [row.id, row.dedupeKey, row.failedAt, row.sentAt])).toEqual(before);
    expect(await t.app.campaigns.units(year.id)).toEqual(campaignsBefore);
  }, 120_000);
});
