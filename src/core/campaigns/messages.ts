/**
 * What a unit head receives before a deadline, what the council receives about late units, and
 * the campaign screens of the chat.
 */
import { lines, raw, say, t, type OutMessage, type Text } from '../messages.js';
import { formatDate } from '../text/date.js';
import type { DueReminder } from './planner.js';

/** Buttons of the campaign screens and reminders: "cp|<value>". */
export const CAMPAIGN_STEP = 'cp';

export interface CampaignView {
  id: number;
  code: string;
  name: string;
  kind: string;
  deadline: string;
}

/** A unit's nominations by status, as a reminder shows them. */
function progressText(progress: Record<string, number>): Text {
  const total = Object.values(progress).reduce((sum, count) => sum + count, 0);
  return t('reminder-progress', {
    total,
    received: progress.received ?? 0,
    verifying: (progress.verifying ?? 0) + (progress['needs-info'] ?? 0),
    proposed: (progress.proposed ?? 0) + (progress['at-council'] ?? 0) + (progress.decided ?? 0) + (progress.awarded ?? 0),
  });
}

/** The reminder to a unit head: campaign, deadline, days left (or late), progress, and one-tap report buttons. */
export function reminderMessage(campaign: CampaignView, unit: { id: number; name: string }, due: Pick<DueReminder, 'daysLeft' | 'late'>, deadline: string, progress: Record<string, number>): OutMessage {
  const when = due.late ? t('reminder-late', { days: -due.daysLeft }) : due.daysLeft === 0 ? t('reminder-today') : t('reminder-days-left', { days: due.daysLeft });
  return {
    parts: [
      t('reminder-title', { campaign: raw(campaign.name), unit: raw(unit.name), deadline: formatDate(deadline), when }),
      progressText(progress),
      t('reminder-how'),
    ],
    choices: {
      step: CAMPAIGN_STEP,
      rows: [
        // The list itself is submitted from its screen (/denghi); "Đã nộp hồ sơ" of older reminders still works.
        [{ value: `o:${campaign.id}:${unit.id}`, label: t('btn-report-open-list') }],
        [{ value: `n:${campaign.id}:${unit.id}`, label: t('btn-report-none') }],
        [{ value: 'h', label: t('menu-review') }],
      ],
    },
  };
}

/** The council's digest of units that have not reported. */
export function overdueDigestMessage(campaign: CampaignView, units: { name: string; deadline: string; progress: Record<string, number> }[]): OutMessage {
  return say(
    t('digest-title', { campaign: raw(campaign.name), deadline: formatDate(campaign.deadline), count: units.length }),
    lines(units.map((unit) => t('digest-line', { unit: raw(unit.name), deadline: formatDate(unit.deadline), total: Object.values(unit.progress).reduce((sum, count) => sum + count, 0), received: unit.progress.received ?? 0 }))),
  );
}

/** To the council: a head blocked the bot, so reminders cannot reach them. */
export function unreachableHeadMessage(unitName: string, campaignName: string | null): OutMessage {
  return say(t('unreachable-head', { unit: raw(unitName), campaign: campaignName ? raw(campaignName) : t('unreachable-no-campaign') }));
}

