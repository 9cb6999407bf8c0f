import { defineConfig } from 'vitest/config';
import { type TestKind, assertEveryTestHasKind, testKinds, testRoots } from './scripts/test-kinds/test-kinds.ts';

// A test file without a kind would escape every `npm run test:<kind>`: the run fails instead, naming it.
assertEveryTestHasKind(import.meta.dirname);

// One project per kind: `vitest run --project unit` runs exactly the pure tests, and so on; `vitest run` runs all.
// Integration and end-to-end tests share the engines resolved by @ledger/testing.
const project = (kind: TestKind) => ({
  extends: true as const,
  test: { name: kind, include: testRoots.map((root) => `${root}/${testKinds[kind]}`) },
});

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    globalSetup: ['./scripts/test-kinds/pglite-template.ts'],
    maxWorkers: 2,
    // Every answer of a test ledger is checked against its response schema: one that would drop a field fails.
    env: { LEDGER_CHECK_RESPONSES: '1' },
    projects: [project('unit'), project('int'), project('e2e')],
  },
});
