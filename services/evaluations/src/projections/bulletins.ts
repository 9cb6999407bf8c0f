import { BulletinPublished, type BulletinPublishedData } from '@ledger/events';
import { type Collection, type Document, type Projection, type ReadStore, keysetPage } from '@ledger/readstore';

export const bulletinsCollection = 'evaluations_bulletins';

/**
 * One published bulletin, public as it stands (SPEC 12). The id is the event's global position, zero-padded, so
 * that the order by id is the order of publication and `after` pages through it either way. `correctedBy` lists the
 * later bulletins that correct this one, in the order of publication (absent while none does).
 */
export type BulletinDocument = Document & BulletinPublishedData & { publishedAtUtc: string; correctedBy?: string[] };

/** In which order a list of bulletins comes: as they were published, or the newest first. */
export const bulletinOrders = ['oldest', 'newest'] as const;

/**
 * One page of the published bulletins in `order`, after the bulletin `after` (the `next` of the page before, in the
 * same order): the newest are one page away however many bulletins there are.
 */
export function bulletinsPage(store: ReadStore, { order, after, limit }: { order: (typeof bulletinOrders)[number]; after?: string; limit: number }) {
  return keysetPage(store.collection<BulletinDocument>(bulletinsCollection), {}, { limit, direction: order === 'newest' ? 'desc' : 'asc', ...(after ? { after } : {}) });
}

/** The bulletins that correct `bulletinId`, as stored now, in the order of publication. */
async function correctionsOf(bulletins: Collection<BulletinDocument>, bulletinId: string): Promise<string[]> {
  return (await bulletins.find({ corrects: bulletinId }, { limit: 1_000 })).map((correction) => correction.bulletinId);
}

const withCorrections = (doc: BulletinDocument, correctedBy: string[]): BulletinDocument => {
  const { correctedBy: _stale, ...rest } = doc;
  return correctedBy.length > 0 ? { ...rest, correctedBy } : rest;
};

export const bulletinsProjection: Projection = {
  name: 'evaluations.bulletins',
  services: ['evaluations'],
  eventTypes: [BulletinPublished.type],
  collections: [bulletinsCollection],
  async setup(store: ReadStore) {
    await store.collection(bulletinsCollection).ensureIndex('publishedAtUtc');
    await store.collection(bulletinsCollection).ensureIndex('corrects');
    await store.collection(bulletinsCollection).ensureIndex('bulletinId');
  },
  async apply(event, store) {
    if (event.type !== BulletinPublished.type) return;
    const data = event.data as BulletinPublishedData;
    const bulletins = store.collection<BulletinDocument>(bulletinsCollection);
    // `correctedBy` is worked out from the corrections stored, whichever of the two events arrives first (on Kafka,
    // bulletins are on different partitions), so that a redelivery or either order gives the same documents.
    const published: BulletinDocument = { ...data, id: String(event.position).padStart(16, '0'), publishedAtUtc: new Date(data.publishedAt).toISOString() };
    await bulletins.put(withCorrections(published, await correctionsOf(bulletins, data.bulletinId)));
    if (data.corrects === undefined) return;
    const [corrected] = await bulletins.find({ bulletinId: data.corrects }, { limit: 1 });
    if (corrected) await bulletins.put(withCorrections(corrected, await correctionsOf(bulletins, data.corrects)));
  },
};
