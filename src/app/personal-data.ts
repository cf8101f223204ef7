/**
 * /dulieu shows a person what the bot holds about them; /xoadulieu erases it after a confirmation.
 */
import { lines, raw, say, t, type OutMessage, type Text } from '../core/messages.js';
import type { Person, UserRepository } from '../core/ports.js';
import { formatDateTime } from '../core/text/date.js';
import { displayPhone } from '../core/text/phone.js';
import type { PersonalDataRepository } from '../infra/repositories/personal-data.js';
import type { Logger } from './logger.js';

export const DATA_STEP = 'data';

export class PersonalData {
  constructor(private readonly deps: { data: PersonalDataRepository; users: Pick<UserRepository, 'setPending'>; log: Logger }) {}

  async show(person: Person): Promise<OutMessage[]> {
    const report = await this.deps.data.report(person.id);
    if (!report) return [say(t('data-none'))];
    const parts: Text[] = [
      t('data-title'),
      t('data-account', { channel: t(`channel-${report.channel === 'telegram' ? 'telegram' : 'other'}`), id: raw(report.externalId), since: formatDateTime(report.createdAt), locale: t(report.locale === 'en' ? 'language-en' : 'language-vi') }),
    ];
    parts.push(
      report.consents.length
        ? lines(report.consents.map((consent) => t(consent.withdrawnAt ? 'data-consent-withdrawn' : 'data-consent', { given: formatDateTime(consent.givenAt), withdrawn: consent.withdrawnAt ? formatDateTime(consent.withdrawnAt) : '' })))
        : t('data-no-consent'),
    );
    const stepName = (step: string) => (['consent', 'pledge', 'summary'].includes(step) ? t(`step-name-${step}`) : t(`field-${step}`));
    parts.push(report.draftStep ? t('data-draft', { step: stepName(report.draftStep) }) : t('data-no-draft'));
    parts.push(
      report.nominations.length
        ? lines([
            t('data-nominations', { count: report.nominations.length }),
            ...report.nominations.map((nomination) =>
              t('data-nomination-line', {
                code: raw(nomination.code),
                status: t(`status-${nomination.status}`),
                name: nomination.nominatorName ? raw(nomination.nominatorName) : '—',
                phone: nomination.nominatorPhone ? displayPhone(nomination.nominatorPhone) : '—',
              }),
            ),
          ])
        : t('data-no-nominations'),
    );
    if (report.roles.length) parts.push(lines(report.roles.map((role) => t('data-role', { role: t(`role-${role.role}`), unit: raw(role.unitName ?? '') }))));
    parts.push(t('data-rights-hint'));
    return [say(...parts)];
  }

  async askErase(person: Person): Promise<OutMessage[]> {
    await this.deps.users.setPending(person.id, { kind: 'erase' });
    return [{ parts: [t('erase-confirm')], choices: { step: DATA_STEP, rows: [[{ value: 'erase', label: t('btn-erase-yes') }, { value: 'keep', label: t('btn-erase-no') }]] } }];
  }

  /** "data|erase" or "data|keep". */
  async press(person: Person, value: string, now: Date): Promise<OutMessage[]> {
    if (value !== 'erase' || person.pending?.kind !== 'erase') {
      if (person.pending?.kind === 'erase') await this.deps.users.setPending(person.id, null);
      return [say(t('erase-kept'))];
    }
    const { anonymised } = await this.deps.data.erase(person.id, now);
    this.deps.log.info({ event: 'personal_data.erased', anonymised });
    return [say(t('erase-done', { count: anonymised }))];
  }
}
