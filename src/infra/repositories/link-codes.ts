/**
 * Linking a second channel: a person with roles gets a short one-time code on one channel and types
 * it on the other; the roles are then held on both, so reminders reach them on both. Codes are
 * stored as SHA-256, live 15 minutes, and failed tries count like wrong invitation codes.
 */
import { createHash, randomInt } from 'node:crypto';
import { INVITATION_ATTEMPTS_PER_HOUR } from '../../core/roles.js';
import type { Db } from '../db/client.js';

/** Letters and digits that cannot be misread (no 0/O, 1/I/L). */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** "ABCD-2345": 8 symbols of 31, about 40 bits; with 15 minutes and 5 tries an hour, unguessable. */
export function newLinkCode(): string {
  const symbols = Array.from({ length: 8 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  return `${symbols.slice(0, 4)}-${symbols.slice(4)}`;
}

/** The code as typed ("abcd 2345", "ABCD-2345") reduced to its symbols. */
export function normalizeLinkCode(typed: string): string {
  return typed.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

const hash = (code: string) => createHash('sha256').update(`link:${normalizeLinkCode(code)}`).digest('hex');

export type LinkOutcome = { status: 'linked'; roles: number; fromChannel: string } | { status: 'unknown' | 'expired' | 'used' | 'same-channel' | 'rate-limited' | 'nothing' };

export class LinkCodeRepository {
  constructor(private readonly db: Db) {}

  async create(code: string, userId: number, expiresAt: Date): Promise<void> {
    await this.db.linkCode.create({ data: { codeHash: hash(code), userId, expiresAt } });
  }

  /** Redeems a code for `userId` in one transaction: checks it, copies the owner's active roles, marks it used. */
  async redeem(code: string, userId: number, now: Date): Promise<LinkOutcome> {
    return this.db.$transaction(async (tx) => {
      const since = new Date(now.getTime() - 60 * 60 * 1000);
      if ((await tx.invitationAttempt.count({ where: { userId, at: { gte: since } } })) >= INVITATION_ATTEMPTS_PER_HOUR) return { status: 'rate-limited' };
      const [row] = await tx.$queryRaw<{ id: number; user_id: number; expires_at: Date; used_at: Date | null }[]>`
        SELECT id, user_id, expires_at, used_at FROM link_codes WHERE code_hash = ${hash(code)} FOR UPDATE`;
      if (!row) {
        await tx.invitationAttempt.create({ data: { userId, at: now } });
        return { status: 'unknown' };
      }
      if (row.used_at) return { status: 'used' };
      if (row.expires_at.getTime() <= now.getTime()) return { status: 'expired' };
      const [owner, target] = await Promise.all([tx.user.findUniqueOrThrow({ where: { id: row.user_id } }), tx.user.findUniqueOrThrow({ where: { id: userId } })]);
      if (owner.channel === target.channel) return { status: 'same-channel' };
      // Each grant is copied once (one linked account per role), remembering its original so that
      // revoking either revokes both; a copy is never copied on.
      const copied = await tx.$executeRaw`
        INSERT INTO role_grants (user_id, role, unit_id, granted_at, linked_from_id)
        SELECT ${userId}, g.role, g.unit_id, ${now}, g.id FROM role_grants g
         WHERE g.user_id = ${row.user_id} AND g.revoked_at IS NULL AND g.linked_from_id IS NULL
           AND NOT EXISTS (SELECT 1 FROM role_grants c WHERE c.linked_from_id = g.id AND c.revoked_at IS NULL)
           AND NOT EXISTS (SELECT 1 FROM role_grants h WHERE h.user_id = ${userId} AND h.role = g.role
                             AND h.unit_id IS NOT DISTINCT FROM g.unit_id AND h.revoked_at IS NULL)`;
      if (copied === 0) return { status: 'nothing' };
      await tx.linkCode.update({ where: { id: row.id }, data: { usedAt: now, usedBy: userId } });
      return { status: 'linked', roles: copied, fromChannel: owner.channel };
    });
  }
}
