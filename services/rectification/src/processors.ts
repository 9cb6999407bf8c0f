import type { LedgerCalendar } from '@ledger/calendar';
import { type Decider, type DomainError, type DomainEvent, fold } from '@ledger/decider';
import type { ReadStore } from '@ledger/readstore';
import {
  BadReviewVerified,
  BottomRankAdmonitionRequired,
  IncidentRecorded,
  LeaderReplacementRequired,
  RatingGiven,
  RectificationCompleted,
  type RecordedEvent,
  WorkingCalendarRecorded,
  type RectificationOpenedData,
} from '@ledger/events';
import { type EventStore, executeCommand, loadStream } from '@ledger/eventstore';
import { instantMs } from '@ledger/rules-kit';
import { type Consumer, PoisonMessageError } from '@ledger/messaging';
import type { RegistryLookup } from '@ledger/registry';
import type { z } from 'zod';
import { loadDeadlinePolicies, loadWorkingDayCalendars, loadYearCalendar } from './calendars.ts';
import { badReviewDecider, deadlinePolicyInForce, defaultRectificationDeadlinePolicy, itemDecider } from './domain/index.ts';
import { type BadReviewDocument, type RectificationDocument, badReviewsCollection, rectificationsCollection } from './projections/rectification-lists.ts';
import { badReviewStream, rectificationStream } from './streams.ts';

export interface ProcessorDeps {
  store: EventStore;
  readStore: ReadStore;
  calendar: LedgerCalendar;
  registry: RegistryLookup;
}

/** The deadline policy version in force at `instant`, where a deadline starts (SPEC 10, 11: policy numbers). */
export async function deadlinePolicyAt(store: EventStore, instant: string) {
  return deadlinePolicyInForce(await loadDeadlinePolicies(store), instant);
}

/** The deadline policy of `version` (version 1, or none recorded: the SPEC's numbers). */
export async function deadlinePolicyOfVersion(store: EventStore, version: number | undefined) {
  if (version === undefined || version === defaultRectificationDeadlinePolicy.version) return defaultRectificationDeadlinePolicy;
  return (await loadDeadlinePolicies(store)).find((policy) => policy.version === version) ?? defaultRectificationDeadlinePolicy;
}

/**
 * The end of the `workingDays`-th working day after `from`, by the calendars of its year and the next as recorded
 * now (`overrides` stands in for a recording being handled); `yearsWithoutCalendar` names the years counted by
 * weekends alone.
 */
export async function workingDaysDeadline(
  deps: Pick<ProcessorDeps, 'store' | 'calendar'>,
  from: string,
  workingDays: number,
  override?: { year: number; holidays: string[]; workdays: string[] },
) {
  const year = deps.calendar.yearOf(from);
  const calendars = { ...(await loadWorkingDayCalendars(deps.store, [year, year + 1])) };
  if (override) calendars[override.year] = { holidays: override.holidays, workdays: override.workdays };
  return deps.calendar.workingDaysDeadline(from, workingDays, calendars);
}

function parse<S extends z.ZodType>(schema: S, event: RecordedEvent): z.infer<S> {
  const parsed = schema.safeParse(event.data);
  if (!parsed.success) {
    throw new PoisonMessageError(`${event.type} ${event.eventId} does not fit its schema: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
  }
  return parsed.data;
}

/**
 * Runs a command caused by `source`, idempotent by source event; an existing aggregate (a redelivery) is no failure,
 * nor a refusal `tolerated` says the aggregate moved past since the caller looked (e.g. verified meanwhile).
 */
async function run<Command, State, Event extends DomainEvent>(
  store: EventStore,
  source: RecordedEvent,
  streamId: string,
  decider: Decider<Command, State, Event, DomainError>,
  command: Command,
  tolerated: (error: DomainError) => boolean = () => false,
  /** See CommandContext.likelyNewStream: a case or an item opened for its source event (a stream of its own). */
  options: { likelyNewStream?: boolean } = {},
): Promise<void> {
  const result = await executeCommand(store, streamId, decider, command, {
    ...options,
    idempotencyKey: `event:${source.eventId}:${streamId}`,
    actor: 'service:rectification',
    causationId: source.eventId,
    ...(source.metadata.correlationId ? { correlationId: source.metadata.correlationId } : {}),
  });
  if (!result.ok && result.error.kind !== 'already-exists' && !tolerated(result.error)) {
    throw new PoisonMessageError(`${source.type} ${source.eventId} refused for ${streamId}: ${result.error.code}: ${result.error.message}`);
  }
}

/**
 * SPEC 11: every rating of level 1 or 2 opens a bad-review case, due by the end of the policy's working days (5 by
 * default) after it, under the policy version in force at the rating; the case records that version and count.
 */
export function badReviewOpener(deps: ProcessorDeps): Consumer {
  return {
    name: 'rectification.bad-review-opener',
    services: ['evaluations'],
    eventTypes: ['RatingGiven'],
    // Each rating opens its own case (a stream per rating): the cases of a batch of ratings are appended together.
    independentEvents: true,
    async handle(event) {
      if (event.type !== 'RatingGiven') return;
      const rating = parse(RatingGiven.schema, event);
      if (rating.level > 2) return;
      const policy = await deadlinePolicyAt(deps.store, rating.ratedAt);
      const deadline = await workingDaysDeadline(deps, rating.ratedAt, policy.badReviewVerificationWorkingDays);
      const badReviewId = `br-${event.eventId}`;
      await run(deps.store, event, badReviewStream(badReviewId), badReviewDecider, {
        type: 'Open',
        badReviewId,
        transactionId: rating.transactionId,
        departmentId: rating.departmentId,
        ...(rating.personId ? { personId: rating.personId } : {}),
        level: rating.level,
        ratedAt: rating.ratedAt,
        verifyBy: deadline.dueAt,
        yearsWithoutCalendar: [...deadline.yearsWithoutCalendar],
        policyVersion: policy.version,
        verificationWorkingDays: policy.badReviewVerificationWorkingDays,
        at: event.recordedAt,
      }, undefined, { likelyNewStream: true });
    },
  };
}

/**
 * SPEC 10: items that open by themselves, one per source: a bottom-rank outcome (the leader responsible), an
 * inspection incident (the leader responsible) and a justified bad review (the rated person, else the leader).
 * It also tells a bad-review case that its item was completed, which lets the rater be called back.
 */
export function automaticItems(deps: ProcessorDeps): Consumer {
  const leaderOf = async (departmentId: string) => (await deps.registry.department(departmentId))?.leaderPersonId;
  const open = (source: RecordedEvent, item: Parameters<typeof openCommand>[0]) =>
    run(deps.store, source, rectificationStream(item.rectificationId), itemDecider, openCommand(item, source.recordedAt), undefined, { likelyNewStream: true });
  return {
    name: 'rectification.automatic-items',
    services: ['rankings', 'discipline', 'rectification'],
    eventTypes: ['BottomRankAdmonitionRequired', 'LeaderReplacementRequired', 'IncidentRecorded', 'BadReviewVerified', 'RectificationCompleted'],
    async handle(event) {
      switch (event.type) {
        case 'BottomRankAdmonitionRequired':
        case 'LeaderReplacementRequired': {
          const outcome = parse(event.type === 'BottomRankAdmonitionRequired' ? BottomRankAdmonitionRequired.schema : LeaderReplacementRequired.schema, event);
          const kind = event.type === 'BottomRankAdmonitionRequired' ? 'admonition-talk' : 'leader-replacement';
          const responsible = outcome.leaderPersonId ?? (await leaderOf(outcome.departmentId));
          const policy = await deadlinePolicyAt(deps.store, outcome.at);
          await open(event, {
            rectificationId: `bottom-rank-${outcome.year}-${kind}-${outcome.departmentId}`,
            departmentId: outcome.departmentId,
            source: { kind: 'bottom-rank', ref: `${outcome.year}:${kind}` },
            problem: `${outcome.year} 年度满意度测评排名末位（${kind === 'admonition-talk' ? '诫勉谈话' : '调整主要领导'}）`,
            measure: '制定并落实整改方案',
            target: '整改到位，测评结果提升',
            deadline: deps.calendar.calendarDaysDeadline(outcome.at, policy.bottomRankDays),
            ...(responsible ? { responsiblePersonId: responsible } : {}),
            policyVersion: policy.version,
            at: outcome.at,
          });
          return;
        }
        case 'IncidentRecorded': {
          const incident = parse(IncidentRecorded.schema, event);
          if (incident.kind !== 'inspection') return;
          const responsible = await leaderOf(incident.departmentId);
          const policy = await deadlinePolicyAt(deps.store, incident.at);
          await open(event, {
            rectificationId: `inspection-${incident.incidentId}`,
            departmentId: incident.departmentId,
            source: { kind: 'inspection', ref: incident.incidentId },
            problem: incident.note || '明察暗访发现问题',
            measure: '制定并落实整改措施',
            target: '问题整改到位',
            deadline: deps.calendar.calendarDaysDeadline(incident.at, policy.inspectionDays),
            ...(responsible ? { responsiblePersonId: responsible } : {}),
            policyVersion: policy.version,
            at: incident.at,
          });
          return;
        }
        case 'BadReviewVerified': {
          const verdict = parse(BadReviewVerified.schema, event);
          if (!verdict.rectificationId || !verdict.rectifyBy) return;
          const badReviewId = verdict.badReviewId;
          const state = fold(badReviewDecider, await loadStream(deps.store, badReviewStream(badReviewId)));
          const responsible = state?.personId ?? (await leaderOf(verdict.departmentId));
          // The item records how its deadline was counted, so that a calendar recorded later can move it.
          const policy = await deadlinePolicyOfVersion(deps.store, verdict.policyVersion);
          await open(event, {
            rectificationId: verdict.rectificationId,
            departmentId: verdict.departmentId,
            source: { kind: 'bad-review', ref: badReviewId },
            problem: `差评核实属实：${verdict.note}`,
            measure: '针对差评反映的问题落实整改',
            target: '问题整改到位并回访评价人',
            deadline: verdict.rectifyBy,
            ...(responsible ? { responsiblePersonId: responsible } : {}),
            ...(verdict.policyVersion ? { policyVersion: verdict.policyVersion } : {}),
            workingDays: policy.badReviewRectificationWorkingDays,
            deadlineFrom: verdict.at,
            at: verdict.at,
          });
          return;
        }
        case 'RectificationCompleted': {
          const completed = parse(RectificationCompleted.schema, event);
          if (completed.source.kind !== 'bad-review' || !completed.source.ref) return;
          await run(deps.store, event, badReviewStream(completed.source.ref), badReviewDecider, {
            type: 'MarkRectified',
            rectificationId: completed.rectificationId,
            at: completed.at,
          });
          return;
        }
      }
    },
  };
}

function openCommand(item: RectificationOpenedData, now: string) {
  // The source's business time may be later than the recording clock by nothing; `now` is when it was recorded.
  return { type: 'Open' as const, ...item, now: new Date(Math.max(Date.parse(now), Date.parse(item.at))).toISOString() };
}

/** Whether a deadline counted from `from` may touch the calendar of `year`: it starts in that year or the year before. */
const countTouches = (calendar: LedgerCalendar, from: string, year: number) => {
  const startYear = calendar.yearOf(from);
  return startYear === year || startYear + 1 === year;
};

/** The refusals of an item that moved past since it was looked at: verified or marked overdue meanwhile. */
const itemNoLongerRunning = (error: DomainError) => error.code === 'rectification-already-verified' || error.code === 'rectification-already-overdue';

/**
 * A working-day calendar recorded after bad-review cases and rectification items opened moves the deadlines counted
 * in working days that may touch that year (their count starts in it or in the year before): each case still running
 * by a `BadReviewDeadlineMoved` event, re-derived from the rating, the case's own working days (its policy's) and
 * the calendars now in force; each item still running whose deadline was counted in working days (a justified bad
 * review's) by a `RectificationDeadlineMoved` event, re-derived from its `deadlineFrom` and working days. Earlier
 * events are never rewritten; a verified case or item, or one marked overdue, keeps its deadline.
 */
export function calendarDeadlines(deps: ProcessorDeps): Consumer {
  const page = 200;
  return {
    name: 'rectification.calendar-deadlines',
    services: ['rectification'],
    eventTypes: ['WorkingCalendarRecorded'],
    async handle(event) {
      if (event.type !== 'WorkingCalendarRecorded') return;
      const recorded = parse(WorkingCalendarRecorded.schema, event);
      const cases = deps.readStore.collection<BadReviewDocument>(badReviewsCollection);
      for (let afterId: string | undefined; ; ) {
        const found = await cases.find({ status: 'open', overdue: false }, { limit: page, ...(afterId ? { afterId } : {}) });
        for (const doc of found) {
          if (!countTouches(deps.calendar, doc.ratedAt, recorded.year)) continue;
          // The list is where to look; the case's own stream is what it decides on.
          const state = fold(badReviewDecider, await loadStream(deps.store, badReviewStream(doc.id)));
          if (!state || state.verifiedBy !== undefined || state.overdue) continue;
          const deadline = await workingDaysDeadline(deps, state.ratedAt, state.verificationWorkingDays, recorded);
          await run(deps.store, event, badReviewStream(doc.id), badReviewDecider, {
            type: 'MoveDeadline',
            verifyBy: deadline.dueAt,
            yearsWithoutCalendar: [...deadline.yearsWithoutCalendar],
            calendarYear: recorded.year,
            calendarVersion: recorded.version,
            at: recorded.at,
          });
        }
        if (found.length < page) break;
        afterId = found.at(-1)!.id;
      }
      // Items: only a justified bad review's is counted in working days (SPEC 11), the others in calendar days.
      const items = deps.readStore.collection<RectificationDocument>(rectificationsCollection);
      for (let afterId: string | undefined; ; ) {
        const found = await items.find(
          { sourceKind: 'bad-review', status: { $in: ['open', 'in-progress', 'completed'] }, overdue: false },
          { limit: page, ...(afterId ? { afterId } : {}) },
        );
        for (const doc of found) {
          if (doc.state.deadlineFrom === undefined || !countTouches(deps.calendar, doc.state.deadlineFrom, recorded.year)) continue;
          const state = fold(itemDecider, await loadStream(deps.store, rectificationStream(doc.id)));
          if (!state || state.workingDays === undefined || state.deadlineFrom === undefined || state.status === 'verified' || state.overdue) continue;
          const deadline = await workingDaysDeadline(deps, state.deadlineFrom, state.workingDays, recorded);
          await run(
            deps.store,
            event,
            rectificationStream(doc.id),
            itemDecider,
            {
              type: 'MoveDeadline',
              deadline: deadline.dueAt,
              yearsWithoutCalendar: [...deadline.yearsWithoutCalendar],
              calendarYear: recorded.year,
              calendarVersion: recorded.version,
              at: recorded.at,
            },
            itemNoLongerRunning,
          );
        }
        if (found.length < page) break;
        afterId = found.at(-1)!.id;
      }
    },
  };
}

/**
 * The latest recording among the calendars of the year a working-day count starts in and the next (undefined when
 * neither was recorded): the recording a catch-up cites.
 */
async function latestCalendarTouching(deps: Pick<ProcessorDeps, 'store' | 'calendar'>, from: string) {
  const startYear = deps.calendar.yearOf(from);
  const recorded = (await Promise.all([startYear, startYear + 1].map((year) => loadYearCalendar(deps.store, year)))).filter((calendar) => calendar.version > 0);
  if (recorded.length === 0) return undefined;
  return recorded.reduce((last, calendar) => (instantMs(calendar.recordedAt!) > instantMs(last.recordedAt!) ? calendar : last));
}

/**
 * The deadline watcher's check before it marks a case overdue: the calendar processor finds cases through the list
 * read model, so a case recorded but not yet listed when a calendar was recorded would keep its old deadline. Here
 * the case's deadline is re-derived from the calendars now recorded and moved (citing the latest recording of the
 * years it counts in) when it differs, so that no case is judged late by a calendar no longer in force.
 */
export async function catchUpCaseDeadline(deps: Pick<ProcessorDeps, 'store' | 'calendar'>, badReviewId: string, now: string): Promise<void> {
  const stream = badReviewStream(badReviewId);
  const state = fold(badReviewDecider, await loadStream(deps.store, stream));
  if (!state || state.verifiedBy !== undefined || state.overdue) return;
  const latest = await latestCalendarTouching(deps, state.ratedAt);
  if (!latest) return;
  const deadline = await workingDaysDeadline(deps, state.ratedAt, state.verificationWorkingDays);
  await executeCommand(
    deps.store,
    stream,
    badReviewDecider,
    { type: 'MoveDeadline', verifyBy: deadline.dueAt, yearsWithoutCalendar: [...deadline.yearsWithoutCalendar], calendarYear: latest.year!, calendarVersion: latest.version, at: now },
    { idempotencyKey: `deadline-moved:${latest.year}:${latest.version}`, actor: 'service:rectification-deadline-watcher' },
  );
}

/**
 * The same check for a rectification item whose deadline was counted in working days (a justified bad review's):
 * an item not yet listed when a calendar was recorded (or opened from a verdict whose deadline was set before it)
 * is moved to the deadline the calendars now recorded give, before the watcher judges it.
 */
export async function catchUpItemDeadline(deps: Pick<ProcessorDeps, 'store' | 'calendar'>, rectificationId: string, now: string): Promise<void> {
  const stream = rectificationStream(rectificationId);
  const state = fold(itemDecider, await loadStream(deps.store, stream));
  if (!state || state.workingDays === undefined || state.deadlineFrom === undefined || state.status === 'verified' || state.overdue) return;
  const latest = await latestCalendarTouching(deps, state.deadlineFrom);
  if (!latest) return;
  const deadline = await workingDaysDeadline(deps, state.deadlineFrom, state.workingDays);
  // A refusal here is an item verified or marked overdue meanwhile: nothing to catch up.
  await executeCommand(
    deps.store,
    stream,
    itemDecider,
    { type: 'MoveDeadline', deadline: deadline.dueAt, yearsWithoutCalendar: [...deadline.yearsWithoutCalendar], calendarYear: latest.year!, calendarVersion: latest.version, at: now },
    { idempotencyKey: `deadline-moved:${latest.year}:${latest.version}`, actor: 'service:rectification-deadline-watcher' },
  );
}
