import createClient from 'openapi-fetch';
import { ApiError, problemOf } from './problem.ts';
import type { RouteKey } from './route-roles.ts';
import type { paths } from './schema';
import type { UndocumentedAnswers } from './undocumented-answers.ts';

/** The ledger's API on the host that served the page, typed from its OpenAPI. */
export const api = createClient<paths>({ baseUrl: window.location.origin });

let bearer: string | undefined;
/** The signed-in key, sent on every call; the public pages send none. */
export function setApiKey(key: string | undefined): void {
  bearer = key;
}
api.use({
  onRequest({ request }) {
    if (bearer && !request.headers.has('authorization')) request.headers.set('authorization', `Bearer ${bearer}`);
    return request;
  },
});

type Operation<K> = K extends `${infer Method} ${infer Path}`
  ? Path extends keyof paths
    ? Lowercase<Method> extends keyof paths[Path]
      ? paths[Path][Lowercase<Method>]
      : never
    : never
  : never;
type JsonOf<R> = R extends { content: { 'application/json': infer Body } } ? Body : never;
type DocumentedAnswer<K> = Operation<K> extends { responses: infer R } ? JsonOf<R[200 & keyof R]> | JsonOf<R[201 & keyof R]> : never;

/** What a route answers: its OpenAPI type where documented, else the interim type of undocumented-answers.ts. */
export type Answer<K extends RouteKey> = [DocumentedAnswer<K>] extends [never]
  ? K extends keyof UndocumentedAnswers
    ? UndocumentedAnswers[K]
    : unknown
  : DocumentedAnswer<K>;

/** The body of a successful answer to `route`, or the ApiError carrying the problem the ledger answered. */
export function answer<K extends RouteKey>(route: K, result: { data?: unknown; error?: unknown; response: Response }): Answer<K> {
  if (!result.response.ok) throw new ApiError(problemOf(result.response, result.error));
  void route; // names the route for the type only
  return result.data as Answer<K>;
}

/** A fresh Idempotency-Key: one per form, so a retried submission (a double click, a lost answer) writes once. */
export const newIdempotencyKey = (): string => crypto.randomUUID();
