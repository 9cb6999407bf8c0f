import { departmentCategories, departmentCategory, identifier } from '@ledger/events';
import { type HttpApp, ProblemError, type Role, type ServiceContext, notFound, problemResponses } from '@ledger/platform';
import { z } from 'zod';
import { everyDocument } from '../projections/every-document.ts';
import { type DepartmentDocument, departmentInputsCollection } from '../projections/period-inputs.ts';
import {
  type PeopleRankingDocument,
  type PublishedRankingDocument,
  peopleRankingsCollection,
  publishedRankingsCollection,
} from '../projections/published-rankings.ts';
import { yearParams } from './period-routes.ts';
import { rankingItemView } from './ranking-view.ts';
import { peopleRankingAnswer, publicRankingAnswer, rankingAnswer } from './answers.ts';

/** Rankings are the administration's business: the evaluation office, discipline, auditors and other services. */
const readers: Role[] = ['evaluation-office', 'disciplinary-official', 'auditor', 'service'];
const categoriesPerYear = 3;

export function rankingRoutes(app: HttpApp, deps: ServiceContext): void {
  /** Every category's ranking of a closed year; 404 until the close is published (the read model follows the ledger). */
  const publishedYear = async (year: number) => {
    const rankings = await deps.readStore.collection<PublishedRankingDocument>(publishedRankingsCollection).find({ year }, { limit: categoriesPerYear });
    if (rankings.length < categoriesPerYear) throw notClosed(year);
    // In the catalogue's order of categories, as the close published them.
    return rankings.map((document) => document.ranking).toSorted((a, b) => departmentCategories.indexOf(a.category) - departmentCategories.indexOf(b.category));
  };

  app.get(
    '/v1/rankings/:year',
    {
      schema: {
        tags: ['rankings'],
        operationId: 'ranking',
        response: { 200: rankingAnswer },
        summary: 'The published ranking of a closed year, by category (rank 1 = highest score; scores shown to 2 decimals, exactScore exact)',
        params: yearParams,
        querystring: z.object({ category: departmentCategory.optional() }).strict(),
      },
      config: { access: readers },
    },
    async (request) => {
      const { year } = request.params;
      const { category } = request.query;
      const rankings = (await publishedYear(year)).filter((ranking) => category === undefined || ranking.category === category);
      return {
        year,
        items: rankings.flatMap((ranking) => ranking.items.map(rankingItemView)),
        unscored: rankings.flatMap((ranking) => ranking.unscored),
      };
    },
  );

  // SPEC 12: the rankings of closed periods are public, as the administration reads them; 404 while the year is open.
  app.get(
    '/v1/public/rankings/:year',
    {
      schema: {
        tags: ['public'],
        operationId: 'publicRanking',
        summary: 'The published ranking of a closed year, by category, with no key; 404 while the year is open',
        params: yearParams,
        querystring: z.object({ category: departmentCategory.optional() }).strict(),
        response: {
          200: publicRankingAnswer,
          ...problemResponses(404, 429),
        },
      },
      config: { access: 'public' },
    },
    async (request) => {
      const { year } = request.params;
      const { category } = request.query;
      const rankings = (await publishedYear(year)).filter((ranking) => category === undefined || ranking.category === category);
      return { year, items: rankings.flatMap((ranking) => ranking.items.map(rankingItemView)) };
    },
  );

  app.get(
    '/v1/rankings/:year/people',
    {
      schema: {
        tags: ['rankings'],
        operationId: 'peopleRanking',
        response: { 200: peopleRankingAnswer },
        summary: 'People of a closed year ranked by rating index within their department (at least the policy minimum of ratings, 10 by default)',
        params: yearParams,
        querystring: z.object({ departmentId: identifier.optional() }).strict(),
      },
      config: { access: readers },
    },
    async (request) => {
      const { year } = request.params;
      const { departmentId } = request.query;
      await publishedYear(year);
      if (departmentId !== undefined && !(await deps.readStore.collection<DepartmentDocument>(departmentInputsCollection).get(departmentId))) {
        throw notFound('department', departmentId);
      }
      const people = deps.readStore.collection<PeopleRankingDocument>(peopleRankingsCollection);
      const documents = departmentId === undefined ? await everyDocument(people, { year }) : await people.find({ year, departmentId });
      return {
        year,
        items: documents.flatMap(({ people: ranked }) => ranked.items.map((person) => ({ departmentId: ranked.departmentId, ...person }))),
        unranked: documents.flatMap(({ people: ranked }) => ranked.unranked.map((person) => ({ departmentId: ranked.departmentId, ...person }))),
      };
    },
  );
}

const notClosed = (year: number) => new ProblemError({ slug: 'not-found', title: 'Not found', status: 404, detail: `year ${year} has not been closed` });
