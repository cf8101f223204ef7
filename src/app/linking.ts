/**
 * "/lienket": a head (or officer, council member) who uses both Telegram and Zalo links the second
 * account with a short code, so reminders and notices reach them on both.
 */
import { say, t, type OutMessage } from '../core/messages.js';
import type { Person } from '../core/ports.js';
import type { LinkCodeRepository } from '../infra/repositories/link-codes.js';
import type { Logger } from './logger.js';

const CODE_MINUTES = 15;
/** Channels with a name in the locales (`channel-<id>`). */
const KNOWN_CHANNELS = new Set(['telegram', 'zalo']);

export class Linking {
  constructor(private readonly deps: { links: LinkCodeRepository; newCode: () => string; log: Logger }) {}

  /** Shows a one-time code to type on the other channel (only for people with a role). */
  async offer(person: Person, now: Date): Promise<OutMessage[]> {
    if (person.roles.length === 0) return [say(t('link-roles-only'))];
    const code = this.deps.newCode();
    await this.deps.links.create(code, person.id, new Date(now.getTime() + CODE_MINUTES * 60_000));
    this.deps.log.info({ event: 'link.offered', userId: person.id });
    return [say(t('link-code', { code: { raw: code }, minutes: CODE_MINUTES }))];
  }

  /** The code typed on the other channel: the roles are held here too from now on. */
  async redeem(person: Person, code: string, now: Date): Promise<OutMessage[]> {
    const outcome = await this.deps.links.redeem(code, person.id, now);
    this.deps.log.info({ event: 'link.redeem', userId: person.id, status: outcome.status });
    if (outcome.status !== 'linked') return [say(t(`link-${outcome.status}`))];
    const channel = KNOWN_CHANNELS.has(outcome.fromChannel) ? outcome.fromChannel : 'other';
    return [say(t('link-done', { channel: t(`channel-${channel}`) }))];
  }
}
