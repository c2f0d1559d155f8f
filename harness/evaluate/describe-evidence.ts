/** One-line, human descriptions of observations, for verdict summaries (never parsed back). */
import type { AssociationOutcome, TlsHandshakeOutcome } from '../core/evidence.ts';

export function describeTls(o: TlsHandshakeOutcome): string {
  switch (o.status) {
    case 'established':
      return `handshake completed: ${o.version} ${o.cipher}`;
    case 'rejected':
      return o.alert
        ? `refused with TLS alert ${o.alert.code} ${o.alert.name}${o.afterHandshake ? ' after the handshake' : ''}`
        : `connection ${o.closedBy === 'reset' ? 'reset' : 'closed'} without a TLS alert${o.afterHandshake ? ' after the handshake' : ''}`;
    case 'not-tls':
      return `not TLS: ${o.detail}`;
    case 'no-response':
      return `no answer within ${o.afterMs} ms`;
    case 'connection-refused':
      return `TCP connection refused (${o.message})`;
    case 'local-error':
      return `the harness could not make this offer: ${o.message}`;
  }
}

export function describeAssociation(o: AssociationOutcome): string {
  switch (o.status) {
    case 'accepted':
      return `association accepted${o.echoStatus !== undefined ? `, C-ECHO status 0x${o.echoStatus.toString(16).padStart(4, '0')}` : ''}${o.storeStatus !== undefined ? `, C-STORE status 0x${o.storeStatus.toString(16).padStart(4, '0')}` : ''}${o.released ? ', released' : ', not released cleanly'}`;
    case 'rejected':
      return `A-ASSOCIATE-RJ result ${o.result} (${o.resultText}), source ${o.source} (${o.sourceText}), reason ${o.reason} (${o.reasonText})`;
    case 'aborted':
      return `A-ABORT source ${o.source}, reason ${o.reason} (${o.text})`;
    case 'tls-rejected':
      return o.alert ? `TLS refused with alert ${o.alert.code} ${o.alert.name}` : `TLS refused: ${o.message}`;
    case 'closed':
      return o.message;
    case 'non-dicom-reply':
      return `answered with non-DICOM bytes: ${o.detail}`;
    case 'protocol-violation':
      return `protocol violation: ${o.detail}`;
    case 'no-response':
      return `no answer within ${o.afterMs} ms`;
    case 'connection-refused':
      return `TCP connection refused (${o.message})`;
    case 'local-error':
      return `the harness could not make this request: ${o.message}`;
  }
}
