/**
 * Emulation titles and forms of commendation a unit may propose (danh hiệu thi đua, hình thức
 * khen thưởng), who each is for, and the default list per campaign kind. The lists are data: a
 * campaign may carry its own, and the configuration may replace the defaults per kind.
 */
import type { CampaignKind } from '../campaigns/planner.js';
import { NOMINEE_KINDS, type NomineeKind } from '../nomination/vocabulary.js';

/** Who a proposal entry is for: the same kinds as a resident's nominee. */
export const ENTRY_KINDS = NOMINEE_KINDS;
export type EntryKind = NomineeKind;

/** Every title the bot knows; labels are `title-<id>` in the locales. */
export const TITLES = [
  'lao-dong-tien-tien',
  'chien-si-thi-dua-co-so',
  'tap-the-lao-dong-tien-tien',
  'tap-the-lao-dong-xuat-sac',
  'gia-dinh-van-hoa',
  'to-dan-pho-van-hoa',
  'giay-khen',
  'bang-khen',
  'nguoi-tot-viec-tot',
  'bieu-duong',
] as const;
export type Title = (typeof TITLES)[number];

/** Who may receive each title (Luật Thi đua, khen thưởng 2022: individual, collective and household titles). */
export const TITLE_SCOPE: Record<Title, readonly EntryKind[]> = {
  'lao-dong-tien-tien': ['individual'],
  'chien-si-thi-dua-co-so': ['individual'],
  'tap-the-lao-dong-tien-tien': ['collective'],
  'tap-the-lao-dong-xuat-sac': ['collective'],
  'gia-dinh-van-hoa': ['household'],
  'to-dan-pho-van-hoa': ['collective'],
  'giay-khen': ['individual', 'collective', 'household'],
  'bang-khen': ['individual', 'collective', 'household'],
  'nguoi-tot-viec-tot': ['individual', 'collective'],
  'bieu-duong': ['individual', 'collective', 'household'],
};

/** Yearly campaigns (thường xuyên, tổng kết) award the emulation titles. */
export const YEARLY_TITLES: readonly Title[] = [
  'lao-dong-tien-tien',
  'chien-si-thi-dua-co-so',
  'tap-the-lao-dong-tien-tien',
  'tap-the-lao-dong-xuat-sac',
  'gia-dinh-van-hoa',
  'to-dan-pho-van-hoa',
  'giay-khen',
  'bang-khen',
];

/** Thematic, ad-hoc and mid-term campaigns (chuyên đề, theo đợt, sơ kết) give forms of commendation. */
export const THEMATIC_TITLES: readonly Title[] = ['giay-khen', 'bang-khen', 'nguoi-tot-viec-tot'];

/** The configurable defaults: which list each campaign kind offers. */
export interface TitleDefaults {
  yearly: readonly string[];
  thematic: readonly string[];
}

export const DEFAULT_TITLE_DEFAULTS: TitleDefaults = { yearly: YEARLY_TITLES, thematic: THEMATIC_TITLES };

export const isTitle = (value: string): value is Title => (TITLES as readonly string[]).includes(value);

/** The titles a campaign awards: its own list when it has one, else the default of its kind. */
export function campaignTitles(campaign: { kind: string; titles: readonly string[] }, defaults: TitleDefaults = DEFAULT_TITLE_DEFAULTS): string[] {
  if (campaign.titles.length > 0) return campaign.titles.filter(isTitle);
  const yearly: readonly string[] = ['regular', 'year-end'] satisfies CampaignKind[];
  return [...(yearly.includes(campaign.kind) ? defaults.yearly : defaults.thematic)];
}

/** The titles of `list` open to `kind`, in the list's order. */
export function titlesFor(kind: EntryKind, list: readonly string[]): string[] {
  return list.filter((title) => isTitle(title) && TITLE_SCOPE[title].includes(kind));
}

/** The title a resident's nomination brings when a head proposed it with a form of commendation. */
export function titleOfAwardForm(awardForm: string | null): string | null {
  return awardForm && isTitle(awardForm) ? awardForm : null;
}
