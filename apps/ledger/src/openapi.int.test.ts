import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import SwaggerParser from '@apidevtools/swagger-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LedgerHost } from './host.ts';
import { startTestLedger } from './test-ledger.testkit.ts';

// Issue 14.1: the OpenAPI at /docs/json is one a client generator can trust. Every operation, including the
// ones added later, names its success answer (with an example), its problems, its operationId; the document
// passes @apidevtools/swagger-parser and `redocly lint` (spawned, as CI runs it) without an error.

interface Media {
  schema?: { examples?: unknown[]; $ref?: string };
  example?: unknown;
  examples?: Record<string, unknown>;
}
interface Operation {
  operationId?: string;
  security?: unknown[];
  parameters?: Array<{ in: string; name: string }>;
  responses?: Record<string, { description?: string; content?: Record<string, Media> }>;
}
type Document = { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, { examples?: unknown[] }> } };

const methods = ['get', 'put', 'post', 'delete', 'patch'];

/** What an operation lacks, in words: empty when it complies. */
function lacks(document: Document, method: string, operation: Operation): string[] {
  const missing: string[] = [];
  if (!operation.operationId) missing.push('an operationId');
  const responses = operation.responses ?? {};
  const successes = Object.entries(responses).filter(([status]) => /^2\d\d$/.test(status));
  const withSchema = successes.filter(([, response]) => Object.values(response.content ?? {}).some((media) => media.schema !== undefined));
  if (withSchema.length === 0) missing.push('a success response with a schema');
  const exampled = withSchema.some(([, response]) =>
    Object.values(response.content ?? {}).some((media) => {
      const referenced = media.schema?.$ref ? document.components.schemas[media.schema.$ref.split('/').at(-1)!] : undefined;
      return media.example !== undefined || media.examples !== undefined || media.schema?.examples !== undefined || referenced?.examples !== undefined;
    }),
  );
  if (withSchema.length > 0 && !exampled) missing.push('an example of its success answer');
  const problems: string[] = ['400'];
  if ((operation.security ?? []).length > 0) problems.push('401', '403');
  for (const status of problems) {
    if (!responses[status]?.content?.['application/problem+json']) missing.push(`a ${status} problem response`);
  }
  if (['post', 'put', 'delete'].includes(method) && !operation.parameters?.some((parameter) => parameter.in === 'header' && parameter.name === 'idempotency-key')) {
    missing.push('the Idempotency-Key header');
  }
  return missing;
}

describe('the OpenAPI document at /docs/json', () => {
  let ledger: LedgerHost;
  let document: Document;

  beforeAll(async () => {
    ledger = await startTestLedger();
    document = (await ledger.app.inject({ method: 'GET', url: '/docs/json' })).json();
  });
  afterAll(() => ledger?.stop());

  it('gives every /v1 operation an operationId, a success schema with an example, its problem responses and Idempotency-Key', () => {
    const operations = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([method]) => methods.includes(method))
        .map(([method, operation]) => ({ name: `${method.toUpperCase()} ${path}`, method, operation })),
    );
    expect(operations.length).toBeGreaterThan(40);
    const failures = operations.flatMap(({ name, method, operation }) => {
      const missing = lacks(document, method, operation);
      return missing.length > 0 ? [`${name} lacks ${missing.join(', ')}`] : [];
    });
    expect(failures).toEqual([]);
    const ids = operations.map(({ operation }) => operation.operationId);
    expect(ids.filter((id, index) => ids.indexOf(id) !== index), 'operationIds are unique').toEqual([]);
    expect(document.components.schemas.Problem).toBeDefined();
  });

  it('passes @apidevtools/swagger-parser validation', async () => {
    await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeDefined();
  });

  it('passes `redocly lint` (recommended rules) without an error', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'openapi-'));
    try {
      const file = join(folder, 'openapi.json');
      writeFileSync(file, JSON.stringify(document));
      const cli = createRequire(import.meta.url).resolve('@redocly/cli/bin/cli.js');
      const run = await promisify(execFile)(process.execPath, [cli, 'lint', file, '--format=json'], { env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' } }).catch(
        (error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }),
      );
      const report = JSON.parse(run.stdout) as { totals: { errors: number }; problems: Array<{ severity: string; ruleId: string; message: string }> };
      expect(report.problems.filter((problem) => problem.severity === 'error')).toEqual([]);
      expect(report.totals.errors).toBe(0);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
