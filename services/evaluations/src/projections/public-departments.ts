import { DepartmentChanged, type DepartmentCategory, DepartmentRegistered } from '@ledger/events';
import { type AppliedVersions, type Document, type Projection, alreadyApplied, markApplied } from '@ledger/readstore';

export const publicDepartmentsCollection = 'evaluations_public_departments';

/**
 * A department as the public may read it (SPEC 12: rankings, apologies and bulletins name departments): its id, name
 * and category, never its leader or anything else the registry holds. The id is the department's, so the default
 * order (by id) is the order the public route pages in.
 */
export interface PublicDepartmentDocument extends Document, AppliedVersions {
  departmentId: string;
  name: string;
  category: DepartmentCategory;
}

interface DepartmentRecord {
  departmentId: string;
  name: string;
  category: DepartmentCategory;
}

export const publicDepartmentsProjection: Projection = {
  name: 'evaluations.public-departments',
  services: ['evaluations'],
  eventTypes: [DepartmentRegistered.type, DepartmentChanged.type],
  collections: [publicDepartmentsCollection],
  async apply(event, store) {
    if (event.type !== DepartmentRegistered.type && event.type !== DepartmentChanged.type) return;
    const { departmentId, name, category } = event.data as DepartmentRecord;
    const departments = store.collection<PublicDepartmentDocument>(publicDepartmentsCollection);
    const existing = await departments.get(departmentId);
    // A redelivered older event must not bring back an old name: each event carries the whole record, the latest wins.
    // One stream (the department's) feeds the document, so its applied version is all the bookkeeping it needs.
    if (alreadyApplied(existing, event)) return;
    const latest: PublicDepartmentDocument = { id: departmentId, departmentId, name, category };
    await departments.put(markApplied(latest, event));
  },
};
