/**
 * tls.hello — one raw ClientHello of our own making (client-hello.ts) over plain TCP, and what the
 * server answered, decoded (server-flight.ts) and kept in hex. No OpenSSL on our side: it offers what
 * Node cannot (TLS_FALLBACK_SCSV, 3DES, Camellia-GCM, SSLv3, any code point; LIBS.md §2).
 *
 * Honesty rules (as tls.handshake's):
 *  - Silence is `no-response`, never a refusal; so is a connection that never connects.
 *  - A close or reset without any TLS record is `closed`, not an alert.
 *  - A malformed answer is `protocol-violation` (with its detail), never read as a refusal.
 *  - TLS ≤ 1.2: after the ServerHello, read on until ServerHelloDone, or SETTLE_AFTER_SERVER_HELLO_MS,
 *    and report what was seen. TLS 1.3: decide on the ServerHello (the rest is encrypted).
 */
import { connect, type Socket } from 'node:net';
import type { EndpointAddress, TlsHelloEvidence, TlsHelloOutcome } from '../../../core/evidence.ts';
import { HarnessError } from '../../../core/errors.ts';
import type { Probe, ProbeContext } from '../../../core/probe.ts';
import type { RunningTarget } from '../../../core/target.ts';
import type { TlsHelloParams } from '../../../suite/schema.ts';
import { resolveTlsEndpoint } from '../../endpoint.ts';
import { describeOffer, encodeClientHello, makeKeyShares, offersTls13 } from './client-hello.ts';
import { ServerFlightParser } from './server-flight.ts';
import { evidenceBase } from '../../evidence-base.ts';

/** TLS ≤ 1.2: how long to wait after the ServerHello for the rest of the flight (ServerHelloDone). */
export const SETTLE_AFTER_SERVER_HELLO_MS = 1500;
/** Evidence keeps the first bytes received, in hex, up to this many bytes. */
export const RECEIVED_HEX_LIMIT = 16 * 1024;

export const tlsHelloProbe: Probe<TlsHelloParams> = {
  id: 'tls.hello',
  async run(target: RunningTarget, stepName: string, params: TlsHelloParams, ctx: ProbeContext): Promise<TlsHelloEvidence> {
    const endpoint = resolveTlsEndpoint(target, params.endpoint);
    const keyShares = offersTls13(params) ? makeKeyShares(params.keyShares) : [];
    const hello = encodeClientHello(params, keyShares);
    const startedAt = new Date();
    const exchanged = await exchangeHello({ host: endpoint.host, port: endpoint.port }, hello, { timeoutMs: params.timeoutMs }, ctx.signal);
    const { received } = exchanged;
    const offered = describeOffer(hello);
    const outcome = checkAgainstOffer(exchanged.outcome, offered, params);
    return {
      kind: 'tls-hello',
      ...evidenceBase(stepName, startedAt, endpoint),
      offered,
      outcome,
      sentHex: hello.toString('hex'),
      receivedHex: received.toString('hex'),
    };
  },
};

export interface ExchangeOptions {
  timeoutMs: number;
  /** Defaults to SETTLE_AFTER_SERVER_HELLO_MS. */
  settleMs?: number;
}

/**
 * Connects, sends `hello`, feeds the parser, and decides. Always destroys the socket. Throws only
 * HarnessError (the run was interrupted); everything the peer does is the returned outcome.
 */
export function exchangeHello(
  endpoint: EndpointAddress,
  hello: Buffer,
  options: ExchangeOptions,
  signal?: AbortSignal,
): Promise<{ outcome: TlsHelloOutcome; received: Buffer }> {
  const settleMs = options.settleMs ?? SETTLE_AFTER_SERVER_HELLO_MS;
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new HarnessError('tls.hello: the run was interrupted before the connection'));
      return;
    }
    const started = Date.now();
    const parser = new ServerFlightParser();
    const kept: Buffer[] = [];
    let keptBytes = 0;
    let connected = false;
    let settled = false;
    let settleTimer: NodeJS.Timeout | undefined;
    let socket: Socket | undefined;

    const cleanup = () => {
      settled = true;
      clearTimeout(timer);
      clearTimeout(settleTimer);
      signal?.removeEventListener('abort', onAbort);
      socket?.destroy();
    };
    const finish = (outcome: TlsHelloOutcome) => {
      if (settled) return;
      cleanup();
      resolve({ outcome, received: Buffer.concat(kept) });
    };
    const onAbort = () => {
      if (settled) return;
      cleanup();
      reject(new HarnessError('tls.hello: aborted by the harness'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    // Silence (or a connect that never completes) is no answer; what was seen so far wins if anything was.
    const timer = setTimeout(() => finish(parser.snapshot() ?? { status: 'no-response', afterMs: options.timeoutMs }), options.timeoutMs);
    /** The peer closed or reset: the parser decides from what came; nothing at all is `closed`. */
    const closed = (closedBy: 'close' | 'reset') => finish(parser.end() ?? { status: 'closed', closedBy });

    socket = connect({ host: endpoint.host, port: endpoint.port });
    socket.setNoDelay(true);
    socket.once('connect', () => {
      connected = true;
      socket!.write(hello);
    });
    socket.on('data', (chunk: Buffer) => {
      if (keptBytes < RECEIVED_HEX_LIMIT) {
        const part = chunk.subarray(0, RECEIVED_HEX_LIMIT - keptBytes);
        kept.push(Buffer.from(part));
        keptBytes += part.length;
      }
      let decided;
      try {
        decided = parser.feed(chunk);
      } catch (e) {
        // The parser turns every peer mistake into an outcome; a throw is our own bug, not the peer's.
        cleanup();
        reject(new HarnessError(`tls.hello: the flight parser failed: ${(e as Error).message}`, { cause: e }));
        return;
      }
      if (decided) {
        finish(decided);
      } else if (parser.sawServerHello && settleTimer === undefined) {
        settleTimer = setTimeout(() => finish(parser.snapshot()!), settleMs);
      }
    });
    socket.on('end', () => closed('close'));
    socket.on('close', () => closed('close'));
    socket.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'ECONNREFUSED') finish({ status: 'connection-refused', message: `${endpoint.host}:${endpoint.port} refused the connection` });
      // Unreachable, timed out in the kernel, …: the node never answered at the TCP level.
      else if (!connected) finish({ status: 'no-response', afterMs: Date.now() - started });
      // EPIPE: our write met a connection the peer had already reset.
      else closed(err.code === 'ECONNRESET' || err.code === 'EPIPE' ? 'reset' : 'close');
    });
  });
}

const VERSION_RANK: Record<string, number> = { SSLv3: 0, TLSv1: 1, 'TLSv1.1': 2, 'TLSv1.2': 3, 'TLSv1.3': 4 };

/**
 * A ServerHello may only pick what the ClientHello offered (RFC 5246 §7.4.1.3, RFC 8446 §4.1.3).
 * One that picks another suite, or a version above the offer, is a protocol violation — never
 * evidence that the offered suite or version was accepted.
 */
export function checkAgainstOffer(
  outcome: TlsHelloOutcome,
  offered: { cipherSuites: Array<{ code: number }> },
  params: Pick<TlsHelloParams, 'legacyVersion' | 'supportedVersions'>,
): TlsHelloOutcome {
  if (outcome.status !== 'server-hello') return outcome;
  if (!offered.cipherSuites.some((c) => c.code === outcome.cipherSuite.code)) {
    return { status: 'protocol-violation', detail: `the ServerHello chose ${outcome.cipherSuite.name}, which the ClientHello did not offer` };
  }
  const highest = Math.max(...[params.legacyVersion, ...(params.supportedVersions ?? [])].map((v) => VERSION_RANK[v] ?? 0));
  if ((VERSION_RANK[outcome.version] ?? 0) > highest) {
    return { status: 'protocol-violation', detail: `the ServerHello chose ${outcome.version}, above every version the ClientHello offered` };
  }
  return outcome;
}
