import type { Document, ReadStore } from '@ledger/readstore';

/** Every document of a collection in the store's id order, a page at a time. */
export async function* documentsOf(store: ReadStore, collection: string, pageSize = 500): AsyncGenerator<Document> {
  let afterId: string | undefined;
  for (;;) {
    const page = await store.collection(collection).find({}, { limit: pageSize, ...(afterId === undefined ? {} : { afterId }) });
    yield* page;
    if (page.length < pageSize) return;
    afterId = page.at(-1)!.id;
  }
}
