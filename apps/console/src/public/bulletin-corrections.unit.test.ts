import { describe, expect, it } from 'vitest';
import { type Bulletin, withCorrections } from './bulletin-corrections.ts';

const bulletin = (bulletinId: string, extra: Partial<Bulletin> & { correctedBy?: unknown } = {}): Bulletin => ({
  bulletinId,
  kind: 'notice',
  title: bulletinId,
  body: '…',
  subjects: [],
  publishedAt: '2026-02-03T09:00:00+08:00',
  ...extra,
});

describe('corrected bulletins', () => {
  it('marks a bulletin corrected by every later bulletin that names it in `corrects`', () => {
    const shown = withCorrections([bulletin('a'), bulletin('b', { corrects: 'a' }), bulletin('c', { corrects: 'a' }), bulletin('d')]);
    expect(shown.map(({ bulletinId, correctedBy }) => [bulletinId, correctedBy])).toEqual([
      ['a', ['b', 'c']],
      ['b', []],
      ['c', []],
      ['d', []],
    ]);
  });

  it("takes the ledger's own `correctedBy` too, even when the correction is not on the page", () => {
    const shown = withCorrections([bulletin('a', { correctedBy: ['z'] }), bulletin('b', { correctedBy: ['y'] }), bulletin('c', { corrects: 'b' })]);
    expect(shown.map(({ correctedBy }) => correctedBy)).toEqual([['z'], ['y', 'c'], []]);
  });
});
