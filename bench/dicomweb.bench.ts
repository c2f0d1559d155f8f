/**
 * Benchmark (not a test): the dicomweb-security suite (21 checks; 12 apply to Basic auth) against
 * Orthanc 1.10.1 hardened (HTTPS + Basic), already running in a container, next to the same
 * requests by hand with curl (no verdicts). Medians of N runs.
 *   npm run bench:dicomweb          (BENCH_RUNS=5 for more; PART15_FROM_BUILD=1 after npm run build)
 * Needs a Docker engine and curl.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestPki, writeSecretFiles } from '../harness/pki/test-pki.ts';
import { loadTarget, type LoadedTarget } from '../harness/suite/load-target.ts';
import type { ContainerTargetFile } from '../harness/suite/schema.ts';
import { ContainerTarget } from '../harness/targets/container-target.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const pki = await TestPki.create({ runTag: 'bench-web' });
const work = mkdtempSync(join(tmpdir(), 'part15-bench-web-'));
const file = loadTarget('fixtures/targets/orthanc-hardened.target.yaml') as LoadedTarget & ContainerTargetFile;
const target = await new ContainerTarget(file, { runId: 'bench-web', pki, logDir: work }).start(new AbortController().signal);
const client = pki.clientCertificate('valid') as { certPem: string; keyPem: string };
const secrets = await writeSecretFiles({ 'ca.crt': pki.caCertPem, 'client.crt': client.certPem, 'client.key': client.keyPem });
const https = target.endpoints.https!.port;
const targetFile = join(work, 'orthanc.target.yaml');
writeFileSync(
  targetFile,
  [
    'kind: external',
    'name: orthanc-hardened-bench',
    'description: the Orthanc of this benchmark',
    'calledAeTitle: ORTHANC_H',
    'endpoints:',
    `  dimseTls: { port: ${target.endpoints.dimseTls!.port} }`,
    `  https: { port: ${https} }`,
    'pki:',
    `  caCert: ${secrets.paths['ca.crt']}`,
    `  clientCert: ${secrets.paths['client.crt']}`,
    `  clientKey: ${secrets.paths['client.key']}`,
    'dicomweb: { root: /dicom-web, auth: { scheme: basic, username: part15admin, passwordEnv: BENCH_WEB_PASSWORD } }',
    '',
  ].join('\n'),
);
const password = (file.dicomweb!.auth as { password: string }).password;
const results: Record<string, number[]> = {};
const add = (label: string, ms: number) => (results[label] ??= []).push(ms);
try {
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    const p = spawnSync(process.execPath, ['bin/part15.js', 'run', '--target', targetFile, '--suite', 'dicomweb-security', '--report-dir', join(work, `t${i}`)], {
      encoding: 'utf8',
      env: { ...process.env, BENCH_WEB_PASSWORD: password },
    });
    if (p.status === null || (p.status & 2) !== 0 || p.status === 64) throw new Error(`part15 exited ${p.status}:\n${p.stderr}`);
    add('part15 dicomweb-security (21 checks), whole CLI', performance.now() - t);

    // By hand: the QIDO with credentials, then the requests the Basic-auth checks make, with curl.
    const base = `https://127.0.0.1:${https}/dicom-web`;
    const h0 = performance.now();
    const curl = (args: string[]) => spawnSync('curl', ['-sk', '-o', '/dev/null', '-w', '%{http_code}', ...args], { encoding: 'utf8' });
    curl(['-u', `part15admin:${password}`, `${base}/studies`]);
    for (const path of ['/studies', '/studies/1.2.3', '/studies/1.2.3/metadata', '/studies/1.2.3/rendered', '/studies/1.2.3/series/1/instances/1/rendered', '/studies/1.2.3/series/1/instances/1/thumbnail']) curl([`${base}${path}`]);
    curl(['-X', 'POST', '-H', 'Content-Type: multipart/related; type="application/dicom"', `${base}/studies`]);
    curl(['-u', 'part15admin:wrong', `${base}/studies`]);
    curl(['-u', 'part15admin:wrong', `${base}/studies/1.2.3`]);
    curl([`http://127.0.0.1:${https}/dicom-web/studies`]);
    curl(['--tls-max', '1.0', '--tlsv1.0', `${base}/studies`]);
    curl(['--tls-max', '1.1', '--tlsv1.1', `${base}/studies`]);
    add('curl by hand (14 requests, no verdicts)', performance.now() - h0);
  }
} finally {
  await target.stop();
  rmSync(work, { recursive: true, force: true });
  rmSync(secrets.dir, { recursive: true, force: true });
}
console.log(`dicomweb bench: ${RUNS} run(s), medians`);
for (const [label, xs] of Object.entries(results)) console.log(`  ${label.padEnd(50)} ${(median(xs) / 1000).toFixed(2)} s`);
