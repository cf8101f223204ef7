/**
 * /xuat and /thongke: the council (all units) and unit heads (their own units only) get the list
 * as a file, and statistics with a chart. Choices are made with buttons: campaign, unit, statuses,
 * format.
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { localParts } from '../core/campaigns/calendar.js';
import { DEFAULT_EXPORT_STATUSES, type ExportFilter } from '../core/export/rows.js';
import { lines, raw, rows, say, t, type Choice, type OutMessage, type Text } from '../core/messages.js';
import type { NominationEnv } from '../core/nomination/form.js';
import { STATUSES } from '../core/nomination/vocabulary.js';
import type { Person, UserRepository } from '../core/ports.js';
import { headedUnitIds, isCouncil } from '../core/roles.js';
import type { Translator } from '../i18n/index.js';
import type { CampaignRepository } from '../infra/repositories/campaigns.js';
import type { ProposalRepository } from '../infra/repositories/proposals.js';
import type { ExportSourceRepository } from '../infra/export/source.js';
import { countRows, exportToFile } from '../infra/export/writers.js';
import type { Logger } from './logger.js';

export const EXPORT_STEP = 'xp';
/** Telegram refuses uploads over 50 MB. */
const UPLOAD_LIMIT = 50 * 1024 * 1024;

const STATUS_SETS: Record<string, readonly string[]> = {
  all: DEFAULT_EXPORT_STATUSES,
  proposed: ['proposed', 'at-council', 'forwarded', 'decided', 'awarded'],
  new: ['received', 'needs-info', 'verifying'],
};

export interface ExportFile {
  path: string;
  fileName: string;
  cleanup: () => Promise<void>;
}

export interface ExportReply {
  messages: OutMessage[];
  documents?: ExportFile[];
  photos?: { png: Buffer; caption: Text }[];
}

export interface ExportsDeps {
  source: ExportSourceRepository;
  campaigns: CampaignRepository;
  /** Units' proposal lists, counted in the statistics. */
  proposals: Pick<ProposalRepository, 'titleCounts'>;
  users: Pick<UserRepository, 'setPending'>;
  env: () => Promise<NominationEnv>;
  translator: Translator;
  evidencePath: (storageKey: string) => string;
  log: Logger;
}

export class Exports {
  constructor(private readonly deps: ExportsDeps) {}

  private async scope(person: Person): Promise<number[] | 'all' | null> {
    if (isCouncil(person.roles)) return 'all';
    const ids = headedUnitIds(person.roles, (await this.deps.env()).units);
    return ids.length ? ids : null;
  }

  /** /xuat: first question, the campaign. */
  async start(person: Person): Promise<ExportReply> {
    if (!(await this.scope(person))) return { messages: [say(t('rv-not-allowed'))] };
    await this.deps.users.setPending(person.id, { kind: 'export' });
    const campaigns = await this.deps.campaigns.list({});
    const buttons: Choice[] = campaigns.slice(0, 10).map((campaign) => ({ value: `c${campaign.id}`, label: raw(`${campaign.code} · ${campaign.name}`) }));
    return { messages: [{ parts: [t('export-ask-campaign')], choices: { step: EXPORT_STEP, rows: [...rows(buttons, 1), [{ value: 'c0', label: t('export-all-time') }], [{ value: 'x', label: t('btn-cancel') }]] } }] };
  }

  /** "xp|…": c<campaign>, u<unit>, s:<set>, f:<format>, x. */
  async press(person: Person, value: string, now: Date, progress?: (percent: number) => Promise<void>): Promise<ExportReply> {
    const scope = await this.scope(person);
    if (!scope) {
      this.deps.log.warn({ event: 'export.forbidden', userId: person.id });
      return { messages: [say(t('rv-not-allowed'))] };
    }
    const pending = person.pending?.kind === 'export' ? person.pending : null;
    if (value === 'x' || !pending) {
      if (pending) await this.deps.users.setPending(person.id, null);
      return { messages: [say(value === 'x' ? t('rv-cancelled') : t('xp-stale'))] };
    }
    const campaign = /^c(\d{1,9})$/.exec(value);
    if (campaign) {
      const next = { ...pending, campaignId: Number(campaign[1]) || null };
      await this.deps.users.setPending(person.id, next);
      if (scope !== 'all') return this.askStatuses(person, { ...next, unitId: null });
      return this.askUnit(0);
    }
    const page = /^p(\d{1,4})$/.exec(value);
    if (page) return this.askUnit(Number(page[1]));
    const unit = /^u(\d{1,9})$/.exec(value);
    if (unit) return this.askStatuses(person, { ...pending, unitId: Number(unit[1]) || null });
    const set = /^s:(all|proposed|new)$/.exec(value);
    if (set) {
      await this.deps.users.setPending(person.id, { ...pending, statuses: set[1] });
      const formats = ['xlsx', 'csv', 'zip'].map((format) => ({ value: `f:${format}`, label: t(`export-format-${format}`) }));
      return { messages: [{ parts: [t('export-ask-format')], choices: { step: EXPORT_STEP, rows: rows(formats, 1) } }] };
    }
    const format = /^f:(xlsx|csv|zip)$/.exec(value)?.[1] as 'xlsx' | 'csv' | 'zip' | undefined;
    if (format) {
      await this.deps.users.setPending(person.id, null);
      return this.produce(person, scope, pending, format, now, progress);
    }
    return { messages: [say(t('xp-stale'))] };
  }

  /** Wards a page at a time (Hanoi has 126; Telegram keyboards hold far fewer buttons). */
  private async askUnit(page: number): Promise<ExportReply> {
    const env = await this.deps.env();
    const all = env.units.children(null);
    const size = 20;
    const pages = Math.max(1, Math.ceil(all.length / size));
    const current = Math.min(page, pages - 1);
    const wards = all.slice(current * size, (current + 1) * size).map((unit) => ({ value: `u${unit.id}`, label: raw(unit.name) }));
    const navigation: Choice[] = [];
    if (current > 0) navigation.push({ value: `p${current - 1}`, label: t('btn-prev-page') });
    if (current < pages - 1) navigation.push({ value: `p${current + 1}`, label: t('btn-next-page') });
    return {
      messages: [{ parts: [t('export-ask-unit'), ...(pages > 1 ? [t('page-of', { page: current + 1, pages })] : [])], choices: { step: EXPORT_STEP, rows: [[{ value: 'u0', label: t('export-all-units') }], ...rows(wards, 2), ...(navigation.length ? [navigation] : []), [{ value: 'x', label: t('btn-cancel') }]] } }],
    };
  }

  private async askStatuses(person: Person, pending: NonNullable<Person['pending']> & { kind: 'export' }): Promise<ExportReply> {
    await this.deps.users.setPending(person.id, pending);
    const sets = Object.keys(STATUS_SETS).map((set) => ({ value: `s:${set}`, label: t(`export-statuses-${set}`) }));
    return { messages: [{ parts: [t('export-ask-statuses')], choices: { step: EXPORT_STEP, rows: rows(sets, 1) } }] };
  }

  private async filterFor(scope: number[] | 'all', pending: { campaignId?: number | null; unitId?: number | null; statuses?: string }): Promise<ExportFilter> {
    const env = await this.deps.env();
    let unitIds: number[] | null = scope === 'all' ? null : scope;
    if (pending.unitId) {
      const subtree: number[] = [];
      const visit = (id: number) => {
        subtree.push(id);
        for (const child of env.units.children(id)) visit(child.id);
      };
      visit(pending.unitId);
      // A head never gets more than their own units, whatever the buttons said.
      unitIds = scope === 'all' ? subtree : subtree.filter((id) => scope.includes(id));
    }
    return { campaignId: pending.campaignId ?? null, unitIds, statuses: [...(STATUS_SETS[pending.statuses ?? 'all'] ?? DEFAULT_EXPORT_STATUSES)] };
  }

  private async produce(person: Person, scope: number[] | 'all', pending: { campaignId?: number | null; unitId?: number | null; statuses?: string }, format: 'xlsx' | 'csv' | 'zip', now: Date, progress?: (percent: number) => Promise<void>): Promise<ExportReply> {
    const filter = await this.filterFor(scope, pending);
    const total = await countRows(this.deps.source, filter);
    if (total === 0) return { messages: [say(t('export-empty'))] };
    const campaign = filter.campaignId ? await this.deps.campaigns.byId(filter.campaignId) : null;
    const subject = campaign?.name ?? this.deps.translator.tr('vi', 'export-subject-all');
    const folder = await mkdtemp(path.join(os.tmpdir(), 'ntvt-xuat-'));
    const fileName = `danh-sach-${campaign?.code ?? 'de-xuat'}-${localParts(now).date}.${format}`;
    const file = path.join(folder, fileName);
    const cleanup = () => rm(folder, { recursive: true, force: true });
    try {
      let reported = -1;
      // Progress reports go out one after another, so the channel edits one message in place.
      let chain = Promise.resolve();
      await exportToFile(format, this.deps.source, filter, {
        translator: this.deps.translator,
        subject,
        now,
        evidencePath: this.deps.evidencePath,
        onProgress: (done, all) => {
          const percent = Math.floor(((done / all) * 100) / 20) * 20;
          if (percent > reported && percent < 100) {
            reported = percent;
            chain = chain.then(() => progress?.(percent)).catch(() => {});
          }
        },
      }, file);
      await chain;
      this.deps.log.info({ event: 'export.done', userId: person.id, rows: total, format });
      if ((await stat(file)).size > UPLOAD_LIMIT) {
        await cleanup();
        return { messages: [say(t('export-too-large'))] };
      }
      return { messages: [say(t('export-ready', { count: total }))], documents: [{ path: file, fileName, cleanup }] };
    } catch (error) {
      await cleanup();
      throw error;
    }
  }

  /** /thongke: counts by unit, status, category and campaign, reports, and a chart. */
  async statistics(person: Person, now: Date): Promise<ExportReply> {
    const scope = await this.scope(person);
    if (!scope) return { messages: [say(t('rv-not-allowed'))] };
    const env = await this.deps.env();
    const filter: ExportFilter = { unitIds: scope === 'all' ? null : scope, statuses: [...STATUSES] };
    const counts = await this.deps.source.countsByUnitAndStatus(filter);
    if (counts.length === 0) return { messages: [say(t('stats-empty'))] };
    const byStatus = new Map<string, number>();
    for (const count of counts) byStatus.set(count.status, (byStatus.get(count.status) ?? 0) + count.count);
    const byUnit = new Map<number, number>();
    for (const count of counts) byUnit.set(count.unitId, (byUnit.get(count.unitId) ?? 0) + count.count);
    const categories = await this.deps.source.countsByCategory(filter);
    const campaigns = await this.deps.campaigns.list({ status: 'open' });
    const parts: Text[] = [
      t('stats-title', { total: [...byStatus.values()].reduce((a, b) => a + b, 0), date: localParts(now).date.split('-').reverse().join('/') }),
      lines([t('stats-by-status'), ...STATUSES.filter((status) => byStatus.has(status)).map((status) => t('stats-line', { label: t(`status-${status}`), count: byStatus.get(status)! }))]),
      lines([t('stats-by-unit'), ...[...byUnit.entries()].sort((a, b) => b[1] - a[1]).slice(0, 15).map(([unitId, count]) => t('stats-line', { label: raw(env.units.fullName(unitId) ?? String(unitId)), count }))]),
      lines([t('stats-by-category'), ...categories.map((entry) => t('stats-line', { label: t(`category-${entry.category}`), count: entry.count }))]),
    ];
    for (const campaign of campaigns) {
      const units = await this.deps.campaigns.units(campaign.id);
      const visible = scope === 'all' ? units : units.filter((unit) => scope.includes(unit.unitId));
      const waiting = visible.filter((unit) => !unit.reportedAt).map((unit) => env.units.fullName(unit.unitId) ?? String(unit.unitId));
      const listed = await this.deps.proposals.titleCounts(campaign.id, scope === 'all' ? null : scope);
      const listLines = listed.lists > 0
        ? [t('stats-lists', { lists: listed.lists, late: listed.late, entries: listed.byTitle.reduce((sum, entry) => sum + entry.count, 0) }), ...listed.byTitle.map((entry) => t('stats-line', { label: t(`title-${entry.title}`), count: entry.count }))]
        : [];
      parts.push(lines([t('stats-campaign', { name: raw(campaign.name), reported: visible.length - waiting.length, units: visible.length }), ...(waiting.length ? [t('stats-not-reported', { units: raw(waiting.slice(0, 20).join(', ')) })] : []), ...listLines]));
    }
    const unitIds = [...byUnit.keys()].sort((a, b) => (byUnit.get(b) ?? 0) - (byUnit.get(a) ?? 0)).slice(0, 20);
    const shownStatuses = STATUSES.filter((status) => byStatus.has(status));
    // Loaded on first use: the charting libraries take about 80 MB that exports never need.
    const { renderStackedBarsPng } = await import('../infra/export/chart.js');
    const png = renderStackedBarsPng({
      title: this.deps.translator.tr(person.locale, 'stats-chart-title'),
      categories: unitIds.map((id) => env.units.fullName(id) ?? String(id)),
      series: shownStatuses.map((status) => ({ name: this.deps.translator.tr(person.locale, `status-${status}`), values: unitIds.map((id) => counts.find((count) => count.unitId === id && count.status === status)?.count ?? 0) })),
    });
    return { messages: [say(...parts)], photos: [{ png, caption: t('stats-chart-caption') }] };
  }
}
