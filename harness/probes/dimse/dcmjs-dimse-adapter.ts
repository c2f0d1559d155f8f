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
import type { AssociationOutcome, DimseOperations, FindResult, RetrieveResult } from '../../core/evidence.ts';
import { alertFromNodeError } from '../tls/tls-alerts.ts';
import { describeFirstBytes, DICOM_PDU_TYPES } from '../net/first-bytes.ts';
import { rejectCodesText, abortText } from './association-codes.ts';
import { SECONDARY_CAPTURE_IMAGE_STORAGE } from './synthetic-instance.ts';

const { Client, requests, responses, Dataset, log } = dimse as unknown as {
  Client: new () => DimseClient;
  requests: {
    CEchoRequest: new () => DimseRequest;
    CStoreRequest: new (dataset: unknown) => DimseRequest;
    CFindRequest: new () => DimseRequest;
    CMoveRequest: { createImageMoveRequest(destination: string, study: string, series: string, sop: string): DimseRequest };
    CGetRequest: { createImageGetRequest(study: string, series: string, sop: string): DimseRequest & { setAddStorageSopClassesToAssociation(add: boolean): void } };
  };
  responses: { CStoreResponse: { fromRequest(request: unknown): { setStatus(status: number): void } } };
  Dataset: new (elements: Record<string, unknown>, transferSyntaxUid?: string) => unknown;
  log: { setLevel(level: string): void };
};
// The library logs every PDU to the console by default; evidence is ours to write.
log.setLevel('silent');

interface DimseResponse {
  getStatus(): number;
  getDataset(): { getElements(): Record<string, unknown> } | undefined;
  getCompleted?(): number | undefined;
  getFailures?(): number | undefined;
  getWarnings?(): number | undefined;
  getRemaining?(): number | undefined;
}
interface DimseRequest {
  on(event: 'response', cb: (response: DimseResponse) => void): void;
  setAffectedSopClassUid(uid: string): void;
  setDataset(dataset: unknown): void;
}
interface DimseAssociation {
  getPresentationContexts(): Array<{ id: number }>;
  getPresentationContext(id: number): { getResult(): number; getAbstractSyntaxUid(): string };
}
interface DimseClient {
  addRequest(r: DimseRequest): void;
  clearRequests(): void;
  on(event: string, cb: (...args: any[]) => void): void;
  send(host: string, port: number, calling: string, called: string, opts: Record<string, unknown>): void;
  network?: { socket?: Socket | TLSSocket; on(event: string, cb: (...args: any[]) => void): void };
}

/** A wildcard query: the SOP class of its information model and its identifier (keys). */
export interface FindRequestSpec {
  sopClassUid: string;
  identifier: Record<string, string>;
  /** Keep the returned values (--show-values, lab use only). */
  keepValues: boolean;
}

export interface RetrieveRequestSpec {
  operation: 'move' | 'get';
  sopClassUid: string;
  destinationAeTitle?: string;
  instance: { studyInstanceUid: string; seriesInstanceUid: string; sopInstanceUid: string };
}

export interface AssociateOptions {
  host: string;
  port: number;
  callingAeTitle: string;
  calledAeTitle: string;
  echo: boolean;
  /** A synthetic instance to C-STORE after the echo (naturalized elements). */
  store?: { elements: Record<string, unknown>; transferSyntaxUid: string };
  find?: FindRequestSpec;
  retrieve?: RetrieveRequestSpec;
  timeoutMs: number;
  tls?: { certPem?: string; keyPem?: string; caPem: string; minVersion: string; maxVersion: string; ciphers: string };
  signal: AbortSignal;
}

export interface AssociateResult {
  outcome: AssociationOutcome;
  tls?: { version: string; cipher: string };
  abstractSyntaxes: string[];
  acceptedAbstractSyntaxes?: string[];
  operations: DimseOperations;
}

const PENDING = new Set([0xff00, 0xff01]);
/** At most this many identifiers are kept with --show-values; the count is always complete. */
const MAX_VALUES_KEPT = 50;

const VERIFICATION_SOP_CLASS = '1.2.840.10008.1.1';

export function associate(opts: AssociateOptions): Promise<AssociateResult> {
  return new Promise((resolve) => {
    const started = Date.now();
    const client = new Client();
    const received: Buffer[] = [];
    let receivedLength = 0;
    let accepted = false;
    let settled = false;
    let tlsInfo: { version: string; cipher: string } | undefined;
    let acceptedAbstractSyntaxes: string[] | undefined;
    const operations: DimseOperations = {};
    const abstractSyntaxes: string[] = [];
    const requested = (sopClassUid: string) => {
      if (!abstractSyntaxes.includes(sopClassUid)) abstractSyntaxes.push(sopClassUid);
    };
    // Filled in once the association is accepted: which requested operations have a context.
    const contextOf: Array<[keyof DimseOperations, string]> = [];

    const socket = () => client.network?.socket;
    const finish = (outcome: AssociationOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      opts.signal.removeEventListener('abort', onAbort);
      socket()?.destroy();
      resolve({
        outcome,
        ...(tlsInfo ? { tls: tlsInfo } : {}),
        abstractSyntaxes,
        ...(acceptedAbstractSyntaxes ? { acceptedAbstractSyntaxes } : {}),
        operations,
      });
    };
    const onAbort = () => finish({ status: 'local-error', message: 'aborted by the harness' });
    opts.signal.addEventListener('abort', onAbort, { once: true });
    const timer = setTimeout(() => finish({ status: 'no-response', afterMs: Date.now() - started }), opts.timeoutMs);

    // The library sends nothing without a request: an association-only step proposes Verification
    // through a C-ECHO request that is withdrawn the moment the association is accepted.
    const associationOnly = !opts.echo && !opts.store && !opts.find && !opts.retrieve;
    if (associationOnly) {
      requested(VERIFICATION_SOP_CLASS);
      client.addRequest(new requests.CEchoRequest());
    }
    if (opts.echo) {
      const echo = new requests.CEchoRequest();
      operations.echo = { contextAccepted: false };
      echo.on('response', (r) => {
        operations.echo!.status = r.getStatus();
      });
      requested(VERIFICATION_SOP_CLASS);
      contextOf.push(['echo', VERIFICATION_SOP_CLASS]);
      client.addRequest(echo);
    }
    if (opts.store) {
      const store = new requests.CStoreRequest(new Dataset(opts.store.elements, opts.store.transferSyntaxUid));
      operations.store = { contextAccepted: false };
      store.on('response', (r) => {
        operations.store!.status = r.getStatus();
      });
      requested(SECONDARY_CAPTURE_IMAGE_STORAGE);
      contextOf.push(['store', SECONDARY_CAPTURE_IMAGE_STORAGE]);
      client.addRequest(store);
    }
    if (opts.find) client.addRequest(findRequest(opts.find, (operations.find = { contextAccepted: false, matches: 0, attributesReturned: [] })));
    if (opts.find) {
      requested(opts.find.sopClassUid);
      contextOf.push(['find', opts.find.sopClassUid]);
    }
    if (opts.retrieve) {
      const result: RetrieveResult = { contextAccepted: false, instancesReceived: 0 };
      operations[opts.retrieve.operation] = result;
      client.addRequest(retrieveRequest(opts.retrieve, result));
      requested(opts.retrieve.sopClassUid);
      contextOf.push([opts.retrieve.operation, opts.retrieve.sopClassUid]);
      if (opts.retrieve.operation === 'get') {
        // C-STORE sub-operations of a C-GET arrive on this association: count them, keep nothing.
        client.on('cStoreRequest', (request: unknown, reply: (response: unknown) => void) => {
          result.instancesReceived++;
          // Answer Success (0x0000) explicitly: the library's default response status is not one.
          const response = responses.CStoreResponse.fromRequest(request);
          response.setStatus(0x0000);
          reply(response);
        });
      }
    }
    const acceptedOutcome = (released: boolean): AssociationOutcome => ({
      status: 'accepted',
      released,
      acceptedContexts: acceptedAbstractSyntaxes?.length ?? 0,
      ...(operations.echo?.status !== undefined ? { echoStatus: operations.echo.status } : {}),
      ...(operations.store?.status !== undefined ? { storeStatus: operations.store.status } : {}),
    });
    client.on('associationAccepted', (association: DimseAssociation) => {
      accepted = true;
      // Runs inside the library's own handler, before it sends the queued requests.
      if (associationOnly) client.clearRequests();
      acceptedAbstractSyntaxes = acceptedSyntaxes(association);
      for (const [op, uid] of contextOf) operations[op]!.contextAccepted = acceptedAbstractSyntaxes.includes(uid);
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
    client.network?.on('abort', (a: { source: number; reason: number }) =>
      finish({ status: 'aborted', source: a.source, reason: a.reason, text: abortText(a.source, a.reason), ...(accepted ? { afterAcceptance: true } : {}) }),
    );
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

function acceptedSyntaxes(association: DimseAssociation | undefined): string[] {
  if (!association) return [];
  const out: string[] = [];
  for (const { id } of association.getPresentationContexts()) {
    const pc = association.getPresentationContext(id);
    // PS3.8 Table 9-18: result 0 = acceptance.
    if (pc.getResult() === 0 && !out.includes(pc.getAbstractSyntaxUid())) out.push(pc.getAbstractSyntaxUid());
  }
  return out;
}

function findRequest(spec: FindRequestSpec, result: FindResult): DimseRequest {
  const request = new requests.CFindRequest();
  request.setAffectedSopClassUid(spec.sopClassUid);
  request.setDataset(new Dataset({ ...spec.identifier }));
  const seen = new Set<string>();
  request.on('response', (r) => {
    const status = r.getStatus();
    const identifier = r.getDataset()?.getElements();
    if (PENDING.has(status) && identifier) {
      result.matches++;
      const values: Record<string, string> = {};
      for (const [keyword, value] of Object.entries(identifier)) {
        const text = valueText(value);
        if (keyword === 'QueryRetrieveLevel' || keyword === 'SpecificCharacterSet' || text === '') continue;
        seen.add(keyword);
        values[keyword] = text;
      }
      result.attributesReturned = [...seen].sort();
      if (spec.keepValues && (result.values ??= []).length < MAX_VALUES_KEPT) result.values.push(values);
    }
    if (!PENDING.has(status)) result.status = status;
  });
  return request;
}

function retrieveRequest(spec: RetrieveRequestSpec, result: RetrieveResult): DimseRequest {
  const { studyInstanceUid, seriesInstanceUid, sopInstanceUid } = spec.instance;
  const request =
    spec.operation === 'move'
      ? requests.CMoveRequest.createImageMoveRequest(spec.destinationAeTitle!, studyInstanceUid, seriesInstanceUid, sopInstanceUid)
      : requests.CGetRequest.createImageGetRequest(studyInstanceUid, seriesInstanceUid, sopInstanceUid);
  request.setAffectedSopClassUid(spec.sopClassUid);
  request.on('response', (r) => {
    const status = r.getStatus();
    if (!PENDING.has(status)) result.status = status;
    const counts = { completed: r.getCompleted?.(), failed: r.getFailures?.(), warning: r.getWarnings?.(), remaining: r.getRemaining?.() };
    for (const [k, v] of Object.entries(counts)) if (typeof v === 'number') result[k as 'completed'] = v;
  });
  return request;
}

/** A naturalized DICOM value as one line of text (person names by their alphabetic group). */
function valueText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map(valueText).filter((t) => t !== '').join('\\');
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if ('Alphabetic' in v) return valueText(v['Alphabetic']);
    return '';
  }
  return String(value).trim();
}
