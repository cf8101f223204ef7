/**
 * The admin commands for units, invitations, role grants and people (see admin-help.ts).
 */
import os from 'node:os';
import path from 'node:path';
import { checkInvitation, GRANTABLE_ROLES, isUnitRole, type GrantableRole } from '../core/roles.js';
import { botUsernameFromTelegram, deepLink, hashInvitationCode, newInvitationCode, normalizeBotUsername, parseDuration } from '../infra/invitation-codes.js';
import { PrismaInvitationRepository } from '../infra/repositories/invitations.js';
import { PrismaRoleRepository } from '../infra/repositories/roles.js';
import { importUnits, parseUnitsFile } from '../infra/units-import.js';
import { findUnit, positiveInteger, str, table, unitLabel, UsageError, vnTime, type Command, type Values } from './admin-kit.js';

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
  if (isUnitRole(role) && !unitCode) throw new UsageError(`--unit <code> is required for --role ${role}`);
  if (!isUnitRole(role) && unitCode) throw new UsageError(`--unit is not allowed for --role ${role}: that role covers every unit`);
  return { role: role as GrantableRole, unitCode };
}

const roleLabel = (role: string, code: string | null, name?: string | null) => (code ? `${role} of ${unitLabel(code, name)}` : role);

function createdBy(): string {
  try {
    return `cli:${os.userInfo().username}`;
  } catch {
    return 'cli';
  }
}

export const GENERAL_COMMANDS: Command[] = [
  {
    words: ['units', 'import'],
    positionals: ['file'],
    prepare: (_values, [file], { print }) => async (db) => {
      const existingCodes = (await db.unit.findMany({ select: { code: true } })).map((unit) => unit.code);
      const seeds = await parseUnitsFile(file!, { existingCodes });
      const result = await importUnits(db, seeds);
      print(`Units in ${path.basename(file!)}: ${seeds.length}. Created ${result.created}, updated ${result.updated}, unchanged ${result.unchanged}.`);
    },
  },
  {
    words: ['units', 'list'],
    prepare: (_values, _positionals, { print }) => async (db) => {
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
    async prepare(values, _positionals, { config, env, now, print }) {
      const { role, unitCode } = roleAndUnit(values);
      let lifetime: number;
      try {
        lifetime = parseDuration(str(values, 'expires') ?? '7d');
      } catch (error) {
        throw new UsageError(`--expires: ${(error as Error).message}`);
      }
      const maxUses = positiveInteger(str(values, 'uses') ?? '1', '--uses', 1000);
      const given = str(values, 'bot') ?? env.BOT_USERNAME;
      let bot: string;
      if (given) bot = normalizeBotUsername(given);
      else if (config.BOT_TOKEN) bot = normalizeBotUsername(await botUsernameFromTelegram(config.BOT_TOKEN, config.TELEGRAM_API_ROOT ?? 'https://api.telegram.org'));
      else throw new Error("the bot's username is unknown: pass --bot <username> (or set BOT_USERNAME, or BOT_TOKEN to ask Telegram)");
      return async (db) => {
        const unit = unitCode ? await findUnit(db, unitCode) : null;
        const code = newInvitationCode();
        const expiresAt = new Date(now().getTime() + lifetime);
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
    prepare: (values, _positionals, { now: clock, print }) => async (db) => {
      const now = clock();
      const invitations = await new PrismaInvitationRepository(db).list({ includeInactive: values.all === true, now });
      if (invitations.length === 0) return print(values.all ? 'No invitations.' : 'No usable invitations (--all shows used, expired and revoked ones).');
      table(
        print,
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
    prepare: (_values, [text], { now, print }) => {
      const id = positiveInteger(text!, 'the invitation id');
      return async (db) => {
        if (!(await new PrismaInvitationRepository(db).revoke(id, now()))) throw new Error(`invitation ${id} does not exist or was revoked already (see: npm run admin -- invites list --all)`);
        print(`Invitation ${id} revoked: its link no longer works.`);
      };
    },
  },
  {
    words: ['grants', 'list'],
    options: { unit: { type: 'string' }, all: { type: 'boolean' } },
    prepare: (values, _positionals, { print }) => async (db) => {
      const code = str(values, 'unit')?.normalize('NFC').trim();
      const unit = code ? await findUnit(db, code) : null;
      const includeRevoked = values.all === true;
      const grants = await new PrismaRoleRepository(db).list({ ...(unit ? { unitId: unit.id } : {}), includeRevoked });
      if (grants.length === 0) return print(`No ${includeRevoked ? '' : 'active '}grants${unit ? ` for ${unitLabel(unit.code, unit.name)}` : ''}.`);
      table(
        print,
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
    prepare: (_values, [text], { now, print }) => {
      const id = positiveInteger(text!, 'the grant id');
      return async (db) => {
        if (!(await new PrismaRoleRepository(db).revoke(id, now()))) throw new Error(`grant ${id} does not exist or was revoked already (see: npm run admin -- grants list --all)`);
        print(`Grant ${id} revoked.`);
      };
    },
  },
  {
    words: ['grants', 'add'],
    options: { telegram: { type: 'string' }, role: { type: 'string' }, unit: { type: 'string' } },
    prepare: (values, _positionals, { now, print }) => {
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
        await roles.grant(user.id, role, unitId, now());
        const grant = (await roles.list({ userId: user.id })).find((row) => row.role === role && row.unitId === unitId);
        const what = roleLabel(role, unit?.code ?? null, unit?.name);
        print(held ? `telegram:${externalId} already is ${what} (grant ${grant?.id}); nothing changed.` : `Grant ${grant?.id}: telegram:${externalId} is now ${what}.`);
      };
    },
  },
  {
    words: ['user', 'roles'],
    options: { telegram: { type: 'string' } },
    prepare: (values, _positionals, { print }) => {
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
