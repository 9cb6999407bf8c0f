import { runWithFreshnessSince } from '@ledger/eventstore';
import type { FastifyRequest } from 'fastify';
import type { HttpApp } from './app.ts';

/**
 * Every stream-state cache a request reads (its key, the department it names, ...) answers as of one probe of the
 * store begun after the request arrived (streamChangeProbe), instead of one query per cache: a change recorded
 * anywhere before the request began still holds for it (issue 9: statements a request).
 * A route that says `readsStreamState: false` (health, readiness, metrics) is left alone: it would pay two async
 * contexts for nothing. Were it to read a cache all the same, the cache would ask for a probe begun at its call,
 * later than the request's arrival: as fresh, at most one probe more.
 */
export function withFreshnessSince(app: HttpApp): void {
  const arrivals = new WeakMap<FastifyRequest, number>();
  app.addHook('onRequest', (request, _reply, done) => {
    if (request.routeOptions.config?.readsStreamState === false) return done();
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
