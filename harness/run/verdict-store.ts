/**
 * The one source of truth for a run's results. Every report reads it (through ConformanceReporter
 * hooks); mocha's own pass/fail/pending states are only a view of it.
 */
import type { CheckRecord, ConformanceReporter, RunRecord, SuiteRecord, TargetInfo } from '../core/run-record.ts';
import { suiteOutcome } from '../core/run-record.ts';
import type { Suite } from '../suite/load-suite.ts';

export class VerdictStore {
  private readonly records = new Map<string, CheckRecord>();
  targetError: string | undefined;

  constructor(
    private readonly suites: readonly Suite[],
    private readonly reporter: ConformanceReporter,
  ) {}

  record(r: CheckRecord): void {
    const key = `${r.suiteId}/${r.checkId}`;
    if (this.records.has(key)) throw new Error(`check ${key} recorded twice`);
    this.records.set(key, r);
    this.reporter.onCheckEnd?.(r);
  }

  get(suiteId: string, checkId: string): CheckRecord | undefined {
    return this.records.get(`${suiteId}/${checkId}`);
  }

  /** The run as a whole; a check that never got a record is a harness bug and is reported as one. */
  toRunRecord(base: { runId: string; target: TargetInfo; startedAt: Date; version: string; valuesShown?: true }): RunRecord {
    const suites: SuiteRecord[] = this.suites.map((suite) => {
      const checks = suite.checks.map(
        (c) =>
          this.get(suite.id, c.id) ?? {
            suiteId: suite.id,
            checkId: c.id,
            title: c.title,
            requirement: { ...c.requirement },
            status: 'judged' as const,
            verdict: { kind: 'error' as const, reason: 'bug-in-harness' as const, summary: 'the check never ran to a verdict' },
            evidence: [],
            startedAt: base.startedAt.toISOString(),
            durationMs: 0,
          },
      );
      const { outcome, reason } = suiteOutcome(checks);
      return {
        id: suite.id,
        profile: { name: suite.profile.name, section: suite.profile.section, edition: suite.profile.edition, status: suite.profile.status },
        sourceFile: suite.sourceFile,
        outcome,
        outcomeReason: reason,
        checks,
      };
    });
    return {
      tool: { name: 'part15', version: base.version },
      runId: base.runId,
      target: base.target,
      startedAt: base.startedAt.toISOString(),
      durationMs: Date.now() - base.startedAt.getTime(),
      ...(this.targetError ? { targetError: this.targetError } : {}),
      ...(base.valuesShown ? { valuesShown: true as const } : {}),
      suites,
    };
  }
}
