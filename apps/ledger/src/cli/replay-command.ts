import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import {
  type ReplayReport,
  ReplayRequestError,
  documentsOf,
  inMemoryReplayTarget,
  progressBar,
  replayReadModels,
} from '@ledger/audit';
import type { Document, Projection, ReadStore } from '@ledger/readstore';
import { ledgerProjections } from '../host.ts';
import { type CliIo, UsageError, exitCodes } from './io.ts';
import { type LocationFlags, ledgerLocation } from './ledger-location.ts';
import { replayReportText } from './replay-report-text.ts';

export const replayOptions = {
  compare: { type: 'boolean' },
  'as-of': { type: 'string' },
  out: { type: 'string' },
  'ignore-field': { type: 'string', multiple: true },
  'at-head': { type: 'boolean' },
} as const;

export interface ReplayFlags extends LocationFlags {
  compare?: boolean;
  'as-of'?: string;
  out?: string;
  'ignore-field'?: string[];
  'at-head'?: boolean;
  json?: boolean;
  progress?: boolean;
}

/** Every read model the ledger runs: the same list the embedded host starts. */
export const ledgerReadModels = (): Projection[] => ledgerProjections();

async function writeDocuments(file: string, collections: AsyncIterable<[string, Document]>): Promise<number> {
  const output = createWriteStream(file, { encoding: 'utf8' });
  let written = 0;
  for await (const [collection, document] of collections) {
    if (!output.write(`${JSON.stringify({ collection, id: document.id, document })}\n`)) await once(output, 'drain');
    written += 1;
  }
  output.end();
  await once(output, 'finish');
  return written;
}

async function* storedDocuments(store: ReadStore, collections: readonly string[]): AsyncGenerator<[string, Document]> {
  for (const collection of collections) for await (const document of documentsOf(store, collection)) yield [collection, document];
}

async function* answeredDocuments(documents: Record<string, Document[]>): AsyncGenerator<[string, Document]> {
  for (const [collection, list] of Object.entries(documents)) for (const document of list) yield [collection, document];
}

/** `ledger replay [--compare] [--as-of <instant>] [--out <file>]`: exit 1 when --compare finds a difference. */
export async function replayCommand(flags: ReplayFlags, io: CliIo): Promise<number> {
  const location = ledgerLocation(flags, io.env);
  const compare = flags.compare === true;
  const asOf = flags['as-of'];
  const ignoreFields = flags['ignore-field'] ?? [];
  if (compare && asOf !== undefined) {
    throw new UsageError('--as-of cannot be combined with --compare: the live read models stand at the head of the ledger, not at the instant');
  }

  let report: ReplayReport;
  if (location.kind === 'http') {
    const response = await location.ledger.request('POST', '/v1/ledger/replays', {
      compare,
      ...(asOf ? { asOf } : {}),
      ignoreFields,
      documents: flags.out !== undefined,
    });
    const answer = (await response.json()) as ReplayReport & { documents?: Record<string, Document[]> };
    const { documents, ...rest } = answer;
    report = rest;
    if (flags.out !== undefined) io.err(`wrote ${await writeDocuments(flags.out, answeredDocuments(documents ?? {}))} documents to ${flags.out}`);
  } else {
    const database = await location.open();
    const target = await inMemoryReplayTarget();
    const bar = flags.progress === false || !io.progress ? undefined : progressBar({ label: 'replay', unit: 'events', stream: io.progress });
    try {
      const projections = ledgerReadModels();
      report = await replayReadModels({
        store: database.store,
        projections,
        target: target.store,
        ...(asOf !== undefined ? { asOf } : {}),
        // Where each live consumer stands, unless they keep their positions elsewhere (Kafka consumer groups).
        ...(compare ? { compareWith: { readStore: database.readStore, ...(flags['at-head'] ? {} : { positions: database.positions }) } } : {}),
        ignoreFields,
        ...(bar ? { onProgress: (progress) => bar.update(progress.position, progress.target, progress.events) } : {}),
      });
      bar?.stop();
      if (flags.out !== undefined) {
        const collections = [...new Set(projections.flatMap((projection) => projection.collections))];
        io.err(`wrote ${await writeDocuments(flags.out, storedDocuments(target.store, collections))} documents to ${flags.out}`);
      }
    } catch (error) {
      if (error instanceof ReplayRequestError) throw new UsageError(`--${error.field === 'asOf' ? 'as-of' : error.field}: ${error.message.slice(error.field.length + 2)}`);
      throw error;
    } finally {
      bar?.stop();
      await target.dispose();
      await database.close();
    }
  }

  io.out(flags.json ? JSON.stringify(report, null, 2) : replayReportText(report));
  return compare && report.comparison?.equal !== true ? exitCodes.failed : exitCodes.ok;
}
