import { ProblemError, type ServiceContext } from '@ledger/platform';

export interface CatchUp {
  projectionName: string;
  /** The ledger position the projection must have read: the head when the request arrived. */
  position: number;
  timeoutMs: number;
  pollMs?: number;
}

/**
 * Waits until a projection has read the ledger up to `position`. A decision taken on a read model that
 * lags would leave out inputs recorded before the request (a survey scored a second before a close);
 * waiting for the head at the time of the request gives the decision the same cut-off as the ledger.
 * A host that cannot tell how far its consumers stand gets a 503 rather than a silently partial answer.
 */
export async function waitUntilCaughtUp(context: Pick<ServiceContext, 'projectionPosition'>, catchUp: CatchUp): Promise<void> {
  const { projectionName, position, timeoutMs, pollMs = 20 } = catchUp;
  if (!context.projectionPosition) {
    throw unavailable(`this host does not report how far ${projectionName} has read the ledger, so its inputs cannot be trusted to be complete`);
  }
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const reached = await context.projectionPosition(projectionName);
    if (reached >= position) return;
    if (Date.now() >= deadline) {
      throw unavailable(`${projectionName} has read the ledger up to ${reached}, not yet ${position}; retry shortly`);
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

function unavailable(detail: string): ProblemError {
  return new ProblemError({ slug: 'read-model-behind', title: 'Inputs not yet complete', status: 503, detail });
}
