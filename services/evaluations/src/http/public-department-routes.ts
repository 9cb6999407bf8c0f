import { departmentCategory, identifier } from '@ledger/events';
import { type HttpApp, answer, notFound, problemResponses } from '@ledger/platform';
import { keysetPage } from '@ledger/readstore';
import { z } from 'zod';
import { type PublicDepartmentDocument, publicDepartmentsCollection } from '../projections/public-departments.ts';
import type { EvaluationsRouteDeps } from './deps.ts';

const publicDepartment = z
  .object({ departmentId: z.string(), name: z.string(), category: departmentCategory })
  .meta({ id: 'PublicDepartment', description: 'A department as the public reads it: id, name and category, nothing more' });

const exampleDepartment = { departmentId: 'housing-bureau', name: '市住房保障局', category: 'service-facing' as const };

const departmentListAnswer = answer(
  z.object({ items: z.array(publicDepartment), next: z.string().optional().describe('Pass as `after` for the next page') }),
  'One page of the registered departments, by id',
  { items: [exampleDepartment] },
);

const departmentAnswer = answer(z.object({ ...publicDepartment.shape }), 'A registered department: id, name and category', exampleDepartment);

const toPublic = ({ departmentId, name, category }: Pick<PublicDepartmentDocument, 'departmentId' | 'name' | 'category'>) => ({ departmentId, name, category });

/**
 * SPEC 12 and 13: the public pages name the departments that rankings, apologies and bulletins give by id, and a
 * service window's QR code opens the filing page on its department. A department's name and category are public; its
 * leader and its people are not (a person is named in public only by a bulletin that names them).
 */
export function publicDepartmentRoutes(app: HttpApp, deps: EvaluationsRouteDeps): void {
  app.get(
    '/v1/public/departments',
    {
      schema: {
        tags: ['public'],
        operationId: 'listPublicDepartments',
        summary: 'The registered departments by id, with their names and categories; `after` is the `next` of the page before',
        querystring: z
          .object({ category: departmentCategory.optional(), after: identifier.optional(), limit: z.coerce.number().int().min(1).max(500).default(200) })
          .strict(),
        response: { 200: departmentListAnswer, ...problemResponses(400, 429) },
      },
      config: { access: 'public' },
    },
    async (request) => {
      const { category, after, limit } = request.query;
      const { items, next } = await keysetPage(deps.readStore.collection<PublicDepartmentDocument>(publicDepartmentsCollection), category ? { category } : {}, {
        limit,
        ...(after ? { after } : {}),
      });
      return { items: items.map(toPublic), ...(next ? { next } : {}) };
    },
  );

  app.get(
    '/v1/public/departments/:departmentId',
    {
      schema: {
        tags: ['public'],
        operationId: 'getPublicDepartment',
        summary: "A registered department's name and category (what a service window's QR code names)",
        params: z.object({ departmentId: identifier }),
        response: { 200: departmentAnswer, ...problemResponses(400, 404, 429) },
      },
      config: { access: 'public' },
    },
    async (request) => {
      // The registry's own streams: a department registered a moment ago is named at once.
      const department = await deps.registry.department(request.params.departmentId);
      if (!department) throw notFound('department', request.params.departmentId);
      return toPublic(department);
    },
  );
}
