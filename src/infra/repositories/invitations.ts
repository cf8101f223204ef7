/**
 * Invitations to a role, stored by the SHA-256 of their code. Redeeming is one transaction: the
 * person's failed attempts are counted first (guessing is slowed down before any code is looked
 * up), then the invitation row is locked, checked, counted and turned into a role grant.
 */
import type { InvitationRecord, InvitationRepository, RedeemOutcome } from '../../core/ports.js';
import { checkInvitation, GRANTABLE_ROLES, INVITATION_ATTEMPTS_PER_HOUR, type GrantableRole } from '../../core/roles.js';
import type { Db } from '../db/client.js';
import { grantIn, lockPerson } from './roles.js';

const HOUR_MS = 60 * 60 * 1000;

const isGrantable = (role: string): role is GrantableRole => (GRANTABLE_ROLES as readonly string[]).includes(role);

export class PrismaInvitationRepository implements InvitationRepository {
  constructor(private readonly db: Db) {}

  async create(input: { codeHash: string; role: GrantableRole; unitId: number | null; maxUses: number; expiresAt: Date; createdBy: string }): Promise<{ id: number }> {
    const row = await this.db.invitation.create({
      data: { codeHash: input.codeHash, role: input.role, unitId: input.unitId, maxUses: input.maxUses, expiresAt: input.expiresAt, createdBy: input.createdBy },
      select: { id: true },
    });
    return { id: row.id };
  }

  async redeem(codeHash: string, userId: number, now: Date): Promise<RedeemOutcome> {
    return this.db.$transaction(async (tx): Promise<RedeemOutcome> => {
      // One redemption per person at a time, so parallel guesses cannot slip past the count.
      await lockPerson(tx, userId);
      const failures = await tx.invitationAttempt.count({ where: { userId, at: { gt: new Date(now.getTime() - HOUR_MS) } } });
      if (failures >= INVITATION_ATTEMPTS_PER_HOUR) return { status: 'rate-limited' };

      const fail = async (status: 'unknown' | 'expired' | 'used' | 'revoked'): Promise<RedeemOutcome> => {
        await tx.invitationAttempt.create({ data: { userId, at: now } });
        return { status };
      };

      // The row lock makes concurrent redemptions of one invitation wait for each other; the read
      // after it sees the uses counted by whoever went first.
      const [locked] = await tx.$queryRaw<{ id: number }[]>`SELECT id FROM invitations WHERE code_hash = ${codeHash} FOR UPDATE`;
      if (!locked) return fail('unknown');
      const invitation = await tx.invitation.findUniqueOrThrow({ where: { id: locked.id } });
      if (!isGrantable(invitation.role)) return fail('unknown');
      const check = checkInvitation(invitation, now);
      if (!check.ok) return fail(check.reason);

      await tx.invitation.update({ where: { id: invitation.id }, data: { uses: { increment: 1 } } });
      await grantIn(tx, userId, invitation.role, invitation.unitId, now, invitation.id);
      return { status: 'granted', role: invitation.role, unitId: invitation.unitId };
    });
  }

  async list(filter: { includeInactive?: boolean; now?: Date } = {}): Promise<InvitationRecord[]> {
    const now = filter.now ?? new Date();
    const rows = await this.db.invitation.findMany({ include: { unit: { select: { code: true } } }, orderBy: { id: 'asc' } });
    return rows
      .filter((row) => filter.includeInactive || checkInvitation(row, now).ok)
      .map((row) => ({
        id: row.id,
        role: row.role,
        unitId: row.unitId,
        unitCode: row.unit?.code ?? null,
        maxUses: row.maxUses,
        uses: row.uses,
        expiresAt: row.expiresAt,
        createdBy: row.createdBy,
        createdAt: row.createdAt,
        revokedAt: row.revokedAt,
      }));
  }

  async revoke(id: number, at: Date): Promise<boolean> {
    const { count } = await this.db.invitation.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: at } });
    return count > 0;
  }
}
