/**
 * Benchmark (not a test): the exposure suite (10 checks) against Orthanc wide open and Orthanc
 * hardened, already running in containers, next to what a person does by hand against the wide-open
 * one with DCMTK's tools (echoscu, findscu ×2, storescu, movescu, getscu; TCP_NODELAY=1 so Nagle does
 * not dominate) and to nmap's dicom-ping (what the internet scans run). Medians of N runs.
 *   npm run bench:exposure          (BENCH_RUNS=5 for more; PART15_FROM_BUILD=1 after npm run build)
 * Needs a Docker engine (harness/engine/ensure-host.sh) and the Debian dcmtk and nmap packages.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningTarget } from '../harness/core/target.ts';
import { TestPki, writeSecretFiles } from '../harness/pki/test-pki.ts';
import { loadTarget, type LoadedTarget } from '../harness/suite/load-target.ts';
import type { ContainerTargetFile } from '../harness/suite/schema.ts';
import { ContainerTarget } from '../harness/targets/container-target.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ALICE_STUDY = '2.25.298941970650632342257696803314797129510';

function timed(cmd: string, args: string[], env: Record<string, string> = {}): { ms: number; code: number | null; out: string } {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 120_000, env: { ...process.env, NO_COLOR: '1', ...env }, input: '' });
  return { ms: performance.now() - t0, code: r.status, out: (r.stdout ?? '') + (r.stderr ?? '') };
}

const pki = await TestPki.create({ runTag: 'bench-exposure' });
const reports = mkdtempSync(join(tmpdir(), 'part15-bench-exposure-'));
const client = pki.clientCertificate('valid') as { certPem: string; keyPem: string };
const files = await writeSecretFiles({ 'ca.crt': pki.caCertPem, 'client.crt': client.certPem, 'client.key': client.keyPem });
const pkiFlags = ['--ca', files.paths['ca.crt']!, '--client-cert', files.paths['client.crt']!, '--client-key', files.paths['client.key']!];
const started: RunningTarget[] = [];
const startMs: Record<string, number> = {};
async function start(name: string): Promise<RunningTarget> {
  const file = loadTarget(`fixtures/targets/${name}.target.yaml`) as LoadedTarget & ContainerTargetFile;
  const t0 = performance.now();
  const t = await new ContainerTarget(file, { runId: 'bench-exposure', pki, logDir: reports }).start(new AbortController().signal);
  startMs[name] = performance.now() - t0;
  started.push(t);
  return t;
}

const results: Record<string, number[]> = {};
const add = (label: string, ms: number) => (results[label] ??= []).push(ms);
try {
  const open = await start('orthanc-wide-open');
  const hardened = await start('orthanc-hardened');
  const openPort = String(open.endpoints.dimse!.port);
  for (let i = 0; i < RUNS; i++) {
    for (const [label, target] of [['part15 exposure, Orthanc wide open', 'orthanc-wide-open'], ['part15 exposure, Orthanc hardened', 'orthanc-hardened']] as const) {
      const dir = join(reports, `${i}-${target}`);
      // The external form, so no container start is timed: the node of this run, by port.
      const t = target === 'orthanc-wide-open' ? open : hardened;
      const args =
        target === 'orthanc-wide-open'
          ? ['--dimse', `127.0.0.1:${openPort}`, '--called-ae', 'ORTHANC_O']
          : ['--dimse-tls', `127.0.0.1:${t.endpoints.dimseTls!.port}`, '--called-ae', 'ORTHANC_H', '--calling-ae', 'TRUSTED_SCU', ...pkiFlags];
      const p = timed(process.execPath, ['bin/part15.js', 'run', ...args, '--suite', 'exposure', '--report-dir', dir]);
      if (p.code === null || (p.code & 2) !== 0 || p.code === 64) throw new Error(`part15 exited ${p.code}:\n${p.out}`);
      add(label, p.ms);
      const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as { suites: Array<{ checks: Array<{ durationMs: number; startedAt: string }> }> };
      const checks = summary.suites[0]!.checks;
      const first = Math.min(...checks.map((c) => Date.parse(c.startedAt)));
      const last = Math.max(...checks.map((c) => Date.parse(c.startedAt) + c.durationMs));
      add(`${label}: checks only`, last - first);
    }
    // By hand with DCMTK against the wide-open node: the same doors, one tool per door.
    const nodelay = { TCP_NODELAY: '1' };
    const aet = ['-aet', 'ATTACKER', '-aec', 'ORTHANC_O', '127.0.0.1', openPort];
    const t0 = performance.now();
    timed('echoscu', aet, nodelay);
    timed('echoscu', ['-aet', 'ATTACKER', '-aec', 'NOT_ORTHANC', '127.0.0.1', openPort], nodelay);
    timed('findscu', ['-P', '-k', 'QueryRetrieveLevel=PATIENT', '-k', 'PatientName=*', '-k', 'PatientID', ...aet], nodelay);
    timed('findscu', ['-S', '-k', 'QueryRetrieveLevel=STUDY', '-k', 'PatientName=*', '-k', 'StudyInstanceUID', ...aet], nodelay);
    timed('movescu', ['-S', '-aem', 'UNKNOWN_DEST', '-k', 'QueryRetrieveLevel=STUDY', '-k', `StudyInstanceUID=${ALICE_STUDY}`, ...aet], nodelay);
    timed('getscu', ['-S', '-od', reports, '-k', 'QueryRetrieveLevel=STUDY', '-k', `StudyInstanceUID=${ALICE_STUDY}`, ...aet], nodelay);
    add('DCMTK tools by hand (6 commands, no verdicts)', performance.now() - t0);
    add('nmap --script dicom-ping', timed('nmap', ['-Pn', '-n', '-p', openPort, '--script', 'dicom-ping', '127.0.0.1']).ms);
  }
} finally {
  for (const t of started) await t.stop();
  rmSync(reports, { recursive: true, force: true });
  rmSync(files.dir, { recursive: true, force: true });
}

console.log(`exposure bench: ${RUNS} run(s), medians; container start ${Object.entries(startMs).map(([n, ms]) => `${n} ${(ms / 1000).toFixed(2)} s`).join(', ')}`);
for (const [label, xs] of Object.entries(results)) console.log(`  ${label.padEnd(52)} ${(median(xs) / 1000).toFixed(2)} s`);
