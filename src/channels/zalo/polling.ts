/**
 * Long polling for development: getUpdates returns one update per call (HTTP 408 when none came
 * within the wait). Errors back off and the loop goes on; stop() ends it after the current call.
 */
import { errorFields, type Logger } from '../../app/logger.js';
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
        // Handled in the background: a slow reply to one chat never holds the others back.
        if (update) void handle(update);
      } catch (error) {
        if (!running) break;
        if (error instanceof ZaloApiError && error.errorCode === 401) log.error({ event: 'zalo.unauthorized' });
        backoff = Math.min(backoff ? backoff * 2 : 1_000, options.maxBackoffMs ?? 30_000);
        log.warn({ event: 'zalo.polling_failed', backoffMs: backoff, ...errorFields(error) });
        await new Promise((resolve) => {
          const timer = setTimeout(resolve, backoff);
          stopping.signal.addEventListener('abort', () => {
            clearTimeout(timer);
            resolve(undefined);
          });
        });
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
