import { eventJsonSchemas, toCloudEvent, safeText } from '@ledger/events';
import { notFound } from '@ledger/platform';
import type { EventStore } from '@ledger/eventstore';
import type { HttpApp } from '@ledger/platform';
import { z } from 'zod';
import { feedAnswer, schemaAnswer, schemasAnswer } from './answers.ts';

/** SPEC 7 "Ledger feed": every event in global order, as CloudEvents JSON; `next` is the cursor to pass as `after`. */
export function feedRoutes(app: HttpApp, deps: { store: EventStore; schemaBaseUrl?: string }): void {
  app.get(
    '/v1/ledger/events',
    {
      schema: {
        tags: ['ledger'],
        operationId: 'ledgerEvents',
        response: { 200: feedAnswer },
        summary: 'The ledger feed: all events in global order from a position, as CloudEvents JSON',
        querystring: z
          .object({
            after: z.coerce.number().int().min(0).default(0).describe('exclusive position; 0 starts at the first event'),
            limit: z.coerce.number().int().min(1).max(1_000).default(100),
          })
          .strict(),
      },
      config: { access: ['auditor', 'service'] },
    },
    async (request) => {
      const { after, limit } = request.query;
      const events = await deps.store.readAll({ after, limit });
      // `dataschema` is absolute: the configured base, else this host as the request reached it.
      const schemaBaseUrl = deps.schemaBaseUrl ?? process.env.LEDGER_SCHEMA_BASE_URL ?? `${request.protocol}://${request.host}`;
      return { events: events.map((event) => toCloudEvent(event, { schemaBaseUrl })), next: events.at(-1)?.position ?? after };
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
