/**
 * One short line per piece of evidence, for places that cannot hold the full JSON (JUnit
 * <system-out>, the Markdown observation column). The evidence is redacted *before* anything is
 * picked out or shortened: cutting a PEM block in half first would leave a fragment the redaction
 * pattern no longer recognises.
 */
import type { AssociationEvidence, Evidence, TlsAlert, TlsHandshakeEvidence } from '../core/evidence.ts';
import { redact, redactText } from '../core/redact.ts';

const MAX_FIELD_CHARS = 120;

/** Free text from the target or the OS: redacted, on one line, and bounded in length. */
export function oneLine(text: string, maxChars = MAX_FIELD_CHARS): string {
  const flat = redactText(text).replace(/\s+/g, ' ').trim();
  return flat.length > maxChars ? `${flat.slice(0, maxChars - 1)}…` : flat;
}

export function evidenceDigest(evidence: readonly Evidence[]): string[] {
  return redact(evidence).map(describeEvidence);
}

/** Expects redacted evidence (evidenceDigest does that). */
export function describeEvidence(evidence: Evidence): string {
  const where = `${evidence.endpoint?.host ?? '?'}:${evidence.endpoint?.port ?? '?'}`;
  const head = `${evidence.kind} [${oneLine(evidence.step ?? '')}] ${where}`;
  const took = typeof evidence.durationMs === 'number' ? ` (${Math.round(evidence.durationMs)} ms)` : '';
  switch (evidence.kind) {
    case 'tls-handshake':
      return `${head} ${describeTlsOffer(evidence)} → ${describeTlsOutcome(evidence.outcome)}${took}`;
    case 'association':
      return `${head} ${describeAssociationRequest(evidence)} → ${describeAssociationOutcome(evidence.outcome)}${took}`;
    default: {
      // An evidence kind newer than this reporter: still say what it was and how it ended.
      const unknown = evidence as { outcome?: { status?: unknown } };
      return `${head} → ${oneLine(String(unknown.outcome?.status ?? 'unknown'))}${took}`;
    }
  }
}

function describeTlsOffer(e: TlsHandshakeEvidence): string {
  const versions = e.offered.minVersion === e.offered.maxVersion ? e.offered.minVersion : `${e.offered.minVersion}–${e.offered.maxVersion}`;
  return `offered ${versions} client-cert=${e.offered.clientCertificate}`;
}

function describeAlert(alert: TlsAlert | undefined): string {
  return alert ? ` alert ${oneLine(alert.name)}(${alert.code})` : '';
}

function describeTlsOutcome(outcome: TlsHandshakeEvidence['outcome']): string {
  switch (outcome.status) {
    case 'established': {
      const leaf = outcome.peerChain[0];
      const key = leaf ? ` server-key=${leaf.keyType}${leaf.keyBits ? `-${leaf.keyBits}` : ''}${leaf.namedCurve ? `/${leaf.namedCurve}` : ''}` : '';
      return `established ${outcome.version} ${outcome.cipher}${key} peer-verified=${outcome.peerVerified}`;
    }
    case 'rejected':
      return `rejected${describeAlert(outcome.alert)} closed-by=${outcome.closedBy}${outcome.afterHandshake ? ' after-handshake' : ''}: ${oneLine(outcome.message)}`;
    case 'not-tls':
      return `not-tls: ${oneLine(outcome.detail)}`;
    case 'no-response':
      return `no-response after ${outcome.afterMs} ms`;
    case 'connection-refused':
    case 'local-error':
      return `${outcome.status}: ${oneLine(outcome.message)}`;
    default:
      return oneLine(String((outcome as { status?: unknown }).status ?? 'unknown'));
  }
}

function describeAssociationRequest(e: AssociationEvidence): string {
  const tls = e.tls ? ` ${e.tls.version} ${e.tls.cipher}` : '';
  return `${e.transport}${tls} ${oneLine(e.requested.callingAeTitle, 16)}→${oneLine(e.requested.calledAeTitle, 16)}`;
}

function describeAssociationOutcome(outcome: AssociationEvidence['outcome']): string {
  switch (outcome.status) {
    case 'accepted': {
      const echo = outcome.echoStatus === undefined ? '' : ` echo-status=0x${outcome.echoStatus.toString(16).padStart(4, '0')}`;
      return `accepted contexts=${outcome.acceptedContexts}${echo} released=${outcome.released}`;
    }
    case 'rejected':
      return (
        `rejected result=${outcome.result} (${oneLine(outcome.resultText)}) source=${outcome.source} (${oneLine(outcome.sourceText)})` +
        ` reason=${outcome.reason} (${oneLine(outcome.reasonText)})`
      );
    case 'aborted':
      return `aborted source=${outcome.source} reason=${outcome.reason} (${oneLine(outcome.text)})`;
    case 'tls-rejected':
      return `tls-rejected${describeAlert(outcome.alert)}: ${oneLine(outcome.message)}`;
    case 'non-dicom-reply':
    case 'protocol-violation':
      return `${outcome.status}: ${oneLine(outcome.detail)} bytes=${oneLine(outcome.bytesHex, 48)}`;
    case 'no-response':
      return `no-response after ${outcome.afterMs} ms`;
    case 'closed':
    case 'connection-refused':
    case 'local-error':
      return `${outcome.status}: ${oneLine(outcome.message)}`;
    default:
      return oneLine(String((outcome as { status?: unknown }).status ?? 'unknown'));
  }
}
