import { describe, expect, it } from 'vitest';
import { isTracingOn } from '@ledger/eventstore';
import { startTracing } from './tracing.ts';

// Issue 14.3: tracing is off unless the standard OTEL_* variables ask for it.
describe('startTracing', () => {
  it.each([
    ['no OTEL_* variable', {}],
    ['OTEL_TRACES_EXPORTER=none with an endpoint', { OTEL_TRACES_EXPORTER: 'none', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318' }],
    ['OTEL_SDK_DISABLED=true', { OTEL_SDK_DISABLED: 'true', OTEL_TRACES_EXPORTER: 'otlp' }],
  ])('stays off with %s', (_name, env) => {
    expect(startTracing({ serviceName: 'off', env })).toBeUndefined();
    expect(isTracingOn()).toBe(false);
  });

  it.each([
    ['an OTLP endpoint', { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318' }],
    ['an OTLP traces endpoint', { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://127.0.0.1:4318/v1/traces' }],
    ['OTEL_TRACES_EXPORTER=console', { OTEL_TRACES_EXPORTER: 'console', OTEL_TRACES_SAMPLER: 'always_off' }],
  ])('turns on with %s, and off again at shutdown', async (_name, env) => {
    const tracing = startTracing({ serviceName: 'on', env });
    expect(tracing).toBeDefined();
    expect(isTracingOn()).toBe(true);
    await tracing!.shutdown();
    expect(isTracingOn()).toBe(false);
  });
});
