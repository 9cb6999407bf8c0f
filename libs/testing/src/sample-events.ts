import { randomUUID } from 'node:crypto';
import type { NewEvent } from '@ledger/events';

/** A department's registration as a new event (fresh ids each call): the plain event that relay and bus tests carry. */
export const departmentRegistered = (departmentId: string): NewEvent => ({
  eventId: randomUUID(),
  type: 'DepartmentRegistered',
  schemaVersion: 1,
  data: { departmentId, name: `department ${departmentId}`, category: 'service-facing', at: '2026-04-01T08:00:00.000Z' },
  metadata: { commandId: `cmd-${randomUUID()}`, actor: 'evaluation-office:e-1' },
});
