import { randomUUID } from 'node:crypto';
import { complaintChannel, isoInstant } from '@ledger/events';
import { deterministicId } from '@ledger/eventstore';
import { type HttpApp, executeHttpCommand, idempotencyKeyOf } from '@ledger/platform';
import { z } from 'zod';
import { complaintDecider } from '../../domain/index.ts';
import { complaintStream } from '../../streams.ts';
import { filedAnswer } from './answers.ts';
import { fileComplaintCommand, filingFields } from './filing.ts';
import type { ComplaintRouteDeps } from './support.ts';

const fileBody = z
  .object({ channel: complaintChannel, ...filingFields, receivedAt: isoInstant.optional() })
  .strict();

/** POST /v1/complaints: files a complaint against registered departments and people; the identity is sealed in the vault. */
export function fileComplaintRoute(app: HttpApp, deps: ComplaintRouteDeps): void {
  app.post(
    '/v1/complaints',
    {
      schema: { tags: ['complaints'], operationId: 'fileComplaint', response: { 201: filedAnswer }, summary: 'File a complaint; a tracking code is issued', body: fileBody },
      config: { access: ['intake-clerk', 'complainant'] },
    },
    async (request, reply) => {
      const key = idempotencyKeyOf(request);
      const caller = `${request.principal!.role}:${request.principal!.id}`;
      // With a key, the id follows from it, so a retried filing lands on the same stream and is answered from it.
      const complaintId = key ? deterministicId('complaint', caller, key) : randomUUID();
      // A retry with the same key gets the same code back: it is derived from the caller's key, never recorded.
      const trackingCode = deps.vault.trackingCodes.issue(key ? `staff:${caller}:${key}` : undefined);
      const command = await fileComplaintCommand(deps, { complaintId, trackingCode, idempotencyKey: key, fields: request.body });
      // A new complaint's stream is new (a retry with the same key finds it when its append is refused).
      const result = await executeHttpCommand(request, deps.store, complaintStream(complaintId), complaintDecider, command, { likelyNewStream: true });
      const state = result.state!;
      return reply.code(201).send({ complaintId: state.complaintId, trackingCode, status: state.status });
    },
  );
}
