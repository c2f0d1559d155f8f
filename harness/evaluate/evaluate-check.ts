/** (check, evidence by step) → verdict. Pure: the only place expectations are judged. */
import type { AssociationEvidence, AuditEvidence, Evidence, WebEvidence, StallEvidence, TlsCloseEvidence, TlsHandshakeEvidence, TlsHelloEvidence, UserIdentityEvidence } from '../core/evidence.ts';
import { identityAccepted, identityRejected, identityRejectionEncoding, identityResponse, malformedIdentityRefused } from './identity-expectations.ts';
import { parseSuiteRef } from '../probes/tls/hello/cipher-suites.ts';
import {
  helloAccepted,
  helloDheMinBits,
  helloDowngradeSentinel,
  helloEcdheMinBits,
  helloExtension,
  helloNoCompression,
  helloRefused,
  helloSuiteChosen,
} from './hello-expectations.ts';
import { verdict, type Judgement } from '../core/verdict.ts';
import { webDistinctPorts, webHeader, webNoBasicInClear, webNoCanaryInErrors, webNoDataInClear, webRefused, webTokenRefused } from './web-expectations.ts';
import { auditEventRecorded, auditMessagesConform, auditNoAlarm, auditQueryMatches, auditTransport } from './audit-expectations.ts';
import { HarnessError } from '../core/errors.ts';
import type { Expectation } from '../suite/schema.ts';
import { associationRejected, noPlainDicom, operationDenied } from './exposure-expectations.ts';
import { associationAccepted, associationRefused, closeNotifyAfterRelease, droppedWithin, noCleartextDicom } from './association-expectations.ts';
import {
  tlsEstablished,
  tlsRejected,
  tlsServerCertificateUsable,
  tlsServerKeyStrength,
  tlsServerSignatureHashes,
  tlsVersionPreferred,
} from './tls-expectations.ts';

export function evaluateExpectation(expect: Expectation, evidence: ReadonlyMap<string, Evidence>): Judgement {
  const tls = (name: string) => typed<TlsHandshakeEvidence>(evidence, name, 'tls-handshake');
  const assoc = (name: string) => typed<AssociationEvidence>(evidence, name, 'association');
  const hello = (name: string) => typed<TlsHelloEvidence>(evidence, name, 'tls-hello');
  const stall = (name: string) => typed<StallEvidence>(evidence, name, 'stall');
  const closing = (name: string) => typed<TlsCloseEvidence>(evidence, name, 'tls-close');
  const identity = (name: string) => typed<UserIdentityEvidence>(evidence, name, 'user-identity');
  const audit = (name: string) => typed<AuditEvidence>(evidence, name, 'audit');
  const web = (name: string) => typed<WebEvidence>(evidence, name, 'web');
  try {
    switch (expect.that) {
      case 'tls-established':
        return tlsEstablished(expect, tls(expect.step), expect.keyStep ? tls(expect.keyStep) : undefined);
      case 'tls-rejected':
        return tlsRejected(expect, tls(expect.step));
      case 'tls-version-preferred':
        return tlsVersionPreferred(expect, tls(expect.onlyStep), tls(expect.step));
      case 'tls-server-key-strength':
        return tlsServerKeyStrength(expect, tls(expect.step));
      case 'tls-server-signature-hashes':
        return tlsServerSignatureHashes(expect, tls(expect.step));
      case 'tls-server-certificate-usable':
        return tlsServerCertificateUsable(expect, tls(expect.step));
      case 'hello-accepted':
        return helloAccepted(expect, hello(expect.step), expect.keyStep ? hello(expect.keyStep) : undefined);
      case 'hello-refused':
        return helloRefused(expect, hello(expect.step));
      case 'hello-suite-chosen':
        return helloSuiteChosen(expect, hello(expect.step), (ref) => parseSuiteRef(ref).code, expect.keyStep ? hello(expect.keyStep) : undefined);
      case 'hello-extension':
        return helloExtension(expect, hello(expect.step));
      case 'hello-downgrade-sentinel':
        return helloDowngradeSentinel(expect, hello(expect.supportStep), hello(expect.step));
      case 'hello-dhe-min-bits':
        return helloDheMinBits(expect, hello(expect.step));
      case 'hello-ecdhe-min-bits':
        return helloEcdheMinBits(expect, hello(expect.step));
      case 'hello-no-compression':
        return helloNoCompression(expect, hello(expect.step));
      case 'close-notify-after-release':
        return closeNotifyAfterRelease(expect, closing(expect.step));
      case 'dropped-within':
        return droppedWithin(expect, stall(expect.step));
      case 'association-accepted':
        return associationAccepted(expect, assoc(expect.step));
      case 'association-refused':
        return associationRefused(expect, assoc(expect.step));
      case 'no-cleartext-dicom':
        return noCleartextDicom(expect, assoc(expect.step), expect.tlsStep ? tls(expect.tlsStep) : undefined);
      case 'association-rejected':
        return associationRejected(expect, assoc(expect.step));
      case 'operation-denied':
        return operationDenied(expect, assoc(expect.step));
      case 'no-plain-dicom':
        return noPlainDicom(expect, expect.steps.map(assoc), assoc(expect.aliveStep));
      case 'identity-accepted':
        return identityAccepted(expect, identity(expect.step));
      case 'identity-response':
        return identityResponse(expect, identity(expect.step));
      case 'identity-rejected':
        return identityRejected(expect, identity(expect.step));
      case 'identity-rejection-encoding':
        return identityRejectionEncoding(expect, identity(expect.step));
      case 'malformed-identity-refused':
        return malformedIdentityRefused(expect, expect.steps.map(identity), identity(expect.beforeStep), identity(expect.afterStep));
      case 'audit-event-recorded':
        return auditEventRecorded(expect, audit(expect.step));
      case 'audit-no-alarm':
        return auditNoAlarm(expect, audit(expect.step));
      case 'audit-messages-conform':
        return auditMessagesConform(expect, expect.steps.map(audit));
      case 'audit-transport':
        return auditTransport(expect, expect.steps.map(audit));
      case 'audit-query-matches':
        return auditQueryMatches(expect, audit(expect.step));
      case 'web-refused':
        return webRefused(expect, expect.steps.map(web));
      case 'web-token-refused':
        return webTokenRefused(expect, web(expect.step));
      case 'web-no-data-in-clear':
        return webNoDataInClear(expect, web(expect.step), web(expect.aliveStep));
      case 'web-header':
        return webHeader(expect, web(expect.step));
      case 'web-no-basic-in-clear':
        return webNoBasicInClear(expect, web(expect.step));
      case 'web-no-canary-in-errors':
        return webNoCanaryInErrors(expect, expect.steps.map(web));
      case 'web-distinct-ports':
        return webDistinctPorts(expect, tls(expect.steps[0]!), tls(expect.steps[1]!));
    }
  } catch (e) {
    if (e instanceof MissingEvidence) return verdict.error('bug-in-harness', e.message);
    // The expectation cannot be judged as written (e.g. an unknown suite name in hello-suite-chosen's `among`).
    if (e instanceof HarnessError && e.code === 'ERR_INPUT_INVALID') return verdict.error('suite-invalid', e.message);
    throw e;
  }
}

class MissingEvidence extends Error {}

function typed<T extends Evidence>(evidence: ReadonlyMap<string, Evidence>, name: string, kind: T['kind']): T {
  const ev = evidence.get(name);
  if (!ev || ev.kind !== kind) throw new MissingEvidence(`no ${kind} evidence for step "${name}"`);
  return ev as T;
}
