import type { LedgerCalendar } from '@ledger/calendar';
import { type Decider, type DomainError, type DomainEvent, fold } from '@ledger/decider';
import {
  BadReviewVerified,
  BottomRankAdmonitionRequired,
  IncidentRecorded,
  LeaderReplacementRequired,
  RatingGiven,
  RectificationCompleted,
  type RecordedEvent,
  type RectificationOpenedData,
} from '@ledger/events';
import { type EventStore, executeCommand, loadStream } from '@ledger/eventstore';
import { type Consumer, PoisonMessageError } from '@ledger/messaging';
import type { RegistryLookup } from '@ledger/registry';
import type { z } from 'zod';
import { loadWorkingDayCalendars } from './calendars.ts';
import { badReviewDecider, itemDecider } from './domain/index.ts';
import { badReviewStream, rectificationStream } from './streams.ts';

/** SPEC 10: how long a department has to rectify, in calendar days from the outcome or incident (policy numbers). */
export interface RectificationDeadlines {
  bottomRankDays: number;
  inspectionDays: number;
}
export const defaultRectificationDeadlines: RectificationDeadlines = { bottomRankDays: 90, inspectionDays: 30 };
/** SPEC 11: working days to verify a bad review, and to rectify a justified one. */
const badReviewVerificationWorkingDays = 5;
export const badReviewRectificationWorkingDays = 15;

export interface ProcessorDeps {
  store: EventStore;
  calendar: LedgerCalendar;
  registry: RegistryLookup;
  deadlines: RectificationDeadlines;
}

function parse<S extends z.ZodType>(schema: S, event: RecordedEvent): z.infer<S> {
  const parsed = schema.safeParse(event.data);
  if (!parsed.success) {
    throw new PoisonMessageError(`${event.type} ${event.eventId} does not fit its schema: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
  }
  return parsed.data;
}

/** Runs a command caused by `source`, idempotent by source event; an existing aggregate (a redelivery) is no failure. */
async function run<Command, State, Event extends DomainEvent>(
  store: EventStore,
  source: RecordedEvent,
  streamId: string,
  decider: Decider<Command, State, Event, DomainError>,
  command: Command,
): Promise<void> {
  const result = await executeCommand(store, streamId, decider, command, {
    idempotencyKey: `event:${source.eventId}:${streamId}`,
    actor: 'service:rectification',
    causationId: source.eventId,
    ...(source.metadata.correlationId ? { correlationId: source.metadata.correlationId } : {}),
  });
  if (!result.ok && result.error.kind !== 'already-exists') {
    throw new PoisonMessageError(`${source.type} ${source.eventId} refused for ${streamId}: ${result.error.code}: ${result.error.message}`);
  }
}

/** SPEC 11: every rating of level 1 or 2 opens a bad-review case, due by the end of the 5th working day after it. */
export function badReviewOpener(deps: ProcessorDeps): Consumer {
  return {
    name: 'rectification.bad-review-opener',
    services: ['evaluations'],
    eventTypes: ['RatingGiven'],
    async handle(event) {
      if (event.type !== 'RatingGiven') return;
      const rating = parse(RatingGiven.schema, event);
      if (rating.level > 2) return;
      const year = deps.calendar.yearOf(rating.ratedAt);
      const calendars = await loadWorkingDayCalendars(deps.store, [year, year + 1]);
      const deadline = deps.calendar.workingDaysDeadline(rating.ratedAt, badReviewVerificationWorkingDays, calendars);
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
        at: event.recordedAt,
      });
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
    run(deps.store, source, rectificationStream(item.rectificationId), itemDecider, openCommand(item, source.recordedAt));
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
          await open(event, {
            rectificationId: `bottom-rank-${outcome.year}-${kind}-${outcome.departmentId}`,
            departmentId: outcome.departmentId,
            source: { kind: 'bottom-rank', ref: `${outcome.year}:${kind}` },
            problem: `${outcome.year} 年度满意度测评排名末位（${kind === 'admonition-talk' ? '诫勉谈话' : '调整主要领导'}）`,
            measure: '制定并落实整改方案',
            target: '整改到位，测评结果提升',
            deadline: deps.calendar.calendarDaysDeadline(outcome.at, deps.deadlines.bottomRankDays),
            ...(responsible ? { responsiblePersonId: responsible } : {}),
            at: outcome.at,
          });
          return;
        }
        case 'IncidentRecorded': {
          const incident = parse(IncidentRecorded.schema, event);
          if (incident.kind !== 'inspection') return;
          const responsible = await leaderOf(incident.departmentId);
          await open(event, {
            rectificationId: `inspection-${incident.incidentId}`,
            departmentId: incident.departmentId,
            source: { kind: 'inspection', ref: incident.incidentId },
            problem: incident.note || '明察暗访发现问题',
            measure: '制定并落实整改措施',
            target: '问题整改到位',
            deadline: deps.calendar.calendarDaysDeadline(incident.at, deps.deadlines.inspectionDays),
            ...(responsible ? { responsiblePersonId: responsible } : {}),
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
          await open(event, {
            rectificationId: verdict.rectificationId,
            departmentId: verdict.departmentId,
            source: { kind: 'bad-review', ref: badReviewId },
            problem: `差评核实属实：${verdict.note}`,
            measure: '针对差评反映的问题落实整改',
            target: '问题整改到位并回访评价人',
            deadline: verdict.rectifyBy,
            ...(responsible ? { responsiblePersonId: responsible } : {}),
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
