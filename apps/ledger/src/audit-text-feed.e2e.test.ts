import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { httpLedger, leafBytes, leafText, verifyLedger } from '@ledger/audit';
import { as } from '@ledger/testing/ledger';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from './cli/io.ts';
import { runLedgerCli } from './cli/run.ts';
import type { LedgerHost } from './host.ts';
import { startTestLedger } from './test-ledger.testkit.ts';

/** A line of the text feed with a field added to its data: still canonical JSON, so only the hash can tell. */
function forged(line: string): string {
  const event = JSON.parse(line) as { data: object };
  return leafText({ ...event, data: { ...event.data, forged: true } });
}

// Issue 9.3: verification streams the feed. Asked for application/x-ndjson, GET /v1/ledger/events answers each
// event's leaf bytes, one a line, and the cursor in Ledger-Next; `ledger verify --url` hashes those lines as they come.
describe('the text feed', () => {
  let ledger: LedgerHost;
  let address: string;
  let folder: string;
  const files = { checkpoint: '', verifierKey: '' };
  const auditorKey = as('auditor').authorization!.slice('Bearer '.length);
  const page = (query: string, accept?: string) =>
    ledger.app.inject({ method: 'GET', url: `/v1/ledger/events?${query}`, headers: { ...as('auditor'), ...(accept ? { accept } : {}) } });
  /** A ledger whose pages of the text feed have line `index` (of the whole feed) rewritten by `alter`. */
  const tamperingFetch =
    (index: number, alter: (line: string) => string): typeof fetch =>
    async (input, init) => {
      const response = await fetch(input, init);
      if (!response.headers.get('content-type')?.startsWith('application/x-ndjson')) return response;
      const after = Number(new URL(String(input)).searchParams.get('after'));
      const lines = (await response.text()).split('\n');
      const first = (await jsonFeed()).findIndex((event) => event.position > after);
      if (index >= first && index - first < lines.length - 1) lines[index - first] = alter(lines[index - first]!);
      return new Response(lines.join('\n'), { status: response.status, headers: response.headers });
    };
  const jsonFeed = async () => (await page('limit=1000')).json().events as Array<{ id: string; position: number }>;

  beforeAll(async () => {
    ledger = await startTestLedger({ logOrigin: 'ledger.test/text-feed' });
    const call = async (method: 'PUT' | 'POST', url: string, role: 'evaluation-office' | 'intake-clerk' | 'auditor', payload?: object) => {
      const response = await ledger.app.inject({ method, url, headers: as(role), ...(payload ? { payload } : {}) });
      expect(response.statusCode, response.body).toBeLessThan(300);
      return response.body;
    };
    await call('PUT', '/v1/departments/parks', 'evaluation-office', { name: 'Parks Bureau — 公园', category: 'service-facing' });
    for (let i = 0; i < 7; i++) {
      await call('POST', '/v1/complaints', 'intake-clerk', {
        channel: 'web',
        departmentId: 'parks',
        category: 'delay',
        summary: `Broken bench ${i} "by the lake"`,
        receivedAt: new Date(Date.now() - 60_000).toISOString(),
      });
    }
    await ledger.settled();
    address = await ledger.app.listen({ host: '127.0.0.1', port: 0 });
    folder = mkdtempSync(join(tmpdir(), 'ledger-text-feed-'));
    files.checkpoint = join(folder, 'checkpoint.txt');
    files.verifierKey = join(folder, 'verifier.key');
    writeFileSync(files.checkpoint, await call('POST', '/v1/ledger/checkpoint', 'auditor'));
    writeFileSync(files.verifierKey, (await ledger.app.inject({ method: 'GET', url: '/v1/ledger/verifier-key' })).body);
  });
  afterAll(async () => {
    await ledger?.stop();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it('serves each event of a page as its leaf bytes, one a line, with the cursor in Ledger-Next; JSON stays the default', async () => {
    const json = await page('after=0&limit=5');
    expect(json.headers['content-type']).toMatch(/^application\/json/);
    const { events, next } = json.json() as { events: unknown[]; next: number };
    const text = await page('after=0&limit=5', 'application/x-ndjson');
    expect(text.statusCode).toBe(200);
    expect(text.headers['content-type']).toMatch(/^application\/x-ndjson/);
    expect(text.headers['ledger-next']).toBe(String(next));
    // The lines are the leaves: the canonical JSON of each event of the JSON feed, `dataschema` as its path.
    expect(text.rawPayload).toEqual(Buffer.concat(events.flatMap((event) => [leafBytes(event), Buffer.from('\n')])));
    expect(text.body).toBe(events.map((event) => `${leafText(event)}\n`).join(''));
    // The end of the feed: no lines, and the cursor where it was.
    const end = await page(`after=${(await jsonFeed()).at(-1)!.position}`, 'application/x-ndjson');
    expect(end.body).toBe('');
    expect(end.headers['ledger-next']).toBe(String((await jsonFeed()).at(-1)!.position));
    // A client that prefers JSON gets JSON.
    expect((await page('after=0&limit=1', 'application/json, application/x-ndjson;q=0')).headers['content-type']).toMatch(/^application\/json/);
  });

  it('verifies over HTTP from the text feed, page after page, and from the JSON feed when asked', async () => {
    const events = (await jsonFeed()).length;
    for (const extra of [[], ['--json-feed']]) {
      const out: string[] = [];
      const io: CliIo = { out: (text) => void out.push(text), err: (text) => void out.push(text), env: {} };
      const code = await runLedgerCli(['verify', '--verifier-key', files.verifierKey, '--checkpoint', files.checkpoint, '--url', address, '--api-key', auditorKey, ...extra], io);
      expect(out.join('')).toContain(`verified: the first ${events} events`);
      expect(code).toBe(0);
    }
    const small = httpLedger({ baseUrl: address, apiKey: auditorKey, pageSize: 3 }).textFeed();
    const checkpoint = (await ledger.app.inject({ method: 'GET', url: '/v1/ledger/checkpoint' })).body;
    const verifierKey = (await ledger.app.inject({ method: 'GET', url: '/v1/ledger/verifier-key' })).body;
    const verdict = await verifyLedger({ leafLines: small.chunks(), checkpoint, verifierKey, consistencyProof: () => [] });
    expect(verdict).toMatchObject({ ok: true, size: events });
    expect(small.lines).toBe(events);
    // The node hashes on a worker thread (as for a big ledger; here in subtrees of 2 leaves): the same verdict.
    expect(await verifyLedger({ leafLines: small.chunks(), checkpoint, verifierKey, consistencyProof: () => [], treeWorker: { fromLeaves: 0, batchLeaves: 2 } })).toEqual(verdict);
  });

  it('fails on a line altered in transit, naming its index and its event', async () => {
    const feed = await jsonFeed();
    const bad = 5;
    const source = httpLedger({ baseUrl: address, apiKey: auditorKey, pageSize: 4, fetch: tamperingFetch(bad, forged) });
    const text = source.textFeed();
    const verify = async (treeWorker: { fromLeaves: number; batchLeaves?: number }) =>
      verifyLedger({
        leafLines: text.chunks(),
        checkpoint: await source.checkpoint(),
        verifierKey: (await source.verifierKey()).trim(),
        consistencyProof: (from, to) => source.consistencyProof(from, to),
        treeWorker,
      });
    const verdict = await verify({ fromLeaves: Number.POSITIVE_INFINITY });
    expect(verdict).toMatchObject({ ok: false, reason: 'feed-mismatch', firstBadIndex: bad });
    // The node hashes on a worker thread, the search for the bad index asking the ledger for proofs: the same verdict.
    expect(await verify({ fromLeaves: 0, batchLeaves: 2 })).toEqual(verdict);
    expect(await text.eventAt(bad)).toMatchObject({ id: feed[bad]!.id, position: feed[bad]!.position });
  });
});
