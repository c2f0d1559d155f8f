/**
 * The audit collectors a run offers a node (PS3.15 A.6 syslog over TLS, RFC 5425; A.7 syslog over
 * UDP, RFC 5426), on 127.0.0.1 only. They record what arrived — per TLS connection: the protocol,
 * the suite, whether the sender presented a certificate the run's CA issued; per frame or datagram:
 * the parsed RFC 5424 message and its problems — and never judge. Bounded: a connection that
 * breaks the framing is closed and recorded; at most `maxMessages` are kept.
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

export interface CapturedConnection {
  openedAt: string;
  protocol?: string;
  cipher?: string;
  /** The sender presented a client certificate, and whether it chains to the run's CA. */
  clientCertificate: 'none' | 'trusted' | 'untrusted';
  framingFault?: FramingFault;
  /** Octets of a frame still incomplete when the connection ended (a half frame). */
  pendingOctetsAtClose?: number;
  closedAt?: string;
}

export interface CollectorLimits {
  maxMessages: number;
  maxFrameOctets: number;
}
const DEFAULT_LIMITS: CollectorLimits = { maxMessages: 10_000, maxFrameOctets: 1 << 20 };

/** RFC 5425 collector: TLS with the run's server certificate; asks for (and records) a client certificate. */
export class SyslogTlsCollector {
  readonly messages: CapturedMessage[] = [];
  readonly connections: CapturedConnection[] = [];
  private server: TlsServer | undefined;

  constructor(
    private readonly tls: { certPem: string; keyPem: string; caPem: string; requireClientCertificate: boolean },
    private readonly limits: CollectorLimits = DEFAULT_LIMITS,
  ) {}

  async start(): Promise<{ host: string; port: number }> {
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
      },
      (socket) => this.accept(socket),
    );
    this.server.on('tlsClientError', () => {
      this.connections.push({ openedAt: new Date().toISOString(), clientCertificate: 'untrusted', closedAt: new Date().toISOString() });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return { host: '127.0.0.1', port: (this.server.address() as AddressInfo).port };
  }

  private accept(socket: TLSSocket): void {
    const peer = socket.getPeerCertificate();
    const connection: CapturedConnection = {
      openedAt: new Date().toISOString(),
      protocol: socket.getProtocol() ?? undefined,
      cipher: socket.getCipher()?.standardName,
      clientCertificate: !peer || Object.keys(peer).length === 0 ? 'none' : socket.authorized ? 'trusted' : 'untrusted',
    } as CapturedConnection;
    const index = this.connections.push(connection) - 1;
    const framer = new OctetCountingFramer(this.limits.maxFrameOctets);
    socket.on('data', (chunk: Buffer) => {
      for (const frame of framer.feed(chunk)) this.keep({ transport: 'tls', receivedAt: new Date().toISOString(), connection: index, octets: frame.length, message: parseSyslogMessage(frame) });
      if (framer.fault) {
        connection.framingFault = framer.fault;
        socket.destroy();
      }
    });
    const close = () => {
      if (connection.closedAt) return;
      connection.closedAt = new Date().toISOString();
      if (framer.pendingOctets > 0) connection.pendingOctetsAtClose = framer.pendingOctets;
    };
    socket.on('close', close);
    socket.on('error', () => socket.destroy());
  }

  private keep(m: CapturedMessage): void {
    if (this.messages.length < this.limits.maxMessages) this.messages.push(m);
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = undefined;
  }
}

/** RFC 5426 collector: one syslog message per datagram. */
export class SyslogUdpCollector {
  readonly messages: CapturedMessage[] = [];
  private socket: UdpSocket | undefined;

  constructor(private readonly limits: CollectorLimits = DEFAULT_LIMITS) {}

  async start(): Promise<{ host: string; port: number }> {
    this.socket = createSocket('udp4');
    this.socket.on('message', (datagram: Buffer) => {
      if (this.messages.length >= this.limits.maxMessages) return;
      this.messages.push({ transport: 'udp', receivedAt: new Date().toISOString(), octets: datagram.length, message: parseSyslogMessage(datagram) });
    });
    await new Promise<void>((resolve) => this.socket!.bind(0, '127.0.0.1', resolve));
    return { host: '127.0.0.1', port: this.socket.address().port };
  }

  async stop(): Promise<void> {
    if (!this.socket) return;
    await new Promise<void>((resolve) => this.socket!.close(() => resolve()));
    this.socket = undefined;
  }
}
