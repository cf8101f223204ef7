/**
 * GET /healthz for a load balancer or a monitor: 200 when this instance can serve (the database
 * answers, the scheduler ticks), 503 otherwise, or while it is shutting down (so the balancer stops
 * sending it requests). The body says which part failed; it holds no personal data.
 * GET /metrics (below) gives Prometheus the same instance's counters and gauges.
 */
import type { Gauge, Metrics } from '../app/metrics.js';
import { sendJson, type Route } from './http-server.js';

export interface HealthDeps {
  /** Resolves when the database answers a trivial query. */
  ping(): Promise<unknown>;
  /** The last time the reminder scheduler ticked, if it has. */
  lastTick(): Date | undefined;
  /** Updates waiting in the inbound queue, and the oldest one's age. */
  queueDepth(): Promise<{ pending: number; oldestSeconds: number }>;
  stopping(): boolean;
  /** This instance's worker: when it last read the queue, and how many updates it is handling. */
  worker?: () => { lastClaimAt: Date | undefined; busy: number };
  startedAt: Date;
  maxTickAgeMs: number;
  instance: string;
  now?: () => Date;
}

const PING_TIMEOUT_MS = 2_000;

function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([promise, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('timed out')), ms)))]).finally(() => clearTimeout(timer));
}

/** The health report; `ok` decides between 200 and 503. */
export async function checkHealth(deps: HealthDeps): Promise<{ ok: boolean; body: Record<string, unknown> }> {
  const now = deps.now?.() ?? new Date();
  const database = await within(deps.ping(), PING_TIMEOUT_MS).then(() => 'ok', () => 'unreachable');
  const queue = database === 'ok' ? await within(deps.queueDepth(), PING_TIMEOUT_MS).catch(() => undefined) : undefined;
  const tick = deps.lastTick();
  // Before its first tick, the scheduler is given the same allowance from the start.
  const tickAgeMs = now.getTime() - (tick ?? deps.startedAt).getTime();
  const scheduler = tickAgeMs <= deps.maxTickAgeMs ? 'ok' : 'stale';
  const stopping = deps.stopping();
  const worker = deps.worker?.();
  const ok = database === 'ok' && scheduler === 'ok' && !stopping;
  return {
    ok,
    body: {
      status: ok ? 'ok' : stopping ? 'stopping' : 'fail',
      instance: deps.instance,
      database,
      scheduler: { status: scheduler, lastTickAt: tick?.toISOString() ?? null, ageSeconds: Math.round(tickAgeMs / 1000) },
      queue: queue ?? null,
      ...(worker ? { worker: { lastClaimAt: worker.lastClaimAt?.toISOString() ?? null, busy: worker.busy } } : {}),
      uptimeSeconds: Math.round((now.getTime() - deps.startedAt.getTime()) / 1000),
    },
  };
}

export function healthRoute(deps: HealthDeps): Route {
  return {
    method: 'GET',
    path: '/healthz',
    async handle(_request, response) {
      const { ok, body } = await checkHealth(deps);
      sendJson(response, ok ? 200 : 503, body);
    },
  };
}

/** What /metrics reads besides its counters: the same as /healthz. */
export type MetricsDeps = Pick<HealthDeps, 'queueDepth' | 'worker' | 'startedAt' | 'now'> & { metrics: Metrics };

/**
 * GET /metrics in Prometheus' text format: this instance's event counters and handling times, and
 * gauges read now (the queue, shared by all instances; this worker's load; memory). Counts and
 * names only, no personal data.
 */
export function metricsRoute(deps: MetricsDeps): Route {
  return {
    method: 'GET',
    path: '/metrics',
    async handle(_request, response) {
      const now = deps.now?.() ?? new Date();
      const queue = await within(deps.queueDepth(), PING_TIMEOUT_MS).catch(() => undefined);
      const memory = process.memoryUsage();
      const gauges: Gauge[] = [
        { name: 'ntvt_database_up', help: 'Whether the database answered the queue query of this scrape (1) or not (0).', value: queue ? 1 : 0 },
        ...(queue
          ? [
              { name: 'ntvt_queue_pending', help: 'Updates waiting in the inbound queue (all instances).', value: queue.pending },
              { name: 'ntvt_queue_oldest_seconds', help: 'Age of the oldest update in the inbound queue.', value: queue.oldestSeconds },
            ]
          : []),
        ...(deps.worker ? [{ name: 'ntvt_worker_busy', help: 'Updates this instance is handling now.', value: deps.worker().busy }] : []),
        { name: 'process_resident_memory_bytes', help: 'Resident memory of this process.', value: memory.rss },
        { name: 'nodejs_heap_used_bytes', help: 'V8 heap in use.', value: memory.heapUsed },
        { name: 'process_uptime_seconds', help: 'Seconds since this instance started.', value: Math.round((now.getTime() - deps.startedAt.getTime()) / 1000) },
      ];
      response.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8', 'cache-control': 'no-store' }).end(deps.metrics.render(gauges));
    },
  };
}
