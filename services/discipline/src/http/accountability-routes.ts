import { randomUUID } from 'node:crypto';
import { type BottomRankCarriedOutData, apologyOutlets, bottomRankOutcomes, identifier, incidentKind, isoInstant, safeText } from '@ledger/events';
import { deterministicId } from '@ledger/eventstore';
import { type HttpApp, executeHttpCommand, idempotencyKeyOf, notFound, problemResponses } from '@ledger/platform';
import { z } from 'zod';
import type { ApologyRequiredEvent, IncidentRecordedEvent } from '../domain/index.ts';
import { carryOutApologyDecider, carryOutBottomRankDecider, recordIncidentDecider } from '../domain/index.ts';
import { everyDocument } from '@ledger/readstore';
import { instantMs } from '@ledger/rules-kit';
import { type AccountabilityRow, type ApologyDocument, accountabilityCollection, apologiesCollection } from '../projections/accountability.ts';
import { departmentMonthlyStatistics } from '../projections/department-ratings.ts';
import { accountabilityStream, bottomRankStream } from '../streams.ts';
import { carryOutBody, recordId } from './carry-out-body.ts';
import type { DisciplineRouteDeps } from './deps.ts';
import { accountabilityAnswer, apologyCarriedOutAnswer, bottomRankCarriedOutAnswer, incidentAnswer } from './answers.ts';

const departmentParams = z.object({ departmentId: identifier });
/** What the answer shows of a carrying out: the event's data less the outcome the answer names already. */
const carryOutOf = ({ departmentId: _departmentId, year: _year, outcome: _outcome, ...carryOut }: BottomRankCarriedOutData) => carryOut;
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** SPEC 5 leader accountability: incidents, apologies and their carrying out, and a department's record. */
export function accountabilityRoutes(app: HttpApp, deps: DisciplineRouteDeps): void {
  const requireDepartment = async (departmentId: string) => {
    const department = await deps.registry.department(departmentId);
    if (!department) throw notFound('department', departmentId);
    return department;
  };

  app.post(
    '/v1/departments/:departmentId/incidents',
    {
      schema: {
        tags: ['discipline'],
        operationId: 'recordIncident',
        response: { 201: incidentAnswer },
        summary: 'Record named criticism, media exposure, or a violation found by e-supervision or inspection: a public apology is required',
        params: departmentParams,
        body: z.object({ kind: incidentKind, note: safeText().max(2_000).optional(), at: isoInstant.optional() }).strict(),
      },
      config: { access: ['disciplinary-official', 'evaluation-office'] },
    },
    async (request, reply) => {
      const { departmentId } = request.params;
      const department = await requireDepartment(departmentId);
      const key = idempotencyKeyOf(request);
      const caller = `${request.principal!.role}:${request.principal!.id}`;
      // With a key, a retried request names the same incident and is answered from the stream.
      const incidentId = key ? deterministicId('incident', departmentId, caller, key) : randomUUID();
      const now = deps.clock.now().toISOString();
      const { kind, note, at } = request.body;
      const result = await executeHttpCommand(request, deps.store, accountabilityStream(departmentId), recordIncidentDecider, {
        incidentId,
        departmentId,
        kind,
        ...(note === undefined ? {} : { note }),
        at: at ?? now,
        now,
        calendar: deps.calendar,
        ...(department.leaderPersonId === undefined ? {} : { leaderPersonId: department.leaderPersonId }),
      });
      const incident = result.events.find((event) => event.type === 'IncidentRecorded')!.data as IncidentRecordedEvent['data'];
      const apology = result.events.find((event) => event.type === 'ApologyRequired')!.data as ApologyRequiredEvent['data'];
      return reply.code(201).send({ ...incident, apology: { apologyId: apology.apologyId, kind: apology.kind, year: apology.year, status: 'pending' } });
    },
  );

  app.get(
    '/v1/departments/:departmentId/accountability',
    {
      schema: {
        tags: ['discipline'],
        operationId: 'departmentAccountability',
        response: { 200: accountabilityAnswer },
        summary:
          "A department's apologies (joint ones included), published rankings, bottom-rank outcomes and monthly rating statistics (UTC months of ratedAt), for a year or all years",
        params: departmentParams,
        querystring: z.object({ year: z.coerce.number().int().min(1900).max(9999).optional() }).strict(),
      },
      config: { access: ['disciplinary-official', 'evaluation-office', 'auditor'] },
    },
    async (request) => {
      const { departmentId } = request.params;
      const { year } = request.query;
      await requireDepartment(departmentId);
      const [rows, statistics] = await Promise.all([
        everyDocument(deps.readStore.collection<AccountabilityRow>(accountabilityCollection), { departmentId, ...(year === undefined ? {} : { year }) }),
        departmentMonthlyStatistics(deps.readStore, departmentId, year),
      ]);
      const apologies = rows.flatMap((row) => (row.kind === 'apology' ? [row.apology] : []));
      const bottomRank = rows.flatMap((row) => (row.kind === 'bottom-rank' ? [row.bottomRank] : []));
      const rankings = rows.flatMap((row) => (row.kind === 'ranking' ? [row.ranking] : []));
      return {
        departmentId,
        ...(year === undefined ? {} : { year }),
        apologies: apologies.toSorted((a, b) => instantMs(a.requiredAt) - instantMs(b.requiredAt) || byText(a.apologyId, b.apologyId)),
        bottomRank: bottomRank.toSorted((a, b) => a.year - b.year || byText(a.outcome, b.outcome)),
        rankings: rankings.toSorted((a, b) => a.year - b.year),
        statistics,
      };
    },
  );

  app.post(
    '/v1/departments/:departmentId/bottom-rank/:year/carry-out',
    {
      schema: {
        tags: ['discipline'],
        operationId: 'carryOutBottomRankOutcome',
        response: {
          200: bottomRankCarriedOutAnswer,
        },
        summary: 'Record that a bottom-rank outcome was carried out: the admonition talk held, or the leader replaced (the registry follows)',
        params: z.object({ departmentId: identifier, year: z.coerce.number().int().min(2000).max(9999) }).strict(),
        body: z
          .object({
            outcome: z.enum(bottomRankOutcomes),
            by: identifier.describe('Who held the talk, or who decided the replacement'),
            attendees: z.array(identifier).max(100).optional().describe('The members of the leadership team who attended the talk'),
            newLeaderPersonId: identifier.optional().describe('The new leader (leader-replacement only): a registered person'),
            note: z.string().max(2_000).optional(),
            at: isoInstant.optional().describe('When the talk was held, or from when the new leader leads; defaults to now'),
          })
          .strict(),
      },
      config: { access: ['disciplinary-official'] },
    },
    async (request) => {
      const { departmentId, year } = request.params;
      const department = await requireDepartment(departmentId);
      const { outcome, by, attendees, newLeaderPersonId, note, at } = request.body;
      const row = await deps.readStore.collection<AccountabilityRow>(accountabilityCollection).get(`${departmentId}|bottom-rank|${year}|${outcome}`);
      const requiredAt = row?.kind === 'bottom-rank' ? row.bottomRank.at : undefined;
      const now = deps.clock.now().toISOString();
      const result = await executeHttpCommand(request, deps.store, bottomRankStream(departmentId, year), carryOutBottomRankDecider, {
        departmentId,
        year,
        outcome,
        ...(requiredAt === undefined ? {} : { requiredAt }),
        by,
        ...(attendees === undefined ? {} : { attendees }),
        ...(newLeaderPersonId === undefined ? {} : { newLeaderPersonId }),
        newLeaderIsRegistered: newLeaderPersonId === undefined ? false : (await deps.registry.person(newLeaderPersonId)) !== undefined,
        ...(department.leaderPersonId === undefined ? {} : { previousLeaderPersonId: department.leaderPersonId }),
        ...(note === undefined ? {} : { note }),
        at: at ?? now,
        now,
      });
      const carried = result.events[0]?.data as BottomRankCarriedOutData | undefined;
      return { departmentId, year, outcome, status: 'carried-out' as const, ...(carried ? { carriedOut: carryOutOf(carried) } : {}) };
    },
  );

  app.post(
    '/v1/apologies/:apologyId/carry-out',
    {
      schema: {
        tags: ['discipline'],
        operationId: 'carryOutApology',
        response: { 200: apologyCarriedOutAnswer },
        summary: 'Record that a required apology was made; a public or joint one with its outlet, date and reference (SPEC 5)',
        params: z.object({ apologyId: recordId }),
        body: carryOutBody.extend({
          outlet: z.enum(apologyOutlets).optional(),
          madeAt: isoInstant.optional().describe('When it was published; defaults to `at`'),
          reference: safeText().trim().min(1).max(2_000).optional().describe('An issue, a programme, an address'),
        }),
      },
      config: { access: ['disciplinary-official'] },
    },
    async (request) => {
      const { apologyId } = request.params;
      // Apology ids are not parsed: the read model says which department's stream holds it.
      const known = await deps.readStore.collection<ApologyDocument>(apologiesCollection).get(apologyId);
      if (!known) throw notFound('apology', apologyId);
      const now = deps.clock.now().toISOString();
      const { by, note, at, outlet, madeAt, reference } = request.body;
      const result = await executeHttpCommand(request, deps.store, accountabilityStream(known.holderDepartmentId), carryOutApologyDecider, {
        apologyId,
        by,
        ...(note === undefined ? {} : { note }),
        ...(outlet === undefined ? {} : { outlet }),
        ...(madeAt === undefined ? {} : { madeAt }),
        ...(reference === undefined ? {} : { reference }),
        at: at ?? now,
        now,
      });
      const apology = result.state.apologies.find((candidate) => candidate.apologyId === apologyId)!;
      return { apologyId, status: apology.status, carriedOut: apology.carriedOut };
    },
  );

  // SPEC 12: the public side of leader accountability. Bottom-rank outcomes and the public and joint apologies made,
  // with where, when and a reference; never a direct apology (made to a complainant) nor anything about a complaint.
  app.get(
    '/v1/public/accountability/:year',
    {
      schema: {
        tags: ['public'],
        operationId: 'publicAccountability',
        summary: 'Bottom-rank outcomes and public apologies made in a year (outlet, date, reference), with no key',
        params: z.object({ year: z.coerce.number().int().min(1900).max(9999) }),
        response: {
          200: z.object({
            year: z.int(),
            bottomRank: z.array(
              z.object({
                departmentId: z.string(),
                year: z.int(),
                outcome: z.enum(bottomRankOutcomes),
                leaderPersonId: z.string().optional().describe('The leader the outcome holds to account, when the registry named one'),
                leaderName: z.string().optional().describe("That leader's name as the registry has it now: the outcome names them in public"),
              }),
            ),
            apologies: z.array(
              z.object({ departmentId: z.string(), kind: z.enum(['public', 'joint']), outlet: z.enum(apologyOutlets), madeAt: isoInstant, reference: z.string() }),
            ),
          }).meta({
            description: 'Bottom-rank outcomes and the public and joint apologies made in the year',
            examples: [
              {
                year: 2025,
                bottomRank: [{ departmentId: 'housing-bureau', year: 2025, outcome: 'admonition-talk', leaderPersonId: 'housing-bureau-director', leaderName: '张明' }],
                apologies: [{ departmentId: 'housing-bureau', kind: 'public', outlet: 'broadcast', madeAt: '2025-06-01T20:00:00+08:00', reference: '市电视台《问政》第12期' }],
              },
            ],
          }),
          ...problemResponses(400, 429),
        },
      },
      config: { access: 'public' },
    },
    async (request) => {
      const { year } = request.params;
      const rows = await everyDocument(deps.readStore.collection<AccountabilityRow>(accountabilityCollection), { year });
      const apologies = rows.flatMap((row) => {
        if (row.kind !== 'apology' || row.apology.kind === 'direct' || row.apology.status !== 'carried-out') return [];
        const made = row.apology.carriedOut;
        if (!made?.outlet || !made.reference) return [];
        return [{ departmentId: row.departmentId, kind: row.apology.kind, outlet: made.outlet, madeAt: made.madeAt ?? made.at, reference: made.reference }];
      });
      // SPEC 6 and 12: a bottom-rank outcome holds the department's leader to account in public, so it names them; no
      // other person (the leadership team's members, who attended a talk) is named here.
      const bottomRank = await Promise.all(
        rows.flatMap((row) => (row.kind === 'bottom-rank' ? [row] : [])).map(async (row) => {
          const { leaderPersonId } = row.bottomRank;
          const leader = leaderPersonId ? await deps.registry.person(leaderPersonId) : undefined;
          return {
            departmentId: row.departmentId,
            year: row.year,
            outcome: row.bottomRank.outcome,
            ...(leaderPersonId ? { leaderPersonId } : {}),
            ...(leader ? { leaderName: leader.name } : {}),
          };
        }),
      );
      return {
        year,
        bottomRank: bottomRank.toSorted((a, b) => byText(a.departmentId, b.departmentId) || byText(a.outcome, b.outcome)),
        apologies: apologies.toSorted((a, b) => instantMs(a.madeAt) - instantMs(b.madeAt) || byText(a.departmentId, b.departmentId)),
      };
    },
  );
}
