/**
 * B12-02 "servers shall prefer TLS 1.3 if offered" cannot fail on any third-party node here (OpenSSL
 * always picks the highest common version), so the deliberately misconfigured peer in
 * fixtures/peers/tls-version-router.ts shows the check failing: it speaks TLS 1.3, yet answers any
 * hello that also offers TLS 1.2 with TLS 1.2.
 */
import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTlsVersionRouter, type TlsVersionRouter } from '../../fixtures/peers/tls-version-router.ts';
import { TestPki, writeSecretFiles, type SecretFiles } from '../pki/test-pki.ts';
import type { SummaryJson } from '../report/summary-reporter.ts';
import { runCli } from './testing/run-cli.ts';

describe('B12-02 against a peer that supports TLS 1.3 but prefers TLS 1.2', function () {
  this.timeout(60_000);
  let router: TlsVersionRouter;
  let files: SecretFiles;
  let reports: string;

  before(async function () {
    const pki = await TestPki.create({ runTag: 'router' });
    const client = pki.clientCertificate('valid') as { certPem: string; keyPem: string };
    files = await writeSecretFiles({ 'ca.crt': pki.caCertPem, 'client.crt': client.certPem, 'client.key': client.keyPem });
    router = await startTlsVersionRouter(pki.serverCredential('rsa-2048'));
    reports = mkdtempSync(join(tmpdir(), 'part15-router-'));
  });
  after(async function () {
    await router?.close();
    await files?.dispose();
    rmSync(reports, { recursive: true, force: true });
  });

  it('tls13-preferred-when-supported fails, while TLS 1.2 and TLS 1.3 alone are both accepted', async function () {
    // Given the router on a loopback port, declared as the node's DICOM TLS port
    const res = await runCli([
      'run', '--dimse-tls', `127.0.0.1:${router.port}`, '--called-ae', 'ROUTER', '--name', 'tls-version-router',
      '--ca', files.paths['ca.crt']!, '--client-cert', files.paths['client.crt']!, '--client-key', files.paths['client.key']!,
      '--suite', 'b12-bcp195-rfc8996-9325', '--report-dir', reports,
    ]);
    // When the B.12 suite has run
    const summary = JSON.parse(readFileSync(join(reports, 'summary.json'), 'utf8')) as SummaryJson;
    const verdicts = Object.fromEntries(summary.suites[0]!.checks.map((c) => [c.id, c.verdict]));
    // Then TLS 1.2 alone and TLS 1.3 alone were accepted, but the preference check failed
    expect(verdicts['tls12-accepted'], res.stderr).to.equal('pass');
    expect(verdicts['tls13-preferred-when-supported'], res.stderr).to.equal('fail');
    const check = summary.suites[0]!.checks.find((c) => c.id === 'tls13-preferred-when-supported')!;
    expect(check.observed).to.match(/TLSv1\.2/);
    expect((res.code ?? 0) & 1, res.stderr).to.equal(1);
  });
});
