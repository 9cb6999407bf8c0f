import type { AdjustmentData } from '@ledger/events';
import type { LevelCounts } from '@ledger/rating-statistics';

/** Counts by level from a sparse `{ level: count }`. */
export const levels = (byLevel: Partial<Record<1 | 2 | 3 | 4 | 5, number>>): LevelCounts => ({
  '1': byLevel[1] ?? 0,
  '2': byLevel[2] ?? 0,
  '3': byLevel[3] ?? 0,
  '4': byLevel[4] ?? 0,
  '5': byLevel[5] ?? 0,
});

export function adjustment(adjustmentId: string, kind: 'bonus' | 'deduction' | 'veto', points?: number, departmentId = 'dept-a'): AdjustmentData {
  const base = { adjustmentId, departmentId, year: 2026, reason: `${kind} ${adjustmentId}`, at: '2026-10-01T00:00:00Z' };
  if (kind === 'veto') return { ...base, kind, source: 'leading-group' };
  if (kind === 'bonus') return { ...base, kind, source: 'leading-group', points: points! };
  return { ...base, kind, source: 'inspection', points: points! };
}
