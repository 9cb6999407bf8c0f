import { runWithFreshnessSince } from '@ledger/eventstore';
import type { FastifyRequest } from 'fastify';
import type { HttpApp } from './app.ts';

/**
 * Every stream-state cache a request reads (its key, the department it names, ...) answers as of one probe of the
 * store begun after the request arrived (streamChangeProbe), instead of one query per cache: a change recorded
 * anywhere before the request began still holds for it (issue 9: statements a request).
 */
export function withFreshnessSince(app: HttpApp): void {
  const arrivals = new WeakMap<FastifyRequest, number>();
  app.addHook('onRequest', (request, _reply, done) => {
    const since = performance.now();
    arrivals.set(request, since);
    runWithFreshnessSince(since, done);
  });
  // The body arrives on the socket's own async context: enter the request's moment again right before the handler.
  app.addHook('preHandler', (request, _reply, done) => {
    const since = arrivals.get(request);
    if (since === undefined) return done();
    runWithFreshnessSince(since, done);
  });
}
