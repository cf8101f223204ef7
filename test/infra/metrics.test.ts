/**
 * The counters behind GET /metrics: every logged event counted by name and level (also when the
 * level is not written), handling times in a cumulative histogram, and a valid text exposition.
 */
import { describe, expect, it } from 'vitest';
import type { Logger } from '../../src/app/logger.js';
import { countingLogger, HANDLING_BUCKETS, Metrics } from '../../src/app/metrics.js';

describe('countingLogger', () => {
  it('counts each event by level, passes every call on unchanged, and ignores calls without an event', () => {
    const metrics = new Metrics();
    const written: [string, Record<string, unknown>][] = [];
    const base: Logger = {
      debug: (fields) => written.push(['debug', fields]),
      info: (fields) => written.push(['info', fields]),
      warn: (fields) => written.push(['warn', fields]),
      error: (fields) => written.push(['error', fields]),
    };
    const log = countingLogger(base, metrics);
    log.info({ event: 'nomination.submitted', nominationId: 7 });
    log.info({ event: 'nomination.submitted', nominationId: 8 });
    log.warn({ event: 'outbox.retry' });
    log.debug({ event: 'update.handled' });
    log.error({ message: 'no event' });
    expect(written).toEqual([
      ['info', { event: 'nomination.submitted', nominationId: 7 }],
      ['info', { event: 'nomination.submitted', nominationId: 8 }],
      ['warn', { event: 'outbox.retry' }],
      ['debug', { event: 'update.handled' }],
      ['error', { message: 'no event' }],
    ]);
    const text = metrics.render();
    expect(text).toContain('ntvt_events_total{event="nomination.submitted",level="info"} 2');
    expect(text).toContain('ntvt_events_total{event="outbox.retry",level="warn"} 1');
    expect(text).toContain('ntvt_events_total{event="update.handled",level="debug"} 1');
    expect(text).not.toContain('no event');
  });
});

describe('Metrics.render', () => {
  it('is the Prometheus text format: HELP and TYPE before each family, one sample per line, a final newline', () => {
    const metrics = new Metrics();
    metrics.count('update.dead', 'error');
    const text = metrics.render([{ name: 'ntvt_queue_pending', help: 'Updates waiting.', value: 12 }]);
    expect(text.endsWith('\n')).toBe(true);
    const lines = text.trimEnd().split('\n');
    for (const line of lines) expect(line).toMatch(/^(# (HELP|TYPE) [a-z_]+ .+|[a-z_]+(\{[^}]*\})? (-?[\d.e+-]+|NaN|\+Inf))$/);
    const families = lines.filter((line) => line.startsWith('# TYPE')).map((line) => line.split(' ').slice(2).join(' '));
    expect(families).toEqual(['ntvt_events_total counter', 'ntvt_update_handling_seconds histogram', 'ntvt_queue_pending gauge']);
    expect(lines).toContain('ntvt_queue_pending 12');
  });

  it.each([
    ['a quote', 'a"b', 'a\\"b'],
    ['a backslash', 'a\\b', 'a\\\\b'],
    ['a line feed', 'a\nb', 'a\\nb'],
  ])('escapes %s in an event name', (_label, event, escaped) => {
    const metrics = new Metrics();
    metrics.count(event, 'info');
    expect(metrics.render()).toContain(`ntvt_events_total{event="${escaped}",level="info"} 1`);
  });

  it('keeps the handling histogram cumulative, with sum and count', () => {
    const metrics = new Metrics();
    for (const seconds of [0.003, 0.02, 0.02, 0.4, 30]) metrics.observeHandling(seconds);
    const text = metrics.render();
    const bucket = (le: string) => Number(new RegExp(`^ntvt_update_handling_seconds_bucket\\{le="${le.replace('+', '\\+')}"\\} (\\d+)$`, 'm').exec(text)?.[1]);
    expect(bucket('0.005')).toBe(1);
    expect(bucket('0.025')).toBe(3);
    expect(bucket('0.5')).toBe(4);
    expect(bucket('10')).toBe(4);
    expect(bucket('+Inf')).toBe(5);
    expect(text).toMatch(/^ntvt_update_handling_seconds_count 5$/m);
    expect(text).toMatch(/^ntvt_update_handling_seconds_sum 30\.443$/m);
    expect(HANDLING_BUCKETS.length).toBe(text.match(/_bucket\{le="[\d.]+"\}/g)!.length);
  });

  it('bounds the number of series: new events beyond the cap are counted as "other"', () => {
    const metrics = new Metrics();
    for (let index = 0; index < 600; index++) metrics.count(`event.${index}`, 'info');
    metrics.count('event.late', 'info');
    const text = metrics.render();
    expect(text.match(/^ntvt_events_total\{/gm)!.length).toBe(501);
    expect(text).toContain('ntvt_events_total{event="other",level="info"} 101');
  });
});
