/**
 * The pass side of the client-certificate checks that no DICOM node here can pass: DCMTK (and so
 * Orthanc) run OpenSSL at security level 0 and accept RSA-1024 and SHA-1-signed client
 * certificates. OpenSSL's reference server at security level 2 with -verify_return_error refuses
 * every bad certificate with an alert, so each such check must pass against it.
 */
import { expect } from 'chai';
import { startOpensslServer, type OpensslServer } from '../../fixtures/peers/openssl-s-server.ts';
import type { RunningTarget } from '../core/target.ts';
import { TestPki } from '../pki/test-pki.ts';
import { loopbackTarget } from './testing/loopback-target.ts';
import { runCheck } from '../run/run-check.ts';
import { loadAllSuites, type Suite } from '../suite/load-suite.ts';

describe('client-certificate checks against a strict TLS server (openssl s_server, security level 2)', function () {
  this.timeout(60_000);
  let server: OpensslServer;
  let target: RunningTarget;
  const suites = loadAllSuites();

  before(async function () {
    const pki = await TestPki.create({ runTag: 's-server' });
    server = await startOpensslServer({ caCertPem: pki.caCertPem, ...pki.serverCredential('rsa-2048') });
    target = loopbackTarget('openssl-s-server', server.port, pki, 'NONE');
  });
  after(async function () {
    await server?.close();
  });

  const CHECKS: Array<[string, string]> = [
    ['node-authentication', 'client-certificate-none-refused'],
    ['node-authentication', 'client-certificate-expired-refused'],
    ['node-authentication', 'client-certificate-not-yet-valid-refused'],
    ['node-authentication', 'client-certificate-unknown-ca-refused'],
    ['node-authentication', 'client-certificate-self-signed-refused'],
    ['node-authentication', 'client-certificate-rsa-1024-refused'],
    ['node-authentication', 'client-certificate-sha1-refused'],
    ['node-authentication', 'client-certificate-wrong-eku-refused'],
    ['b13-modified-bcp195-rfc8996-9325', 'weak-client-key-refused'],
    ['b13-modified-bcp195-rfc8996-9325', 'sha1-client-certificate-refused'],
  ];
  for (const [suiteId, checkId] of CHECKS) {
    it(`${suiteId}/${checkId} passes: the bad certificate is refused with a TLS alert`, async function () {
      // Given the check as the suite file defines it
      const suite = suites.find((s) => s.id === suiteId) as Suite;
      const check = suite.checks.find((c) => c.id === checkId)!;
      // When it runs against the strict server
      const record = await runCheck(suite, check, target, { signal: new AbortController().signal });
      // Then it passes, on an alert (not on a bare close)
      expect(record.verdict?.kind, JSON.stringify(record.verdict)).to.equal('pass');
      const ev = record.evidence[0]!;
      expect(ev.kind === 'tls-handshake' && ev.outcome.status === 'rejected' && ev.outcome.alert !== undefined, JSON.stringify(ev)).to.equal(true);
    });
  }
});
