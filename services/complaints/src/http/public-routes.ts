import { randomUUID } from 'node:crypto';
import { safeText } from '@ledger/events';
import { deterministicId } from '@ledger/eventstore';
import { type HttpApp, ProblemError, answer, executeHttpCommand, idempotencyKeyOf, problemResponses, requestFingerprint } from '@ledger/platform';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { type ComplaintState, complaintDecider, isOverdueAt } from '../domain/index.ts';
import { type ComplaintDocument, complaintsCollection } from '../projections/complaint-list.ts';
import { complaintStream } from '../streams.ts';
import { complaintStatus } from './complaint-routes/answers.ts';
import { fileComplaintCommand, filingFields } from './complaint-routes/filing.ts';
import { type ComplaintRouteDeps, requestInstant, text } from './complaint-routes/support.ts';

/**
 * The complainant's side, with no key (SPEC 3, 8): file on the public channels, follow and rate by tracking code.
 * Every route here is rate-limited per client by the HTTP app. Nothing internal is answered: no ids of staff,
 * no finding, no identity.
 */

const publicFileBody = z.object({ channel: z.enum(['web', 'qr-code']), ...filingFields }).strict();

const trackingParams = z.object({ trackingCode: safeText().min(1).max(40) });

const instant = z.string().describe('ISO 8601 instant');

/** SPEC 3.2, 3.5, 3.7: the deadline, its extension, the explanation with its commitment, the complainant's rating; nothing internal. */
const trackView = z
  .object({
    status: complaintStatus,
    overdue: z.literal(true).optional().describe('Present when the date in force (deadline, extension or commitment) has passed'),
    receivedAt: instant,
    dueAt: instant.optional().describe('The handling deadline set at filing'),
    extendedDueAt: instant.optional().describe('The deadline as extended, once, with its reason'),
    explanation: z.string().optional().describe('The latest explanation given to the complainant once overdue'),
    commitmentAt: instant.optional().describe('The completion committed to with that explanation'),
    closedAt: instant.optional(),
    rating: z.object({ satisfaction: z.int().min(1).max(5), ratedAt: instant }).optional().describe("The complainant's own rating, once given"),
  })
  .meta({
    id: 'TrackingView',
    description: "The complainant's view: status, deadline, extension, explanation and commitment, and their rating; nothing internal",
    examples: [{ status: 'accepted', receivedAt: '2026-02-03T09:00:00+08:00', dueAt: '2026-02-18T16:00:00.000Z', extendedDueAt: '2026-03-05T16:00:00.000Z' }],
  });

const filedPubliclyAnswer = answer(
  z.object({ trackingCode: z.string(), status: z.literal('filed') }),
  'The complaint is filed: keep the tracking code, it is the only way to follow the complaint',
  { trackingCode: 'K7QD-M2XP-9HTA-4RWC', status: 'filed' },
);

const ratedAnswer = answer(z.object({ satisfaction: z.int().min(1).max(5), ratedAt: instant }), 'The rating is recorded', {
  satisfaction: 4,
  ratedAt: '2026-02-20T10:00:00+08:00',
});

/**
 * Idempotency on public routes: the key is the client's own, never shared with another caller (SPEC 8). It is
 * bound to the client's address and the request itself and replaced by a keyed digest, so that another caller
 * with the same key gets a complaint of their own, and the key never reaches the ledger in clear.
 */
function publicIdempotencyKey(request: FastifyRequest, deps: ComplaintRouteDeps, route: string): string | undefined {
  const key = idempotencyKeyOf(request);
  if (!key) return undefined;
  return `public:${deps.vault.trackingCodes.derive(route, request.ip, key, requestFingerprint(request))}`;
}

/** The complaint a tracking code opens, or a 404 that says nothing about which codes exist. */
async function complaintByCode(deps: ComplaintRouteDeps, trackingCode: string): Promise<ComplaintDocument> {
  const [doc] = await deps.readStore
    .collection<ComplaintDocument>(complaintsCollection)
    .find({ trackingCodeDigest: { $in: deps.vault.trackingCodes.lookupDigests(trackingCode) } } as never, { limit: 1 });
  if (!doc) throw new ProblemError({ slug: 'not-found', title: 'Not found', status: 404, detail: 'no complaint has this tracking code' });
  return doc;
}

export function trackingView(state: ComplaintState, now: Date): z.infer<typeof trackView> {
  const explanation = state.explanations.at(-1)?.explanation;
  return {
    status: state.status,
    ...(isOverdueAt(state, now.toISOString()) ? { overdue: true as const } : {}),
    receivedAt: state.receivedAt,
    ...(state.dueAt ? { dueAt: state.dueAt } : {}),
    ...(state.extendedDueAt ? { extendedDueAt: state.extendedDueAt } : {}),
    ...(explanation ? { explanation } : {}),
    ...(state.commitmentAt ? { commitmentAt: state.commitmentAt } : {}),
    ...(state.closedAt ? { closedAt: state.closedAt } : {}),
    ...(state.complainantRating ? { rating: { satisfaction: state.complainantRating.satisfaction, ratedAt: state.complainantRating.at } } : {}),
  };
}

export function publicComplaintRoutes(app: HttpApp, deps: ComplaintRouteDeps): void {
  app.post(
    '/v1/public/complaints',
    {
      schema: {
        tags: ['public'],
        operationId: 'filePublicComplaint',
        summary: 'File a complaint without an account (web, or the QR code of a service window); a tracking code is issued',
        body: publicFileBody,
        response: {
          201: filedPubliclyAnswer,
          ...problemResponses(400, 422, 429),
        },
      },
      config: { access: 'public' },
    },
    async (request, reply) => {
      const key = publicIdempotencyKey(request, deps, 'file');
      const complaintId = key ? deterministicId('public-complaint', key) : randomUUID();
      const trackingCode = deps.vault.trackingCodes.issue(key);
      const command = await fileComplaintCommand(deps, { complaintId, trackingCode, idempotencyKey: key, fields: request.body });
      await executeHttpCommand(request, deps.store, complaintStream(complaintId), complaintDecider, command, { likelyNewStream: true, ...(key ? { idempotencyKey: key } : {}) });
      return reply.code(201).send({ trackingCode, status: 'filed' as const });
    },
  );

  app.get(
    '/v1/track/:trackingCode',
    {
      schema: {
        tags: ['public'],
        operationId: 'trackComplaint',
        summary: "The complainant's view of their complaint: status and dates only",
        params: trackingParams,
        response: { 200: trackView, ...problemResponses(404, 429) },
      },
      config: { access: 'public' },
    },
    async (request) => {
      const doc = await complaintByCode(deps, request.params.trackingCode);
      return trackingView(doc.state, deps.clock.now());
    },
  );

  app.post(
    '/v1/track/:trackingCode/rating',
    {
      schema: {
        tags: ['public'],
        operationId: 'rateComplaintHandling',
        summary: 'The complainant rates the handling (1-5), once, after the close; 1 or 2 allows the one reopen',
        params: trackingParams,
        body: z.object({ satisfaction: z.int().min(1).max(5), comment: text(2_000).optional() }).strict(),
        response: {
          201: ratedAnswer,
          ...problemResponses(400, 404, 409, 429),
        },
      },
      config: { access: 'public' },
    },
    async (request, reply) => {
      const doc = await complaintByCode(deps, request.params.trackingCode);
      const { satisfaction, comment } = request.body;
      const ref = doc.state.complainant?.complainantRef ?? deterministicId('complainant', doc.id);
      const sealed = comment ? await deps.vault.seal(ref, { comment }) : undefined;
      const key = publicIdempotencyKey(request, deps, 'rate');
      const now = requestInstant(deps);
      const result = await executeHttpCommand(
        request,
        deps.store,
        complaintStream(doc.id),
        complaintDecider,
        { type: 'RateHandling', now, satisfaction, ...(sealed ? { comment: sealed } : {}), at: now },
        key ? { idempotencyKey: key } : {},
      );
      const rating = result.state!.complainantRating!;
      return reply.code(201).send({ satisfaction: rating.satisfaction, ratedAt: rating.at });
    },
  );
}
