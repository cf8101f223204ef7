import type { LocaleCode, Person, UserRepository } from '../../core/ports.js';
import type { Db } from '../db/client.js';

const asLocale = (value: string | null | undefined, fallback: LocaleCode): LocaleCode => (value === 'vi' || value === 'en' ? value : fallback);

/** People by (channel, external id). The client's language is only a suggestion until the person picks one. */
export class PrismaUserRepository implements UserRepository {
  constructor(private readonly db: Db) {}

  async identify(channel: string, externalId: string, chatId: string, suggestedLocale: LocaleCode): Promise<Person> {
    const found = await this.db.user.findUnique({ where: { channel_externalId: { channel, externalId } }, select: { id: true, locale: true } });
    if (found) return { id: found.id, channel, locale: asLocale(found.locale, suggestedLocale) };
    const created = await this.db.user.upsert({
      where: { channel_externalId: { channel, externalId } },
      create: { channel, externalId, chatId },
      update: {},
      select: { id: true, locale: true },
    });
    return { id: created.id, channel, locale: asLocale(created.locale, suggestedLocale) };
  }

  async setLocale(userId: number, locale: LocaleCode): Promise<void> {
    await this.db.user.update({ where: { id: userId }, data: { locale } });
  }
}
