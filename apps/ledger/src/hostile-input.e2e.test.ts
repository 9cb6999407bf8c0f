import * as fc from 'fast-check';
import { as } from '@ledger/testing/ledger';
import type { Role } from '@ledger/platform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LedgerHost } from './host.ts';
import { startTestLedger } from './test-ledger.testkit.ts';

// SPEC 9 (issue 11 item 4): every text field of every route, as the OpenAPI at /docs/json lists them (path,
// query and body), is sent NUL, lone surrogates, 10 kB strings and odd Unicode. The ledger never answers 5xx,
// refuses NUL and lone surrogates with a 400 naming the field, and records nothing when it refuses.

type JsonSchema = { type?: string | string[]; enum?: unknown[]; format?: string; properties?: Record<string, JsonSchema>; required?: string[]; items?: JsonSchema; minimum?: number; $ref?: string; anyOf?: JsonSchema[]; oneOf?: JsonSchema[]; minLength?: number };
interface Operation {
  method: string;
  path: string;
  role: Role | undefined;
  params: { name: string; in: 'path' | 'query'; schema: JsonSchema }[];
  body: JsonSchema | undefined;
}
/** One text field of one route: where it goes and under which name (a body path like `complainant.name`). */
interface TextField {
  operation: Operation;
  in: 'path' | 'query' | 'body';
  name: string;
}

/**
 * Each of the two sweeps below sends a few hundred requests (every text field three times; 80 random cases), each
 * with reads of the head and a wait for the consumers: tens of seconds at load 13–24 on 2 cores, near the default
 * 60 s. Their budget is proportionate to that work, so that only a hang fails them.
 */
const sweepTimeoutMs = 180_000;

const nul = 'a\u0000b';
const loneHigh = 'x\ud800y';
const loneLow = '\udc00';

describe('hostile text on every route (property)', () => {
  let ledger: LedgerHost;
  let operations: Operation[] = [];
  let fields: TextField[] = [];
  let components: Record<string, JsonSchema> = {};

  const resolve = (schema: JsonSchema): JsonSchema => (schema.$ref ? resolve(components[schema.$ref.split('/').pop()!] ?? {}) : schema);

  /** A value the schema takes, as plain as can be: the routes then fail (or not) on the field under test only. */
  function sample(schema: JsonSchema, name = ''): unknown {
    const resolved = resolve(schema);
    const options = resolved.anyOf ?? resolved.oneOf;
    if (options) return sample(options.find((option) => resolve(option).type !== 'null') ?? options[0]!, name);
    if (resolved.enum) return resolved.enum[0];
    const type = [resolved.type].flat()[0];
    if (type === 'object') {
      const body: Record<string, unknown> = {};
      for (const key of resolved.required ?? []) body[key] = sample(resolved.properties?.[key] ?? {}, key);
      return body;
    }
    if (type === 'array') return [];
    if (type === 'integer' || type === 'number') return resolved.minimum ?? 1;
    if (type === 'boolean') return true;
    if (resolved.format === 'date-time') return '2026-03-01T08:00:00+08:00';
    if (/department/i.test(name)) return 'ht-dept';
    if (/person/i.test(name)) return 'ht-person';
    if (name === 'year') return '2026';
    return 'plain text';
  }

  /** Every string field of a body schema, by dotted path (one level into nested objects). */
  function bodyTextFields(schema: JsonSchema, prefix = ''): string[] {
    const resolved = resolve(schema);
    const found: string[] = [];
    for (const [key, property] of Object.entries(resolved.properties ?? {})) {
      const field = resolve(property);
      const type = [field.type].flat()[0];
      if (type === 'string' && !field.enum) found.push(`${prefix}${key}`);
      if (type === 'object' && !prefix) found.push(...bodyTextFields(field, `${key}.`));
      if (type === 'array' && field.items && [resolve(field.items).type].flat()[0] === 'string') found.push(`${prefix}${key}.0`);
    }
    return found;
  }

  /** Percent-encodes any string, lone surrogates too (as the UTF-8 bytes of the code point, which is no valid UTF-8). */
  function encodeSegment(value: string): string {
    let out = '';
    for (const char of value) {
      const code = char.codePointAt(0)!;
      if (code >= 0xd800 && code <= 0xdfff) out += [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)].map((byte) => `%${byte.toString(16).toUpperCase()}`).join('');
      else out += encodeURIComponent(char);
    }
    return out;
  }

  function setPath(target: Record<string, unknown>, dotted: string, value: string): Record<string, unknown> {
    const copy = structuredClone(target);
    const keys = dotted.split('.');
    let at: Record<string, unknown> | unknown[] = copy;
    keys.slice(0, -1).forEach((key, index) => {
      const next = keys[index + 1]!;
      const container = at as Record<string, unknown>;
      container[key] ??= /^\d+$/.test(next) ? [] : {};
      at = container[key] as Record<string, unknown>;
    });
    (at as Record<string, unknown>)[keys.at(-1)!] = value;
    return copy;
  }

  async function send(field: TextField, value: string) {
    const { operation } = field;
    let url = operation.path;
    const query: string[] = [];
    for (const param of operation.params) {
      const given = param.name === field.name && field.in === param.in ? value : String(sample(param.schema, param.name));
      if (param.in === 'path') url = url.replace(`{${param.name}}`, encodeSegment(given));
      else if (param.name === field.name && field.in === 'query') query.push(`${param.name}=${encodeSegment(given)}`);
    }
    const baseBody = operation.body ? (sample(operation.body) as Record<string, unknown>) : undefined;
    const body = field.in === 'body' && baseBody ? setPath(baseBody, field.name, value) : baseBody;
    const response = await ledger.app.inject({
      method: operation.method.toUpperCase() as 'GET',
      url: query.length ? `${url}?${query.join('&')}` : url,
      headers: { ...(operation.role ? as(operation.role) : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
    });
    return { status: response.statusCode, body: response.body, json: () => response.json() as { errors?: { path: string }[]; type?: string } };
  }

  const label = (field: TextField) => `${field.operation.method.toUpperCase()} ${field.operation.path} ${field.in}.${field.name}`;

  beforeAll(async () => {
    ledger = await startTestLedger();
    await ledger.app.inject({ method: 'PUT', url: '/v1/departments/ht-dept', headers: as('evaluation-office'), payload: { name: 'Housing Bureau', category: 'service-facing' } });
    await ledger.app.inject({ method: 'PUT', url: '/v1/people/ht-person', headers: as('evaluation-office'), payload: { name: 'Wang Fang', departmentId: 'ht-dept' } });
    const doc = (await ledger.app.inject({ url: '/docs/json' })).json() as {
      paths: Record<string, Record<string, { parameters?: Operation['params']; requestBody?: { content: Record<string, { schema: JsonSchema }> }; description?: string; security?: unknown[] }>>;
      components?: { schemas?: Record<string, JsonSchema> };
    };
    components = doc.components?.schemas ?? {};
    for (const [path, methods] of Object.entries(doc.paths)) {
      if (!path.startsWith('/v1/')) continue;
      for (const [method, spec] of Object.entries(methods)) {
        const role = spec.security ? ((/Roles: ([^,.]+)/.exec(spec.description ?? '')?.[1] ?? undefined) as Role | undefined) : undefined;
        const operation: Operation = { method, path, role, params: (spec.parameters ?? []).filter((param) => param.in === 'path' || param.in === 'query'), body: spec.requestBody?.content['application/json']?.schema };
        operations.push(operation);
        for (const param of operation.params) if ([resolve(param.schema).type].flat()[0] === 'string' && !resolve(param.schema).enum) fields.push({ operation, in: param.in, name: param.name });
        if (operation.body) for (const name of bodyTextFields(operation.body)) fields.push({ operation, in: 'body', name });
      }
    }
  });
  afterAll(() => ledger?.stop());

  it('finds the text fields of the routes in the OpenAPI', () => {
    expect(operations.length).toBeGreaterThan(30);
    expect(fields.map(label)).toEqual(expect.arrayContaining(['POST /v1/complaints body.summary', 'POST /v1/complaints body.complainant.name', 'GET /v1/track/{trackingCode} path.trackingCode', 'GET /v1/people/{personId}/history query.reason']));
  });

  it('refuses NUL and lone surrogates in every text field with a 400 naming it, and records nothing', { timeout: sweepTimeoutMs }, async () => {
    await ledger.settled();
    const head = await ledger.store.headPosition();
    for (const field of fields) {
      for (const value of [nul, loneHigh, loneLow]) {
        const before = await ledger.store.headPosition();
        const reply = await send(field, value);
        if (reply.status >= 400) expect(await ledger.store.headPosition(), `${label(field)} ${JSON.stringify(value)} refused yet wrote`).toBe(before);
        if (field.in === 'body' || value === nul) expect(reply.status, `${label(field)} ${JSON.stringify(value)}: ${reply.body}`).toBeGreaterThanOrEqual(400);
        expect(reply.status, `${label(field)} ${JSON.stringify(value)}: ${reply.body}`).toBeLessThan(500);
        // A path parameter with a lone surrogate is no valid UTF-8 URL: a problem about the URL rather than the field.
        if (reply.status === 400 && reply.json().type !== '/problems/bad-url' && (field.in === 'body' || value === nul)) {
          const paths = (reply.json().errors ?? []).map((error) => error.path).join(' ');
          expect(paths, `${label(field)} names the field`).toContain(`${field.in === 'query' ? 'querystring' : field.in === 'path' ? 'params' : 'body'}.${field.name.split('.')[0]}`);
        }
      }
    }
    // Accepted requests may write (a history read with an odd but valid reason is recorded); none was a body field.
    expect(await ledger.store.headPosition()).toBeGreaterThanOrEqual(head);
  });

  it('never answers 5xx to odd text, 10 kB strings included, and writes nothing when it refuses', { timeout: sweepTimeoutMs }, async () => {
    const hostile = fc.oneof(
      fc.constantFrom(nul, loneHigh, loneLow, '\u0000', 'x'.repeat(10_240), '\u202e\u200b\ufeff', 'e\u0301\u0301\u0301', '𝔘𝔫𝔦𝔠𝔬𝔡𝔢', '\u{10ffff}', '%00', '../..', ' '),
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.string({ unit: fc.constantFrom('\u0000', '\ud800', '\udfff', 'a', '中', '\u{1f600}'), maxLength: 20 }),
      fc.tuple(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }), fc.constantFrom('', '\u0000', '\ud800')).map(([unit, tail]) => `${unit.repeat(Math.ceil(10_240 / unit.length)).slice(0, 10_240)}${tail}`),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...fields), hostile, async (field, value) => {
        await ledger.settled();
        const head = await ledger.store.headPosition();
        const reply = await send(field, value);
        expect(reply.status, `${label(field)}: ${reply.body.slice(0, 300)}`).toBeLessThan(500);
        if (reply.status >= 400) expect(await ledger.store.headPosition(), `${label(field)} refused yet wrote`).toBe(head);
        // In a URL a lone surrogate has no UTF-8 form: the router reads its bytes as U+FFFD (valid text) or refuses the URL.
        if (field.in === 'body' ? !value.isWellFormed() || value.includes('\u0000') : value.isWellFormed() && value.includes('\u0000')) expect(reply.status, label(field)).toBeGreaterThanOrEqual(400);
      }),
      { numRuns: 80 },
    );
  });

  it('answers every framework error as a problem: bad URL, wrong method with Allow, wrong content type, long parameters', async () => {
    const problem = { 'content-type': expect.stringContaining('application/problem+json') };
    const badUrl = await ledger.app.inject({ url: '/v1/track/%E0%A4%A', headers: {} });
    expect(badUrl).toMatchObject({ statusCode: 400, headers: problem });
    expect(badUrl.json()).toMatchObject({ type: '/problems/bad-url', status: 400 });
    const wrongMethod = await ledger.app.inject({ method: 'DELETE', url: '/v1/complaints', headers: as('intake-clerk') });
    expect(wrongMethod).toMatchObject({ statusCode: 405, headers: { ...problem, allow: 'GET, HEAD, POST' } });
    const wrongType = await ledger.app.inject({ method: 'POST', url: '/v1/complaints', headers: { ...as('intake-clerk'), 'content-type': 'text/plain' }, payload: 'hello' });
    expect(wrongType).toMatchObject({ statusCode: 415, headers: problem });
    const longId = await ledger.app.inject({ url: `/v1/departments/${'d'.repeat(150)}`, headers: as('auditor') });
    expect(longId).toMatchObject({ statusCode: 404, headers: problem });
    const tooLongId = await ledger.app.inject({ url: `/v1/departments/${'d'.repeat(201)}`, headers: as('auditor') });
    expect(tooLongId).toMatchObject({ statusCode: 400, headers: problem });
    expect(tooLongId.json().errors[0].path).toBe('params.departmentId');
    const farTooLong = await ledger.app.inject({ url: `/v1/departments/${'d'.repeat(5_000)}`, headers: as('auditor') });
    expect(farTooLong).toMatchObject({ headers: problem });
    expect(farTooLong.statusCode).toBeLessThan(500);
    const unknownRoute = await ledger.app.inject({ url: '/v1/nothing-here', headers: as('auditor') });
    expect(unknownRoute).toMatchObject({ statusCode: 404, headers: problem });
  });

  it('takes the bearer scheme in any case and answers 401 with WWW-Authenticate', async () => {
    const key = as('auditor').authorization!.slice('Bearer '.length);
    for (const scheme of ['bearer', 'BEARER', 'Bearer']) {
      expect((await ledger.app.inject({ url: '/v1/complaints', headers: { authorization: `${scheme} ${key}` } })).statusCode).toBe(200);
    }
    for (const headers of [{}, { authorization: 'Bearer not-a-key-of-this-ledger-0000' }, { authorization: `Basic ${key}` }]) {
      const refused = await ledger.app.inject({ url: '/v1/complaints', headers });
      expect(refused).toMatchObject({ statusCode: 401, headers: { 'www-authenticate': expect.stringMatching(/^Bearer /) } });
    }
  });

  it('refuses instants before 1900 or past 9999 with a 400, a replay as of year 0 at once', async () => {
    await ledger.settled();
    const head = await ledger.store.headPosition();
    const filing = (receivedAt: string) =>
      ledger.app.inject({ method: 'POST', url: '/v1/complaints', headers: as('intake-clerk'), payload: { channel: 'web', departmentId: 'ht-dept', category: 'delay', summary: 'late', receivedAt } });
    for (const instant of ['0000-01-01T00:00:00Z', '1899-12-31T23:59:59Z', '9999-12-31T23:00:00-05:00']) {
      const refused = await filing(instant);
      expect(refused.statusCode, instant).toBe(400);
      expect(refused.json().errors[0].path).toBe('body.receivedAt');
    }
    const started = Date.now();
    const replay = await ledger.app.inject({ method: 'POST', url: '/v1/ledger/replays', headers: as('auditor'), payload: { asOf: '0000-01-01T00:00:00Z' } });
    expect(replay.statusCode).toBe(400);
    expect(replay.json().errors[0].path).toBe('body.asOf');
    expect(Date.now() - started).toBeLessThan(2_000);
    const history = await ledger.app.inject({ url: '/v1/people/ht-person/history?asOf=0000-01-01T00:00:00Z&reason=audit', headers: as('auditor') });
    expect(history.statusCode).toBe(400);
    expect(await ledger.store.headPosition()).toBe(head);
  });

  it("answers a keyed filing retried after the complainant's erasure as the first time", async () => {
    const headers = { ...as('intake-clerk'), 'idempotency-key': 'ht-erased-retry-1' };
    const payload = { channel: 'web', departmentId: 'ht-dept', category: 'attitude', summary: 'rude at the window', complainant: { name: 'Zhao Lei', phone: '13800000000' } };
    const first = await ledger.app.inject({ method: 'POST', url: '/v1/complaints', headers, payload });
    expect(first.statusCode).toBe(201);
    await ledger.settled();
    const ref = (await ledger.app.inject({ url: `/v1/complaints/${first.json().complaintId}`, headers: as('intake-clerk') })).json().complainant.ref;
    const erased = await ledger.app.inject({ method: 'DELETE', url: `/v1/complainants/${ref}/personal-data`, headers: as('intake-clerk'), payload: { legalBasis: 'request of the data subject' } });
    expect(erased.statusCode).toBe(200);
    const retried = await ledger.app.inject({ method: 'POST', url: '/v1/complaints', headers, payload });
    expect({ status: retried.statusCode, body: retried.json() }).toEqual({ status: 201, body: first.json() });
    const other = await ledger.app.inject({ method: 'POST', url: '/v1/complaints', headers, payload: { ...payload, summary: 'something else' } });
    expect(other.statusCode).toBe(422);
  });
});
