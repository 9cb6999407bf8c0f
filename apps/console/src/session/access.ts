import { type Role, type RouteKey, routeRoles, roles } from '../api/route-roles.ts';

/** Whether a role may call a route: the same table the API enforces (generated from its OpenAPI). */
export function may(role: Role | undefined, route: RouteKey): boolean {
  const access: readonly string[] | 'public' = routeRoles[route];
  return access === 'public' || (role !== undefined && access.includes(role));
}

/**
 * Routes a key can be tried on without changing anything. GETs first; then state-changing POSTs and PUTs sent
 * with a body of a content type no route parses: the ledger checks the key before it reads a body, so such a
 * call answers 401/403 ("who") or 415 ("allowed") and never reaches a handler.
 */
const probeable = (Object.keys(routeRoles) as RouteKey[]).filter(
  (route) =>
    /^(GET|POST|PUT) /.test(route) &&
    routeRoles[route] !== 'public' &&
    // Reading a person's history is itself recorded (SPEC 8), so it is never a probe.
    !route.endsWith('/history') &&
    // A liaison acts for their own department only (SPEC 1): a route naming a department answers a liaison 403 for
    // any other, so its answer tells the key's department, not its role.
    !(route.includes('{departmentId}') && (routeRoles[route] as readonly string[]).includes('department-liaison')),
);

export interface Probe {
  route: RouteKey;
  method: string;
  url: string;
}

/**
 * The next route to try, chosen to split the roles still possible as evenly as can be (a GET where one splits
 * as well); undefined once no route tells them apart. Path parameters get a value no record has.
 */
export function nextProbe(candidates: readonly Role[], tried: ReadonlySet<RouteKey>): Probe | undefined {
  let best: { route: RouteKey; split: number } | undefined;
  for (const route of probeable) {
    if (tried.has(route)) continue;
    const access = routeRoles[route] as readonly string[];
    const admitted = candidates.filter((role) => access.includes(role)).length;
    const split = Math.min(admitted, candidates.length - admitted);
    const better = !best || split > best.split || (split === best.split && route.startsWith('GET ') && !best.route.startsWith('GET '));
    if (split > 0 && better) best = { route, split };
  }
  if (!best) return undefined;
  const [method = 'GET', path = ''] = best.route.split(' ');
  return { route: best.route, method, url: path.replace(/\{[^}]+\}/g, 'role-probe') };
}

/** What a probe sends: nothing for a GET; for a POST or PUT, a body no route accepts (see probeable). */
export const probeContentType = 'application/x-role-probe';

export type RoleDetection = { ok: true; role: Role } | { ok: false; reason: 'unknown-key' | 'unreachable' | 'ambiguous'; candidates?: Role[] };

/** Finds which role a key holds by trying it on a few routes (API.md has no "who am I" route yet). */
export async function detectRole(key: string, fetchFn: typeof fetch = fetch): Promise<RoleDetection> {
  let candidates: Role[] = [...roles];
  const tried = new Set<RouteKey>();
  for (let probe = nextProbe(candidates, tried); probe && candidates.length > 1; probe = nextProbe(candidates, tried)) {
    tried.add(probe.route);
    const headers: Record<string, string> = { authorization: `Bearer ${key}` };
    const withBody = probe.method !== 'GET';
    if (withBody) headers['content-type'] = probeContentType;
    let status: number;
    try {
      status = (await fetchFn(probe.url, { method: probe.method, headers, ...(withBody ? { body: 'role-probe' } : {}) })).status;
    } catch {
      return { ok: false, reason: 'unreachable' };
    }
    if (status === 401) return { ok: false, reason: 'unknown-key' };
    const admitted = status !== 403;
    const access = routeRoles[probe.route] as readonly string[];
    candidates = candidates.filter((role) => access.includes(role) === admitted);
  }
  const [only] = candidates;
  if (candidates.length === 1 && only) return { ok: true, role: only };
  return { ok: false, reason: 'ambiguous', candidates };
}
