/**
 * Counters for an operator's monitoring (GET /metrics, Prometheus text format). Every event the
 * code logs is counted by name and level, whatever the log level, so "updates given up",
 * "messages that failed" or "nominations submitted" can be graphed and alerted on without a log
 * pipeline; handling times go into a histogram. Names only: no ids, no personal data.
 */
import type { Logger } from './logger.js';

/** Upper bounds of the handling-time histogram, in seconds. */
export const HANDLING_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const;

/** Distinct (event, level) pairs kept; beyond that new ones are counted under "other". */
const MAX_SERIES = 500;

type Level = 'debug' | 'info' | 'warn' | 'error';

interface Histogram {
  counts: number[];
  sum: number;
  count: number;
}

/** A gauge read at scrape time. */
export interface Gauge {
  name: string;
  help: string;
  value: number;
}

export class Metrics {
  private readonly events = new Map<string, { event: string; level: Level; count: number }>();
  private readonly handling: Histogram = { counts: HANDLING_BUCKETS.map(() => 0), sum: 0, count: 0 };

  /** One logged event. */
  count(event: string, level: Level): void {
    let key = `${level} ${event}`;
    if (!this.events.has(key) && this.events.size >= MAX_SERIES) key = `${level} other`;
    const series = this.events.get(key);
    if (series) series.count += 1;
    else this.events.set(key, { event: key.slice(level.length + 1), level, count: 1 });
  }

  /** How long one update took to handle, from its claim to its outcome. */
  observeHandling(seconds: number): void {
    const histogram = this.handling;
    HANDLING_BUCKETS.forEach((bound, index) => {
      if (seconds <= bound) histogram.counts[index]! += 1;
    });
    histogram.sum += seconds;
    histogram.count += 1;
  }

  /** The exposition (text format 0.0.4): counters, the histogram, then the gauges given. */
  render(gauges: readonly Gauge[] = []): string {
    const lines: string[] = [
      '# HELP ntvt_events_total Events logged by this instance, by event name and level (counted at every log level).',
      '# TYPE ntvt_events_total counter',
    ];
    const series = [...this.events.values()].sort((a, b) => a.event.localeCompare(b.event) || a.level.localeCompare(b.level));
    for (const { event, level, count } of series) lines.push(`ntvt_events_total{event="${labelValue(event)}",level="${level}"} ${count}`);

    lines.push('# HELP ntvt_update_handling_seconds Time from claiming an update to its outcome (handled, retried or given up).');
    lines.push('# TYPE ntvt_update_handling_seconds histogram');
    HANDLING_BUCKETS.forEach((bound, index) => lines.push(`ntvt_update_handling_seconds_bucket{le="${bound}"} ${this.handling.counts[index]}`));
    lines.push(`ntvt_update_handling_seconds_bucket{le="+Inf"} ${this.handling.count}`);
    lines.push(`ntvt_update_handling_seconds_sum ${round(this.handling.sum)}`);
    lines.push(`ntvt_update_handling_seconds_count ${this.handling.count}`);

    for (const gauge of gauges) {
      lines.push(`# HELP ${gauge.name} ${gauge.help}`, `# TYPE ${gauge.name} gauge`, `${gauge.name} ${Number.isFinite(gauge.value) ? round(gauge.value) : 'NaN'}`);
    }
    return `${lines.join('\n')}\n`;
  }
}

/** A label value as the text format wants it: backslash, double quote and line feed escaped. */
function labelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

const round = (value: number) => Math.round(value * 1e6) / 1e6;

/** The same logger, counting each event it is given (fields.event) into `metrics` first. */
export function countingLogger<L extends Logger>(log: L, metrics: Metrics): L {
  const counted = (level: Level) => (fields: Record<string, unknown>, message?: string) => {
    if (typeof fields.event === 'string') metrics.count(fields.event, level);
    log[level](fields, message);
  };
  return { ...log, debug: counted('debug'), info: counted('info'), warn: counted('warn'), error: counted('error') };
}
