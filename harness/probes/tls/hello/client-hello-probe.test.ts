/**
 * tls.hello against local peers with known behaviour (no containers): Node `tls.createServer`
 * instances on 127.0.0.1:0 with known configurations, and raw `net` servers that close, reset,
 * stay silent or answer garbage. Outcomes are asserted; the bytes behind them are in the evidence.
 */
import { createServer as createNetServer, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer, type TlsOptions } from 'node:tls';
import { X509Certificate } from 'node:crypto';
import { expect } from 'chai';
import type { TlsHelloEvidence } from '../../../core/evidence.ts';
import { HarnessError } from '../../../core/errors.ts';
import type { RunningTarget } from '../../../core/target.ts';
import { TestPki, type ServerCredential } from '../../../pki/test-pki.ts';
import { Step, TlsHelloParams } from '../../../suite/schema.ts';
import { runStep } from '../../registry.ts';
import { decodeClientHello, describeOffer, encodeClientHello } from './client-hello.ts';
import { exchangeHello, RECEIVED_HEX_LIMIT, tlsHelloProbe } from './client-hello-probe.ts';
import { alertRecord, extension, handshakeRecord, serverHello } from './testing/tls-test-builder.ts';

const params = (p: Record<string, unknown>): TlsHelloParams => TlsHelloParams.parse(p);
const ctx = () => ({ signal: new AbortController().signal });

function targetAt(port: number): RunningTarget {
  return {
    name: 'local-peer',
    description: 'a peer on 127.0.0.1 made by this test',
    kind: 'external',
    endpoints: { dimseTls: { host: '127.0.0.1', port, calledAeTitle: 'ANY-SCP' } },
    pki: { caCertPem: '', clientCertificate: () => ({ unavailable: 'not needed by tls.hello' }) },
    maxConnections: 1,
    stop: async () => {},
  };
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return (server.address() as { port: number }).port;
}

async function closeServer(server: Server): Promise<void> {
  await new Promise<void>((r) => server.close(() => r()));
}

describe('tls.hello probe', function () {
  this.timeout(30_000);
  let pki: TestPki;
  let cred: ServerCredential;
  before(async function () {
    pki = await TestPki.create({ runTag: 'hello-probe' });
    cred = pki.serverCredential('rsa-2048');
  });

  /** A Node TLS server with `options`, run for the duration of `fn`. Connections are tracked so the test can check the probe closed its own. */
  async function withTlsServer<T>(options: TlsOptions, fn: (port: number, open: () => number) => Promise<T>): Promise<T> {
    const sockets = new Set<Socket>();
    const server = createTlsServer({ cert: cred.certPem, key: cred.keyPem, ...options }, (s) => s.on('error', () => {}));
    server.on('connection', (s: Socket) => {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
    });
    server.on('tlsClientError', () => {});
    const port = await listen(server);
    try {
      return await fn(port, () => sockets.size);
    } finally {
      await closeServer(server);
    }
  }

  async function withNetServer<T>(onConnection: (s: Socket) => void, fn: (port: number) => Promise<T>): Promise<T> {
    const sockets = new Set<Socket>();
    const server = createNetServer((s) => {
      sockets.add(s);
      s.on('error', () => {});
      onConnection(s);
    });
    const port = await listen(server);
    try {
      return await fn(port);
    } finally {
      for (const s of sockets) s.destroy();
      await closeServer(server);
    }
  }

  const probe = async (port: number, p: Record<string, unknown>) => (await tlsHelloProbe.run(targetAt(port), 'hello', params(p), ctx())) as TlsHelloEvidence;

  describe('against Node TLS servers with known configurations', function () {
    it('TLS 1.2-only server: ServerHello TLSv1.2 with certificate, ECDHE x25519, no CertificateRequest; evidence complete', async function () {
      await withTlsServer({ maxVersion: 'TLSv1.2' }, async (port, open) => {
        // Given a TLS 1.2-only server and a hello offering 1.3 and 1.2
        const ev = await probe(port, { cipherSuites: ['0x1301', '0xC02F'], supportedVersions: ['TLSv1.3', 'TLSv1.2'] });

        // Then the server's choice and flight are read
        expect(ev).to.deep.include({ kind: 'tls-hello', step: 'hello', endpoint: { host: '127.0.0.1', port } });
        expect(ev.outcome).to.deep.include({
          status: 'server-hello',
          version: 'TLSv1.2',
          cipherSuite: { code: 0xc02f, name: 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256' },
          serverKeyExchange: { kind: 'ecdhe', group: { code: 29, name: 'x25519' } },
          certificateRequest: false,
          helloRetryRequest: false,
        });
        if (ev.outcome.status !== 'server-hello') return;
        expect(ev.outcome.certificates!.map((c) => c.sha256Fingerprint)).to.deep.equal([new X509Certificate(cred.certPem).fingerprint256]);

        // And the evidence records exactly what was sent and received
        const sent = Buffer.from(ev.sentHex, 'hex');
        expect(ev.offered).to.deep.equal(describeOffer(sent));
        expect(ev.offered.supportedVersions).to.deep.equal(['TLSv1.3', 'TLSv1.2']);
        expect(ev.offered.extensions).to.include.members(['supported_versions', 'key_share']);
        expect(decodeClientHello(sent).keyShares![0]!.publicKey.length).to.equal(32);
        expect(ev.receivedHex).to.match(/^160303/);
        expect(new Date(ev.startedAt).toISOString()).to.equal(ev.startedAt);
        expect(ev.durationMs).to.be.within(0, 5000);

        // And the probe closed its connection
        await new Promise((r) => setTimeout(r, 50));
        expect(open()).to.equal(0);
      });
    });

    it('TLS 1.3 server: decided on the ServerHello (TLS 1.3, no TLS 1.2 fields), quickly', async function () {
      await withTlsServer({}, async (port) => {
        const ev = await probe(port, { cipherSuites: ['0x1303'], supportedVersions: ['TLSv1.3'], keyShares: ['secp256r1'], supportedGroups: ['secp256r1'] });
        expect(ev.outcome).to.deep.include({ status: 'server-hello', version: 'TLSv1.3', cipherSuite: { code: 0x1303, name: 'TLS_CHACHA20_POLY1305_SHA256' }, helloRetryRequest: false });
        expect(ev.outcome).to.not.have.property('certificates');
        expect(ev.durationMs).to.be.below(1000); // not the 1.5 s TLS 1.2 settle
      });
    });

    it('TLS 1.3 server whose only group is P-384, offered an x25519 key share: HelloRetryRequest', async function () {
      await withTlsServer({ ecdhCurve: 'P-384' }, async (port) => {
        const ev = await probe(port, { cipherSuites: ['0x1301'], supportedVersions: ['TLSv1.3'], supportedGroups: ['x25519', 'secp384r1'], keyShares: ['x25519'] });
        expect(ev.outcome).to.deep.include({ status: 'server-hello', version: 'TLSv1.3', helloRetryRequest: true });
      });
    });

    it('requestCert: true → CertificateRequest seen (TLS 1.2)', async function () {
      await withTlsServer({ requestCert: true, maxVersion: 'TLSv1.2' }, async (port) => {
        const ev = await probe(port, { cipherSuites: ['0xC030'] });
        expect(ev.outcome).to.deep.include({ status: 'server-hello', version: 'TLSv1.2', certificateRequest: true });
      });
    });

    it('DHE-only server (dhparam auto): ServerKeyExchange dh_p of 2048 bits', async function () {
      await withTlsServer({ maxVersion: 'TLSv1.2', ciphers: 'DHE-RSA-AES256-GCM-SHA384', dhparam: 'auto' }, async (port) => {
        const ev = await probe(port, { cipherSuites: ['0xC02F', '0x009F'] });
        expect(ev.outcome).to.deep.include({ status: 'server-hello', cipherSuite: { code: 0x009f, name: 'TLS_DHE_RSA_WITH_AES_256_GCM_SHA384' }, serverKeyExchange: { kind: 'dhe', primeBits: 2048 } });
      });
    });

    it('a TLS 1.3-capable server offered TLS 1.2 only: the downgrade sentinel', async function () {
      await withTlsServer({}, async (port) => {
        const ev = await probe(port, { cipherSuites: ['0xC02F'] });
        expect(ev.outcome).to.deep.include({ status: 'server-hello', version: 'TLSv1.2', downgradeSentinel: 'tls12' });
      });
    });

    it('min TLS 1.2 server, TLS 1.0 hello → fatal alert 70 protocol_version', async function () {
      await withTlsServer({ minVersion: 'TLSv1.2' }, async (port) => {
        const ev = await probe(port, { cipherSuites: ['0x002F', '0x000A'], legacyVersion: 'TLSv1' });
        expect(ev.outcome).to.deep.equal({ status: 'alert', alert: { code: 70, name: 'protocol_version' }, level: 'fatal' });
        expect(ev.offered.legacyVersion).to.equal('TLSv1');
        expect(Buffer.from(ev.sentHex, 'hex').readUInt16BE(1)).to.equal(0x0301);
      });
    });

    it('SSLv3 hello → refused with an alert, never a ServerHello (OpenSSL 3.0 says handshake_failure, not protocol_version)', async function () {
      await withTlsServer({}, async (port) => {
        const ev = await probe(port, { cipherSuites: ['0x000A', '0x002F'], legacyVersion: 'SSLv3', extendedMasterSecret: false, renegotiationInfo: false, signatureAlgorithms: 'none' });
        expect(ev.outcome.status).to.equal('alert');
        if (ev.outcome.status === 'alert') expect(ev.outcome.alert.name).to.be.oneOf(['handshake_failure', 'protocol_version']);
        expect(Buffer.from(ev.sentHex, 'hex').subarray(0, 3).toString('hex')).to.equal('160300');
      });
    });

    it('a suite the server lacks (Camellia-GCM, which OpenSSL 3 has not) → fatal alert 40 handshake_failure', async function () {
      await withTlsServer({}, async (port) => {
        const ev = await probe(port, { cipherSuites: ['TLS_ECDHE_RSA_WITH_CAMELLIA_128_GCM_SHA256'] });
        expect(ev.outcome).to.deep.equal({ status: 'alert', alert: { code: 40, name: 'handshake_failure' }, level: 'fatal' });
      });
    });

    it('TLS_FALLBACK_SCSV with a TLS 1.2 hello to a TLS 1.3 server → alert 86 inappropriate_fallback (what Node alone cannot send)', async function () {
      await withTlsServer({}, async (port) => {
        const ev = await probe(port, { cipherSuites: ['0xC02F'], fallbackScsv: true });
        expect(ev.outcome).to.deep.equal({ status: 'alert', alert: { code: 86, name: 'inappropriate_fallback' }, level: 'fatal' });
        expect(ev.offered.cipherSuites.at(-1)).to.deep.equal({ code: 0x5600, name: 'TLS_FALLBACK_SCSV' });
      });
    });

    it('runs through the registry as step probe tls.hello', async function () {
      await withTlsServer({}, async (port) => {
        const step = Step.parse({ as: 'hello', probe: 'tls.hello', params: { cipherSuites: ['0x1301'], supportedVersions: ['TLSv1.3'] } });
        const ev = (await runStep(targetAt(port), step, ctx())) as TlsHelloEvidence;
        expect(ev.kind).to.equal('tls-hello');
        expect(ev.outcome).to.deep.include({ status: 'server-hello', version: 'TLSv1.3' });
      });
    });
  });

  describe('against peers that do not speak TLS properly', function () {
    it('closes at once (FIN, no byte) → closed by close', async function () {
      await withNetServer((s) => s.end(), async (port) => {
        const ev = await probe(port, { cipherSuites: ['0xC02F'] });
        expect(ev.outcome).to.deep.equal({ status: 'closed', closedBy: 'close' });
        expect(ev.receivedHex).to.equal('');
      });
    });

    it('resets after reading the hello (RST, no byte) → closed by reset', async function () {
      await withNetServer((s) => s.once('data', () => s.resetAndDestroy()), async (port) => {
        const ev = await probe(port, { cipherSuites: ['0xC02F'] });
        expect(ev.outcome).to.deep.equal({ status: 'closed', closedBy: 'reset' });
      });
    });

    it('never answers → no-response after timeoutMs (silence is no refusal)', async function () {
      await withNetServer(() => {}, async (port) => {
        const ev = await probe(port, { cipherSuites: ['0xC02F'], timeoutMs: 300 });
        expect(ev.outcome).to.deep.equal({ status: 'no-response', afterMs: 300 });
        expect(ev.durationMs).to.be.within(280, 1500);
      });
    });

    it('nothing listens → connection-refused', async function () {
      const server = createNetServer();
      const port = await listen(server);
      await closeServer(server);
      const ev = await probe(port, { cipherSuites: ['0xC02F'] });
      expect(ev.outcome).to.deep.equal({ status: 'connection-refused', message: `127.0.0.1:${port} refused the connection` });
    });

    it('answers HTTP → protocol-violation, with the bytes in receivedHex', async function () {
      await withNetServer((s) => s.once('data', () => s.end('HTTP/1.1 400 Bad Request\r\n\r\n')), async (port) => {
        const ev = await probe(port, { cipherSuites: ['0xC02F'] });
        expect(ev.outcome.status).to.equal('protocol-violation');
        expect(ev.receivedHex).to.match(/^48545450/);
      });
    });

    it('a TLS 1.2 ServerHello, then silence: after the settle time, the ServerHello as seen (not the full timeout)', async function () {
      const sh = handshakeRecord(serverHello({ suite: 0xc02f, extensions: [extension(0xff01, Buffer.from([0]))] }));
      await withNetServer((s) => s.once('data', () => s.write(sh)), async (port) => {
        const started = Date.now();
        const hello = encodeClientHello(params({ cipherSuites: ['0xC02F'] }), []);
        const { outcome, received } = await exchangeHello({ host: '127.0.0.1', port }, hello, { timeoutMs: 5000, settleMs: 200 });
        expect(outcome).to.deep.include({ status: 'server-hello', version: 'TLSv1.2' });
        expect(outcome).to.not.have.property('certificateRequest');
        expect(received.equals(sh)).to.equal(true);
        expect(Date.now() - started).to.be.within(150, 2000);
      });
    });

    it('half a record, then silence: at the timeout, a stalled protocol-violation (not no-response)', async function () {
      await withNetServer((s) => s.once('data', () => s.write(Buffer.from('1603030050020000', 'hex'))), async (port) => {
        const ev = await probe(port, { cipherSuites: ['0xC02F'], timeoutMs: 300 });
        expect(ev.outcome.status).to.equal('protocol-violation');
        if (ev.outcome.status === 'protocol-violation') expect(ev.outcome.detail).to.match(/^stalled/);
      });
    });

    it('half a record, then close: truncated protocol-violation', async function () {
      await withNetServer((s) => s.once('data', () => s.end(Buffer.from('1603030050020000', 'hex'))), async (port) => {
        const ev = await probe(port, { cipherSuites: ['0xC02F'] });
        expect(ev.outcome.status).to.equal('protocol-violation');
        if (ev.outcome.status === 'protocol-violation') expect(ev.outcome.detail).to.match(/^truncated/);
      });
    });

    it('keeps at most 16 KiB of what was received', async function () {
      // Given a peer that sends 3000 warning alerts (21 000 bytes), then closes
      const warnings = Buffer.concat(Array.from({ length: 3000 }, () => alertRecord(1, 112)));
      await withNetServer((s) => s.once('data', () => s.end(warnings)), async (port) => {
        const ev = await probe(port, { cipherSuites: ['0xC02F'] });
        expect(ev.outcome).to.deep.equal({ status: 'alert', alert: { code: 112, name: 'unrecognized_name' }, level: 'warning' });
        expect(ev.receivedHex.length).to.equal(RECEIVED_HEX_LIMIT * 2);
      });
    });

    it('an aborted run: rejects with HarnessError and closes the connection', async function () {
      let closedByProbe = false;
      await withNetServer((s) => s.resume().on('close', () => (closedByProbe = true)), async (port) => {
        const ac = new AbortController();
        const run = tlsHelloProbe.run(targetAt(port), 'hello', params({ cipherSuites: ['0xC02F'] }), { signal: ac.signal });
        setTimeout(() => ac.abort(), 100);
        let err: unknown;
        await run.catch((e) => (err = e));
        expect(err).to.be.instanceOf(HarnessError);
        await new Promise((r) => setTimeout(r, 50));
        expect(closedByProbe).to.equal(true);
      });
    });
  });
});
