import { z } from 'zod';
import { defineEvent, safeText, identifier, isoInstant } from './define.ts';

export const departmentCategories = ['service-facing', 'party-mass', 'vertical'] as const;
export const departmentCategory = z.enum(departmentCategories);
export type DepartmentCategory = z.infer<typeof departmentCategory>;

const departmentFields = {
  departmentId: identifier,
  name: safeText().min(1).max(300),
  category: departmentCategory,
  leaderPersonId: identifier.optional(),
  at: isoInstant,
};

export const DepartmentRegistered = defineEvent({
  type: 'DepartmentRegistered',
  version: 1,
  service: 'evaluations',
  description: 'A department entered the registry.',
  schema: z.object(departmentFields),
});

export const DepartmentChanged = defineEvent({
  type: 'DepartmentChanged',
  version: 1,
  service: 'evaluations',
  description: "A registered department's name, category or leader changed; carries the full new record.",
  schema: z.object(departmentFields),
});

const personFields = {
  personId: identifier,
  name: safeText().min(1).max(300),
  departmentId: identifier,
  post: safeText().max(300).optional(),
  at: isoInstant,
};

export const PersonRegistered = defineEvent({
  type: 'PersonRegistered',
  version: 1,
  service: 'evaluations',
  description: 'A person entered the registry.',
  schema: z.object(personFields),
});

export const PersonChanged = defineEvent({
  type: 'PersonChanged',
  version: 1,
  service: 'evaluations',
  description:
    "A registered person's name, department or post changed; carries the full new record. History follows the person across departments.",
  schema: z.object({ ...personFields, previousDepartmentId: identifier }),
});

export const registryEvents = [DepartmentRegistered, DepartmentChanged, PersonRegistered, PersonChanged] as const;
