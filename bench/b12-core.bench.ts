/**
 * Benchmark (not a test): the B.12 core suite against DCMTK +py (dcmtk-bcp195-nd), and in the same
 * run sslscan and `testssl.sh -p` against the same node. Prints medians of N runs.
 *   npm run bench            (N=3; BENCH_RUNS=5 for more)
 * Needs a Docker engine (harness/engine/ensure-host.sh) and installs testssl.sh when root on Debian.
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

const results: Record<string, number[]> = { 'part15 CLI, B.12 core (15 checks)': [], 'part15 suite time (summary.json durationMs)': [], sslscan: [], 'testssl.sh -p': [] };
try {
  for (let i = 0; i < RUNS; i++) {
    const dir = join(reports, String(i));
    const p = timed(process.execPath, ['bin/part15.js', 'run', '--dimse-tls', `127.0.0.1:${port}`, '--called-ae', 'STORESCP', '--ca', files.paths['ca.crt']!,
      '--client-cert', files.paths['client.crt']!, '--client-key', files.paths['client.key']!, '--suite', 'b12-bcp195-rfc8996-9325', '--report-dir', dir]);
    if (p.code !== 4 && p.code !== 0) throw new Error(`part15 exited ${p.code}:\n${p.out}`);
    results['part15 CLI, B.12 core (15 checks)']!.push(p.ms);
    results['part15 suite time (summary.json durationMs)']!.push((JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as { durationMs: number }).durationMs);
    if (have('sslscan')) results.sslscan!.push(timed('sslscan', ['--no-colour', `--certs=${files.paths['client.crt']}`, `--pk=${files.paths['client.key']}`, `127.0.0.1:${port}`]).ms);
    if (have('testssl')) results['testssl.sh -p']!.push(timed('testssl', ['-p', '--quiet', '--color', '0', '--nodns', 'none', '--warnings', 'off', `127.0.0.1:${port}`]).ms);
  }
} finally {
  await target.stop();
  await files.dispose();
  rmSync(reports, { recursive: true, force: true });
}
console.log(`machine: ${(await import('node:os')).cpus().length} cores, node ${process.version}; runs: ${RUNS}; container start (storescp +py): ${startMs.toFixed(0)} ms`);
const base = median(results['part15 CLI, B.12 core (15 checks)']!);
for (const [name, xs] of Object.entries(results)) {
  if (xs.length === 0) console.log(`${name.padEnd(46)} not installed`);
  else console.log(`${name.padEnd(46)} median ${median(xs).toFixed(0).padStart(7)} ms   (${xs.map((x) => x.toFixed(0)).join(', ')})   ×${(median(xs) / base).toFixed(2)} of part15 CLI`);
}
