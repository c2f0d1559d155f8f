/**
 * Benchmark (not a test): part15's TLS suites against DCMTK +py (dcmtk-bcp195-nd), already running,
 * and in the same run the third-party scanners against the same node: sslscan, nmap
 * ssl-enum-ciphers, `testssl.sh -p` (protocols) and, once (it takes minutes), testssl.sh default.
 * Prints medians of N runs and the ratio to part15.
 *   npm run bench            (N=3; BENCH_RUNS=5 for more; BENCH_TESTSSL_FULL=0 to skip the full testssl run)
 * Needs a Docker engine (harness/engine/ensure-host.sh); installs testssl.sh when root on Debian.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestPki, writeSecretFiles } from '../harness/pki/test-pki.ts';
import { loadTarget, type LoadedTarget } from '../harness/suite/load-target.ts';
import type { ContainerTargetFile } from '../harness/suite/schema.ts';
import { ContainerTarget } from '../harness/targets/container-target.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function timed(cmd: string, args: string[], timeoutMs = 300_000): { ms: number; code: number | null; out: string } {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: timeoutMs, env: { ...process.env, NO_COLOR: '1' }, input: '' });
  return { ms: performance.now() - t0, code: r.status, out: (r.stdout ?? '') + (r.stderr ?? '') };
}

function have(cmd: string): boolean {
  return spawnSync('bash', ['-c', `command -v ${cmd}`]).status === 0;
}

if (!have('testssl') && process.getuid?.() === 0) {
  execFileSync('bash', ['-c', 'apt-get install -y -qq --no-install-recommends testssl.sh >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq --no-install-recommends testssl.sh >/dev/null)']);
}

const pki = await TestPki.create({ runTag: 'bench' });
const client = pki.clientCertificate('valid') as { certPem: string; keyPem: string };
const files = await writeSecretFiles({ 'ca.crt': pki.caCertPem, 'client.crt': client.certPem, 'client.key': client.keyPem });
const file = loadTarget('fixtures/targets/dcmtk-bcp195-nd.target.yaml') as LoadedTarget & ContainerTargetFile;
const t0 = performance.now();
const target = await new ContainerTarget(file, { runId: 'bench', pki, logDir: files.dir }).start(new AbortController().signal);
const startMs = performance.now() - t0;
const port = target.endpoints.dimseTls!.port;
const reports = mkdtempSync(join(tmpdir(), 'part15-bench-'));

const PART15_RUNS: Array<[string, string]> = [
  ['B.12', 'b12-bcp195-rfc8996-9325'],
  ['B.12 + B.13 + node authentication', 'b12-bcp195-rfc8996-9325,b13-modified-bcp195-rfc8996-9325,node-authentication'],
];
const results: Record<string, number[]> = {};
const add = (name: string, ms: number) => (results[name] ??= []).push(ms);
const checksRun: Record<string, number> = {};
try {
  for (let i = 0; i < RUNS; i++) {
    for (const [label, suites] of PART15_RUNS) {
      const dir = join(reports, `${i}-${label.length}`);
      const p = timed(process.execPath, ['bin/part15.js', 'run', '--dimse-tls', `127.0.0.1:${port}`, '--called-ae', 'STORESCP', '--ca', files.paths['ca.crt']!,
        '--client-cert', files.paths['client.crt']!, '--client-key', files.paths['client.key']!, '--suite', suites, '--report-dir', dir]);
      if (p.code === null || (p.code & 2) !== 0 || p.code === 64) throw new Error(`part15 exited ${p.code}:\n${p.out}`);
      const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as { durationMs: number; suites: Array<{ checks: unknown[] }> };
      checksRun[label] = summary.suites.reduce((n, s) => n + s.checks.length, 0);
      add(`part15 ${label}: checks only (summary durationMs)`, summary.durationMs);
      add(`part15 ${label}: whole CLI (node start, PKI, reports)`, p.ms);
    }
    if (have('sslscan')) add('sslscan', timed('sslscan', ['--no-colour', `--certs=${files.paths['client.crt']}`, `--pk=${files.paths['client.key']}`, `127.0.0.1:${port}`]).ms);
    if (have('nmap')) add('nmap --script ssl-enum-ciphers', timed('nmap', ['-Pn', '-n', '-p', String(port), '--script', 'ssl-enum-ciphers', '127.0.0.1']).ms);
    if (have('testssl')) add('testssl.sh -p', timed('testssl', ['-p', '--quiet', '--color', '0', '--nodns', 'none', '--warnings', 'off', `127.0.0.1:${port}`]).ms);
  }
  if (have('testssl') && process.env.BENCH_TESTSSL_FULL !== '0') {
    add('testssl.sh (default, once)', timed('testssl', ['--quiet', '--color', '0', '--nodns', 'none', '--warnings', 'off', `127.0.0.1:${port}`], 600_000).ms);
  }
} finally {
  await target.stop();
  await files.dispose();
  rmSync(reports, { recursive: true, force: true });
}
console.log(`machine: ${(await import('node:os')).cpus().length} cores, node ${process.version}; runs: ${RUNS}; container start (storescp +py): ${startMs.toFixed(0)} ms`);
console.log(`checks per part15 run: ${Object.entries(checksRun).map(([k, v]) => `${k} ${v}`).join('; ')}`);
const base = median(results['part15 B.12 + B.13 + node authentication: checks only (summary durationMs)']!);
for (const [name, xs] of Object.entries(results)) {
  console.log(`${name.padEnd(62)} median ${median(xs).toFixed(0).padStart(7)} ms   (${xs.map((x) => x.toFixed(0)).join(', ')})   ×${(median(xs) / base).toFixed(1)} of part15 B.12+B.13+cert`);
}
