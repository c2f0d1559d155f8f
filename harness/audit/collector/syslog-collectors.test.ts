/**
 * The audit collectors on 127.0.0.1: a Node TLS client and Debian's `logger` (util-linux, a real
 * RFC 5424 sender) as senders. What arrives is recorded, never judged.
 */
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { connect } from 'node:tls';
import { TestPki } from '../../pki/test-pki.ts';
import { SyslogTlsCollector, SyslogUdpCollector } from './syslog-collectors.ts';

const MSG = '<85>1 2026-11-26T12:00:00Z host part15 1 IHE+RFC-3881 - \u{FEFF}<AuditMessage/>';
const frame = (m: string) => `${Buffer.byteLength(m)} ${m}`;
const until = async (ok: () => boolean, ms = 3000) => {
  const end = Date.now() + ms;
  while (!ok() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
};

describe('syslog collectors (RFC 5425 TLS, RFC 5426 UDP)', function () {
  this.timeout(20_000);
  let pki: TestPki;
  before(async function () {
    pki = await TestPki.create({ runTag: 'collector' });
  });

  const tlsCollector = (requireClientCertificate: boolean) => {
    const server = pki.serverCredential('rsa-2048');
    return new SyslogTlsCollector({ certPem: server.certPem, keyPem: server.keyPem, caPem: pki.caCertPem, requireClientCertificate });
  };
  const send = (port: number, chunks: string[], cert: 'valid' | 'none') =>
    new Promise<void>((resolve) => {
      const c = pki.clientCertificate('valid') as { certPem: string; keyPem: string };
      const s = connect({ host: '127.0.0.1', port, rejectUnauthorized: false, ...(cert === 'valid' ? { cert: c.certPem, key: c.keyPem } : {}) }, () => {
        for (const chunk of chunks) s.write(chunk);
        s.end();
      });
      s.on('close', () => resolve());
      s.on('error', () => resolve());
    });

  it('TLS: octet-counted frames split across writes arrive whole, from a sender with a trusted certificate', async function () {
    const collector = tlsCollector(true);
    const { port } = await collector.start();
    try {
      const stream = frame(MSG) + frame(MSG.replace('IHE+RFC-3881', 'DICOM+RFC3881'));
      await send(port, [stream.slice(0, 10), stream.slice(10, 70), stream.slice(70)], 'valid');
      await until(() => collector.messages.length === 2);
      expect(collector.messages.map((m) => [m.transport, m.message.msgId, m.message.problems.length])).to.deep.equal([
        ['tls', 'IHE+RFC-3881', 0],
        ['tls', 'DICOM+RFC3881', 0],
      ]);
      expect(collector.connections).to.have.length(1);
      expect(collector.connections[0]).to.include({ clientCertificate: 'trusted', protocol: 'TLSv1.3' });
    } finally {
      await collector.stop();
    }
  });

  it('TLS: a sender without a certificate is refused when one is required, and nothing is taken from it', async function () {
    const collector = tlsCollector(true);
    const { port } = await collector.start();
    try {
      await send(port, [frame(MSG)], 'none');
      await until(() => collector.connections.length > 0);
      expect(collector.messages).to.deep.equal([]);
      expect(collector.connections.every((c) => c.clientCertificate !== 'trusted')).to.equal(true);
    } finally {
      await collector.stop();
    }
  });

  it('TLS: LF framing (RFC 6587) is recorded as a framing fault and the connection closed; a half frame is recorded', async function () {
    const collector = tlsCollector(false);
    const { port } = await collector.start();
    try {
      await send(port, [`${MSG}\n`], 'valid');
      await send(port, [frame(MSG).slice(0, 30)], 'none');
      await until(() => collector.connections.filter((c) => c.closedAt).length === 2);
      expect(collector.connections[0]!.framingFault?.kind).to.equal('non-transparent-framing');
      expect(collector.connections[1]).to.include({ clientCertificate: 'none', pendingOctetsAtClose: 30 });
      expect(collector.messages).to.deep.equal([]);
    } finally {
      await collector.stop();
    }
  });

  it('UDP: one message per datagram, from a Node socket and from util-linux logger --rfc5424', async function () {
    const collector = new SyslogUdpCollector();
    const { port } = await collector.start();
    try {
      const s = createSocket('udp4');
      await new Promise<void>((resolve) => s.send(Buffer.from(MSG, 'utf8'), port, '127.0.0.1', () => resolve()));
      s.close();
      const logger = spawnSync('logger', ['--rfc5424', '-d', '-n', '127.0.0.1', '-P', String(port), '-p', 'authpriv.notice', '--msgid', 'DICOM+RFC3881', 'part15 collector test'], { encoding: 'utf8' });
      expect(logger.status, logger.stderr).to.equal(0);
      await until(() => collector.messages.length === 2);
      expect(collector.messages.map((m) => m.message.msgId)).to.deep.equal(['IHE+RFC-3881', 'DICOM+RFC3881']);
      const fromLogger = collector.messages[1]!.message;
      // authpriv = facility 10 (PS3.15 A.7), notice = severity 5: PRI <85>
      expect([fromLogger.facility, fromLogger.severity, fromLogger.version, fromLogger.problems]).to.deep.equal([10, 5, 1, []]);
      expect(fromLogger.msg?.toString('utf8')).to.equal('part15 collector test');
    } finally {
      await collector.stop();
    }
  });
});
