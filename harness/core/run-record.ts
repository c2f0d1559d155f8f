/**
 * What a run produced: the verdict store's contents. Every report (console, JUnit, summary JSON and
 * Markdown, mochawesome context) is written from these records, never from mocha's pass/fail/pending.
 */
import type { Evidence } from './evidence.ts';
import type { Verdict, VerdictKind } from './verdict.ts';

export type RequirementLevel = 'shall' | 'should' | 'may';

export interface CheckRequirement {
  level: RequirementLevel;
  ref: string;
  catalogueId: string;
}

/**
 * judged         — a verdict was reached (pass, fail, inconclusive or error).
 * not-applicable — the target declares no endpoint/role the check needs. Not a verdict; never a pass.
 * disabled       — turned off in the suite file with `skip:` (reason shown). Not a verdict.
 */
export type CheckStatus = 'judged' | 'not-applicable' | 'disabled';

export interface CheckRecord {
  suiteId: string;
  checkId: string;
  title: string;
  requirement: CheckRequirement;
  /** What closes the door when the check fails (the suite's `remedy:`). */
  remedy?: string;
  status: CheckStatus;
  /** Present exactly when status is 'judged'. */
  verdict?: Verdict;
  /** Why the check was not applicable or disabled. */
  statusReason?: string;
  evidence: Evidence[];
  startedAt: string;
  durationMs: number;
}

/**
 * conformant     — every applicable `shall` check passed (failed `should`/`may` checks are findings, listed apart).
 * not-conformant — a `shall` check failed, or no `shall` check could be applied to this target at all.
 * incomplete     — no `shall` check failed, but at least one is inconclusive or in error: not established.
 */
export type SuiteOutcome = 'conformant' | 'not-conformant' | 'incomplete';

export interface SuiteRecord {
  id: string;
  profile: { name: string; section: string; edition: string; status: 'current' | 'retired' };
  sourceFile: string;
  outcome: SuiteOutcome;
  outcomeReason: string;
  checks: CheckRecord[];
}

export interface TargetInfo {
  name: string;
  description: string;
  kind: 'container' | 'external';
  endpoints: Record<string, { host: string; port: number; calledAeTitle?: string }>;
}

/** Printed wherever --show-values evidence can end up (summary, console). */
export const VALUES_SHOWN_WARNING =
  'Run with --show-values (lab use only): the evidence of query checks holds the values the node returned. On a node with real patients this report contains patient data: handle it as such.';

export interface RunRecord {
  tool: { name: 'part15'; version: string };
  runId: string;
  target: TargetInfo;
  startedAt: string;
  durationMs: number;
  /** Set when the target could not be started or reached: every check then carries an error verdict. */
  targetError?: string;
  /** --show-values was given: query evidence holds returned values (lab use only). */
  valuesShown?: true;
  suites: SuiteRecord[];
}

export function suiteOutcome(checks: readonly CheckRecord[]): { outcome: SuiteOutcome; reason: string } {
  const shall = checks.filter((c) => c.requirement.level === 'shall' && c.status === 'judged');
  const kindsOf = (list: readonly CheckRecord[]) => list.map((c) => c.verdict!.kind);
  const count = (k: VerdictKind) => kindsOf(shall).filter((x) => x === k).length;
  if (count('fail') > 0) return { outcome: 'not-conformant', reason: `${count('fail')} shall check(s) failed` };
  if (shall.length === 0) return { outcome: 'not-conformant', reason: 'no shall check applies to this target' };
  const open = count('inconclusive') + count('error');
  if (open > 0) return { outcome: 'incomplete', reason: `${open} shall check(s) inconclusive or in error` };
  const findings = checks.filter((c) => c.status === 'judged' && c.requirement.level !== 'shall' && c.verdict!.kind === 'fail').length;
  return { outcome: 'conformant', reason: findings > 0 ? `all shall checks passed; ${findings} should/may finding(s)` : 'all shall checks passed' };
}

/** All verdicts of a run, in order, for the exit code. */
export function verdictKinds(run: RunRecord): VerdictKind[] {
  return run.suites.flatMap((s) => s.checks.flatMap((c) => (c.verdict ? [c.verdict.kind] : [])));
}

/** Reporters are optional hooks (Playwright style); a reporter that throws never stops the run. */
export interface ConformanceReporter {
  onRunBegin?(info: { runId: string; target: TargetInfo; suites: Array<{ id: string; checkCount: number }> }): void;
  onCheckEnd?(record: CheckRecord): void;
  onRunEnd?(run: RunRecord): void | Promise<void>;
}
