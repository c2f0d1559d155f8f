/**
 * The only file that imports dcmjs-dimse. It turns the library's events into one typed outcome,
 * with the gaps LIBS.md §1 lists filled in: A-ABORT is not re-emitted by Client (listen on
 * client.network), nobody closes the socket after an abort (we do), send() can throw synchronously,
 * TLS 1.3 client-certificate refusals arrive after secureConnect (we wait for the association
 * result, never the handshake), and Nagle is switched off on our sockets.
 */
import dimse from 'dcmjs-dimse';
import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { AssociationOutcome } from '../../core/evidence.ts';
import { alertFromNodeError } from '../tls/tls-alerts.ts';
import { describeFirstBytes, DICOM_PDU_TYPES } from '../net/first-bytes.ts';
import { rejectCodesText, abortText } from './association-codes.ts';
import { SECONDARY_CAPTURE_IMAGE_STORAGE } from './synthetic-instance.ts';

const { Client, requests, Dataset, log } = dimse as unknown as {
  Client: new () => DimseClient;
  requests: { CEchoRequest: new () => DimseRequest; CStoreRequest: new (dataset: unknown) => DimseRequest };
  Dataset: new (elements: Record<string, unknown>, transferSyntaxUid: string) => unknown;
  log: { setLevel(level: string): void };
};
// The library logs every PDU to the console by default; evidence is ours to write.
log.setLevel('silent');

interface DimseRequest {
  on(event: 'response', cb: (response: { getStatus(): number }) => void): void;
}
interface DimseClient {
  addRequest(r: DimseRequest): void;
  on(event: string, cb: (...args: any[]) => void): void;
  send(host: string, port: number, calling: string, called: string, opts: Record<string, unknown>): void;
  network?: { socket?: Socket | TLSSocket; on(event: string, cb: (...args: any[]) => void): void };
}

export interface AssociateOptions {
  host: string;
  port: number;
  callingAeTitle: string;
  calledAeTitle: string;
  echo: boolean;
  /** A synthetic instance to C-STORE after the echo (naturalized elements). */
  store?: { elements: Record<string, unknown>; transferSyntaxUid: string };
  timeoutMs: number;
  tls?: { certPem?: string; keyPem?: string; caPem: string; minVersion: string; maxVersion: string; ciphers: string };
  signal: AbortSignal;
}

export interface AssociateResult {
  outcome: AssociationOutcome;
  tls?: { version: string; cipher: string };
  abstractSyntaxes: string[];
}

const VERIFICATION_SOP_CLASS = '1.2.840.10008.1.1';

export function associate(opts: AssociateOptions): Promise<AssociateResult> {
  return new Promise((resolve) => {
    const started = Date.now();
    const client = new Client();
    const received: Buffer[] = [];
    let receivedLength = 0;
    let accepted = false;
    let echoStatus: number | undefined;
    let storeStatus: number | undefined;
    let settled = false;
    let tlsInfo: { version: string; cipher: string } | undefined;

    const socket = () => client.network?.socket;
    const finish = (outcome: AssociationOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      opts.signal.removeEventListener('abort', onAbort);
      socket()?.destroy();
      resolve({ outcome, ...(tlsInfo ? { tls: tlsInfo } : {}), abstractSyntaxes: opts.store ? [VERIFICATION_SOP_CLASS, SECONDARY_CAPTURE_IMAGE_STORAGE] : [VERIFICATION_SOP_CLASS] });
    };
    const onAbort = () => finish({ status: 'local-error', message: 'aborted by the harness' });
    opts.signal.addEventListener('abort', onAbort, { once: true });
    const timer = setTimeout(() => finish({ status: 'no-response', afterMs: Date.now() - started }), opts.timeoutMs);

    if (opts.echo) {
      const echo = new requests.CEchoRequest();
      echo.on('response', (r) => {
        echoStatus = r.getStatus();
      });
      client.addRequest(echo);
    }
    if (opts.store) {
      const store = new requests.CStoreRequest(new Dataset(opts.store.elements, opts.store.transferSyntaxUid));
      store.on('response', (r) => {
        storeStatus = r.getStatus();
      });
      client.addRequest(store);
    }
    const acceptedOutcome = (released: boolean): AssociationOutcome => ({
      status: 'accepted',
      released,
      acceptedContexts: 1,
      ...(echoStatus !== undefined ? { echoStatus } : {}),
      ...(storeStatus !== undefined ? { storeStatus } : {}),
    });
    client.on('associationAccepted', () => {
      accepted = true;
      const s = socket() as TLSSocket | undefined;
      if (s && typeof s.getProtocol === 'function') tlsInfo = { version: s.getProtocol() ?? '', cipher: s.getCipher()?.standardName ?? '' };
    });
    client.on('associationRejected', (rj: { result: number; source: number; reason: number }) =>
      finish({ status: 'rejected', ...rejectCodesText(rj.result, rj.source, rj.reason) }),
    );
    let released = false;
    client.on('associationReleased', () => {
      released = true;
      finish(acceptedOutcome(true));
    });
    // The library re-wraps socket errors into messages ("X -> Connection error: …") and drops their
    // codes; the socket's own error object keeps them.
    let socketError: NodeJS.ErrnoException | undefined;
    // The library's socket listener runs before ours, hence the deferral.
    client.on('networkError', (err: NodeJS.ErrnoException) =>
      setImmediate(() => finish(accepted ? acceptedOutcome(released) : networkFailure(socketError ?? err, received, opts.tls !== undefined))),
    );
    client.on('closed', () => setImmediate(() => finish(accepted ? acceptedOutcome(released) : closedBeforeAnswer(received))));

    try {
      client.send(opts.host, opts.port, opts.callingAeTitle, opts.calledAeTitle, {
        connectTimeout: opts.timeoutMs,
        associationTimeout: opts.timeoutMs,
        pduTimeout: opts.timeoutMs,
        ...(opts.tls
          ? {
              securityOptions: {
                ...(opts.tls.certPem ? { cert: opts.tls.certPem, key: opts.tls.keyPem } : {}),
                ca: opts.tls.caPem,
                rejectUnauthorized: false,
                minVersion: opts.tls.minVersion,
                maxVersion: opts.tls.maxVersion,
                ciphers: opts.tls.ciphers,
              },
            }
          : {}),
      });
    } catch (e) {
      finish({ status: 'local-error', message: (e as Error).message });
      return;
    }
    const s = socket();
    s?.setNoDelay?.(true);
    s?.on('error', (err: NodeJS.ErrnoException) => {
      socketError ??= err;
    });

    s?.on('data', (chunk: Buffer) => {
      if (receivedLength < 2048) {
        received.push(chunk.subarray(0, 2048 - receivedLength));
        receivedLength += chunk.length;
      }
      // A reply that is no DICOM PDU at all: decide now, before the library tries to parse it.
      const first = Buffer.concat(received);
      if (!accepted && first.length > 0 && !(first[0]! in DICOM_PDU_TYPES)) {
        finish({ status: 'non-dicom-reply', detail: describeFirstBytes(first), bytesHex: first.subarray(0, 64).toString('hex') });
      }
    });
    client.network?.on('abort', (a: { source: number; reason: number }) => finish({ status: 'aborted', source: a.source, reason: a.reason, text: abortText(a.source, a.reason) }));
  });
}

function networkFailure(err: NodeJS.ErrnoException, received: Buffer[], overTls: boolean): AssociationOutcome {
  if (err.code === 'ECONNREFUSED') return { status: 'connection-refused', message: err.message };
  const alert = alertFromNodeError(err);
  if (alert || (err.code ?? '').startsWith('ERR_SSL')) {
    return { status: 'tls-rejected', ...(alert ? { alert } : {}), message: err.message.split('\n')[0]! };
  }
  if (err.code === 'ECONNRESET' || err.code === 'EPIPE') {
    // Over TLS, the library only writes the A-ASSOCIATE-RQ once the handshake is done; a reset before
    // any byte came back happened during the handshake.
    if (overTls && received.length === 0) return { status: 'tls-rejected', message: `connection reset during the TLS handshake (${err.code})` };
    return closedBeforeAnswer(received);
  }
  const bytes = Buffer.concat(received);
  return { status: 'protocol-violation', detail: err.message.split('\n')[0]!, bytesHex: bytes.subarray(0, 64).toString('hex') };
}

function closedBeforeAnswer(received: Buffer[]): AssociationOutcome {
  const bytes = Buffer.concat(received);
  if (bytes.length === 0) return { status: 'closed', message: 'the peer closed the connection without sending any DICOM PDU' };
  return { status: 'protocol-violation', detail: `connection closed after ${describeFirstBytes(bytes)}`, bytesHex: bytes.subarray(0, 64).toString('hex') };
}
