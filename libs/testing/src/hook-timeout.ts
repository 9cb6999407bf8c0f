// A hook's own timeout, told to reporters. Vitest gives a reporter a test's own timeout (TaskOptions.timeout) but
// never a hook's: `beforeAll(fn, ms)` keeps `ms` in the worker, and the hook events it sends carry no data. A suite's
// meta does reach reporters, with every update of the suite: the hook states its timeout there.

const metaKey = 'beforeAllTimeoutMs';

/**
 * The arguments of `beforeAll(fn, timeoutMs)` with the timeout stated in the suite's meta, so that the timeout-margin
 * reporter measures the hook against it rather than the project's default: `beforeAll(...withinTimeout(ms, fn))`.
 * The meta is the suite's, so it covers every `beforeAll` of that suite (the reporter sees them as one span).
 */
export function withinTimeout(timeoutMs: number, fn: () => Promise<void>): [(fixtures: object, suite: { readonly meta: object }) => Promise<void>, number] {
  // Vitest parses a hook's first parameter for the fixtures it uses: an object pattern, here none.
  // oxlint-disable-next-line no-empty-pattern
  const hook = async ({}: object, suite: { readonly meta: object }) => {
    (suite.meta as Record<string, unknown>)[metaKey] = timeoutMs;
    await fn();
  };
  return [hook, timeoutMs];
}

/** The timeout a suite's `beforeAll` hooks stated (withinTimeout), if they did. */
export function statedBeforeAllTimeout(meta: object): number | undefined {
  const value = (meta as Record<string, unknown>)[metaKey];
  return typeof value === 'number' && value > 0 ? value : undefined;
}
