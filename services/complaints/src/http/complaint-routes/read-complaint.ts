import { fold } from '@ledger/decider';
import { loadStream } from '@ledger/eventstore';
import { type HttpApp, ensureOwnDepartment, notFound } from '@ledger/platform';
import { complaintDecider } from '../../domain/index.ts';
import { complaintStream } from '../../streams.ts';
import { complaintAnswer } from './answers.ts';
import { complaintView } from './complaint-view.ts';
import { type ComplaintRouteDeps, idParams, readers } from './support.ts';

/** GET /v1/complaints/{id}: read from the ledger, so it shows the latest step at once; a liaison reads their own department's only. */
export function readComplaintRoute(app: HttpApp, deps: ComplaintRouteDeps): void {
  app.get(
    '/v1/complaints/:id',
    { schema: { tags: ['complaints'], operationId: 'readComplaint', response: { 200: complaintAnswer }, summary: "A complaint with its event history (a department liaison: their own department's only)", params: idParams }, config: { access: readers } },
    async (request) => {
      const history = await loadStream(deps.store, complaintStream(request.params.id));
      const state = fold(complaintDecider, history);
      if (!state) throw notFound('complaint', request.params.id);
      ensureOwnDepartment(request.principal, state.departmentId);
      return complaintView(state, history, request.principal, deps.vault, deps.clock.now());
    },
  );
}
