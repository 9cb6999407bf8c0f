import type { RecordedEvent } from '@ledger/events';
import type { Principal, Role } from '@ledger/platform';
import type { PersonalDataVault } from '@ledger/privacy';
import { type ComplaintState, isOverdueAt } from '../../domain/index.ts';

/** Only the staff who handle the complaint see who made it (SPEC 8); never the respondent's side. */
const rolesSeeingComplainant: readonly Role[] = ['intake-clerk', 'investigator'];

function maySeeComplainant(principal: Principal | undefined): boolean {
  return principal !== undefined && rolesSeeingComplainant.includes(principal.role);
}

/** The list item: what a clerk scans; never the complainant. */
export function complaintSummary(state: ComplaintState, now: Date) {
  return {
    complaintId: state.complaintId,
    status: state.status,
    ...(isOverdueAt(state, now.toISOString()) ? { overdue: true as const } : {}),
    channel: state.channel,
    departmentId: state.departmentId,
    ...(state.personId ? { personId: state.personId } : {}),
    category: state.category,
    receivedAt: state.receivedAt,
    ...(state.dueAt ? { dueAt: state.dueAt } : {}),
    ...(state.finding ? { outcome: state.finding.outcome } : {}),
    ...(state.closedAt ? { closedAt: state.closedAt } : {}),
  };
}

/** Neither the complainant's identity nor anything of the tracking code reaches staff (SPEC 8). */
function withoutPersonalData(data: unknown): Record<string, unknown> {
  if (data === null || typeof data !== 'object') return data as Record<string, unknown>;
  const { complainant: _sealed, comment: _comment, trackingCode: _code, trackingCodeDigest: _digest, ...rest } = data as Record<string, unknown>;
  return rest;
}

/** GET /v1/complaints/{id}: the complaint with its event history. */
export async function complaintView(
  state: ComplaintState,
  history: readonly RecordedEvent[],
  principal: Principal | undefined,
  vault: PersonalDataVault,
  now: Date,
) {
  const { complainant: sealed, complainantErased, lastStepAt: _lastStepAt, trackingCodeDigest: _digest, ...visible } = state;
  let complainant: ({ ref: string; erased?: true } & Record<string, unknown>) | undefined;
  if (sealed && maySeeComplainant(principal)) {
    const data = complainantErased ? undefined : await vault.open(sealed);
    complainant = data ? { ref: sealed.complainantRef, ...data } : { ref: sealed.complainantRef, erased: true as const };
  }
  return {
    ...visible,
    ...(isOverdueAt(state, now.toISOString()) ? { overdue: true } : {}),
    ...(complainant ? { complainant } : {}),
    history: history.map((event) => ({
      position: event.position,
      type: event.type,
      recordedAt: event.recordedAt,
      ...(event.metadata.actor ? { actor: event.metadata.actor } : {}),
      data: withoutPersonalData(event.data),
    })),
  };
}
