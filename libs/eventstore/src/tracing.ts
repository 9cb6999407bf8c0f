import { type Attributes, type Context, type Link, ROOT_CONTEXT, type Span, type SpanKind, SpanStatusCode, context, propagation, trace } from '@opentelemetry/api';
import type { EventMetadata } from '@ledger/events';
import type { EventStore } from './port.ts';

/**
 * Traces (issue 14.3) through the OpenTelemetry API alone: without a registered SDK every call here is a no-op,
 * and the process's wiring registers one only when OTEL_* variables ask for it (`startTracing` in @ledger/platform).
 * The trace context travels with the events in their metadata (W3C `traceparent`), so whatever an event causes,
 * in this process or another, joins the trace of the request that appended it.
 */
export const ledgerTracer = () => trace.getTracer('accountability-ledger');

/** The W3C trace context as the metadata of an event and the CloudEvents distributed-tracing extension carry it. */
export type TraceCarrier = Pick<EventMetadata, 'traceparent' | 'tracestate'>;

let tracingOn = false;

/** Whether spans are recorded in this process: set by whoever registers the SDK; off, nothing is wrapped. */
export const isTracingOn = (): boolean => tracingOn;
export const setTracingOn = (on: boolean): void => {
  tracingOn = on;
};

/** The active span's context as W3C fields (none when no span records). */
export const activeTraceCarrier = (): TraceCarrier => carrierOfContext(context.active());

/** A span's context (or the one a context holds) as W3C fields. */
export function carrierOfContext(of: Context | Span): TraceCarrier {
  const carrier: Record<string, string> = {};
  propagation.inject('spanContext' in of ? trace.setSpan(ROOT_CONTEXT, of) : of, carrier);
  return { ...(carrier.traceparent ? { traceparent: carrier.traceparent } : {}), ...(carrier.tracestate ? { tracestate: carrier.tracestate } : {}) };
}

/** The context whose parent is the span a carrier names (the root context when it names none). */
export function contextOfCarrier(carrier: TraceCarrier | undefined): Context {
  return carrier?.traceparent ? propagation.extract(ROOT_CONTEXT, carrier) : ROOT_CONTEXT;
}

/** The span context a carrier names, for a link (a batch handled for several traces). */
export function linkOfCarrier(carrier: TraceCarrier | undefined): Link | undefined {
  const spanContext = carrier?.traceparent ? trace.getSpanContext(contextOfCarrier(carrier)) : undefined;
  return spanContext ? { context: spanContext } : undefined;
}

export interface SpanOptions {
  kind?: SpanKind;
  attributes?: Attributes;
  /** The parent's context; by default the active one. */
  parent?: Context;
  links?: Link[];
}

/** Runs `work` in a new active span, ended when it settles; an error marks the span and goes on. */
export function inSpan<T>(name: string, options: SpanOptions, work: (span: Span) => Promise<T>): Promise<T> {
  const { parent, ...spanOptions } = options;
  return ledgerTracer().startActiveSpan(name, spanOptions, parent ?? context.active(), async (span) => {
    try {
      return await work(span);
    } catch (error) {
      span.recordException(error instanceof Error ? error : String(error));
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
      throw error;
    } finally {
      span.end();
    }
  });
}

/**
 * An event store whose appends are spans and stamp the span's context into each event's metadata (an event that
 * carries one already keeps it). Only the metadata: the data and the CloudEvent the Merkle log hashes stay as they are.
 */
export function tracedStore<Store extends EventStore>(store: Store): Store {
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property === 'append') {
        const append: EventStore['append'] = (streamId, events, expected) =>
          inSpan('ledger.append', { attributes: { 'ledger.stream_id': streamId, 'ledger.event_types': [...new Set(events.map((event) => event.type))] } }, async (span) => {
            const carrier = activeTraceCarrier();
            const result = await target.append(
              streamId,
              events.map((event) => (event.metadata?.traceparent || !carrier.traceparent ? event : { ...event, metadata: { ...event.metadata, ...carrier } })),
              expected,
            );
            span.setAttribute('ledger.already_stored', result.alreadyStored);
            return result;
          });
        return append;
      }
      const value = Reflect.get(target, property, receiver) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
