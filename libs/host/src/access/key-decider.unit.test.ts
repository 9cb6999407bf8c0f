import { given } from '@ledger/decider/testing';
import { describe, it } from 'vitest';
import { type KeyEvent, keyDecider } from './key-decider.ts';

const at = '2026-03-02T09:00:00+08:00';
const later = '2026-03-05T10:00:00+08:00';
const hash = 'a'.repeat(64);
const issue = { type: 'issue' as const, keyId: 'k-1', role: 'investigator', personId: 'p-7', label: 'Wang Fang, investigator', keyHash: hash, at };
const issued: KeyEvent = { type: 'ApiKeyIssued', data: { keyId: 'k-1', role: 'investigator', personId: 'p-7', label: 'Wang Fang, investigator', keyHash: hash, issuedAt: at } };
const revoked: KeyEvent = { type: 'ApiKeyRevoked', data: { keyId: 'k-1', revokedAt: later } };

describe('keys the ledger issues (SPEC 8)', () => {
  it('issues a key naming one role and one person, recording the hash of its secret', () => {
    given(keyDecider).when(issue).thenEvents(issued);
  });

  it('issues a department liaison key with the department it acts for', () => {
    given(keyDecider)
      .when({ ...issue, role: 'department-liaison', departmentId: 'd-3' })
      .thenEvents({ type: 'ApiKeyIssued', data: { ...issued.data, role: 'department-liaison', departmentId: 'd-3' } });
  });

  it('refuses a liaison key without a department, and a department on any other role', () => {
    given(keyDecider).when({ ...issue, role: 'department-liaison' }).thenError({ kind: 'rule', code: 'department-required', field: 'departmentId' });
    given(keyDecider).when({ ...issue, departmentId: 'd-3' }).thenError({ kind: 'rule', code: 'department-not-allowed', field: 'departmentId' });
  });

  it('refuses a staff key naming no person, but issues a service key without one', () => {
    const { personId: _personId, ...withoutPerson } = issue;
    given(keyDecider).when(withoutPerson).thenError({ kind: 'rule', code: 'person-required', field: 'personId' });
    const { personId: _p, ...serviceKey } = issued.data;
    given(keyDecider)
      .when({ ...withoutPerson, role: 'service' })
      .thenEvents({ type: 'ApiKeyIssued', data: { ...serviceKey, role: 'service' } });
  });

  it('never issues one key id twice', () => {
    given(keyDecider, issued).when(issue).thenError({ kind: 'already-exists', code: 'key-exists', field: 'keyId' });
  });

  it('revokes an active key once; revoking it again records nothing', () => {
    given(keyDecider, issued).when({ type: 'revoke', keyId: 'k-1', at: later }).thenEvents(revoked);
    given(keyDecider, issued, revoked).when({ type: 'revoke', keyId: 'k-1', at: '2026-04-01T10:00:00+08:00' }).thenEvents();
  });

  it('cannot revoke a key never issued', () => {
    given(keyDecider).when({ type: 'revoke', keyId: 'k-9', at: later }).thenError({ kind: 'not-found', code: 'key-not-found' });
  });
});
