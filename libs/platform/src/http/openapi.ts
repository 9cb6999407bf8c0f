import { z } from 'zod';
import { problemSchema } from './problem.ts';

/** The problem statuses the API answers with (API.md conventions), and what each says. */
export const problemStatuses = {
  400: 'Malformed request: `errors` names each field (`body.channel`, `querystring.limit`, `headers.idempotency-key`)',
  401: 'No API key, or one the ledger does not know',
  403: "The caller's role may not call this route",
  404: 'Unknown id',
  409: 'Conflict with the current state, or a duplicate',
  422: 'Well-formed, but the rules refuse it (the problem `type` names the rule); also an Idempotency-Key reused for a different request',
  429: 'Past the rate limit: retry after the time the `Retry-After` header gives',
  503: 'Not ready to answer (a read model behind the ledger, a store that does not answer): retry later',
} as const;
export type ProblemStatus = keyof typeof problemStatuses;

export const problemMediaType = 'application/problem+json';

/** One problem response as a route declares it in `schema.response` (fastify serialises problems itself). */
const problemResponse = (status: ProblemStatus) => ({
  description: problemStatuses[status],
  content: { [problemMediaType]: { schema: problemSchema } },
});

/**
 * The problem responses of a route, for its `schema.response`:
 * `response: { 200: answer, ...problemResponses(404, 409, 422) }`. The HTTP app adds the ones every route
 * has anyway (400; 401 and 403 on routes with roles; 404 with path parameters; 409 and 422 on commands),
 * so a route names only what it adds (429 on a rate-limited route, 503 where it may wait).
 */
export function problemResponses(...statuses: ProblemStatus[]): Record<number, ReturnType<typeof problemResponse>> {
  return Object.fromEntries(statuses.map((status) => [status, problemResponse(status)]));
}

/** `Idempotency-Key` as the OpenAPI documents it on every state-changing route (API.md conventions). */
export const idempotencyKeyHeaderJson = {
  type: 'string',
  pattern: '^[\\x21-\\x7e]{1,200}$',
  description:
    'Makes the request safe to retry: a repeat with the same key (and the same request) answers the first answer and writes nothing more; ' +
    'the same key with a different request is a 422. 1-200 visible ASCII characters.',
  examples: ['2f1c9b7e-6a43-4f0e-9d55-1b8f0a7c2d11'],
};

const problemRef = { $ref: '#/components/schemas/Problem' };

interface TransformedSchema {
  response?: Record<string, unknown>;
  headers?: { type?: string; properties?: Record<string, unknown>; required?: string[] };
  [key: string]: unknown;
}

/**
 * Completes a route's OpenAPI description (documentation only, after the zod schemas became JSON Schema):
 * the standard problem responses it lacks and the `Idempotency-Key` header of state-changing methods.
 */
export function completeRouteDocument(
  schema: TransformedSchema,
  route: { method: string | string[]; url: string; config?: { access?: unknown } },
): TransformedSchema {
  if (schema.hide || !route.url.startsWith('/v1/')) return schema;
  const method = (Array.isArray(route.method) ? route.method[0]! : route.method).toUpperCase();
  const authenticated = route.config?.access !== undefined && route.config.access !== 'public';
  // A public route says so: no security requirement, rather than none declared.
  if (!authenticated) schema.security ??= [];
  const statuses: ProblemStatus[] = [400];
  if (authenticated) statuses.push(401, 403);
  if (route.url.includes(':')) statuses.push(404);
  if (method !== 'GET') statuses.push(409, 422);
  const response = (schema.response ??= {});
  for (const status of statuses) {
    response[status] ??= { description: problemStatuses[status], content: { [problemMediaType]: { schema: problemRef } } };
  }
  if (method === 'POST' || method === 'PUT' || method === 'DELETE') {
    const headers = (schema.headers ??= { type: 'object', properties: {} });
    headers.properties = { ...headers.properties, 'idempotency-key': idempotencyKeyHeaderJson };
  }
  return schema;
}

/** A success answer that carries no more than a status (`{ status: "closed" }`). */
export const statusAnswer = <const Status extends string>(status: Status, description: string) =>
  z.object({ status: z.literal(status) }).meta({ description, examples: [{ status }] });

/**
 * A success answer's schema, described and with an example for the OpenAPI (a client generator shows both).
 * Fastify serialises the answer with it: a field the schema does not name would be dropped (tests fail on that).
 */
export const answer = <Schema extends z.ZodType>(schema: Schema, description: string, example: z.output<Schema>): Schema =>
  schema.meta({ description, examples: [example] }) as Schema;

/**
 * True when two types are the same both ways: beside a closed answer, `const checked: [SameType<z.output<typeof
 * answer>, View>] = [true]` fails the typecheck when the view gains a field the answer does not describe.
 */
export type SameType<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/** A text/plain answer (signed notes, keys). */
export const textAnswer = (description: string, example: string) => ({
  description,
  content: { 'text/plain': { schema: z.string().meta({ examples: [example] }) } },
});

/**
 * An object answer that keeps every field the route gives (its named fields documented, others passed
 * through: `additionalProperties` in the OpenAPI), typed as its named fields so routes may return interfaces.
 */
export const openObject = <Shape extends z.ZodRawShape>(shape: Shape): z.ZodObject<Shape> => z.looseObject(shape) as unknown as z.ZodObject<Shape>;

export interface OpenApiObject {
  components?: { schemas?: Record<string, unknown>; [key: string]: unknown };
  [key: string]: unknown;
}

/**
 * Leaves out component schemas nothing refers to: zod's registry gives each named schema an input and an
 * output form, and a schema used only in answers would otherwise list an unused `…Input` twin.
 */
export function withoutUnusedSchemas(document: OpenApiObject): OpenApiObject {
  const schemas = document.components?.schemas;
  if (!schemas) return document;
  const kept: Record<string, unknown> = {};
  let frontier = JSON.stringify({ ...document, components: { ...document.components, schemas: {} } });
  const referenced = (name: string, text: string) => text.includes(`"#/components/schemas/${name}"`);
  // Schemas referred to by paths, then by those schemas, until nothing new is found.
  for (let found = true; found; ) {
    found = false;
    for (const [name, schema] of Object.entries(schemas)) {
      if (name in kept || !referenced(name, frontier)) continue;
      kept[name] = schema;
      frontier += JSON.stringify(schema);
      found = true;
    }
  }
  return { ...document, components: { ...document.components, schemas: kept } };
}
