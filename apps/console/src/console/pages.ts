import type { RouteKey } from '../api/route-roles.ts';
import type { MessageKey } from '../i18n/messages.zh-CN.ts';
import { may } from '../session/access.ts';
import type { Role } from '../api/route-roles.ts';

/**
 * The staff pages and the route each one reads: a page is in a role's menu only when the role may read it.
 * Pages of later rounds (rectification board, bulletins, auditor's page, keys) join this list.
 */
const consolePages = [
  { path: 'complaints', label: 'nav.complaints', reads: 'GET /v1/complaints' },
  { path: 'people', label: 'nav.people', reads: 'GET /v1/people/{personId}/history' },
  { path: 'departments', label: 'nav.departments', reads: 'GET /v1/departments/{departmentId}/accountability' },
] as const satisfies ReadonlyArray<{ path: string; label: MessageKey; reads: RouteKey }>;

export type ConsolePage = (typeof consolePages)[number];

export const pagesFor = (role: Role | undefined): ConsolePage[] => consolePages.filter((page) => may(role, page.reads));
