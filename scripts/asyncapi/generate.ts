// Writes docs/asyncapi.json from the event catalogue: `npm run asyncapi` after changing an event schema.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { asyncApiPath, asyncApiText } from './asyncapi-document.ts';

const root = join(import.meta.dirname, '..', '..');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
writeFileSync(join(root, asyncApiPath), asyncApiText({ version }));
console.log(`wrote ${asyncApiPath}`);
