/**
 * What the bot holds about one person, and erasing it (Luật 91/2025/QH15): drafts deleted,
 * the nominator's personal fields on submitted nominations anonymised (content and history stay
 * for the council), consents marked withdrawn and detached, the person's own record deleted.
 */
import type { Db } from '../db/client.js';
import { draftCacheOf } from './draft-cache.js';

export interface PersonalDataReport {
  channel: string;
  externalId: string;
  locale: string | null;
  createdAt: Date;
  consents: { purpose: string; givenAt: Date; withdrawnAt: Date | null }[];
  draftStep: string | null;
  nominations: { code: string; status: string; nominatorName: string | null; nominatorPhone: string | null; submittedAt: Date }[];
  roles: { role: string; unitName: string | null }[];
}

export class PersonalDataRepository {
  constructor(private readonly db: Db) {}

  async report(userId: number): Promise<PersonalDataReport | null> {
    const user = await this.db.user.findUnique({
      where: { id: userId },
      include: {
        consents: { orderBy: { givenAt: 'asc' } },
        drafts: { select: { stepId: true } },
        nominations: { orderBy: { submittedAt: 'asc' }, select: { code: true, status: true, nominatorName: true, nominatorPhone: true, submittedAt: true } },
        roleGrants: { where: { revokedAt: null }, include: { unit: { select: { name: true } } } },
      },
    });
    if (!user) return null;
    return {
      channel: user.channel,
      externalId: user.externalId,
      locale: user.locale,
      createdAt: user.createdAt,
      consents: user.consents.map((consent) => ({ purpose: consent.purpose, givenAt: consent.givenAt, withdrawnAt: consent.withdrawnAt })),
      draftStep: user.drafts[0]?.stepId ?? null,
      nominations: user.nominations,
      roles: user.roleGrants.map((grant) => ({ role: grant.role, unitName: grant.unit?.name ?? null })),
    };
  }

  /** Erases the person in one transaction; returns how many nominations were anonymised. */
  async erase(userId: number, now: Date): Promise<{ anonymised: number }> {
    draftCacheOf(this.db).forget(userId);
    return this.db.$transaction(async (tx) => {
      await tx.draft.deleteMany({ where: { userId } });
      const { count } = await tx.nomination.updateMany({ where: { userId }, data: { nominatorName: null, nominatorPhone: null, nominatorRelation: null, userId: null } });
      await tx.consent.updateMany({ where: { userId, withdrawnAt: null }, data: { withdrawnAt: now } });
      await tx.consent.updateMany({ where: { userId }, data: { userId: null } });
      await tx.notification.deleteMany({ where: { userId } });
      await tx.invitationAttempt.deleteMany({ where: { userId } });
      await tx.user.delete({ where: { id: userId } });
      return { anonymised: count };
    });
  }
}
