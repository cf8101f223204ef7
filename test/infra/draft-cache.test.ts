/**
 * The copies of drafts a process keeps (decision 012): used only when the stamps read from the
 * database name exactly the row written, and bounded in memory.
 */
import { describe, expect, it } from 'vitest';
import { DraftCache, type CachedDraft } from '../../src/infra/repositories/draft-cache.js';

const copy = (id: string, version: string): CachedDraft => ({
  id,
  version,
  formVersion: 1,
  stepId: 'nomineeName',
  stateJson: '{"answers":{},"attachments":[],"ui":{}}',
  createdAt: new Date('2026-11-20T00:00:00Z'),
  updatedAt: new Date('2026-11-20T00:00:00Z'),
});

describe('DraftCache.current', () => {
  const cache = new DraftCache();
  cache.remember(1, 'nomination', copy('draft-a', '700'));
  it.each([
    ['stamps not known (not through the door)', undefined, false],
    ['no draft in the database', {}, false],
    ['the row written here', { nomination: { id: 'draft-a', version: '700' } }, true],
    ['the row written again elsewhere', { nomination: { id: 'draft-a', version: '701' } }, false],
    ['another draft under the same form', { nomination: { id: 'draft-b', version: '700' } }, false],
    ['only a draft of another form', { 'proposal-entry': { id: 'draft-a', version: '700' } }, false],
  ])('%s → copy used: %s', (_label, known, used) => {
    expect(cache.current(1, 'nomination', known) !== undefined).toBe(used);
  });

  it('never answers for another person', () => {
    expect(cache.current(2, 'nomination', { nomination: { id: 'draft-a', version: '700' } })).toBeUndefined();
  });
});

describe('DraftCache bounds and forgetting', () => {
  const stamp = { nomination: { id: 'd', version: '1' } };

  it('keeps at most the given number of people, the least recently used going first', () => {
    const cache = new DraftCache(2);
    cache.remember(1, 'nomination', copy('d', '1'));
    cache.remember(2, 'nomination', copy('d', '1'));
    expect(cache.current(1, 'nomination', stamp)).toBeDefined(); // 1 used again: 2 is now the oldest
    cache.remember(3, 'nomination', copy('d', '1'));
    expect(cache.size).toBe(2);
    expect(cache.current(2, 'nomination', stamp)).toBeUndefined();
    expect(cache.current(1, 'nomination', stamp)).toBeDefined();
    expect(cache.current(3, 'nomination', stamp)).toBeDefined();
  });

  it('forgets one form, all forms of a person, or everything', () => {
    const cache = new DraftCache();
    const both = { ...stamp, entry: { id: 'e', version: '1' } };
    cache.remember(1, 'nomination', copy('d', '1'));
    cache.remember(1, 'entry', copy('e', '1'));
    cache.remember(2, 'nomination', copy('d', '1'));
    cache.forget(1, 'nomination');
    expect(cache.current(1, 'nomination', both)).toBeUndefined();
    expect(cache.current(1, 'entry', both)).toBeDefined();
    cache.forget(1);
    expect(cache.current(1, 'entry', both)).toBeUndefined();
    expect(cache.current(2, 'nomination', stamp)).toBeDefined();
    cache.clear();
    expect(cache.size).toBe(0);
  });
});
