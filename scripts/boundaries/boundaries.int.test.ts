import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The boundary check of `npm test` (dependency-cruiser with the repository's .dependency-cruiser.mjs), run on a small
// workspace of the same shape: every rule must catch its violation, and code that keeps the rules must pass.
const root = resolve(import.meta.dirname, '..', '..');

/** A package of the fixture workspace, linked into node_modules/@ledger as npm links the real ones. */
const packages: Record<string, Record<string, string>> = {
  'libs/decider': { '.': './src/index.ts', './testing': './src/testing/index.ts' },
  'libs/events': { '.': './src/index.ts' },
  'libs/eventstore': { '.': './src/index.ts', './sql': './src/sql/index.ts' },
  'libs/testing': { '.': './src/index.ts' },
  'services/complaints': { '.': './src/index.ts' },
  'services/evaluations': { '.': './src/index.ts' },
};

/** Each file's imports; `violates` names the rules it must break (none: it keeps every rule). */
const files: Record<string, { imports: string[]; violates?: string[] }> = {
  'libs/decider/src/index.ts': { imports: [] },
  'libs/decider/src/testing/index.ts': { imports: ['vitest', '../index.ts'] },
  'libs/events/src/index.ts': { imports: ['zod'] },
  'libs/eventstore/src/index.ts': { imports: ['@ledger/events'] },
  'libs/eventstore/src/sql/index.ts': { imports: ['../index.ts', 'node:crypto'] },
  'libs/testing/src/index.ts': { imports: ['@ledger/eventstore/sql'] },
  'services/evaluations/src/index.ts': { imports: ['@ledger/eventstore'] },
  'services/complaints/src/index.ts': { imports: ['./domain/decide.ts', './http/routes.ts'] },
  'services/complaints/src/domain/decide.ts': { imports: ['@ledger/decider', '@ledger/events', 'zod', './state.ts'] },
  'services/complaints/src/domain/state.ts': { imports: ['@ledger/events'] },
  'services/complaints/src/domain/decide.unit.test.ts': { imports: ['vitest', '@ledger/decider/testing', './decide.ts', './scenario.testkit.ts'] },
  'services/complaints/src/domain/scenario.testkit.ts': { imports: ['vitest', './decide.ts'] },
  'services/complaints/src/http/routes.ts': { imports: ['../domain/decide.ts', '@ledger/eventstore'] },
  // A feature folder keeps its pure part in a domain/ folder of its own, which may use the service's domain.
  'services/complaints/src/tracking/domain/track.ts': { imports: ['@ledger/decider', '../../domain/state.ts'] },
  'services/complaints/src/tracking/routes.ts': { imports: ['./domain/track.ts', '@ledger/eventstore'] },
  'apps/ledger/src/host.ts': { imports: ['@ledger/complaints', '@ledger/evaluations', '@ledger/eventstore/sql'] },
  'apps/ledger/src/host.e2e.test.ts': { imports: ['vitest', './host.ts', './ledger.testkit.ts', '@ledger/testing'] },
  'apps/ledger/src/ledger.testkit.ts': { imports: ['./host.ts'] },
  'scripts/bench.ts': { imports: ['@ledger/testing', '../apps/ledger/src/host.ts'] },

  // Violations, one rule each unless said.
  'services/complaints/src/domain/uses-adapter.ts': { imports: ['@ledger/eventstore/sql'], violates: ['domain-is-pure'] },
  'services/complaints/src/domain/names-port-type.ts': { imports: ['type:@ledger/eventstore'], violates: ['domain-is-pure'] },
  'services/complaints/src/domain/uses-http.ts': { imports: ['../http/routes.ts'], violates: ['domain-is-pure'] },
  'services/complaints/src/domain/reads-files.ts': { imports: ['node:fs'], violates: ['domain-is-pure'] },
  'services/complaints/src/domain/uses-driver.ts': { imports: ['pg'], violates: ['domain-is-pure'] },
  'services/complaints/src/tracking/domain/uses-routes.ts': { imports: ['../routes.ts'], violates: ['domain-is-pure'] },
  'services/complaints/src/tracking/domain/knows-evaluations.ts': { imports: ['../../../../evaluations/src/index.ts'], violates: ['domain-is-pure', 'no-service-imports-another'] },
  'services/complaints/src/domain/opens-a-store.unit.test.ts': { imports: ['vitest', '@ledger/eventstore/sql'], violates: ['domain-tests-are-pure'] },
  'services/complaints/src/http/registry.ts': { imports: ['@ledger/evaluations'], violates: ['no-service-imports-another'] },
  'libs/decider/src/impure.ts': { imports: ['@ledger/eventstore'], violates: ['pure-libs-stay-pure'] },
  'libs/eventstore/src/knows-a-service.ts': { imports: ['@ledger/complaints'], violates: ['libs-import-no-service-or-app'] },
  'services/complaints/src/knows-an-app.ts': { imports: ['../../../apps/ledger/src/host.ts'], violates: ['services-import-no-app'] },
  'services/complaints/src/module.ts': { imports: ['./domain/scenario.testkit.ts'], violates: ['production-imports-no-test-support'] },
  'apps/ledger/src/main.ts': { imports: ['@ledger/testing', './host.ts'], violates: ['production-imports-no-test-support'] },
  'libs/eventstore/src/asserts.ts': { imports: ['vitest'], violates: ['production-imports-no-test-support'] },
  'scripts/bench-from-tests.ts': { imports: ['../apps/ledger/src/ledger.testkit.ts'], violates: ['scripts-import-no-app-test-support'] },
};

const importLine = (specifier: string, index: number) =>
  specifier.startsWith('type:')
    ? `import type { T${index} } from '${specifier.slice(5)}';\nexport type U${index} = T${index};`
    : `import * as m${index} from '${specifier}';\nexport const v${index} = m${index};`;

function writeFile(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

let workspace: string;
let cruised: ReturnType<typeof cruise>;

beforeAll(() => {
  workspace = mkdtempSync(join(tmpdir(), 'boundaries-'));
  for (const [folder, exports] of Object.entries(packages)) {
    const name = `@ledger/${folder.split('/')[1]}`;
    writeFile(join(workspace, folder, 'package.json'), JSON.stringify({ name, type: 'module', exports }));
    mkdirSync(join(workspace, 'node_modules', '@ledger'), { recursive: true });
    symlinkSync(join(workspace, folder), join(workspace, 'node_modules', name));
  }
  for (const name of ['zod', 'vitest']) {
    writeFile(join(workspace, 'node_modules', name, 'package.json'), JSON.stringify({ name, type: 'module', exports: { '.': './index.js' } }));
    writeFile(join(workspace, 'node_modules', name, 'index.js'), 'export const z = 1;\n');
  }
  for (const [path, { imports }] of Object.entries(files)) writeFile(join(workspace, path), `${imports.map(importLine).join('\n')}\nexport {};\n`);
  cruised = cruise();
});

afterAll(() => rmSync(workspace, { recursive: true, force: true }));

interface Violation {
  from: string;
  to: string;
  rule: { name: string };
}

/** dependency-cruiser as `npm run boundaries` runs it, in the fixture workspace; `json` for the violations. */
function depcruise(outputType: 'err' | 'json') {
  return spawnSync(
    process.execPath,
    [join(root, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruiser.mjs'), '--config', join(root, '.dependency-cruiser.mjs'), '--output-type', outputType, 'libs', 'services', 'apps', 'scripts'],
    { cwd: workspace, encoding: 'utf8', timeout: 60_000 },
  );
}

function cruise(): { exitCode: number | null; output: string; violations: Violation[] } {
  const json = depcruise('json');
  if (!json.stdout.trim()) throw new Error(`dependency-cruiser answered nothing: ${json.stderr}`);
  const err = depcruise('err');
  return {
    exitCode: err.status,
    output: err.stdout + err.stderr,
    violations: (JSON.parse(json.stdout) as { summary: { violations: Violation[] } }).summary.violations,
  };
}

describe('the boundary check', () => {
  it('fails on each violation with its rule, and passes every file that keeps the rules', () => {
    const { exitCode, output, violations } = cruised;
    expect(exitCode).not.toBe(0);
    expect(output).toContain('error no-service-imports-another: services/complaints/src/http/registry.ts → services/evaluations/src/index.ts');
    const found = [...new Set(violations.map((violation) => `${violation.from} ${violation.rule.name}`))].toSorted();
    const expected = Object.entries(files)
      .flatMap(([path, { violates = [] }]) => violates.map((rule) => `${path} ${rule}`))
      .toSorted();
    expect(found).toEqual(expected);
  });

  it('catches a service importing another, and domain code importing an adapter, by what they import', () => {
    const { violations } = cruised;
    const of = (from: string) => violations.filter((violation) => violation.from === from).map((violation) => `${violation.rule.name} ${violation.to}`);
    expect(of('services/complaints/src/http/registry.ts')).toEqual(['no-service-imports-another services/evaluations/src/index.ts']);
    expect(of('services/complaints/src/domain/uses-adapter.ts')).toEqual(['domain-is-pure libs/eventstore/src/sql/index.ts']);
    expect(of('services/complaints/src/domain/names-port-type.ts')).toEqual(['domain-is-pure libs/eventstore/src/index.ts']);
  });
});
