/** (check, evidence by step) → verdict. Pure: the only place expectations are judged. */
import type { AssociationEvidence, Evidence, TlsHandshakeEvidence } from '../core/evidence.ts';
import { verdict, type Verdict } from '../core/verdict.ts';
import type { Expectation } from '../suite/schema.ts';
import { associationAccepted, associationRefused, noCleartextDicom } from './association-expectations.ts';
import {
  tlsEstablished,
  tlsRejected,
  tlsServerKeyStrength,
  tlsServerSignatureHashes,
  tlsVersionPreferred,
} from './tls-expectations.ts';

export function evaluateExpectation(expect: Expectation, evidence: ReadonlyMap<string, Evidence>): Verdict {
  const tls = (name: string) => typed<TlsHandshakeEvidence>(evidence, name, 'tls-handshake');
  const assoc = (name: string) => typed<AssociationEvidence>(evidence, name, 'association');
  try {
    switch (expect.that) {
      case 'tls-established':
        return tlsEstablished(expect, tls(expect.step));
      case 'tls-rejected':
        return tlsRejected(expect, tls(expect.step));
      case 'tls-version-preferred':
        return tlsVersionPreferred(expect, tls(expect.onlyStep), tls(expect.step));
      case 'tls-server-key-strength':
        return tlsServerKeyStrength(expect, tls(expect.step));
      case 'tls-server-signature-hashes':
        return tlsServerSignatureHashes(expect, tls(expect.step));
      case 'association-accepted':
        return associationAccepted(expect, assoc(expect.step));
      case 'association-refused':
        return associationRefused(expect, assoc(expect.step));
      case 'no-cleartext-dicom':
        return noCleartextDicom(expect, assoc(expect.step), expect.tlsStep ? tls(expect.tlsStep) : undefined);
    }
  } catch (e) {
    if (e instanceof MissingEvidence) return verdict.error('bug-in-harness', e.message);
    throw e;
  }
}

class MissingEvidence extends Error {}

function typed<T extends Evidence>(evidence: ReadonlyMap<string, Evidence>, name: string, kind: T['kind']): T {
  const ev = evidence.get(name);
  if (!ev || ev.kind !== kind) throw new MissingEvidence(`no ${kind} evidence for step "${name}"`);
  return ev as T;
}
