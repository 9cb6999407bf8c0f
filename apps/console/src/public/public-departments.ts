import { useEffect, useMemo, useState } from 'react';
import { type Answer, answer, api } from '../api/client.ts';

export type PublicDepartment = Answer<'GET /v1/public/departments'>['items'][number];

/** What a public page shows for a department: its name, or its id while the name is not known (not loaded, not registered). */
export type DepartmentName = (departmentId: string) => string;

const pageSize = 500;
/** 10,000 departments: far more than a city has. */
const maxPages = 20;

/** The directory, read once per page load and shared by every public page (departments are few and rarely change). */
let directory: Promise<PublicDepartment[]> | undefined;

async function readDirectory(): Promise<PublicDepartment[]> {
  const all: PublicDepartment[] = [];
  let after: string | undefined;
  for (let page = 0; page < maxPages; page++) {
    const answered = answer('GET /v1/public/departments', await api.GET('/v1/public/departments', { params: { query: { limit: pageSize, ...(after ? { after } : {}) } } }));
    all.push(...answered.items);
    after = answered.next;
    if (!after) break;
  }
  return all;
}

const loadDirectory = (): Promise<PublicDepartment[]> => {
  directory ??= readDirectory().catch((error: unknown) => {
    directory = undefined; // a failure is not kept: the next page asks again
    throw error;
  });
  return directory;
};

/**
 * The registered departments as the public may read them (`GET /v1/public/departments`), and their names by id.
 * A page shows ids until the names arrive, and keeps showing ids when they cannot be read: names help, ids still say
 * which department it is. `wanted` false reads nothing (a page that needs no names in some state of it).
 */
export function usePublicDepartments(wanted = true): { departments?: PublicDepartment[]; nameOf: DepartmentName } {
  const [departments, setDepartments] = useState<PublicDepartment[] | undefined>();
  useEffect(() => {
    if (!wanted) return;
    let current = true;
    loadDirectory().then(
      (loaded) => current && setDepartments(loaded),
      () => {},
    );
    return () => {
      current = false;
    };
  }, [wanted]);
  const nameOf = useMemo(() => {
    const names = new Map((departments ?? []).map((department) => [department.departmentId, department.name]));
    return (departmentId: string) => names.get(departmentId) ?? departmentId;
  }, [departments]);
  return departments ? { departments, nameOf } : { nameOf };
}

/** One department's name (`GET /v1/public/departments/{departmentId}`), for a page about one department: its id until then, or when unknown. */
export function usePublicDepartmentName(departmentId: string | undefined): string | undefined {
  const [name, setName] = useState<{ departmentId: string; name: string } | undefined>();
  useEffect(() => {
    if (!departmentId) return;
    let current = true;
    api.GET('/v1/public/departments/{departmentId}', { params: { path: { departmentId } } }).then(
      (result) => current && result.data && setName({ departmentId, name: result.data.name }),
      () => {},
    );
    return () => {
      current = false;
    };
  }, [departmentId]);
  return departmentId && (name?.departmentId === departmentId ? name.name : departmentId);
}
