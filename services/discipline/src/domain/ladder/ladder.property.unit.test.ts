import { calendarIn } from '@ledger/calendar';
import { validateEvent } from '@ledger/events';
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PersonEvent } from '../events.ts';
import type { SanctionPolicy } from '../policy/default-policy.ts';
import { type CountFinding, decideCountFinding } from './count-finding.ts';
import { decideCarryOutSanction } from './carry-out.ts';
import { validCountsByYear } from './read.ts';
import { evolveLadder, initialLadderState, type LadderState } from './state.ts';

/*
 * Random histories of findings, overturns, reinstatements, redeliveries and carry-outs. After every command
 * the sanctions in force must equal what an oracle, written here from SPEC 4 alone, derives from the
 * outcomes in force. The ledger's calendar is UTC here, so that the oracle can take years and months from
 * UTC fields; local-zone years and windows are pinned by local-calendar.property.unit.test.ts.
 */

const utc = calendarIn('UTC');

const day = 86_400_000;
const start = Date.UTC(2024, 0, 1);
const outcomes = ['valid', 'valid', 'valid', 'invalid', 'valid-violation', 'withdrawn'] as const;

type Operation =
  | { kind: 'finding'; complaint: number; outcome: (typeof outcomes)[number]; gapDays: number }
  | { kind: 'redeliver'; earlier: number }
  | { kind: 'carry-out'; pick: number };

const operation: fc.Arbitrary<Operation> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('finding' as const), complaint: fc.nat(9), outcome: fc.constantFrom(...outcomes), gapDays: fc.integer({ min: 0, max: 90 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('redeliver' as const), earlier: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('carry-out' as const), pick: fc.nat() }) },
);

/** Receipt times anywhere in four years, by the hour. */
const spread = fc.array(fc.integer({ min: 0, max: 4 * 366 * 24 }), { minLength: 10, maxLength: 10 }).map((hours) =>
  hours.map((hour) => new Date(start + hour * 3_600_000).toISOString()),
);
/** Receipt times a whole number of months after one anchor, give or take an hour or a day: window edges and month ends. */
const nearAnniversaries = fc
  .record({
    anchorDay: fc.integer({ min: 0, max: 365 }),
    offsets: fc.array(fc.record({ months: fc.integer({ min: 0, max: 30 }), nudge: fc.constantFrom(-day, -3_600_000, 0, 0, 3_600_000, day) }), {
      minLength: 10,
      maxLength: 10,
    }),
  })
  .map(({ anchorDay, offsets }) => {
    const anchor = new Date(start + anchorDay * day);
    return offsets.map(({ months, nudge }) =>
      new Date(Date.UTC(anchor.getUTCFullYear(), anchor.getUTCMonth() + months, anchor.getUTCDate()) + nudge).toISOString(),
    );
  });
/** Receipt times within about 26 months, by the hour: five valid ones often share a 24-month window, or just miss it. */
const clustered = fc
  .record({ anchorDay: fc.integer({ min: 0, max: 2 * 365 }), hours: fc.array(fc.integer({ min: 0, max: 26 * 30 * 24 }), { minLength: 10, maxLength: 10 }) })
  .map(({ anchorDay, hours }) => hours.map((hour) => new Date(start + anchorDay * day + hour * 3_600_000).toISOString()));
const receipts = fc.oneof(spread, nearAnniversaries, clustered);
/** Histories of any length up to 40: fast-check's default size would keep nearly all of them short, rarely reaching five valid. */
const histories = fc.array(operation, { minLength: 1, maxLength: 40, size: 'max' });

/**
 * The end of a window of `months` months from `iso`, both ends included (SPEC 4.8), by dates: the start of
 * the day after the date `months` months later (clamped to that month's last day). Computed from calendar
 * fields, independently of the code under test.
 */
const plusMonths = (months: number) => (iso: string) => {
  const date = new Date(iso);
  const total = date.getUTCMonth() + months;
  const year = date.getUTCFullYear() + Math.floor(total / 12);
  const month = total % 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return Date.UTC(year, month, Math.min(date.getUTCDate(), last) + 1);
};
const plus24Months = plusMonths(24);

interface Valid {
  complaintId: string;
  receivedAt: string;
  foundAt: string;
}

const hasFullWindow = (valid: readonly Valid[], threshold: number, within: (first: string) => number): boolean =>
  valid.some((first) => valid.filter((other) => Date.parse(other.receivedAt) >= Date.parse(first.receivedAt) && Date.parse(other.receivedAt) < within(first.receivedAt)).length >= threshold);

/** SPEC 4 with the default table: steps 1..min(n, 4) per year; dismissal iff 24 months hold 5. */
function defaultOracle(valid: readonly Valid[]): string[] {
  const perYear = new Map<number, number>();
  for (const complaint of valid) {
    const year = new Date(complaint.receivedAt).getUTCFullYear();
    perYear.set(year, (perYear.get(year) ?? 0) + 1);
  }
  const keys = [...perYear].flatMap(([year, count]) => Array.from({ length: Math.min(count, 4) }, (_, index) => `${year}:${index + 1}`));
  return hasFullWindow(valid, 5, plus24Months) ? [...keys, 'dismissal'] : keys;
}

const inForce = (state: LadderState) => state.sanctions.filter((sanction) => sanction.status !== 'rescinded');
const keysInForce = (state: LadderState) => inForce(state).map((sanction) => (sanction.year === undefined ? 'dismissal' : `${sanction.year}:${sanction.step}`));

/** Plays the operations; after each one hands the state and the outcomes in force (valid ones) to `check`. */
function run(
  operations: Operation[],
  receivedAt: string[],
  policies: readonly SanctionPolicy[],
  check: (state: LadderState, valid: Valid[]) => void,
): void {
  let state = initialLadderState;
  let clock = start;
  const sent: CountFinding[] = [];
  const seenSources = new Set<string>();
  const inForceOutcome = new Map<string, Valid & { outcome: string }>();
  operations.forEach((op, index) => {
    let events: PersonEvent[] = [];
    if (op.kind === 'carry-out') {
      const candidates = state.sanctions.filter((sanction) => sanction.status === 'pending');
      const sanction = candidates[op.pick % Math.max(candidates.length, 1)];
      if (!sanction) return;
      // Step 4's heavier sanction is chosen at carry-out (SPEC 4.6), and only there.
      const measure = sanction.step === 4 ? { imposed: 'demerit' as const } : {};
      const decision = decideCarryOutSanction({ sanctionId: sanction.sanctionId, by: 'official', at: sanction.decidedAt, now: sanction.decidedAt, ...measure }, state);
      expect(decision.ok).toBe(true);
      if (decision.ok) events = decision.events;
    } else {
      const command: CountFinding | undefined =
        op.kind === 'redeliver'
          ? sent[op.earlier % Math.max(sent.length, 1)]
          : (() => {
              clock += op.gapDays * day + 1_000;
              const complaintId = `c-${op.complaint}`;
              return {
                personId: 'p',
                complaintId,
                receivedAt: receivedAt[op.complaint]!,
                outcome: op.outcome,
                foundAt: new Date(clock).toISOString(),
                sourceEventId: `e-${index}`,
                complaintRevision: index,
                policies,
                calendar: utc,
              };
            })();
      if (!command) return;
      const decision = decideCountFinding(command, state);
      if (!decision.ok) throw new Error(decision.error.message);
      events = decision.events;
      if (seenSources.has(command.sourceEventId)) {
        expect(events).toEqual([]);
      } else {
        seenSources.add(command.sourceEventId);
        sent.push(command);
        const previous = inForceOutcome.get(command.complaintId);
        if (previous?.outcome === command.outcome) expect(events).toEqual([]);
        // A complaint valid again counts afresh, from its new finding date.
        else inForceOutcome.set(command.complaintId, { complaintId: command.complaintId, receivedAt: command.receivedAt, foundAt: command.foundAt, outcome: command.outcome });
      }
    }
    for (const event of events) {
      validateEvent(event.type, 1, event.data);
      state = evolveLadder(state, event);
    }
    check(state, [...inForceOutcome.values()].filter((complaint) => complaint.outcome === 'valid'));
  });
}

/** SPEC 4's table as API.md names the consequences, written out here rather than taken from the default policy. */
const specConsequences: Record<number, string[]> = {
  1: ['admonition-talk', 'no-excellent-rating'],
  2: ['incompetent-rating', 'mandatory-training'],
  3: ['incompetent-rating', 'removal-from-post', 'administrative-warning', 'mandatory-training'],
  4: ['incompetent-rating', 'heavier-sanction'],
  5: ['dismissal'],
};
const yearOf = (iso: string) => new Date(iso).getUTCFullYear();

describe('the ladder against a count-based oracle', () => {
  it('keeps in force exactly the sanctions the valid complaints support, one per (year, step)', () => {
    // What the random histories reached, so that the test shows it explored the cases the oracle speaks of.
    const seen = { dismissal: 0, dismissalAcrossYears: 0, dismissalRescinded: 0, carriedOutRescinded: 0, decidedAfresh: 0, twoYearsWithSteps: 0 };
    fc.assert(
      fc.property(histories, receipts, (operations, receivedAt) => {
        const receiptOf = (complaintId: string) => receivedAt[Number(complaintId.slice(2))]!;
        let final = initialLadderState;
        run(operations, receivedAt, [], (state, valid) => {
          const keys = keysInForce(state);
          expect(new Set(keys).size).toBe(keys.length);
          expect([...keys].toSorted()).toEqual(defaultOracle(valid).toSorted());
          expect(keys.includes('dismissal')).toBe(hasFullWindow(valid, 5, plus24Months));
          const perYear: Record<string, number> = {};
          for (const complaint of valid) perYear[yearOf(complaint.receivedAt)] = (perYear[yearOf(complaint.receivedAt)] ?? 0) + 1;
          expect(validCountsByYear(state, utc)).toEqual(perYear);
          for (const sanction of inForce(state)) {
            expect(sanction.policyVersion).toBe(1);
            expect(sanction.consequences).toEqual(specConsequences[sanction.step]);
            expect(sanction.complaintIds.length).toBeGreaterThanOrEqual(sanction.threshold);
            // A yearly step rests on complaints received in its year; a dismissal on five within 24 months.
            if (sanction.year !== undefined) for (const id of sanction.complaintIds) expect(yearOf(receiptOf(id))).toBe(sanction.year);
            else expect(hasFullWindow(sanction.complaintIds.map((id) => ({ complaintId: id, receivedAt: receiptOf(id), foundAt: '' })), 5, plus24Months)).toBe(true);
          }
          final = state;
        });
        const dismissals = final.sanctions.filter((sanction) => sanction.step === 5);
        if (dismissals.length > 0) seen.dismissal += 1;
        if (dismissals.some((sanction) => new Set(sanction.complaintIds.map((id) => yearOf(receiptOf(id)))).size > 1)) seen.dismissalAcrossYears += 1;
        if (dismissals.some((sanction) => sanction.status === 'rescinded')) seen.dismissalRescinded += 1;
        if (final.sanctions.some((sanction) => sanction.status === 'rescinded' && sanction.carriedOut)) seen.carriedOutRescinded += 1;
        if (final.sanctions.some((sanction) => sanction.sanctionId.endsWith(':2'))) seen.decidedAfresh += 1;
        if (new Set(inForce(final).flatMap((sanction) => (sanction.year === undefined ? [] : [sanction.year]))).size > 1) seen.twoYearsWithSteps += 1;
      }),
      { numRuns: 300 },
    );
    for (const [what, runs] of Object.entries(seen)) expect(runs, `runs that reached ${what}`).toBeGreaterThan(0);
  });

  it('never loses a carried-out sanction: rescinded ones stay on record', () => {
    fc.assert(
      fc.property(histories, receipts, (operations, receivedAt) => {
        const carried = new Set<string>();
        run(operations, receivedAt, [], (state) => {
          for (const id of carried) expect(state.sanctions.find((sanction) => sanction.sanctionId === id)?.carriedOut).toBeDefined();
          for (const sanction of state.sanctions) if (sanction.carriedOut) carried.add(sanction.sanctionId);
          expect(new Set(state.sanctions.map((sanction) => sanction.sanctionId)).size).toBe(state.sanctions.length);
        });
      }),
      { numRuns: 150 },
    );
  });

  it('follows the policy in force when each complaint was found valid', () => {
    const consequences = ['admonition-talk'] as const;
    const policy = fc
      .record({
        firsts: fc.integer({ min: 1, max: 3 }),
        gaps: fc.array(fc.integer({ min: 1, max: 2 }), { minLength: 3, maxLength: 3 }),
        dismissal: fc.integer({ min: 2, max: 7 }),
        windowMonths: fc.integer({ min: 6, max: 36 }),
        effectiveDay: fc.integer({ min: 0, max: 900 }),
      })
      .map(({ firsts, gaps, dismissal, windowMonths, effectiveDay }): SanctionPolicy => {
        const thresholds = gaps.reduce((list, gap) => [...list, list.at(-1)! + gap], [firsts]);
        return {
          version: 2,
          effectiveFrom: new Date(start + effectiveDay * day).toISOString(),
          steps: thresholds.map((threshold, index) => ({ step: index + 1, threshold, consequences: [...consequences] })),
          dismissal: { threshold: dismissal, windowMonths, consequences: ['dismissal'] },
        };
      });
    const defaults = { steps: [1, 2, 3, 4], dismissal: 5, windowMonths: 24 };

    fc.assert(
      fc.property(histories, receipts, policy, (operations, receivedAt, adopted) => {
        // Thresholds of the policy in force on a finding date: the adopted one from its effectiveFrom on.
        const rules = (foundAt: string) =>
          Date.parse(foundAt) >= Date.parse(adopted.effectiveFrom)
            ? { steps: adopted.steps.map((step) => step.threshold), dismissal: adopted.dismissal.threshold, windowMonths: adopted.dismissal.windowMonths, version: 2 }
            : { ...defaults, version: 1 };
        run(operations, receivedAt, [adopted], (state, valid) => {
          const byFound = [...valid].toSorted((a, b) => Date.parse(a.foundAt) - Date.parse(b.foundAt));
          const expected = new Set<string>();
          // Step s of year y is supported iff, for some k, the k-th valid complaint of y (in finding order)
          // was found under a policy whose step-s threshold is at most k.
          for (const year of new Set(byFound.map((complaint) => new Date(complaint.receivedAt).getUTCFullYear()))) {
            const ofYear = byFound.filter((complaint) => new Date(complaint.receivedAt).getUTCFullYear() === year);
            for (let step = 1; step <= 4; step += 1) {
              if (ofYear.some((complaint, index) => rules(complaint.foundAt).steps[step - 1]! <= index + 1)) expected.add(`${year}:${step}`);
            }
          }
          // Dismissal iff, for some k, the first k valid complaints hold a full window of the k-th's policy.
          if (byFound.some((complaint, index) => {
            const rule = rules(complaint.foundAt);
            return hasFullWindow(byFound.slice(0, index + 1), rule.dismissal, plusMonths(rule.windowMonths));
          })) expected.add('dismissal');
          const keys = keysInForce(state);
          expect(new Set(keys).size).toBe(keys.length);
          expect([...keys].toSorted()).toEqual([...expected].toSorted());
        });
      }),
      { numRuns: 300 },
    );
  });
});
