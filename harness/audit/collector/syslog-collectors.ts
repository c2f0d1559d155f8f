/**
 * The audit collectors a run offers a node (PS3.15 A.6 syslog over TLS, RFC 5425; A.7 syslog over
 * UDP, RFC 5426), on 127.0.0.1 only. They record what arrived — per TLS connection: the protocol,
 * the suite, whether the sender presented a certificate the run's CA issued, the octets and frames
 * it sent; per frame or datagram: the parsed RFC 5424 message and its problems — and never judge.
 *
 * Bounded, whatever the sender does: a connection that breaks the framing (garbage, LF framing, a
 * frame announced larger than `maxFrameOctets`) is recorded and closed without buffering the rest;
 * a sender that stops in the middle of a frame for `idleTimeoutMs` is recorded as stalled and
 * closed; at most `maxMessages` are kept, the rest only counted (`droppedMessages`). A connection
 * idle *between* frames is left open: RFC 5425 senders keep their connection (rsyslog does).
 */
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import type { AddressInfo } from 'node:net';
import { createServer, type TLSSocket, type Server as TlsServer } from 'node:tls';
import { parseSyslogMessage, type SyslogMessage } from '../syslog/rfc5424.ts';
import { OctetCountingFramer, type FramingFault } from '../syslog/rfc5425-framer.ts';

export interface CapturedMessage {
  transport: 'tls' | 'udp';
  receivedAt: string;
  /** The TLS connection it came on (index into connections), for TLS. */
  connection?: number;
  octets: number;
  message: SyslogMessage;
}

/** The sender stopped in the middle of a frame for `idleMs`; the collector closed the connection. */
export interface StallFault {
  kind: 'stalled';
  idleMs: number;
  /** Octets of the incomplete frame held when it was closed (MSG-LEN and SP included). */
  pendingOctets: number;
  /** The MSG-LEN that incomplete frame announced, when its digits and SP had arrived. */
  announcedOctets?: number;
}

export interface CapturedConnection {
  openedAt: string;
  protocol?: string;
  cipher?: string;
  /** The sender presented a client certificate, and whether it chains to the run's CA. */
  clientCertificate: 'none' | 'trusted' | 'untrusted';
  /** The TLS handshake failed (Node's error code, or its message): nothing was read. */
  tlsError?: string;
  /** Octets of the syslog stream received (after TLS), up to the close. */
  bytesReceived: number;
  /** Whole frames received, kept or not (see droppedMessages). */
  framesReceived: number;
  framingFault?: FramingFault;
  stalled?: StallFault;
  /** Octets of a frame still incomplete when the connection ended (a half frame). */
  pendingOctetsAtClose?: number;
  closedAt?: string;
}

export interface CollectorLimits {
  maxMessages: number;
  maxFrameOctets: number;
  /** A sender silent this long in the middle of a frame (or of the TLS handshake) is closed. */
  idleTimeoutMs?: number;
}
const DEFAULT_LIMITS: Required<CollectorLimits> = { maxMessages: 10_000, maxFrameOctets: 1 << 20, idleTimeoutMs: 30_000 };

/** RFC 5425 collector: TLS with the run's server certificate; asks for (and records) a client certificate. */
export class SyslogTlsCollector {
  readonly messages: CapturedMessage[] = [];
  readonly connections: CapturedConnection[] = [];
  /** Messages received but not kept because maxMessages were already held. */
  droppedMessages = 0;
  private server: TlsServer | undefined;
  private readonly open = new Set<TLSSocket>();
  private readonly limits: Required<CollectorLimits>;

  constructor(
    private readonly tls: { certPem: string; keyPem: string; caPem: string; requireClientCertificate: boolean },
    limits: Partial<CollectorLimits> = {},
  ) {
    this.limits = { ...DEFAULT_LIMITS, ...limits };
  }

  /** `port` 0 (default): a free one. */
  async start(port = 0): Promise<{ host: string; port: number }> {
    this.server = createServer(
      {
        cert: this.tls.certPem,
        key: this.tls.keyPem,
        ca: this.tls.caPem,
        requestCert: true,
        // Refusing a sender without a certificate is a policy the run chooses; either way it is recorded.
        rejectUnauthorized: this.tls.requireClientCertificate,
        minVersion: 'TLSv1',
        ciphers: 'DEFAULT:@SECLEVEL=0',
        handshakeTimeout: this.limits.idleTimeoutMs,
      },
      (socket) => this.accept(socket),
    );
    this.server.on('tlsClientError', (error: NodeJS.ErrnoException) => {
      const at = new Date().toISOString();
      const tlsError = error.code ?? error.message;
      // Only OpenSSL's "no certificate" is certain; any other failure (an alert, a reset, a timeout) keeps 'untrusted', with tlsError saying what happened.
      const clientCertificate = tlsError === 'ERR_SSL_PEER_DID_NOT_RETURN_A_CERTIFICATE' ? 'none' : 'untrusted';
      this.connections.push({ openedAt: at, clientCertificate, tlsError, bytesReceived: 0, framesReceived: 0, closedAt: at });
    });
    this.server.on('error', () => undefined); // after listen: recorded per connection, never a crash
    // A port in use must fail the start, not hang it.
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, '127.0.0.1', () => {
        this.server!.off('error', reject);
        resolve();
      });
    });
    return { host: '127.0.0.1', port: (this.server.address() as AddressInfo).port };
  }

  private accept(socket: TLSSocket): void {
    const peer = socket.getPeerCertificate();
    const connection: CapturedConnection = {
      openedAt: new Date().toISOString(),
      protocol: socket.getProtocol() ?? undefined,
      cipher: socket.getCipher()?.standardName,
      clientCertificate: !peer || Object.keys(peer).length === 0 ? 'none' : socket.authorized ? 'trusted' : 'untrusted',
      bytesReceived: 0,
      framesReceived: 0,
    } as CapturedConnection;
    const index = this.connections.push(connection) - 1;
    this.open.add(socket);
    const framer = new OctetCountingFramer(this.limits.maxFrameOctets);
    let stallTimer: NodeJS.Timeout | undefined;
    let lastDataAt = Date.now();
    const onStall = () => {
      connection.stalled = { kind: 'stalled', idleMs: Date.now() - lastDataAt, pendingOctets: framer.pendingOctets };
      if (framer.pendingAnnouncedOctets !== undefined) connection.stalled.announcedOctets = framer.pendingAnnouncedOctets;
      socket.destroy();
    };
    socket.on('data', (chunk: Buffer) => {
      if (socket.destroyed) return;
      lastDataAt = Date.now();
      connection.bytesReceived += chunk.length;
      for (const frame of framer.feed(chunk)) {
        connection.framesReceived += 1;
        this.keep({ transport: 'tls', receivedAt: new Date().toISOString(), connection: index, octets: frame.length, message: parseSyslogMessage(frame) });
      }
      clearTimeout(stallTimer);
      if (framer.fault) {
        connection.framingFault = framer.fault;
        socket.destroy();
      } else if (framer.pendingOctets > 0) {
        stallTimer = setTimeout(onStall, this.limits.idleTimeoutMs);
      }
    });
    const close = () => {
      clearTimeout(stallTimer);
      this.open.delete(socket);
      if (connection.closedAt) return;
      connection.closedAt = new Date().toISOString();
      if (framer.pendingOctets > 0) connection.pendingOctetsAtClose = framer.pendingOctets;
    };
    socket.on('close', close);
    socket.on('error', () => socket.destroy());
  }

  private keep(m: CapturedMessage): void {
    if (this.messages.length < this.limits.maxMessages) this.messages.push(m);
    else this.droppedMessages += 1;
  }

  /** Stops listening and closes the connections still open (a sender may hold one for good). */
  async stop(): Promise<void> {
    if (!this.server) return;
    const closed = [new Promise<void>((resolve) => this.server!.close(() => resolve()))];
    for (const socket of this.open) {
      closed.push(new Promise<void>((resolve) => socket.once('close', () => resolve())));
      socket.destroy();
    }
    await Promise.all(closed);
    this.server = undefined;
  }
}

/** RFC 5426 collector: one syslog message per datagram. */
export class SyslogUdpCollector {
  readonly messages: CapturedMessage[] = [];
  /** Datagrams received but not kept because maxMessages were already held. */
  droppedMessages = 0;
  private socket: UdpSocket | undefined;
  private readonly limits: Required<CollectorLimits>;

  constructor(limits: Partial<CollectorLimits> = {}) {
    this.limits = { ...DEFAULT_LIMITS, ...limits };
  }

  /** `port` 0 (default): a free one. */
  async start(port = 0): Promise<{ host: string; port: number }> {
    this.socket = createSocket('udp4');
    this.socket.on('message', (datagram: Buffer) => {
      if (this.messages.length >= this.limits.maxMessages) {
        this.droppedMessages += 1;
        return;
      }
      this.messages.push({ transport: 'udp', receivedAt: new Date().toISOString(), octets: datagram.length, message: parseSyslogMessage(datagram) });
    });
    await new Promise<void>((resolve, reject) => {
      this.socket!.once('error', reject);
      this.socket!.bind(port, '127.0.0.1', () => {
        this.socket!.off('error', reject);
        this.socket!.on('error', () => undefined); // after bind: a datagram error is no crash
        resolve();
      });
    });
    return { host: '127.0.0.1', port: this.socket.address().port };
  }

  async stop(): Promise<void> {
    if (!this.socket) return;
    await new Promise<void>((resolve) => this.socket!.close(() => resolve()));
    this.socket = undefined;
  }
}
