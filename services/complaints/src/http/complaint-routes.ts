import { randomBytes, randomUUID } from 'node:crypto';
import { complaintCategory, complaintChannel, findingOutcome, identifier, isoInstant } from '@ledger/events';
import { type EventStore, deterministicId, loadStream } from '@ledger/eventstore';
import { type Clock, type HttpApp, ProblemError, type Role, executeHttpCommand, idempotencyKeyOf, notFound } from '@ledger/platform';
import type { PersonalDataVault } from '@ledger/privacy';
import type { ReadStore } from '@ledger/readstore';
import type { RegistryLookup } from '@ledger/registry';
import { z } from 'zod';
import { type ComplaintCommand, type ComplaintState, type HandlingDaysByChannel, complaintDecider, foldComplaint, handlingDaysFor } from '../domain/index.ts';
import { type ComplaintDocument, complaintsCollection } from '../projections/complaint-list.ts';
import { complaintStream } from '../streams.ts';
import { complaintSummary, complaintView } from './complaint-view.ts';

export interface ComplaintRouteDeps {
  store: EventStore;
  readStore: ReadStore;
  registry: RegistryLookup;
  vault: PersonalDataVault;
  clock: Clock;
  handlingDays: HandlingDaysByChannel;
}

const staff: Role[] = ['intake-clerk', 'investigator', 'disciplinary-official', 'auditor', 'service'];
const idParams = z.object({ id: identifier });
const text = (max: number) => z.string().trim().min(1).max(max);

/** Tracking codes are the complainant's only key to their complaint: unguessable, and easy to read out on a phone. */
function newTrackingCode(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(12);
  let code = '';
  for (const byte of bytes) code += alphabet[byte % alphabet.length];
  return `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`;
}

const fileBody = z
  .object({
    channel: complaintChannel,
    departmentId: identifier,
    personId: identifier.optional(),
    category: complaintCategory,
    summary: text(10_000),
    occurredAt: isoInstant.optional(),
    receivedAt: isoInstant.optional(),
    complainant: z
      .object({ name: text(300).optional(), phone: text(50).optional(), email: z.email().max(300).optional() })
      .strict()
      .optional(),
  })
  .strict();

export function complaintRoutes(app: HttpApp, deps: ComplaintRouteDeps): void {
  // One instant per request: the command's `now` and a defaulted business time must be the same instant,
  // or the business time would lie (a hair) in the future of the `now` it is checked against.
  const instants = new WeakMap<object, string>();
  const now = (request: object) => {
    const instant = instants.get(request) ?? deps.clock.now().toISOString();
    instants.set(request, instant);
    return instant;
  };

  /** Runs a command on an existing complaint; unknown ids are 404 before anything else. */
  const onComplaint = async (request: Parameters<typeof executeHttpCommand>[0], complaintId: string, command: ComplaintCommand) =>
    executeHttpCommand(request, deps.store, complaintStream(complaintId), complaintDecider, command);

  const requireRegistered = async (field: string, kind: 'department' | 'person', id: string) => {
    const found = kind === 'department' ? await deps.registry.department(id) : await deps.registry.person(id);
    if (!found) {
      throw new ProblemError({
        slug: `unknown-${kind}`,
        title: 'Refused by the rules',
        status: 422,
        detail: `${kind} ${id} is not in the registry`,
        errors: [{ path: `body.${field}`, message: `unknown ${kind}` }],
      });
    }
  };

  app.post(
    '/v1/complaints',
    {
      schema: { tags: ['complaints'], summary: 'File a complaint; a tracking code is issued', body: fileBody },
      config: { access: ['intake-clerk', 'complainant'] },
    },
    async (request, reply) => {
      const body = request.body;
      await requireRegistered('departmentId', 'department', body.departmentId);
      if (body.personId) await requireRegistered('personId', 'person', body.personId);
      const key = idempotencyKeyOf(request);
      const caller = `${request.principal!.role}:${request.principal!.id}`;
      // With a key, the id follows from it, so a retried filing lands on the same stream and is answered from it.
      const complaintId = key ? deterministicId('complaint', caller, key) : randomUUID();
      const hasIdentity = body.complainant && Object.values(body.complainant).some((value) => value !== undefined);
      const complainant = hasIdentity ? await deps.vault.seal(deterministicId('complainant', complaintId), body.complainant!) : undefined;
      const result = await executeHttpCommand(request, deps.store, complaintStream(complaintId), complaintDecider, {
        type: 'FileComplaint',
        now: now(request),
        complaintId,
        trackingCode: newTrackingCode(),
        channel: body.channel,
        departmentId: body.departmentId,
        ...(body.personId ? { personId: body.personId } : {}),
        category: body.category,
        summary: body.summary,
        ...(body.occurredAt ? { occurredAt: body.occurredAt } : {}),
        receivedAt: body.receivedAt ?? now(request),
        ...(complainant ? { complainant } : {}),
      });
      const state = result.state!;
      return reply.code(201).send({ complaintId: state.complaintId, trackingCode: state.trackingCode, status: state.status });
    },
  );

  app.post(
    '/v1/complaints/:id/accept',
    {
      schema: {
        tags: ['complaints'],
        summary: 'Accept a complaint: the deadline runs from when it was received',
        params: idParams,
        body: z.object({ handlingDays: z.int().positive().max(365).optional(), at: isoInstant.optional() }).strict().default({}),
      },
      config: { access: ['intake-clerk'] },
    },
    async (request) => {
      const current = await currentState(request.params.id);
      const handlingDays = request.body.handlingDays ?? handlingDaysFor(deps.handlingDays, current.channel);
      const result = await onComplaint(request, request.params.id, { type: 'AcceptComplaint', now: now(request), handlingDays, at: request.body.at ?? now(request) });
      return { status: 'accepted', dueAt: result.state!.dueAt };
    },
  );

  app.post(
    '/v1/complaints/:id/reject',
    {
      schema: { tags: ['complaints'], summary: 'Reject a complaint', params: idParams, body: z.object({ reason: text(2_000), at: isoInstant.optional() }).strict() },
      config: { access: ['intake-clerk'] },
    },
    async (request) => {
      await onComplaint(request, request.params.id, { type: 'RejectComplaint', now: now(request), reason: request.body.reason, at: request.body.at ?? now(request) });
      return { status: 'rejected' };
    },
  );

  app.post(
    '/v1/complaints/:id/assign',
    {
      schema: { tags: ['complaints'], summary: 'Assign an investigator (repeatable)', params: idParams, body: z.object({ investigatorId: identifier, at: isoInstant.optional() }).strict() },
      config: { access: ['intake-clerk'] },
    },
    async (request) => {
      const result = await onComplaint(request, request.params.id, {
        type: 'AssignInvestigator',
        now: now(request),
        investigatorId: request.body.investigatorId,
        at: request.body.at ?? now(request),
      });
      return { status: result.state!.status, investigators: result.state!.investigators };
    },
  );

  app.post(
    '/v1/complaints/:id/finding',
    {
      schema: {
        tags: ['complaints'],
        summary: "Record the investigator's finding",
        params: idParams,
        body: z
          .object({
            outcome: findingOutcome,
            personId: identifier.optional(),
            departmentsAtFault: z.array(identifier).max(50).optional(),
            note: z.string().max(10_000).optional(),
            at: isoInstant.optional(),
          })
          .strict(),
      },
      config: { access: ['investigator'] },
    },
    async (request) => {
      const body = request.body;
      if (body.personId) await requireRegistered('personId', 'person', body.personId);
      for (const [index, departmentId] of (body.departmentsAtFault ?? []).entries()) {
        await requireRegistered(`departmentsAtFault.${index}`, 'department', departmentId);
      }
      const result = await onComplaint(request, request.params.id, {
        type: 'RecordFinding',
        now: now(request),
        outcome: body.outcome,
        ...(body.personId ? { personId: body.personId } : {}),
        ...(body.departmentsAtFault ? { departmentsAtFault: body.departmentsAtFault } : {}),
        ...(body.note ? { note: body.note } : {}),
        at: body.at ?? now(request),
      });
      return { status: 'found', outcome: result.state!.finding!.outcome };
    },
  );

  app.post(
    '/v1/complaints/:id/close',
    {
      schema: {
        tags: ['complaints'],
        summary: "Close a complaint, with the complainant's satisfaction (1-5) when given",
        params: idParams,
        body: z.object({ satisfaction: z.int().min(1).max(5).optional(), at: isoInstant.optional() }).strict().default({}),
      },
      config: { access: ['intake-clerk'] },
    },
    async (request) => {
      const { satisfaction, at } = request.body;
      await onComplaint(request, request.params.id, { type: 'CloseComplaint', now: now(request), ...(satisfaction ? { satisfaction } : {}), at: at ?? now(request) });
      return { status: 'closed' };
    },
  );

  app.post(
    '/v1/complaints/:id/reopen',
    {
      schema: {
        tags: ['complaints'],
        summary: 'Reopen once for redo after a satisfaction of 1 or 2',
        params: idParams,
        body: z.object({ reason: text(2_000), at: isoInstant.optional() }).strict(),
      },
      config: { access: ['intake-clerk'] },
    },
    async (request) => {
      const current = await currentState(request.params.id);
      const result = await onComplaint(request, request.params.id, {
        type: 'ReopenComplaint',
        now: now(request),
        reason: request.body.reason,
        handlingDays: handlingDaysFor(deps.handlingDays, current.channel),
        at: request.body.at ?? now(request),
      });
      return { status: 'accepted', dueAt: result.state!.dueAt };
    },
  );

  app.post(
    '/v1/complaints/:id/appeal',
    {
      schema: { tags: ['complaints'], summary: 'Appeal the finding in force', params: idParams, body: z.object({ reason: text(2_000), at: isoInstant.optional() }).strict() },
      config: { access: ['intake-clerk', 'disciplinary-official'] },
    },
    async (request) => {
      await onComplaint(request, request.params.id, { type: 'FileAppeal', now: now(request), reason: request.body.reason, at: request.body.at ?? now(request) });
      return { status: 'appealed' };
    },
  );

  app.post(
    '/v1/complaints/:id/appeal-decision',
    {
      schema: {
        tags: ['complaints'],
        summary: 'Decide an appeal: upheld changes nothing; overturned replaces the finding',
        params: idParams,
        body: z.object({ decision: z.enum(['upheld', 'overturned']), outcome: findingOutcome.optional(), at: isoInstant.optional() }).strict(),
      },
      config: { access: ['disciplinary-official'] },
    },
    async (request) => {
      const { decision, outcome, at } = request.body;
      const result = await onComplaint(request, request.params.id, { type: 'DecideAppeal', now: now(request), decision, ...(outcome ? { outcome } : {}), at: at ?? now(request) });
      return { status: result.state!.status, decision, outcome: result.state!.finding!.outcome };
    },
  );

  app.get(
    '/v1/complaints/:id',
    { schema: { tags: ['complaints'], summary: 'A complaint with its event history', params: idParams }, config: { access: staff } },
    async (request) => {
      const history = await loadStream(deps.store, complaintStream(request.params.id));
      const state = foldComplaint(history.map((event) => ({ type: event.type, data: event.data }) as never));
      if (!state) throw notFound('complaint', request.params.id);
      return complaintView(state, history, request.principal, deps.vault, deps.clock.now());
    },
  );

  app.get(
    '/v1/complaints',
    {
      schema: {
        tags: ['complaints'],
        summary: 'Complaints by department, person, status; overdue=true for late ones',
        querystring: z
          .object({
            departmentId: identifier.optional(),
            personId: identifier.optional(),
            status: z.enum(['filed', 'accepted', 'rejected', 'found', 'appealed', 'closed']).optional(),
            overdue: z.enum(['true', 'false']).optional(),
            limit: z.coerce.number().int().min(1).max(500).default(50),
            after: z.string().max(200).optional(),
          })
          .strict(),
      },
      config: { access: staff },
    },
    async (request) => {
      const { departmentId, personId, status, overdue, limit, after } = request.query;
      const instant = deps.clock.now();
      const filter: Record<string, unknown> = {
        ...(departmentId ? { departmentId } : {}),
        ...(personId ? { personId } : {}),
        ...(status ? { status } : {}),
      };
      if (overdue === 'true') {
        filter.dueAt = { $lt: instant.toISOString() };
        if (!status) filter.status = { $in: ['accepted', 'found', 'appealed'] };
      }
      const page = await deps.readStore
        .collection<ComplaintDocument>(complaintsCollection)
        .find(filter as never, { limit: limit + 1, ...(after ? { afterId: after } : {}) });
      let items = page.slice(0, limit);
      // `overdue` also excludes appeals filed after closing: the domain's rule decides, the filter narrows.
      if (overdue) items = items.filter((doc) => (complaintSummary(doc.state, instant).overdue === true) === (overdue === 'true'));
      return {
        items: items.map((doc) => complaintSummary(doc.state, instant)),
        ...(page.length > limit ? { next: page[limit - 1]!.id } : {}),
      };
    },
  );

  app.get(
    '/v1/track/:trackingCode',
    {
      schema: { tags: ['complaints'], summary: "The complainant's view: status and dates only", params: z.object({ trackingCode: z.string().min(1).max(40) }) },
      config: { access: 'public' },
    },
    async (request) => {
      const [doc] = await deps.readStore
        .collection<ComplaintDocument>(complaintsCollection)
        .find({ trackingCode: request.params.trackingCode.toUpperCase() }, { limit: 1 });
      if (!doc) throw notFound('tracking code', request.params.trackingCode);
      const { status, receivedAt, dueAt, closedAt } = doc.state;
      return { status, receivedAt, ...(dueAt ? { dueAt } : {}), ...(closedAt ? { closedAt } : {}) };
    },
  );

  async function currentState(complaintId: string): Promise<ComplaintState> {
    const history = await loadStream(deps.store, complaintStream(complaintId));
    const state = foldComplaint(history.map((event) => ({ type: event.type, data: event.data }) as never));
    if (!state) throw notFound('complaint', complaintId);
    return state;
  }
}
