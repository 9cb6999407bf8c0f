import type { RouteKey } from '../api/route-roles.ts';
import type { MessageKey } from '../i18n/messages.zh-CN.ts';
import { may } from '../session/access.ts';
import type { Role } from '../api/route-roles.ts';

/**
 * The staff pages and the route each one is for: a page is in a role's menu only when the role may call it. Most
 * pages are for a read; the bulletins page is for publishing (anyone may read bulletins on the public page).
 */
const consolePages = [
  { path: 'complaints', label: 'nav.complaints', route: 'GET /v1/complaints' },
  { path: 'people', label: 'nav.people', route: 'GET /v1/people/{personId}/history' },
  { path: 'departments', label: 'nav.departments', route: 'GET /v1/departments/{departmentId}/accountability' },
  { path: 'rectification', label: 'nav.rectification', route: 'GET /v1/rectifications' },
  { path: 'bad-reviews', label: 'nav.badReviews', route: 'GET /v1/bad-reviews' },
  { path: 'bulletins', label: 'nav.bulletins', route: 'POST /v1/bulletins' },
  { path: 'audit', label: 'nav.audit', route: 'GET /v1/audit/history-reads' },
  { path: 'keys', label: 'nav.keys', route: 'GET /v1/keys' },
] as const satisfies ReadonlyArray<{ path: string; label: MessageKey; route: RouteKey }>;

export type ConsolePage = (typeof consolePages)[number];

export const pagesFor = (role: Role | undefined): ConsolePage[] => consolePages.filter((page) => may(role, page.route));
