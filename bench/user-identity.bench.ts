/**
 * Benchmark (not a test): the user identity suites (B.4, B.5, JWT: 28 checks) against part15's
 * reference node (refnode-b5), already running in a container, next to doing a handful of the same
 * cases by hand with DCMTK's storescu (right passcode with -rsp, wrong passcode, unknown user, empty
 * passcode, a valid and an expired JWT: 6 commands, no verdicts). Medians of N runs.
 *   npm run bench:identity          (BENCH_RUNS=5 for more; PART15_FROM_BUILD=1 after npm run build)
 * Needs a Docker engine and Debian's dcmtk.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestPki, writeSecretFiles } from '../harness/pki/test-pki.ts';
import { tokenFor } from '../harness/probes/dimse/jwt-variants.ts';
import { loadTarget, type LoadedTarget } from '../harness/suite/load-target.ts';
import type { ContainerTargetFile } from '../harness/suite/schema.ts';
import { ContainerTarget } from '../harness/targets/container-target.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const timed = (cmd: string, args: string[]) => {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 120_000, env: { ...process.env, NO_COLOR: '1', TCP_NODELAY: '1' } });
  return { ms: performance.now() - t0, code: r.status, out: `${r.stdout}${r.stderr}` };
};

const pki = await TestPki.create({ runTag: 'bench-identity' });
const work = mkdtempSync(join(tmpdir(), 'part15-bench-identity-'));
const file = loadTarget('fixtures/targets/refnode-b5.target.yaml') as LoadedTarget & ContainerTargetFile;
const t0 = performance.now();
const target = await new ContainerTarget(file, { runId: 'bench-identity', pki, logDir: work }).start(new AbortController().signal);
const startMs = performance.now() - t0;
const identity = target.identity!;
const client = pki.clientCertificate('valid') as { certPem: string; keyPem: string };
const secrets = await writeSecretFiles({
  'ca.crt': pki.caCertPem,
  'client.crt': client.certPem,
  'client.key': client.keyPem,
  'issuer.key': identity.jwt!.privateKeyPem,
  'valid.jwt': (await tokenFor('valid', identity.jwt!, identity.username)).token,
  'expired.jwt': (await tokenFor('expired', identity.jwt!, identity.username)).token,
});
// The running node as an external target: its ports, part15's PKI, the account and the issuer key.
const targetFile = join(work, 'refnode.target.yaml');
writeFileSync(
  targetFile,
  [
    'kind: external',
    'name: refnode-b5-bench',
    'description: the reference node of this benchmark',
    'calledAeTitle: REFNODE',
    'endpoints:',
    `  dimseTls: { port: ${target.endpoints.dimseTls!.port} }`,
    `  dimse: { port: ${target.endpoints.dimse!.port} }`,
    'pki:',
    `  caCert: ${secrets.paths['ca.crt']}`,
    `  clientCert: ${secrets.paths['client.crt']}`,
    `  clientKey: ${secrets.paths['client.key']}`,
    'userIdentity:',
    `  username: ${identity.username}`,
    '  passcodeEnv: BENCH_REFNODE_PASSCODE',
    `  jwt: { issuer: ${identity.jwt!.issuer}, audience: ${identity.jwt!.audience}, privateKey: ${secrets.paths['issuer.key']} }`,
    '',
  ].join('\n'),
);
execFileSync('dump2dcm', ['+te', 'fixtures/images/synthetic-data/alice-1.dump', join(work, 'alice-1.dcm')]);

const results: Record<string, number[]> = {};
const add = (label: string, ms: number) => (results[label] ??= []).push(ms);
try {
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    const p = spawnSync(process.execPath, ['bin/part15.js', 'run', '--target', targetFile, '--suite', 'b4-basic-user-identity,b5-user-identity-passcode,jwt-user-identity', '--report-dir', join(work, `t${i}`)], {
      encoding: 'utf8',
      env: { ...process.env, BENCH_REFNODE_PASSCODE: identity.passcode! },
    });
    if (p.status === null || (p.status & 2) !== 0 || p.status === 64) throw new Error(`part15 exited ${p.status}:\n${p.stderr}`);
    add('part15 b4 + b5 + jwt (28 checks), whole CLI', performance.now() - t);

    const tls = ['+tls', secrets.paths['client.key']!, secrets.paths['client.crt']!, '+cf', secrets.paths['ca.crt']!, '-aet', 'BENCH', '-aec', 'REFNODE'];
    const at = ['127.0.0.1', String(target.endpoints.dimseTls!.port), join(work, 'alice-1.dcm')];
    const h0 = performance.now();
    timed('storescu', [...tls, '-usr', identity.username, '-pwd', identity.passcode!, '-rsp', ...at]);
    timed('storescu', [...tls, '-usr', identity.username, '-pwd', 'wrong', ...at]);
    timed('storescu', [...tls, '-usr', 'nobody', '-pwd', 'wrong', ...at]);
    timed('storescu', [...tls, '-usr', identity.username, '-epw', ...at]);
    timed('storescu', [...tls, '--jwt', secrets.paths['valid.jwt']!, '-rsp', ...at]);
    timed('storescu', [...tls, '--jwt', secrets.paths['expired.jwt']!, ...at]);
    add('storescu by hand (6 commands, no verdicts)', performance.now() - h0);
  }
} finally {
  await target.stop();
  rmSync(work, { recursive: true, force: true });
  rmSync(secrets.dir, { recursive: true, force: true });
}

console.log(`user identity bench: ${RUNS} run(s), medians; reference node container ready in ${(startMs / 1000).toFixed(2)} s`);
for (const [label, xs] of Object.entries(results)) console.log(`  ${label.padEnd(48)} ${(median(xs) / 1000).toFixed(2)} s`);
