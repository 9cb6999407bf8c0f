import { fold } from '@ledger/decider';
import { identifier, isoInstant, rectificationSourceKinds, callbackResults } from '@ledger/events';
import { loadStream } from '@ledger/eventstore';
import { type HttpApp, type Role, type ServiceContext, ensureOwnDepartment, executeHttpCommand, listDepartment, notFound } from '@ledger/platform';
import { z } from 'zod';
import { loadYearCalendar } from '../calendars.ts';
import { badReviewDecider, calendarDecider, itemDecider, type BadReviewState } from '../domain/index.ts';
import { deadlinePolicyAt, workingDaysDeadline } from '../processors.ts';
import { type BadReviewDocument, type RectificationDocument, badReviewsCollection, rectificationsCollection } from '../projections/rectification-lists.ts';
import { badReviewStream, rectificationStream, workingCalendarStream } from '../streams.ts';
import {
  type CaseHistoryStep,
  type ItemHistoryStep,
  calendarAnswer,
  callbackAnswer,
  caseAnswer,
  caseListAnswer,
  departmentCasesAnswer,
  departmentItemsAnswer,
  itemAnswer,
  itemListAnswer,
  itemStepAnswer,
  openedItemAnswer,
  verificationAnswer,
} from './answers.ts';
import { deadlinePolicyRoutes } from './deadline-policy-routes.ts';

const readers: Role[] = ['evaluation-office', 'disciplinary-official', 'auditor', 'department-liaison', 'service'];
const text = z.string().min(1).max(4000);
const paging = { limit: z.coerce.number().int().min(1).max(500).default(50), after: z.string().min(1).max(600).optional() };
const idParams = z.object({ id: identifier }).strict();

const itemView = (doc: RectificationDocument, now: string) => ({
  rectificationId: doc.id,
  departmentId: doc.departmentId,
  source: doc.state.source,
  problem: doc.problem,
  measure: doc.measure,
  target: doc.target,
  deadline: doc.state.deadline,
  ...(doc.state.responsiblePersonId ? { responsiblePersonId: doc.state.responsiblePersonId } : {}),
  status: doc.status,
  overdue: doc.overdue || (doc.status !== 'verified' && Date.parse(doc.deadline) < Date.parse(now)),
  openedAt: doc.openedAt,
  ...(doc.verifiedAt ? { verifiedAt: doc.verifiedAt, verifiedOnTime: doc.verifiedOnTime } : {}),
  ...(doc.state.policyVersion ? { policyVersion: doc.state.policyVersion } : {}),
  ...(doc.state.workingDays !== undefined && doc.state.deadlineFrom ? { workingDays: doc.state.workingDays, deadlineFrom: doc.state.deadlineFrom } : {}),
});

const caseView = (doc: BadReviewDocument, now: string) => ({
  badReviewId: doc.id,
  transactionId: doc.state.transactionId,
  departmentId: doc.departmentId,
  ...(doc.state.personId ? { personId: doc.state.personId } : {}),
  level: doc.state.level,
  ratedAt: doc.state.ratedAt,
  verifyBy: doc.state.verifyBy,
  policyVersion: doc.state.policyVersion,
  status: doc.status,
  overdue: doc.overdue || (doc.state.verifiedBy === undefined && Date.parse(doc.verifyBy) < Date.parse(now)),
  ...(doc.state.justified === undefined ? {} : { justified: doc.state.justified, verifiedBy: doc.state.verifiedBy, verifiedOnTime: doc.state.verifiedOnTime }),
  ...(doc.state.rectificationId ? { rectificationId: doc.state.rectificationId } : {}),
  ...(doc.state.callback ? { callback: doc.state.callback } : {}),
});

async function loadItem(context: ServiceContext, id: string) {
  const state = fold(itemDecider, await loadStream(context.store, rectificationStream(id)));
  if (!state) throw notFound('rectification item', id);
  return state;
}

async function loadCase(context: ServiceContext, id: string): Promise<BadReviewState> {
  const state = fold(badReviewDecider, await loadStream(context.store, badReviewStream(id)));
  if (!state) throw notFound('bad-review case', id);
  return state;
}

/** SPEC 10, 11 and the working-day calendar: the routes of API.md "Rectification, bad reviews, calendar". */
export function rectificationRoutes(app: HttpApp, context: ServiceContext): void {
  const now = () => context.clock.now().toISOString();
  const items = () => context.readStore.collection<RectificationDocument>(rectificationsCollection);
  const cases = () => context.readStore.collection<BadReviewDocument>(badReviewsCollection);

  // The working-day calendar of a year (SPEC "Local time").
  const calendarBody = z.object({ holidays: z.array(z.string()).max(366), workdays: z.array(z.string()).max(366), at: isoInstant.optional() }).strict();
  const yearParams = z.object({ year: z.coerce.number().int().min(2000).max(9999) }).strict();
  const calendarView = async (year: number) => {
    const state = await loadYearCalendar(context.store, year);
    return state.version === 0
      ? { year, recorded: false, version: 0, holidays: [], workdays: [], note: 'no calendar recorded for this year: only weekends are days off' }
      : { year, recorded: true, version: state.version, holidays: state.holidays, workdays: state.workdays, recordedAt: state.recordedAt };
  };
  app.get(
    '/v1/policies/calendar/:year',
    { schema: { operationId: 'getWorkingCalendar', tags: ['rectification'], summary: "A year's working-day calendar: holidays and adjusted working days, with its version", params: yearParams, response: { 200: calendarAnswer("The year's working-day calendar in force") } }, config: { access: [...readers, 'intake-clerk', 'investigator'] } },
    async (request) => calendarView(request.params.year),
  );
  app.put(
    '/v1/policies/calendar/:year',
    { schema: { operationId: 'recordWorkingCalendar', tags: ['rectification'], summary: "Record a year's working-day calendar (a new version when it changes)", params: yearParams, body: calendarBody, response: { 200: calendarAnswer('The calendar is recorded: the version now in force') } }, config: { access: ['evaluation-office'] } },
    async (request) => {
      const current = now();
      await executeHttpCommand(request, context.store, workingCalendarStream(request.params.year), calendarDecider, {
        year: request.params.year,
        holidays: request.body.holidays,
        workdays: request.body.workdays,
        at: request.body.at ?? current,
        now: current,
      });
      return calendarView(request.params.year);
    },
  );

  deadlinePolicyRoutes(app, context);

  // Rectification items (SPEC 10).
  const openBody = z
    .object({
      departmentId: identifier,
      source: z.object({ kind: z.enum(rectificationSourceKinds), ref: identifier.optional() }).strict(),
      problem: text,
      measure: text,
      target: text,
      deadline: isoInstant,
      responsiblePersonId: identifier,
      at: isoInstant.optional(),
    })
    .strict();
  app.post(
    '/v1/rectifications',
    { schema: { operationId: 'openRectification', tags: ['rectification'], summary: 'Open a rectification item by hand', body: openBody, response: { 201: openedItemAnswer } }, config: { access: ['evaluation-office', 'disciplinary-official'] } },
    async (request, reply) => {
      const current = now();
      const rectificationId = `rect-${crypto.randomUUID()}`;
      await executeHttpCommand(request, context.store, rectificationStream(rectificationId), itemDecider, {
        type: 'Open',
        rectificationId,
        ...request.body,
        at: request.body.at ?? current,
        now: current,
      });
      return reply.code(201).send({ rectificationId, status: 'open' });
    },
  );

  const step = <Body extends z.ZodType>(path: string, operationId: string, summary: string, response: ReturnType<typeof itemStepAnswer>, access: Role[], body: Body, command: (body: z.infer<Body>, at: string, current: string) => Parameters<typeof itemDecider.decide>[0]) =>
    app.post(
      `/v1/rectifications/:id/${path}`,
      { schema: { operationId, tags: ['rectification'], summary, params: idParams, body, response: { 200: response } }, config: { access } },
      async (request) => {
        const state = await loadItem(context, request.params.id);
        ensureOwnDepartment(request.principal, state.departmentId);
        const current = now();
        const bodyValue = request.body as z.infer<Body> & { at?: string };
        const result = await executeHttpCommand(request, context.store, rectificationStream(request.params.id), itemDecider, command(bodyValue, bodyValue.at ?? current, current));
        return { rectificationId: request.params.id, status: result.state!.status };
      },
    );
  step('progress', 'reportRectificationProgress', 'Report progress on an item: it is in progress', itemStepAnswer('The progress is recorded: the item is in progress', 'in-progress'), ['department-liaison', 'evaluation-office'], z.object({ note: text, at: isoInstant.optional() }).strict(), (body, at, current) => ({ type: 'Progress', note: body.note, at, now: current }));
  step('complete', 'completeRectification', 'Report an item completed, with its evidence', itemStepAnswer('The item is completed, awaiting verification', 'completed'), ['department-liaison', 'evaluation-office'], z.object({ evidence: text, at: isoInstant.optional() }).strict(), (body, at, current) => ({ type: 'Complete', evidence: body.evidence, at, now: current }));
  step('verify', 'verifyRectification', 'Verify a completed item, or send it back to in-progress with the reason', itemStepAnswer('The verification is recorded: verified, or back in progress', 'verified'), ['evaluation-office'], z.object({ accepted: z.boolean(), note: text, at: isoInstant.optional() }).strict(), (body, at, current) => ({ type: 'Verify', accepted: body.accepted, note: body.note, at, now: current }));

  app.get(
    '/v1/rectifications',
    {
      schema: {
        operationId: 'listRectifications',
        tags: ['rectification'],
        summary: 'Rectification items, by department, status, source and overdue',
        response: { 200: itemListAnswer },
        querystring: z.object({ departmentId: identifier.optional(), status: z.enum(['open', 'in-progress', 'completed', 'verified']).optional(), source: z.enum(rectificationSourceKinds).optional(), overdue: z.enum(['true', 'false']).optional(), ...paging }).strict(),
      },
      config: { access: readers },
    },
    async (request) => {
      const { status, source, overdue, limit, after } = request.query;
      const departmentId = listDepartment(request.principal, request.query.departmentId);
      const current = now();
      const filter = { ...(departmentId ? { departmentId } : {}), ...(status ? { status } : {}), ...(source ? { sourceKind: source } : {}) };
      // Overdue is either marked or due now and not yet marked by the watcher; filtered after the indexed query.
      const found: RectificationDocument[] = [];
      for (let cursor = after; found.length <= limit; ) {
        const batch = await items().find(filter, { limit: 200, ...(cursor ? { afterId: cursor } : {}) });
        for (const doc of batch) if (overdue === undefined || itemView(doc, current).overdue === (overdue === 'true')) found.push(doc);
        if (batch.length < 200) break;
        cursor = batch.at(-1)!.id;
      }
      const page = found.slice(0, limit);
      return { items: page.map((doc) => itemView(doc, current)), ...(found.length > limit ? { next: page.at(-1)!.id } : {}) };
    },
  );
  app.get(
    '/v1/rectifications/:id',
    { schema: { operationId: 'getRectification', tags: ['rectification'], summary: 'A rectification item with its history', params: idParams, response: { 200: itemAnswer } }, config: { access: readers } },
    async (request) => {
      const doc = await items().get(request.params.id);
      if (!doc) throw notFound('rectification item', request.params.id);
      ensureOwnDepartment(request.principal, doc.departmentId);
      // The stored steps are the events' data (typed loosely in the read model); the answer describes each kind.
      return { ...itemView(doc, now()), history: doc.history as ItemHistoryStep[] };
    },
  );
  app.get(
    '/v1/departments/:departmentId/rectification',
    {
      schema: { operationId: 'getDepartmentRectification', tags: ['rectification'], response: { 200: departmentItemsAnswer }, summary: 'Per department and year: items opened, verified, verified on time, overdue, and the rectification rate', params: z.object({ departmentId: identifier }).strict(), querystring: z.object({ year: z.coerce.number().int().min(2000).max(9999).optional() }).strict() },
      config: { access: readers },
    },
    async (request) => {
      const { departmentId } = request.params;
      ensureOwnDepartment(request.principal, departmentId);
      const year = request.query.year ?? context.calendar.yearOf(now());
      const opened = (await items().find({ departmentId })).filter((doc) => context.calendar.yearOf(doc.openedAt) === year);
      const verified = opened.filter((doc) => doc.status === 'verified').length;
      return {
        departmentId,
        year,
        opened: opened.length,
        verified,
        verifiedOnTime: opened.filter((doc) => doc.verifiedOnTime === true).length,
        overdue: opened.filter((doc) => doc.overdue).length,
        rate: opened.length === 0 ? null : verified / opened.length,
      };
    },
  );

  // Bad-review cases (SPEC 11).
  app.get(
    '/v1/bad-reviews',
    {
      schema: {
        operationId: 'listBadReviews',
        tags: ['rectification'],
        summary: 'Bad-review cases, by department, status and overdue',
        response: { 200: caseListAnswer },
        querystring: z.object({ departmentId: identifier.optional(), status: z.enum(['open', 'justified', 'unjustified', 'rectified', 'called-back']).optional(), overdue: z.enum(['true', 'false']).optional(), ...paging }).strict(),
      },
      config: { access: readers },
    },
    async (request) => {
      const { status, overdue, limit, after } = request.query;
      const departmentId = listDepartment(request.principal, request.query.departmentId);
      const current = now();
      const filter = { ...(departmentId ? { departmentId } : {}), ...(status ? { status } : {}) };
      const found: BadReviewDocument[] = [];
      for (let cursor = after; found.length <= limit; ) {
        const batch = await cases().find(filter, { limit: 200, ...(cursor ? { afterId: cursor } : {}) });
        for (const doc of batch) if (overdue === undefined || caseView(doc, current).overdue === (overdue === 'true')) found.push(doc);
        if (batch.length < 200) break;
        cursor = batch.at(-1)!.id;
      }
      const page = found.slice(0, limit);
      return { items: page.map((doc) => caseView(doc, current)), ...(found.length > limit ? { next: page.at(-1)!.id } : {}) };
    },
  );
  app.get(
    '/v1/bad-reviews/:id',
    { schema: { operationId: 'getBadReview', tags: ['rectification'], summary: 'A bad-review case with its history', params: idParams, response: { 200: caseAnswer } }, config: { access: readers } },
    async (request) => {
      const doc = await cases().get(request.params.id);
      if (!doc) throw notFound('bad-review case', request.params.id);
      ensureOwnDepartment(request.principal, doc.departmentId);
      return { ...caseView(doc, now()), history: doc.history as CaseHistoryStep[] };
    },
  );
  app.post(
    '/v1/bad-reviews/:id/verification',
    {
      schema: { operationId: 'verifyBadReview', tags: ['rectification'], response: { 200: verificationAnswer }, summary: "Verify a bad review (the department's liaison; the evaluation office may overrule): a justified one opens a rectification item", params: idParams, body: z.object({ justified: z.boolean(), note: text, at: isoInstant.optional() }).strict() },
      config: { access: ['department-liaison', 'evaluation-office'] },
    },
    async (request) => {
      const state = await loadCase(context, request.params.id);
      ensureOwnDepartment(request.principal, state.departmentId);
      const current = now();
      const at = request.body.at ?? current;
      // A justified case's item is due by the policy in force at the verification (the item's opening).
      const policy = await deadlinePolicyAt(context.store, at);
      const rectifyBy = await workingDaysDeadline(context, at, policy.badReviewRectificationWorkingDays);
      const result = await executeHttpCommand(request, context.store, badReviewStream(request.params.id), badReviewDecider, {
        type: 'Verify',
        by: request.principal!.role === 'department-liaison' ? 'department-liaison' : 'evaluation-office',
        justified: request.body.justified,
        note: request.body.note,
        at,
        now: current,
        rectificationId: `bad-review-${request.params.id}`,
        rectifyBy: rectifyBy.dueAt,
        policyVersion: policy.version,
      });
      const verdict = result.events[0]?.data as { rectificationId?: string; rectifyBy?: string; onTime: boolean } | undefined;
      return {
        badReviewId: request.params.id,
        status: result.state!.status,
        justified: request.body.justified,
        ...(verdict ? { onTime: verdict.onTime } : {}),
        ...(result.state!.rectificationId ? { rectificationId: result.state!.rectificationId } : {}),
        ...(verdict?.rectifyBy ? { rectifyBy: verdict.rectifyBy } : {}),
      };
    },
  );
  app.post(
    '/v1/bad-reviews/:id/callback',
    {
      schema: { operationId: 'recordBadReviewCallback', tags: ['rectification'], response: { 200: callbackAnswer }, summary: 'Record the call-back of the rater once the rectification item is completed (409 before)', params: idParams, body: z.object({ result: z.enum(callbackResults), note: text.optional(), at: isoInstant.optional() }).strict() },
      config: { access: ['department-liaison', 'evaluation-office'] },
    },
    async (request) => {
      const state = await loadCase(context, request.params.id);
      ensureOwnDepartment(request.principal, state.departmentId);
      const current = now();
      const result = await executeHttpCommand(request, context.store, badReviewStream(request.params.id), badReviewDecider, {
        type: 'CallBack',
        result: request.body.result,
        ...(request.body.note ? { note: request.body.note } : {}),
        at: request.body.at ?? current,
        now: current,
      });
      return { badReviewId: request.params.id, status: result.state!.status, result: request.body.result };
    },
  );
  app.get(
    '/v1/departments/:departmentId/bad-reviews',
    {
      schema: { operationId: 'getDepartmentBadReviews', tags: ['rectification'], response: { 200: departmentCasesAnswer }, summary: 'Per department and month: bad reviews, verified on time, justified, rectified, call-backs satisfied', params: z.object({ departmentId: identifier }).strict(), querystring: z.object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month YYYY-MM').optional() }).strict() },
      config: { access: readers },
    },
    async (request) => {
      const { departmentId } = request.params;
      ensureOwnDepartment(request.principal, departmentId);
      const month = request.query.month ?? context.calendar.monthOf(now());
      // A case counts in the local month of its rating.
      const inMonth = (await cases().find({ departmentId })).filter((doc) => context.calendar.monthOf(doc.ratedAt) === month).map((doc) => doc.state);
      return {
        departmentId,
        month,
        opened: inMonth.length,
        verifiedOnTime: inMonth.filter((state) => state.verifiedOnTime === true).length,
        justified: inMonth.filter((state) => state.justified === true).length,
        rectified: inMonth.filter((state) => state.status === 'rectified' || state.status === 'called-back').length,
        callbacksSatisfied: inMonth.filter((state) => state.callback === 'satisfied').length,
      };
    },
  );
}
