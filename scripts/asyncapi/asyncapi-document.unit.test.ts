import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Parser } from '@asyncapi/parser';
import { type RecordedEvent, catalogue, cloudEventType } from '@ledger/events';
import { encodeKafkaMessage, topicOf } from '@ledger/messaging';
import { beforeAll, describe, expect, it } from 'vitest';
import { asyncApiPath, asyncApiText, cloudEventHeaders } from './asyncapi-document.ts';

const root = join(import.meta.dirname, '..', '..');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
const generated = asyncApiText({ version });

const rating = (metadata: RecordedEvent['metadata']): RecordedEvent => ({
  position: 7,
  eventId: 'e-1',
  streamId: 'rating-t-1',
  streamVersion: 0,
  type: 'RatingGiven',
  schemaVersion: 1,
  data: { transactionId: 't-1', departmentId: 'd-1', platform: 'hotline-12345', level: 4, ratedAt: '2026-05-01T10:00:00.000Z' },
  metadata,
  occurredAt: '2026-05-01T10:00:00.000Z',
  recordedAt: '2026-05-01T10:00:01.000Z',
});

describe('the AsyncAPI document of the Kafka topics', () => {
  let parsed: Awaited<ReturnType<Parser['parse']>>;
  beforeAll(async () => {
    parsed = await new Parser().parse(generated);
  });

  it('is committed as the event catalogue generates it (run `npm run asyncapi` after changing an event)', () => {
    expect(readFileSync(join(root, asyncApiPath), 'utf8')).toBe(generated);
  });

  it('is a valid AsyncAPI 3.0 document to the AsyncAPI parser: no errors, no warnings', () => {
    const { document, diagnostics } = parsed;
    const problems = diagnostics.filter((diagnostic) => diagnostic.severity <= 1).map((diagnostic) => `${diagnostic.path.join('.')}: ${diagnostic.message}`);
    expect(problems).toEqual([]);
    expect(document?.version()).toBe('3.0.0');
  });

  it('has a channel per service topic with a message per event type and version, and a dead-letter channel beside it', () => {
    const { document } = parsed;
    const channels = new Map(document!.channels().all().map((channel) => [channel.address(), channel]));
    for (const definition of catalogue) {
      const channel = channels.get(topicOf(definition.service));
      const message = channel?.messages().get(`${definition.type}.v${definition.version}`);
      expect(message, `${definition.type} v${definition.version} on ${topicOf(definition.service)}`).toBeDefined();
      const typeHeader = message!.headers()!.allOf()!.at(-1)!.properties()!.ce_type!;
      expect(typeHeader.const()).toBe(cloudEventType(definition.type, definition.version));
      expect(message!.payload()!.title()).toBe(`${definition.type} v${definition.version}`);
      expect(channels.get(`${topicOf(definition.service)}.dlq`)?.messages().get('DeadLetter')).toBeDefined();
    }
    const services = new Set(catalogue.map((definition) => definition.service));
    expect(channels.size).toBe(services.size * 2);
  });

  it('names exactly the headers the Kafka binding writes, and marks required those it always writes', () => {
    const withEverything = encodeKafkaMessage(rating({ commandId: 'k-1', actor: 'evaluation-office:e1' })).headers;
    const bare = encodeKafkaMessage(rating({})).headers;
    expect(Object.keys(cloudEventHeaders).toSorted()).toEqual(Object.keys(withEverything).toSorted());
    const required = Object.entries(cloudEventHeaders).filter(([, header]) => header.required).map(([name]) => name);
    expect(required.toSorted()).toEqual(Object.keys(bare).toSorted());
    for (const [name, header] of Object.entries(cloudEventHeaders)) {
      if (header.const !== undefined) expect(bare[name]).toBe(header.const);
      if (header.pattern !== undefined) expect(bare[name]).toMatch(new RegExp(header.pattern));
    }
  });
});
