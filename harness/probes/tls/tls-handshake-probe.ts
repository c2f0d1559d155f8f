/**
 * tls.handshake — one full TLS handshake with Node's TLS (OpenSSL 3), offering exactly the versions,
 * suites and client certificate the step names, and reporting what the target did.
 *
 * Honesty rules (TARGETS.md §0.3–0.4):
 *  - @SECLEVEL=0 is always appended, or OpenSSL 3 silently refuses to offer TLS 1.0/1.1, NULL suites
 *    or a 1024-bit client key, and a false "refused" follows.
 *  - In TLS 1.3 a refused client certificate arrives after the client's handshake is done: keep
 *    reading for `settleMs` before calling it established.
 *  - Silence is `no-response`, never a refusal.
 */
import { isIP } from 'node:net';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import type { ClientCertificateName, EndpointAddress, TlsHandshakeEvidence, TlsHandshakeOutcome, TlsVersion } from '../../core/evidence.ts';
import { PrerequisiteNotMetError, type Probe, type ProbeContext } from '../../core/probe.ts';
import type { ClientPki, RunningTarget } from '../../core/target.ts';
import type { TlsHandshakeParams } from '../../suite/schema.ts';
import { summarizeCertificate } from './certificate-summary.ts';
import { alertFromNodeError } from './tls-alerts.ts';
import { resolveTlsEndpoint } from '../endpoint.ts';
import { evidenceBase } from '../evidence-base.ts';

const CLOSE_GRACE_MS = 50;

/** Every TLS 1.3 suite OpenSSL 3 knows; Node only offers the first three unless told. */
const ALL_TLS13_SUITES = 'TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_CCM_SHA256:TLS_AES_128_CCM_8_SHA256';
/** Everything the local OpenSSL can offer, so a refusal is the target's, not ours. */
export const OFFER_EVERYTHING = `ALL:eNULL:${ALL_TLS13_SUITES}`;

export function cipherStringFor(params: Pick<TlsHandshakeParams, 'ciphers' | 'minVersion'>): string {
  const list = params.ciphers ?? OFFER_EVERYTHING;
  // Node hands TLS_* names to TLS 1.3 and the rest to TLS ≤ 1.2; that second list may not be empty.
  // With minVersion TLSv1.3 it is never offered, so any valid list does (the loader enforces that).
  const only13 = list.split(':').every((c) => c.startsWith('TLS_'));
  return `${list}${only13 && params.minVersion === 'TLSv1.3' ? ':ALL' : ''}:@SECLEVEL=0`;
}

export const tlsHandshakeProbe: Probe<TlsHandshakeParams, TlsHandshakeEvidence> = {
  id: 'tls.handshake',
  async run(target: RunningTarget, stepName: string, params: TlsHandshakeParams, ctx: ProbeContext): Promise<TlsHandshakeEvidence> {
    const endpoint = resolveTlsEndpoint(target, params.endpoint);
    const credential = clientCredential(target.pki, params.clientCertificate);
    const startedAt = new Date();
    const ciphers = cipherStringFor(params);
    const outcome = await handshake(endpoint, params, ciphers, credential, target.pki.caCertPem, ctx.signal);
    return {
      kind: 'tls-handshake',
      ...evidenceBase(stepName, startedAt, endpoint),
      offered: { minVersion: params.minVersion, maxVersion: params.maxVersion, ciphers, clientCertificate: params.clientCertificate },
      outcome,
    };
  },
};

export function clientCredential(pki: ClientPki, name: ClientCertificateName): { certPem: string; keyPem: string } | undefined {
  if (name === 'none') return undefined;
  const c = pki.clientCertificate(name);
  if ('unavailable' in c) throw new PrerequisiteNotMetError(c.unavailable);
  return c;
}

async function handshake(
  endpoint: EndpointAddress,
  params: TlsHandshakeParams,
  ciphers: string,
  credential: { certPem: string; keyPem: string } | undefined,
  caCertPem: string,
  signal: AbortSignal,
): Promise<TlsHandshakeOutcome> {
  // Node's own socket, not a wrapped stream: with a JS stream under TLS, a peer that sends its alert
  // and resets at once lost the alert under load (seen: 1 refusal in 3 read as a bare close).
  return new Promise<TlsHandshakeOutcome>((resolve) => {
    let settled = false;
    let handshakeDone = false;
    let socket: TLSSocket | undefined;
    let settleTimer: NodeJS.Timeout | undefined;
    const finish = (o: TlsHandshakeOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(settleTimer);
      signal.removeEventListener('abort', onAbort);
      socket?.destroy();
      resolve(o);
    };
    const onAbort = () => finish({ status: 'local-error', message: 'aborted by the harness' });
    signal.addEventListener('abort', onAbort, { once: true });
    // Silence before the handshake completes is no answer; it is never read as a refusal.
    const timer = setTimeout(() => finish({ status: 'no-response', afterMs: params.timeoutMs }), params.timeoutMs);

    try {
      socket = tlsConnect({
        host: endpoint.host,
        port: endpoint.port,
        ...(isIP(endpoint.host) ? {} : { servername: endpoint.host }),
        minVersion: params.minVersion,
        maxVersion: params.maxVersion,
        ciphers,
        ...(caCertPem ? { ca: caCertPem } : {}),
        // The probe judges the server, it does not trust it: verification is recorded, not enforced.
        rejectUnauthorized: false,
        ...(credential ? { cert: credential.certPem, key: credential.keyPem } : {}),
      });
    } catch (e) {
      finish({ status: 'local-error', message: (e as Error).message });
      return;
    }
    socket.setNoDelay(true);
    socket.once('secureConnect', () => {
      handshakeDone = true;
      if (socket!.getProtocol() === 'TLSv1.3' && params.settleMs > 0) {
        // Read on: a refused client certificate comes as an alert after the client's Finished.
        socket!.resume();
        settleTimer = setTimeout(() => finish(establishedOutcome(socket!)), params.settleMs);
      } else {
        finish(establishedOutcome(socket!));
      }
    });
    socket.on('error', (err: NodeJS.ErrnoException) => finish(failureOutcome(err, handshakeDone)));
    socket.on('close', () => {
      // Give an error that carries the alert a moment to arrive first.
      setTimeout(
        () => finish({ status: 'rejected', closedBy: 'close', message: `connection closed ${handshakeDone ? 'right after' : 'during'} the handshake`, afterHandshake: handshakeDone }),
        CLOSE_GRACE_MS,
      );
    });
  });
}

function establishedOutcome(socket: TLSSocket): TlsHandshakeOutcome {
  const cipher = socket.getCipher();
  const eph = socket.getEphemeralKeyInfo();
  const chain = peerChain(socket);
  return {
    status: 'established',
    version: socket.getProtocol() as TlsVersion,
    cipher: cipher.standardName,
    cipherOpenssl: cipher.name,
    ...(eph && 'type' in eph && eph.type ? { ephemeralKey: { type: eph.type, ...(eph.name ? { name: eph.name } : {}), ...(eph.size ? { bits: eph.size } : {}) } } : {}),
    peerChain: chain,
    peerVerified: socket.authorized,
    ...(socket.authorizationError ? { peerVerifyError: String(socket.authorizationError) } : {}),
  };
}

/** The chain as the server sent it, leaf first (Node may append our own CA; it is marked self-signed). */
function peerChain(socket: TLSSocket) {
  const out = [];
  const seen = new Set<string>();
  let cert = socket.getPeerCertificate(true);
  while (cert && cert.raw && !seen.has(cert.fingerprint256)) {
    seen.add(cert.fingerprint256);
    out.push(summarizeCertificate(cert.raw));
    if (!cert.issuerCertificate || cert.issuerCertificate === cert) break;
    cert = cert.issuerCertificate;
  }
  return out;
}

function failureOutcome(err: NodeJS.ErrnoException, afterHandshake: boolean): TlsHandshakeOutcome {
  const message = firstLine(err.message);
  if (err.code === 'ECONNREFUSED') return { status: 'connection-refused', message };
  const alert = alertFromNodeError(err);
  if (alert) return { status: 'rejected', alert, closedBy: 'alert', message, afterHandshake };
  if (isLocalRefusal(err)) return { status: 'local-error', message: `the local TLS stack could not offer this: ${message}` };
  // OpenSSL's words for a reply that is not a TLS record at all (a DICOM PDU, HTTP text, …).
  if (/wrong version number|packet length too long|unknown protocol|record layer failure|http request/i.test(err.message)) {
    return { status: 'not-tls', detail: `the peer does not speak TLS (${message})` };
  }
  return { status: 'rejected', closedBy: err.code === 'ECONNRESET' ? 'reset' : 'close', message, afterHandshake };
}

function isLocalRefusal(err: NodeJS.ErrnoException): boolean {
  return /no cipher match|no ciphers available|no protocols available|ee key too small|ca md too weak|key values mismatch|unsupported protocol$/i.test(err.message)
    || err.code === 'ERR_SSL_NO_CIPHERS_AVAILABLE' || err.code === 'ERR_SSL_NO_PROTOCOLS_AVAILABLE' || err.code === 'ERR_INVALID_ARG_VALUE';
}

function firstLine(s: string): string {
  return s.split('\n')[0]!.trim();
}
