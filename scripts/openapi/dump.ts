// `node scripts/openapi/dump.ts <file>`: the embedded ledger's OpenAPI (/docs/json), from its fastify app built in
// memory, into a file (what `npm run openapi:lint` gives Redocly).
import { writeFileSync } from 'node:fs';
import { startTestLedger } from '../../apps/ledger/src/test-ledger.testkit.ts';

const file = process.argv[2] ?? 'openapi.json';
const host = await startTestLedger();
try {
  writeFileSync(file, `${JSON.stringify(host.app.swagger(), null, 2)}\n`);
  console.log(`wrote ${file}`);
} finally {
  await host.stop();
}
