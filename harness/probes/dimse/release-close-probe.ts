/**
 * dimse.release-close (DTLS-02) — a Verification association over TLS 1.2 on a socket of our own,
 * released with A-RELEASE-RQ. On the A-RELEASE-RP the requestor closes the transport (PS3.8 AR-3):
 * part15 sends its close_notify, and TLS requires the node to answer with its own close_notify
 * before closing (RFC 5246 §7.2.1). Did it?
 *
 * Node's TLS socket reports a close_notify and a bare FIN alike, so this probe keeps the raw bytes
 * it receives (a pass-through stream under TLS) and reads the record types: after the handshake,
 * a TLS 1.2 record of type 21 is an (encrypted) alert, and at the end of a released association
 * that alert is the close_notify. TLS 1.3 hides record types, hence TLS 1.2 here.
 */
import { connect as netConnect, type Socket } from 'node:net';
import { Duplex } from 'node:stream';
import { connect as tlsConnect } from 'node:tls';
import type { TlsCloseEvidence } from '../../core/evidence.ts';
import type { Probe, ProbeContext } from '../../core/probe.ts';
import type { RunningTarget } from '../../core/target.ts';
import type { DimseReleaseCloseParams } from '../../suite/schema.ts';
import { resolveEndpoint } from '../endpoint.ts';
import { alertFromNodeError } from '../tls/tls-alerts.ts';
import { cipherStringFor, clientCredential } from '../tls/tls-handshake-probe.ts';
import { freshCallingAeTitle } from './associate-probe.ts';
import { A_RELEASE_RQ, encodeVerificationAssociateRq } from './pdu/a-associate-rq.ts';
import { evidenceBase } from '../evidence-base.ts';

/** Passes bytes through unchanged and keeps what came in; ends (never errors) when the peer resets. */
class RecordingStream extends Duplex {
  readonly inbound: Buffer[] = [];
  peerClosed: 'fin' | 'reset' | undefined;
  constructor(private readonly socket: Socket) {
    super();
    socket.on('data', (chunk: Buffer) => {
      this.inbound.push(chunk);
      if (!this.push(chunk)) socket.pause();
    });
    socket.on('end', () => {
      this.peerClosed ??= 'fin';
      this.push(null);
    });
    socket.on('error', (err: NodeJS.ErrnoException) => {
      this.peerClosed ??= err.code === 'ECONNRESET' ? 'reset' : 'fin';
      this.push(null);
    });
  }
  override _read(): void {
    this.socket.resume();
  }
  override _write(chunk: Buffer, _enc: BufferEncoding, done: (err?: Error | null) => void): void {
    this.socket.write(chunk, () => done());
  }
  override _final(done: () => void): void {
    this.socket.end(done);
  }
  override _destroy(err: Error | null, done: (err?: Error | null) => void): void {
    this.socket.destroy();
    done(err);
  }
}

/** Content types of the TLS records in `bytes` that follow the server's ChangeCipherSpec (type 20). */
export function recordTypesAfterChangeCipherSpec(bytes: Buffer): number[] {
  const types: number[] = [];
  let seenCcs = false;
  for (let at = 0; at + 5 <= bytes.length; ) {
    const type = bytes[at]!;
    const length = bytes.readUInt16BE(at + 3);
    if (seenCcs) types.push(type);
    if (type === 20) seenCcs = true;
    at += 5 + length;
  }
  return types;
}

export const dimseReleaseCloseProbe: Probe<DimseReleaseCloseParams> = {
  id: 'dimse.release-close',
  async run(target: RunningTarget, stepName: string, params: DimseReleaseCloseParams, ctx: ProbeContext): Promise<TlsCloseEvidence> {
    const endpoint = resolveEndpoint(target, params.endpoint);
    const credential = clientCredential(target.pki, params.clientCertificate);
    const startedAt = new Date();
    const outcome = await new Promise<TlsCloseEvidence['outcome']>((resolve) => {
      let settled = false;
      let released = false;
      const raw = netConnect({ host: endpoint.host, port: endpoint.port });
      raw.setNoDelay(true);
      const recording = new RecordingStream(raw);
      const finish = (o: TlsCloseEvidence['outcome']) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        ctx.signal.removeEventListener('abort', onAbort);
        tls.destroy();
        raw.destroy();
        resolve(o);
      };
      const onAbort = () => finish({ status: 'no-response', afterMs: Date.now() - startedAt.getTime() });
      ctx.signal.addEventListener('abort', onAbort, { once: true });
      let timer = setTimeout(() => finish({ status: 'no-response', afterMs: params.timeoutMs }), params.timeoutMs);
      const afterRelease = () => {
        const types = recordTypesAfterChangeCipherSpec(Buffer.concat(recording.inbound));
        // The node's alert after the association's data: the close_notify.
        finish({ status: 'released', closeNotify: types.includes(21), closedBy: recording.peerClosed ?? 'still-open', recordTypesAfterHandshake: types });
      };
      raw.once('error', (err: NodeJS.ErrnoException) => {
        if (err.code === 'ECONNREFUSED') finish({ status: 'connection-refused', message: err.message });
      });
      const tls = tlsConnect({
        socket: recording,
        minVersion: 'TLSv1.2',
        maxVersion: 'TLSv1.2',
        ciphers: cipherStringFor({ minVersion: 'TLSv1.2' }),
        rejectUnauthorized: false,
        ...(credential ? { cert: credential.certPem, key: credential.keyPem } : {}),
      });
      let pdus = Buffer.alloc(0);
      tls.once('secureConnect', () => {
        tls.write(encodeVerificationAssociateRq({ calledAeTitle: endpoint.calledAeTitle, callingAeTitle: endpoint.callingAeTitle ?? freshCallingAeTitle() }));
      });
      tls.on('data', (chunk: Buffer) => {
        pdus = Buffer.concat([pdus, chunk]);
        while (pdus.length >= 6 && pdus.length >= 6 + pdus.readUInt32BE(2)) {
          const type = pdus[0]!;
          pdus = pdus.subarray(6 + pdus.readUInt32BE(2));
          if (type === 0x02) tls.write(A_RELEASE_RQ);
          else if (type === 0x06) {
            released = true;
            // The requestor closes: our close_notify (and FIN). Then wait, bounded, for the node's answer.
            tls.end();
            clearTimeout(timer);
            timer = setTimeout(afterRelease, params.closeWaitMs);
          } else finish({ status: 'not-released', detail: `the node answered with PDU type 0x${type.toString(16).padStart(2, '0')} instead of A-ASSOCIATE-AC / A-RELEASE-RP` });
        }
      });
      // The node's close_notify ends the TLS stream; give the TCP close that follows a moment.
      const onEnd = () => {
        if (released) setTimeout(afterRelease, 100);
      };
      tls.on('end', onEnd);
      tls.on('close', onEnd);
      tls.on('error', (err: NodeJS.ErrnoException) => {
        if (released) return onEnd();
        const alert = alertFromNodeError(err);
        finish(err.code === 'ECONNREFUSED' ? { status: 'connection-refused', message: err.message } : { status: 'tls-rejected', ...(alert ? { alert } : {}), message: err.message.split('\n')[0]! });
      });
    });
    return {
      kind: 'tls-close',
      ...evidenceBase(stepName, startedAt, endpoint),
      outcome,
    };
  },
};
