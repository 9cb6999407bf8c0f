import { globSync } from 'node:fs';

/** Every test file carries its kind, and each `npm run test:<kind>` runs exactly that kind. */
export const testKinds = {
  /** Pure: no engine, no PGlite, no HTTP host. */
  unit: '**/*.unit.test.ts',
  /** Opens a real engine (PostgreSQL, PGlite, Kafka, MongoDB) or spawns processes. */
  int: '**/*.int.test.ts',
  /** A ledger host answering over HTTP. */
  e2e: '**/*.e2e.test.ts',
} as const;

export type TestKind = keyof typeof testKinds;

/** Where test files live; vitest looks nowhere else. */
export const testRoots = ['libs/*/src', 'services/*/src', 'apps/*/src', 'apps/console/e2e', 'scripts'] as const;

const anyTestFile = '**/*.{test,spec}.{ts,mts,cts,js,mjs,tsx}';
const kindSuffix = /\.(unit|int|e2e)\.test\.ts$/;

/** Test files under `root` (relative paths) whose name says no kind: they would run in no `test:<kind>`. */
export function testFilesWithoutKind(root: string): string[] {
  const candidates = globSync(anyTestFile, { cwd: root, exclude: (path) => /(^|\/)(node_modules|target|data|tmp|\.nx)$/.test(path) });
  return candidates.filter((path) => !kindSuffix.test(path)).toSorted();
}

/** Throws, naming each file, when a test file carries no kind (the test run fails before any test starts). */
export function assertEveryTestHasKind(root: string): void {
  const unnamed = testFilesWithoutKind(root);
  if (unnamed.length > 0) {
    throw new Error(
      `test files must be named *.unit.test.ts (pure), *.int.test.ts (a real engine or a process) or *.e2e.test.ts (a ledger host over HTTP):\n` +
        unnamed.map((path) => `  ${path}`).join('\n'),
    );
  }
}
