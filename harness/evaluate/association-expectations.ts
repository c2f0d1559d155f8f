/** Pure evaluators for expectations over dimse.associate evidence. No I/O, no clocks. */
import type { AssociationEvidence, AssociationOutcome, StallEvidence, TlsCloseEvidence, TlsHandshakeEvidence } from '../core/evidence.ts';
import { verdict, type Verdict } from '../core/verdict.ts';
import type { Expectation } from '../suite/schema.ts';
import { describeAssociation, describeTls } from './describe-evidence.ts';

type Of<K extends Expectation['that']> = Extract<Expectation, { that: K }>;

/** Silence, a dead port or our own failure: no verdict about the node's behaviour can follow. */
export function undecided(o: AssociationOutcome): Verdict | undefined {
  switch (o.status) {
    case 'no-response':
      return verdict.inconclusive('no-response', describeAssociation(o));
    case 'connection-refused':
      return verdict.inconclusive('connection-refused', describeAssociation(o));
    case 'local-error':
      return verdict.error('suite-invalid', describeAssociation(o));
    default:
      return undefined;
  }
}

export function associationAccepted(e: Of<'association-accepted'>, ev: AssociationEvidence): Verdict {
  const o = ev.outcome;
  const expected = `association accepted${e.echoStatus !== undefined ? ` and C-ECHO answered with status 0x${e.echoStatus.toString(16).padStart(4, '0')}` : ''}`;
  const open = undecided(o);
  if (open) return open;
  if (o.status !== 'accepted') return verdict.fail(`the association was not accepted: ${describeAssociation(o)}`, expected, describeAssociation(o));
  if (e.echoStatus !== undefined && o.echoStatus !== e.echoStatus) {
    return verdict.fail(
      o.echoStatus === undefined ? 'accepted, but no C-ECHO response came back' : `C-ECHO answered with status 0x${o.echoStatus.toString(16).padStart(4, '0')}`,
      expected,
      describeAssociation(o),
    );
  }
  if (e.storeStatus !== undefined && o.storeStatus !== e.storeStatus) {
    return verdict.fail(
      o.storeStatus === undefined ? 'accepted, but no C-STORE response came back' : `C-STORE answered with status 0x${o.storeStatus.toString(16).padStart(4, '0')}`,
      `C-STORE of the synthetic instance${ev.requested.store ? ` (${ev.requested.store.bytes} bytes)` : ''} answered with status 0x${e.storeStatus.toString(16).padStart(4, '0')}`,
      describeAssociation(o),
    );
  }
  return verdict.pass(`${describeAssociation(o)}${ev.tls ? ` over ${ev.tls.version} ${ev.tls.cipher}` : ''}`);
}

export function associationRefused(_e: Of<'association-refused'>, ev: AssociationEvidence): Verdict {
  const o = ev.outcome;
  const open = undecided(o);
  if (open) return open;
  switch (o.status) {
    case 'accepted':
      return verdict.fail('the association was accepted', 'association refused (A-ASSOCIATE-RJ, A-ABORT or a TLS refusal)', describeAssociation(o));
    case 'protocol-violation':
      return verdict.inconclusive('ambiguous-observation', describeAssociation(o));
    default:
      return verdict.pass(describeAssociation(o));
  }
}

export function noCleartextDicom(e: Of<'no-cleartext-dicom'>, ev: AssociationEvidence, tls?: TlsHandshakeEvidence): Verdict {
  const o = ev.outcome;
  const expected = 'no DICOM PDU in clear: the connection closed or answered with TLS';
  const open = undecided(o);
  if (open) return open;
  switch (o.status) {
    case 'closed':
    case 'non-dicom-reply':
    case 'tls-rejected':
      // A port that drops every connection closes on cleartext too: only a port shown to speak TLS
      // turns "closed" into evidence of strict TLS.
      if (e.tlsStep && tls?.outcome.status !== 'established') {
        return verdict.inconclusive(
          'prerequisite-not-met',
          `${describeAssociation(o)}; but the port did not complete a TLS handshake either (${tls ? describeTls(tls.outcome) : 'no TLS step'}), so this shows no strict TLS`,
        );
      }
      return verdict.pass(`${describeAssociation(o)}${tls ? `, while the same port completes TLS (${describeTls(tls.outcome)})` : ''}`);
    default:
      return verdict.fail(`the TLS port answered cleartext DICOM: ${describeAssociation(o)}`, expected, describeAssociation(o));
  }
}

/** DTLS-06: the node drops a half-sent handshake within the bound. */
export function droppedWithin(e: Of<'dropped-within'>, ev: StallEvidence): Verdict {
  const o = ev.outcome;
  const expected = `the stalled connection dropped within ${e.withinMs} ms`;
  switch (o.status) {
    case 'no-response':
      return verdict.inconclusive('no-response', `the TCP connection itself did not open within ${o.afterMs} ms`);
    case 'connection-refused':
      return verdict.inconclusive('connection-refused', o.message);
    case 'still-open':
      return verdict.fail(`the node still held the stalled handshake after ${o.afterMs} ms`, expected, `open after ${o.afterMs} ms`);
    case 'closed':
      return o.afterMs <= e.withinMs
        ? verdict.pass(`dropped after ${o.afterMs} ms (${o.closedBy})`)
        : verdict.fail(`dropped only after ${o.afterMs} ms`, expected, `dropped after ${o.afterMs} ms (${o.closedBy})`);
  }
}

/** DTLS-02: after the release, answered with part15's close_notify, the node sends its own before closing TCP. */
export function closeNotifyAfterRelease(_e: Of<'close-notify-after-release'>, ev: TlsCloseEvidence): Verdict {
  const o = ev.outcome;
  const expected = "the node's close_notify in answer to part15's, after the A-RELEASE-RP";
  switch (o.status) {
    case 'no-response':
      return verdict.inconclusive('no-response', `no answer within ${o.afterMs} ms`);
    case 'connection-refused':
      return verdict.inconclusive('connection-refused', o.message);
    case 'tls-rejected':
      return verdict.inconclusive('prerequisite-not-met', `no TLS 1.2 session to close: ${o.alert ? `alert ${o.alert.code} ${o.alert.name}` : o.message}`);
    case 'not-released':
      return verdict.inconclusive('prerequisite-not-met', `no released association: ${o.detail}`);
    case 'released': {
      const observed = `records after the handshake: [${o.recordTypesAfterHandshake.join(', ')}]; TCP ${o.closedBy === 'still-open' ? 'still open' : `closed by ${o.closedBy}`}`;
      return o.closeNotify
        ? verdict.pass(`close_notify sent after the release (${observed})`)
        : verdict.fail(`the node ${o.closedBy === 'still-open' ? 'kept the connection open without' : 'closed the connection without'} a close_notify`, expected, observed);
    }
  }
}
