import { describe, expect, it } from 'vitest';
import { decideErasure } from './erasure.ts';
import { evolve } from './state.ts';
import type { ComplaintEvent } from '@ledger/events';

const sealed = { complainantRef: 'ref-1', alg: 'A256GCM' as const, iv: 'AAAA', ciphertext: 'AAAA', tag: 'AAAA' };
const filed: ComplaintEvent = {
  type: 'ComplaintFiled',
  data: {
    complaintId: 'c1',
    trackingCodeDigest: 'hmac-sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
    channel: 'web',
    departmentId: 'd1',
    category: 'delay',
    summary: 's',
    receivedAt: '2026-01-01T00:00:00Z',
    complainant: sealed,
  },
};
const command = { type: 'EraseComplainantData' as const, complainantRef: 'ref-1', legalBasis: 'PIPL art. 47', now: '2026-02-01T00:00:00Z' };

describe('erasing a complainant’s personal data', () => {
  it('records the erasure once, without personal data', () => {
    const state = evolve(undefined, filed);
    const decision = decideErasure(command, state);
    expect(decision).toEqual({
      ok: true,
      events: [{ type: 'ComplainantDataErased', data: { complainantRef: 'ref-1', legalBasis: 'PIPL art. 47', at: '2026-02-01T00:00:00Z' } }],
    });
    const erased = evolve(state, decision.ok ? decision.events[0]! : filed);
    expect(erased?.complainantErased).toBe(true);
    expect(decideErasure(command, erased)).toEqual({ ok: true, events: [] });
  });

  it('refuses a reference the complaint does not hold', () => {
    expect(decideErasure({ ...command, complainantRef: 'other' }, evolve(undefined, filed))).toMatchObject({ ok: false, error: { kind: 'not-found' } });
    expect(decideErasure(command, undefined)).toMatchObject({ ok: false, error: { kind: 'not-found' } });
  });
});
