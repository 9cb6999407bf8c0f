import { checkCarryOut } from '../carry-out-rules.ts';
import { accept, type Decision, type DomainError, refuse } from '@ledger/decider';
import { checkNotFuture, instantMs } from '@ledger/rules-kit';
import type { ApologyCarriedOutEvent } from '../events.ts';
import type { ApologyOutlet, DepartmentAccountabilityState } from './state.ts';

/** Records that a required apology was made. Sent to the stream that holds it (a joint one: its first department). */
export interface CarryOutApology {
  apologyId: string;
  by: string;
  note?: string;
  at: string;
  now: string;
  /** Where a public or joint apology was made, when, and a reference to it (SPEC 5): required for those kinds. */
  outlet?: ApologyOutlet;
  madeAt?: string;
  reference?: string;
}

export function decideCarryOutApology(command: CarryOutApology, state: DepartmentAccountabilityState): Decision<ApologyCarriedOutEvent> {
  const apology = state.apologies.find((candidate) => candidate.apologyId === command.apologyId);
  if (!apology || state.departmentId === undefined) {
    return refuse('not-found', 'apology-not-found', `apology ${command.apologyId} does not exist`, 'apologyId');
  }
  const invalid = checkCarryOut(command, apology, command.apologyId, apology.requiredAt, 'apology');
  if (invalid) return refuse(invalid);
  const publication = checkPublication(command, apology.kind, apology.requiredAt);
  if (publication) return refuse(publication);
  return accept(
    {
      type: 'ApologyCarriedOut',
      data: {
        apologyId: apology.apologyId,
        departmentId: state.departmentId,
        by: command.by,
        ...(command.note === undefined ? {} : { note: command.note }),
        ...(command.outlet === undefined ? {} : { outlet: command.outlet }),
        ...(command.outlet === undefined ? {} : { madeAt: command.madeAt ?? command.at }),
        ...(command.reference === undefined ? {} : { reference: command.reference }),
        at: command.at,
      },
    },
  );
}

/** A public or joint apology is published: where, when and a reference are recorded; a direct one is made to the complainant alone. */
function checkPublication(command: CarryOutApology, kind: string, requiredAt: string): DomainError | undefined {
  if (kind === 'direct') {
    if (command.outlet === undefined && command.reference === undefined && command.madeAt === undefined) return undefined;
    return { kind: 'rule', code: 'direct-apology-not-published', message: 'a direct apology is made to the complainant; it has no outlet or reference', field: 'outlet' };
  }
  if (command.outlet === undefined) return { kind: 'rule', code: 'outlet-required', message: `a ${kind} apology records the outlet it was made in`, field: 'outlet' };
  if (command.reference === undefined || command.reference.trim() === '') {
    return { kind: 'rule', code: 'reference-required', message: `a ${kind} apology records a reference to it (an issue, a programme, an address)`, field: 'reference' };
  }
  if (command.madeAt === undefined) return undefined;
  return checkNotFuture(command.madeAt, 'madeAt', command.now) ?? (instantMs(command.madeAt) < instantMs(requiredAt)
    ? { kind: 'rule', code: 'made-before-required', message: `madeAt (${command.madeAt}) is before the apology was required (${requiredAt})`, field: 'madeAt' }
    : undefined);
}
