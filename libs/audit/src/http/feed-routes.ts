import { eventJsonSchemas, toCloudEvent, safeText } from '@ledger/events';
import { notFound } from '@ledger/platform';
import type { EventStore } from '@ledger/eventstore';
import type { HttpApp } from '@ledger/platform';
import { z } from 'zod';
import { leafLinesOf } from '../leaf/encoding.ts';
import { feedAnswer, leafLinesAnswer, schemaAnswer, schemasAnswer } from './answers.ts';

/** The text feed's media type: one JSON value a line (each line a leaf, exactly as hashed). */
export const leafLinesType = 'application/x-ndjson';
/** The text feed's cursor, in a header so that a client can ask for the next page before it has read this one. */
export const nextHeader = 'ledger-next';

/** Whether the client asked for the text feed: `Accept` names it (with a weight above 0). */
function wantsLeafLines(accept: string | undefined): boolean {
  if (accept === undefined || !accept.includes(leafLinesType)) return false;
  return accept.split(',').some((range) => {
    const [type, ...parameters] = range.split(';').map((part) => part.trim());
    return type === leafLinesType && !parameters.some((parameter) => /^q=0(?:\.0*)?$/.test(parameter));
  });
}

/**
 * SPEC 7 "Ledger feed": every event in global order, as CloudEvents JSON; `next` is the cursor to pass as `after`.
 * Asked for `application/x-ndjson`, the same page is the text feed (docs/verification.md section 1): each event's
 * leaf bytes, the canonical JSON it is hashed as, one a line, and the cursor in the `Ledger-Next` header. An auditor
 * hashes those lines as they come, without parsing and re-encoding every event.
 */
export function feedRoutes(app: HttpApp, deps: { store: EventStore; schemaBaseUrl?: string }): void {
  app.get(
    '/v1/ledger/events',
    {
      schema: {
        tags: ['ledger'],
        operationId: 'ledgerEvents',
        response: { 200: { description: 'Events in global order', content: { 'application/json': { schema: feedAnswer }, [leafLinesType]: { schema: leafLinesAnswer } } } },
        summary: 'The ledger feed: all events in global order from a position, as CloudEvents JSON, or as leaf lines (Accept: application/x-ndjson)',
        querystring: z
          .object({
            after: z.coerce.number().int().min(0).default(0).describe('exclusive position; 0 starts at the first event'),
            limit: z.coerce.number().int().min(1).max(1_000).default(100),
          })
          .strict(),
      },
      config: { access: ['auditor', 'service'] },
    },
    async (request, reply) => {
      const { after, limit } = request.query;
      const events = await deps.store.readAll({ after, limit });
      const next = events.at(-1)?.position ?? after;
      if (wantsLeafLines(request.headers.accept)) {
        // A leaf holds the `dataschema` path, not the absolute URI: the lines are the leaves, byte for byte.
        const text = leafLinesOf(events.map((event) => toCloudEvent(event)));
        // Sent as it is: fastify would otherwise hand a text of a `…json` type to the JSON serialiser.
        return reply.type(leafLinesType).header(nextHeader, String(next)).serializer((lines: string) => lines).send(text);
      }
      // `dataschema` is absolute: the configured base, else this host as the request reached it.
      const schemaBaseUrl = deps.schemaBaseUrl ?? process.env.LEDGER_SCHEMA_BASE_URL ?? `${request.protocol}://${request.host}`;
      return { events: events.map((event) => toCloudEvent(event, { schemaBaseUrl })), next };
    },
  );
}

/** The JSON Schema of each event type and version, generated from the zod catalogue: what `dataschema` points at. */
export function schemaRoutes(app: HttpApp): void {
  const schemas = eventJsonSchemas();
  app.get(
    '/v1/schemas',
    { schema: { tags: ['ledger'], operationId: 'eventSchemas', response: { 200: schemasAnswer }, summary: 'Every event type and version the ledger records, as JSON Schema' }, config: { access: 'public' } },
    async () => schemas,
  );
  app.get(
    '/v1/schemas/:type/:version',
    {
      schema: { tags: ['ledger'], operationId: 'eventSchema', response: { 200: schemaAnswer }, summary: "One event type's JSON Schema", params: z.object({ type: safeText().max(100), version: safeText().regex(/^v\d+$/) }) },
      config: { access: 'public' },
    },
    async (request) => {
      const schema = schemas[`${request.params.type}/${request.params.version}`];
      if (!schema) throw notFound('event schema', `${request.params.type}/${request.params.version}`);
      return schema as Record<string, unknown>;
    },
  );
}
