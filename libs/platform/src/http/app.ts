import { traceRequests } from './tracing.ts';
import { withFreshnessSince } from './freshness.ts';
import { answerAfterOwnWrites } from './own-writes.ts';
import { randomUUID } from 'node:crypto';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type RawReplyDefaultExpression,
  type RawRequestDefaultExpression,
  type RawServerDefault,
} from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { textProblem } from '@ledger/events';
import type { Logger } from 'pino';
import type { Authenticator, Principal, RouteAccess } from './auth.ts';
import { MetricsRegistry, type Operations, registerOperations } from './operations.ts';
import { type OpenApiObject, completeRouteDocument, withoutUnusedSchemas } from './openapi.ts';
import { type FieldError, ProblemError, type ProblemDetails, problemType } from './problem.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Which roles of SPEC section 1 may call the route; every /v1 route must say. */
    access?: RouteAccess;
    /** False for a route that reads no stream-state cache (health, readiness, metrics): it keeps no freshness moment (withFreshnessSince). */
    readsStreamState?: boolean;
  }
  interface FastifyRequest {
    /** The authenticated caller; set on every route that is not public. */
    principal?: Principal;
  }
}

export type HttpApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

export interface HttpAppOptions {
  logger: Logger;
  authenticator: Authenticator;
  title: string;
  version?: string;
  description?: string;
  /** Requests per client (address) and window on the routes that take no key (SPEC 8); default 60 a minute. */
  publicRateLimit?: PublicRateLimit;
  /**
   * Reverse proxies (addresses, CIDR ranges, `loopback`…) whose `X-Forwarded-For` is believed: the client address of
   * the public rate limit and of public idempotency is then the last one not of them. None: the connection's peer.
   */
  trustedProxies?: readonly string[];
  /**
   * Fail an answer whose response schema would drop one of its fields (the zod serialiser strips what a schema
   * does not name): on in tests (LEDGER_CHECK_RESPONSES=1), so a response schema that forgets a field fails there.
   */
  checkResponses?: boolean;
  /** `/readyz` checks and the `/metrics` registry; none: a fresh registry and readiness from `markReady` alone. */
  operations?: Operations;
  /** A command's answer waits on it (ServiceContext.ownWritesVisible); none: answered as soon as it is stored. */
  ownWritesVisible?: (position: number) => Promise<void>;
}

export interface PublicRateLimit {
  max: number;
  timeWindowMs: number;
}

export const defaultPublicRateLimit: PublicRateLimit = { max: 60, timeWindowMs: 60_000 };

/**
 * Names the caller on every later log line of the request. `request.log` is the request's own child of the app's
 * pino logger (fastify makes one a request, and the reply shares it), so its bindings are the request's alone;
 * fastify's type names only the base logger.
 */
const bindCaller = (request: FastifyRequest, caller: { principal: string; role: string }): void => (request.log as Logger).setBindings(caller);

/** The /v1 routes that take no key: the complainant's and the public's (health and docs are not limited). */
const isPublicApiRoute = (request: FastifyRequest) => request.routeOptions.config?.access === 'public' && (request.routeOptions.url ?? '').startsWith('/v1/');

export interface ReadyHttpApp {
  app: HttpApp;
  /** /healthz and /readyz answer 200 only after this: adapters connected, consumers started. */
  markReady(): void;
  /**
   * A condition /readyz answers 503 under while it names a problem (a checkpoint chain the keeper refused to extend).
   * /healthz does not read it: it says the process lives (API.md), and a supervisor must not restart a process for
   * a problem a restart cannot fix.
   */
  addReadinessCheck(name: string, problem: () => string | undefined): void;
}

/**
 * The one way the ledger's HTTP servers are made: zod schemas in and out, RFC 9457 problem details for every
 * error, bearer authentication with per-route roles, request ids in every log line, OpenAPI at /docs.
 */
export async function createHttpApp(options: HttpAppOptions): Promise<ReadyHttpApp> {
  const fastify = Fastify({
    loggerInstance: options.logger,
    // `request.ip` is who the rate limit and public idempotency count as the client: a header only a trusted proxy may set.
    trustProxy: options.trustedProxies?.length ? [...options.trustedProxies] : false,
    // Path parameters are checked by the routes' schemas (a 400 naming the field), not cut at the router's
    // default 100 characters (a 404 that hid the reason); longer than this, the URL is no route of the ledger.
    routerOptions: { maxParamLength: 2_000 },
    // Errors the router raises before any route runs (a malformed %-escape) are problem details too (SPEC 9).
    frameworkErrors: (error, request, reply) => {
      const problem: ProblemDetails = {
        type: problemType(error.code === 'FST_ERR_BAD_URL' ? 'bad-url' : 'bad-request'),
        title: 'Bad request',
        status: 400,
        detail: error.code === 'FST_ERR_BAD_URL' ? 'the URL is not validly percent-encoded' : `the URL could not be routed (${error.code})`,
      };
      void (reply as FastifyReply).code(400).type('application/problem+json').send(JSON.stringify({ ...problem, instance: safePathOf(request.url) }));
    },
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.:-]{1,128}$/.test(given) ? given : randomUUID();
    },
  });
  const app = fastify.withTypeProvider<ZodTypeProvider>() as unknown as HttpApp;
  // First of all hooks, so that the request's span covers authentication too.
  traceRequests(app);
  // Before authentication, which reads the key's state.
  withFreshnessSince(app);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(options.checkResponses ?? process.env.LEDGER_CHECK_RESPONSES === '1' ? checkedSerializerCompiler : serializerCompiler);
  // A POST whose fields are all optional (a period close, an acceptance) is often sent with a JSON content type
  // and no body at all (fetch does): that says "no fields", not malformed JSON. Anything else parses as before.
  // Every body of the API is JSON: any other content type is a 415 problem (SPEC 9), not a string the schema refuses.
  app.removeContentTypeParser('text/plain');
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body.toString();
    if (text === '') return done(null, undefined);
    parseJson(request, text, done);
  });
  let ready = false;

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: options.title,
        version: options.version ?? '1',
        description:
          (options.description ?? '') +
          '\n\nErrors are `application/problem+json` (RFC 9457). `type` is a relative reference `/problems/<code>`; ' +
          'validation errors list `errors: [{ path, message }]` where path names the field (`body.channel`). ' +
          'Every POST that changes state accepts an `Idempotency-Key` header (1-200 visible characters).',
      },
      servers: [{ url: '/', description: 'The host that serves this document' }],
      components: { securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'An API key the ledger issued (one role, one person), or an OpenID Connect token of the configured issuer' } } },
    },
    // The zod schemas become JSON Schema; then every /v1 route gets the standard problem responses and headers.
    transform: (document) => {
      const transformed = jsonSchemaTransform(document);
      const route = (document as unknown as { route: { method: string | string[]; url: string; config?: { access?: unknown } } }).route;
      return { ...transformed, schema: completeRouteDocument(transformed.schema as Record<string, unknown>, route) as typeof transformed.schema };
    },
    transformObject: (document) => withoutUnusedSchemas(jsonSchemaTransformObject(document) as unknown as OpenApiObject) as ReturnType<typeof jsonSchemaTransformObject>,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });

  // SPEC 8: public routes are rate-limited per client, in one budget across them, so that tracking codes cannot be
  // guessed and the public desk cannot be flooded. Past the limit: 429 problem details with Retry-After.
  const limit = options.publicRateLimit ?? defaultPublicRateLimit;
  await app.register(fastifyRateLimit, {
    global: true,
    max: limit.max,
    timeWindow: limit.timeWindowMs,
    allowList: (request) => !isPublicApiRoute(request),
    keyGenerator: (request) => request.ip,
    errorResponseBuilder: (_request, context) =>
      new ProblemError({
        slug: 'rate-limited',
        title: 'Too many requests',
        status: context.statusCode,
        detail: `more than ${context.max} requests from this client to the public routes; retry in ${context.after}`,
      }),
  });

  app.addHook('onRoute', (route) => {
    const access = route.config?.access;
    if (route.url.startsWith('/v1/') && access === undefined) {
      throw new Error(`route ${String(route.method)} ${route.url} does not declare which roles may call it`);
    }
    if (access && access !== 'public') {
      const schema = (route.schema ??= {}) as Record<string, unknown>;
      schema.security = [{ apiKey: [] }];
      schema.description = [schema.description, `Roles: ${access.join(', ')}.`].filter(Boolean).join('\n\n');
    }
  });

  /** Every route's methods by path pattern, to tell a wrong method (405 with `Allow`) from an unknown path (404). */
  const routeMethods: { pattern: RegExp; methods: Set<string> }[] = [];
  app.addHook('onRoute', (route) => {
    const source = route.url
      .split('/')
      .map((part) => (part.startsWith(':') ? '[^/]+' : part === '*' ? '.*' : part.replaceAll(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('/');
    const pattern = new RegExp(`^${source}/?$`);
    const entry = routeMethods.find((candidate) => candidate.pattern.source === pattern.source) ?? routeMethods[routeMethods.push({ pattern, methods: new Set() }) - 1]!;
    for (const method of [route.method].flat()) entry.methods.add(String(method).toUpperCase());
  });

  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config?.access;
    // Who called, on every request log line after this one (issue 14.4); the key itself never. Bound on the request's
    // own logger (fastify makes one a request, shared by its reply): a second child logger a request cost about as
    // much host CPU as a history read's whole decision (issue 9).
    if (access === undefined || access === 'public') {
      bindCaller(request, { principal: 'anonymous', role: 'public' });
      return;
    }
    // RFC 9110: the scheme is case-insensitive (`bearer`, `BEARER`).
    const token = /^bearer[ \t]+(\S.*)$/i.exec(request.headers.authorization ?? '')?.[1]?.trim();
    const principal = token ? await options.authenticator.authenticate(token) : undefined;
    bindCaller(request, principal ? { principal: principal.id, role: principal.role } : { principal: 'unknown', role: 'unauthenticated' });
    if (!principal) {
      throw new ProblemError({
        slug: 'unauthenticated',
        title: 'Not authenticated',
        status: 401,
        detail: token ? 'the API key or token is not known, revoked or expired' : 'send an API key as "Authorization: Bearer <key>"',
      });
    }
    const role = (principal.roles ?? [principal.role]).find((held) => access.includes(held));
    if (!role) {
      throw new ProblemError({
        slug: 'forbidden',
        title: 'Not allowed for this role',
        status: 403,
        detail: `role ${(principal.roles ?? [principal.role]).join(', ')} may not call this route; allowed: ${access.join(', ')}`,
      });
    }
    request.principal = role === principal.role ? principal : { ...principal, role };
  });

  // SPEC 9: no text with U+0000 or an unpaired surrogate goes further than here, whatever a route's schema says
  // (the routes' own schemas use the same `safeText`; this also covers parameters a schema does not name).
  app.addHook('preValidation', async (request) => {
    const errors: FieldError[] = [];
    collectTextProblems('params', request.params, errors);
    collectTextProblems('querystring', request.query, errors);
    collectTextProblems('body', request.body, errors);
    if (errors.length > 0) {
      throw new ProblemError({
        slug: 'validation',
        title: 'Invalid request',
        status: 400,
        detail: errors.map((fieldError) => `${fieldError.path}: ${fieldError.message}`).join('; '),
        errors,
      });
    }
  });

  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  if (options.ownWritesVisible) answerAfterOwnWrites(app, options.ownWritesVisible);

  app.setErrorHandler((error: FastifyError, request, reply) => sendProblem(request, reply, problemOf(error, request)));
  app.setNotFoundHandler((request, reply) => {
    const path = safePathOf(request.url);
    const allowed = new Set<string>();
    for (const { pattern, methods } of routeMethods) if (pattern.test(path)) for (const method of methods) allowed.add(method);
    if (allowed.size > 0 && !allowed.has(request.method)) {
      const allow = [...allowed].toSorted().join(', ');
      reply.header('allow', allow);
      return sendProblem(request, reply, {
        type: problemType('method-not-allowed'),
        title: 'Method not allowed',
        status: 405,
        detail: `${path} does not answer ${request.method}; it answers ${allow}`,
      });
    }
    return sendProblem(request, reply, {
      type: problemType('route-not-found'),
      title: 'Not found',
      status: 404,
      detail: `no route ${request.method} ${path}`,
    });
  });

  const readinessChecks: { name: string; problem: () => string | undefined }[] = [];
  const operations = options.operations ?? { registry: new MetricsRegistry() };
  registerOperations(
    app as unknown as FastifyInstance,
    {
      ...operations,
      // The checks a module added (a checkpoint chain the keeper refused to extend) beside the host's own.
      readiness: async () => [
        ...((await operations.readiness?.()) ?? []),
        ...readinessChecks.map(({ name, problem }) => {
          const found = problem();
          return found ? { name, ok: false, detail: found } : { name, ok: true };
        }),
      ],
    },
    () => ready,
  );

  app.get('/healthz', { schema: { hide: true }, config: { access: 'public', readsStreamState: false } }, async (_request, reply) => {
    if (!ready) return reply.code(503).send({ status: 'starting' });
    return { status: 'ok' };
  });

  return {
    app,
    markReady() {
      ready = true;
    },
    addReadinessCheck(name, problem) {
      readinessChecks.push({ name, problem });
    },
  };
}

function problemOf(error: FastifyError, request: FastifyRequest): ProblemDetails {
  if (error instanceof ProblemError) return error.problem;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const location = error.validationContext ?? 'body';
    const errors: FieldError[] = error.validation.map((issue) => {
      const path = [location, ...issue.instancePath.split('/').filter(Boolean)].join('.');
      const params = issue.params as { issue?: { path?: PropertyKey[] } } | undefined;
      const deep = params?.issue?.path?.length ? [location, ...params.issue.path.map(String)].join('.') : path;
      return { path: deep, message: issue.message ?? 'invalid' };
    });
    return {
      type: problemType('validation'),
      title: 'Invalid request',
      status: 400,
      detail: errors.map((fieldError) => `${fieldError.path}: ${fieldError.message}`).join('; '),
      errors,
    };
  }
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    return {
      type: problemType(error.code ? error.code.toLowerCase().replaceAll('_', '-') : 'bad-request'),
      title: status === 415 ? 'Unsupported media type' : 'Bad request',
      status,
      detail: error.message,
    };
  }
  request.log.error({ err: error }, 'request failed');
  return { type: problemType('internal'), title: 'Internal error', status: 500, detail: `the ledger could not answer; request id ${request.id}` };
}

/** The request's path without its query, as the problem's `instance` (a path that is not valid text is shown escaped). */
function safePathOf(url: string): string {
  const path = url.split('?')[0] ?? '/';
  return path.isWellFormed() ? path : path.toWellFormed();
}

const maxTextProblems = 20;

/** Every string under `value` that `textProblem` refuses, each with the path of its field (`body.summary`). */
function collectTextProblems(path: string, value: unknown, errors: FieldError[], depth = 0): void {
  if (errors.length >= maxTextProblems || depth > 32) return;
  if (typeof value === 'string') {
    const problem = textProblem(value);
    if (problem) errors.push({ path, message: problem });
    return;
  }
  if (value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    value.forEach((item, index) => collectTextProblems(`${path}.${index}`, item, errors, depth + 1));
    return;
  }
  for (const [key, item] of Object.entries(value)) {
    const keyProblem = textProblem(key);
    if (keyProblem) errors.push({ path: `${path}.${key.toWellFormed().replaceAll('\u0000', '\\u0000')}`, message: `field name ${keyProblem}` });
    collectTextProblems(`${path}.${key}`, item, errors, depth + 1);
  }
}

function sendProblem(request: FastifyRequest, reply: FastifyReply, problem: ProblemDetails) {
  if (problem.status === 401) reply.header('www-authenticate', 'Bearer realm="accountability-ledger"');
  if (problem.status < 500) request.log.info({ problem: { type: problem.type, status: problem.status, detail: problem.detail } }, 'request refused');
  return reply
    .code(problem.status)
    .type('application/problem+json')
    .serializer((payload: unknown) => JSON.stringify(payload))
    .send({ ...problem, instance: safePathOf(request.url) });
}

type SerializerCompiler = typeof serializerCompiler;

/** The zod serialiser, and then a check that it kept every field of the answer (see `checkResponses`). */
const checkedSerializerCompiler: SerializerCompiler = (route) => {
  const serialize = serializerCompiler(route);
  return (data: unknown) => {
    const text = serialize(data);
    const dropped = droppedPaths(JSON.parse(JSON.stringify(data)) as unknown, JSON.parse(text) as unknown, '');
    if (dropped.length > 0) throw new Error(`the response schema of ${route.method} ${route.url} drops ${dropped.join(', ')}`);
    return text;
  };
};

function droppedPaths(given: unknown, sent: unknown, path: string): string[] {
  if (given === null || typeof given !== 'object' || sent === null || typeof sent !== 'object') return [];
  if (Array.isArray(given)) return Array.isArray(sent) ? given.flatMap((item, index) => droppedPaths(item, sent[index], `${path}[${index}]`)) : [];
  const out = sent as Record<string, unknown>;
  return Object.entries(given).flatMap(([key, value]) =>
    key in out ? droppedPaths(value, out[key], `${path}.${key}`) : [`${path}.${key}`],
  );
}
