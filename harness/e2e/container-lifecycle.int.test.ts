/**
 * Containers are ours to clean up (no reaper without a registry): on a start that never becomes
 * ready, and on Ctrl-C in the middle of a run. Checks the containers themselves, through docker.
 */
import { expect } from 'chai';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../paths.ts';
import type { SummaryJson } from '../report/summary-reporter.ts';
import { requireDocker } from './testing/docker-available.ts';
import { runCli } from './testing/run-cli.ts';

/** Containers of one run (by its label), so other runs on the same engine cannot interfere. */
const containersOfRun = (runId: string) => execFileSync('docker', ['ps', '-aq', '--filter', `label=org.part15.run=${runId}`], { encoding: 'utf8' }).trim();
/** The console reporter's first line names the run: "part15: target X, N check(s) in M suite(s), run <id>". */
const runIdIn = (stderr: string) => /, run (\S+)/.exec(stderr)?.[1];

describe('container targets are always cleaned up', function () {
  this.timeout(120_000);
  let reports: string;
  before(function () {
    requireDocker(this);
    reports = mkdtempSync(join(tmpdir(), 'part15-lifecycle-'));
  });
  after(function () {
    if (reports) rmSync(reports, { recursive: true, force: true });
  });

  it('a target that never becomes ready: every check is error target-not-ready, exit 2, no container left', async function () {
    // Given a target whose readiness command always fails, with a 3 s start-up limit
    const res = await runCli(['run', '--target', 'fixtures/targets/broken/never-ready.target.yaml', '--report-dir', reports]);
    // Then the run reports an error for every check (never a pass, never a crash)
    const summary = JSON.parse(readFileSync(join(reports, 'summary.json'), 'utf8')) as SummaryJson;
    const checks = summary.suites.flatMap((s) => s.checks);
    expect(checks.length).to.be.greaterThan(0);
    for (const c of checks) {
      expect(c.verdict, c.id).to.equal('error');
      expect(c.reason, c.id).to.equal('target-not-ready');
    }
    expect(res.code).to.equal(2);
    expect(res.stderr).to.match(/did not become ready/);
    // And the container testcontainers left running after the failed wait is gone
    const runId = runIdIn(res.stderr);
    expect(runId, res.stderr).to.be.a('string');
    expect(containersOfRun(runId!)).to.equal('');
  });

  it('Ctrl-C during a run: exit 130 and no container left', async function () {
    // Given a run against a real node, interrupted once its container is up
    const child = spawn(process.execPath, [join(REPO_ROOT, 'bin/part15.js'), 'run', '--target', 'fixtures/targets/dcmtk-bcp195-nd.target.yaml', '--report-dir', join(reports, 'sigint')], {
      cwd: REPO_ROOT,
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    const deadline = Date.now() + 60_000;
    const runId = () => runIdIn(stderr);
    while ((runId() === undefined || containersOfRun(runId()!) === '') && Date.now() < deadline && child.exitCode === null) {
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(runId() && containersOfRun(runId()!), `no container appeared; stderr:\n${stderr}`).to.not.equal('');
    // When the user presses Ctrl-C
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    // Then part15 says what it does, exits 130, and the container is gone
    expect(code, stderr).to.equal(130);
    expect(stderr).to.match(/SIGINT: stopping targets/);
    expect(containersOfRun(runId()!)).to.equal('');
  });
});
