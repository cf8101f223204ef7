/**
 * The admin CLI as an operator uses it: `runAdmin` called in-process on a real database, reading
 * what it prints and what it leaves in the database; and two real runs of the entry
 * (`node --import tsx src/cli/admin.ts …`) for the exit codes and streams of the process itself.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS, runAdmin } from '../../src/cli/admin-main.js';
import { openDatabase, type Db } from '../../src/infra/db/client.js';
import { hashInvitationCode } from '../../src/infra/invitation-codes.js';
import { PrismaInvitationRepository } from '../../src/infra/repositories/invitations.js';
import { PrismaRoleRepository } from '../../src/infra/repositories/roles.js';
import { PrismaUserRepository } from '../../src/infra/repositories/users.js';
import { SEED_UNITS, upsertUnits } from '../../src/infra/seed/units.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

let database: TestDatabase;
let connection: ReturnType<typeof openDatabase>;
let db: Db;
let folder: string;
let telegram: Server;
let telegramUrl: string;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command in-process on the test database, with this environment and nothing else. */
async function admin(args: string[], env: Record<string, string> = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await runAdmin(args, {
    db,
    env: { DATABASE_URL: database.url, DATA_DIR: folder, ...env },
    out: (line) => (stdout += `${line}\n`),
    err: (line) => (stderr += `${line}\n`),
  });
  return { code, stdout, stderr };
}

/** Runs the real entry as a child process with the test database and nothing else from this process's environment. */
function adminProcess(args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/admin.ts', ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', DATABASE_URL: database.url, DATA_DIR: folder },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const LINK = /^Link to send: https:\/\/t\.me\/(\w+)\?start=([A-Za-z0-9_-]+)$/m;

beforeAll(async () => {
  database = await createTestDatabase();
  connection = openDatabase(database.url, { max: 4 });
  db = connection.db;
  await upsertUnits(db, SEED_UNITS);
  folder = await mkdtemp(path.join(os.tmpdir(), 'admin-cli-'));
  // A stand-in for the Bot API's getMe.
  telegram = createServer((request, response) => {
    const ok = request.url === '/bot123456:TEST-token-for-the-admin-cli/getMe';
    response.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' });
    response.end(JSON.stringify(ok ? { ok: true, result: { id: 123456, is_bot: true, username: 'ward_helper_bot' } } : { ok: false, error_code: 401, description: 'Unauthorized' }));
  });
  await new Promise<void>((resolve) => telegram.listen(0, '127.0.0.1', resolve));
  telegramUrl = `http://127.0.0.1:${(telegram.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => telegram?.close(resolve));
  await connection?.close();
  await database?.drop();
  if (folder) await rm(folder, { recursive: true, force: true });
});

describe('npm run admin -- … (the process)', () => {
  // Each run starts Node with tsx and checks the migrations: a few seconds apiece on a busy machine.
  it('--help exits 0 with the help on stdout; an error is one line on stderr with exit code 1', { timeout: 60_000 }, async () => {
    const [help, unknownUnit] = await Promise.all([adminProcess(['--help']), adminProcess(['invite', '--role', 'head', '--unit', 'HN-NOWHERE', '--bot', 'test_bot'])]);
    expect(help).toMatchObject({ code: 0, stderr: '' });
    expect(help.stdout).toMatch(/^Administration of the nomination bot/);
    expect(help.stdout).toContain('Usage: npm run admin -- <command> [options]\n');
    expect(help.stdout).toMatch(/Exit codes: 0 done, 1 error, 2 wrong usage\.\n$/);
    expect(unknownUnit.code).toBe(1);
    expect(unknownUnit.stdout).toBe('');
    expect(unknownUnit.stderr).toBe('Error: unknown unit "HN-NOWHERE" (see: npm run admin -- units list)\n');
  });
});

describe('npm run admin -- … (runAdmin)', () => {
  it('--help lists every command with an example; an unknown command prints the help on stderr with exit code 2', async () => {
    const help = await admin(['--help']);
    expect(help).toMatchObject({ code: 0, stderr: '' });
    for (const command of ['units import', 'units list', 'invite --role', 'invites list', 'invites revoke', 'grants list', 'grants revoke', 'grants add', 'user roles']) {
      expect(help.stdout).toContain(command);
    }
    for (const command of COMMANDS) expect(help.stdout).toContain(`\n  ${command.words.join(' ')}`);
    expect(help.stdout.match(/Example: npm run admin -- /g)?.length).toBe(COMMANDS.length);
    expect(COMMANDS.length).toBe(16);
    expect((await admin(['help'])).stdout).toBe(help.stdout);
    const unknown = await admin(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toContain('Unknown command: frobnicate');
    expect(unknown.stderr).toContain('Usage: npm run admin -- <command>');
    expect((await admin([])).stderr).toMatch(/^No command given\.\n\nAdministration/);
  });

  it('units list shows the tree with Vietnamese names intact and former names in brackets; units import is idempotent', async () => {
    const list = await admin(['units', 'list']);
    expect(list.code).toBe(0);
    const lines = list.stdout.split('\n');
    expect(lines).toContain('HN-TU-LIEM  Phường Từ Liêm  [Phường Cầu Diễn, Phường Mỹ Đình 1, Phường Mỹ Đình 2, Phường Phú Đô, Phường Mễ Trì, Quận Nam Từ Liêm]');
    expect(lines).toContain('  HN-TU-LIEM-TDP-01  Tổ dân phố số 1');
    expect(lines.indexOf('  HN-TU-LIEM-TDP-01  Tổ dân phố số 1')).toBeGreaterThan(lines.findIndex((line) => line.startsWith('HN-TU-LIEM  ')));
    expect(list.stdout).toContain(`${SEED_UNITS.length} units.`);

    const csv = path.join(folder, 'units.csv');
    await writeFile(csv, '\uFEFFcode,name,kind,parent,aliases,sort_order\r\nHN-TU-LIEM-TDP-06,"Tổ dân phố số 6, Mỹ Đình",residential-group,HN-TU-LIEM,Tổ 6 cũ,6\r\n');
    const first = await admin(['units', 'import', csv]);
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout.trim()).toBe('Units in units.csv: 1. Created 1, updated 0, unchanged 0.');
    const again = await admin(['units', 'import', csv]);
    expect(again.stdout.trim()).toBe('Units in units.csv: 1. Created 0, updated 0, unchanged 1.');
    expect((await admin(['units', 'list'])).stdout).toContain('  HN-TU-LIEM-TDP-06  Tổ dân phố số 6, Mỹ Đình  [Tổ 6 cũ]');

    await writeFile(csv, 'code,name,kind\nX,Đơn vị X,district\n');
    const bad = await admin(['units', 'import', csv]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe('Error: units.csv line 2: unit X: unknown kind "district" (allowed: ward, commune, residential-group, school, agency, enterprise, other)\n');
  });

  it('invite prints the code once and a t.me link whose code redeems; only the hash is stored', async () => {
    const run = await admin(['invite', '--role', 'head', '--unit', 'HN-TU-LIEM', '--bot', 'test_bot']);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(/^Invitation \d+: head of HN-TU-LIEM \(Phường Từ Liêm\), 1 use, expires \d{4}-\d\d-\d\d \d\d:\d\d \+07\.$/m);
    const [, bot, code] = LINK.exec(run.stdout)!;
    expect(bot).toBe('test_bot');
    expect(code!.length).toBeGreaterThanOrEqual(22);
    expect(code!.length).toBeLessThanOrEqual(64);
    expect(run.stdout.split(code!).length - 1).toBe(2); // the code line and the link
    const stored = await db.invitation.findUniqueOrThrow({ where: { codeHash: hashInvitationCode(code!) } });
    expect(stored).toMatchObject({ role: 'head', maxUses: 1, uses: 0, revokedAt: null });
    expect(JSON.stringify(stored)).not.toContain(code!);
    const days = (stored.expiresAt.getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThanOrEqual(7);

    const person = await new PrismaUserRepository(db).identify('telegram', '5550001', '5550001', 'vi');
    const ward = await db.unit.findUniqueOrThrow({ where: { code: 'HN-TU-LIEM' } });
    expect(await new PrismaInvitationRepository(db).redeem(hashInvitationCode(code!), person.id, new Date())).toEqual({ status: 'granted', role: 'head', unitId: ward.id });
    expect(await new PrismaRoleRepository(db).rolesOf(person.id)).toEqual([expect.objectContaining({ role: 'head', unitId: ward.id })]);

    // Used now: gone from the usable list, shown with --all.
    expect((await admin(['invites', 'list'])).stdout).not.toMatch(new RegExp(`^${stored.id} `, 'm'));
    expect((await admin(['invites', 'list', '--all'])).stdout).toMatch(new RegExp(`^${stored.id} +head +HN-TU-LIEM +1/1 .* used +cli`, 'm'));
  });

  it('invite for the council with several uses; the bot name from Telegram getMe; invites revoke', async () => {
    const env = { BOT_TOKEN: '123456:TEST-token-for-the-admin-cli', TELEGRAM_API_ROOT: telegramUrl };
    const run = await admin(['invite', '--role', 'council', '--uses', '3', '--expires', '12h'], env);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(/^Invitation (\d+): council, 3 uses, expires /m);
    expect(LINK.exec(run.stdout)?.[1]).toBe('ward_helper_bot');
    const id = /^Invitation (\d+)/m.exec(run.stdout)![1]!;
    expect((await admin(['invites', 'list'])).stdout).toMatch(new RegExp(`^${id} +council +- +0/3 .* usable`, 'm'));
    expect((await admin(['invite', '--role', 'council'], { BOT_USERNAME: '@from_env_bot' })).stdout).toMatch(/^Link to send: https:\/\/t\.me\/from_env_bot\?start=/m);

    const wrongToken = await admin(['invite', '--role', 'council'], { ...env, BOT_TOKEN: '123456:WRONG-token-for-the-admin-cli' });
    expect(wrongToken.code).toBe(1);
    expect(wrongToken.stderr).toBe("Error: could not ask Telegram for the bot's username (getMe: Unauthorized); pass --bot <username>\n");
    expect(wrongToken.stderr).not.toContain('WRONG-token');
    const noBot = await admin(['invite', '--role', 'admin']);
    expect(noBot.code).toBe(1);
    expect(noBot.stderr).toMatch(/^Error: the bot's username is unknown: pass --bot <username>.*\n$/);

    expect((await admin(['invites', 'revoke', id])).stdout.trim()).toBe(`Invitation ${id} revoked: its link no longer works.`);
    const twice = await admin(['invites', 'revoke', id]);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toMatch(/^Error: invitation \d+ does not exist or was revoked already/);
    expect((await db.invitation.findUniqueOrThrow({ where: { id: Number(id) } })).revokedAt).not.toBeNull();
  });

  it('grants add, grants list, user roles, grants revoke', async () => {
    const add = await admin(['grants', 'add', '--telegram', '777000111', '--role', 'head', '--unit', 'HN-DAI-MO']);
    expect(add).toMatchObject({ code: 0, stderr: '' });
    const [, grantId] = /^Grant (\d+): telegram:777000111 is now head of HN-DAI-MO \(Phường Đại Mỗ\)\.$/m.exec(add.stdout)!;
    const user = await db.user.findUniqueOrThrow({ where: { channel_externalId: { channel: 'telegram', externalId: '777000111' } } });
    expect(user.chatId).toBe('777000111');
    const again = await admin(['grants', 'add', '--telegram', '777000111', '--role', 'head', '--unit', 'HN-DAI-MO']);
    expect(again.stdout.trim()).toBe(`telegram:777000111 already is head of HN-DAI-MO (Phường Đại Mỗ) (grant ${grantId}); nothing changed.`);
    await admin(['grants', 'add', '--telegram', '777000111', '--role', 'council']);
    expect(await db.roleGrant.count({ where: { userId: user.id } })).toBe(2);

    const list = await admin(['grants', 'list', '--unit', 'HN-DAI-MO']);
    expect(list.stdout).toMatch(/^ID +ROLE +PERSON +GRANTED +UNIT$/m);
    expect(list.stdout).toMatch(new RegExp(`^${grantId} +head +telegram:777000111 +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d \\+07  HN-DAI-MO \\(Phường Đại Mỗ\\)$`, 'm'));
    expect(list.stdout).not.toContain('council');
    expect((await admin(['grants', 'list'])).stdout).toMatch(/ council +telegram:777000111 /);

    const roles = await admin(['user', 'roles', '--telegram', '777000111']);
    expect(roles.stdout).toContain('telegram:777000111 holds 2 roles:');
    expect(roles.stdout).toContain(`  grant ${grantId}: head of HN-DAI-MO (Phường Đại Mỗ), since `);
    expect(roles.stdout).toMatch(/ {2}grant \d+: council, since /);

    expect((await admin(['grants', 'revoke', grantId!])).stdout.trim()).toBe(`Grant ${grantId} revoked.`);
    expect((await admin(['grants', 'list', '--unit', 'HN-DAI-MO'])).stdout.trim()).toBe('No active grants for HN-DAI-MO (Phường Đại Mỗ).');
    expect((await admin(['grants', 'list', '--unit', 'HN-DAI-MO', '--all'])).stdout).toMatch(new RegExp(`^${grantId} +head +telegram:777000111 +\\S+ \\S+ \\+07  \\S+ \\S+ \\+07  HN-DAI-MO`, 'm'));
    expect((await admin(['user', 'roles', '--telegram', '777000111'])).stdout).toContain('holds 1 role:');
    expect((await admin(['user', 'roles', '--telegram', '424242'])).stdout.trim()).toBe('telegram:424242 has no roles (they have not used the bot yet).');
  });

  it('an unknown unit is one line on stderr with exit code 1; a wrong option is exit code 2; never a stack trace', async () => {
    const unknownUnit = await admin(['invite', '--role', 'head', '--unit', 'HN-NOWHERE', '--bot', 'test_bot']);
    expect(unknownUnit.code).toBe(1);
    expect(unknownUnit.stdout).toBe('');
    expect(unknownUnit.stderr).toBe('Error: unknown unit "HN-NOWHERE" (see: npm run admin -- units list)\n');
    expect(await db.invitation.count({ where: { unit: null, role: 'head' } })).toBe(0);

    const cases: [string[], RegExp][] = [
      [['invite', '--role', 'council', '--unit', 'HN-TU-LIEM', '--bot', 'test_bot'], /--unit is not allowed for --role council/],
      [['invite', '--role', 'head', '--bot', 'test_bot'], /--unit <code> is required for --role head/],
      [['invite', '--role', 'mayor', '--bot', 'test_bot'], /unknown role "mayor"/],
      [['invite', '--role', 'council', '--expires', 'soon', '--bot', 'test_bot'], /--expires: invalid duration "soon"/],
      [['grants', 'add', '--telegram', '@someone', '--role', 'council'], /--telegram must be a numeric Telegram user id/],
      [['grants', 'revoke'], /grants revoke: expected <id>/],
      [['grants', 'list', '--colour'], /grants list: Unknown option '--colour'/],
      [['units', 'list', 'extra'], /units list: unexpected argument "extra"/],
    ];
    // None of these reaches the database: run them side by side, on a database that would fail if used.
    const runs = await Promise.all(
      cases.map(async ([args]) => {
        let stdout = '';
        let stderr = '';
        const code = await runAdmin(args, {
          db: () => Promise.reject(new Error('the database was opened')),
          env: {},
          out: (line) => (stdout += `${line}\n`),
          err: (line) => (stderr += `${line}\n`),
        });
        return { code, stdout, stderr };
      }),
    );
    for (const [index, [args, message]] of cases.entries()) {
      const run = runs[index]!;
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(message);
      expect(run.stderr).toMatch(/^Usage error: .* \(see: npm run admin -- --help\)\n$/);
      expect(run.stderr).not.toMatch(/\bat .*\.(ts|js):\d+/);
    }
  });

  it('a wrong configuration is one line naming the variable, exit code 2', async () => {
    const run = await admin(['units', 'list'], { BOT_TOKEN: 'not-a-token' });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^Configuration error: BOT_TOKEN .*\n$/);
  });
});
