/**
 * Role grants (unit head, council member, admin) in PostgreSQL. A grant is never deleted: revoking
 * stamps `revoked_at`, so the history of who could decide what stays readable.
 */
import type { RoleGrantRecord, RoleRepository } from '../../core/ports.js';
import { GRANTABLE_ROLES, type GrantableRole, type RoleGrantView } from '../../core/roles.js';
import type { Prisma } from '../../generated/prisma/client.js';
import type { Db } from '../db/client.js';

type Tx = Prisma.TransactionClient;

/** First key of the per-person advisory lock that serialises grants and redemptions of one person. */
const PERSON_LOCK = 1_380_928_581; // 'ROLE'

/** Takes the person's transaction-scoped lock (released at commit or rollback). */
export async function lockPerson(tx: Tx, userId: number): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${PERSON_LOCK}::int4, ${userId}::int4)`;
}

/**
 * Grants `role` (of `unitId`) inside a transaction unless the person holds it already; true when a
 * grant was created. The person's lock makes two concurrent grants create one row.
 */
export async function grantIn(tx: Tx, userId: number, role: GrantableRole, unitId: number | null, at: Date, invitationId: number | null): Promise<boolean> {
  await lockPerson(tx, userId);
  const existing = await tx.roleGrant.findFirst({ where: { userId, role, unitId, revokedAt: null }, select: { id: true } });
  if (existing) return false;
  await tx.roleGrant.create({ data: { userId, role, unitId, invitationId, grantedAt: at } });
  return true;
}

const isGrantable = (role: string): role is GrantableRole => (GRANTABLE_ROLES as readonly string[]).includes(role);

export class PrismaRoleRepository implements RoleRepository {
  constructor(private readonly db: Db) {}

  async rolesOf(userId: number): Promise<RoleGrantView[]> {
    const rows = await this.db.roleGrant.findMany({
      where: { userId, revokedAt: null },
      select: { id: true, role: true, unitId: true },
      orderBy: { id: 'asc' },
    });
    return rows.flatMap((row) => (isGrantable(row.role) ? [{ id: row.id, role: row.role, unitId: row.unitId }] : []));
  }

  async grant(userId: number, role: GrantableRole, unitId: number | null, at: Date, invitationId: number | null = null): Promise<void> {
    await this.db.$transaction((tx) => grantIn(tx, userId, role, unitId, at, invitationId));
  }

  /** Revokes a grant, together with its copies on a linked channel (and the original, for a copy). */
  async revoke(grantId: number, at: Date): Promise<boolean> {
    const grant = await this.db.roleGrant.findUnique({ where: { id: grantId }, select: { linkedFromId: true } });
    const root = grant?.linkedFromId ?? grantId;
    const { count } = await this.db.roleGrant.updateMany({ where: { id: grantId, revokedAt: null }, data: { revokedAt: at } });
    if (count > 0) await this.db.roleGrant.updateMany({ where: { revokedAt: null, OR: [{ id: root }, { linkedFromId: root }] }, data: { revokedAt: at } });
    return count > 0;
  }

  async list(filter: { unitId?: number; userId?: number; includeRevoked?: boolean } = {}): Promise<RoleGrantRecord[]> {
    const rows = await this.db.roleGrant.findMany({
      where: {
        ...(filter.unitId !== undefined ? { unitId: filter.unitId } : {}),
        ...(filter.userId !== undefined ? { userId: filter.userId } : {}),
        ...(filter.includeRevoked ? {} : { revokedAt: null }),
      },
      include: { user: { select: { channel: true, externalId: true } }, unit: { select: { code: true, name: true } } },
      orderBy: { id: 'asc' },
    });
    return rows.map((row) => ({
      id: row.id,
      userId: row.userId,
      channel: row.user.channel,
      externalId: row.user.externalId,
      role: row.role,
      unitId: row.unitId,
      unitCode: row.unit?.code ?? null,
      unitName: row.unit?.name ?? null,
      grantedAt: row.grantedAt,
      revokedAt: row.revokedAt,
    }));
  }

  async recipients(role: GrantableRole | readonly GrantableRole[], unitIds?: number[]): Promise<{ userId: number; channel: string; chatId: string; locale: string | null }[]> {
    const rows = await this.db.roleGrant.findMany({
      where: {
        role: { in: typeof role === 'string' ? [role] : [...role] },
        revokedAt: null,
        ...(unitIds !== undefined ? { unitId: { in: unitIds } } : {}),
        // Someone who blocked the bot is skipped until they write to it again.
        user: { unreachableAt: null },
      },
      select: { user: { select: { id: true, channel: true, chatId: true, locale: true } } },
      orderBy: { id: 'asc' },
    });
    // One message per person, even when they head both the unit and a unit above it.
    const byUser = new Map<number, { userId: number; channel: string; chatId: string; locale: string | null }>();
    for (const { user } of rows) {
      if (!byUser.has(user.id)) byUser.set(user.id, { userId: user.id, channel: user.channel, chatId: user.chatId, locale: user.locale });
    }
    return [...byUser.values()];
  }
}
