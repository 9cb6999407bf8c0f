import { randomUUID } from 'node:crypto';
import { bulletinKinds, bulletinSubject, identifier, isoInstant, safeText } from '@ledger/events';
import { deterministicId, loadStream } from '@ledger/eventstore';
import { type HttpApp, answer, executeHttpCommand, idempotencyKeyOf, notFound, problemResponses } from '@ledger/platform';
import type { RegistryLookup } from '@ledger/registry';
import { Feed } from 'feed';
import { z } from 'zod';
import { bulletinDecider, bulletinStream } from '../domain/bulletins.ts';
import { type BulletinDocument, bulletinOrders, bulletinsCollection, bulletinsPage } from '../projections/bulletins.ts';
import type { EvaluationsRouteDeps } from './deps.ts';

const bulletinBody = z
  .object({
    kind: z.enum(bulletinKinds),
    title: safeText().trim().min(1).max(500),
    body: safeText().trim().min(1).max(50_000),
    subjects: z.array(bulletinSubject).max(200).default([]),
    corrects: identifier.optional().describe('The bulletin this one corrects: published bulletins never change'),
  })
  .strict();

const publicBulletin = z
  .object({
    bulletinId: z.string(),
    kind: z.enum(bulletinKinds),
    title: z.string(),
    body: z.string(),
    subjects: z.array(
      z.object({
        departmentId: z.string().optional(),
        departmentName: z.string().optional().describe("The department's name as the registry has it now"),
        personId: z.string().optional(),
        personName: z.string().optional().describe("The person's name as the registry has it now: the bulletin names them in public"),
      }),
    ),
    corrects: z.string().optional().describe('The earlier bulletin this one corrects'),
    correctedBy: z.array(z.string()).optional().describe('The later bulletins that correct this one, in the order of publication; absent while none does'),
    publishedAt: isoInstant,
  })
  .meta({ id: 'Bulletin' });

const exampleBulletin = {
  bulletinId: '6f0e2c4a-8d1b-4c3e-9a57-2b1d0f7e9c31',
  kind: 'praise' as const,
  title: '通报表扬',
  body: '市政务服务中心窗口办事高效，群众满意。',
  subjects: [{ departmentId: 'service-center', departmentName: '市政务服务中心' }],
  publishedAt: '2026-02-03T09:00:00+08:00',
};

const publishedAnswer = answer(z.object({ bulletinId: z.string(), publishedAt: isoInstant }), 'The bulletin is published; it never changes', {
  bulletinId: exampleBulletin.bulletinId,
  publishedAt: exampleBulletin.publishedAt,
});

const bulletinListAnswer = answer(
  z.object({ items: z.array(publicBulletin), next: z.string().optional().describe('Pass as `after` (with the same `order`) for the next page') }),
  'One page of published bulletins',
  { items: [exampleBulletin] },
);

const bulletinAnswer = answer(z.object({ ...publicBulletin.shape }), 'A published bulletin, with the later bulletins that correct it', {
  ...exampleBulletin,
  correctedBy: ['9a1c7e2b-3f4d-4b6a-8c5e-1d2f3a4b5c6d'],
});

const atomAnswer = answer(z.string().describe('An Atom 1.0 feed'), 'The latest bulletins as an Atom 1.0 feed', '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">…</feed>');

const kindTitle: Record<(typeof bulletinKinds)[number], string> = { notice: '通知', criticism: '通报批评', praise: '通报表扬' };

/**
 * A bulletin as the public reads it: its subjects with their names as the registry has them now (SPEC 12: a bulletin
 * names departments and people in public; no public route names a person otherwise).
 */
const toPublic = async (doc: BulletinDocument, registry: RegistryLookup) => ({
  bulletinId: doc.bulletinId,
  kind: doc.kind,
  title: doc.title,
  body: doc.body,
  subjects: await Promise.all(
    doc.subjects.map(async ({ departmentId, personId }) => {
      const [department, person] = [departmentId ? await registry.department(departmentId) : undefined, personId ? await registry.person(personId) : undefined];
      return {
        ...(departmentId ? { departmentId } : {}),
        ...(department ? { departmentName: department.name } : {}),
        ...(personId ? { personId } : {}),
        ...(person ? { personName: person.name } : {}),
      };
    }),
  ),
  ...(doc.corrects ? { corrects: doc.corrects } : {}),
  ...(doc.correctedBy ? { correctedBy: doc.correctedBy } : {}),
  publishedAt: doc.publishedAt,
});

type PublicBulletin = Awaited<ReturnType<typeof toPublic>>;

/** Whom a bulletin names, by name as the registry has it now (by id when the registry no longer has it): a person after their department. */
const subjectNames = (bulletin: PublicBulletin): string[] =>
  bulletin.subjects.map((subject) => `${subject.departmentName ?? subject.departmentId ?? ''}${subject.personName ?? subject.personId ?? ''}`);

/** What an Atom entry's summary says: whom the bulletin names, which bulletin it corrects, and which correct it. */
const entrySummary = (bulletin: PublicBulletin): string | undefined => {
  const subjects = subjectNames(bulletin);
  const lines = [
    ...(subjects.length > 0 ? [`通报对象：${subjects.join('、')}`] : []),
    ...(bulletin.corrects ? [`更正通报 ${bulletin.corrects}`] : []),
    ...(bulletin.correctedBy ? [`本通报已由通报 ${bulletin.correctedBy.join('、')} 更正`] : []),
  ];
  return lines.length > 0 ? lines.join('。') : undefined;
};

/** An Atom entry's categories: one per named department or person, by name (Atom readers filter by them). */
const entryCategories = (bulletin: PublicBulletin) =>
  [...new Set(bulletin.subjects.flatMap((subject) => [subject.departmentName ?? subject.departmentId, subject.personName ?? subject.personId]).filter((name) => name !== undefined))].map(
    (name) => ({ name, term: name }),
  );

/** SPEC 12 bulletins [通报]: the evaluation office publishes; anyone reads them, as a list or an Atom feed. */
export function bulletinRoutes(app: HttpApp, deps: EvaluationsRouteDeps): void {
  app.post(
    '/v1/bulletins',
    {
      schema: {
        tags: ['publication'],
        operationId: 'publishBulletin',
        summary: 'Publish a bulletin (notice, named criticism or praise); it never changes, a correction is a new bulletin',
        body: bulletinBody,
        response: { 201: publishedAnswer, ...problemResponses(400, 409, 422) },
      },
      config: { access: ['evaluation-office'] },
    },
    async (request, reply) => {
      const body = request.body;
      const key = idempotencyKeyOf(request);
      const bulletinId = key ? deterministicId('bulletin', `${request.principal!.role}:${request.principal!.id}`, key) : randomUUID();
      const unknownSubjects: string[] = [];
      for (const [index, subject] of body.subjects.entries()) {
        if (subject.departmentId && !(await deps.registry.department(subject.departmentId))) unknownSubjects.push(`subjects.${index}.departmentId`);
        if (subject.personId && !(await deps.registry.person(subject.personId))) unknownSubjects.push(`subjects.${index}.personId`);
      }
      const correctedExists = body.corrects ? (await loadStream(deps.store, bulletinStream(body.corrects))).length > 0 : undefined;
      const result = await executeHttpCommand(request, deps.store, bulletinStream(bulletinId), bulletinDecider, {
        bulletinId,
        kind: body.kind,
        title: body.title,
        body: body.body,
        subjects: body.subjects,
        ...(body.corrects ? { corrects: body.corrects } : {}),
        now: deps.clock.now().toISOString(),
        unknownSubjects,
        ...(correctedExists === undefined ? {} : { correctedExists }),
      });
      const published = result.state.bulletin!;
      return reply.code(201).send({ bulletinId: published.bulletinId, publishedAt: published.publishedAt });
    },
  );

  app.get(
    '/v1/public/bulletins',
    {
      schema: {
        tags: ['public'],
        operationId: 'listPublicBulletins',
        summary: 'Published bulletins in the order of publication, or the newest first (`order=newest`); `after` is the `next` of the page before',
        querystring: z
          .object({
            after: z.string().max(40).optional(),
            limit: z.coerce.number().int().min(1).max(200).default(50),
            order: z.enum(bulletinOrders).default('oldest').describe('`oldest` (the order of publication) or `newest` first; `next` continues in the same order'),
          })
          .strict(),
        response: { 200: bulletinListAnswer, ...problemResponses(400, 429) },
      },
      config: { access: 'public' },
    },
    async (request) => {
      const { after, limit, order } = request.query;
      const { items, next } = await bulletinsPage(deps.readStore, { order, limit, ...(after ? { after } : {}) });
      return { items: await Promise.all(items.map((doc) => toPublic(doc, deps.registry))), ...(next ? { next } : {}) };
    },
  );

  app.get(
    '/v1/public/bulletins/:bulletinId',
    {
      schema: {
        tags: ['public'],
        operationId: 'getPublicBulletin',
        summary: 'One published bulletin, with the later bulletins that correct it (`correctedBy`)',
        params: z.object({ bulletinId: identifier }),
        response: { 200: bulletinAnswer, ...problemResponses(400, 404, 429) },
      },
      config: { access: 'public' },
    },
    async (request) => {
      const { bulletinId } = request.params;
      const [doc] = await deps.readStore.collection<BulletinDocument>(bulletinsCollection).find({ bulletinId }, { limit: 1 });
      if (!doc) throw notFound('bulletin', bulletinId);
      return toPublic(doc, deps.registry);
    },
  );

  app.get(
    '/v1/public/bulletins.atom',
    {
      schema: {
        tags: ['public'],
        operationId: 'publicBulletinsAtom',
        summary: 'The latest 50 bulletins as an Atom feed (application/atom+xml), newest first; each entry names its subjects',
        produces: ['application/atom+xml'],
        response: { 200: atomAnswer, ...problemResponses(429) },
      },
      config: { access: 'public' },
    },
    async (request, reply) => {
      const { items: latest } = await bulletinsPage(deps.readStore, { order: 'newest', limit: 50 });
      const base = `${request.protocol}://${request.host}`;
      const feed = new Feed({
        id: `${base}/v1/public/bulletins.atom`,
        title: '效能问责公开通报',
        description: '评议办公室发布的通知、通报批评和通报表扬',
        language: 'zh-CN',
        link: `${base}/bulletins`,
        feedLinks: { atom: `${base}/v1/public/bulletins.atom` },
        updated: latest[0] ? new Date(latest[0].publishedAt) : new Date(0),
        copyright: '公开信息',
        generator: false,
      });
      for (const doc of latest) {
        const bulletin = await toPublic(doc, deps.registry);
        const summary = entrySummary(bulletin);
        const category = entryCategories(bulletin);
        feed.addItem({
          id: `urn:uuid:${doc.bulletinId.length === 36 ? doc.bulletinId : deterministicId('bulletin-atom', doc.bulletinId)}`,
          title: `【${kindTitle[doc.kind]}】${doc.title}`,
          link: `${base}/bulletins#${encodeURIComponent(doc.bulletinId)}`,
          date: new Date(doc.publishedAt),
          published: new Date(doc.publishedAt),
          content: doc.body,
          ...(summary ? { description: summary } : {}),
          ...(category.length > 0 ? { category } : {}),
        });
      }
      return reply.type('application/atom+xml; charset=utf-8').send(feed.atom1());
    },
  );
}

