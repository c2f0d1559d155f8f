/**
 * The audit collectors on 127.0.0.1: a Node TLS client and Debian's `logger` (util-linux, a real
 * RFC 5424 sender) as senders. What arrives is recorded, never judged.
 */
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { connect, type TLSSocket } from 'node:tls';
import { TestPki } from '../../pki/test-pki.ts';
import { SyslogTlsCollector, SyslogUdpCollector, type CollectorLimits } from './syslog-collectors.ts';

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

  const tlsCollector = (requireClientCertificate: boolean, limits?: Partial<CollectorLimits>) => {
    const server = pki.serverCredential('rsa-2048');
    return new SyslogTlsCollector({ certPem: server.certPem, keyPem: server.keyPem, caPem: pki.caCertPem, requireClientCertificate }, limits);
  };
  /** A sender that stays connected until told: for stalls, floods and oversized frames. */
  const openSender = (port: number) =>
    new Promise<{ socket: TLSSocket; closed: Promise<void> }>((resolve, reject) => {
      const c = pki.clientCertificate('valid') as { certPem: string; keyPem: string };
      const socket = connect({ host: '127.0.0.1', port, rejectUnauthorized: false, cert: c.certPem, key: c.keyPem }, () => resolve({ socket, closed }));
      const closed = new Promise<void>((done) => socket.on('close', () => done()));
      socket.on('error', reject);
    });
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
      expect(collector.connections[1]).to.include({ clientCertificate: 'none', pendingOctetsAtClose: 30, bytesReceived: 30, framesReceived: 0 });
      expect(collector.messages).to.deep.equal([]);
    } finally {
      await collector.stop();
    }
  });

  describe('bounded, whatever the sender does (nothing judged, everything recorded)', function () {
    it('takes a frame of exactly 32 768 octets (PS3.15 A.6) whole, at the smallest frame limit allowed', async function () {
      const collector = tlsCollector(true, { maxFrameOctets: 32_768 });
      const { port } = await collector.start();
      try {
        const big = `<85>1 - - - - - - ${'x'.repeat(32_768 - 18)}`;
        expect(Buffer.byteLength(big)).to.equal(32_768);
        await send(port, [frame(big)], 'valid');
        await until(() => collector.connections[0]?.closedAt !== undefined);
        expect(collector.messages.map((m) => [m.octets, m.message.problems.length, m.message.msg?.length])).to.deep.equal([[32_768, 0, 32_768 - 18]]);
        expect(collector.connections[0]).to.include({ bytesReceived: 32_768 + 6, framesReceived: 1 });
        expect(collector.connections[0]!.framingFault).to.equal(undefined);
      } finally {
        await collector.stop();
      }
    });

    it('refuses a frame announced at 10 MB at its MSG-LEN: recorded, closed, nothing of it buffered', async function () {
      const collector = tlsCollector(true);
      const { port } = await collector.start();
      try {
        const { socket, closed } = await openSender(port);
        socket.on('error', () => undefined);
        socket.write('10485760 <85>1 - - - - - ');
        // The sender goes on writing its 10 MB; the collector must not read (or keep) them.
        const chunk = Buffer.alloc(64 * 1024, 0x78);
        let written = 0;
        let open = true;
        void closed.then(() => (open = false));
        while (open && written < 10 * 1024 * 1024) {
          written += chunk.length;
          if (!socket.write(chunk)) await Promise.race([new Promise((r) => socket.once('drain', r)), closed]);
        }
        await closed;
        await until(() => collector.connections[0]?.closedAt !== undefined);
        const c = collector.connections[0]!;
        expect(c.framingFault).to.deep.equal({ kind: 'frame-too-large', announced: 10_485_760, limit: 1 << 20 });
        expect(c.pendingOctetsAtClose).to.equal(undefined);
        expect(c.bytesReceived, 'octets read before the close').to.be.below(256 * 1024);
        expect(written, 'the sender was stopped before its 10 MB').to.be.below(10 * 1024 * 1024);
        expect(collector.messages).to.deep.equal([]);
      } finally {
        await collector.stop();
      }
    });

    it('records garbage (no MSG-LEN at all) as a framing fault and closes', async function () {
      const collector = tlsCollector(true);
      const { port } = await collector.start();
      try {
        const garbage = Buffer.concat([Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x80]), Buffer.from('GET / HTTP/1.1\r\n\r\n')]);
        await send(port, [garbage.toString('latin1')], 'valid');
        await send(port, ['12345678901234567890'], 'valid'); // digits, but no MSG-LEN can be that long
        await until(() => collector.connections.filter((c) => c.closedAt).length === 2);
        expect(collector.connections.map((c) => c.framingFault?.kind)).to.deep.equal(['bad-msg-len', 'bad-msg-len']);
        expect(collector.connections.map((c) => c.pendingOctetsAtClose)).to.deep.equal([undefined, undefined]);
        expect(collector.messages).to.deep.equal([]);
      } finally {
        await collector.stop();
      }
    });

    it('closes a sender stalled in the middle of a frame after idleTimeoutMs, with what it announced and sent', async function () {
      const collector = tlsCollector(true, { idleTimeoutMs: 200 });
      const { port } = await collector.start();
      try {
        const { socket, closed } = await openSender(port);
        socket.on('error', () => undefined);
        socket.write(frame(MSG).slice(0, 30));
        const t0 = Date.now();
        await closed; // the collector, not the sender, ends it
        const waited = Date.now() - t0;
        await until(() => collector.connections[0]?.closedAt !== undefined);
        const c = collector.connections[0]!;
        expect(c.stalled).to.include({ kind: 'stalled', pendingOctets: 30, announcedOctets: Buffer.byteLength(MSG) });
        expect(c.stalled!.idleMs).to.be.within(190, 2000);
        expect(waited).to.be.within(150, 2000);
        expect(c).to.include({ pendingOctetsAtClose: 30, bytesReceived: 30, framesReceived: 0 });
        expect(c.framingFault).to.equal(undefined);
      } finally {
        await collector.stop();
      }
    });

    it('leaves a connection idle between whole frames open (RFC 5425 senders keep theirs), and stop() still closes it', async function () {
      const collector = tlsCollector(true, { idleTimeoutMs: 200 });
      const { port } = await collector.start();
      const { socket, closed } = await openSender(port);
      socket.on('error', () => undefined);
      socket.write(frame(MSG));
      await new Promise((r) => setTimeout(r, 500));
      socket.write(frame(MSG));
      await until(() => collector.messages.length === 2);
      expect(collector.messages).to.have.length(2);
      expect(collector.connections[0]!.closedAt).to.equal(undefined);
      const t0 = Date.now();
      await collector.stop();
      await closed;
      expect(Date.now() - t0).to.be.below(2000);
      expect(collector.connections[0]!.closedAt).to.be.a('string');
      expect(collector.connections[0]!.stalled).to.equal(undefined);
    });

    it('keeps at most maxMessages of a flood (20 000 frames) and counts the rest as dropped', async function () {
      const collector = tlsCollector(true, { maxMessages: 1000 });
      const { port } = await collector.start();
      try {
        const one = frame(MSG);
        const flood = one.repeat(20_000);
        await send(port, [flood.slice(0, 1_000_001), flood.slice(1_000_001)], 'valid');
        await until(() => collector.connections[0]?.closedAt !== undefined, 10_000);
        expect(collector.messages).to.have.length(1000);
        expect(collector.droppedMessages).to.equal(19_000);
        expect(collector.connections[0]).to.include({ framesReceived: 20_000, bytesReceived: Buffer.byteLength(flood) });
        expect(collector.connections[0]!.framingFault).to.equal(undefined);
        expect(collector.connections[0]!.pendingOctetsAtClose).to.equal(undefined);
      } finally {
        await collector.stop();
      }
    });

    it('records why a TLS handshake failed (a sender without the certificate the collector requires)', async function () {
      const collector = tlsCollector(true);
      const { port } = await collector.start();
      try {
        await send(port, [frame(MSG)], 'none');
        await until(() => collector.connections.length > 0);
        expect(collector.connections[0]).to.include({ clientCertificate: 'none', tlsError: 'ERR_SSL_PEER_DID_NOT_RETURN_A_CERTIFICATE', bytesReceived: 0, framesReceived: 0 });
      } finally {
        await collector.stop();
      }
    });

    it('UDP: a garbage datagram is a message with a PRI problem, not a crash; beyond maxMessages datagrams are counted', async function () {
      const collector = new SyslogUdpCollector({ maxMessages: 3 });
      const { port } = await collector.start();
      try {
        const s = createSocket('udp4');
        const datagrams = [Buffer.from([0xff, 0x00, 0xfe, 0x3c]), Buffer.alloc(0), ...Array.from({ length: 50 }, () => Buffer.from(MSG, 'utf8'))];
        for (const d of datagrams) await new Promise<void>((resolve) => s.send(d, port, '127.0.0.1', () => resolve()));
        s.close();
        await until(() => collector.messages.length + collector.droppedMessages === datagrams.length);
        expect(collector.messages.map((m) => [m.octets, m.message.problems.map((p) => p.field)])).to.deep.equal([
          [4, ['pri']],
          [0, ['pri']],
          [Buffer.byteLength(MSG), []],
        ]);
        expect(collector.droppedMessages).to.equal(datagrams.length - 3);
      } finally {
        await collector.stop();
      }
    });
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
