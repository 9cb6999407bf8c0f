import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freshPgliteClusterTarball } from '@ledger/sql';

/**
 * Vitest global set-up: one tarball of a freshly initialised PGlite cluster, made once per PGlite version and
 * kept under node_modules/.cache, that every in-memory PGlite of the test run loads instead of running initdb
 * (`LEDGER_PGLITE_TEMPLATE`, read by @ledger/sql). Dozens of test files each boot PGlite; initdb was most of it.
 */
export default async function pgliteTemplate(): Promise<void> {
  const root = join(import.meta.dirname, '..', '..');
  const { version } = JSON.parse(readFileSync(join(root, 'node_modules/@electric-sql/pglite/package.json'), 'utf8')) as { version: string };
  const folder = join(root, 'node_modules/.cache/ledger');
  const file = join(folder, `pglite-${version}-fresh-cluster.tar`);
  if (!existsSync(file)) {
    mkdirSync(folder, { recursive: true });
    const partial = `${file}.${process.pid}.partial`;
    writeFileSync(partial, Buffer.from(await (await freshPgliteClusterTarball()).arrayBuffer()));
    renameSync(partial, file); // whole or absent, even with two runs at once
  }
  process.env.LEDGER_PGLITE_TEMPLATE = file;
}
