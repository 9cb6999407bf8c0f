import type { BottomRankAdmonitionRequiredData, BottomRankCarriedOutData, LeaderReplacementRequiredData, RankingPublishedData } from '@ledger/events';
import { type AppliedVersions, type Document, type Projection, type ReadStore, alreadyApplied, markApplied } from '@ledger/readstore';
import type { ApologyCarriedOutEvent, ApologyRecord, ApologyRequiredEvent, ApologyRescindedEvent } from '../domain/index.ts';
import { accountabilityStreamPrefix } from '../streams.ts';
import { type RankingEntry, rankingEntryOf } from './ranking-entry.ts';

export const apologiesCollection = 'discipline-apologies';
export const accountabilityCollection = 'discipline-department-accountability';

/** An apology as the read model keeps it: the domain's record, with a rescission as its reason and time. */
export interface ApologyView extends Omit<ApologyRecord, 'departments' | 'rescinded'> {
  departments: Array<{ departmentId: string; leaderPersonId?: string }>;
  rescindedReason?: string;
  rescindedAt?: string;
}

/** An apology by id, with the department whose stream holds it (a joint one: the first at fault by id). */
export interface ApologyDocument extends Document, AppliedVersions {
  id: string;
  holderDepartmentId: string;
  apology: ApologyView;
}

/** How an outcome was carried out (SPEC 6): the talk held, or the leader replaced. */
export type BottomRankCarryOut = Omit<BottomRankCarriedOutData, 'departmentId' | 'year' | 'outcome'>;

export type BottomRankOutcome = (
  | ({ outcome: 'admonition-talk' } & BottomRankAdmonitionRequiredData)
  | ({ outcome: 'leader-replacement' } & LeaderReplacementRequiredData)
) & { status?: 'pending' | 'carried-out'; carriedOut?: BottomRankCarryOut };

/** One line of a department's accountability: an apology it is named in (joint ones too), a bottom-rank outcome or its ranking. */
export type AccountabilityRow = Document & { id: string; departmentId: string; year: number } & (
    | { kind: 'apology'; apology: ApologyView }
    | { kind: 'bottom-rank'; bottomRank: BottomRankOutcome }
    | { kind: 'ranking'; ranking: RankingEntry }
  );

type ApologyEvent = ApologyRequiredEvent | ApologyCarriedOutEvent | ApologyRescindedEvent;
const apologyEvents = new Set<string>(['ApologyRequired', 'ApologyCarriedOut', 'ApologyRescinded']);
const bottomRankEvents: Record<string, BottomRankOutcome['outcome']> = {
  BottomRankAdmonitionRequired: 'admonition-talk',
  LeaderReplacementRequired: 'leader-replacement',
};

const apologyRowId = (departmentId: string, apologyId: string) => `${departmentId}|apology|${apologyId}`;

/**
 * Department leader accountability (SPEC 5, 6): every apology, listed under each department it names (a
 * joint apology is one event, in one stream, yet every department at fault sees it), and the rankings and
 * bottom-rank outcomes of the rankings service.
 */
export const accountabilityProjection: Projection = {
  name: 'discipline.accountability',
  services: ['discipline', 'rankings'],
  eventTypes: ['RankingPublished', ...Object.keys(bottomRankEvents), 'BottomRankCarriedOut', ...apologyEvents],
  collections: [apologiesCollection, accountabilityCollection],
  async setup(store: ReadStore) {
    const rows = store.collection(accountabilityCollection);
    for (const field of ['departmentId', 'year']) await rows.ensureIndex(field);
  },
  async apply(event, store) {
    if (event.type === 'RankingPublished') return putRankings(event.data as RankingPublishedData, store);
    const rows = () => store.collection<AccountabilityRow>(accountabilityCollection);
    if (event.type === 'BottomRankCarriedOut') {
      const { departmentId, year, outcome: carried, ...carriedOut } = event.data as BottomRankCarriedOutData;
      const row = await rows().get(`${departmentId}|bottom-rank|${year}|${carried}`);
      // Setting the same carry-out again on a redelivery changes nothing.
      if (row?.kind === 'bottom-rank') await rows().put({ ...row, bottomRank: { ...row.bottomRank, status: 'carried-out', carriedOut } });
      return;
    }
    const outcome = bottomRankEvents[event.type];
    if (outcome) {
      const data = event.data as BottomRankOutcome;
      const id = `${data.departmentId}|bottom-rank|${data.year}|${outcome}`;
      // Derived from the event (and a carry-out already recorded, which a redelivery keeps).
      const existing = await rows().get(id);
      const carriedOut = existing?.kind === 'bottom-rank' ? existing.bottomRank.carriedOut : undefined;
      await rows().put({
        id,
        departmentId: data.departmentId,
        year: data.year,
        kind: 'bottom-rank',
        bottomRank: { ...data, outcome, status: carriedOut ? 'carried-out' : 'pending', ...(carriedOut ? { carriedOut } : {}) } as BottomRankOutcome,
      });
      return;
    }
    if (!apologyEvents.has(event.type) || !event.streamId.startsWith(accountabilityStreamPrefix)) return;
    const apologies = store.collection<ApologyDocument>(apologiesCollection);
    const apologyEvent = { type: event.type, data: event.data } as ApologyEvent;
    const existing = await apologies.get(apologyEvent.data.apologyId);
    if (alreadyApplied(existing, event)) return;
    const apology = evolveApology(existing?.apology, apologyEvent);
    if (!apology) return;
    // Rows first, the apology last: a redelivery after a stop half-way rewrites them all.
    for (const { departmentId } of apology.departments) {
      await rows().put({ id: apologyRowId(departmentId, apology.apologyId), departmentId, year: apology.year, kind: 'apology', apology });
    }
    const holderDepartmentId = event.streamId.slice(accountabilityStreamPrefix.length);
    await apologies.put(markApplied({ id: apology.apologyId, holderDepartmentId, apology, ...(existing?._applied ? { _applied: existing._applied } : {}) }, event));
  },
};

/** One row per ranked department, derived from the event alone: a redelivery writes the same rows again. */
async function putRankings(published: RankingPublishedData, store: ReadStore): Promise<void> {
  const rows = store.collection<AccountabilityRow>(accountabilityCollection);
  for (const item of published.items) {
    await rows.put({
      id: `${item.departmentId}|ranking|${published.year}`,
      departmentId: item.departmentId,
      year: published.year,
      kind: 'ranking',
      ranking: rankingEntryOf(published.year, item, published.items.length),
    });
  }
}

function evolveApology(apology: ApologyView | undefined, event: ApologyEvent): ApologyView | undefined {
  switch (event.type) {
    case 'ApologyRequired': {
      const { at, ...required } = event.data;
      return { ...required, requiredAt: at, status: 'pending' };
    }
    case 'ApologyCarriedOut': {
      if (!apology) return undefined;
      const { apologyId: _id, departmentId: _department, ...carriedOut } = event.data;
      return { ...apology, status: 'carried-out', carriedOut };
    }
    case 'ApologyRescinded':
      return apology ? { ...apology, status: 'rescinded', rescindedReason: event.data.reason, rescindedAt: event.data.at } : undefined;
  }
}
