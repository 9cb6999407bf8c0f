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
import type { Logger } from 'pino';
import type { Authenticator, Principal, RouteAccess } from './auth.ts';
import { type FieldError, ProblemError, type ProblemDetails, problemType } from './problem.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Which roles of SPEC section 1 may call the route; every /v1 route must say. */
    access?: RouteAccess;
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
}

export interface PublicRateLimit {
  max: number;
  timeWindowMs: number;
}

export const defaultPublicRateLimit: PublicRateLimit = { max: 60, timeWindowMs: 60_000 };

/** The /v1 routes that take no key: the complainant's and the public's (health and docs are not limited). */
const isPublicApiRoute = (request: FastifyRequest) => request.routeOptions.config?.access === 'public' && (request.routeOptions.url ?? '').startsWith('/v1/');

export interface ReadyHttpApp {
  app: HttpApp;
  /** /healthz answers 200 only after this: adapters connected, consumers started. */
  markReady(): void;
}

/**
 * The one way the ledger's HTTP servers are made: zod schemas in and out, RFC 9457 problem details for every
 * error, bearer authentication with per-route roles, request ids in every log line, OpenAPI at /docs.
 */
export async function createHttpApp(options: HttpAppOptions): Promise<ReadyHttpApp> {
  const fastify = Fastify({
    loggerInstance: options.logger,
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.:-]{1,128}$/.test(given) ? given : randomUUID();
    },
  });
  const app = fastify.withTypeProvider<ZodTypeProvider>() as unknown as HttpApp;
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // A POST whose fields are all optional (a period close, an acceptance) is often sent with a JSON content type
  // and no body at all (fetch does): that says "no fields", not malformed JSON. Anything else parses as before.
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
      components: { securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'An API key bound to a role' } } },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
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

  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config?.access;
    if (access === undefined || access === 'public') return;
    const header = request.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : undefined;
    const principal = token ? options.authenticator.authenticate(token) : undefined;
    if (!principal) {
      throw new ProblemError({
        slug: 'unauthenticated',
        title: 'Not authenticated',
        status: 401,
        detail: token ? 'the API key is not known' : 'send an API key as "Authorization: Bearer <key>"',
      });
    }
    if (!access.includes(principal.role)) {
      throw new ProblemError({
        slug: 'forbidden',
        title: 'Not allowed for this role',
        status: 403,
        detail: `role ${principal.role} may not call this route; allowed: ${access.join(', ')}`,
      });
    }
    request.principal = principal;
  });

  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  app.setErrorHandler((error: FastifyError, request, reply) => sendProblem(request, reply, problemOf(error, request)));
  app.setNotFoundHandler((request, reply) =>
    sendProblem(request, reply, {
      type: problemType('route-not-found'),
      title: 'Not found',
      status: 404,
      detail: `no route ${request.method} ${request.url.split('?')[0]}`,
    }),
  );

  app.get('/healthz', { schema: { hide: true }, config: { access: 'public' } }, async (_request, reply) => {
    if (!ready) return reply.code(503).send({ status: 'starting' });
    return { status: 'ok' };
  });

  return {
    app,
    markReady() {
      ready = true;
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

function sendProblem(request: FastifyRequest, reply: FastifyReply, problem: ProblemDetails) {
  if (problem.status < 500) request.log.info({ problem: { type: problem.type, status: problem.status, detail: problem.detail } }, 'request refused');
  return reply
    .code(problem.status)
    .type('application/problem+json')
    .serializer((payload: unknown) => JSON.stringify(payload))
    .send({ ...problem, instance: request.url.split('?')[0] });
}
