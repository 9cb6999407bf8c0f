import { type EventStore, streamChangeProbe } from '@ledger/eventstore';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../logger.ts';
import { createHttpApp } from './app.ts';
import { apiKeyAuthenticator } from './auth.ts';

/** A store whose change probe only counts how often it is asked. */
function countingStore() {
  let probes = 0;
  const store = {
    headPosition: async () => {
      probes += 1;
      return 0;
    },
    streamChanges: async () => {
      probes += 1;
      return { head: 0, streamIds: [] };
    },
  } as unknown as EventStore & Required<Pick<EventStore, 'streamChanges'>>;
  return { store, probes: () => probes };
}

// Issue 9: a request's stream-state caches answer as of one probe begun after it arrived; routes that read no cache
// (health, readiness, metrics) keep no such moment. Two asks in one handler tell which: with the request's moment the
// first probe (begun after the arrival) serves both; without it, each ask wants a probe begun at its own call.
describe('the freshness moment of a request', () => {
  it('given a route, then its caches share one probe begun after the request arrived; given readsStreamState: false, then the request keeps no moment', async () => {
    const { app, markReady } = await createHttpApp({ logger: createLogger({ level: 'silent' }), authenticator: apiKeyAuthenticator([]), title: 'test' });
    const { store, probes } = countingStore();
    const probe = streamChangeProbe(store);
    const twoAsks = async () => {
      const before = probes();
      await probe.fresh();
      await probe.fresh();
      return { probes: probes() - before };
    };
    app.get('/v1/with-caches', { config: { access: 'public' } }, twoAsks);
    app.get('/v1/without-caches', { config: { access: 'public', readsStreamState: false } }, twoAsks);
    markReady();
    expect((await app.inject({ method: 'GET', url: '/v1/with-caches' })).json()).toEqual({ probes: 1 });
    expect((await app.inject({ method: 'GET', url: '/v1/without-caches' })).json()).toEqual({ probes: 2 });
    expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    await app.close();
  });
});
