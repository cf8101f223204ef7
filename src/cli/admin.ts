/**
 * `npm run admin -- <command>`: units, invitations and role grants, from a terminal on the server.
 * Arguments are checked before the database is opened; an error is one line on stderr (exit 1),
 * a wrong command or option prints the usage (exit 2).
 */
import os from 'node:os';
import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Config } from '../config.js';
import { checkInvitation, GRANTABLE_ROLES, type GrantableRole } from '../core/roles.js';
import { openConfiguredDatabase } from '../infra/db/bootstrap.js';
import { openDatabase, type Db } from '../infra/db/client.js';
import { botUsernameFromTelegram, deepLink, hashInvitationCode, newInvitationCode, normalizeBotUsername, parseDuration } from '../infra/invitation-codes.js';
import { createLogger } from '../infra/logger.js';
import { PrismaInvitationRepository } from '../infra/repositories/invitations.js';
import { PrismaRoleRepository } from '../infra/repositories/roles.js';
import { importUnits, parseUnitsFile, UNIT_KINDS } from '../infra/units-import.js';
import { configOrExit } from '../runtime.js';

const HELP = `Administration of the nomination bot: units, invitations to a role, role grants.

Usage: npm run admin -- <command> [options]

Units
  units import <file.csv|file.json>
      Creates or updates units by code; aliases (former names) are merged, never dropped.
      CSV header: code,name,kind,parent,aliases,sort_order (aliases separated by |).
      Kinds: ${UNIT_KINDS.join(', ')}.
      Example: npm run admin -- units import data/units.csv
  units list
      Shows the unit tree: code, name, former names in [brackets].
      Example: npm run admin -- units list

Invitations
  invite --role head|council|admin [--unit <code>] [--expires 7d] [--uses 1] [--bot <username>]
      Creates an invitation and prints its code (shown once, only its hash is stored) and its
      Telegram link. --unit is required for head and refused for council and admin.
      --expires takes d, h or m (default 7d); --uses how many people may use it (default 1).
      The bot username comes from --bot, else BOT_USERNAME, else Telegram's getMe with BOT_TOKEN.
      Example: npm run admin -- invite --role head --unit HN-TU-LIEM --expires 3d
  invites list [--all]
      Lists usable invitations (--all: also used, expired and revoked ones).
      Example: npm run admin -- invites list --all
  invites revoke <id>
      Makes an invitation unusable.
      Example: npm run admin -- invites revoke 12

Role grants
  grants list [--unit <code>] [--all]
      Lists active grants, or those of one unit (--all: also revoked ones).
      Example: npm run admin -- grants list --unit HN-TU-LIEM
  grants revoke <id>
      Ends one grant (the record stays).
      Example: npm run admin -- grants revoke 7
  grants add --telegram <user id> --role head|council|admin [--unit <code>]
      Grants a role directly to a Telegram user (numeric id), without an invitation.
      Example: npm run admin -- grants add --telegram 123456789 --role head --unit HN-TU-LIEM

People
  user roles --telegram <user id>
      Shows the person's active roles.
      Example: npm run admin -- user roles --telegram 123456789

The database is the configured one (DATABASE_URL, else the embedded PostgreSQL in DATA_DIR).
Times are Vietnam time (+07). Exit codes: 0 done, 1 error, 2 wrong usage.
`;

/** A wrong command line: one line, exit 2. */
class UsageError extends Error {}

type Values = Record<string, string | boolean | undefined>;
type Work = (db: Db) => Promise<void>;

interface Command {
  words: string[];
  options?: NonNullable<ParseArgsConfig['options']>;
  positionals?: string[];
  /** Checks the arguments (before the database opens) and returns the work to do on the database. */
  prepare(values: Values, positionals: string[], config: Config): Promise<Work> | Work;
}

const print = (line = ''): void => {
  process.stdout.write(`${line}\n`);
};
const str = (values: Values, name: string) => (typeof values[name] === 'string' ? (values[name] as string) : undefined);

/** "2026-12-03 17:00 +07": Vietnam has no daylight saving time. */
const vnTime = (date: Date) => `${new Date(date.getTime() + 7 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ')} +07`;

function positiveInteger(text: string, what: string, max = 2_147_483_647): number {
  const value = /^\d{1,10}$/.test(text) ? Number(text) : NaN;
  if (!(value >= 1 && value <= max)) throw new UsageError(`${what} must be a whole number from 1 to ${max}, not "${text}"`);
  return value;
}

function telegramId(values: Values): string {
  const id = str(values, 'telegram');
  if (!id) throw new UsageError('--telegram <user id> is required');
  if (!/^[1-9]\d{0,19}$/.test(id)) throw new UsageError(`--telegram must be a numeric Telegram user id, not "${id}"`);
  return id;
}

/** The role and unit code of `invite` and `grants add`: a unit for heads, none for the others. */
function roleAndUnit(values: Values): { role: GrantableRole; unitCode: string | null } {
  const role = str(values, 'role');
  if (!role) throw new UsageError(`--role is required (${GRANTABLE_ROLES.join(', ')})`);
  if (!(GRANTABLE_ROLES as readonly string[]).includes(role)) throw new UsageError(`unknown role "${role}" (${GRANTABLE_ROLES.join(', ')})`);
  const unitCode = str(values, 'unit')?.normalize('NFC').trim() || null;
  if (role === 'head' && !unitCode) throw new UsageError('--unit <code> is required for --role head');
  if (role !== 'head' && unitCode) throw new UsageError(`--unit is not allowed for --role ${role}: that role covers every unit`);
  return { role: role as GrantableRole, unitCode };
}

async function findUnit(db: Db, code: string) {
  const unit = await db.unit.findUnique({ where: { code }, select: { id: true, code: true, name: true } });
  if (!unit) throw new Error(`unknown unit "${code}" (see: npm run admin -- units list)`);
  return unit;
}

const unitLabel = (code: string | null, name?: string | null) => (code ? (name ? `${code} (${name})` : code) : '');
const roleLabel = (role: string, code: string | null, name?: string | null) => (code ? `${role} of ${unitLabel(code, name)}` : role);

/** Rows as aligned columns; the last column (names of any length) is not padded. */
function table(header: string[], rows: string[][]): void {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: string[]) => cells.map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column]!))).join('  ').trimEnd();
  print(line(header));
  for (const row of rows) print(line(row));
}

function createdBy(): string {
  try {
    return `cli:${os.userInfo().username}`;
  } catch {
    return 'cli';
  }
}

const COMMANDS: Command[] = [
  {
    words: ['units', 'import'],
    positionals: ['file'],
    prepare: (_values, [file]) => async (db) => {
      const existingCodes = (await db.unit.findMany({ select: { code: true } })).map((unit) => unit.code);
      const seeds = await parseUnitsFile(file!, { existingCodes });
      const result = await importUnits(db, seeds);
      print(`Units in ${path.basename(file!)}: ${seeds.length}. Created ${result.created}, updated ${result.updated}, unchanged ${result.unchanged}.`);
    },
  },
  {
    words: ['units', 'list'],
    prepare: () => async (db) => {
      const units = await db.unit.findMany({ select: { id: true, code: true, name: true, parentId: true, aliases: true, active: true, sortOrder: true } });
      if (units.length === 0) return print('No units yet: load the Hanoi seed with `npm run seed`, or run: npm run admin -- units import <file.csv|file.json>');
      const ids = new Set(units.map((unit) => unit.id));
      const collator = new Intl.Collator('vi', { numeric: true, sensitivity: 'base' });
      const below = (parentId: number | null) =>
        units
          .filter((unit) => (unit.parentId !== null && ids.has(unit.parentId) ? unit.parentId : null) === parentId)
          .sort((a, b) => a.sortOrder - b.sortOrder || collator.compare(a.name, b.name));
      const show = (parentId: number | null, depth: number) => {
        for (const unit of below(parentId)) {
          const aliases = unit.aliases.length > 0 ? `  [${unit.aliases.join(', ')}]` : '';
          print(`${'  '.repeat(depth)}${unit.code}  ${unit.name}${aliases}${unit.active ? '' : '  (inactive)'}`);
          show(unit.id, depth + 1);
        }
      };
      show(null, 0);
      print(`${units.length} units.`);
    },
  },
  {
    words: ['invite'],
    options: { role: { type: 'string' }, unit: { type: 'string' }, expires: { type: 'string' }, uses: { type: 'string' }, bot: { type: 'string' } },
    async prepare(values, _positionals, config) {
      const { role, unitCode } = roleAndUnit(values);
      let lifetime: number;
      try {
        lifetime = parseDuration(str(values, 'expires') ?? '7d');
      } catch (error) {
        throw new UsageError(`--expires: ${(error as Error).message}`);
      }
      const maxUses = positiveInteger(str(values, 'uses') ?? '1', '--uses', 1000);
      const given = str(values, 'bot') ?? process.env.BOT_USERNAME;
      let bot: string;
      if (given) bot = normalizeBotUsername(given);
      else if (config.BOT_TOKEN) bot = normalizeBotUsername(await botUsernameFromTelegram(config.BOT_TOKEN, config.TELEGRAM_API_ROOT ?? 'https://api.telegram.org'));
      else throw new Error("the bot's username is unknown: pass --bot <username> (or set BOT_USERNAME, or BOT_TOKEN to ask Telegram)");
      return async (db) => {
        const unit = unitCode ? await findUnit(db, unitCode) : null;
        const code = newInvitationCode();
        const expiresAt = new Date(Date.now() + lifetime);
        const { id } = await new PrismaInvitationRepository(db).create({ codeHash: hashInvitationCode(code), role, unitId: unit?.id ?? null, maxUses, expiresAt, createdBy: createdBy() });
        print(`Invitation ${id}: ${roleLabel(role, unit?.code ?? null, unit?.name)}, ${maxUses} ${maxUses === 1 ? 'use' : 'uses'}, expires ${vnTime(expiresAt)}.`);
        print(`Code (shown only now; only its hash is stored): ${code}`);
        print(`Link to send: ${deepLink(bot, code)}`);
      };
    },
  },
  {
    words: ['invites', 'list'],
    options: { all: { type: 'boolean' } },
    prepare: (values) => async (db) => {
      const now = new Date();
      const invitations = await new PrismaInvitationRepository(db).list({ includeInactive: values.all === true, now });
      if (invitations.length === 0) return print(values.all ? 'No invitations.' : 'No usable invitations (--all shows used, expired and revoked ones).');
      table(
        ['ID', 'ROLE', 'UNIT', 'USES', 'EXPIRES', 'STATUS', 'CREATED BY'],
        invitations.map((invitation) => {
          const check = checkInvitation(invitation, now);
          return [String(invitation.id), invitation.role, invitation.unitCode ?? '-', `${invitation.uses}/${invitation.maxUses}`, vnTime(invitation.expiresAt), check.ok ? 'usable' : check.reason, invitation.createdBy];
        }),
      );
    },
  },
  {
    words: ['invites', 'revoke'],
    positionals: ['id'],
    prepare: (_values, [text]) => {
      const id = positiveInteger(text!, 'the invitation id');
      return async (db) => {
        if (!(await new PrismaInvitationRepository(db).revoke(id, new Date()))) throw new Error(`invitation ${id} does not exist or was revoked already (see: npm run admin -- invites list --all)`);
        print(`Invitation ${id} revoked: its link no longer works.`);
      };
    },
  },
  {
    words: ['grants', 'list'],
    options: { unit: { type: 'string' }, all: { type: 'boolean' } },
    prepare: (values) => async (db) => {
      const code = str(values, 'unit')?.normalize('NFC').trim();
      const unit = code ? await findUnit(db, code) : null;
      const includeRevoked = values.all === true;
      const grants = await new PrismaRoleRepository(db).list({ ...(unit ? { unitId: unit.id } : {}), includeRevoked });
      if (grants.length === 0) return print(`No ${includeRevoked ? '' : 'active '}grants${unit ? ` for ${unitLabel(unit.code, unit.name)}` : ''}.`);
      table(
        ['ID', 'ROLE', 'PERSON', 'GRANTED', ...(includeRevoked ? ['REVOKED'] : []), 'UNIT'],
        grants.map((grant) => [
          String(grant.id),
          grant.role,
          `${grant.channel}:${grant.externalId}`,
          vnTime(grant.grantedAt),
          ...(includeRevoked ? [grant.revokedAt ? vnTime(grant.revokedAt) : '-'] : []),
          unitLabel(grant.unitCode, grant.unitName) || '-',
        ]),
      );
    },
  },
  {
    words: ['grants', 'revoke'],
    positionals: ['id'],
    prepare: (_values, [text]) => {
      const id = positiveInteger(text!, 'the grant id');
      return async (db) => {
        if (!(await new PrismaRoleRepository(db).revoke(id, new Date()))) throw new Error(`grant ${id} does not exist or was revoked already (see: npm run admin -- grants list --all)`);
        print(`Grant ${id} revoked.`);
      };
    },
  },
  {
    words: ['grants', 'add'],
    options: { telegram: { type: 'string' }, role: { type: 'string' }, unit: { type: 'string' } },
    prepare: (values) => {
      const externalId = telegramId(values);
      const { role, unitCode } = roleAndUnit(values);
      return async (db) => {
        const unit = unitCode ? await findUnit(db, unitCode) : null;
        const unitId = unit?.id ?? null;
        // A private Telegram chat has the user's id: the bot can write to them once they have started it.
        const user = await db.user.upsert({
          where: { channel_externalId: { channel: 'telegram', externalId } },
          create: { channel: 'telegram', externalId, chatId: externalId },
          update: {},
          select: { id: true },
        });
        const roles = new PrismaRoleRepository(db);
        const held = (await roles.rolesOf(user.id)).some((grant) => grant.role === role && grant.unitId === unitId);
        await roles.grant(user.id, role, unitId, new Date());
        const grant = (await roles.list({ userId: user.id })).find((row) => row.role === role && row.unitId === unitId);
        const what = roleLabel(role, unit?.code ?? null, unit?.name);
        print(held ? `telegram:${externalId} already is ${what} (grant ${grant?.id}); nothing changed.` : `Grant ${grant?.id}: telegram:${externalId} is now ${what}.`);
      };
    },
  },
  {
    words: ['user', 'roles'],
    options: { telegram: { type: 'string' } },
    prepare: (values) => {
      const externalId = telegramId(values);
      return async (db) => {
        const user = await db.user.findUnique({ where: { channel_externalId: { channel: 'telegram', externalId } }, select: { id: true } });
        const grants = user ? await new PrismaRoleRepository(db).list({ userId: user.id }) : [];
        if (grants.length === 0) return print(`telegram:${externalId} has no roles${user ? '' : ' (they have not used the bot yet)'}.`);
        print(`telegram:${externalId} holds ${grants.length} ${grants.length === 1 ? 'role' : 'roles'}:`);
        for (const grant of grants) print(`  grant ${grant.id}: ${roleLabel(grant.role, grant.unitCode, grant.unitName)}, since ${vnTime(grant.grantedAt)}`);
      };
    },
  },
];

/** The first meaningful line of an error (Prisma's messages start with a blank line and an invocation). */
function oneLine(error: unknown): string {
  const lines = (error instanceof Error ? error.message : String(error)).split('\n').map((line) => line.trim()).filter(Boolean);
  if (lines.length === 0) return 'unexpected error';
  return /^Invalid `.*` invocation/.test(lines[0]!) ? lines[lines.length - 1]! : lines[0]!;
}

async function main(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h') || argv[0] === 'help') {
    process.stdout.write(HELP);
    return 0;
  }
  const command = COMMANDS.find((candidate) => candidate.words.every((word, index) => argv[index] === word));
  if (!command) {
    process.stderr.write(`${argv.length === 0 ? 'No command given.' : `Unknown command: ${argv.join(' ')}`}\n\n${HELP}`);
    return 2;
  }
  const name = command.words.join(' ');
  let values: Values;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args: argv.slice(command.words.length), options: command.options ?? {}, allowPositionals: true, strict: true }) as { values: Values; positionals: string[] });
  } catch (error) {
    throw new UsageError(`${name}: ${oneLine(error).replace(/\. To specify a positional argument.*$/, '')}`);
  }
  const expected = command.positionals ?? [];
  if (positionals.length !== expected.length) {
    throw new UsageError(`${name}: ${expected.length === 0 ? `unexpected argument "${positionals[0]}"` : `expected ${expected.map((item) => `<${item}>`).join(' ')}`}`);
  }
  const config = configOrExit();
  const work = await command.prepare(values, positionals, config);
  const database = await openConfiguredDatabase(config, createLogger('warn'));
  const connection = openDatabase(database.url, { max: 4 });
  try {
    await work(connection.db);
  } finally {
    await connection.close();
    await database.stop();
  }
  return 0;
}

let exitCode: number;
try {
  exitCode = await main(process.argv.slice(2));
} catch (error) {
  const usage = error instanceof UsageError;
  process.stderr.write(`${usage ? 'Usage error' : 'Error'}: ${oneLine(error)}${usage ? ' (see: npm run admin -- --help)' : ''}\n`);
  exitCode = usage ? 2 : 1;
}
// Explicitly: the embedded PostgreSQL package exits with 0 on 'beforeExit', whatever process.exitCode says.
process.exit(exitCode);
