/**
 * Scheduled housekeeping: stale drafts are deleted after DRAFT_TTL_DAYS (data kept no longer than
 * its purpose needs), and the update-id log is trimmed. node-cron is only the tick.
 */
import { errorFields } from '../app/logger.js';
import cron from 'node-cron';
import type { Logger } from '../app/logger.js';
import type { DraftRepository } from '../core/ports.js';
import type { InboundQueue } from '../infra/repositories/inbound-queue.js';
import type { ProcessedUpdates } from '../infra/repositories/processed-updates.js';

const DAY_MS = 24 * 60 * 60 * 1000;

export async function runHousekeeping(deps: { drafts: DraftRepository; updates: ProcessedUpdates; queue?: Pick<InboundQueue, 'purgePacingOlderThan'>; log: Logger }, draftTtlDays: number, now = new Date()) {
  const drafts = await deps.drafts.purgeUntouchedSince(new Date(now.getTime() - draftTtlDays * DAY_MS));
  const updates = await deps.updates.purgeOlderThan(new Date(now.getTime() - 7 * DAY_MS));
  const pacing = (await deps.queue?.purgePacingOlderThan(new Date(now.getTime() - DAY_MS))) ?? 0;
  deps.log.info({ event: 'housekeeping.done', draftsPurged: drafts, updateIdsPurged: updates, floodBucketsPurged: pacing });
  return { drafts, updates };
}

/** Schedules housekeeping; returns a stop function. */
export function scheduleHousekeeping(expression: string, run: () => Promise<unknown>, log: Logger): () => void {
  const task = cron.schedule(
    expression,
    async () => {
      try {
        await run();
      } catch (error) {
        log.error({ event: 'housekeeping.failed', ...errorFields(error) });
      }
    },
    { timezone: 'Asia/Ho_Chi_Minh', noOverlap: true },
  );
  return () => void task.stop();
}
