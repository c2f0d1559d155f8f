/**
 * Benchmark (not a test): the audit-trail suite (28 checks) against part15's reference node with its
 * audit trail on, already running in a container and sending to part15's collectors on fixed
 * loopback ports, next to the cost of reading one message (RFC 5424 parse, xmllint RELAX NG, A.5.3
 * rules) and of doing the core of it by hand: storescu + findscu to cause two events, and xmllint
 * on one captured message. Medians of N runs.
 *   npm run bench:audit            (BENCH_RUNS=5 for more; PART15_FROM_BUILD=1 after npm run build)
 * Needs a Docker engine and Debian's dcmtk and libxml2-utils.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { inspectAuditMessage } from '../harness/audit/message/inspect-audit-message.ts';
import { AUDIT_SCHEMA_RNG } from '../harness/audit/message/validate-schema.ts';
import { TestPki, writeSecretFiles } from '../harness/pki/test-pki.ts';
import { loadTarget, type LoadedTarget } from '../harness/suite/load-target.ts';
import type { ContainerTargetFile } from '../harness/suite/schema.ts';
import { ContainerTarget } from '../harness/targets/container-target.ts';
import { freeLoopbackPort } from '../harness/targets/free-port.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const timed = (cmd: string, args: string[]) => {
  const t0 = performance.now();
  spawnSync(cmd, args, { encoding: 'utf8', timeout: 120_000 });
  return performance.now() - t0;
};

const pki = await TestPki.create({ runTag: 'bench-audit' });
const work = mkdtempSync(join(tmpdir(), 'part15-bench-audit-'));
const [tlsPort, udpPort] = [await freeLoopbackPort(), await freeLoopbackPort()];
// refnode-audit, told to send to fixed collector ports (no audit: block, so nothing is opened for it here).
const base = loadTarget('fixtures/targets/refnode-audit.target.yaml') as LoadedTarget & ContainerTargetFile;
const file: LoadedTarget & ContainerTargetFile = {
  ...base,
  command: base.command.map((a) => a.replace('{{audit.host}}:{{audit.tlsPort}}', `127.0.0.1:${tlsPort}`).replace('{{audit.host}}:{{audit.udpPort}}', `127.0.0.1:${udpPort}`)),
};
delete (file as Partial<typeof file>).audit;
const target = await new ContainerTarget(file, { runId: 'bench-audit', pki, logDir: work }).start(new AbortController().signal);
const server = pki.serverCredential('rsa-2048');
const client = pki.clientCertificate('valid') as { certPem: string; keyPem: string };
const secrets = await writeSecretFiles({ 'ca.crt': pki.caCertPem, 'client.crt': client.certPem, 'client.key': client.keyPem, 'server.crt': server.certPem, 'server.key': server.keyPem });
const targetFile = join(work, 'refnode.target.yaml');
writeFileSync(
  targetFile,
  [
    'kind: external',
    'name: refnode-audit-bench',
    'description: the reference node of this benchmark',
    'calledAeTitle: REFNODE',
    'callingAeTitle: P15-HARNESS',
    'endpoints:',
    `  dimseTls: { port: ${target.endpoints.dimseTls!.port} }`,
    'pki:',
    `  caCert: ${secrets.paths['ca.crt']}`,
    `  clientCert: ${secrets.paths['server.crt']}`,
    `  clientKey: ${secrets.paths['server.key']}`,
    'userIdentity: { username: alice, passcodeEnv: BENCH_REFNODE_PASSCODE }',
    'audit: { transports: [tls, udp], windowMs: 3000 }',
    `auditCollector: { tlsPort: ${tlsPort}, udpPort: ${udpPort} }`,
    '',
  ].join('\n'),
);
execFileSync('dump2dcm', ['+te', 'fixtures/images/synthetic-data/alice-1.dump', join(work, 'alice-1.dcm')]);
const sample = readFileSync('harness/audit/message/fixtures/instances-transferred-110104.xml', 'utf8');
writeFileSync(join(work, 'sample.xml'), sample);

const results: Record<string, number[]> = {};
const add = (label: string, ms: number) => (results[label] ??= []).push(ms);
try {
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    const p = spawnSync(process.execPath, ['bin/part15.js', 'run', '--target', targetFile, '--suite', 'audit-trail', '--report-dir', join(work, `t${i}`)], {
      encoding: 'utf8',
      env: { ...process.env, BENCH_REFNODE_PASSCODE: 'part15-lab-only-NOT-A-SECRET' },
    });
    if (p.status === null || (p.status & 2) !== 0 || p.status === 64) throw new Error(`part15 exited ${p.status}:\n${p.stderr}`);
    add('part15 audit-trail (28 checks, 7 stimuli), whole CLI', performance.now() - t);

    const m0 = performance.now();
    for (let k = 0; k < 20; k++) await inspectAuditMessage(sample);
    add('read one message (parse, xmllint RELAX NG, A.5.3 rules)', (performance.now() - m0) / 20);

    const tls = ['+tls', secrets.paths['client.key']!, secrets.paths['client.crt']!, '+cf', secrets.paths['ca.crt']!, '-aet', 'P15-HARNESS', '-aec', 'REFNODE'];
    const h0 = performance.now();
    timed('storescu', [...tls, '127.0.0.1', String(target.endpoints.dimseTls!.port), join(work, 'alice-1.dcm')]);
    timed('findscu', [...tls, '-S', '-k', 'QueryRetrieveLevel=STUDY', '-k', 'PatientID=P15Q', '127.0.0.1', String(target.endpoints.dimseTls!.port)]);
    timed('xmllint', ['--noout', '--relaxng', AUDIT_SCHEMA_RNG, join(work, 'sample.xml')]);
    add('by hand: storescu + findscu + xmllint (no collector, no verdicts)', performance.now() - h0);
  }
} finally {
  await target.stop();
  rmSync(work, { recursive: true, force: true });
  rmSync(secrets.dir, { recursive: true, force: true });
}

console.log(`audit bench: ${RUNS} run(s), medians`);
for (const [label, xs] of Object.entries(results)) console.log(`  ${label.padEnd(66)} ${(median(xs) / 1000).toFixed(3)} s`);
