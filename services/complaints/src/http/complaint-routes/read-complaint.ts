import { fold } from '@ledger/decider';
import { loadStream } from '@ledger/eventstore';
import { type HttpApp, notFound } from '@ledger/platform';
import { complaintDecider } from '../../domain/index.ts';
import { complaintStream } from '../../streams.ts';
import { complaintAnswer } from './answers.ts';
import { complaintView } from './complaint-view.ts';
import { type ComplaintRouteDeps, idParams, staff } from './support.ts';

/** GET /v1/complaints/{id}: read from the ledger, so it shows the latest step at once. */
export function readComplaintRoute(app: HttpApp, deps: ComplaintRouteDeps): void {
  app.get(
    '/v1/complaints/:id',
    { schema: { tags: ['complaints'], operationId: 'readComplaint', response: { 200: complaintAnswer }, summary: 'A complaint with its event history', params: idParams }, config: { access: staff } },
    async (request) => {
      const history = await loadStream(deps.store, complaintStream(request.params.id));
      const state = fold(complaintDecider, history);
      if (!state) throw notFound('complaint', request.params.id);
      return complaintView(state, history, request.principal, deps.vault, deps.clock.now());
    },
  );
}
