import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { context, propagation, trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { detectResources, envDetector, resourceFromAttributes } from '@opentelemetry/resources';
import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  BatchSpanProcessor,
  ConsoleSpanExporter,
  ParentBasedSampler,
  type Sampler,
  SimpleSpanProcessor,
  type SpanExporter,
  type SpanProcessor,
  TraceIdRatioBasedSampler,
  TracerProvider,
} from '@opentelemetry/sdk-trace';
import { setTracingOn } from '@ledger/eventstore';
import { instrumentPostgres } from '@ledger/sql';

export interface Tracing {
  /** Sends what is still buffered and stops recording (the process's stop). */
  shutdown(): Promise<void>;
}

export interface TracingOptions {
  /** `service.name` unless OTEL_SERVICE_NAME (or OTEL_RESOURCE_ATTRIBUTES) names it. */
  serviceName: string;
  env?: NodeJS.ProcessEnv;
  /** Where spans go instead of what the variables say, each as it ends (tests: an in-memory exporter). */
  exporter?: SpanExporter;
}

/**
 * Starts OpenTelemetry tracing (issue 14.3) when the standard variables ask for it, and answers undefined (tracing
 * off, nothing registered, nothing wrapped) otherwise: OTEL_TRACES_EXPORTER `otlp` or `console`, or an OTLP endpoint
 * (OTEL_EXPORTER_OTLP_ENDPOINT, OTEL_EXPORTER_OTLP_TRACES_ENDPOINT); OTEL_SDK_DISABLED=true or
 * OTEL_TRACES_EXPORTER=none keeps it off. The OTLP exporter (HTTP, JSON) reads its own OTEL_EXPORTER_OTLP_* variables
 * (endpoint, headers, timeout); OTEL_TRACES_SAMPLER and OTEL_TRACES_SAMPLER_ARG choose the sampler. The trace context
 * crosses processes as W3C `traceparent`: HTTP headers, event metadata, the CloudEvents extension on Kafka.
 */
export function startTracing(options: TracingOptions): Tracing | undefined {
  const env = options.env ?? process.env;
  const exporters = (env.OTEL_TRACES_EXPORTER ?? '').split(',').map((name) => name.trim()).filter(Boolean);
  const endpoint = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? env.OTEL_EXPORTER_OTLP_ENDPOINT;
  if (!options.exporter && (env.OTEL_SDK_DISABLED === 'true' || exporters.includes('none') || (exporters.length === 0 && !endpoint))) return undefined;
  const processors: SpanProcessor[] = options.exporter
    ? [new SimpleSpanProcessor({ exporter: options.exporter })]
    : [
        ...(exporters.length === 0 || exporters.includes('otlp') ? [new BatchSpanProcessor({ exporter: new OTLPTraceExporter(), ...batchOptionsOf(env) })] : []),
        ...(exporters.includes('console') ? [new SimpleSpanProcessor({ exporter: new ConsoleSpanExporter() })] : []),
      ];
  const resource = resourceFromAttributes({ 'service.name': options.serviceName }).merge(detectResources({ detectors: [envDetector] }));
  const provider = new TracerProvider({ resource, sampler: samplerOf(env), spanProcessors: processors });
  const contextManager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(contextManager);
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(provider);
  // PostgreSQL queries inside a traced span become its children. Kafka's client is not instrumented: the relay's
  // `send <topic>` and the consumers' `process …` spans are the messaging spans (docs/operations.md says why).
  const uninstrumentPostgres = instrumentPostgres(provider);
  setTracingOn(true);
  return {
    async shutdown() {
      setTracingOn(false);
      uninstrumentPostgres();
      await provider.shutdown();
      // Unregistered, so that a later start in the same process (tests) can register again.
      trace.disable();
      propagation.disable();
      context.disable();
    },
  };
}

/** OTEL_BSP_* as the specification names them (this SDK's batch processor no longer reads them itself). */
function batchOptionsOf(env: NodeJS.ProcessEnv) {
  const number = (name: string) => {
    const value = Number(env[name]);
    return env[name] !== undefined && Number.isFinite(value) && value >= 0 ? value : undefined;
  };
  const options = {
    scheduledDelayMillis: number('OTEL_BSP_SCHEDULE_DELAY'),
    exportTimeoutMillis: number('OTEL_BSP_EXPORT_TIMEOUT'),
    maxQueueSize: number('OTEL_BSP_MAX_QUEUE_SIZE'),
    maxExportBatchSize: number('OTEL_BSP_MAX_EXPORT_BATCH_SIZE'),
  };
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
}

/** OTEL_TRACES_SAMPLER as the specification names them (default: parentbased_always_on). */
function samplerOf(env: NodeJS.ProcessEnv): Sampler {
  const ratio = Number(env.OTEL_TRACES_SAMPLER_ARG ?? '1');
  const ratioSampler = () => new TraceIdRatioBasedSampler(Number.isFinite(ratio) ? ratio : 1);
  switch (env.OTEL_TRACES_SAMPLER) {
    case 'always_on':
      return new AlwaysOnSampler();
    case 'always_off':
      return new AlwaysOffSampler();
    case 'traceidratio':
      return ratioSampler();
    case 'parentbased_always_off':
      return new ParentBasedSampler({ root: new AlwaysOffSampler() });
    case 'parentbased_traceidratio':
      return new ParentBasedSampler({ root: ratioSampler() });
    default:
      return new ParentBasedSampler({ root: new AlwaysOnSampler() });
  }
}
