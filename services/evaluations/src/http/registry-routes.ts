import { departmentCategory, identifier, safeText } from '@ledger/events';
import type { EventStore } from '@ledger/eventstore';
import { type Clock, type HttpApp, type Role, executeHttpCommand, notFound } from '@ledger/platform';
import { z } from 'zod';
import { departmentDecider, departmentStream, personDecider, personStream } from '../domain/registry.ts';
import { departmentAnswer, personAnswer } from './answers.ts';
import type { RegistryLookup } from '@ledger/registry';

export interface RegistryRouteDeps {
  store: EventStore;
  registry: RegistryLookup;
  clock: Clock;
}

/** Everyone inside the administration may look a department or person up; only the evaluation office edits. */
const readers: Role[] = ['intake-clerk', 'investigator', 'disciplinary-official', 'evaluation-office', 'auditor', 'service'];

const departmentBody = z.object({ name: safeText().min(1).max(300), category: departmentCategory, leaderPersonId: identifier.optional() }).strict();
const personBody = z.object({ name: safeText().min(1).max(300), departmentId: identifier, post: safeText().max(300).optional() }).strict();

export function registryRoutes(app: HttpApp, deps: RegistryRouteDeps): void {
  app.put(
    '/v1/departments/:departmentId',
    {
      schema: { tags: ['registry'], operationId: 'putDepartment', response: { 200: departmentAnswer }, summary: 'Register a department or change it', params: z.object({ departmentId: identifier }), body: departmentBody },
      config: { access: ['evaluation-office'] },
    },
    async (request) => {
      const { departmentId } = request.params;
      const leaderIsRegistered = request.body.leaderPersonId ? (await deps.registry.person(request.body.leaderPersonId)) !== undefined : false;
      const result = await executeHttpCommand(request, deps.store, departmentStream(departmentId), departmentDecider, {
        departmentId,
        ...request.body,
        leaderIsRegistered,
        at: deps.clock.now().toISOString(),
      });
      return result.state;
    },
  );

  app.get(
    '/v1/departments/:departmentId',
    { schema: { tags: ['registry'], operationId: 'getDepartment', response: { 200: departmentAnswer }, summary: 'A department', params: z.object({ departmentId: identifier }) }, config: { access: readers } },
    async (request) => {
      const department = await deps.registry.department(request.params.departmentId);
      if (!department) throw notFound('department', request.params.departmentId);
      return department;
    },
  );

  app.put(
    '/v1/people/:personId',
    {
      schema: { tags: ['registry'], operationId: 'putPerson', response: { 200: personAnswer }, summary: 'Register a person or change them (a move keeps their history)', params: z.object({ personId: identifier }), body: personBody },
      config: { access: ['evaluation-office'] },
    },
    async (request) => {
      const { personId } = request.params;
      const departmentIsRegistered = (await deps.registry.department(request.body.departmentId)) !== undefined;
      const result = await executeHttpCommand(request, deps.store, personStream(personId), personDecider, {
        personId,
        ...request.body,
        departmentIsRegistered,
        at: deps.clock.now().toISOString(),
      });
      return result.state;
    },
  );

  app.get(
    '/v1/people/:personId',
    { schema: { tags: ['registry'], operationId: 'getPerson', response: { 200: personAnswer }, summary: 'A person', params: z.object({ personId: identifier }) }, config: { access: readers } },
    async (request) => {
      const person = await deps.registry.person(request.params.personId);
      if (!person) throw notFound('person', request.params.personId);
      return person;
    },
  );
}
