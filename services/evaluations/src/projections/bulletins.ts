import { BulletinPublished, type BulletinPublishedData } from '@ledger/events';
import type { Document, Projection, ReadStore } from '@ledger/readstore';

export const bulletinsCollection = 'evaluations_bulletins';

/**
 * One published bulletin, public as it stands (SPEC 12). The id is the event's global position, zero-padded, so
 * that the default order (by id) is the order of publication and `after` pages through it.
 */
export type BulletinDocument = Document & BulletinPublishedData & { publishedAtUtc: string };

export const bulletinsProjection: Projection = {
  name: 'evaluations.bulletins',
  services: ['evaluations'],
  eventTypes: [BulletinPublished.type],
  collections: [bulletinsCollection],
  async setup(store: ReadStore) {
    await store.collection(bulletinsCollection).ensureIndex('publishedAtUtc');
  },
  async apply(event, store) {
    if (event.type !== BulletinPublished.type) return;
    const data = event.data as BulletinPublishedData;
    // Writing the same document again on a redelivery changes nothing.
    await store.collection<BulletinDocument>(bulletinsCollection).put({
      ...data,
      id: String(event.position).padStart(16, '0'),
      publishedAtUtc: new Date(data.publishedAt).toISOString(),
    });
  },
};
