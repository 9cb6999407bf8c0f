import { describe, expect, it } from 'vitest';
import { diffDocuments } from './document-diff.ts';

describe('differences between a live and a replayed document', () => {
  it('finds none between equal documents, whatever their key order', () => {
    const live = { id: 'c1', status: 'closed', state: { finding: { outcome: 'valid', departments: ['a', 'b'] } } };
    const replayed = { state: { finding: { departments: ['a', 'b'], outcome: 'valid' } }, status: 'closed', id: 'c1' };
    expect(diffDocuments(live, replayed)).toEqual([]);
  });

  it('names every differing leaf by its path, nested and in arrays', () => {
    const live = { id: 'c1', status: 'closed', state: { finding: { outcome: 'valid' }, investigators: ['i1', 'i2'] } };
    const replayed = { id: 'c1', status: 'accepted', state: { finding: { outcome: 'invalid' }, investigators: ['i1', 'i3', 'i4'] } };
    expect(diffDocuments(live, replayed)).toEqual([
      { path: 'state.finding.outcome', live: 'valid', replayed: 'invalid' },
      { path: 'state.investigators[1]', live: 'i2', replayed: 'i3' },
      { path: 'state.investigators[2]', replayed: 'i4' },
      { path: 'status', live: 'closed', replayed: 'accepted' },
    ]);
  });

  it('tells a missing field from one holding null, and a changed type from an equal value', () => {
    expect(diffDocuments({ id: 'x', dueAt: null }, { id: 'x' })).toEqual([{ path: 'dueAt', live: null }]);
    expect(diffDocuments({ id: 'x' }, { id: 'x', personId: 'p' })).toEqual([{ path: 'personId', replayed: 'p' }]);
    expect(diffDocuments({ id: 'x', n: 1 }, { id: 'x', n: '1' })).toEqual([{ path: 'n', live: 1, replayed: '1' }]);
    expect(diffDocuments({ id: 'x', list: [] }, { id: 'x', list: {} })).toEqual([{ path: 'list', live: [], replayed: {} }]);
  });

  it('leaves out ignored fields, by top-level name or by full path, and nothing else', () => {
    const live = { id: 'x', _applied: { s: 1 }, meta: { updatedAt: 'a', by: 'u1' } };
    const replayed = { id: 'x', _applied: { s: 2 }, meta: { updatedAt: 'b', by: 'u2' } };
    expect(diffDocuments(live, replayed, new Set(['_applied', 'meta.updatedAt']))).toEqual([{ path: 'meta.by', live: 'u1', replayed: 'u2' }]);
  });
});
