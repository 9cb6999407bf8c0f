import type { LedgerCalendar } from '@ledger/calendar';
import { fold } from '@ledger/decider';
import { identifier, safeText } from '@ledger/events';
import { type EventStore, loadStream } from '@ledger/eventstore';
import { type Clock, ProblemError, type Role, executeHttpCommand, notFound } from '@ledger/platform';
import type { PersonalDataVault } from '@ledger/privacy';
import type { ReadStore } from '@ledger/readstore';
import type { RegistryLookup } from '@ledger/registry';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { type ComplaintCommand, type ComplaintState, type HandlingDaysByChannel, complaintDecider } from '../../domain/index.ts';
import { complaintStream } from '../../streams.ts';

/** What the complaint routes work with; the host gives the registry port and the vault. */
export interface ComplaintRouteDeps {
  store: EventStore;
  readStore: ReadStore;
  registry: RegistryLookup;
  vault: PersonalDataVault;
  clock: Clock;
  /** The ledger's local calendar (SPEC "Local time"): deadlines are counted in its days. */
  calendar: LedgerCalendar;
  handlingDays: HandlingDaysByChannel;
}

/** Who may read complaints (the complainant reads through the tracking code). */
export const staff: Role[] = ['intake-clerk', 'investigator', 'disciplinary-official', 'auditor', 'service'];
/**
 * Who may list and read them: the staff, and a department's liaison their own department's (SPEC 1, to explain an
 * overdue one, SPEC 3.7); never the complainant's identity (SPEC 8: the complaint view does not show it to a liaison).
 */
export const readers: Role[] = [...staff, 'department-liaison'];
export const idParams = z.object({ id: identifier });
export const text = (max: number) => safeText().trim().min(1).max(max);

/**
 * The request's one instant: the command's `now` and a business time left to default must be the same instant,
 * or the business time would lie (a hair) in the future of the `now` it is checked against.
 */
export const requestInstant = (deps: ComplaintRouteDeps): string => deps.clock.now().toISOString();

/** Runs a command on an existing complaint's stream; an unknown id is a 404 before anything else. */
export const decideOnComplaint = (request: FastifyRequest, deps: ComplaintRouteDeps, complaintId: string, command: ComplaintCommand) =>
  executeHttpCommand(request, deps.store, complaintStream(complaintId), complaintDecider, command);

/** The complaint as its stream tells it now, or a 404. */
export async function currentComplaint(deps: ComplaintRouteDeps, complaintId: string): Promise<ComplaintState> {
  const state = fold(complaintDecider, await loadStream(deps.store, complaintStream(complaintId)));
  if (!state) throw notFound('complaint', complaintId);
  return state;
}

/** A department or person named in the body must be in the registry (SPEC 2): otherwise a 422 naming the field. */
export async function requireRegistered(deps: ComplaintRouteDeps, field: string, kind: 'department' | 'person', id: string): Promise<void> {
  const found = kind === 'department' ? await deps.registry.department(id) : await deps.registry.person(id);
  if (found) return;
  throw new ProblemError({
    slug: `unknown-${kind}`,
    title: 'Refused by the rules',
    status: 422,
    detail: `${kind} ${id} is not in the registry`,
    errors: [{ path: `body.${field}`, message: `unknown ${kind}` }],
  });
}
