// The port and what runs on it; adapters are subpaths of their own (`@ledger/eventstore/sql`, `/esdb`), so that
// code which only decides and appends never loads a driver.
export * from './port.ts';
export { pollingSubscription, appendSignal, type Wakeable } from './polling-subscription.ts';
export * from './command-handler.ts';
export { deterministicId } from './deterministic-ids.ts';
export { type SpanOptions, type TraceCarrier, activeTraceCarrier, carrierOfContext, contextOfCarrier, inSpan, isTracingOn, ledgerTracer, linkOfCarrier, setTracingOn, tracedStore } from './tracing.ts';
export { streamStateCache, type StreamStateCache } from './stream-state-cache.ts';
export { runWithFreshnessSince, streamChangeProbe, type StreamChangeProbe, type StreamChanges } from './stream-change-probe.ts';
