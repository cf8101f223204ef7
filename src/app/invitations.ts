/**
 * Invitations in the chat: opening a deep link (or typing a code) grants a role; admins invite
 * unit heads, thi đua officers and council members with /moi, choosing the role and the unit with
 * buttons; a unit head invites the thi đua officer of their own unit.
 */
import { raw, rows, say, t, type Choice, type OutMessage } from '../core/messages.js';
import type { NominationEnv } from '../core/nomination/form.js';
import type { InvitationRepository, Person, UserRepository } from '../core/ports.js';
import { isAdmin, type GrantableRole } from '../core/roles.js';
import { isUnitRole } from '../core/roles.js';
import type { Logger } from './logger.js';

export const INVITE_STEP = 'inv';
const UNIT_PAGE = 8;
const INVITE_DAYS = 7;

export interface InvitationDeps {
  invitations: InvitationRepository;
  users: Pick<UserRepository, 'setPending'>;
  env: () => Promise<NominationEnv>;
  codes: { create(): string; hash(code: string): string; link(code: string): string | null };
  log: Logger;
}

/** Invitation codes are long random URL-safe strings; anything else is not tried (and not counted). */
export const looksLikeInvitationCode = (text: string) => /^[A-Za-z0-9_-]{22,64}$/.test(text);

export class Invitations {
  constructor(private readonly deps: InvitationDeps) {}

  /** Someone opened an invitation link (/start <code>). */
  async redeem(person: Person, code: string, now: Date): Promise<OutMessage[]> {
    const outcome = await this.deps.invitations.redeem(this.deps.codes.hash(code), person.id, now);
    this.deps.log.info({ event: 'invitation.redeem', userId: person.id, status: outcome.status });
    if (outcome.status !== 'granted') return [say(t(`invite-${outcome.status}`))];
    const env = await this.deps.env();
    const unit = outcome.unitId === null ? '' : (env.units.fullName(outcome.unitId) ?? '');
    return [say(t(`invite-granted-${outcome.role}`, { unit: raw(unit) }))];
  }

  /** The units a head may invite an officer for: the ones they head themselves. */
  private headedByPerson(person: Person): number[] {
    return person.roles.filter((grant) => grant.role === 'head' && grant.unitId !== null).map((grant) => grant.unitId!);
  }

  /** /moi: admins invite any role; a unit head invites the thi đua officer of their unit. */
  async start(person: Person): Promise<OutMessage[]> {
    if (!isAdmin(person.roles)) {
      const units = this.headedByPerson(person);
      if (units.length === 0) return [say(t('invite-admin-only'))];
      await this.deps.users.setPending(person.id, { kind: 'invite', role: 'officer' });
      const env = await this.deps.env();
      const buttons = units.map((id) => ({ value: `u:${id}`, label: raw(env.units.fullName(id) ?? String(id)) }));
      return [{ parts: [t('invite-officer-choose-unit')], choices: { step: INVITE_STEP, rows: [...rows(buttons, 1), [{ value: 'x', label: t('btn-cancel') }]] } }];
    }
    await this.deps.users.setPending(person.id, { kind: 'invite' });
    const choices: Choice[] = (['head', 'officer', 'council', 'admin'] as const).map((role) => ({ value: `r:${role}`, label: t(`role-${role}`) }));
    return [{ parts: [t('invite-choose-role')], choices: { step: INVITE_STEP, rows: [...rows(choices, 1), [{ value: 'x', label: t('btn-cancel') }]] } }];
  }

  /** "inv|<value>": r:<role>, p:<page>, u:<unitId>, x. */
  async press(person: Person, value: string, now: Date): Promise<OutMessage[]> {
    const officerUnit = /^u:(\d{1,9})$/.exec(value);
    if (!isAdmin(person.roles) && officerUnit && person.pending?.kind === 'invite' && person.pending.role === 'officer' && this.headedByPerson(person).includes(Number(officerUnit[1]))) {
      return this.create(person, 'officer', Number(officerUnit[1]), now);
    }
    if (!isAdmin(person.roles) && value === 'x' && person.pending?.kind === 'invite') {
      await this.deps.users.setPending(person.id, null);
      return [say(t('rv-cancelled'))];
    }
    if (!isAdmin(person.roles)) {
      this.deps.log.warn({ event: 'invitation.forbidden', userId: person.id });
      return [say(t('invite-admin-only'))];
    }
    if (value === 'x') {
      await this.deps.users.setPending(person.id, null);
      return [say(t('rv-cancelled'))];
    }
    const pending = person.pending?.kind === 'invite' ? person.pending : undefined;
    const role = /^r:(head|officer|council|admin)$/.exec(value)?.[1] as GrantableRole | undefined;
    if (role === 'council' || role === 'admin') return this.create(person, role, null, now);
    if (role === 'head' || role === 'officer') {
      await this.deps.users.setPending(person.id, { kind: 'invite', role, unitPage: 0 });
      return [await this.unitPicker(0)];
    }
    const page = /^p:(\d{1,4})$/.exec(value);
    const unitRole = pending?.role && isUnitRole(pending.role) ? (pending.role as GrantableRole) : undefined;
    if (page && unitRole) return [await this.unitPicker(Number(page[1]))];
    const unit = /^u:(\d{1,9})$/.exec(value);
    if (unit && unitRole) {
      const env = await this.deps.env();
      if (!env.units.get(Number(unit[1]))) return [say(t('unit-not-found'))];
      return this.create(person, unitRole, Number(unit[1]), now);
    }
    return [say(t('rv-stale'))];
  }

  private async unitPicker(page: number): Promise<OutMessage> {
    const env = await this.deps.env();
    const all: { id: number; name: string }[] = [];
    const walk = (parentId: number | null) => {
      for (const unit of env.units.children(parentId)) {
        all.push({ id: unit.id, name: env.units.fullName(unit.id) ?? unit.name });
        walk(unit.id);
      }
    };
    walk(null);
    const pages = Math.max(1, Math.ceil(all.length / UNIT_PAGE));
    const current = Math.min(page, pages - 1);
    const buttons = all.slice(current * UNIT_PAGE, (current + 1) * UNIT_PAGE).map((unit) => ({ value: `u:${unit.id}`, label: raw(unit.name) }));
    const navigation: Choice[] = [];
    if (current > 0) navigation.push({ value: `p:${current - 1}`, label: t('btn-prev-page') });
    if (current < pages - 1) navigation.push({ value: `p:${current + 1}`, label: t('btn-next-page') });
    return {
      parts: [t('invite-choose-unit'), t('page-of', { page: current + 1, pages })],
      choices: { step: INVITE_STEP, rows: [...rows(buttons, 1), ...(navigation.length ? [navigation] : []), [{ value: 'x', label: t('btn-cancel') }]] },
    };
  }

  private async create(person: Person, role: GrantableRole, unitId: number | null, now: Date): Promise<OutMessage[]> {
    const code = this.deps.codes.create();
    const expiresAt = new Date(now.getTime() + INVITE_DAYS * 24 * 3600 * 1000);
    await this.deps.invitations.create({ codeHash: this.deps.codes.hash(code), role, unitId, maxUses: 1, expiresAt, createdBy: `user:${person.id}` });
    await this.deps.users.setPending(person.id, null);
    this.deps.log.info({ event: 'invitation.created', userId: person.id, role, unitId });
    const env = await this.deps.env();
    const link = this.deps.codes.link(code);
    return [
      say(
        t('invite-created', { role: t(`role-${role}`), unit: raw(unitId === null ? '' : (env.units.fullName(unitId) ?? '')), days: INVITE_DAYS }),
        // The code too: on Zalo (no links), or where the link does not open, it is pasted into the chat.
        ...(link ? [raw(link)] : []),
        t('invite-code', { code: raw(code) }),
      ),
    ];
  }
}
