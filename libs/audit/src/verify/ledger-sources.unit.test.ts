import { describe, expect, it } from 'vitest';
import { LedgerSourceError, httpLedger } from './ledger-sources.ts';

/** A ledger that serves `notes` as GET /v1/ledger/checkpoints does (ids 1…n, pages of `limit`), and records the calls. */
function servingCheckpoints(notes: string[], answer?: (after: number, limit: number) => unknown) {
  const calls: string[] = [];
  const fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(String(input));
    calls.push(`${init?.method ?? 'GET'} ${url.pathname}${url.search} ${new Headers(init?.headers).get('authorization') ?? ''}`.trim());
    const after = Number(url.searchParams.get('after'));
    const limit = Number(url.searchParams.get('limit'));
    const page = notes.map((note, index) => ({ id: index + 1, size: index, root: 'AA==', issuedAt: '2026-12-01T00:00:00.000Z', note })).filter((checkpoint) => checkpoint.id > after).slice(0, limit);
    const body = answer ? answer(after, limit) : { checkpoints: page, next: page.at(-1)?.id ?? after };
    return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

describe('the stored checkpoint chain over HTTP', () => {
  it('reads every stored checkpoint, oldest first, page after page, with the auditor key', async () => {
    const notes = ['n1\n', 'n2\n', 'n3\n', 'n4\n', 'n5\n'];
    const { fetch, calls } = servingCheckpoints(notes);
    const ledger = httpLedger({ baseUrl: 'http://ledger.test/', apiKey: 'auditor-key', pageSize: 2, fetch });
    expect(await ledger.storedCheckpoints!()).toEqual(notes);
    expect(calls).toEqual([
      'GET /v1/ledger/checkpoints?after=0&limit=2 Bearer auditor-key',
      'GET /v1/ledger/checkpoints?after=2&limit=2 Bearer auditor-key',
      'GET /v1/ledger/checkpoints?after=4&limit=2 Bearer auditor-key',
      'GET /v1/ledger/checkpoints?after=5&limit=2 Bearer auditor-key',
    ]);
  });

  it('refuses an answer that is not a page of signed notes', async () => {
    const notAPage = httpLedger({ baseUrl: 'http://ledger.test', fetch: servingCheckpoints([], () => ({ items: [] })).fetch });
    await expect(notAPage.storedCheckpoints!()).rejects.toThrow(LedgerSourceError);
    const noNote = httpLedger({ baseUrl: 'http://ledger.test', fetch: servingCheckpoints([], () => ({ checkpoints: [{ id: 1, size: 3 }], next: 1 })).fetch });
    await expect(noNote.storedCheckpoints!()).rejects.toThrow('a checkpoint without its signed note');
  });

  it('stops on a page whose cursor does not move on, so a ledger cannot keep it reading forever', async () => {
    const stuck = httpLedger({ baseUrl: 'http://ledger.test', fetch: servingCheckpoints([], () => ({ checkpoints: [{ id: 1, note: 'same\n' }], next: 0 })).fetch });
    expect(await stuck.storedCheckpoints!()).toEqual(['same\n']);
  });
});
