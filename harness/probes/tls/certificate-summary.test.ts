import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import type { ClientCredential } from '../../core/target.ts';
import { TestPki } from '../../pki/test-pki.ts';
import { summarizeCertificate } from './certificate-summary.ts';

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const der = (pem: string) => new X509Certificate(pem).raw;
const credential = (c: ClientCredential | { unavailable: string }): ClientCredential => {
  if ('unavailable' in c) throw new Error(`expected a credential: ${c.unavailable}`);
  return c;
};

describe('summarizeCertificate', function () {
  this.timeout(30_000);
  let pki: TestPki;

  before(async function () {
    pki = await TestPki.create({ runTag: 'summary-test' });
  });

  describe('TestPki certificates', function () {
    it('the valid client certificate: RSA 2048, sha256WithRSAEncryption, issued by the CA', function () {
      // Given the valid client certificate and the CA
      const pem = credential(pki.clientCertificate('valid')).certPem;
      const x = new X509Certificate(pem);

      // When summarized
      const s = summarizeCertificate(x.raw);

      // Then the fields checks judge are read off the certificate
      expect(s).to.include({
        keyType: 'RSA',
        keyBits: 2048,
        signatureAlgorithm: 'sha256WithRSAEncryption',
        signatureHash: 'sha256',
        isSelfSigned: false,
        serialNumber: x.serialNumber,
        sha256Fingerprint: x.fingerprint256,
      });
      expect(s.issuer).to.equal(summarizeCertificate(der(pki.caCertPem)).subject);
      expect(s.namedCurve).to.equal(undefined);
    });

    it('the sha1 client certificate: sha1WithRSAEncryption, hash sha1', function () {
      // Given the certificate the CA signed with SHA-1
      const s = summarizeCertificate(der(credential(pki.clientCertificate('sha1')).certPem));

      // Then its signature algorithm and hash say so
      expect(s).to.include({ keyType: 'RSA', keyBits: 2048, signatureAlgorithm: 'sha1WithRSAEncryption', signatureHash: 'sha1', isSelfSigned: false });
    });

    it('the rsa-1024 client certificate: RSA 1024', function () {
      // Given the weak-key certificate
      const s = summarizeCertificate(der(credential(pki.clientCertificate('rsa-1024')).certPem));

      // Then the key size is 1024 (and the signature is still SHA-256)
      expect(s).to.include({ keyType: 'RSA', keyBits: 1024, signatureAlgorithm: 'sha256WithRSAEncryption', isSelfSigned: false });
    });

    it('the rsa-2048 server certificate: RSA 2048, not self-signed', function () {
      // Given the server credential
      const s = summarizeCertificate(der(pki.serverCredential('rsa-2048').certPem));

      // Then
      expect(s).to.include({ keyType: 'RSA', keyBits: 2048, signatureHash: 'sha256', isSelfSigned: false });
      expect(s.subject).to.include('CN=');
    });

    it('the CA certificate is self-signed, its subject equal to its issuer', function () {
      // Given the run's CA
      const s = summarizeCertificate(der(pki.caCertPem));

      // Then it is a trust anchor
      expect(s.isSelfSigned).to.equal(true);
      expect(s.issuer).to.equal(s.subject);
      expect(s.subject).to.include('summary-test');
      expect(s).to.include({ keyType: 'RSA', keyBits: 2048, signatureAlgorithm: 'sha256WithRSAEncryption' });
    });

    it('the self-signed client certificate is self-signed; the unknown-ca one is not', function () {
      // Given the two certificates that do not chain to the CA
      const selfSigned = summarizeCertificate(der(credential(pki.clientCertificate('self-signed')).certPem));
      const unknownCa = summarizeCertificate(der(credential(pki.clientCertificate('unknown-ca')).certPem));

      // Then only the first signs itself
      expect(selfSigned.isSelfSigned).to.equal(true);
      expect(unknownCa.isSelfSigned).to.equal(false);
    });

    it('gives validity as ISO-8601 UTC strings, matching the certificate', function () {
      // Given the valid client certificate
      const x = new X509Certificate(credential(pki.clientCertificate('valid')).certPem);

      // When summarized
      const s = summarizeCertificate(x.raw);

      // Then notBefore/notAfter are ISO strings of the same instants, in order, around now
      expect(s.notBefore).to.match(ISO);
      expect(s.notAfter).to.match(ISO);
      expect(s.notBefore).to.equal(new Date(x.validFrom).toISOString());
      expect(s.notAfter).to.equal(new Date(x.validTo).toISOString());
      expect(Date.parse(s.notBefore)).to.be.below(Date.now());
      expect(Date.parse(s.notAfter)).to.be.above(Date.now());
    });

    it('the expired client certificate has notAfter in the past', function () {
      // Given the expired certificate
      const s = summarizeCertificate(der(credential(pki.clientCertificate('expired')).certPem));

      // Then its validity ended before now
      expect(Date.parse(s.notAfter)).to.be.below(Date.now());
    });
  });

  describe('an EC P-256 certificate made by openssl', function () {
    let dir: string;
    let pem: string;

    before(function () {
      // Given a self-signed EC P-256 certificate from the openssl CLI
      dir = mkdtempSync(join(tmpdir(), 'part15-ec-'));
      execFileSync(
        'openssl',
        ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-subj', '/CN=ec', '-days', '30', '-keyout', join(dir, 'k'), '-out', join(dir, 'c')],
        { stdio: 'ignore' },
      );
      pem = readFileSync(join(dir, 'c'), 'utf8');
    });

    after(function () {
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('keyType EC, keyBits 256, namedCurve prime256v1, ecdsa-with-SHA256', function () {
      // When summarized
      const s = summarizeCertificate(der(pem));

      // Then the curve gives the key size and the ECDSA signature is named with its hash
      expect(s).to.include({
        keyType: 'EC',
        keyBits: 256,
        namedCurve: 'prime256v1',
        signatureAlgorithm: 'ecdsa-with-SHA256',
        signatureHash: 'sha256',
        isSelfSigned: true,
        subject: 'CN=ec',
        issuer: 'CN=ec',
      });
      expect(s.notBefore).to.match(ISO);
      expect(s.notAfter).to.match(ISO);
    });
  });
});
