/**
 * One vocabulary for "what a check came to", shared by every reporter so the console, JUnit and
 * summary never disagree: the verdict word when the check was judged, otherwise its status.
 */
import type { CheckRecord, RunRecord } from '../core/run-record.ts';
import { exitCodeFor, type Verdict, type VerdictKind } from '../core/verdict.ts';

export type CheckResultLabel = VerdictKind | 'not-applicable' | 'disabled';

/**
 * The verdict of a judged check. A judged record without a verdict breaks the RunRecord contract;
 * reporting it as a harness error keeps it visible (and non-zero in the exit code) instead of
 * crashing every report or silently counting nothing.
 */
export function verdictOf(check: CheckRecord): Verdict | undefined {
  if (check.status !== 'judged') return undefined;
  return (
    check.verdict ?? {
      kind: 'error',
      reason: 'bug-in-harness',
      summary: 'the check is recorded as judged but carries no verdict',
    }
  );
}

export function resultLabel(check: CheckRecord): CheckResultLabel {
  return verdictOf(check)?.kind ?? (check.status === 'disabled' ? 'disabled' : 'not-applicable');
}

/** The verdict's reason code, or why the check was not applicable / disabled. */
export function reasonOf(check: CheckRecord): string {
  return verdictOf(check)?.reason ?? check.statusReason ?? '';
}

export interface CheckTotals {
  pass: number;
  fail: number;
  inconclusive: number;
  error: number;
  notApplicable: number;
  disabled: number;
}

export function tally(checks: readonly CheckRecord[]): CheckTotals {
  const totals: CheckTotals = { pass: 0, fail: 0, inconclusive: 0, error: 0, notApplicable: 0, disabled: 0 };
  for (const check of checks) {
    const label = resultLabel(check);
    if (label === 'not-applicable') totals.notApplicable++;
    else totals[label]++;
  }
  return totals;
}

export function allChecks(run: RunRecord): CheckRecord[] {
  return run.suites.flatMap((s) => s.checks);
}

/** The run's exit code (bitmask, core/verdict.ts) over the judged verdicts. */
export function runExitCode(run: RunRecord): number {
  return exitCodeFor(allChecks(run).flatMap((c) => verdictOf(c)?.kind ?? []));
}

/** Failed should/may checks: reported as findings, never as non-conformance. */
export function isFinding(check: CheckRecord): boolean {
  return check.requirement.level !== 'shall' && verdictOf(check)?.kind === 'fail';
}
