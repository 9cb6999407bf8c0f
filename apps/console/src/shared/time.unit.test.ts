import { describe, expect, it } from 'vitest';
import { asOfInstant, dayjs, formatDueDay, formatInstant, localYearOf } from './time.ts';

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

  it("shows a deadline as the local day it falls due on: the day whose end it is, not the next day's first instant", () => {
    // 15 days from 3 March: due at the end of 18 March, recorded as 19 March 00:00 in Shanghai.
    expect(formatDueDay('2026-03-19T00:00:00+08:00', 'zh-CN')).toBe('2026/03/18');
    expect(formatDueDay('2026-03-18T16:00:00Z', 'zh-CN')).toBe('2026/03/18');
    // A deadline given by hand as the end of a picked day stays on that day.
    expect(formatDueDay('2026-03-18T23:59:59+08:00', 'zh-CN')).toBe('2026/03/18');
    expect(formatDueDay(undefined, 'zh-CN')).toBe('—');
  });
});
