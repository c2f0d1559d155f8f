import { execFileSync } from 'node:child_process';
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { HarnessError } from '../core/errors.ts';
import type { ClientCredential } from '../core/target.ts';
import { CERTIFICATES_NEEDING_CA_KEY } from '../suite/schema.ts';
import { CLIENT_CERTIFICATE_KINDS, TestPki, writeSecretFiles, type ClientCertificateKind, type SecretFiles } from './test-pki.ts';

const OPENSSL = '/usr/bin/openssl';
const DAY_MS = 24 * 3_600_000;

/** Runs the openssl CLI; returns its exit status and stdout+stderr (never throws on a non-zero exit). */
function openssl(args: string[], cwd?: string): { status: number; output: string } {
  try {
    const stdout = execFileSync(OPENSSL, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], cwd });
    return { status: 0, output: stdout };
  } catch (error) {
    const e = error as { status: number | null; stdout?: string; stderr?: string };
    return { status: e.status ?? -1, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

const verify = (caFile: string, certFile: string, ...extra: string[]) => openssl(['verify', ...extra, '-CAfile', caFile, certFile]);
const text = (certFile: string) => openssl(['x509', '-noout', '-text', '-in', certFile]).output;

function credential(value: ClientCredential | { unavailable: string }): ClientCredential {
  if ('unavailable' in value) throw new Error(`expected a credential, got: ${value.unavailable}`);
  return value;
}

describe('TestPki', function () {
  this.timeout(30_000);

  describe('create()', function () {
    let pki: TestPki;
    let files: SecretFiles;
    let createdAt: number;

    before(async function () {
      createdAt = Date.now();
      pki = await TestPki.create({ runTag: 'unit-run' });
      const entries: Record<string, string> = {
        'ca.pem': pki.caCertPem,
        'rogue-ca.pem': pki.rogueCaCertPem,
        'server-rsa-2048.pem': pki.serverCredential('rsa-2048').certPem,
        'server-rsa-1024.pem': pki.serverCredential('rsa-1024').certPem,
      };
      for (const name of CLIENT_CERTIFICATE_KINDS) entries[`${name}.pem`] = credential(pki.clientCertificate(name)).certPem;
      files = await writeSecretFiles(entries);
    });

    after(async function () {
      await files?.dispose();
    });

    const cert = (name: string) => new X509Certificate(readFileSync(files.paths[`${name}.pem`]!));

    describe('CA', function () {
      it('is a self-signed RSA-2048 SHA-256 CA named after the run tag', function () {
        // Given a new run PKI with runTag "unit-run"
        // When the CA certificate is inspected
        const ca = cert('ca');
        // Then it is a CA with the tagged name, a 2048-bit key, signed sha256WithRSAEncryption by itself
        expect(pki.hasCaKey).to.equal(true);
        expect(ca.subject).to.include('CN=part15 Test Root CA unit-run');
        expect(ca.issuer).to.equal(ca.subject);
        expect(ca.ca).to.equal(true);
        expect(ca.publicKey.asymmetricKeyDetails?.modulusLength).to.equal(2048);
        expect(ca.verify(ca.publicKey)).to.equal(true);
        expect(text(files.paths['ca.pem']!)).to.match(/Signature Algorithm: sha256WithRSAEncryption/);
        expect(verify(files.paths['ca.pem']!, files.paths['ca.pem']!).status).to.equal(0);
      });
    });

    describe('serverCredential()', function () {
      it('rsa-2048 chains to the CA and names localhost, 127.0.0.1 and ::1', function () {
        // Given the rsa-2048 server credential
        const credentialPem = pki.serverCredential('rsa-2048');
        const server = cert('server-rsa-2048');
        // When openssl verifies and prints it
        const result = verify(files.paths['ca.pem']!, files.paths['server-rsa-2048.pem']!, '-purpose', 'sslserver');
        const dump = text(files.paths['server-rsa-2048.pem']!);
        // Then it verifies as a TLS server certificate, with the SAN, EKU and key usage asked for
        expect(result.output).to.match(/: OK/);
        expect(result.status).to.equal(0);
        expect(dump).to.include('DNS:localhost');
        expect(dump).to.include('IP Address:127.0.0.1');
        expect(dump).to.include('IP Address:0:0:0:0:0:0:0:1');
        expect(dump).to.match(/Extended Key Usage:\s*\n\s*TLS Web Server Authentication, TLS Web Client Authentication/);
        expect(dump).to.match(/Key Usage: critical\s*\n\s*Digital Signature, Key Encipherment/);
        expect(dump).to.match(/Signature Algorithm: sha256WithRSAEncryption/);
        expect(server.checkHost('localhost')).to.equal('localhost');
        expect(server.checkIP('127.0.0.1')).to.equal('127.0.0.1');
        expect(server.publicKey.asymmetricKeyDetails?.modulusLength).to.equal(2048);
        expect(server.checkPrivateKey(createPrivateKey(credentialPem.keyPem))).to.equal(true);
      });

      it('rsa-1024 has a 1024-bit key and still chains to the CA', function () {
        // Given the rsa-1024 server credential
        const server = cert('server-rsa-1024');
        // When it is verified against the CA
        const result = verify(files.paths['ca.pem']!, files.paths['server-rsa-1024.pem']!);
        // Then it verifies, and its key is 1024 bits and belongs to the certificate
        expect(result.status).to.equal(0);
        expect(server.publicKey.asymmetricKeyDetails?.modulusLength).to.equal(1024);
        expect(server.checkPrivateKey(createPrivateKey(pki.serverCredential('rsa-1024').keyPem))).to.equal(true);
      });

      it('is memoized per key name', function () {
        // Given a credential already made
        const first = pki.serverCredential('rsa-2048');
        // When it is asked for again
        const second = pki.serverCredential('rsa-2048');
        // Then the same certificate comes back, and the other key name gives a different one
        expect(second.certPem).to.equal(first.certPem);
        expect(pki.serverCredential('rsa-1024').certPem).to.not.equal(first.certPem);
      });
    });

    describe('clientCertificate()', function () {
      it('valid chains to the CA as a TLS client certificate with a matching 2048-bit key', function () {
        // Given the valid client certificate
        const valid = cert('valid');
        // When openssl verifies it for the sslclient purpose
        const result = verify(files.paths['ca.pem']!, files.paths['valid.pem']!, '-purpose', 'sslclient');
        // Then it verifies; it is a leaf, EKU clientAuth only, valid from about now-1h to now+825 days
        expect(result.status).to.equal(0);
        expect(result.output).to.match(/valid\.pem: OK/);
        expect(valid.ca).to.equal(false);
        const dump = text(files.paths['valid.pem']!);
        expect(dump).to.match(/Extended Key Usage:\s*\n\s*TLS Web Client Authentication\s*\n/);
        expect(valid.publicKey.asymmetricKeyDetails?.modulusLength).to.equal(2048);
        expect(valid.checkPrivateKey(createPrivateKey(credential(pki.clientCertificate('valid')).keyPem))).to.equal(true);
        expect(Date.parse(valid.validFrom)).to.be.closeTo(createdAt - 3_600_000, 60_000);
        expect(Date.parse(valid.validTo)).to.be.closeTo(createdAt + 825 * DAY_MS, 60_000);
      });

      it('expired fails with openssl error 10 and is otherwise a good signature from the CA', function () {
        // Given the expired client certificate
        const expired = cert('expired');
        // When openssl verifies it, with and without the time check
        const result = verify(files.paths['ca.pem']!, files.paths['expired.pem']!);
        const ignoringTime = verify(files.paths['ca.pem']!, files.paths['expired.pem']!, '-no_check_time');
        // Then the only problem is the date: error 10, valid 2020-01-01 to 2021-01-01
        expect(result.status).to.not.equal(0);
        expect(result.output).to.match(/error 10 at 0 depth lookup: certificate has expired/);
        expect(ignoringTime.status).to.equal(0);
        expect(new Date(expired.validFrom).toISOString()).to.equal('2020-01-01T00:00:00.000Z');
        expect(new Date(expired.validTo).toISOString()).to.equal('2021-01-01T00:00:00.000Z');
      });

      it('not-yet-valid fails with openssl error 9 and starts a year from now', function () {
        // Given the not-yet-valid client certificate
        const notYetValid = cert('not-yet-valid');
        // When openssl verifies it, with and without the time check
        const result = verify(files.paths['ca.pem']!, files.paths['not-yet-valid.pem']!);
        const ignoringTime = verify(files.paths['ca.pem']!, files.paths['not-yet-valid.pem']!, '-no_check_time');
        // Then it fails only on the date (error 9), with notBefore = now + 365 days
        expect(result.status).to.not.equal(0);
        expect(result.output).to.match(/error 9 at 0 depth lookup: certificate is not yet valid/);
        expect(ignoringTime.status).to.equal(0);
        expect(Date.parse(notYetValid.validFrom)).to.be.closeTo(createdAt + 365 * DAY_MS, 60_000);
      });

      it('unknown-ca does not chain to the run CA but does chain to the per-run rogue CA', function () {
        // Given the unknown-ca client certificate
        const unknown = cert('unknown-ca');
        // When openssl verifies it against the run CA and against the rogue CA
        const againstRunCa = verify(files.paths['ca.pem']!, files.paths['unknown-ca.pem']!);
        const againstRogue = verify(files.paths['rogue-ca.pem']!, files.paths['unknown-ca.pem']!);
        // Then the run CA does not know its issuer (error 20), the rogue CA does
        expect(againstRunCa.status).to.not.equal(0);
        expect(againstRunCa.output).to.match(/error 20 at 0 depth lookup: unable to get local issuer certificate/);
        expect(againstRogue.status).to.equal(0);
        expect(unknown.issuer).to.include('CN=part15 Rogue CA unit-run');
        expect(cert('rogue-ca').fingerprint256).to.not.equal(cert('ca').fingerprint256);
      });

      it('self-signed is its own issuer, not a CA, and fails verification with error 18', function () {
        // Given the self-signed client certificate
        const selfSigned = cert('self-signed');
        // When openssl verifies it against the run CA
        const result = verify(files.paths['ca.pem']!, files.paths['self-signed.pem']!);
        // Then it is signed by its own key, is not a CA, and openssl calls it self-signed
        expect(result.status).to.not.equal(0);
        expect(result.output).to.match(/error 18 at 0 depth lookup: self-signed certificate/);
        expect(selfSigned.issuer).to.equal(selfSigned.subject);
        expect(selfSigned.verify(selfSigned.publicKey)).to.equal(true);
        expect(selfSigned.ca).to.equal(false);
      });

      it('rsa-1024 has a 1024-bit key and every other client certificate a 2048-bit key', function () {
        // Given every client certificate
        // When their key sizes are read
        const bits = Object.fromEntries(CLIENT_CERTIFICATE_KINDS.map((n) => [n, cert(n).publicKey.asymmetricKeyDetails?.modulusLength]));
        // Then only rsa-1024 is 1024 bits, and rsa-1024 still chains to the CA
        for (const name of CLIENT_CERTIFICATE_KINDS) expect(bits[name], name).to.equal(name === 'rsa-1024' ? 1024 : 2048);
        expect(verify(files.paths['ca.pem']!, files.paths['rsa-1024.pem']!).status).to.equal(0);
      });

      it('sha1 is really signed sha1WithRSAEncryption by the CA', function () {
        // Given the sha1 client certificate
        // When openssl prints and verifies it
        const dump = text(files.paths['sha1.pem']!);
        const result = verify(files.paths['ca.pem']!, files.paths['sha1.pem']!);
        // Then the signature algorithm is SHA-1 with RSA, and the signature checks out against the CA key
        expect(dump).to.match(/Signature Algorithm: sha1WithRSAEncryption/);
        expect(dump).to.not.match(/sha256WithRSAEncryption/);
        expect(result.status).to.equal(0);
        expect(cert('sha1').verify(cert('ca').publicKey)).to.equal(true);
      });

      it('wrong-eku carries serverAuth only and fails the sslclient purpose', function () {
        // Given the wrong-eku client certificate
        // When openssl prints it and verifies it as a TLS client certificate
        const dump = text(files.paths['wrong-eku.pem']!);
        const asClient = verify(files.paths['ca.pem']!, files.paths['wrong-eku.pem']!, '-purpose', 'sslclient');
        // Then the EKU is TLS Web Server Authentication without Client Authentication (error 26)
        expect(dump).to.include('TLS Web Server Authentication');
        expect(dump).to.not.include('TLS Web Client Authentication');
        expect(asClient.status).to.not.equal(0);
        expect(asClient.output).to.match(/error 26 at 0 depth lookup: unsuitable certificate purpose/);
      });

      it('gives every certificate a distinct positive random serial and a key that belongs to it', function () {
        // Given every client and server certificate
        const names = [...CLIENT_CERTIFICATE_KINDS, 'server-rsa-2048', 'server-rsa-1024', 'ca', 'rogue-ca'];
        // When serials and key pairs are compared
        const serials = names.map((n) => cert(n).serialNumber);
        // Then the serials are unique, 16 bytes, with the top bit clear (positive)
        expect(new Set(serials).size).to.equal(names.length);
        for (const serial of serials) {
          expect(serial).to.have.length(32);
          expect(parseInt(serial.slice(0, 2), 16)).to.be.below(0x80);
        }
        for (const name of CLIENT_CERTIFICATE_KINDS) {
          const { certPem, keyPem } = credential(pki.clientCertificate(name));
          expect(new X509Certificate(certPem).checkPrivateKey(createPrivateKey(keyPem)), name).to.equal(true);
        }
      });

      it('is memoized: a second request returns the same certificate', function () {
        // Given a certificate already requested
        const first = credential(pki.clientCertificate('expired'));
        // When it is requested again
        const second = credential(pki.clientCertificate('expired'));
        // Then it is the identical certificate (same serial), not a new one
        expect(second.certPem).to.equal(first.certPem);
      });
    });

    it('prints nothing while making a PKI and all its certificates', async function () {
      // Given stdout and stderr are watched
      const written: string[] = [];
      const originals = { out: process.stdout.write, err: process.stderr.write };
      const capture = ((chunk: unknown) => {
        written.push(String(chunk));
        return true;
      }) as typeof process.stdout.write;
      process.stdout.write = capture;
      process.stderr.write = capture;
      try {
        // When a PKI and every certificate are made
        const other = await TestPki.create();
        for (const name of CLIENT_CERTIFICATE_KINDS) other.clientCertificate(name);
        other.serverCredential('rsa-2048');
        other.serverCredential('rsa-1024');
      } finally {
        process.stdout.write = originals.out;
        process.stderr.write = originals.err;
      }
      // Then nothing was written
      expect(written).to.deep.equal([]);
    });
  });

  describe('fromUserFiles()', function () {
    let userDir: string;
    const user = (name: string) => join(userDir, name);

    before(function () {
      // A user's own PKI, made with the openssl CLI: an EC P-256 CA and an RSA client certificate.
      userDir = mkdtempSync(join(tmpdir(), 'part15-user-pki-'));
      const run = (args: string[]) => {
        const result = openssl(args, userDir);
        if (result.status !== 0) throw new Error(`openssl ${args[0]} failed: ${result.output}`);
      };
      run(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-subj', '/CN=User Hospital CA', '-days', '30']);
      run(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'client.key', '-out', 'client.csr', '-subj', '/CN=user modality']);
      run(['x509', '-req', '-in', 'client.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-set_serial', '4660', '-days', '30', '-out', 'client.pem']);
      writeFileSync(user('not-pem.txt'), 'hello, this is not PEM\n');
    });

    after(function () {
      if (userDir) rmSync(userDir, { recursive: true, force: true });
    });

    describe('without a CA key', function () {
      let pki: TestPki;

      before(async function () {
        pki = await TestPki.fromUserFiles({ caCert: user('ca.pem'), clientCert: user('client.pem'), clientKey: user('client.key') });
      });

      it('uses the user\'s own certificate and key as "valid" and their CA as caCertPem', function () {
        // Given a PKI from the user's files without --ca-key
        // When the valid credential and CA are read
        const valid = credential(pki.clientCertificate('valid'));
        // Then they are the user's own, and the key belongs to the certificate
        expect(pki.hasCaKey).to.equal(false);
        expect(new X509Certificate(valid.certPem).fingerprint256).to.equal(new X509Certificate(readFileSync(user('client.pem'))).fingerprint256);
        expect(new X509Certificate(valid.certPem).checkPrivateKey(createPrivateKey(valid.keyPem))).to.equal(true);
        expect(new X509Certificate(pki.caCertPem).fingerprint256).to.equal(new X509Certificate(readFileSync(user('ca.pem'))).fingerprint256);
      });

      it('reports every certificate that needs the CA key as unavailable, naming --ca-key', function () {
        // Given the list of certificates the suite schema says need the CA key
        // When each is requested
        const answers = CERTIFICATES_NEEDING_CA_KEY.map((name) => [name, pki.clientCertificate(name as ClientCertificateKind)] as const);
        // Then each is unavailable with a message naming --ca-key and the certificate
        for (const [name, answer] of answers) {
          expect(answer, name).to.deep.equal({ unavailable: `needs the CA private key (--ca-key) to issue a ${name} client certificate` });
        }
        expect(pki.clientCertificate('expired')).to.have.property('unavailable').that.includes('--ca-key');
      });

      it('still makes unknown-ca and self-signed, which the user\'s CA does not verify', async function () {
        // Given the two certificates that need no CA key
        const unknown = credential(pki.clientCertificate('unknown-ca'));
        const selfSigned = credential(pki.clientCertificate('self-signed'));
        await using written = await writeSecretFiles({ 'unknown-ca.pem': unknown.certPem, 'self-signed.pem': selfSigned.certPem });
        // When openssl verifies them against the user's CA
        const unknownResult = verify(user('ca.pem'), written.paths['unknown-ca.pem']!);
        const selfSignedResult = verify(user('ca.pem'), written.paths['self-signed.pem']!);
        // Then both fail (20: unknown issuer, 18: self-signed)
        expect(unknownResult.status).to.not.equal(0);
        expect(unknownResult.output).to.match(/error 20 at 0 depth/);
        expect(selfSignedResult.status).to.not.equal(0);
        expect(selfSignedResult.output).to.match(/error 18 at 0 depth/);
      });

      it('refuses a server credential with a HarnessError naming --ca-key', function () {
        // Given no CA key
        // When a server credential is requested
        // Then a HarnessError explains that the CA key is needed
        expect(() => pki.serverCredential('rsa-2048')).to.throw(HarnessError, /--ca-key/);
      });
    });

    describe('with a CA key', function () {
      let pki: TestPki;
      let written: SecretFiles;

      before(async function () {
        pki = await TestPki.fromUserFiles({ caCert: user('ca.pem'), clientCert: user('client.pem'), clientKey: user('client.key'), caKey: user('ca.key') });
        const entries: Record<string, string> = { 'server.pem': pki.serverCredential('rsa-2048').certPem };
        for (const name of CLIENT_CERTIFICATE_KINDS) entries[`${name}.pem`] = credential(pki.clientCertificate(name)).certPem;
        written = await writeSecretFiles(entries);
      });

      after(async function () {
        await written?.dispose();
      });

      it('issues expired from the user\'s CA: only the date fails, and the AKI is the CA\'s SKI', function () {
        // Given the expired certificate minted with the user's EC CA key
        // When openssl verifies it against the user's CA, with and without the time check
        const result = verify(user('ca.pem'), written.paths['expired.pem']!);
        const ignoringTime = verify(user('ca.pem'), written.paths['expired.pem']!, '-no_check_time');
        const dump = text(written.paths['expired.pem']!);
        const caSki = /Subject Key Identifier:\s*\n\s*([0-9A-F:]+)/.exec(text(user('ca.pem')))?.[1];
        // Then it expired (error 10) but chains to the user's CA, signed ecdsa-with-SHA256
        expect(result.output).to.match(/error 10 at 0 depth lookup: certificate has expired/);
        expect(ignoringTime.status).to.equal(0);
        expect(dump).to.match(/Signature Algorithm: ecdsa-with-SHA256/);
        expect(caSki).to.match(/^[0-9A-F]{2}(:[0-9A-F]{2})+$/);
        expect(dump).to.match(new RegExp(`Authority Key Identifier:\\s*\\n\\s*(keyid:)?${caSki}`));
        expect(new X509Certificate(readFileSync(written.paths['expired.pem']!)).issuer).to.equal('CN=User Hospital CA');
      });

      it('issues the positive certificates (server, rsa-1024, wrong-eku) so that they verify against the user\'s CA', function () {
        // Given certificates minted from the user's CA
        // When openssl verifies them
        const results = ['server', 'rsa-1024', 'wrong-eku'].map((n) => [n, verify(user('ca.pem'), written.paths[`${n}.pem`]!)] as const);
        // Then each verifies OK
        for (const [name, result] of results) expect(result.status, `${name}: ${result.output}`).to.equal(0);
      });

      it('signs the sha1 certificate with SHA-1 (ecdsa-with-SHA1 for an EC CA)', function () {
        // Given the sha1 certificate minted with the user's EC CA key
        // When openssl prints it
        const dump = text(written.paths['sha1.pem']!);
        // Then its signature algorithm is ecdsa-with-SHA1
        expect(dump).to.match(/Signature Algorithm: ecdsa-with-SHA1/);
      });

      it('keeps the user\'s own certificate as "valid"', function () {
        // Given a CA key was given
        // When valid is requested
        const valid = new X509Certificate(readFileSync(written.paths['valid.pem']!));
        // Then it is still the user's certificate (serial 4660 = 0x1234), not a minted one
        expect(pki.hasCaKey).to.equal(true);
        expect(valid.serialNumber).to.equal('1234');
        expect(valid.subject).to.equal('CN=user modality');
      });
    });

    describe('with unusable files', function () {
      it('names a missing file in a HarnessError', async function () {
        // Given a CA certificate path that does not exist
        const missing = user('no-such-ca.pem');
        // When the PKI is read
        const error = await TestPki.fromUserFiles({ caCert: missing, clientCert: user('client.pem'), clientKey: user('client.key') }).catch((e: unknown) => e);
        // Then a HarnessError names the file and says it cannot be read
        expect(error).to.be.instanceOf(HarnessError);
        expect((error as Error).message).to.include(missing).and.to.include('cannot read').and.to.include('ENOENT');
      });

      it('names a file that is not PEM', async function () {
        // Given a client certificate path pointing at plain text
        // When the PKI is read
        const error = await TestPki.fromUserFiles({ caCert: user('ca.pem'), clientCert: user('not-pem.txt'), clientKey: user('client.key') }).catch((e: unknown) => e);
        // Then a HarnessError names the file and says it is not PEM
        expect(error).to.be.instanceOf(HarnessError);
        expect((error as Error).message).to.include(user('not-pem.txt')).and.to.include('not a PEM certificate');
      });

      it('names a key that does not belong to its certificate, without quoting the key', async function () {
        // Given the CA key given as the client key
        // When the PKI is read
        const error = await TestPki.fromUserFiles({ caCert: user('ca.pem'), clientCert: user('client.pem'), clientKey: user('ca.key') }).catch((e: unknown) => e);
        // Then the message names the key file and the certificate file, and contains no key material
        expect(error).to.be.instanceOf(HarnessError);
        const message = (error as Error).message;
        expect(message).to.include(user('ca.key')).and.to.include(user('client.pem')).and.to.include('does not belong');
        expect(message).to.not.include('PRIVATE KEY');
      });

      it('names a private key file that is not PEM', async function () {
        // Given a client key path pointing at plain text
        // When the PKI is read
        const error = await TestPki.fromUserFiles({ caCert: user('ca.pem'), clientCert: user('client.pem'), clientKey: user('not-pem.txt') }).catch((e: unknown) => e);
        // Then a HarnessError names the key file
        expect(error).to.be.instanceOf(HarnessError);
        expect((error as Error).message).to.include(user('not-pem.txt')).and.to.include('not a PEM private key');
      });
    });
  });
});

describe('writeSecretFiles', function () {
  it('writes each file 0600 into a fresh 0700 folder, and dispose() removes the folder (twice is fine)', async function () {
    // Given two secrets
    // When they are written
    const written = await writeSecretFiles({ 'a.key': 'secret-a', 'b.pem': 'secret-b' });
    // Then the folder is 0700, each file 0600 with its content
    expect(statSync(written.dir).mode & 0o777).to.equal(0o700);
    for (const [name, content] of [['a.key', 'secret-a'], ['b.pem', 'secret-b']] as const) {
      const path = written.paths[name]!;
      expect(path.startsWith(written.dir)).to.equal(true);
      expect(statSync(path).mode & 0o777, name).to.equal(0o600);
      expect(readFileSync(path, 'utf8')).to.equal(content);
    }
    // And when disposed twice, the folder is gone and nothing throws
    await written.dispose();
    await written.dispose();
    expect(existsSync(written.dir)).to.equal(false);
  });

  it('gives each call its own folder', async function () {
    // Given two calls with the same file name
    await using first = await writeSecretFiles({ 'x.pem': '1' });
    await using second = await writeSecretFiles({ 'x.pem': '2' });
    // When their folders are compared
    // Then they differ and each file keeps its own content
    expect(first.dir).to.not.equal(second.dir);
    expect(readFileSync(first.paths['x.pem']!, 'utf8')).to.equal('1');
    expect(readFileSync(second.paths['x.pem']!, 'utf8')).to.equal('2');
  });

  it('refuses a name that would leave the folder', async function () {
    // Given a file name with a path in it
    // When it is written
    const error = await writeSecretFiles({ '../escape.pem': 'x' }).catch((e: unknown) => e);
    // Then a HarnessError refuses it and nothing is written outside
    expect(error).to.be.instanceOf(HarnessError);
    expect((error as Error).message).to.include('not a plain file name');
    expect(existsSync(join(tmpdir(), 'escape.pem'))).to.equal(false);
  });
});
