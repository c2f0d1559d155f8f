/** Pure evaluators for expectations over tls.handshake evidence. No I/O, no clocks. */
import type { CertificateSummary, TlsHandshakeEvidence, TlsHandshakeOutcome } from '../core/evidence.ts';
import { verdict, type Judgement, type Verdict } from '../core/verdict.ts';
import type { Expectation } from '../suite/schema.ts';
import { describeTls } from './describe-evidence.ts';

type Of<K extends Expectation['that']> = Extract<Expectation, { that: K }>;

/** Outcomes that decide nothing about the target's TLS policy; undefined when the outcome is decisive. */
function undecided(o: TlsHandshakeOutcome): Verdict | undefined {
  switch (o.status) {
    case 'no-response':
      return verdict.inconclusive('no-response', `no answer: ${describeTls(o)}`);
    case 'connection-refused':
      return verdict.inconclusive('connection-refused', `nothing listens: ${describeTls(o)}`);
    case 'local-error':
      return verdict.error('suite-invalid', describeTls(o));
    default:
      return undefined;
  }
}

export function tlsEstablished(e: Of<'tls-established'>, ev: TlsHandshakeEvidence, keyEv?: TlsHandshakeEvidence): Judgement {
  const o = ev.outcome;
  // Silence on either step decides nothing: never "not applicable", nor (through a key never seen) a pass.
  const open = undecided(o) ?? (keyEv ? undecided(keyEv.outcome) : undefined);
  if (open) return open;
  const key = keyEv?.outcome.status === 'established' ? keyEv.outcome.peerChain[0] : undefined;
  if (e.serverKeyType && key && keyTypeFamily(key.keyType) !== e.serverKeyType) {
    return { kind: 'not-applicable', reason: `the server's certificate key is ${key.keyType}; this check is for servers with an ${e.serverKeyType} key` };
  }
  const expected = `TLS handshake completed${e.version ? ` with ${e.version}` : ''}`;
  if (o.status !== 'established') return verdict.fail(`the target did not complete the handshake: ${describeTls(o)}`, expected, describeTls(o));
  if (e.version && o.version !== e.version) return verdict.fail(`the target chose ${o.version}, not ${e.version}`, expected, describeTls(o));
  return verdict.pass(describeTls(o));
}

export function tlsRejected(e: Of<'tls-rejected'>, ev: TlsHandshakeEvidence): Verdict {
  const o = ev.outcome;
  const expected = e.alerts ? `handshake refused with alert ${e.alerts.join(' or ')}` : 'handshake refused with a TLS alert';
  const open = undecided(o);
  if (open) return open;
  if (o.status === 'established') return verdict.fail(`the target accepted what it must refuse: ${describeTls(o)}`, expected, describeTls(o));
  if (o.status !== 'rejected') return verdict.fail('the TLS port does not speak TLS', expected, describeTls(o));
  if (!o.alert) {
    // A bare close proves nothing: a port that is not TLS at all closes the same way.
    return verdict.inconclusive('ambiguous-observation', `${describeTls(o)}: a refusal without a TLS alert does not tell a TLS policy from a port that is not TLS`);
  }
  if (e.alerts && !e.alerts.includes(o.alert.name as (typeof e.alerts)[number])) {
    return verdict.inconclusive(
      'ambiguous-observation',
      `${describeTls(o)}; only ${e.alerts.join(' or ')} shows this refusal is the one the requirement means (another alert may come from an offer the probe cannot make)`,
    );
  }
  return verdict.pass(describeTls(o));
}

export function tlsVersionPreferred(e: Of<'tls-version-preferred'>, only: TlsHandshakeEvidence, both: TlsHandshakeEvidence): Verdict {
  const supportOpen = undecided(only.outcome);
  if (supportOpen) return supportOpen;
  // Silence on the wider offer is never passed over, even when the version alone was refused.
  const open = undecided(both.outcome);
  if (open) return open;
  const expected = `${e.version} chosen when offered with lower versions, if supported`;
  if (only.outcome.status === 'rejected' && only.outcome.alert?.name === 'protocol_version') {
    return verdict.pass(`${e.version} is not supported (refused alone with protocol_version), so there is nothing to prefer`);
  }
  if (only.outcome.status !== 'established') {
    if (only.outcome.status === 'not-tls') return verdict.fail('the TLS port does not speak TLS', expected, describeTls(only.outcome));
    return verdict.inconclusive('ambiguous-observation', `offering ${e.version} alone: ${describeTls(only.outcome)}; support for ${e.version} cannot be told`);
  }
  if (both.outcome.status !== 'established') {
    return verdict.fail(`${e.version} works alone, but an offer including lower versions was refused`, expected, describeTls(both.outcome));
  }
  if (both.outcome.version !== e.version) {
    return verdict.fail(`the target supports ${e.version} but chose ${both.outcome.version} when both were offered`, expected, describeTls(both.outcome));
  }
  return verdict.pass(`${e.version} supported and chosen: ${describeTls(both.outcome)}`);
}

function certificateVerdictPrelude(ev: TlsHandshakeEvidence): Verdict | CertificateSummary[] {
  const o = ev.outcome;
  const open = undecided(o);
  if (open) return open;
  if (o.status === 'not-tls') return verdict.fail('the TLS port does not speak TLS: no certificate', 'a server certificate', describeTls(o));
  if (o.status !== 'established' || o.peerChain.length === 0) {
    return verdict.inconclusive('prerequisite-not-met', `no handshake completed, so no certificate to judge: ${describeTls(o)}`);
  }
  return o.peerChain;
}

export function tlsServerKeyStrength(e: Of<'tls-server-key-strength'>, ev: TlsHandshakeEvidence): Verdict {
  const chain = certificateVerdictPrelude(ev);
  if (!Array.isArray(chain)) return chain;
  const leaf = chain[0]!;
  const key = `${leaf.keyType} ${leaf.keyBits ?? '?'} bits${leaf.namedCurve ? ` (${leaf.namedCurve})` : ''}`;
  const expected = `RSA ≥ ${e.minRsaBits} bits, EC ≥ ${e.minEcBits} bits`;
  const isRsa = leaf.keyType === 'RSA' || leaf.keyType === 'RSA-PSS';
  if (leaf.keyBits === undefined && (isRsa || leaf.keyType === 'EC')) {
    return verdict.inconclusive('ambiguous-observation', `the key size of ${leaf.subject} could not be read`);
  }
  if (isRsa && leaf.keyBits! < e.minRsaBits) return verdict.fail(`server key too short: ${key}`, expected, `${leaf.subject}: ${key}`);
  if (leaf.keyType === 'EC' && leaf.keyBits! < e.minEcBits) return verdict.fail(`server key too short: ${key}`, expected, `${leaf.subject}: ${key}`);
  if (leaf.keyType === 'DSA') return verdict.fail('server key is DSA, which TLS 1.3 cannot use and RFC 9325 does not recommend', expected, key);
  return verdict.pass(`server key ${key}`);
}

export function tlsServerSignatureHashes(e: Of<'tls-server-signature-hashes'>, ev: TlsHandshakeEvidence): Verdict {
  const chain = certificateVerdictPrelude(ev);
  if (!Array.isArray(chain)) return chain;
  const judged = chain.filter((c) => e.includeTrustAnchor || !c.isSelfSigned);
  const bad = judged.filter((c) => c.signatureHash && (e.forbidden as string[]).includes(c.signatureHash));
  const listed = judged.map((c) => `${c.subject}: ${c.signatureAlgorithm}`).join('; ');
  if (bad.length > 0) {
    return verdict.fail(
      `certificate signed with ${bad.map((c) => c.signatureHash).join(', ')}`,
      `no certificate signed with ${e.forbidden.join(' or ')}`,
      bad.map((c) => `${c.subject}: ${c.signatureAlgorithm}`).join('; '),
    );
  }
  return verdict.pass(`signatures: ${listed || 'only a self-signed trust anchor was sent'}`);
}

function keyTypeFamily(keyType: string): string {
  return keyType === 'RSA-PSS' ? 'RSA' : keyType;
}

const SERVER_AUTH = '1.3.6.1.5.5.7.3.1';
const ANY_EKU = '2.5.29.37.0';

/** CERT-01/04/05: v3, valid at the time of the handshake (the evidence's own timestamp), EKU allows serverAuth. */
export function tlsServerCertificateUsable(_e: Of<'tls-server-certificate-usable'>, ev: TlsHandshakeEvidence): Verdict {
  const chain = certificateVerdictPrelude(ev);
  if (!Array.isArray(chain)) return chain;
  const leaf = chain[0]!;
  const at = new Date(ev.startedAt).getTime();
  const problems: string[] = [];
  if (leaf.x509Version !== undefined && leaf.x509Version !== 3) problems.push(`X.509 v${leaf.x509Version}, not v3`);
  if (at < new Date(leaf.notBefore).getTime()) problems.push(`not valid before ${leaf.notBefore}`);
  if (at > new Date(leaf.notAfter).getTime()) problems.push(`expired ${leaf.notAfter}`);
  if (leaf.extendedKeyUsage && !leaf.extendedKeyUsage.includes(SERVER_AUTH) && !leaf.extendedKeyUsage.includes(ANY_EKU)) {
    problems.push(`extended key usage ${leaf.extendedKeyUsage.join(', ')} lacks serverAuth`);
  }
  const observed = `${leaf.subject}: v${leaf.x509Version ?? '?'}, ${leaf.notBefore} … ${leaf.notAfter}, EKU ${leaf.extendedKeyUsage?.join(', ') ?? 'absent'}`;
  if (problems.length > 0) return verdict.fail(problems.join('; '), 'an X.509 v3 certificate, valid at the handshake, whose EKU (if any) includes serverAuth', observed);
  return verdict.pass(observed);
}
