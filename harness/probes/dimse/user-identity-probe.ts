/**
 * dimse.user-identity — an A-ASSOCIATE-RQ (Verification) with a User Identity Negotiation sub-item
 * (0x58) of our own making, on a socket of our own (TLS or cleartext), and the node's answer read
 * from the bytes: the A-ASSOCIATE-AC with every 0x59 sub-item counted, or the A-ASSOCIATE-RJ codes,
 * or an A-ABORT. dcmjs-dimse cannot send malformed or duplicate sub-items and hides whether a 0x59
 * came at all (LIBS.md §1), hence our own codec (pdu/user-identity.ts).
 *
 * Passcodes and tokens exist only in memory here: the evidence names which one was sent
 * (valid / wrong / empty; the token variant and its alg), never its value.
 */
import { randomBytes } from 'node:crypto';
import { connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import type { UserIdentityEvidence, UserIdentityOutcome, UserIdentityRequested } from '../../core/evidence.ts';
import { NotApplicableError, type Probe, type ProbeContext } from '../../core/probe.ts';
import type { RunningTarget, TargetIdentity } from '../../core/target.ts';
import type { DimseUserIdentityParams, UserIdentityOffer } from '../../suite/schema.ts';
import { describeFirstBytes, DICOM_PDU_TYPES } from '../net/first-bytes.ts';
import { resolveEndpoint } from '../endpoint.ts';
import { evidenceBase } from '../evidence-base.ts';
import { alertFromNodeError } from '../tls/tls-alerts.ts';
import { cipherStringFor, clientCredential } from '../tls/tls-handshake-probe.ts';
import { abortText, rejectCodesText } from './association-codes.ts';
import { freshCallingAeTitle } from './associate-probe.ts';
import { tokenFor } from './jwt-variants.ts';
import { A_RELEASE_RQ, encodeVerificationAssociateRq } from './pdu/a-associate-rq.ts';
import { parseAssociateAnswer, PduReader } from './pdu/associate-answer.ts';
import { encodeUserIdentityRq } from './pdu/user-identity.ts';

/** Used when the target declares no account: the checks that need a valid one cannot pass then. */
const UNDECLARED_USERNAME = 'part15';

interface BuiltOffer {
  subItems: Buffer[];
  requested: UserIdentityRequested;
}

/** The 0x58 sub-item(s) a step asks for, and their description for the evidence. */
export async function buildOffer(offer: UserIdentityOffer, identity: TargetIdentity | undefined): Promise<BuiltOffer> {
  const username = offer.username === 'unknown' ? `part15-nobody-${randomBytes(4).toString('hex')}` : (identity?.username ?? UNDECLARED_USERNAME);
  let primary = Buffer.from(username, 'utf8');
  let secondary = Buffer.alloc(0);
  const requested: UserIdentityRequested = { type: offer.type, positiveResponseRequested: offer.positiveResponse, username, subItemBytes: 0 };
  if (offer.type === 2 || offer.passcode !== undefined) {
    const kind = offer.passcode ?? 'valid';
    requested.passcodeKind = kind;
    secondary =
      kind === 'empty'
        ? Buffer.alloc(0)
        : kind === 'wrong'
          ? Buffer.from(`part15-wrong-${randomBytes(6).toString('hex')}`, 'utf8')
          : Buffer.from(identity?.passcode ?? `part15-undeclared-${randomBytes(6).toString('hex')}`, 'utf8');
  }
  if (offer.type === 5 || offer.token !== undefined) {
    if (!identity?.jwt) throw new NotApplicableError('the target declares no JWT issuer (userIdentity.jwt): it does not claim type 5 (JWT) user identity');
    const { token, alg } = await tokenFor(offer.token ?? 'valid', identity.jwt, username);
    primary = Buffer.from(token, 'ascii');
    requested.tokenKind = offer.token ?? 'valid';
    requested.tokenAlg = alg;
  }
  if (offer.fault) requested.fault = offer.fault;
  if (offer.duplicate) requested.duplicate = true;
  const one = encodeUserIdentityRq({ type: offer.type, positiveResponseRequested: offer.positiveResponse, primaryField: primary, secondaryField: secondary }, offer.fault);
  const subItems = offer.duplicate ? [one, encodeUserIdentityRq({ type: 1, positiveResponseRequested: false, primaryField: Buffer.from('part15-second', 'utf8'), secondaryField: Buffer.alloc(0) })] : [one];
  requested.subItemBytes = subItems.reduce((n, b) => n + b.length, 0);
  return { subItems, requested };
}

export const dimseUserIdentityProbe: Probe<DimseUserIdentityParams, UserIdentityEvidence> = {
  id: 'dimse.user-identity',
  async run(target: RunningTarget, stepName: string, params: DimseUserIdentityParams, ctx: ProbeContext): Promise<UserIdentityEvidence> {
    const endpoint = resolveEndpoint(target, params.endpoint);
    const transport = params.transport ?? (endpoint.name === 'dimseTls' ? 'tls' : 'plain');
    const credential = transport === 'tls' ? clientCredential(target.pki, params.clientCertificate) : undefined;
    const callingAeTitle = (params.callingAe === 'known' ? endpoint.callingAeTitle : undefined) ?? freshCallingAeTitle();
    const calledAeTitle = params.calledAeTitle ?? endpoint.calledAeTitle;
    const offer = params.identity === 'none' ? undefined : await buildOffer(params.identity, target.identity);
    const rq = encodeVerificationAssociateRq({ calledAeTitle, callingAeTitle, ...(offer ? { extraUserInformation: offer.subItems } : {}) });
    const startedAt = new Date();
    const { outcome, tls } = await exchange({
      host: endpoint.host,
      port: endpoint.port,
      rq,
      timeoutMs: params.timeoutMs,
      signal: ctx.signal,
      ...(transport === 'tls'
        ? { tls: { ...(credential ?? {}), ciphers: cipherStringFor(params), minVersion: params.minVersion, maxVersion: params.maxVersion } }
        : {}),
    });
    return {
      kind: 'user-identity',
      ...evidenceBase(stepName, startedAt, endpoint),
      transport,
      requested: {
        callingAeTitle,
        calledAeTitle,
        ...(transport === 'tls' ? { clientCertificate: params.clientCertificate } : {}),
        identity: offer?.requested ?? 'none',
        credentialsDeclared: target.identity !== undefined && (params.identity === 'none' || params.identity.passcode !== 'valid' || target.identity.passcode !== undefined),
      },
      ...(tls ? { tls } : {}),
      outcome,
    };
  },
};

interface ExchangeOptions {
  host: string;
  port: number;
  rq: Buffer;
  timeoutMs: number;
  signal: AbortSignal;
  tls?: { certPem?: string; keyPem?: string; ciphers: string; minVersion: string; maxVersion: string };
}

/** Send the RQ, read one answer PDU; after an AC, release (A-RELEASE-RQ → RP) and close. */
function exchange(opts: ExchangeOptions): Promise<{ outcome: UserIdentityOutcome; tls?: { version: string; cipher: string } }> {
  return new Promise((resolve) => {
    const started = Date.now();
    const reader = new PduReader();
    const firstBytes: Buffer[] = [];
    let settled = false;
    let accepted: Extract<UserIdentityOutcome, { status: 'accepted' }> | undefined;
    let tlsInfo: { version: string; cipher: string } | undefined;
    let socket: Socket | TLSSocket;
    const finish = (outcome: UserIdentityOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      opts.signal.removeEventListener('abort', onAbort);
      socket.destroy();
      resolve({ outcome, ...(tlsInfo ? { tls: tlsInfo } : {}) });
    };
    const onAbort = () => finish({ status: 'local-error', message: 'aborted by the harness' });
    const timer = setTimeout(() => finish(accepted ?? { status: 'no-response', afterMs: Date.now() - started }), opts.timeoutMs);
    opts.signal.addEventListener('abort', onAbort, { once: true });

    const onConnected = () => {
      socket.setNoDelay(true);
      if ('getProtocol' in socket && typeof socket.getProtocol === 'function') tlsInfo = { version: socket.getProtocol() ?? '', cipher: socket.getCipher()?.standardName ?? '' };
      socket.write(opts.rq);
    };
    try {
      socket = opts.tls
        ? tlsConnect(
            {
              host: opts.host,
              port: opts.port,
              ...(opts.tls.certPem ? { cert: opts.tls.certPem, key: opts.tls.keyPem } : {}),
              rejectUnauthorized: false,
              ciphers: opts.tls.ciphers,
              minVersion: opts.tls.minVersion as 'TLSv1.2',
              maxVersion: opts.tls.maxVersion as 'TLSv1.3',
            },
            onConnected,
          )
        : netConnect({ host: opts.host, port: opts.port }, onConnected);
    } catch (e) {
      // Our own TLS stack refused the options (e.g. a cipher string it cannot use).
      resolve({ outcome: { status: 'local-error', message: (e as Error).message } });
      return;
    }
    socket.on('data', (chunk: Buffer) => {
      if (firstBytes.length === 0 && !(chunk[0]! in DICOM_PDU_TYPES) && !accepted) {
        finish({ status: 'non-dicom-reply', detail: describeFirstBytes(chunk), bytesHex: chunk.subarray(0, 64).toString('hex') });
        return;
      }
      firstBytes.push(chunk);
      let pdus: Buffer[];
      try {
        pdus = reader.feed(chunk);
      } catch (e) {
        finish({ status: 'protocol-violation', detail: (e as Error).message, bytesHex: Buffer.concat(firstBytes).subarray(0, 64).toString('hex') });
        return;
      }
      for (const pdu of pdus) {
        if (accepted) {
          // After our A-RELEASE-RQ: an A-RELEASE-RP (0x06) ends it cleanly; anything else ends it too.
          accepted.released = pdu[0] === 0x06;
          finish(accepted);
          return;
        }
        const answer = parseAssociateAnswer(pdu);
        switch (answer.pdu) {
          case 'associate-ac':
            accepted = {
              status: 'accepted',
              acceptedContexts: answer.acceptedContexts,
              userIdentityResponses: answer.userIdentityResponses,
              userInformationTypes: answer.userInformation.map((s) => s.type),
              released: false,
            };
            socket.write(A_RELEASE_RQ);
            break;
          case 'associate-rj':
            finish({ status: 'rejected', ...rejectCodesText(answer.result, answer.source, answer.reason) });
            return;
          case 'abort':
            finish({ status: 'aborted', source: answer.source, reason: answer.reason, text: abortText(answer.source, answer.reason) });
            return;
          default:
            finish({ status: 'protocol-violation', detail: answer.pdu === 'other' ? `PDU type 0x${answer.type.toString(16).padStart(2, '0')} in answer to an A-ASSOCIATE-RQ` : answer.detail, bytesHex: pdu.subarray(0, 64).toString('hex') });
            return;
        }
      }
    });
    socket.on('error', (err: NodeJS.ErrnoException) => {
      if (accepted) return finish(accepted);
      if (err.code === 'ECONNREFUSED') return finish({ status: 'connection-refused', message: err.message });
      const alert = alertFromNodeError(err);
      if (opts.tls && (alert || (err.code ?? '').startsWith('ERR_SSL') || firstBytes.length === 0)) {
        return finish({ status: 'tls-rejected', ...(alert ? { alert } : {}), message: err.message.split('\n')[0]! });
      }
      if (err.code === 'ECONNRESET' || err.code === 'EPIPE') return finish({ status: 'closed', message: `the peer reset the connection (${err.code}) without a DICOM answer` });
      finish({ status: 'protocol-violation', detail: err.message.split('\n')[0]!, bytesHex: '' });
    });
    socket.on('close', () =>
      setImmediate(() => finish(accepted ?? (firstBytes.length === 0 ? { status: 'closed', message: 'the peer closed the connection without sending any DICOM PDU' } : { status: 'protocol-violation', detail: 'connection closed inside a PDU', bytesHex: Buffer.concat(firstBytes).subarray(0, 64).toString('hex') }))),
    );
  });
}
