import { randomUUID } from 'node:crypto';
import type { RecordedEvent } from '@ledger/events';

let position = 0;

/** An event as the bus delivers it, for projection tests: positions grow across the test file. */
export const recorded = (streamId: string, type: string, data: Record<string, unknown>): RecordedEvent => ({
  position: ++position,
  eventId: randomUUID(),
  streamId,
  streamVersion: 0,
  type,
  schemaVersion: 1,
  data,
  metadata: { commandId: randomUUID() },
  occurredAt: '2026-05-01T00:00:00Z',
  recordedAt: '2026-05-01T00:00:00Z',
});
