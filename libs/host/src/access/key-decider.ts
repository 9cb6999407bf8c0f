import { type Decider, type DomainError, accept, refuse } from '@ledger/decider';
import type { ApiKeyIssuedData, ApiKeyRevokedData } from '@ledger/events';

// SPEC 8: keys the ledger issues, each naming one role and one person (a department liaison also names the
// department it acts for), revocable. One stream per key: its issue and, once, its revocation.

export type KeyEvent = { type: 'ApiKeyIssued'; data: ApiKeyIssuedData } | { type: 'ApiKeyRevoked'; data: ApiKeyRevokedData };

export type KeyCommand =
  | { type: 'issue'; keyId: string; role: string; personId?: string; departmentId?: string; label: string; keyHash: string; at: string }
  | { type: 'revoke'; keyId: string; at: string };

export type KeyState =
  | { status: 'none' }
  | { status: 'active'; key: ApiKeyIssuedData }
  | { status: 'revoked'; key: ApiKeyIssuedData; revokedAt: string };

/** The roles a key names no person for: another service calling in. */
export const rolesWithoutPerson: readonly string[] = ['service'];
/** The role that acts for one department only (SPEC 1). */
export const departmentRole = 'department-liaison';

function checkIssue(command: Extract<KeyCommand, { type: 'issue' }>): DomainError | undefined {
  if (command.role === departmentRole && command.departmentId === undefined) {
    return { kind: 'rule', code: 'department-required', message: 'a department liaison key names the department it acts for', field: 'departmentId' };
  }
  if (command.role !== departmentRole && command.departmentId !== undefined) {
    return { kind: 'rule', code: 'department-not-allowed', message: `only a ${departmentRole} key names a department; a ${command.role} acts for every department`, field: 'departmentId' };
  }
  if (!rolesWithoutPerson.includes(command.role) && command.personId === undefined) {
    return { kind: 'rule', code: 'person-required', message: `a ${command.role} key names the person who uses it: their actions are recorded as theirs`, field: 'personId' };
  }
  return undefined;
}

export const keyDecider: Decider<KeyCommand, KeyState, KeyEvent> = {
  initialState: { status: 'none' },
  evolve(state, event) {
    switch (event.type) {
      case 'ApiKeyIssued':
        return { status: 'active', key: event.data };
      case 'ApiKeyRevoked':
        return state.status === 'none' ? state : { status: 'revoked', key: state.key, revokedAt: event.data.revokedAt };
    }
  },
  decide(command, state) {
    switch (command.type) {
      case 'issue': {
        if (state.status !== 'none') return refuse('already-exists', 'key-exists', `key ${command.keyId} was already issued`, 'keyId');
        const problem = checkIssue(command);
        if (problem) return refuse(problem);
        const { type: _type, at, ...key } = command;
        return accept({ type: 'ApiKeyIssued', data: { ...key, issuedAt: at } });
      }
      case 'revoke':
        if (state.status === 'none') return refuse('not-found', 'key-not-found', `no key ${command.keyId}`);
        // Revoking twice changes nothing: the key stays revoked from the first time.
        if (state.status === 'revoked') return accept();
        return accept({ type: 'ApiKeyRevoked', data: { keyId: command.keyId, revokedAt: command.at } });
    }
  },
};
