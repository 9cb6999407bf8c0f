// `npm run openapi -w @ledger/console`: the ledger's OpenAPI, from its own fastify app built in memory (no server
// listening), into the console's API types and route table. Run it after changing a route; a test fails when stale.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestLedger } from '../../ledger/src/test-ledger.testkit.ts';
import { type OpenApiDocument, contractFiles, openApiText, routeRolesText, schemaTypesText } from './api-contract.ts';

const root = join(import.meta.dirname, '..', '..', '..');
const host = await startTestLedger();
try {
  const document = host.app.swagger() as unknown as OpenApiDocument;
  writeFileSync(join(root, contractFiles.openapi), openApiText(document));
  writeFileSync(join(root, contractFiles.schema), await schemaTypesText(document));
  writeFileSync(join(root, contractFiles.routeRoles), routeRolesText(document));
  for (const file of Object.values(contractFiles)) console.log(`wrote ${file}`);
} finally {
  await host.stop();
}
