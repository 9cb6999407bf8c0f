import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { HttpApp } from '@ledger/platform';

/** The paths the console's pages live at (API.md "Console"); every file it loads is under /console/assets/. */
export const consolePagePaths = ['/', '/track', '/track/*', '/rankings', '/bulletins', '/bulletins/*', '/console', '/console/*'] as const;

/**
 * What a page may load and do: its own scripts only, styles inline too (the component library injects them),
 * API calls to this host only, never framed. `no-referrer`: a tracking code in /track/{code} must not leak to
 * whatever a complainant opens next.
 */
const pageHeaders = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-cache',
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; " +
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
};

export interface ConsoleOptions {
  /** The console's build (`npm run build:console`): index.html and assets/. */
  dir: string;
}

/**
 * Serves the built console: its hashed assets (cached for good) and index.html at every page path, where the
 * browser's router takes over. /v1, /docs, /healthz and /metrics are never shadowed: the page paths are fixed,
 * and anything else still answers with the API's own 404 problem. Without a build, the page paths answer a
 * 503 problem that says how to make one.
 */
export async function serveConsole(app: HttpApp, options: ConsoleOptions): Promise<void> {
  const index = join(options.dir, 'index.html');
  await app.register(async (scope) => {
    await scope.register(fastifyStatic, {
      root: join(options.dir, 'assets'),
      prefix: '/console/assets/',
      index: false,
      immutable: true,
      maxAge: '365d',
      // Hashed file names: a missing one is a 404 problem, never the page.
      wildcard: true,
    });
  });
  for (const url of consolePagePaths) {
    app.get(url, { schema: { hide: true } }, async (_request, reply) => {
      if (!existsSync(index)) {
        return reply
          .code(503)
          .type('application/problem+json')
          .send({ type: '/problems/console-not-built', title: 'Console not built', status: 503, detail: 'the console has not been built on this host: run `npm run build:console`' });
      }
      // Read per request (a small file): a rebuild shows without a restart.
      return reply.headers(pageHeaders).send(await readFile(index));
    });
  }
}
