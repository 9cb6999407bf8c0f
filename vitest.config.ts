import { join } from 'node:path';
import { defineConfig } from 'vitest/config';
import { type TestKind, assertEveryTestHasKind, testKinds, testRoots } from './scripts/test-kinds/test-kinds.ts';

// A test file without a kind would escape every `npm run test:<kind>`: the run fails instead, naming it.
assertEveryTestHasKind(import.meta.dirname);

// Every Node process of the run (test workers, the ledger processes the distributed tests spawn) keeps the code it
// compiled on disk and reuses it: the same few hundred modules are otherwise compiled again in each of them.
process.env.NODE_COMPILE_CACHE ??= join(import.meta.dirname, 'node_modules', '.cache', 'node-compile');

// One project per kind: `vitest run --project unit` runs exactly the pure tests, and so on; `vitest run` runs all.
// Integration and end-to-end tests share the engines resolved by @ledger/testing.
const project = (kind: TestKind, extra: object = {}) => ({
  extends: true as const,
  test: { name: kind, include: testRoots.map((root) => `${root}/${testKinds[kind]}`), ...extra },
});

export default defineConfig({
  test: {
    // Limits for a hang, not measures of speed: a test that passes above half of its timeout fails the run anyway
    // (the timeout-margin reporter below), so each kind's limit is twice what its slowest test may take on a busy
    // machine. Longer tests name their own.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    globalSetup: ['./scripts/test-kinds/pglite-template.ts'],
    maxWorkers: 2,
    // Every answer of a test ledger is checked against its response schema: one that would drop a field fails.
    env: { LEDGER_CHECK_RESPONSES: '1' },
    // The long end-to-end files start first; a test that passes with under 20 % of its timeout to spare fails.
    sequence: { sequencer: (await import('./scripts/test-kinds/longest-first-sequencer.ts')).default },
    reporters: ['default', './scripts/test-kinds/timeout-margin-reporter.ts'],
    // Pure tests hold no engine, host or global state: they share their workers instead of a fresh process each.
    // Integration and end-to-end files share theirs too: each imported the ledger's libs (or the whole ledger) into a
    // fresh process; each still opens and closes its own engines and hosts, and undoes what it sets for the process
    // (tracing is shut down, Postgres-backed test ledgers end with their file).
    projects: [project('unit', { isolate: false }), project('int', { isolate: false, testTimeout: 120_000 }), project('e2e', { isolate: false, testTimeout: 120_000 })],
  },
});
