/** The four commands. Each returns its exit code; input problems are thrown as InputError/UsageError. */
import { readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';
import { formatProblem, InputError, UsageError } from '../core/errors.ts';
import type { RunRecord } from '../core/run-record.ts';
import { exitCodeFor } from '../core/verdict.ts';
import { verdictKinds } from '../core/run-record.ts';
import { REFERENCE_TARGETS_DIR, REPO_ROOT } from '../paths.ts';
import { TestPki } from '../pki/test-pki.ts';
import { ConsoleReporter } from '../report/console-reporter.ts';
import { JUnitReporter } from '../report/junit-reporter.ts';
import { ReporterMultiplexer } from '../report/multiplexer.ts';
import { SummaryReporter } from '../report/summary-reporter.ts';
import { runSuitesAgainstTarget } from '../run/run-target.ts';
import { loadAllSuites, type Suite } from '../suite/load-suite.ts';
import { loadTarget, type LoadedTarget } from '../suite/load-target.ts';
import { validateFiles } from '../suite/validate-file.ts';
import type { TargetSpec } from '../core/target.ts';
import { InterruptGuard } from './interrupt.ts';
import type { Command } from './parse-args.ts';
import { targetFromFile, targetFromFlags } from './resolve-target.ts';
import { newRunId } from './run-id.ts';
import { renderDemoTable, renderExposureTable } from './demo-table.ts';

const out = (s: string) => process.stdout.write(s + '\n');
const err = (s: string) => process.stderr.write(s + '\n');

export function listCommand(json: boolean): number {
  const suites = loadAllSuites();
  if (json) {
    out(JSON.stringify(suites.map((s) => ({ id: s.id, profile: s.profile, checks: s.checks.map((c) => ({ id: c.id, title: c.title, ...c.requirement })) })), null, 2));
    return 0;
  }
  for (const s of suites) {
    out(`${s.id}  ${s.profile.section} ${s.profile.name} (${s.profile.status}, edition ${s.profile.edition})`);
    for (const c of s.checks) out(`  ${c.id.padEnd(40)} ${c.requirement.level.padEnd(6)} ${c.requirement.catalogueId.padEnd(9)} ${c.requirement.ref}`);
  }
  return 0;
}

export function validateCommand(files: string[]): number {
  const { problems, valid } = validateFiles(files);
  for (const f of valid) out(`ok  ${f}`);
  if (problems.length > 0) throw new InputError(problems);
  return 0;
}

export function selectSuites(ids: string[] | undefined): Suite[] {
  const all = loadAllSuites();
  if (!ids) return all;
  const unknown = ids.filter((id) => !all.some((s) => s.id === id));
  if (unknown.length > 0) throw new UsageError(`unknown suite ${unknown.map((u) => `"${u}"`).join(', ')}; known: ${all.map((s) => s.id).join(', ')}`);
  return all.filter((s) => ids.includes(s.id));
}

function reportersFor(dir: string) {
  return new ReporterMultiplexer([new ConsoleReporter(process.stderr), new JUnitReporter(join(dir, 'junit.xml')), new SummaryReporter(dir)], {
    onReporterError: (e) => err(`part15: a reporter failed (${e.reporter}): ${(e.error as Error)?.message ?? String(e.error)}`),
  });
}

export async function runCommand(cmd: Extract<Command, { name: 'run' }>): Promise<number> {
  const suites = selectSuites(cmd.suites);
  const runId = newRunId();
  const reportDir = resolve(cmd.reportDir ?? join(REPO_ROOT, 'reports', runId));
  const guard = new InterruptGuard(runId);
  guard.install();
  const target: TargetSpec = cmd.targetFile ? await targetFromFile(cmd.targetFile, runId, reportDir) : await targetFromFlags(cmd, runId);
  const run = await runSuitesAgainstTarget({
    runId,
    suites,
    target,
    reportDir,
    limits: {
      ...(cmd.maxConnections ? { maxConnections: cmd.maxConnections } : {}),
      ...(cmd.probeTimeoutMs ? { probeTimeoutMs: cmd.probeTimeoutMs } : {}),
      ...(cmd.includeSlow ? { includeSlow: true } : {}),
      ...(cmd.showValues ? { showValues: true } : {}),
    },
    reporter: reportersFor(reportDir),
    signal: guard.controller.signal,
    onTargetStarted: (t) => guard.track(t),
  });
  err(`reports: ${reportDir}`);
  return exitCodeFor(verdictKinds(run));
}

/** Every suite against every bundled reference node; the negative controls are expected to fail. */
export async function demoCommand(reportDirArg: string | undefined): Promise<number> {
  const runId = newRunId();
  const reportRoot = resolve(reportDirArg ?? join(REPO_ROOT, 'reports', runId));
  mkdirSync(reportRoot, { recursive: true });
  ensureContainerEngine();
  const suites = loadAllSuites();
  const files = readdirSync(REFERENCE_TARGETS_DIR)
    .filter((f) => f.endsWith('.target.yaml'))
    .sort()
    .map((f) => loadTarget(join(REFERENCE_TARGETS_DIR, f)))
    .filter((t): t is LoadedTarget => t.kind === 'container');
  const guard = new InterruptGuard(runId);
  guard.install();
  const pki = await TestPki.create({ runTag: runId });
  const runs: RunRecord[] = [];
  for (const file of files) {
    const dir = join(reportRoot, file.name);
    const target = await targetFromFile(file, runId, dir, pki);
    const run = await runSuitesAgainstTarget({
      runId,
      suites,
      target,
      reportDir: dir,
      reporter: reportersFor(dir),
      signal: guard.controller.signal,
      onTargetStarted: (t) => guard.track(t),
    });
    runs.push(run);
  }
  const exposure = renderExposureTable(runs);
  const table = renderDemoTable(runs, files) + (exposure ? `\n\nExposure (who answers strangers; ✔ = door closed, ✘ = open):\n\n${exposure}` : '');
  writeFileSync(join(reportRoot, 'demo.md'), table + '\n');
  out(table);
  err(`reports: ${reportRoot}`);
  const couldNotRun = runs.filter((r) => r.targetError || verdictKinds(r).includes('error'));
  for (const r of couldNotRun) err(`part15: ${r.target.name} could not be judged completely${r.targetError ? `: ${r.targetError.split('\n')[0]}` : ' (a check ended in error)'}`);
  return couldNotRun.length > 0 ? 2 : 0;
}

/** The demo installs and starts Docker on a fresh Debian machine (as root), and says so. */
function ensureContainerEngine(): void {
  err('part15: making sure a Docker engine and the debian:bookworm-slim base image are here (harness/engine/ensure-host.sh engine)…');
  try {
    execFileSync('bash', [join(REPO_ROOT, 'harness/engine/ensure-host.sh'), 'engine'], { stdio: ['ignore', 'inherit', 'inherit'] });
  } catch {
    throw new UsageError('no container engine: harness/engine/ensure-host.sh could not provide one (see its message above)');
  }
}

export function printInputError(e: InputError): void {
  err(`part15: invalid input (${e.problems.length} problem${e.problems.length === 1 ? '' : 's'}):`);
  for (const p of e.problems) err(`  ${formatProblem(p)}`);
}
