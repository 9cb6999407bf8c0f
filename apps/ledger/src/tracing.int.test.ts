import { leafBytes } from '@ledger/audit';
import { type RecordedEvent, toCloudEvent } from '@ledger/events';
import { type Tracing, startTracing } from '@ledger/platform';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Call, callerOf, expectOk } from './discipline.testkit.ts';
import type { LedgerHost } from './host.ts';
import { startTestLedger } from './test-ledger.testkit.ts';

const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;

// Issue 14.3 on the embedded ledger: one trace from the request that records a finding, through its command and
// append, to the discipline processor that handles the finding and appends the sanction it causes.
describe('traces across request, command, append and consumers (embedded)', () => {
  const exporter = new InMemorySpanExporter();
  let tracing: Tracing | undefined;
  let ledger: LedgerHost;
  const call: Call = callerOf(() => ledger);
  const callerTraceId = '4bf92f3577b34da6a3ce929d0e0e4736';
  let complaintId: string;

  beforeAll(async () => {
    tracing = startTracing({ serviceName: 'ledger-under-test', exporter });
    ledger = await startTestLedger();
    expectOk(await call('PUT', '/v1/departments/t-dept', 'evaluation-office', { name: '审批局', category: 'service-facing' }), 'department');
    expectOk(await call('PUT', '/v1/people/t-zhao', 'evaluation-office', { name: '赵', departmentId: 't-dept' }), 'person');
    const filed = expectOk(
      await call('POST', '/v1/complaints', 'intake-clerk', { channel: 'hotline-12345', departmentId: 't-dept', personId: 't-zhao', category: 'delay', summary: '办件超期', receivedAt: '2025-03-03T09:00:00+08:00' }),
      'file',
    );
    complaintId = filed.body.complaintId as string;
    expectOk(await call('POST', `/v1/complaints/${complaintId}/accept`, 'intake-clerk', { at: '2025-03-03T10:00:00+08:00' }), 'accept');
    // The caller's own trace: the ledger continues it.
    const traceparent = `00-${callerTraceId}-00f067aa0ba902b7-01`;
    expectOk(await call('POST', `/v1/complaints/${complaintId}/finding`, 'investigator', { outcome: 'valid', personId: 't-zhao', at: '2025-03-08T09:00:00+08:00' }, { traceparent }), 'finding');
    await ledger.settled();
  });
  afterAll(async () => {
    await ledger?.stop();
    await tracing?.shutdown();
  });

  const spansOfCallerTrace = (): ReadableSpan[] => exporter.getFinishedSpans().filter((span) => span.spanContext().traceId === callerTraceId);

  it('records the request, the command and the append of the finding in the caller’s trace, each inside the one before', () => {
    const spans = spansOfCallerTrace();
    const request = spans.find((span) => span.name === 'POST /v1/complaints/:id/finding');
    expect(request).toBeDefined();
    expect(parentOf(request!)).toBe('00f067aa0ba902b7');
    expect(request!.attributes['http.response.status_code']).toBe(200);
    const command = spans.find((span) => span.name === 'ledger.command' && parentOf(span) === request!.spanContext().spanId);
    expect(command?.attributes['ledger.stream_id']).toBe(`complaint-${complaintId}`);
    const append = spans.find((span) => span.name === 'ledger.append' && parentOf(span) === command!.spanContext().spanId);
    expect(append?.attributes['ledger.event_types']).toEqual(['FindingRecorded']);
  });

  it('continues the trace in the consumers that handle the finding, and in the sanction they append', () => {
    const spans = spansOfCallerTrace();
    const processed = spans.filter((span) => span.name === 'process FindingRecorded' || span.name === 'process batch');
    expect(processed.length).toBeGreaterThan(0);
    const sanctionAppend = spans.find((span) => span.name === 'ledger.append' && (span.attributes['ledger.event_types'] as string[]).includes('SanctionDecided'));
    expect(sanctionAppend).toBeDefined();
    // The sanction's append lies under a consumer's handling of the finding.
    const byId = new Map(spans.map((span) => [span.spanContext().spanId, span]));
    const ancestors: string[] = [];
    for (let span: ReadableSpan | undefined = sanctionAppend; span; span = byId.get(parentOf(span) ?? '')) ancestors.push(span.name);
    expect(ancestors).toEqual(expect.arrayContaining(['process FindingRecorded', 'POST /v1/complaints/:id/finding']));
  });

  it('keeps the trace context in the events’ metadata only: the feed event and the Merkle leaf are the same without it', async () => {
    const events: RecordedEvent[] = await ledger.store.readStream(`complaint-${complaintId}`);
    const finding = events.find((event) => event.type === 'FindingRecorded')!;
    expect(finding.metadata.traceparent).toMatch(new RegExp(`^00-${callerTraceId}-[\\da-f]{16}-01$`));
    const { traceparent: _dropped, ...untraced } = finding.metadata;
    expect(toCloudEvent(finding)).toEqual(toCloudEvent({ ...finding, metadata: untraced }));
    expect(toCloudEvent(finding)).not.toHaveProperty('traceparent');
    expect(leafBytes(toCloudEvent(finding))).toEqual(leafBytes(toCloudEvent({ ...finding, metadata: untraced })));
  });
});
