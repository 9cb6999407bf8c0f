import { ROOT_CONTEXT, type Span, SpanKind, SpanStatusCode, context, propagation, trace } from '@opentelemetry/api';
import type { FastifyRequest } from 'fastify';
import type { HttpApp } from './app.ts';
import { isTracingOn, ledgerTracer } from '@ledger/eventstore';

/**
 * A SERVER span per request when tracing is on (issue 14.3), child of the caller's `traceparent` header if sent,
 * named by the route's pattern (never by ids in the URL). The route's handler runs inside it, so the command, the
 * append and what the appended events cause downstream join its trace. Off: no hook at all.
 */
export function traceRequests(app: HttpApp): void {
  if (!isTracingOn()) return;
  const spans = new WeakMap<FastifyRequest, Span>();
  app.addHook('onRequest', (request, _reply, done) => {
    const parent = propagation.extract(ROOT_CONTEXT, request.headers);
    const span = ledgerTracer().startSpan(request.method, { kind: SpanKind.SERVER, attributes: { 'http.request.method': request.method } }, parent);
    spans.set(request, span);
    context.with(trace.setSpan(parent, span), done);
  });
  // The body arrives on the socket's own async context: enter the span again right before the handler.
  app.addHook('preHandler', (request, _reply, done) => {
    const span = spans.get(request);
    if (!span) return done();
    context.with(trace.setSpan(ROOT_CONTEXT, span), done);
  });
  const end = (request: FastifyRequest, statusCode?: number) => {
    const span = spans.get(request);
    if (!span) return;
    spans.delete(request);
    const route = request.routeOptions.url;
    if (route) {
      span.updateName(`${request.method} ${route}`);
      span.setAttribute('http.route', route);
    }
    if (statusCode !== undefined) {
      span.setAttribute('http.response.status_code', statusCode);
      if (statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    }
    span.end();
  };
  app.addHook('onResponse', (request, reply, done) => {
    end(request, reply.statusCode);
    done();
  });
  app.addHook('onRequestAbort', (request, done) => {
    end(request);
    done();
  });
}
