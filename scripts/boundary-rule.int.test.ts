import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// The boundary rule (issue "Core ledger", workspace): domain code that imports I/O, fastify or an adapter fails the lint.
const root = resolve(import.meta.dirname, '..');
const sandbox = join(root, 'tmp', `boundary-${randomBytes(4).toString('hex')}`);
const domain = join(sandbox, 'services', 'example', 'src', 'domain');
mkdirSync(domain, { recursive: true });
afterAll(() => rmSync(sandbox, { recursive: true, force: true }));

function lint(file: string, source: string) {
  writeFileSync(join(domain, file), source);
  const result = spawnSync(join(root, 'node_modules', '.bin', 'oxlint'), ['-c', join(root, '.oxlintrc.json'), join(domain, file)], { encoding: 'utf8' });
  return { exitCode: result.status, output: result.stdout + result.stderr };
}

describe('the domain boundary rule', () => {
  it.each([
    ['fastify', "import Fastify from 'fastify';\nexport const app = Fastify;\n"],
    ['node I/O', "import { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n"],
    ['a database driver', "import pg from 'pg';\nexport const driver = pg;\n"],
    ['an adapter package', "import { SqlEventStore } from '@ledger/eventstore';\nexport const store = SqlEventStore;\n"],
    ['the HTTP layer', "import { routes } from '../http/routes.ts';\nexport const r = routes;\n"],
  ])('fails the lint when domain code imports %s', (_what, source) => {
    const result = lint(`bad-${randomBytes(3).toString('hex')}.ts`, source);
    expect(result.exitCode).toBe(1);
    expect(result.output).toContain('domain code is pure');
  });

  it('passes pure domain code that imports the event catalogue and zod', () => {
    const result = lint('good.ts', "import { z } from 'zod';\nimport type { RecordedEvent } from '@ledger/events';\nexport const id = z.string();\nexport type E = RecordedEvent;\n");
    expect(result.output).not.toContain('domain code is pure');
    expect(result.exitCode).toBe(0);
  });
});
