import type { LedgerCalendar } from '@ledger/calendar';
import type { ImposedMeasure, SanctionConsequence, SanctionStatus } from '@ledger/events';
import type { ReadStore } from '@ledger/readstore';
import { instantMs } from '@ledger/rules-kit';
import { type RatingCap, currentStep, ratingCaps, validCountInLastMonths, validCountsByYear } from '../domain/index.ts';
import type { ComplaintEntry } from './complaint-track.ts';
import { ladderOfSnapshot } from './ladder-snapshot.ts';
import {
  type HistoryVersionDocument,
  type PersonHistoryDocument,
  emptyHistory,
  historyVersionsCollection,
  personHistoriesCollection,
  withPart,
} from './projection.ts';

/** A person's history exactly as API.md shapes it. */
export interface PersonHistory {
  personId: string;
  name?: string;
  departmentId?: string;
  complaints: ComplaintEntry[];
  validCounts: { byYear: Record<string, number>; last24Months: number };
  currentStep: number;
  sanctions: Array<{
    sanctionId: string;
    step: number;
    year?: number;
    consequences: SanctionConsequence[];
    complaintIds: string[];
    policyVersion: number;
    status: SanctionStatus;
    decidedAt: string;
    rescindedReason?: string;
    imposed?: ImposedMeasure;
    imposedNote?: string;
  }>;
  ratingCaps: Record<string, RatingCap>;
  referrals: Array<{
    referralId: string;
    complaintId: string;
    status: 'open' | 'decided';
    openedAt: string;
    outcome?: 'sanctioned' | 'no-sanction';
    sanction?: string;
    reference?: string;
    decidedAt?: string;
  }>;
  efficiencyWarnings: Array<{ rectificationId: string; issuedAt: string }>;
  bottomRankTalks: Array<{ year: number; departmentId: string }>;
}

/**
 * The history as of the read instant `at`: the counts of the last 24 months and the current step depend
 * on when one asks, so they are computed here from the stored facts, never stored. Years and the 24 months are
 * local (the ledger's calendar, SPEC "Local time", 4.8).
 */
export function personHistoryView(doc: PersonHistoryDocument, at: string, calendar: LedgerCalendar): PersonHistory {
  const ladder = ladderOfSnapshot(doc.ladder, doc.personId);
  const complaints = Object.values(doc.complaints).toSorted(
    (a, b) => instantMs(a.receivedAt) - instantMs(b.receivedAt) || (a.complaintId < b.complaintId ? -1 : a.complaintId > b.complaintId ? 1 : 0),
  );
  return {
    personId: doc.personId,
    ...(doc.registry ? { name: doc.registry.name, departmentId: doc.registry.departmentId } : {}),
    complaints: complaints.map(({ complaintId, receivedAt, status, outcome, departmentId }) => ({
      complaintId,
      receivedAt,
      status,
      ...(outcome === undefined ? {} : { outcome }),
      departmentId,
    })),
    validCounts: { byYear: validCountsByYear(ladder, calendar), last24Months: validCountInLastMonths(ladder, at, calendar, 24) },
    currentStep: currentStep(ladder, at, calendar),
    sanctions: ladder.sanctions.map((sanction) => ({
      sanctionId: sanction.sanctionId,
      step: sanction.step,
      ...(sanction.year === undefined ? {} : { year: sanction.year }),
      consequences: sanction.consequences,
      complaintIds: sanction.complaintIds,
      policyVersion: sanction.policyVersion,
      status: sanction.status,
      decidedAt: sanction.decidedAt,
      ...(sanction.rescinded ? { rescindedReason: sanction.rescinded.reason } : {}),
      ...(sanction.imposed === undefined ? {} : { imposed: sanction.imposed }),
      ...(sanction.imposedNote === undefined ? {} : { imposedNote: sanction.imposedNote }),
    })),
    ratingCaps: ratingCaps(ladder),
    referrals: ladder.referrals.map(({ referralId, complaintId, status, openedAt, outcome, sanction, reference, decidedAt }) => ({
      referralId,
      complaintId,
      status,
      openedAt,
      ...(outcome === undefined ? {} : { outcome }),
      ...(sanction === undefined ? {} : { sanction }),
      ...(reference === undefined ? {} : { reference }),
      ...(decidedAt === undefined ? {} : { decidedAt }),
    })),
    efficiencyWarnings: Object.entries(doc.efficiencyWarnings ?? {})
      .map(([rectificationId, issuedAt]) => ({ rectificationId, issuedAt }))
      .toSorted((a, b) => instantMs(a.issuedAt) - instantMs(b.issuedAt) || (a.rectificationId < b.rectificationId ? -1 : 1)),
    bottomRankTalks: Object.entries(doc.bottomRankTalks ?? {})
      .map(([year, departmentId]) => ({ year: Number(year), departmentId }))
      .toSorted((a, b) => a.year - b.year),
  };
}

/** The history now: one primary-key read. Undefined when the ledger knows nothing of the person. */
export async function currentPersonHistory(store: ReadStore, personId: string, now: string, calendar: LedgerCalendar): Promise<PersonHistory | undefined> {
  const doc = await store.collection<PersonHistoryDocument>(personHistoriesCollection).get(personId);
  return doc ? personHistoryView(doc, now, calendar) : undefined;
}

const versionPage = 1_000;

/**
 * Equality on `personId` written as a closed range: on the SQL read store a range can only be answered
 * from the b-tree the projection keeps on `personId` (a handful of rows), while an equality may also
 * send the planner to the table-wide GIN index, several times slower at a million documents
 * (scripts/bench/history.ts). Same documents on every store.
 */
const onePerson = (personId: string) => ({ $gte: personId, $lte: personId });

/**
 * The history as the ledger stood at `asOf` (events recorded up to it): for each source stream, the part of
 * its latest event recorded at or before `asOf`. One indexed query for the person's versions up to then.
 */
export async function personHistoryAsOf(store: ReadStore, personId: string, asOf: string, calendar: LedgerCalendar): Promise<PersonHistory | undefined> {
  const upTo = new Date(asOf).toISOString();
  const versions = store.collection<HistoryVersionDocument>(historyVersionsCollection);
  const latest = new Map<string, HistoryVersionDocument>();
  for (let after: string | undefined; ; ) {
    const page = await versions.find({ personId: onePerson(personId), recordedAt: { $lte: upTo } }, { limit: versionPage, ...(after ? { afterId: after } : {}) });
    for (const version of page) {
      const known = latest.get(version.source);
      if (!known || version.sourceVersion > known.sourceVersion) latest.set(version.source, version);
    }
    if (page.length < versionPage) break;
    after = page.at(-1)!.id;
  }
  if (latest.size === 0) return undefined;
  const doc = [...latest.values()].reduce((history, version) => withPart(history, version.part), emptyHistory(personId));
  return personHistoryView(doc, asOf, calendar);
}
