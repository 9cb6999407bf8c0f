import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { assertEveryTestHasKind, testFilesWithoutKind } from './test-kinds.ts';

const sandboxes: string[] = [];
afterAll(() => sandboxes.forEach((path) => rmSync(path, { recursive: true, force: true })));

function tree(files: string[]): string {
  const root = mkdtempSync(join(tmpdir(), 'test-kinds-'));
  sandboxes.push(root);
  for (const file of files) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), '');
  }
  return root;
}

describe('every test file carries its kind', () => {
  it('passes a tree whose test files are all unit, int or e2e', () => {
    const root = tree(['libs/a/src/pure.unit.test.ts', 'services/b/src/store.int.test.ts', 'apps/c/src/host.e2e.test.ts', 'libs/a/src/helper.testkit.ts']);
    expect(testFilesWithoutKind(root)).toEqual([]);
    expect(() => assertEveryTestHasKind(root)).not.toThrow();
  });

  it('names each test file without a kind, and fails the run', () => {
    const root = tree(['libs/a/src/pure.unit.test.ts', 'libs/a/src/plain.test.ts', 'scripts/other.spec.ts', 'apps/c/src/slow.integration.test.ts']);
    expect(testFilesWithoutKind(root)).toEqual(['apps/c/src/slow.integration.test.ts', 'libs/a/src/plain.test.ts', 'scripts/other.spec.ts']);
    expect(() => assertEveryTestHasKind(root)).toThrow(/libs\/a\/src\/plain\.test\.ts/);
  });

  it('ignores installed packages', () => {
    const root = tree(['node_modules/x/index.test.ts', 'libs/a/node_modules/y/z.test.ts']);
    expect(testFilesWithoutKind(root)).toEqual([]);
  });

  it('holds for this repository', () => {
    expect(testFilesWithoutKind(join(import.meta.dirname, '..', '..'))).toEqual([]);
  });
});
