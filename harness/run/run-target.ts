/**
 * One run: the selected suites against one target, as a mocha run with mochawesome, then the
 * verdict store's record to the conformance reporters (JUnit, summary, console).
 */
import { mkdirSync } from 'node:fs';
import Mocha from 'mocha';
import Mochawesome from 'mochawesome';
import type { ConformanceReporter, RunRecord, TargetInfo } from '../core/run-record.ts';
import type { RunningTarget, TargetEndpoints, TargetSpec } from '../core/target.ts';
import type { Suite } from '../suite/load-suite.ts';
import { PART15_VERSION } from '../version.ts';
import { registerSuites } from './register-suites.ts';
import type { RunLimits } from './run-check.ts';
import { VerdictStore } from './verdict-store.ts';

export interface RunOptions {
  runId: string;
  suites: readonly Suite[];
  target: TargetSpec;
  reportDir: string;
  reporter: ConformanceReporter;
  signal: AbortSignal;
  /** Command-line limits that override the target's own. */
  limits?: RunLimits;
  /** Called with the target once it runs, so an interrupted process can still stop it. */
  onTargetStarted?: (t: RunningTarget) => void;
}

export async function runSuitesAgainstTarget(opts: RunOptions): Promise<RunRecord> {
  mkdirSync(opts.reportDir, { recursive: true });
  const startedAt = new Date();
  const store = new VerdictStore(opts.suites, opts.reporter);
  const mocha = new Mocha({
    reporter: Mochawesome as unknown as string,
    reporterOptions: {
      reportDir: opts.reportDir,
      reportFilename: 'mochawesome',
      reportTitle: `part15 — ${opts.target.name}`,
      reportPageTitle: `part15 ${opts.target.name}`,
      json: true,
      html: true,
      inline: true,
      charts: false,
      code: false,
      quiet: true,
      consoleReporter: 'none',
      showPending: true,
    },
    timeout: 0,
    retries: 0,
  });
  let running: RunningTarget | undefined;
  registerSuites(mocha.suite, opts.suites, opts.target, store, opts.signal, opts.limits ?? {}, (t) => {
    running = t;
    opts.onTargetStarted?.(t);
  });
  opts.reporter.onRunBegin?.({
    runId: opts.runId,
    target: targetInfo(opts.target, opts.target.declaredEndpoints),
    suites: opts.suites.map((s) => ({ id: s.id, checkCount: s.checks.length })),
  });
  await new Promise<void>((resolve) => mocha.run(() => resolve()));
  mocha.dispose();
  const run = store.toRunRecord({
    runId: opts.runId,
    target: targetInfo(opts.target, running?.endpoints ?? opts.target.declaredEndpoints),
    startedAt,
    version: PART15_VERSION,
    ...(opts.limits?.showValues ? { valuesShown: true as const } : {}),
  });
  await opts.reporter.onRunEnd?.(run);
  return run;
}

function targetInfo(spec: TargetSpec, endpoints: TargetEndpoints): TargetInfo {
  const out: TargetInfo['endpoints'] = {};
  for (const [name, e] of Object.entries(endpoints) as Array<[string, { host: string; port: number; calledAeTitle?: string } | undefined]>) {
    if (e) out[name] = { host: e.host, port: e.port, ...(e.calledAeTitle ? { calledAeTitle: e.calledAeTitle } : {}) };
  }
  return { name: spec.name, description: spec.description, kind: spec.kind, endpoints: out };
}
