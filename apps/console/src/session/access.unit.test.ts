import { describe, expect, it } from 'vitest';
import { type Role, routeRoles, roles } from '../api/route-roles.ts';
import { detectRole, nextProbe, probeContentType } from './access.ts';

/** A ledger that answers as the route table says: 401 for an unknown key, 403 when refused, else 200/415. */
function fakeLedger(keys: Record<string, Role>) {
  const calls: Array<{ method: string; url: string }> = [];
  const fetchFn = (async (url: string, init: RequestInit) => {
    const method = init.method ?? 'GET';
    calls.push({ method, url });
    const role = keys[String((init.headers as Record<string, string>).authorization).replace('Bearer ', '')];
    if (!role) return new Response(null, { status: 401 });
    const route = Object.keys(routeRoles).find((key) => {
      const [routeMethod, path] = key.split(' ');
      return routeMethod === method && path!.replace(/\{[^}]+\}/g, 'role-probe') === url;
    }) as keyof typeof routeRoles;
    const access = routeRoles[route] as readonly string[];
    if (!access.includes(role)) return new Response(null, { status: 403 });
    // A liaison acts for their own department only: `role-probe` is nobody's department.
    if (role === 'department-liaison' && route.includes('{departmentId}')) return new Response(null, { status: 403 });
    if (method !== 'GET') expect((init.headers as Record<string, string>)['content-type']).toBe(probeContentType);
    return new Response(null, { status: method === 'GET' ? 200 : 415 });
  }) as unknown as typeof fetch;
  return { fetchFn, calls };
}

describe('telling a key’s role from its answers', () => {
  it('finds every role in a few calls, never reading a history (a read that is recorded)', async () => {
    for (const role of roles) {
      const ledger = fakeLedger({ 'the-key': role });
      expect(await detectRole('the-key', ledger.fetchFn)).toEqual({ ok: true, role });
      expect(ledger.calls.length, role).toBeLessThanOrEqual(4);
      expect(ledger.calls.some((call) => call.url.endsWith('/history'))).toBe(false);
    }
  });

  it('says an unknown key is unknown after one call, and an unreachable ledger unreachable', async () => {
    const ledger = fakeLedger({});
    expect(await detectRole('nobody', ledger.fetchFn)).toEqual({ ok: false, reason: 'unknown-key' });
    expect(ledger.calls).toHaveLength(1);
    const offline = (async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch;
    expect(await detectRole('any', offline)).toEqual({ ok: false, reason: 'unreachable' });
  });

  it('prefers a GET when one splits the roles as well, and has nothing left to try once one role remains', () => {
    expect(nextProbe([...roles], new Set())!.method).toBe('GET');
    expect(nextProbe(['auditor'], new Set())).toBeUndefined();
  });
});
