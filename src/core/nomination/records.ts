/**
 * From a finished draft to a nomination record, and the messages about submitted nominations.
 */
import type { Attachment, Draft } from '../form/types.js';
import { raw, say, t, type Choice, type OutMessage, type Text } from '../messages.js';
import { formatDate, formatDateTime } from '../text/date.js';
import { displayPhone } from '../text/phone.js';
import { canWithdraw, INITIAL_STATUS, type NomineeKind } from './vocabulary.js';

/** The fields of a new nomination, ready to store. */
export interface NewNomination {
  draftId: string;
  unitId: number;
  status: string;
  nomineeKind: NomineeKind;
  nomineeName: string;
  nomineeBirthYear: number | null;
  nomineeRole: string | null;
  deedCategory: string;
  deedDate: string;
  deedPlace: string | null;
  description: string;
  nominatorName: string;
  nominatorPhone: string;
  nominatorRelation: string;
  pledgedAt: Date;
  formVersion: number;
  attachments: Attachment[];
}

/** Builds the record from a draft that reached the summary. Fields that no longer apply (year of birth of a collective) are dropped. */
export function toNewNomination(draft: Draft): NewNomination {
  const a = draft.answers;
  const kind = a.nomineeKind as NomineeKind;
  const individual = kind === 'individual';
  return {
    draftId: draft.id,
    unitId: a.unit as number,
    status: INITIAL_STATUS,
    nomineeKind: kind,
    nomineeName: a.nomineeName as string,
    nomineeBirthYear: individual ? ((a.nomineeBirthYear as number | null | undefined) ?? null) : null,
    nomineeRole: individual ? ((a.nomineeRole as string | null | undefined) ?? null) : null,
    deedCategory: a.deedCategory as string,
    deedDate: a.deedDate as string,
    deedPlace: (a.deedPlace as string | null | undefined) ?? null,
    description: a.description as string,
    nominatorName: a.nominatorName as string,
    nominatorPhone: a.nominatorPhone as string,
    nominatorRelation: a.nominatorRelation as string,
    pledgedAt: new Date(a.pledge as string),
    formVersion: draft.formVersion,
    attachments: draft.attachments,
  };
}

/** A nomination as the resident sees it in "Đề xuất của tôi". */
export interface NominationView {
  id: number;
  code: string;
  status: string;
  nomineeKind: string;
  nomineeName: string;
  unitName: string;
  deedCategory: string;
  deedDate: string;
  description: string;
  nominatorPhone: string | null;
  evidenceCount: number;
  submittedAt: Date;
}

/** The receipt after submitting. */
export function submittedMessage(code: string): OutMessage {
  return say(t('submitted', { code: raw(code), status: t('status-received') }));
}

export const MY_LIST_PAGE_SIZE = 8;

/** "Đề xuất của tôi": one button per nomination, newest first, paged. */
export function myNominationsMessage(items: NominationView[], page: number, total: number): OutMessage {
  if (total === 0) return { parts: [t('my-empty')], choices: { step: 'my', rows: [[{ value: 'new', label: t('menu-nominate') }]] } };
  const pages = Math.ceil(total / MY_LIST_PAGE_SIZE);
  const lines: Text[] = items.map((item) =>
    t('my-line', { code: raw(item.code), name: raw(item.nomineeName), status: t(`status-${item.status}`), date: formatDate(isoDay(item.submittedAt)) }),
  );
  const buttons: Choice[][] = items.map((item) => [{ value: `v${item.id}`, label: raw(`${item.code} · ${shorten(item.nomineeName, 24)}`) }]);
  const navigation: Choice[] = [];
  if (page > 0) navigation.push({ value: `p${page - 1}`, label: t('btn-prev-page') });
  if (page < pages - 1) navigation.push({ value: `p${page + 1}`, label: t('btn-next-page') });
  if (navigation.length) buttons.push(navigation);
  return { parts: [t('my-title', { total, page: page + 1, pages }), ...lines], choices: { step: 'my', rows: buttons } };
}

/** One nomination in detail, with "withdraw" while it is still new. */
export function nominationDetailMessage(item: NominationView): OutMessage {
  const parts: Text[] = [
    t('detail', {
      code: raw(item.code),
      status: t(`status-${item.status}`),
      submitted: formatDateTime(item.submittedAt),
      kind: t(`kind-${item.nomineeKind}`),
      name: raw(item.nomineeName),
      unit: raw(item.unitName),
      category: t(`category-${item.deedCategory}`),
      date: formatDate(item.deedDate),
      evidence: item.evidenceCount,
      phone: item.nominatorPhone ? displayPhone(item.nominatorPhone) : '—',
    }),
    raw(item.description),
  ];
  const buttons: Choice[][] = [];
  if (canWithdraw(item.status)) buttons.push([{ value: `w${item.id}`, label: t('btn-withdraw') }]);
  buttons.push([{ value: 'p0', label: t('btn-back-to-list') }]);
  return { parts, choices: { step: 'my', rows: buttons } };
}

/** "Really withdraw NTV-…?" */
export function withdrawConfirmMessage(item: Pick<NominationView, 'id' | 'code'>): OutMessage {
  return {
    parts: [t('withdraw-confirm', { code: raw(item.code) })],
    choices: { step: 'my', rows: [[{ value: `x${item.id}`, label: t('btn-withdraw-yes') }, { value: `v${item.id}`, label: t('btn-withdraw-no') }]] },
  };
}

function isoDay(instant: Date): string {
  return new Date(instant.getTime() + 7 * 3600 * 1000).toISOString().slice(0, 10);
}

function shorten(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
