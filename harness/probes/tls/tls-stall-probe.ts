/**
 * tls.stall — opens a TCP connection, sends the first 11 bytes of a ClientHello (a record header
 * announcing 200 bytes, then nothing), and times how long the node keeps the half-open handshake.
 * A node that never drops it can be exhausted by idle connections (PS3.8 §9.1.4 ARTIM in spirit).
 */
import { connect } from 'node:net';
import type { StallEvidence } from '../../core/evidence.ts';
import type { Probe, ProbeContext } from '../../core/probe.ts';
import type { RunningTarget } from '../../core/target.ts';
import type { TlsStallParams } from '../../suite/schema.ts';
import { resolveEndpoint } from '../endpoint.ts';
import { evidenceBase } from '../evidence-base.ts';

/** handshake record, TLS 1.0 record version, length 200; ClientHello, length 196; legacy_version TLS 1.2 — and no more. */
const PARTIAL_CLIENT_HELLO = Buffer.from('16030100c8010000c40303', 'hex');

export const tlsStallProbe: Probe<TlsStallParams> = {
  id: 'tls.stall',
  async run(target: RunningTarget, stepName: string, params: TlsStallParams, ctx: ProbeContext): Promise<StallEvidence> {
    const endpoint = resolveEndpoint(target, params.endpoint);
    const startedAt = new Date();
    const outcome = await new Promise<StallEvidence['outcome']>((resolve) => {
      let connectedAt: number | undefined;
      let done = false;
      const finish = (o: StallEvidence['outcome']) => {
        if (done) return;
        done = true;
        clearTimeout(connectTimer);
        clearTimeout(waitTimer);
        ctx.signal.removeEventListener('abort', onAbort);
        socket.destroy();
        resolve(o);
      };
      const socket = connect({ host: endpoint.host, port: endpoint.port });
      const onAbort = () => finish({ status: 'still-open', afterMs: Date.now() - (connectedAt ?? Date.now()) });
      ctx.signal.addEventListener('abort', onAbort, { once: true });
      let waitTimer: NodeJS.Timeout | undefined;
      const connectTimer = setTimeout(() => finish({ status: 'no-response', afterMs: params.timeoutMs }), params.timeoutMs);
      socket.once('connect', () => {
        clearTimeout(connectTimer);
        connectedAt = Date.now();
        socket.write(PARTIAL_CLIENT_HELLO);
        waitTimer = setTimeout(() => finish({ status: 'still-open', afterMs: Date.now() - connectedAt! }), params.waitMs);
      });
      socket.on('data', () => {}); // whatever the node says (an alert) is not the point: when it closes is
      socket.on('error', (err: NodeJS.ErrnoException) => {
        if (connectedAt === undefined) {
          finish(err.code === 'ECONNREFUSED' ? { status: 'connection-refused', message: err.message } : { status: 'no-response', afterMs: Date.now() - startedAt.getTime() });
        } else {
          finish({ status: 'closed', afterMs: Date.now() - connectedAt, closedBy: err.code === 'ECONNRESET' ? 'reset' : 'close' });
        }
      });
      socket.on('close', () => {
        if (connectedAt !== undefined) finish({ status: 'closed', afterMs: Date.now() - connectedAt, closedBy: 'close' });
      });
    });
    return {
      kind: 'stall',
      ...evidenceBase(stepName, startedAt, endpoint),
      sentHex: PARTIAL_CLIENT_HELLO.toString('hex'),
      waitedUpToMs: params.waitMs,
      outcome,
    };
  },
};
