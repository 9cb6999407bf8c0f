import { describe, expect, it } from 'vitest';
import { asOfInstant, dayjs, formatInstant, localYearOf } from './time.ts';

describe("the ledger's local time on screen", () => {
  it('reads a picked wall-clock time in the ledger zone and asks for the end of that second', () => {
    const picked = dayjs('2026-03-01T23:59:59');
    expect(asOfInstant(picked, dayjs('2026-06-01T00:00:00Z'))).toBe('2026-03-01T23:59:59.999+08:00');
  });

  it('asks for now when the picked time has not passed yet', () => {
    const now = dayjs('2026-03-01T10:00:00.250Z');
    expect(asOfInstant(dayjs('2026-03-01T23:59:59'), now)).toBe('2026-03-01T18:00:00.250+08:00');
  });

  it('shows instants and years as they are in Shanghai, whatever the browser zone', () => {
    expect(localYearOf('2025-12-31T18:00:00Z')).toBe(2026);
    expect(formatInstant('2025-12-31T18:00:00Z', 'zh-CN')).toBe('2026/01/01 02:00');
    expect(formatInstant(undefined, 'zh-CN')).toBe('—');
  });
});
