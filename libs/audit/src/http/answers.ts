import type { LedgerCloudEvent } from '@ledger/events';
import { answer, textAnswer, type SameType } from '@ledger/platform';
import { z } from 'zod';
import { consistencyProofJsonSchema, inclusionProofJsonSchema } from '../merkle/proof-json.ts';
import type { ReplayReport } from '../replay/replay-read-models.ts';

// The answers of the ledger routes (API.md "Ledger (audit)").

const hashExample = 'ZJmVrpX4XTqfqS9gPCS+qVh8gbKmUxS8UehIgmBCCW8=';

/** One event of the feed: CloudEvents 1.0 JSON with the ledger's extensions. */
const feedEvent = z.object({
  specversion: z.literal('1.0'),
  id: z.string(),
  source: z.string(),
  type: z.string(),
  subject: z.string(),
  time: z.string(),
  datacontenttype: z.literal('application/json'),
  dataschema: z.string().describe('Absolute URI of the JSON Schema of `data` (LEDGER_SCHEMA_BASE_URL, else this host); the Merkle leaf holds its path `/v1/schemas/<type>/v<n>`'),
  position: z.int().describe('Extension: global position in the ledger'),
  streamversion: z.int().describe('Extension: 0-based revision within the stream named by `subject`'),
  occurredat: z.string().describe('Extension: business time of the event'),
  commandid: z.string().optional().describe('Extension: the command (idempotency key) that produced the event'),
  actor: z.string().optional().describe('Extension: who caused the event, `role:id`'),
  data: z.unknown().describe('The event data, as the JSON Schema at `dataschema` describes it'),
}).meta({ id: 'LedgerCloudEvent' });

export const feedAnswer = answer(
  z.object({ events: z.array(feedEvent), next: z.int().describe('Pass as `after` for the next page') }),
  'Events in global order',
  {
    events: [
      {
        specversion: '1.0',
        id: '0b7f4d1c-3a2e-4f59-8c61-2d9e7a5b1f03',
        source: '/ledger/evaluations',
        type: 'org.accountability-ledger.evaluations.DepartmentRegistered.v1',
        subject: 'department-housing-bureau',
        time: '2026-02-03T01:00:00.000Z',
        datacontenttype: 'application/json',
        dataschema: 'https://ledger.example.org/v1/schemas/DepartmentRegistered/v1',
        position: 1,
        streamversion: 0,
        occurredat: '2026-02-03T01:00:00.000Z',
        data: { departmentId: 'housing-bureau' },
      },
    ],
    next: 1,
  },
);

export const leafLinesAnswer = z
  .string()
  .describe(
    'The text feed (Accept: application/x-ndjson): each event of the page as its Merkle leaf bytes, RFC 8785 canonical JSON with `dataschema` as its path, one a line, each ended by a newline. The `Ledger-Next` header carries `next`.',
  )
  .meta({
    examples: [
      '{"actor":"evaluation-office:e1","data":{"departmentId":"housing-bureau"},"datacontenttype":"application/json","dataschema":"/v1/schemas/DepartmentRegistered/v1","id":"0b7f4d1c-3a2e-4f59-8c61-2d9e7a5b1f03","occurredat":"2026-02-03T01:00:00.000Z","position":1,"source":"/ledger/evaluations","specversion":"1.0","streamversion":0,"subject":"department-housing-bureau","time":"2026-02-03T01:00:00.000Z","type":"org.accountability-ledger.evaluations.DepartmentRegistered.v1"}\n',
    ],
  });

export const schemasAnswer = answer(z.record(z.string(), z.unknown()), 'JSON Schema per `<type>/v<version>`', { 'RatingGiven/v1': { type: 'object' } });
export const schemaAnswer = answer(z.looseObject({}), 'A JSON Schema (draft 2020-12)', { type: 'object' });

const checkpointExample = 'accountability-ledger\n42\nZJmVrpX4XTqfqS9gPCS+qVh8gbKmUxS8UehIgmBCCW8=\n\n— accountability-ledger AbCd1234...\n';
export const checkpointAnswer = (description: string) => textAnswer(description, checkpointExample);
export const checkpointsAnswer = answer(
  z.object({
    checkpoints: z.array(
      z.object({
        id: z.int().describe('The order in which the ledger signed it; pass the last as `after` for the next page'),
        size: z.int().describe('Leaves the checkpoint commits to'),
        root: z.string().describe('Root hash of the tree of `size` leaves, base64 (as in the note)'),
        issuedAt: z.string().describe('When the ledger signed it (its own record; the note holds no time)'),
        note: z.string().describe('The signed note, exactly as GET /v1/ledger/checkpoint served it: verify it, do not trust the other fields'),
      }),
    ),
    next: z.int().describe('Pass as `after` for the next page (the last id; `after` itself when the page is empty)'),
  }),
  'Signed checkpoints in the order the ledger signed them',
  { checkpoints: [{ id: 1, size: 42, root: hashExample, issuedAt: '2026-02-03T01:00:00.000Z', note: checkpointExample }], next: 1 },
);
export const verifierKeyAnswer = textAnswer('The note verifier key', 'accountability-ledger+1a2b3c4d+AeXample1VerifierKeyBase64=');

export const inclusionAnswer = answer(inclusionProofJsonSchema, 'RFC 9162 inclusion proof: sibling hashes, base64', { index: 3, size: 8, hashes: [hashExample] });
export const consistencyAnswer = answer(consistencyProofJsonSchema, 'RFC 9162 consistency proof: hashes, base64', { from: 4, to: 8, hashes: [hashExample] });

const replayDifference = z.object({
  projection: z.string(),
  collection: z.string(),
  id: z.string(),
  kind: z.enum(['only-live', 'only-replayed', 'changed']).describe('`only-live`: the replay did not produce it; `only-replayed`: the live model lacks it; `changed`: both have it, with other content'),
  fields: z
    .array(z.object({ path: z.string().describe('Dotted path from the document root, arrays by index'), live: z.unknown().optional(), replayed: z.unknown().optional() }))
    .optional()
    .describe('For `changed`: every differing field'),
});

export const replayAnswer = answer(
  z.object({
    asOf: z.string().optional().describe('The instant the ledger was rebuilt as of, when asked for'),
    head: z.int().describe("The ledger's head position when the replay started"),
    events: z.int().describe('Events read from the store'),
    lastPosition: z.int().describe('Position of the last event read'),
    durationMs: z.number(),
    eventsPerSecond: z.number(),
    readModels: z.array(
      z.object({
        projection: z.string(),
        upTo: z.int().describe('Events up to this position were offered to it'),
        applied: z.int().describe('Events it took'),
        documents: z.record(z.string(), z.int()).describe('Documents rebuilt, per collection'),
      }),
    ),
    deadLetters: z.array(z.object({ projection: z.string(), position: z.int(), eventId: z.string(), reason: z.string() })),
    comparison: z
      .object({ equal: z.boolean(), documents: z.int().describe('Distinct documents compared'), ignoredFields: z.array(z.string()), differences: z.array(replayDifference) })
      .optional()
      .describe('With `compare`: the rebuilt models against the live ones'),
    documents: z.record(z.string(), z.array(z.record(z.string(), z.unknown()))).optional().describe('With `documents`: every rebuilt document, per collection'),
  }),
  'The replay report',
  { head: 120, events: 120, lastPosition: 120, durationMs: 30, eventsPerSecond: 4000, readModels: [{ projection: 'complaint-list', upTo: 120, applied: 40, documents: { complaints: 12 } }], deadLetters: [] },
);

// The answers are the values the routes build, field for field (the keys, and each type both ways).
const described: [SameType<z.output<typeof feedEvent>, LedgerCloudEvent>, SameType<Omit<z.output<typeof replayAnswer>, 'documents'>, ReplayReport>] = [true, true];
void described;
