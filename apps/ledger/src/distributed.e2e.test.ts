import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateNoteKey } from '@ledger/audit';
import { createKafka, decodeKafkaMessage, readTopicsToEnd } from '@ledger/messaging';
import { createLogger } from '@ledger/platform';
import { findEngine, freshPostgresDatabase } from '@ledger/testing';
import { withinTimeout } from '@ledger/testing/hook-timeout';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type PrivateKafka,
  ServiceProcess,
  distributedClient,
  eventuallyEqual,
  sharedEnvironment,
  freePort,
  startPrivateKafka,
  type LedgerClient,
  embeddedClient,
} from '@ledger/testing/ledger';
import { accountabilityOf, historiesOf, ladderScenario, rankingsOf, rectificationsOf, sanctionsOf } from './ladder-scenario.testkit.ts';
import { type ReceivedSpan, startOtlpReceiver } from './otlp-receiver.testkit.ts';
import { startTestLedger } from './test-ledger.testkit.ts';

// Issue 5 B, done means: the services as separate processes over real PostgreSQL (the ledger), MongoDB (the
// read models) and Kafka give the same
// person histories, sanctions and apologies as the embedded host, through a SIGKILLed discipline process
// and a broker restart: 0 events lost, 0 doubled. Issue 14.3 across processes: every process exports its spans
// over OTLP/HTTP to a receiver in this test, and a finding and the sanction it caused are one trace.
const postgres = await findEngine('postgres');
const mongo = await findEngine('mongo');
const kafkaAvailable = (await findEngine('kafka')).available;

/**
 * The set-up runs the whole scenario on an embedded host (the expected outcome), starts a Kafka broker of its own (two
 * JVM starts: format and broker) and six Node processes: over 240 s at load 13–24, about 330 s at load 30–37. Its
 * budget is proportionate to that work, so that only a real hang fails it.
 */
const setupTimeoutMs = 480_000;
/** The scenario itself (every phase through six processes, a SIGKILL, a broker restart) took 203 s at load 30–37. */
const scenarioTimeoutMs = 480_000;

type Phase = keyof ReturnType<typeof ladderScenario>['phases'];
const phaseOrder: Phase[] = ['registry', 'wang1', 'wang2', 'wang3', 'spread', 'spreadAgain', 'rankingInputs', 'closeYear', 'wang5', 'overturn'];

/** How many events of each type the ledger holds, and whether any event id appears twice. */
interface FeedEvent {
  id: string;
  type: string;
  source: string;
  subject: string;
  position: number;
}

async function eventCensus(client: LedgerClient): Promise<{ byType: Record<string, number>; duplicateIds: string[]; events: FeedEvent[] }> {
  const byType: Record<string, number> = {};
  const events: FeedEvent[] = [];
  const seen = new Set<string>();
  const duplicateIds: string[] = [];
  for (let after = 0; ; ) {
    const page = (await client({ service: 'relay', method: 'GET', path: `/v1/ledger/events?after=${after}&limit=500`, role: 'auditor' })).body as { events: FeedEvent[] };
    for (const event of page.events) {
      events.push(event);
      if (seen.has(event.id)) duplicateIds.push(event.id);
      seen.add(event.id);
      // Reading a history records the read: the two runs read differently often, by design.
      const type = event.type.split('.').at(-2) ?? event.type;
      if (type !== 'PersonHistoryRead') byType[type] = (byType[type] ?? 0) + 1;
    }
    if (page.events.length === 0) return { byType, duplicateIds, events };
    after = page.events.at(-1)!.position;
  }
}

const isSanctionAppend = (span: ReceivedSpan) => span.name === 'ledger.append' && String(span.attributes['ledger.event_types']).includes('SanctionDecided');

interface Outcome {
  sanctionsAfter: Partial<Record<Phase, unknown[]>>;
  histories: Record<string, unknown>;
  accountability: Record<string, unknown>;
  rankings: Record<string, unknown>;
  rectifications: Record<string, unknown>;
  census: Omit<Awaited<ReturnType<typeof eventCensus>>, 'events'>;
}

async function embeddedOutcome(): Promise<Outcome> {
  const ledger = await startTestLedger();
  try {
    const client = embeddedClient(ledger.app);
    const scenario = ladderScenario(client);
    const sanctionsAfter: Outcome['sanctionsAfter'] = {};
    for (const phase of phaseOrder) {
      await scenario.phases[phase]();
      await ledger.settled();
      sanctionsAfter[phase] = await sanctionsOf(client);
    }
    return {
      sanctionsAfter,
      histories: await historiesOf(client),
      accountability: await accountabilityOf(client),
      rankings: await rankingsOf(client),
      rectifications: await rectificationsOf(client),
      census: await eventCensus(client),
    };
  } finally {
    await ledger.stop();
  }
}

describe.skipIf(!postgres.available || !mongo.available || !kafkaAvailable)('the distributed ledger: every service its own process', () => {
  let kafka: PrivateKafka | undefined;
  let database: { url: string; drop(): Promise<void> } | undefined;
  const logDir = mkdtempSync(join(tmpdir(), 'ledger-distributed-'));
  const processes: Record<'relay' | 'evaluations' | 'complaints' | 'discipline' | 'rankings' | 'rectification', ServiceProcess> = {} as never;
  let expected: Outcome;
  const mongoDatabase = `ledger_e2e_${randomBytes(4).toString('hex')}`;
  const topicPrefix = `e2e-${randomUUID().slice(0, 8)}.`;
  let otlp: Awaited<ReturnType<typeof startOtlpReceiver>> | undefined;
  /** The caller's span of each finding request sent with a trace context, by trace id. */
  const tracedFindings = new Map<string, string>();

  beforeAll(
    ...withinTimeout(setupTimeoutMs, async () => {
      otlp = await startOtlpReceiver();
      // The broker (a JVM) starts while the embedded run goes.
      const starting = startPrivateKafka();
      starting.catch(() => {});
      expected = await embeddedOutcome();
      kafka = await starting;
      database = await freshPostgresDatabase(postgres.available ? postgres.url : '');
      const env = sharedEnvironment({
        postgresUrl: database.url,
        mongo: { url: mongo.available ? mongo.url : '', database: mongoDatabase },
        kafkaBrokers: kafka.brokers,
        topicPrefix,
        signingKey: generateNoteKey('distributed-e2e').signerKey,
        vaultKey: randomBytes(32).toString('base64'),
      });
      // Tracing on in every process, exporting to the receiver; only what a sampled caller's context starts is
      // recorded (the findings below), so the rest of the scenario runs as untraced as without it.
      Object.assign(env, { OTEL_EXPORTER_OTLP_ENDPOINT: otlp.url, OTEL_TRACES_SAMPLER: 'parentbased_always_off', OTEL_BSP_SCHEDULE_DELAY: '200' });
      const scripts = {
        relay: 'apps/relay/src/main.ts',
        evaluations: 'apps/services/src/evaluations.ts',
        complaints: 'apps/services/src/complaints.ts',
        discipline: 'apps/services/src/discipline.ts',
        rankings: 'apps/services/src/rankings.ts',
        rectification: 'apps/services/src/rectification.ts',
      } as const;
      for (const [name, script] of Object.entries(scripts)) {
        processes[name as keyof typeof scripts] = new ServiceProcess({ name: name as keyof typeof scripts, script, port: await freePort(), env, logDir });
      }
      // The relay first: it creates the ledger's tables on the fresh database before the others open it.
      await processes.relay.start();
      await Promise.all([processes.evaluations.start(), processes.complaints.start(), processes.discipline.start(), processes.rankings.start(), processes.rectification.start()]);
    }),
  );

  afterAll(async () => {
    await Promise.all(Object.values(processes).map((service) => service.kill('SIGTERM')));
    await kafka?.stop();
    await database?.drop();
    if (mongo.available) {
      const client = new MongoClient(mongo.url);
      await client.db(mongoDatabase).dropDatabase().finally(() => client.close());
    }
    await otlp?.close();
    rmSync(logDir, { recursive: true, force: true });
  }, 120_000);

  /** Sends each finding with a sampled W3C trace context of its own, as a traced caller would. */
  const tracingFindings =
    (client: LedgerClient): LedgerClient =>
    (request) => {
      if (request.method !== 'POST' || !request.path.endsWith('/finding')) return client(request);
      const [traceId, spanId] = [randomBytes(16).toString('hex'), randomBytes(8).toString('hex')];
      tracedFindings.set(traceId, spanId);
      return client({ ...request, headers: { ...request.headers, traceparent: `00-${traceId}-${spanId}-01` } });
    };

  /** A finding's trace in which another process appended a sanction, once every process has exported its part. */
  async function findingAndSanctionTrace(): Promise<ReceivedSpan[]> {
    for (const deadline = Date.now() + 20_000; ; await new Promise((resolve) => setTimeout(resolve, 200))) {
      const sanctioned = otlp!.spans.find((span) => tracedFindings.has(span.traceId) && isSanctionAppend(span));
      if (sanctioned) {
        const trace = otlp!.spans.filter((span) => span.traceId === sanctioned.traceId);
        if (trace.some((span) => span.service.endsWith('-relay')) && trace.some((span) => span.name === 'POST /v1/complaints/:id/finding')) return trace;
      }
      if (Date.now() > deadline) throw new Error(`no finding's trace holds a sanction's append: ${otlp!.spans.length} spans received`);
    }
  }

  it('equals the embedded run through a killed discipline process and a broker restart: 0 lost, 0 doubled', async () => {
    const client = tracingFindings(distributedClient(Object.fromEntries(Object.values(processes).map((service) => [service.name, service.port]))));
    const scenario = ladderScenario(client);
    const settledAs = (phase: Phase) => eventuallyEqual(`sanctions after ${phase}`, () => sanctionsOf(client), expected.sanctionsAfter[phase]);
    try {
      for (const phase of ['registry', 'wang1', 'wang2', 'wang3'] as const) {
        await scenario.phases[phase]();
        await settledAs(phase);
      }

      // One trace across the processes: the finding's request, command and append in the complaints process (its
      // PostgreSQL statements inside the append), the relay's send to Kafka, and the discipline process's handling
      // of the finding with the sanction it appended.
      const trace = await findingAndSanctionTrace();
      const byId = new Map(trace.map((span) => [span.spanId, span]));
      const ancestry = (span: ReceivedSpan | undefined) => {
        const chain: ReceivedSpan[] = [];
        for (; span; span = byId.get(span.parentSpanId ?? '')) chain.push(span);
        return chain.map(({ service, name }) => `${service.replace('accountability-ledger-', '')}: ${name}`);
      };
      const sanctionAppend = trace.find(isSanctionAppend)!;
      const chain = ancestry(sanctionAppend);
      expect(chain[0]).toBe('discipline: ledger.append');
      expect(chain.slice(-4)).toEqual([`relay: send ${topicPrefix}ledger.complaints`, 'complaints: ledger.append', 'complaints: ledger.command', 'complaints: POST /v1/complaints/:id/finding']);
      expect(chain.slice(1, -4)).toContain('discipline: process FindingRecorded');
      expect(chain.slice(1, -4).every((step) => step.startsWith('discipline: '))).toBe(true);
      const request = trace.find((span) => span.name === 'POST /v1/complaints/:id/finding')!;
      expect(request.parentSpanId).toBe(tracedFindings.get(request.traceId));
      const findingAppend = trace.find((span) => span.service.endsWith('-complaints') && span.name === 'ledger.append')!;
      const statements = trace.filter((span) => span.parentSpanId === findingAppend.spanId && span.attributes['db.system.name'] === 'postgresql');
      expect(statements.length).toBeGreaterThan(0);
      expect(statements.map((span) => span.name)).toContainEqual(expect.stringMatching(/^pg\.query:/));

      // Findings recorded, and the discipline process killed while its consumers work on them.
      await scenario.phases.spread();
      await processes.discipline.kill('SIGKILL');
      await processes.discipline.start();
      await settledAs('spread');

      // The broker goes down and comes back; meanwhile complaints are still recorded (in the store: the relay catches up).
      await kafka!.down();
      await scenario.phases.spreadAgain();
      await kafka!.up();
      await settledAs('spreadAgain');
      // The outage really met traffic: the relay tried to publish while the broker was away (kafkajs's retries
      // or the relay's own carried the batch over the gap).
      expect(processes.relay.log()).toMatch(/ECONNREFUSED|Kafka refused a batch; retrying/);

      // The close waits for the rankings consumers to have read every input (on Kafka: committed offsets vs. the relay's position).
      await scenario.phases.rankingInputs();
      await scenario.phases.closeYear();
      await eventuallyEqual('rankings', () => rankingsOf(client), expected.rankings);
      // The close's bottom-rank outcomes open rectification items in the rectification process (SPEC 10).
      await eventuallyEqual('rectification items', () => rectificationsOf(client), expected.rectifications);

      for (const phase of ['wang5', 'overturn'] as const) {
        await scenario.phases[phase]();
        await settledAs(phase);
      }

      // Histories and apologies come from other consumers than the sanction list: wait for them too.
      await eventuallyEqual('apologies', () => accountabilityOf(client), expected.accountability);
      await eventuallyEqual('person histories', () => historiesOf(client), expected.histories);
      const census = await eventCensus(client);
      expect(census.duplicateIds).toEqual([]);
      expect(census.byType).toEqual(expected.census.byType);
      // Redelivery after the kill and the restart doubled nothing the sanction list could hide either.
      expect(census.byType.SanctionDecided).toBe((expected.sanctionsAfter.overturn ?? []).length);

      // Every event of the ledger is on its service's topic, as the CloudEvents Kafka binding says (binary mode,
      // ce_ headers, key = stream id), and nothing else is: the relay published all of it, at least once.
      const kafkaClient = createKafka({ brokers: kafka!.brokers, logger: createLogger({ level: 'silent' }) });
      const topics = ['complaints', 'evaluations', 'discipline', 'rankings', 'rectification', 'settings'].map((service) => `${topicPrefix}ledger.${service}`);
      const published = new Map<string, { topic: string; key: string | null; streamId: string; type: string }>();
      // The last events (the history reads above) may still be on their way through the relay.
      for (let attempt = 0; attempt < 40 && published.size < census.events.length; attempt += 1) {
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 250));
        for (const message of await readTopicsToEnd(kafkaClient, topics)) {
          const event = decodeKafkaMessage(message);
          published.set(event.eventId, { topic: message.topic, key: message.key, streamId: event.streamId, type: event.type });
        }
      }
      expect(published.size).toBe(census.events.length);
      for (const event of census.events) {
        const type = event.type.split('.').at(-2);
        expect(published.get(event.id)).toEqual({ topic: `${topicPrefix}ledger${event.source.replace('/ledger/', '.')}`, key: event.subject, streamId: event.subject, type });
      }

      // The auditor's replay on the relay rebuilds every service's read models from the store and finds them
      // equal to the live ones in MongoDB (SPEC 7), each compared where its consumer group has read to.
      const replay = await client({ service: 'relay', method: 'POST', path: '/v1/ledger/replays', role: 'auditor', body: { compare: true } });
      expect(replay.status).toBe(200);
      const comparison = (replay.body as { comparison: { equal: boolean; differences: unknown[]; documents: number } }).comparison;
      expect(comparison).toMatchObject({ equal: true, differences: [] });
      // Not an empty comparison: every history, sanction, apology, complaint, rating fact and ranking was compared.
      expect(comparison.documents).toBeGreaterThan(30);

      // SIGTERM is a clean stop: consumers commit and leave their groups, and the process exits with 0.
      expect(await processes.discipline.kill('SIGTERM')).toEqual({ code: 0, signal: null });
    } catch (error) {
      for (const service of Object.values(processes)) console.error(`--- ${service.name}\n${service.logTail(15)}`);
      throw error;
    }
  }, scenarioTimeoutMs);
});
