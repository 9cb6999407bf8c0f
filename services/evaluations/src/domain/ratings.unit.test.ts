import { calendarIn } from '@ledger/calendar';
import { validateEvent } from '@ledger/events';
import { describe, expect, it } from 'vitest';
import type { GiveRating, RatingState } from './ratings.ts';
import { decideGiveRating, evolveRating, initialRatingState, ratingDecider } from './ratings.ts';

const now = '2026-05-10T12:00:00+08:00';
const calendar = calendarIn('Asia/Shanghai');
/** Li was at the permits office from 2025 and moved to the tax office on 1 June 2026. */
const li = {
  personId: 'person-li',
  departmentHistory: [
    { departmentId: 'dept-permits', from: '2025-01-01T00:00:00+08:00' },
    { departmentId: 'dept-tax', from: '2026-06-01T00:00:00+08:00' },
  ],
};
const rate = (overrides: Partial<GiveRating> = {}): GiveRating => ({
  transactionId: 'tx-1',
  departmentId: 'dept-permits',
  personId: 'person-li',
  platform: 'service-center',
  level: 4,
  ratedAt: '2026-05-10T11:30:00+08:00',
  now,
  departmentIsRegistered: true,
  person: li,
  calendar,
  ...overrides,
});

function given(...commands: GiveRating[]): RatingState {
  let state = initialRatingState;
  for (const command of commands) {
    const decision = decideGiveRating(command, state);
    if (!decision.ok) throw new Error(decision.error.message);
    state = decision.events.reduce(evolveRating, state);
  }
  return state;
}

describe('rating one transaction', () => {
  it('records the rating with every field, valid against the catalogue', () => {
    const decision = decideGiveRating(rate(), initialRatingState);
    expect(decision).toEqual({
      ok: true,
      events: [
        {
          type: 'RatingGiven',
          data: {
            transactionId: 'tx-1',
            departmentId: 'dept-permits',
            personId: 'person-li',
            platform: 'service-center',
            level: 4,
            ratedAt: '2026-05-10T11:30:00+08:00',
            year: 2026,
            month: '2026-05',
          },
        },
      ],
    });
    if (decision.ok) expect(() => validateEvent('RatingGiven', 1, decision.events[0]!.data)).not.toThrow();
  });

  it('takes a rating without a person, and on the qr-code platform', () => {
    const { personId: _omitted, ...withoutPerson } = rate({ platform: 'qr-code' });
    const decision = decideGiveRating(withoutPerson, initialRatingState);
    expect(decision.ok && decision.events[0]!.data).toEqual({
      transactionId: 'tx-1',
      departmentId: 'dept-permits',
      platform: 'qr-code',
      level: 4,
      ratedAt: '2026-05-10T11:30:00+08:00',
      year: 2026,
      month: '2026-05',
    });
  });

  it.each([0, 6, 2.5, Number.NaN])('refuses level %s as a rule naming the field', (level) => {
    expect(decideGiveRating(rate({ level }), initialRatingState)).toEqual({
      ok: false,
      error: expect.objectContaining({ kind: 'rule', code: 'level-out-of-range', field: 'level' }),
    });
  });

  it('refuses a platform outside the seven (a complaint-only channel such as email)', () => {
    expect(decideGiveRating(rate({ platform: 'email' }), initialRatingState)).toEqual({
      ok: false,
      error: expect.objectContaining({ kind: 'rule', code: 'unknown-platform', field: 'platform' }),
    });
  });

  it('refuses a rating dated after now, and accepts one dated exactly now', () => {
    // 12:00:01 at +08:00 is one second after now.
    expect(decideGiveRating(rate({ ratedAt: '2026-05-10T12:00:01+08:00' }), initialRatingState)).toEqual({
      ok: false,
      error: expect.objectContaining({ kind: 'rule', code: 'future-business-time', field: 'ratedAt' }),
    });
    // 04:00Z is 12:00 at +08:00: the same instant as now.
    expect(decideGiveRating(rate({ ratedAt: '2026-05-10T04:00:00Z' }), initialRatingState).ok).toBe(true);
  });

  it('refuses a second rating of the same transaction as a conflict', () => {
    const state = given(rate());
    expect(decideGiveRating(rate({ level: 1, ratedAt: '2026-05-10T11:45:00+08:00' }), state)).toEqual({
      ok: false,
      error: expect.objectContaining({ kind: 'conflict', code: 'transaction-already-rated', field: 'transactionId' }),
    });
  });

  it('refuses an unregistered department or person as a rule (422), naming the field', () => {
    expect(decideGiveRating(rate({ departmentIsRegistered: false }), initialRatingState)).toEqual({
      ok: false,
      error: expect.objectContaining({ kind: 'rule', code: 'unknown-department', field: 'departmentId' }),
    });
    const { person: _person, ...withoutPerson } = rate();
    expect(decideGiveRating(withoutPerson, initialRatingState)).toEqual({
      ok: false,
      error: expect.objectContaining({ kind: 'rule', code: 'unknown-person', field: 'personId' }),
    });
  });

  it('refuses a person who was not in the rated department at ratedAt (SPEC 6), and takes one who was', () => {
    expect(decideGiveRating(rate({ ratedAt: '2026-05-31T23:59:59+08:00', now: '2026-06-02T00:00:00+08:00' }), initialRatingState).ok).toBe(true);
    expect(decideGiveRating(rate({ ratedAt: '2026-06-01T00:00:00+08:00', now: '2026-06-02T00:00:00+08:00' }), initialRatingState)).toEqual({
      ok: false,
      error: expect.objectContaining({ kind: 'rule', code: 'person-not-in-department', field: 'personId' }),
    });
    expect(decideGiveRating(rate({ departmentId: 'dept-tax', ratedAt: '2026-06-01T00:00:00+08:00', now: '2026-06-02T00:00:00+08:00' }), initialRatingState).ok).toBe(true);
  });

  it('counts in the local month: 00:30 on 1 June in Beijing is June, though UTC says May', () => {
    const decision = decideGiveRating(rate({ departmentId: 'dept-tax', ratedAt: '2026-06-01T00:30:00+08:00', now: '2026-06-02T00:00:00+08:00' }), initialRatingState);
    expect(decision.ok && decision.events[0]!.data).toMatchObject({ year: 2026, month: '2026-06' });
  });

  it('is a decider the command runner can use', () => {
    expect(ratingDecider.decide(rate(), ratingDecider.initialState).ok).toBe(true);
  });
});
