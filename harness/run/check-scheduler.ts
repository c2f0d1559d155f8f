/**
 * Runs the checks of a run with a bounded number at once (the target's maxConnections; each check
 * runs its steps one after another, so it holds at most one connection). mocha's `it` blocks await
 * their check's promise, so mocha reports in suite order while probes overlap.
 */
import type { CheckRecord } from '../core/run-record.ts';
import type { RunningTarget } from '../core/target.ts';
import type { Suite } from '../suite/load-suite.ts';
import type { Check } from '../suite/schema.ts';
import { runCheck, type RunLimits } from './run-check.ts';

export class CheckScheduler {
  private readonly pending = new Map<string, Promise<CheckRecord>>();

  constructor(
    private readonly suites: readonly Suite[],
    private readonly signal: AbortSignal,
    private readonly limits: RunLimits = {},
  ) {}

  start(target: RunningTarget): void {
    const queue: Array<{ suite: Suite; check: Check; resolve: (r: CheckRecord) => void }> = [];
    for (const suite of this.suites) {
      for (const check of suite.checks) {
        this.pending.set(`${suite.id}/${check.id}`, new Promise((resolve) => queue.push({ suite, check, resolve })));
      }
    }
    const worker = async () => {
      for (let job = queue.shift(); job; job = queue.shift()) {
        job.resolve(
          await runCheck(job.suite, job.check, target, {
            signal: this.signal,
            ...(this.limits.probeTimeoutMs ? { probeTimeoutMs: this.limits.probeTimeoutMs } : {}),
            ...(this.limits.includeSlow ? { includeSlow: true } : {}),
            ...(this.limits.showValues ? { showValues: true } : {}),
          }),
        );
      }
    };
    for (let i = 0; i < Math.max(1, this.limits.maxConnections ?? target.maxConnections); i++) void worker();
  }

  resultFor(suiteId: string, checkId: string): Promise<CheckRecord> {
    const p = this.pending.get(`${suiteId}/${checkId}`);
    if (!p) throw new Error(`check ${suiteId}/${checkId} was never scheduled`);
    return p;
  }
}
