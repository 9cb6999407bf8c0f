import { statedBeforeAllTimeout } from '@ledger/testing/hook-timeout';
import type { Reporter, ReportedHookContext, TestCase, TestModule, TestSuite } from 'vitest/node';

/** A test or hook that took more than this share of its timeout is printed: it is nearing the share that fails. */
export const reportedShare = 0.35;
/**
 * A test that took more than this share of its timeout fails the run even though it passed: its margin is gone.
 * Issue 9: no test above half of its timeout, so that twice the load it met still passes.
 */
export const failingShare = 0.5;

export interface Duration {
  /** What ran: `file > suite > test` or `file > suite > beforeAll`. */
  label: string;
  durationMs: number;
  timeoutMs: number;
  /**
   * Hooks are reported, never failed: a reporter knows a hook's own timeout (`beforeAll(fn, ms)`) only when the hook
   * states it (`withinTimeout`, @ledger/testing/hook-timeout), else it measures against the project's default.
   */
  kind: 'test' | 'hook';
  /** For a hook: whether `timeoutMs` is its own (stated) or the project's default hook timeout. */
  ownTimeout?: boolean;
}

export type Verdict = 'ok' | 'reported' | 'failed';

/** Pure: how a duration stands against its timeout. */
export function verdictOf({ durationMs, timeoutMs, kind }: Duration): Verdict {
  if (!(timeoutMs > 0)) return 'ok';
  const share = durationMs / timeoutMs;
  if (kind === 'test' && share > failingShare) return 'failed';
  return share > reportedShare ? 'reported' : 'ok';
}

export function describeDuration(duration: Duration, verdict: Verdict): string {
  const share = Math.round((duration.durationMs / duration.timeoutMs) * 100);
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const mark = verdict === 'failed' ? 'FAIL' : 'slow';
  const timeout =
    duration.kind === 'hook' && !duration.ownTimeout ? `the ${seconds(duration.timeoutMs)} default hook timeout` : `its ${seconds(duration.timeoutMs)} timeout`;
  return `${mark} ${duration.label}: ${seconds(duration.durationMs)} of ${timeout} (${share} %)`;
}

const labelOf = (entity: TestCase | TestSuite | TestModule, hook?: string) =>
  entity.type === 'module' ? [entity.relativeModuleId, hook].filter(Boolean).join(' > ') : [entity.module.relativeModuleId, entity.fullName, hook].filter(Boolean).join(' > ');

/**
 * Prints every test and hook that used more than 35 % of its timeout, and fails the run when a test used more
 * than half of it: CI runs on a machine other jobs share, so a test must pass with a wide margin, not just pass.
 */
export default class TimeoutMarginReporter implements Reporter {
  private readonly hookStarts = new Map<string, number>();
  private readonly findings: Array<{ duration: Duration; verdict: Verdict }> = [];

  onTestCaseResult(testCase: TestCase): void {
    const diagnostic = testCase.diagnostic();
    if (!diagnostic || testCase.result().state !== 'passed') return;
    const timeoutMs = testCase.options.timeout ?? testCase.project.config.testTimeout;
    this.record({ label: labelOf(testCase), durationMs: diagnostic.duration, timeoutMs, kind: 'test' });
  }

  onHookStart(hook: ReportedHookContext): void {
    this.hookStarts.set(this.hookKey(hook), performance.now());
  }

  onHookEnd(hook: ReportedHookContext): void {
    const started = this.hookStarts.get(this.hookKey(hook));
    if (started === undefined) return;
    this.hookStarts.delete(this.hookKey(hook));
    // Only beforeAll states its own (withinTimeout); the others run under the project's default.
    const stated = hook.name === 'beforeAll' ? statedBeforeAllTimeout(hook.entity.meta()) : undefined;
    const timeoutMs = stated ?? hook.entity.project.config.hookTimeout;
    this.record({ label: labelOf(hook.entity, hook.name), durationMs: performance.now() - started, timeoutMs, kind: 'hook', ownTimeout: stated !== undefined });
  }

  onTestRunEnd(): void {
    if (this.findings.length === 0) return;
    const lines = this.findings.toSorted((a, b) => b.duration.durationMs / b.duration.timeoutMs - a.duration.durationMs / a.duration.timeoutMs);
    console.log(`\nTests and hooks above ${reportedShare * 100} % of their timeout (a test above ${failingShare * 100} % fails the run):`);
    for (const { duration, verdict } of lines) console.log(`  ${describeDuration(duration, verdict)}`);
    if (lines.some(({ verdict }) => verdict === 'failed')) {
      console.log(`\nA test passed with under ${Math.round((1 - failingShare) * 100)} % of its timeout to spare: make it lighter, or give it a timeout proportionate to its work.`);
      process.exitCode = 1;
    }
  }

  private record(duration: Duration): void {
    const verdict = verdictOf(duration);
    if (verdict !== 'ok') this.findings.push({ duration, verdict });
  }

  private hookKey(hook: ReportedHookContext): string {
    return `${hook.entity.id}:${hook.name}`;
  }
}
