import { validateEvent } from '@ledger/events';
import { describe, expect, it } from 'vitest';
import { type AdoptPolicy, decideAdoptPolicy, evolvePolicies, initialPolicyState, type PolicyState } from './adopt-policy.ts';
import { defaultSanctionPolicy, type SanctionPolicy } from './default-policy.ts';
import { policyInForce } from './policy-in-force.ts';
import { sanctionLadderSchema } from './schema.ts';

const ladder = {
  steps: [
    { step: 1, threshold: 2, consequences: ['admonition-talk'] },
    { step: 2, threshold: 3, consequences: ['incompetent-rating', 'mandatory-training'] },
    { step: 3, threshold: 4, consequences: ['removal-from-post'] },
    { step: 4, threshold: 6, consequences: ['heavier-sanction'] },
  ],
  dismissal: { threshold: 7, windowMonths: 36, consequences: ['dismissal'] },
} satisfies Pick<SanctionPolicy, 'steps' | 'dismissal'>;

const adopt: AdoptPolicy = {
  ...ladder,
  effectiveFrom: '2026-07-01T00:00:00.000Z',
  at: '2026-06-01T00:00:00.000Z',
  now: '2026-06-01T00:00:05.000Z',
};

const adopted = (state: PolicyState, command: AdoptPolicy): PolicyState => {
  const decision = decideAdoptPolicy(command, state);
  if (!decision.ok) throw new Error(decision.error.message);
  return decision.events.reduce(evolvePolicies, state);
};

describe('the default ladder', () => {
  it('is SPEC 4 table as version 1 and a valid ladder', () => {
    expect(defaultSanctionPolicy.version).toBe(1);
    expect(defaultSanctionPolicy.steps.map((step) => [step.threshold, step.consequences])).toEqual([
      [1, ['admonition-talk', 'no-excellent-rating']],
      [2, ['incompetent-rating', 'mandatory-training']],
      [3, ['incompetent-rating', 'removal-from-post', 'administrative-warning', 'mandatory-training']],
      [4, ['incompetent-rating', 'heavier-sanction']],
    ]);
    expect(defaultSanctionPolicy.dismissal).toEqual({ threshold: 5, windowMonths: 24, windowBounds: 'inclusive', consequences: ['dismissal'] });
    expect(sanctionLadderSchema.safeParse(defaultSanctionPolicy).success).toBe(true);
  });
});

const issuesOf = (input: unknown) => {
  const result = sanctionLadderSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => [issue.path.join('.'), issue.message]);
};
const withStep = (index: number, change: object) => ({
  ...ladder,
  steps: ladder.steps.map((step, at) => (at === index ? { ...step, ...change } : step)),
});

describe('the ladder schema', () => {
  it('names a threshold that does not increase', () => {
    expect(issuesOf(withStep(2, { threshold: 3 }))).toEqual([
      ['steps.2.threshold', 'thresholds must be strictly increasing: step 3 needs more than 3'],
    ]);
  });
  it('names steps out of order', () => {
    expect(issuesOf(withStep(0, { step: 2 }))).toContainEqual(['steps.0.step', 'steps must be listed in order 1-4: expected step 1']);
  });
  it('refuses unknown or repeated consequences and a missing step', () => {
    expect(issuesOf(withStep(1, { consequences: ['fine'] }))[0]?.[0]).toBe('steps.1.consequences.0');
    expect(issuesOf(withStep(1, { consequences: ['admonition-talk', 'admonition-talk'] }))[0]?.[0]).toBe('steps.1.consequences');
    expect(issuesOf({ ...ladder, steps: ladder.steps.slice(0, 3) })[0]?.[0]).toBe('steps');
  });
  it('requires the dismissal rule to dismiss', () => {
    expect(issuesOf({ ...ladder, dismissal: { ...ladder.dismissal, consequences: ['heavier-sanction'] } })).toEqual([
      ['dismissal.consequences', 'the dismissal rule must include the consequence "dismissal"'],
    ]);
  });
});

describe('adopting a policy', () => {
  it('gives the first adopted policy version 2, after the default', () => {
    const decision = decideAdoptPolicy(adopt, initialPolicyState);
    expect(decision).toEqual({
      ok: true,
      events: [{ type: 'SanctionPolicyAdopted', data: { version: 2, ...ladder, effectiveFrom: adopt.effectiveFrom, at: adopt.at } }],
    });
    if (decision.ok) validateEvent('SanctionPolicyAdopted', 1, decision.events[0]!.data);
  });

  it('numbers each next policy one higher and allows the same effectiveFrom as the previous', () => {
    const once = adopted(initialPolicyState, adopt);
    const twice = adopted(once, { ...adopt, at: '2026-06-02T00:00:00.000Z', now: '2026-06-02T00:00:00.000Z' });
    expect(twice.policies.map((policy) => [policy.version, policy.effectiveFrom])).toEqual([
      [2, '2026-07-01T00:00:00.000Z'],
      [3, '2026-07-01T00:00:00.000Z'],
    ]);
  });

  it.each([
    ['a ladder that breaks the rules', { steps: [...ladder.steps.slice(0, 3), { ...ladder.steps[3], threshold: 4 }] }, 'invalid-sanction-ladder', 'steps.3.threshold'],
    ['an effectiveFrom before the adoption', { effectiveFrom: '2026-05-31T23:59:59.000Z' }, 'retroactive-policy', 'effectiveFrom'],
    // Adopted in the past, yet recorded now: findings counted in between keep the policy they were counted under.
    ['an effectiveFrom after a backdated adoption but before it is recorded', { effectiveFrom: '2026-06-01T00:00:02.000Z' }, 'retroactive-policy', 'effectiveFrom'],
    ['an adoption time in the future', { at: '2026-06-01T00:01:00.000Z' }, 'future-business-time', 'at'],
    ['an effectiveFrom that is not an instant', { effectiveFrom: 'next week' }, 'invalid-sanction-ladder', 'effectiveFrom'],
  ] as const)('refuses %s, naming the field', (_name, change, code, field) => {
    expect(decideAdoptPolicy({ ...adopt, ...change } as AdoptPolicy, initialPolicyState)).toEqual({
      ok: false,
      error: expect.objectContaining({ kind: 'rule', code, field }),
    });
  });

  it('refuses an effectiveFrom before the previous policy took effect', () => {
    const once = adopted(initialPolicyState, adopt);
    const early = { ...adopt, effectiveFrom: '2026-06-15T00:00:00.000Z', at: '2026-06-10T00:00:00.000Z', now: '2026-06-10T00:00:00.000Z' };
    expect(decideAdoptPolicy(early, once)).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'effective-before-previous-policy', field: 'effectiveFrom' }),
    });
  });
});

// The algorithm itself (latest effectiveFrom, ties to the higher version) is @ledger/rules-kit's, tested there.
describe('the ladder in force', () => {
  const v2: SanctionPolicy = { version: 2, effectiveFrom: '2026-07-01T00:00:00+08:00', ...ladder };

  it('is the default ladder before any adopted one takes effect, then the adopted one', () => {
    expect(policyInForce([], '2030-01-01T00:00:00.000Z')).toBe(defaultSanctionPolicy);
    expect(policyInForce([v2], '2026-06-30T15:59:59.999Z')).toBe(defaultSanctionPolicy);
    expect(policyInForce([v2], '2026-06-30T16:00:00.000Z')).toBe(v2);
  });
});
