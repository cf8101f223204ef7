/**
 * The fixed vocabularies of a residents' nomination: nominee kinds, deed categories, the
 * nominator's relation, statuses. Ids are stored; labels live in locales/*.ftl.
 */

export const NOMINEE_KINDS = ['individual', 'collective', 'household'] as const;
export type NomineeKind = (typeof NOMINEE_KINDS)[number];

/**
 * Categories of good deeds from reported cases (domain.md); not an official list, so the config
 * (DEED_CATEGORIES) may reorder or narrow it. Each id has a label `category-<id>` in the locales.
 */
export const DEFAULT_DEED_CATEGORIES = [
  'lost-property',
  'rescue',
  'security',
  'land-donation',
  'charity',
  'helping-needy',
  'environment',
  'education',
  'community-initiative',
  'disaster-epidemic',
  'other',
] as const;

export const RELATIONS = ['family', 'neighbour', 'colleague', 'beneficiary', 'witness', 'organisation', 'other'] as const;
export type Relation = (typeof RELATIONS)[number];

/** Statuses a resident understands (domain.md), in pipeline order. Labels: `status-<id>`. */
export const STATUSES = [
  'received',
  'needs-info',
  'verifying',
  'at-council',
  'proposed',
  'forwarded',
  'rejected',
  'decided',
  'awarded',
  'withdrawn',
  'merged',
] as const;
export type NominationStatus = (typeof STATUSES)[number];

/** The status of a freshly submitted nomination ("Mới tiếp nhận"). */
export const INITIAL_STATUS: NominationStatus = 'received';

/** A resident may withdraw only before anyone has started on it. */
export function canWithdraw(status: string): boolean {
  return status === 'received';
}
