import { createReadStream, readFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { UsageError } from './io.ts';

async function firstCharacter(file: string): Promise<string | undefined> {
  const handle = await open(file, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(4096), 0, 4096, 0);
    return buffer.subarray(0, bytesRead).toString('utf8').trimStart()[0];
  } finally {
    await handle.close();
  }
}

function eventsOf(value: unknown, file: string): unknown[] {
  if (Array.isArray(value)) return value;
  if (value !== null && typeof value === 'object' && Array.isArray((value as { events?: unknown }).events)) return (value as { events: unknown[] }).events;
  throw new UsageError(`${file}: expected CloudEvents, a JSON array of them, or feed pages ({ "events": [...] })`);
}

/**
 * A feed saved to a file: JSON lines (each a CloudEvent, or a feed page `{ events, next }` as
 * GET /v1/ledger/events answers), or one JSON array of CloudEvents. JSON lines are streamed, so a
 * large feed never has to fit in memory.
 */
export async function* feedFromFile(file: string): AsyncGenerator<unknown> {
  let first: string | undefined;
  try {
    first = await firstCharacter(file);
  } catch (error) {
    throw new UsageError(`--feed: cannot read ${file}: ${(error as Error).message}`);
  }
  if (first === '[') {
    yield* eventsOf(JSON.parse(readFileSync(file, 'utf8')), file);
    return;
  }
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Number.POSITIVE_INFINITY });
  let number = 0;
  for await (const line of lines) {
    number += 1;
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      throw new UsageError(`${file}:${number}: not JSON: ${(error as Error).message}`);
    }
    const isPage = value !== null && typeof value === 'object' && !Array.isArray(value) && 'events' in value && !('specversion' in value);
    if (isPage || Array.isArray(value)) yield* eventsOf(value, file);
    else yield value;
  }
}
