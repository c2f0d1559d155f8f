/**
 * A TCP connection that keeps the first bytes each way, so evidence can show what the peer really
 * sent (a TLS alert record, a DICOM PDU, nothing) beneath what a TLS or DICOM library reports.
 * It is a Duplex over a net.Socket: `tls.connect({ socket })` accepts it.
 */
import { connect, type Socket } from 'node:net';
import { Duplex } from 'node:stream';

export type ConnectResult =
  | { status: 'connected'; connection: TappedConnection }
  | { status: 'connection-refused'; message: string }
  | { status: 'no-response'; afterMs: number }
  | { status: 'network-error'; message: string };

const KEEP_BYTES = 2048;

export class TappedConnection extends Duplex {
  private readonly inbound: Buffer[] = [];
  private readonly outbound: Buffer[] = [];
  private inboundLength = 0;
  private outboundLength = 0;
  /** Set when the peer half-closed or reset the connection. */
  peerClosed: 'end' | 'reset' | undefined;

  constructor(readonly socket: Socket) {
    super();
    socket.on('data', (chunk: Buffer) => {
      this.keep(this.inbound, chunk, 'in');
      if (!this.push(chunk)) socket.pause();
    });
    socket.on('end', () => {
      this.peerClosed ??= 'end';
      this.push(null);
    });
    socket.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'ECONNRESET') this.peerClosed ??= 'reset';
      this.destroy(err);
    });
    socket.on('close', () => {
      if (!this.destroyed) this.push(null);
    });
  }

  /** The first bytes received from the peer (at most 2 KiB). */
  get receivedBytes(): Buffer {
    return Buffer.concat(this.inbound);
  }
  get sentBytes(): Buffer {
    return Buffer.concat(this.outbound);
  }

  private keep(list: Buffer[], chunk: Buffer, way: 'in' | 'out') {
    const have = way === 'in' ? this.inboundLength : this.outboundLength;
    if (have >= KEEP_BYTES) return;
    const part = chunk.subarray(0, KEEP_BYTES - have);
    list.push(Buffer.from(part));
    if (way === 'in') this.inboundLength += part.length;
    else this.outboundLength += part.length;
  }

  override _read(): void {
    this.socket.resume();
  }
  override _write(chunk: Buffer, _enc: BufferEncoding, done: (err?: Error | null) => void): void {
    this.keep(this.outbound, chunk, 'out');
    this.socket.write(chunk, done);
  }
  override _final(done: (err?: Error | null) => void): void {
    this.socket.end(done);
  }
  override _destroy(err: Error | null, done: (err?: Error | null) => void): void {
    this.socket.destroy();
    done(err);
  }
}

/** Opens a TCP connection, bounded in time; refusal and silence are results, not exceptions. */
export function openTappedConnection(host: string, port: number, timeoutMs: number, signal?: AbortSignal): Promise<ConnectResult> {
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = connect({ host, port });
    socket.setNoDelay(true);
    const finish = (r: ConnectResult) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      socket.removeAllListeners('connect');
      socket.removeListener('error', onError);
      if (r.status !== 'connected') socket.destroy();
      resolve(r);
    };
    const onAbort = () => finish({ status: 'network-error', message: 'aborted by the harness' });
    const onError = (err: NodeJS.ErrnoException) =>
      finish(
        err.code === 'ECONNREFUSED'
          ? { status: 'connection-refused', message: `${host}:${port} refused the connection` }
          : { status: 'network-error', message: `${err.code ?? ''} ${err.message}`.trim() },
      );
    const timer = setTimeout(() => finish({ status: 'no-response', afterMs: Date.now() - started }), timeoutMs);
    signal?.addEventListener('abort', onAbort, { once: true });
    socket.once('error', onError);
    socket.once('connect', () => finish({ status: 'connected', connection: new TappedConnection(socket) }));
  });
}

/** What the first bytes from a peer look like, for evidence: a TLS record, a DICOM PDU, or neither. */
export function describeFirstBytes(bytes: Buffer): string {
  if (bytes.length === 0) return 'no bytes';
  const hex = bytes.subarray(0, 16).toString('hex').replace(/(..)/g, '$1 ').trim();
  const t = bytes[0]!;
  if (t >= 0x14 && t <= 0x17 && bytes.length >= 3 && bytes[1] === 0x03) {
    const kind = { 0x14: 'change_cipher_spec', 0x15: 'alert', 0x16: 'handshake', 0x17: 'application_data' }[t];
    const extra = t === 0x15 && bytes.length >= 7 ? ` (level ${bytes[5]}, description ${bytes[6]})` : '';
    return `TLS ${kind} record${extra}: ${hex}`;
  }
  const pdu = DICOM_PDU_TYPES[t];
  if (pdu && bytes.length >= 2 && bytes[1] === 0x00) return `DICOM ${pdu} PDU: ${hex}`;
  return `unrecognised bytes: ${hex}`;
}

export const DICOM_PDU_TYPES: Readonly<Record<number, string>> = {
  0x01: 'A-ASSOCIATE-RQ',
  0x02: 'A-ASSOCIATE-AC',
  0x03: 'A-ASSOCIATE-RJ',
  0x04: 'P-DATA-TF',
  0x05: 'A-RELEASE-RQ',
  0x06: 'A-RELEASE-RP',
  0x07: 'A-ABORT',
};
