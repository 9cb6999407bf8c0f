import { toCloudEvent } from '@ledger/events';
import type { EventStore } from '@ledger/eventstore';
import type { SqlMerkleLog } from '../log/sql-merkle-log.ts';
import type { Hash } from '../merkle/hash.ts';
import { consistencyProofFromJson } from '../merkle/proof-json.ts';
import { type TextFeed, textFeedOver } from './text-feed-client.ts';

/** What an audit reads from a ledger: its feed from the first event, its latest checkpoint, consistency proofs. */
export interface LedgerSource {
  /** A readable name for messages: the URL or the database. */
  readonly name: string;
  feed(): AsyncIterable<unknown>;
  /** The text feed (canonical leaf lines, hashed as they come), where the ledger serves it: over HTTP. */
  textFeed?(): TextFeed;
  checkpoint(): Promise<string>;
  consistencyProof(from: number, to: number): Promise<readonly Hash[]>;
  /** Every checkpoint the ledger keeps, oldest first (its database, or GET /v1/ledger/checkpoints): the chain `ledger verify` checks. */
  storedCheckpoints?(): Promise<string[]>;
}

/** The ledger did not answer as the API says it does. */
export class LedgerSourceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LedgerSourceError';
  }
}

export interface HttpLedgerOptions {
  /** The ledger's base URL, e.g. http://127.0.0.1:8080. */
  baseUrl: string;
  /** An auditor's API key: the feed and proofs need one. */
  apiKey?: string;
  pageSize?: number;
  fetch?: typeof fetch;
}

/** A running ledger, over its HTTP API (the auditor's usual view). */
export function httpLedger(options: HttpLedgerOptions): LedgerSource & {
  textFeed(): TextFeed;
  verifierKey(): Promise<string>;
  request(method: 'GET' | 'POST', path: string, body?: unknown, accept?: string): Promise<Response>;
} {
  const base = options.baseUrl.replace(/\/+$/, '');
  const doFetch = options.fetch ?? fetch;
  const pageSize = options.pageSize ?? 1000;

  const request = async (method: 'GET' | 'POST', path: string, body?: unknown, accept?: string): Promise<Response> => {
    const headers: Record<string, string> = {};
    if (options.apiKey) headers.authorization = `Bearer ${options.apiKey}`;
    if (accept !== undefined) headers.accept = accept;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await doFetch(`${base}${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    } catch (error) {
      throw new LedgerSourceError(`${method} ${base}${path}: ${(error as Error).message}`);
    }
    if (!response.ok) {
      const text = await response.text();
      let detail = text;
      try {
        detail = (JSON.parse(text) as { detail?: string }).detail ?? text;
      } catch {
        // not a problem document: keep the text
      }
      throw new LedgerSourceError(`${method} ${base}${path}: ${response.status} ${detail}`.trim());
    }
    return response;
  };
  const getText = async (path: string) => (await request('GET', path)).text();
  const getJson = async (path: string) => (await request('GET', path)).json() as Promise<unknown>;

  return {
    name: base,
    request,
    async *feed() {
      let after = 0;
      for (;;) {
        const page = (await getJson(`/v1/ledger/events?after=${after}&limit=${pageSize}`)) as { events?: unknown; next?: unknown };
        if (!Array.isArray(page.events) || typeof page.next !== 'number') {
          throw new LedgerSourceError(`${base}/v1/ledger/events: not a feed page ({ events: [...], next })`);
        }
        yield* page.events;
        if (page.events.length === 0 || page.next <= after) return;
        after = page.next;
      }
    },
    textFeed: () =>
      textFeedOver(
        (after) => request('GET', `/v1/ledger/events?after=${after}&limit=${pageSize}`, undefined, 'application/x-ndjson'),
        (message) => new LedgerSourceError(`${base}/v1/ledger/events: ${message}`),
      ),
    checkpoint: () => getText('/v1/ledger/checkpoint'),
    async storedCheckpoints() {
      const notes: string[] = [];
      for (let after = 0; ; ) {
        const page = (await getJson(`/v1/ledger/checkpoints?after=${after}&limit=${pageSize}`)) as { checkpoints?: unknown; next?: unknown };
        if (!Array.isArray(page.checkpoints) || typeof page.next !== 'number') {
          throw new LedgerSourceError(`${base}/v1/ledger/checkpoints: not a page of checkpoints ({ checkpoints: [...], next })`);
        }
        for (const checkpoint of page.checkpoints as Array<{ note?: unknown }>) {
          // Only the signed note counts: the verifier opens it with the pinned key, whatever the other fields say.
          if (typeof checkpoint.note !== 'string') throw new LedgerSourceError(`${base}/v1/ledger/checkpoints: a checkpoint without its signed note`);
          notes.push(checkpoint.note);
        }
        if (page.checkpoints.length === 0 || page.next <= after) return notes;
        after = page.next;
      }
    },
    verifierKey: async () => (await getText('/v1/ledger/verifier-key')).trim(),
    async consistencyProof(from, to) {
      const proof = consistencyProofFromJson(await getJson(`/v1/ledger/proofs/consistency?from=${from}&to=${to}`));
      if (proof.from !== from || proof.to !== to) throw new LedgerSourceError(`asked for a proof from ${from} to ${to}, got one from ${proof.from} to ${proof.to}`);
      return proof.hashes;
    },
  };
}

/**
 * A ledger's own database (a stopped embedded ledger, or PostgreSQL): the feed exactly as the feed
 * route serves it, the latest stored checkpoint, proofs from the stored log.
 */
export function storedLedger(name: string, store: Pick<EventStore, 'readAll'>, log: SqlMerkleLog, pageSize = 1000): LedgerSource {
  return {
    name,
    async *feed() {
      for (let after = 0; ; ) {
        const events = await store.readAll({ after, limit: pageSize });
        for (const event of events) yield toCloudEvent(event);
        if (events.length < pageSize) return;
        after = events.at(-1)!.position;
      }
    },
    async checkpoint() {
      const latest = await log.latestCheckpoint();
      if (!latest) throw new LedgerSourceError(`${name}: no checkpoint has been signed yet`);
      return latest.note;
    },
    async consistencyProof(from, to) {
      return (await log.consistencyProof(from, to)).hashes;
    },
    async storedCheckpoints() {
      return (await log.checkpoints()).map((checkpoint) => checkpoint.note);
    },
  };
}
