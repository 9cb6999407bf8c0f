import { type ComplaintEvent, type EventOf, type PersonChanged, type PersonRegistered, type RecordedEvent, complaintEvents } from '@ledger/events';
import { type AppliedVersions, type Document, type DocumentRef, type Projection, type ReadStore, alreadyApplied, appliedVersionsWith, markApplied } from '@ledger/readstore';
import { type PersonEvent, evolveLadder } from '../domain/index.ts';
import { complaintStreamPrefix } from '../streams.ts';
import { type ComplaintEntry, type ComplaintTrack, complaintEntryFor, evolveComplaintTrack } from './complaint-track.ts';
import { type LadderSnapshot, emptyLadderSnapshot, ladderOfSnapshot, snapshotOfLadder } from './ladder-snapshot.ts';

export const personHistoriesCollection = 'discipline-person-histories';
export const historyVersionsCollection = 'discipline-person-history-versions';
export const complaintTracksCollection = 'discipline-complaint-tracks';

export interface RegistryPart {
  name: string;
  departmentId: string;
}

/** What one source stream contributes to a person's history. */
export type HistoryPart =
  | { kind: 'registry'; registry: RegistryPart }
  | { kind: 'complaint'; complaintId: string; entry: ComplaintEntry }
  | { kind: 'ladder'; ladder: LadderSnapshot }
  | { kind: 'efficiency-warning'; rectificationId: string; issuedAt: string }
  | { kind: 'bottom-rank-talk'; year: number; departmentId: string };

/** A person's history as it stands now: one document, read by primary key. */
export interface PersonHistoryDocument extends Document, AppliedVersions {
  id: string;
  personId: string;
  registry?: RegistryPart;
  /** By complaint id. */
  complaints: Record<string, ComplaintEntry>;
  ladder: LadderSnapshot;
  /** Efficiency warnings [效能告诫] for overdue rectification items (SPEC 10), by rectification id: when issued. */
  efficiencyWarnings?: Record<string, string>;
  /** Bottom-rank talks of the person ranked last of a department (SPEC 6), by year: the department. */
  bottomRankTalks?: Record<string, string>;
}

/**
 * The part one event of one source stream gave a person's history, kept for as-of reads. Each source
 * stream is delivered in order on every bus and its `recordedAt` never decreases, so the history as of T is
 * exactly, per source stream, the latest version recorded at or before T (see query.ts).
 */
export interface HistoryVersionDocument extends Document {
  id: string;
  personId: string;
  /** The source stream and the version of its event that produced this part. */
  source: string;
  sourceVersion: number;
  /** The event's recordedAt, in UTC so that it compares as text. */
  recordedAt: string;
  position: number;
  part: HistoryPart;
}

export interface ComplaintTrackDocument extends Document, AppliedVersions {
  id: string;
  track: ComplaintTrack;
}

const padded = (version: number) => String(version).padStart(10, '0');
export const historyVersionId = (personId: string, source: string, sourceVersion: number): string => `${personId}|${source}|${padded(sourceVersion)}`;

const ladderEvents = new Set(['FindingCounted', 'SanctionDecided', 'SanctionCarriedOut', 'SanctionRescinded', 'SanctionSupportChanged', 'ReferralOpened', 'ReferralDecided']);
type RegistryEvent = EventOf<typeof PersonRegistered> | EventOf<typeof PersonChanged>;
/** The events that change the history of the person their `personId` names. */
const personEventTypes = new Set(['PersonRegistered', 'PersonChanged', 'PersonBottomRankTalkRequired', 'EfficiencyWarningIssued', ...ladderEvents]);

export const emptyHistory = (personId: string): PersonHistoryDocument => ({ id: personId, personId, complaints: {}, ladder: emptyLadderSnapshot });

export function withPart(doc: PersonHistoryDocument, part: HistoryPart): PersonHistoryDocument {
  switch (part.kind) {
    case 'registry':
      return { ...doc, registry: part.registry };
    case 'complaint':
      return { ...doc, complaints: { ...doc.complaints, [part.complaintId]: part.entry } };
    case 'ladder':
      return { ...doc, ladder: part.ladder };
    case 'efficiency-warning':
      return { ...doc, efficiencyWarnings: { ...doc.efficiencyWarnings, [part.rectificationId]: part.issuedAt } };
    case 'bottom-rank-talk':
      return { ...doc, bottomRankTalks: { ...doc.bottomRankTalks, [String(part.year)]: part.departmentId } };
  }
}

const sameEntry = (a: ComplaintEntry | undefined, b: ComplaintEntry) =>
  a !== undefined &&
  a.complaintId === b.complaintId &&
  a.receivedAt === b.receivedAt &&
  a.status === b.status &&
  a.outcome === b.outcome &&
  a.departmentId === b.departmentId;

/**
 * The person history read model (SPEC 7, API.md "Person history"): the current history of each person, and
 * the parts each event gave it, for `?asOf=`. It reads the registry (name, department), the complaints
 * (every complaint against the person, status kept current) and the person's ladder stream.
 */
export const personHistoryProjection: Projection = {
  name: 'discipline.person-history',
  services: ['complaints', 'discipline', 'evaluations', 'rankings', 'rectification'],
  eventTypes: [
    'PersonRegistered',
    'PersonBottomRankTalkRequired',
    'EfficiencyWarningIssued',
    'PersonChanged',
    ...ladderEvents,
    // Every complaint event moves the complaint's track (even those a history does not show mark it applied).
    ...complaintEvents.map((definition) => definition.type),
  ],
  collections: [personHistoriesCollection, historyVersionsCollection, complaintTracksCollection],
  async setup(store: ReadStore) {
    const versions = store.collection(historyVersionsCollection);
    for (const field of ['personId', 'recordedAt']) await versions.ensureIndex(field);
  },
  documentsOf,
  async apply(event, store) {
    if (event.type === 'PersonRegistered' || event.type === 'PersonChanged') {
      const { personId, name, departmentId } = (event as unknown as RegistryEvent).data;
      const doc = await store.collection<PersonHistoryDocument>(personHistoriesCollection).get(personId);
      if (doc?.registry?.name === name && doc.registry.departmentId === departmentId) return;
      await commit(store, personId, doc, event, { kind: 'registry', registry: { name, departmentId } });
    } else if (event.type === 'PersonBottomRankTalkRequired') {
      // SPEC 6: the person ranked last of their department; shown in the history, no ladder step.
      const { personId, year, departmentId } = (event as unknown as { data: { personId: string; year: number; departmentId: string } }).data;
      const doc = await store.collection<PersonHistoryDocument>(personHistoriesCollection).get(personId);
      await commit(store, personId, doc, event, { kind: 'bottom-rank-talk', year, departmentId });
    } else if (event.type === 'EfficiencyWarningIssued') {
      // SPEC 10: the rectification service's warning shows in the person's history (no ladder step).
      const { personId, rectificationId, issuedAt } = (event as unknown as { data: { personId: string; rectificationId: string; issuedAt: string } }).data;
      const doc = await store.collection<PersonHistoryDocument>(personHistoriesCollection).get(personId);
      await commit(store, personId, doc, event, { kind: 'efficiency-warning', rectificationId, issuedAt });
    } else if (ladderEvents.has(event.type)) {
      const ladderEvent = { type: event.type, data: event.data } as PersonEvent;
      const personId = ladderEvent.data.personId;
      const doc = await store.collection<PersonHistoryDocument>(personHistoriesCollection).get(personId);
      const state = evolveLadder(ladderOfSnapshot(doc?.ladder, personId), ladderEvent);
      await commit(store, personId, doc, event, { kind: 'ladder', ladder: snapshotOfLadder(state) });
    } else if (event.streamId.startsWith(complaintStreamPrefix)) {
      await applyComplaintEvent(event, store);
    }
  },
};

const history = (personId: unknown): DocumentRef[] => (typeof personId === 'string' ? [{ collection: personHistoriesCollection, id: personId }] : []);

/**
 * The documents `apply` reads for an event: the history of the person it names, and for a complaint event the
 * complaint's track and the person the event names (at filing, by a finding); the people an earlier finding
 * named are in the track, read when the event is applied.
 */
function documentsOf(event: RecordedEvent): DocumentRef[] {
  const data = event.data as { personId?: unknown; finding?: { personId?: unknown } };
  if (event.streamId.startsWith(complaintStreamPrefix) && !personEventTypes.has(event.type)) {
    return [
      { collection: complaintTracksCollection, id: event.streamId.slice(complaintStreamPrefix.length) },
      ...history(event.type === 'AppealDecided' ? data.finding?.personId : data.personId),
    ];
  }
  return personEventTypes.has(event.type) ? history(data.personId) : [];
}

/** Records the part (version first, then the current document, which marks the event applied). */
async function commit(store: ReadStore, personId: string, doc: PersonHistoryDocument | undefined, event: RecordedEvent, part: HistoryPart) {
  if (alreadyApplied(doc, event)) return;
  await store.collection<HistoryVersionDocument>(historyVersionsCollection).put({
    id: historyVersionId(personId, event.streamId, event.streamVersion),
    personId,
    source: event.streamId,
    sourceVersion: event.streamVersion,
    recordedAt: new Date(event.recordedAt).toISOString(),
    position: event.position,
    part,
  });
  await store.collection<PersonHistoryDocument>(personHistoriesCollection).put(markApplied(withPart(doc ?? emptyHistory(personId), part), event));
}

/**
 * A complaint event changes the entry of everyone the complaint was ever against. The complaint's own
 * document is written last: if the process stops half-way, the redelivered event finds it unapplied and
 * finishes the people it had not reached (those it had are marked applied).
 */
async function applyComplaintEvent(event: RecordedEvent, store: ReadStore) {
  const tracks = store.collection<ComplaintTrackDocument>(complaintTracksCollection);
  const complaintId = event.streamId.slice(complaintStreamPrefix.length);
  const existing = await tracks.get(complaintId);
  if (alreadyApplied(existing, event)) return;
  const track = evolveComplaintTrack(existing?.track, { type: event.type, data: event.data } as ComplaintEvent);
  if (!track) return;
  const histories = store.collection<PersonHistoryDocument>(personHistoriesCollection);
  for (const personId of track.people) {
    const doc = await histories.get(personId);
    const entry = complaintEntryFor(track, personId);
    if (sameEntry(doc?.complaints[complaintId], entry)) continue;
    await commit(store, personId, doc, event, { kind: 'complaint', complaintId, entry });
  }
  await tracks.put({ id: complaintId, track, _applied: appliedVersionsWith(existing?._applied, event) });
}
