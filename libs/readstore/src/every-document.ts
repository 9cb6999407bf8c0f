import type { Collection, Document, Filter } from './port.ts';

const page = 1_000;

/** Every document matching the filter, read page by page (a read store answers at most a page per query). */
export async function everyDocument<Doc extends Document>(collection: Collection<Doc>, filter: Filter = {}): Promise<Doc[]> {
  const documents: Doc[] = [];
  for (let afterId: string | undefined; ; ) {
    const batch = await collection.find(filter, { limit: page, ...(afterId === undefined ? {} : { afterId }) });
    documents.push(...batch);
    if (batch.length < page) return documents;
    afterId = batch.at(-1)!.id;
  }
}
