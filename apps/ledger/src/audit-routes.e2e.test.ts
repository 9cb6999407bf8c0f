import {
  cloudEventLeafHash,
  consistencyProofFromJson,
  inclusionProofFromJson,
  openCheckpoint,
  parseVerifierKey,
  verifyConsistency,
  verifyInclusion,
  verifyLedger,
} from '@ledger/audit';
import type { Role } from '@ledger/platform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LedgerHost } from './host.ts';
import { as } from '@ledger/testing/ledger';
import { startTestLedger } from './test-ledger.testkit.ts';

// Issue "Audit": the ledger routes of API.md beside the feed: checkpoints, the verifier key, proofs, replays.
describe('the ledger routes of the audit module', () => {
  let ledger: LedgerHost;
  const call = async (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, role?: Role, payload?: unknown) => {
    const response = await ledger.app.inject({ method, url, headers: role ? as(role) : {}, ...(payload === undefined ? {} : { payload: payload as object }) });
    const json = response.headers['content-type']?.toString().includes('json');
    return { status: response.statusCode, body: json ? response.json() : response.body, type: response.headers['content-type'] };
  };
  const feed = async (): Promise<unknown[]> => (await call('GET', '/v1/ledger/events?limit=1000', 'auditor')).body.events;
  const verifierKey = async () => (await call('GET', '/v1/ledger/verifier-key')).body as string;
  const checkpointNow = async () => (await call('POST', '/v1/ledger/checkpoint', 'auditor')).body as string;
  const proofsOverHttp = async (from: number, to: number) =>
    consistencyProofFromJson((await call('GET', `/v1/ledger/proofs/consistency?from=${from}&to=${to}`, 'auditor')).body).hashes;
  const file = async (summary: string, complainant?: object) =>
    (await call('POST', '/v1/complaints', 'intake-clerk', {
      channel: 'web',
      departmentId: 'roads',
      category: 'delay',
      summary,
      // In the past: a business time defaulted to "now" can land a millisecond after the route's own clock.
      receivedAt: new Date(Date.now() - 60_000).toISOString(),
      ...(complainant ? { complainant } : {}),
    })).body
      .complaintId as string;

  beforeAll(async () => {
    ledger = await startTestLedger({ logOrigin: 'ledger.test/routes' });
    await call('PUT', '/v1/departments/roads', 'evaluation-office', { name: 'Roads Bureau', category: 'service-facing' });
    for (let i = 0; i < 4; i++) await file(`Pothole ${i}`);
  });
  afterAll(() => ledger.stop());

  it('serves the signed checkpoint and the verifier key as text to anyone, and signs on demand for auditors and services', async () => {
    expect((await call('POST', '/v1/ledger/checkpoint', 'intake-clerk')).status).toBe(403);
    expect((await call('POST', '/v1/ledger/checkpoint')).status).toBe(401);
    const signed = await call('POST', '/v1/ledger/checkpoint', 'service');
    expect([200, 201]).toContain(signed.status);
    expect(signed.type).toMatch(/^text\/plain/);
    const again = await call('POST', '/v1/ledger/checkpoint', 'auditor');
    expect(again).toMatchObject({ status: 200, body: signed.body });

    const served = await call('GET', '/v1/ledger/checkpoint');
    expect(served).toMatchObject({ status: 200, body: signed.body });
    expect(served.type).toMatch(/^text\/plain/);
    const key = await call('GET', '/v1/ledger/verifier-key');
    expect(key.body).toMatch(/^ledger\.test\/routes\+[0-9a-f]{8}\+[A-Za-z0-9+/]+=*$/);
    const checkpoint = openCheckpoint(served.body as string, parseVerifierKey(key.body as string), { origin: 'ledger.test/routes' });
    expect(checkpoint.size).toBe((await feed()).length);

    await file('One more');
    expect((await call('POST', '/v1/ledger/checkpoint', 'auditor')).status).toBe(201);
  });

  it('gives inclusion and consistency proofs that verify against signed checkpoints', async () => {
    const earlier = openCheckpoint(await checkpointNow(), parseVerifierKey(await verifierKey()));
    await file('Streetlight out');
    const later = openCheckpoint(await checkpointNow(), parseVerifierKey(await verifierKey()));
    expect(later.size).toBeGreaterThan(earlier.size);
    const events = await feed();
    for (let index = 0; index < later.size; index++) {
      const proof = inclusionProofFromJson((await call('GET', `/v1/ledger/proofs/inclusion?index=${index}&size=${later.size}`, 'auditor')).body);
      expect(verifyInclusion(cloudEventLeafHash(events[index]), index, later.size, proof.hashes, later.root)).toEqual({ ok: true });
    }
    const consistency = await proofsOverHttp(earlier.size, later.size);
    expect(verifyConsistency(earlier.size, later.size, earlier.root, later.root, consistency)).toEqual({ ok: true });
    expect((await call('GET', '/v1/ledger/proofs/inclusion?index=0&size=1', 'intake-clerk')).status).toBe(403);
  });

  it('lists every signed checkpoint oldest first, in pages, to auditors and services: the chain each later one extends', async () => {
    await checkpointNow();
    await file('Blocked drain');
    const latest = await checkpointNow();
    const all = await call('GET', '/v1/ledger/checkpoints?limit=1000', 'auditor');
    expect(all.status).toBe(200);
    const listed = all.body.checkpoints as Array<{ id: number; size: number; root: string; issuedAt: string; note: string }>;
    expect(listed.length).toBeGreaterThanOrEqual(2);
    expect(listed.at(-1)!.note).toBe(latest);
    expect(all.body.next).toBe(listed.at(-1)!.id);
    const verifier = parseVerifierKey(await verifierKey());
    const newest = openCheckpoint(latest, verifier);
    for (const stored of listed) {
      // Each note opens with the pinned key, its fields say what the note says, and it is a prefix of the latest
      const opened = openCheckpoint(stored.note, verifier);
      expect({ size: stored.size, root: stored.root }).toEqual({ size: opened.size, root: Buffer.from(opened.root).toString('base64') });
      const proof = opened.size === 0 || opened.size === newest.size ? [] : await proofsOverHttp(opened.size, newest.size);
      expect(verifyConsistency(opened.size, newest.size, opened.root, newest.root, proof)).toEqual({ ok: true });
    }
    // Pages of one follow each other by `next`, and an empty page keeps `after`
    const first = await call('GET', '/v1/ledger/checkpoints?limit=1', 'service');
    expect(first.body).toEqual({ checkpoints: [listed[0]], next: listed[0]!.id });
    const second = await call('GET', `/v1/ledger/checkpoints?after=${first.body.next}&limit=1`, 'auditor');
    expect(second.body.checkpoints).toEqual([listed[1]]);
    const beyond = listed.at(-1)!.id;
    expect((await call('GET', `/v1/ledger/checkpoints?after=${beyond}`, 'auditor')).body).toEqual({ checkpoints: [], next: beyond });
    expect((await call('GET', '/v1/ledger/checkpoints', 'intake-clerk')).status).toBe(403);
    expect((await call('GET', '/v1/ledger/checkpoints')).status).toBe(401);
    expect((await call('GET', '/v1/ledger/checkpoints?limit=0', 'auditor')).status).toBe(400);
  });

  it('refuses a proof it cannot give with a problem naming the query field', async () => {
    const size = openCheckpoint(await checkpointNow(), parseVerifierKey(await verifierKey())).size;
    const cases: Array<[string, string]> = [
      [`/v1/ledger/proofs/inclusion?index=${size}&size=${size}`, 'querystring.index'],
      [`/v1/ledger/proofs/inclusion?index=0&size=${size + 1}`, 'querystring.size'],
      ['/v1/ledger/proofs/inclusion?index=-1&size=2', 'querystring.index'],
      ['/v1/ledger/proofs/inclusion?index=one&size=2', 'querystring.index'],
      [`/v1/ledger/proofs/consistency?from=${size}&to=1`, 'querystring.from'],
      [`/v1/ledger/proofs/consistency?from=1&to=${size + 5}`, 'querystring.to'],
      ['/v1/ledger/proofs/consistency?from=1', 'querystring.to'],
    ];
    for (const [url, field] of cases) {
      const answer = await call('GET', url, 'auditor');
      expect(answer.status, url).toBe(400);
      expect(answer.type).toMatch(/^application\/problem\+json/);
      expect(answer.body.errors.map((error: { path: string }) => error.path), url).toContain(field);
    }
  });

  it("keeps every earlier checkpoint and proof valid when a complainant's personal data is erased", async () => {
    const id = await file('Noise at night', { name: 'Li Si', phone: '13700000000' });
    await ledger.settled();
    const before = await checkpointNow();
    const key = await verifierKey();
    const signed = openCheckpoint(before, parseVerifierKey(key));
    const feedBefore = await feed();
    const inclusion = await Promise.all(
      feedBefore.map(async (_, index) => inclusionProofFromJson((await call('GET', `/v1/ledger/proofs/inclusion?index=${index}&size=${signed.size}`, 'auditor')).body)),
    );

    const ref = (await call('GET', `/v1/complaints/${id}`, 'intake-clerk')).body.complainant.ref;
    expect((await call('DELETE', `/v1/complainants/${ref}/personal-data`, 'intake-clerk', { legalBasis: 'request of the data subject' })).status).toBe(200);
    expect((await call('GET', `/v1/complaints/${id}`, 'intake-clerk')).body.complainant).toEqual({ ref, erased: true });
    const after = await checkpointNow();
    const feedAfter = await feed();

    expect(feedAfter.slice(0, feedBefore.length)).toEqual(feedBefore);
    expect(await verifyLedger({ feed: feedAfter, checkpoint: before, verifierKey: key, consistencyProof: proofsOverHttp })).toMatchObject({
      ok: true,
      size: signed.size,
      eventsBeyondCheckpoint: feedAfter.length - signed.size,
    });
    expect(await verifyLedger({ feed: feedAfter, checkpoint: after, previousCheckpoint: before, verifierKey: key, consistencyProof: proofsOverHttp })).toMatchObject({
      ok: true,
      size: feedAfter.length,
    });
    for (const [index, proof] of inclusion.entries()) {
      expect(verifyInclusion(cloudEventLeafHash(feedAfter[index]), index, signed.size, proof.hashes, signed.root)).toEqual({ ok: true });
    }
  });

  it('replays the running ledger for auditors: equal to the live read models, or as of an instant with its documents', async () => {
    await ledger.settled();
    const compared = await call('POST', '/v1/ledger/replays', 'auditor', { compare: true });
    expect(compared.status).toBe(200);
    expect(compared.body.comparison).toMatchObject({ equal: true, differences: [] });
    expect(compared.body.comparison.documents).toBeGreaterThan(0);
    expect(compared.body.events).toBe((await feed()).length);

    const events = (await feed()) as Array<{ time: string; type: string }>;
    const firstEvent = events[0]!;
    const thenRecorded = events.filter((event) => event.time <= firstEvent.time);
    const asOf = await call('POST', '/v1/ledger/replays', 'auditor', { asOf: firstEvent.time, documents: true });
    expect(asOf.status).toBe(200);
    expect(asOf.body.events).toBe(thenRecorded.length);
    expect(asOf.body.events).toBeLessThan(events.length);
    expect(Object.keys(asOf.body.documents)).toContain('complaints');
    expect(asOf.body.documents.complaints).toHaveLength(thenRecorded.filter((event) => event.type.includes('.ComplaintFiled.')).length);

    const refused = await call('POST', '/v1/ledger/replays', 'auditor', { compare: true, asOf: firstEvent.time });
    expect(refused.status).toBe(400);
    expect(refused.body.errors.map((error: { path: string }) => error.path)).toEqual(['body.compare']);
    expect((await call('POST', '/v1/ledger/replays', 'auditor', { asOf: 'last tuesday' })).body.errors[0].path).toBe('body.asOf');
    expect((await call('POST', '/v1/ledger/replays', 'disciplinary-official', {})).status).toBe(403);
  });
});
