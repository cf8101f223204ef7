/**
 * `npm run admin -- campaign …`, in-process (`runAdmin`) on a real database at a fixed moment:
 * what each command prints and leaves in campaigns and campaign_units, and its errors.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/app/logger.js';
import { runAdmin } from '../../src/cli/admin-main.js';
import { compose } from '../../src/compose.js';
import type { OutMessage } from '../../src/core/messages.js';
import { openDatabase, type Db } from '../../src/infra/db/client.js';
import { CampaignRepository } from '../../src/infra/repositories/campaigns.js';
import { PrismaRoleRepository } from '../../src/infra/repositories/roles.js';
import { PrismaUserRepository } from '../../src/infra/repositories/users.js';
import { SEED_UNITS, upsertUnits } from '../../src/infra/seed/units.js';
import { createTestDatabase, strictTranslator, testConfig, type TestDatabase } from '../support/db.js';

/** Friday 20/11/2026, 10:00 in Vietnam. */
const NOW = new Date('2026-11-20T03:00:00Z');

let database: TestDatabase;
let connection: ReturnType<typeof openDatabase>;
let db: Db;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function admin(args: string[], now = NOW): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await runAdmin(args, { db, env: {}, now: () => now, out: (line) => (stdout += `${line}\n`), err: (line) => (stderr += `${line}\n`) });
  return { code, stdout, stderr };
}

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const unitId = async (code: string) => (await db.unit.findUniqueOrThrow({ where: { code } })).id;
const campaign = (code: string) => db.campaign.findUniqueOrThrow({ where: { code } });
/** The codes of the units a campaign covers, sorted. */
async function covered(code: string): Promise<string[]> {
  const rows = await db.campaignUnit.findMany({ where: { campaign: { code } }, select: { unit: { select: { code: true } } } });
  return rows.map((row) => row.unit.code).sort();
}

beforeAll(async () => {
  database = await createTestDatabase();
  connection = openDatabase(database.url, { max: 4 });
  db = connection.db;
  await upsertUnits(db, SEED_UNITS);
  // A former ward and a former residential group, no longer active.
  await db.unit.create({ data: { code: 'HN-OLD', name: 'Phường Cũ', kind: 'ward', active: false } });
  await db.unit.create({ data: { code: 'HN-TAY-MO-TDP-09', name: 'Tổ dân phố số 9', kind: 'residential-group', parentId: await unitId('HN-TAY-MO'), active: false } });
});

afterAll(async () => {
  await connection?.close();
  await database?.drop();
});

describe('npm run admin -- campaign …', () => {
  it('campaign create covers every active top-level unit by default; opens today, closes on the deadline, default reminders', async () => {
    expect((await admin(['campaign', 'list'])).stdout).toBe('No open campaigns (--all also shows closed ones).\n');
    expect((await admin(['campaign', 'list', '--all'])).stdout).toMatch(/^No campaigns yet/);

    const run = await admin(['campaign', 'create', '--code', 'TK2026', '--name', 'Tổng kết năm 2026', '--kind', 'year-end', '--deadline', '15/12/2026']);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout.split('\n')).toEqual([
      'Campaign TK2026 created: Tổng kết năm 2026 (year-end, open).',
      '  Nominations from 20/11/2026 to 15/12/2026; deadline 15/12/2026.',
      '  Reminders 7, 3, 1, 0 days before the deadline, at 08:00.',
      '  Titles units may propose (the default list of year-end campaigns): lao-dong-tien-tien, chien-si-thi-dua-co-so, tap-the-lao-dong-tien-tien, tap-the-lao-dong-xuat-sac, gia-dinh-van-hoa, to-dan-pho-van-hoa, giay-khen, bang-khen.',
      '  Next reminders to heads who have not reported: 08/12/2026 08:00 (7 days before), 12/12/2026 08:00 (3 days before), 14/12/2026 08:00 (1 day before), 15/12/2026 08:00 (on the day).',
      'Units covered: 4 (HN-TU-LIEM, HN-XUAN-PHUONG, HN-TAY-MO, HN-DAI-MO).',
      '',
    ]);
    expect(await campaign('TK2026')).toMatchObject({
      name: 'Tổng kết năm 2026',
      kind: 'year-end',
      opensOn: day('2026-11-20'),
      closesOn: day('2026-12-15'),
      deadline: day('2026-12-15'),
      reminderDays: [7, 3, 1, 0],
      reminderTime: '08:00',
      workingDaysOnly: false,
      status: 'open',
      closedAt: null,
    });
    // The inactive former ward is left out; so are the residential groups.
    expect(await covered('TK2026')).toEqual(['HN-DAI-MO', 'HN-TAY-MO', 'HN-TU-LIEM', 'HN-XUAN-PHUONG']);
    expect(await db.campaignUnit.count({ where: { campaign: { code: 'TK2026' }, OR: [{ deadlineOverride: { not: null } }, { reportedAt: { not: null } }] } })).toBe(0);
  });

  it('campaign create --units subtree:<code> (active units only), a list of codes, and its own reminder plan', async () => {
    const subtree = await admin([
      'campaign', 'create', '--code', 'GK-TU-LIEM', '--name', 'Gương điển hình Từ Liêm', '--kind', 'thematic', '--deadline', '18/12/2026',
      '--opens', '01/11/2026', '--closes', '31/12/2026', '--units', 'subtree:HN-TU-LIEM', '--reminders', '5,2,2', '--time', '07:30', '--working-days',
    ]);
    expect(subtree).toMatchObject({ code: 0, stderr: '' });
    const tuLiem = await db.unit.findMany({ where: { OR: [{ code: 'HN-TU-LIEM' }, { parent: { code: 'HN-TU-LIEM' } }] }, select: { code: true } });
    expect(tuLiem.length).toBeGreaterThanOrEqual(7);
    expect(await covered('GK-TU-LIEM')).toEqual(tuLiem.map((unit) => unit.code).sort());
    expect(subtree.stdout).toContain(`Units covered: ${tuLiem.length} (HN-TU-LIEM, HN-TU-LIEM-TDP-01, HN-TU-LIEM-TDP-02, `);
    expect(subtree.stdout).toContain('  Nominations from 01/11/2026 to 31/12/2026; deadline 18/12/2026.\n');
    expect(subtree.stdout).toContain('  Reminders 5, 2 working days before the deadline, at 07:30.\n');
    // Friday 18/12: five working days before is Friday 11/12, two is Wednesday 16/12.
    expect(subtree.stdout).toContain('  Next reminders to heads who have not reported: 11/12/2026 07:30 (5 working days before), 16/12/2026 07:30 (2 working days before).\n');
    expect(await campaign('GK-TU-LIEM')).toMatchObject({ kind: 'thematic', opensOn: day('2026-11-01'), closesOn: day('2026-12-31'), deadline: day('2026-12-18'), reminderDays: [5, 2], reminderTime: '07:30', workingDaysOnly: true });

    const tayMo = await admin(['campaign', 'create', '--code', 'TD-TAY-MO', '--name', 'Thi đua Tây Mỗ', '--kind', 'regular', '--deadline', '10/12/2026', '--units', 'subtree:HN-TAY-MO']);
    expect(tayMo.stdout).toContain('Units covered: 5 (HN-TAY-MO, HN-TAY-MO-TDP-01, HN-TAY-MO-TDP-02, HN-TAY-MO-TDP-03, HN-TAY-MO-TDP-04).\n');
    expect(await covered('TD-TAY-MO')).not.toContain('HN-TAY-MO-TDP-09');

    const list = await admin(['campaign', 'create', '--code', 'SK-2026', '--name', 'Sơ kết 6 tháng', '--kind', 'mid-year', '--deadline', '20/12/2026', '--units', 'HN-DAI-MO-TDP-01, HN-XUAN-PHUONG,HN-DAI-MO-TDP-01']);
    expect(list).toMatchObject({ code: 0, stderr: '' });
    expect(list.stdout).toContain('Units covered: 2 (HN-XUAN-PHUONG, HN-DAI-MO-TDP-01).\n');
    expect(await covered('SK-2026')).toEqual(['HN-DAI-MO-TDP-01', 'HN-XUAN-PHUONG']);
  });

  it('campaign list shows the open campaigns by deadline; campaign show each unit with its deadline and report', async () => {
    const list = await admin(['campaign', 'list']);
    expect(list).toMatchObject({ code: 0, stderr: '' });
    const lines = list.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^CODE +KIND +DEADLINE +STATUS +REPORTED +NAME$/);
    expect(lines.slice(1).map((line) => line.split(' ')[0])).toEqual(['TD-TAY-MO', 'TK2026', 'GK-TU-LIEM', 'SK-2026']);
    expect(list.stdout).toMatch(/^TK2026 +year-end +15\/12\/2026 +open +0\/4 +Tổng kết năm 2026$/m);

    const tk = await campaign('TK2026');
    const head = await new PrismaUserRepository(db).identify('telegram', '880001', '880001', 'vi');
    const repository = new CampaignRepository(db);
    expect(await repository.report(tk.id, await unitId('HN-TU-LIEM'), 'submitted', head.id, new Date('2026-11-25T02:00:00Z'))).toBe('reported');
    expect(await repository.report(tk.id, await unitId('HN-DAI-MO'), 'none', head.id, new Date('2026-11-26T08:30:00Z'))).toBe('reported');

    const show = await admin(['campaign', 'show', 'TK2026']);
    expect(show).toMatchObject({ code: 0, stderr: '' });
    const shown = show.stdout.trimEnd().split('\n');
    expect(shown.slice(0, 4)).toEqual([
      'Campaign TK2026: Tổng kết năm 2026 (year-end, open).',
      '  Nominations from 20/11/2026 to 15/12/2026; deadline 15/12/2026.',
      '  Reminders 7, 3, 1, 0 days before the deadline, at 08:00.',
      '  Titles units may propose (the default list of year-end campaigns): lao-dong-tien-tien, chien-si-thi-dua-co-so, tap-the-lao-dong-tien-tien, tap-the-lao-dong-xuat-sac, gia-dinh-van-hoa, to-dan-pho-van-hoa, giay-khen, bang-khen.',
    ]);
    expect(shown[4]).toMatch(/^UNIT +DEADLINE +REPORT +NAME$/);
    expect(shown.slice(5, 9).map((line) => line.replace(/ {2,}/g, ' | '))).toEqual([
      'HN-TU-LIEM | 15/12/2026 | submitted 25/11/2026 09:00 | Phường Từ Liêm',
      'HN-XUAN-PHUONG | 15/12/2026 | not yet | Phường Xuân Phương',
      'HN-TAY-MO | 15/12/2026 | not yet | Phường Tây Mỗ',
      'HN-DAI-MO | 15/12/2026 | no nominations 26/11/2026 15:30 | Phường Đại Mỗ',
    ]);
    expect(shown[9]).toBe('Reported: 2 of 4 (1 submitted, 1 no nominations); late: 0.');
    expect(shown).toHaveLength(10);
    expect((await admin(['campaign', 'show', 'SK-2026'])).stdout).toMatch(/^HN-DAI-MO-TDP-01 +20\/12\/2026 +not yet +Tổ dân phố số 1 – Phường Đại Mỗ$/m);
    expect((await admin(['campaign', 'list'])).stdout).toMatch(/^TK2026 +year-end +15\/12\/2026 +open +2\/4 /m);
  });

  it('campaign extend gives one unit its own deadline, and the reminder planner follows it', async () => {
    const tk = await campaign('TK2026');
    const tayMo = await unitId('HN-TAY-MO');
    const head = await new PrismaUserRepository(db).identify('telegram', '880001', '880001', 'vi');
    await new PrismaRoleRepository(db).grant(head.id, 'head', tayMo, NOW);
    const app = compose(testConfig(), db, silentLogger, { translator: strictTranslator() });
    const keysAt = async (at: string) =>
      (await app.reminders.planned(new Date(at))).filter((item) => item.kind === 'reminder' && item.campaign === 'TK2026' && item.recipient.userId === head.id).map((item) => item.key.split(':').at(-1));
    expect(await keysAt('2026-12-08T01:05:00Z')).toEqual(['d7@2026-12-15']);

    const run = await admin(['campaign', 'extend', 'TK2026', '--unit', 'HN-TAY-MO', '--deadline', '22/12/2026']);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout.split('\n')).toEqual([
      "HN-TAY-MO (Phường Tây Mỗ) in TK2026: deadline 15/12/2026 → 22/12/2026 (the campaign's stays 15/12/2026).",
      'Its reminders are re-planned: 15/12/2026 08:00 (7 days before), 19/12/2026 08:00 (3 days before), 21/12/2026 08:00 (1 day before), 22/12/2026 08:00 (on the day).',
      '',
    ]);
    expect(await db.campaignUnit.findUniqueOrThrow({ where: { campaignId_unitId: { campaignId: tk.id, unitId: tayMo } } })).toMatchObject({ deadlineOverride: day('2026-12-22') });
    expect((await campaign('TK2026')).deadline).toEqual(day('2026-12-15'));
    // Nothing is owed on 08/12 any more; on 15/12 the 7-day step of the new deadline is (a new key: sent even if the old one was).
    expect(await keysAt('2026-12-08T01:05:00Z')).toEqual([]);
    expect(await keysAt('2026-12-15T01:05:00Z')).toEqual(['d7@2026-12-22']);

    const reported = await admin(['campaign', 'extend', 'TK2026', '--unit', 'HN-DAI-MO', '--deadline', '16/12/2026']);
    expect(reported.stdout).toContain('HN-DAI-MO (Phường Đại Mỗ) in TK2026: deadline 15/12/2026 → 16/12/2026');
    expect(reported.stdout).toContain('It has reported already (no nominations 26/11/2026 15:30): it gets no reminders.\n');

    // Two days after the campaign's deadline: the unit that has neither reported nor an extension is late.
    const late = await admin(['campaign', 'show', 'TK2026'], new Date('2026-12-17T03:00:00Z'));
    expect(late.stdout).toMatch(/^HN-XUAN-PHUONG +15\/12\/2026 +LATE \(2 d\) +Phường Xuân Phương$/m);
    expect(late.stdout).toMatch(/^HN-TAY-MO +22\/12\/2026 \(extended\) +not yet +Phường Tây Mỗ$/m);
    expect(late.stdout).toMatch(/^HN-DAI-MO +16\/12\/2026 \(extended\) +no nominations 26\/11\/2026 15:30 +Phường Đại Mỗ$/m);
    expect(late.stdout).toContain('Reported: 2 of 4 (1 submitted, 1 no nominations); late: 1.\n');

    const errors: [string[], string][] = [
      [['campaign', 'extend', 'TK2026', '--unit', 'HN-TU-LIEM-TDP-01', '--deadline', '20/12/2026'], 'Error: HN-TU-LIEM-TDP-01 (Tổ dân phố số 1) is not covered by campaign TK2026 (see: npm run admin -- campaign show TK2026)\n'],
      [['campaign', 'extend', 'TK2026', '--unit', 'HN-NOWHERE', '--deadline', '20/12/2026'], 'Error: unknown unit "HN-NOWHERE" (see: npm run admin -- units list)\n'],
      [['campaign', 'extend', 'NOPE', '--unit', 'HN-TAY-MO', '--deadline', '20/12/2026'], 'Error: unknown campaign "NOPE" (see: npm run admin -- campaign list --all)\n'],
      [['campaign', 'extend', 'TK2026', '--unit', 'HN-TAY-MO', '--deadline', '19/11/2026'], 'Error: --deadline 19/11/2026 has passed (today is 20/11/2026)\n'],
      [['campaign', 'extend', 'TK2026', '--unit', 'HN-TAY-MO', '--deadline', '32/12/2026'], 'Error: --deadline: 32/12/2026 is not a real date\n'],
    ];
    for (const [args, stderr] of errors) expect(await admin(args), args.join(' ')).toEqual({ code: 1, stdout: '', stderr });
    expect(await db.campaignUnit.findUniqueOrThrow({ where: { campaignId_unitId: { campaignId: tk.id, unitId: tayMo } } })).toMatchObject({ deadlineOverride: day('2026-12-22') });
  });

  it('campaign deadline moves the whole campaign (extended units keep theirs; nominations close no earlier)', async () => {
    const run = await admin(['campaign', 'deadline', 'TK2026', '--deadline', '18/12/2026']);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout.split('\n')).toEqual([
      'Campaign TK2026: deadline 15/12/2026 → 18/12/2026.',
      'Nominations now close on 18/12/2026 too (was 15/12/2026).',
      '2 units keep their own deadline: HN-TAY-MO (22/12/2026), HN-DAI-MO (16/12/2026).',
      'Reminders re-planned for the other units: 11/12/2026 08:00 (7 days before), 15/12/2026 08:00 (3 days before), 17/12/2026 08:00 (1 day before), 18/12/2026 08:00 (on the day).',
      '',
    ]);
    const tk = await campaign('TK2026');
    expect(tk).toMatchObject({ deadline: day('2026-12-18'), closesOn: day('2026-12-18'), opensOn: day('2026-11-20') });
    const overrides = await db.campaignUnit.findMany({ where: { campaignId: tk.id, deadlineOverride: { not: null } }, select: { unit: { select: { code: true } }, deadlineOverride: true } });
    expect(overrides.map((row) => [row.unit.code, row.deadlineOverride]).sort()).toEqual([['HN-DAI-MO', day('2026-12-16')], ['HN-TAY-MO', day('2026-12-22')]]);

    // Nominations close after the new deadline already: they stay as they are.
    const earlier = await admin(['campaign', 'deadline', 'GK-TU-LIEM', '--deadline', '21/12/2026']);
    expect(earlier.stdout).not.toContain('Nominations now close');
    expect(await campaign('GK-TU-LIEM')).toMatchObject({ deadline: day('2026-12-21'), closesOn: day('2026-12-31') });

    // Four days ahead: the 7-day step's time has passed, only it goes out now, then the others.
    const soon = await admin(['campaign', 'deadline', 'TD-TAY-MO', '--deadline', '24/11/2026']);
    expect(soon.stdout).toContain(
      'Reminders re-planned for the other units: the "7 days before" reminder is due now (sent at the next reminder run); then 21/11/2026 08:00 (3 days before), 23/11/2026 08:00 (1 day before), 24/11/2026 08:00 (on the day).\n',
    );
  });

  it('campaign close: closed with the time, unsent reminders withdrawn; then only in list --all, and nothing more can change', async () => {
    const tk = await campaign('TK2026');
    const tayMo = await unitId('HN-TAY-MO');
    const head = await new PrismaUserRepository(db).identify('telegram', '880001', '880001', 'vi');
    const group = `reminder:${tk.id}:${tayMo}:${head.id}`;
    await new CampaignRepository(db).enqueueSeries(
      [{ dedupeKey: `${group}:d7@2026-12-22`, groupKey: group, userId: head.id, channel: 'telegram', chatId: '880001', locale: 'vi', message: { parts: [] } as unknown as OutMessage }],
      NOW,
    );
    const closedAt = new Date('2026-11-27T03:00:00Z');
    const run = await admin(['campaign', 'close', 'TK2026'], closedAt);
    expect(run).toEqual({ code: 0, stderr: '', stdout: 'Campaign TK2026 closed: 2 of 4 units reported; reminders not yet sent are withdrawn.\n' });
    expect(await campaign('TK2026')).toMatchObject({ status: 'closed', closedAt });
    expect(await db.notification.findUniqueOrThrow({ where: { dedupeKey: `${group}:d7@2026-12-22` } })).toMatchObject({ sentAt: null, failedAt: closedAt, lastError: 'campaign closed' });

    expect((await admin(['campaign', 'list'])).stdout).not.toMatch(/^TK2026 /m);
    expect((await admin(['campaign', 'list', '--all'])).stdout).toMatch(/^TK2026 +year-end +18\/12\/2026 +closed +2\/4 +Tổng kết năm 2026$/m);
    expect((await admin(['campaign', 'show', 'TK2026'])).stdout).toMatch(/^Campaign TK2026: Tổng kết năm 2026 \(year-end, closed\)\.$/m);

    expect(await admin(['campaign', 'close', 'TK2026'])).toEqual({ code: 1, stdout: '', stderr: 'Error: campaign TK2026 is closed already\n' });
    expect(await admin(['campaign', 'extend', 'TK2026', '--unit', 'HN-XUAN-PHUONG', '--deadline', '20/12/2026'])).toEqual({ code: 1, stdout: '', stderr: 'Error: campaign TK2026 is closed\n' });
    expect(await admin(['campaign', 'deadline', 'TK2026', '--deadline', '20/12/2026'])).toEqual({ code: 1, stdout: '', stderr: 'Error: campaign TK2026 is closed\n' });
    expect(await admin(['campaign', 'close', 'NOPE'])).toEqual({ code: 1, stdout: '', stderr: 'Error: unknown campaign "NOPE" (see: npm run admin -- campaign list --all)\n' });
    expect((await campaign('TK2026')).deadline).toEqual(day('2026-12-18'));
  });

  it('errors: one line on stderr, exit code 1 for a wrong date, unit or campaign, 2 for wrong usage; nothing is created', async () => {
    const before = await db.campaign.count();
    const create = (...args: string[]) => ['campaign', 'create', '--name', 'Đợt thử', '--kind', 'regular', ...(args.includes('--code') ? [] : ['--code', 'NEW-1']), ...args];
    const cases: [string[], 1 | 2, string | RegExp][] = [
      [create('--code', 'TK2026', '--deadline', '31/12/2026'), 1, 'Error: campaign TK2026 exists already (see: npm run admin -- campaign show TK2026)'],
      [create('--deadline', '31/02/2027'), 1, 'Error: --deadline: 31/02/2027 is not a real date'],
      [create('--deadline', '2026-12-15'), 1, 'Error: --deadline: "2026-12-15" is not a date as dd/mm/yyyy (e.g. 15/12/2026)'],
      [create('--deadline', '15/12/26'), 1, 'Error: --deadline: "15/12/26" is not a date as dd/mm/yyyy (e.g. 15/12/2026)'],
      [create('--deadline', '15-12-2026'), 1, /^Error: --deadline: "15-12-2026" is not a date as dd\/mm\/yyyy/],
      [create('--deadline', '19/11/2026'), 1, 'Error: --deadline 19/11/2026 has passed (today is 20/11/2026)'],
      [create('--deadline', '05/12/2026', '--opens', '10/12/2026'), 1, 'Error: --deadline 05/12/2026 is before --opens 10/12/2026'],
      [create('--deadline', '05/12/2026', '--closes', '01/12/2026'), 1, 'Error: --closes 01/12/2026 is before --deadline 05/12/2026'],
      [create('--deadline', '05/12/2026', '--opens', '30/02/2026'), 1, 'Error: --opens: 30/02/2026 is not a real date'],
      [create('--deadline', '05/12/2026', '--units', 'HN-TU-LIEM,HN-NOWHERE'), 1, 'Error: unknown unit "HN-NOWHERE" (see: npm run admin -- units list)'],
      [create('--deadline', '05/12/2026', '--units', 'subtree:HN-NOWHERE'), 1, 'Error: unknown unit "HN-NOWHERE" (see: npm run admin -- units list)'],
      [create('--deadline', '05/12/2026', '--units', 'subtree:HN-OLD'), 1, 'Error: unit HN-OLD (Phường Cũ) is inactive'],
      [create('--deadline', '05/12/2026', '--units', 'HN-TAY-MO,HN-TAY-MO-TDP-09'), 1, 'Error: unit HN-TAY-MO-TDP-09 (Tổ dân phố số 9) is inactive'],
      [['campaign', 'show', 'NOPE'], 1, 'Error: unknown campaign "NOPE" (see: npm run admin -- campaign list --all)'],
      [create('--deadline', '05/12/2026', '--kind', 'annual'), 2, 'Usage error: unknown kind "annual" (regular, thematic, mid-year, year-end) (see: npm run admin -- --help)'],
      [create('--deadline', '05/12/2026', '--reminders', '7,-1'), 2, /^Usage error: --reminders must be days before the deadline, whole numbers from 0 to 366 .*not "7,-1"/],
      [create('--deadline', '05/12/2026', '--reminders', '7,,1'), 2, /^Usage error: --reminders must be /],
      [create('--deadline', '05/12/2026', '--time', '24:00'), 2, 'Usage error: --time must be HH:MM from 00:00 to 23:59, not "24:00" (see: npm run admin -- --help)'],
      [create('--deadline', '05/12/2026', '--time', '8:00'), 2, /^Usage error: --time must be HH:MM/],
      [create('--deadline', '05/12/2026', '--units', 'subtree:'), 2, /^Usage error: --units subtree:<code> needs a unit code/],
      [create('--deadline', '05/12/2026', '--units', 'HN-TU-LIEM,,HN-TAY-MO'), 2, /^Usage error: --units must be all, subtree:<code> or unit codes separated by commas/],
      [create('--code', 'TK 2027', '--deadline', '05/12/2026'), 2, /^Usage error: --code must be letters, digits/],
      [create(), 2, 'Usage error: --deadline dd/mm/yyyy is required (see: npm run admin -- --help)'],
      [['campaign', 'create', '--code', 'NEW-1', '--name', 'Đợt thử', '--deadline', '05/12/2026'], 2, /^Usage error: --kind regular\|thematic\|mid-year\|year-end is required/],
      [['campaign', 'create', '--code', 'NEW-1', '--name', 'Đợt thử', '--kind', 'regular', '--deadline', '05/12/2026', '--colour', 'red'], 2, /^Usage error: campaign create: Unknown option '--colour'/],
      [['campaign', 'show'], 2, /^Usage error: campaign show: expected <code>/],
      [['campaign', 'extend', 'TK2026', '--deadline', '20/12/2026'], 2, /^Usage error: --unit <code> is required/],
      [['campaign', 'deadline', 'GK-TU-LIEM'], 2, /^Usage error: --deadline dd\/mm\/yyyy is required/],
      [['campaign', 'list', 'extra'], 2, /^Usage error: campaign list: unexpected argument "extra"/],
    ];
    for (const [args, code, message] of cases) {
      const run = await admin(args);
      expect(run.code, args.join(' ')).toBe(code);
      expect(run.stdout, args.join(' ')).toBe('');
      expect(run.stderr.trimEnd().split('\n'), args.join(' ')).toHaveLength(1);
      if (typeof message === 'string') expect(run.stderr.trimEnd(), args.join(' ')).toBe(message);
      else expect(run.stderr, args.join(' ')).toMatch(message);
    }
    expect(await db.campaign.count()).toBe(before);
    expect(await db.campaign.findUnique({ where: { code: 'NEW-1' } })).toBeNull();
    const unknown = await admin(['campaign', 'frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^Unknown command: campaign frobnicate\n/);
  });

  it('campaign titles: a thematic campaign offers its default list; --set gives it its own, --default goes back; unknown ids are refused', async () => {
    const created = await admin(['campaign', 'create', '--code', 'CD-TITLES', '--name', 'Chuyên đề hiến đất', '--kind', 'thematic', '--deadline', '18/12/2026', '--titles', 'giay-khen,nguoi-tot-viec-tot']);
    expect(created.stdout).toContain('  Titles units may propose (its own list): giay-khen, nguoi-tot-viec-tot.\n');
    expect((await campaign('CD-TITLES')).titles).toEqual(['giay-khen', 'nguoi-tot-viec-tot']);
    const back = await admin(['campaign', 'titles', 'CD-TITLES', '--default']);
    expect(back).toMatchObject({ code: 0, stderr: '', stdout: 'Campaign CD-TITLES: units may propose (the default list of thematic campaigns) giay-khen, bang-khen, nguoi-tot-viec-tot.\n' });
    const set = await admin(['campaign', 'titles', 'CD-TITLES', '--set', 'bang-khen, giay-khen']);
    expect(set.stdout).toBe('Campaign CD-TITLES: units may propose (its own list) bang-khen, giay-khen.\n');
    const wrong = await admin(['campaign', 'titles', 'CD-TITLES', '--set', 'giay-khen,huan-chuong']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('unknown: huan-chuong');
    expect((await campaign('CD-TITLES')).titles).toEqual(['bang-khen', 'giay-khen']);
  });
});
