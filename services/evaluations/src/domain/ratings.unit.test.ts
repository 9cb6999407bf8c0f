import { validateEvent } from '@ledger/events';
import { describe, expect, it } from 'vitest';
import type { GiveRating, RatingState } from './ratings.ts';
import { decideGiveRating, evolveRating, initialRatingState, ratingDecider } from './ratings.ts';

const now = '2026-05-10T12:00:00+08:00';
const rate = (overrides: Partial<GiveRating> = {}): GiveRating => ({
  transactionId: 'tx-1',
  departmentId: 'dept-permits',
  personId: 'person-li',
  platform: 'service-center',
  level: 4,
  ratedAt: '2026-05-10T11:30:00+08:00',
  now,
  departmentIsRegistered: true,
  personIsRegistered: true,
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
    expect(decideGiveRating(rate({ personIsRegistered: false }), initialRatingState)).toEqual({
      ok: false,
      error: expect.objectContaining({ kind: 'rule', code: 'unknown-person', field: 'personId' }),
    });
  });

  it('is a decider the command runner can use', () => {
    expect(ratingDecider.decide(rate(), ratingDecider.initialState).ok).toBe(true);
  });
});
