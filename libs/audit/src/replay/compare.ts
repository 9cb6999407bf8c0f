import type { Document, ReadStore } from '@ledger/readstore';
import { type FieldDifference, diffDocuments } from './document-diff.ts';
import { documentsOf } from './documents.ts';

/** A read-model document that the live store and the replay disagree on. */
export interface ReadModelDifference {
  projection: string;
  collection: string;
  id: string;
  /** `only-live`: the replay did not produce it; `only-replayed`: the live model lacks it; `changed`: both have it, with other content. */
  kind: 'only-live' | 'only-replayed' | 'changed';
  /** For `changed`: every differing field. */
  fields?: FieldDifference[];
}

export interface CollectionRef {
  projection: string;
  collection: string;
}

export interface ComparisonOptions {
  /** Fields left out of the comparison, top-level names or dotted paths. */
  ignore?: ReadonlySet<string>;
  pageSize?: number;
}

const utf8 = (text: string) => Buffer.from(text, 'utf8');
/** The stores order ids by their bytes (collation "C"); the merge below must walk them in that order. */
const compareIds = (a: string, b: string) => Buffer.compare(utf8(a), utf8(b));

function differenceOf(ref: CollectionRef, id: string, live: Document | undefined, replayed: Document | undefined, ignore: ReadonlySet<string>) {
  if (!replayed) return { ...ref, id, kind: 'only-live' } satisfies ReadModelDifference;
  if (!live) return { ...ref, id, kind: 'only-replayed' } satisfies ReadModelDifference;
  const fields = diffDocuments(live, replayed, ignore);
  return fields.length === 0 ? undefined : ({ ...ref, id, kind: 'changed', fields } satisfies ReadModelDifference);
}

/**
 * Walks both stores' documents of each collection in id order, side by side, and lists every
 * document that is missing on one side or differs. Returns how many distinct documents it saw.
 */
export async function compareReadModels(
  live: ReadStore,
  replayed: ReadStore,
  collections: readonly CollectionRef[],
  options: ComparisonOptions = {},
): Promise<{ documents: number; differences: ReadModelDifference[] }> {
  const ignore = options.ignore ?? new Set<string>();
  const pageSize = options.pageSize ?? 500;
  const differences: ReadModelDifference[] = [];
  let documents = 0;
  for (const ref of collections) {
    const liveDocs = documentsOf(live, ref.collection, pageSize);
    const replayedDocs = documentsOf(replayed, ref.collection, pageSize);
    let a = await liveDocs.next();
    let b = await replayedDocs.next();
    while (!a.done || !b.done) {
      const order = a.done ? 1 : b.done ? -1 : compareIds(a.value.id, b.value.id);
      const liveDoc = order <= 0 && !a.done ? a.value : undefined;
      const replayedDoc = order >= 0 && !b.done ? b.value : undefined;
      const difference = differenceOf(ref, (liveDoc ?? replayedDoc)!.id, liveDoc, replayedDoc, ignore);
      if (difference) differences.push(difference);
      documents += 1;
      if (liveDoc) a = await liveDocs.next();
      if (replayedDoc) b = await replayedDocs.next();
    }
  }
  return { documents, differences };
}

/** Compares again only the documents named: after the live models moved on, which differences remain. */
export async function recompare(
  live: ReadStore,
  replayed: ReadStore,
  differences: readonly ReadModelDifference[],
  options: ComparisonOptions = {},
): Promise<ReadModelDifference[]> {
  const ignore = options.ignore ?? new Set<string>();
  const remaining: ReadModelDifference[] = [];
  for (const previous of differences) {
    const [liveDoc, replayedDoc] = await Promise.all([
      live.collection(previous.collection).get(previous.id),
      replayed.collection(previous.collection).get(previous.id),
    ]);
    const ref = { projection: previous.projection, collection: previous.collection };
    const difference = liveDoc || replayedDoc ? differenceOf(ref, previous.id, liveDoc, replayedDoc, ignore) : undefined;
    if (difference) remaining.push(difference);
  }
  return remaining;
}
