/**
 * Long polling for development: getUpdates returns one update per call (HTTP 408 when none came
 * within the wait). Each update is handed on (to the inbound queue) before the next is asked for.
 * Errors back off and the loop goes on; stop() ends it after the current call.
 */
import { errorFields, type Logger } from '../../app/logger.js';
import { pause } from '../../infra/transient.js';
import { ZaloApiError, type ZaloApi, type ZaloUpdate } from './api.js';

export interface ZaloPolling {
  stop(): Promise<void>;
}

export function startZaloPolling(api: ZaloApi, handle: (update: ZaloUpdate) => Promise<void>, log: Logger, options: { waitSeconds?: number; maxBackoffMs?: number } = {}): ZaloPolling {
  let running = true;
  let backoff = 0;
  // Stopping ends the long poll at once instead of waiting up to its 30 s.
  const stopping = new AbortController();
  const loop = (async () => {
    while (running) {
      try {
        const update = await api.getUpdates(options.waitSeconds ?? 30, stopping.signal);
        backoff = 0;
        // Zalo does not send an update twice: it is kept until the queue has it (the database may be restarting).
        for (let attempt = 0; update && running; attempt++) {
          try {
            await handle(update);
            break;
          } catch (error) {
            log.warn({ event: 'zalo.enqueue_failed', ...errorFields(error) });
            await pause(Math.min(1_000 * 2 ** attempt, options.maxBackoffMs ?? 30_000), stopping.signal);
          }
        }
      } catch (error) {
        if (!running) break;
        if (error instanceof ZaloApiError && error.errorCode === 401) log.error({ event: 'zalo.unauthorized' });
        backoff = Math.min(backoff ? backoff * 2 : 1_000, options.maxBackoffMs ?? 30_000);
        log.warn({ event: 'zalo.polling_failed', backoffMs: backoff, ...errorFields(error) });
        await pause(backoff, stopping.signal);
      }
    }
  })();
  return {
    async stop() {
      running = false;
      stopping.abort();
      await loop;
    },
  };
}
