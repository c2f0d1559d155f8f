/**
 * Pure evaluators for user identity negotiation (PS3.7 D.3.3.7; PS3.15 B.4, B.5; type 5 JWT):
 * what came back to a dimse.user-identity step. PART15-CATALOGUE.md §3.4, UID-01 … UID-13.
 */
import type { UserIdentityEvidence, UserIdentityOutcome } from '../core/evidence.ts';
import { verdict, type Verdict } from '../core/verdict.ts';
import type { Expectation } from '../suite/schema.ts';
import { describeAssociation } from './describe-evidence.ts';

type Of<K extends Expectation['that']> = Extract<Expectation, { that: K }>;

export function describeIdentityOutcome(o: UserIdentityOutcome): string {
  if (o.status !== 'accepted') return describeAssociation(o); // the refusals are the same union members
  const n = o.userIdentityResponses.length;
  const lengths = o.userIdentityResponses.map((r) => ('malformed' in r ? `malformed (${r.malformed})` : `${r.serverResponseLength} bytes`)).join(', ');
  return `A-ASSOCIATE-AC with ${n === 0 ? 'no' : n} user identity response${n === 1 ? '' : 's'} (0x59)${n > 0 ? `: ${lengths}` : ''}`;
}

/** What was offered, in words, without any secret. */
function offered(ev: UserIdentityEvidence): string {
  const i = ev.requested.identity;
  if (i === 'none') return 'no user identity sub-item';
  const what =
    i.tokenKind !== undefined
      ? `type 5 with a ${i.tokenKind} JWT (alg ${i.tokenAlg})`
      : i.type === 2
        ? `type 2 for ${i.username} with ${i.passcodeKind === 'valid' ? 'the declared' : i.passcodeKind === 'wrong' ? 'a wrong' : 'an empty'} passcode`
        : `type ${i.type} for ${i.username}`;
  return `${what}${i.positiveResponseRequested ? ', positive response requested' : ''}${i.fault ? `, fault ${i.fault}` : ''}${i.duplicate ? ', two 0x58 sub-items' : ''}${ev.transport === 'plain' ? ', in cleartext' : ''}`;
}

function undecided(ev: UserIdentityEvidence): Verdict | undefined {
  const o = ev.outcome;
  switch (o.status) {
    case 'no-response':
      return verdict.inconclusive('no-response', describeIdentityOutcome(o));
    case 'connection-refused':
      return verdict.inconclusive('connection-refused', describeIdentityOutcome(o));
    case 'local-error':
      return verdict.error('suite-invalid', describeIdentityOutcome(o));
    case 'tls-rejected':
      if (ev.requested.clientCertificate === 'valid') {
        return verdict.inconclusive('prerequisite-not-met', `the TLS layer refused part15's valid client certificate (${describeIdentityOutcome(o)}), so the identity was never read`);
      }
      return undefined;
    default:
      return undefined;
  }
}

/** The node accepts a valid identity (UID-04, UID-05's positive side, UID-10's valid token). */
export function identityAccepted(_e: Of<'identity-accepted'>, ev: UserIdentityEvidence): Verdict {
  const open = undecided(ev);
  if (open) return open;
  const o = ev.outcome;
  if (o.status === 'accepted') {
    const madeUp = ev.requested.credentialsDeclared ? '' : ' (the target declares no credentials: part15 made this identity up, and it was accepted all the same)';
    return verdict.pass(`${offered(ev)}: ${describeIdentityOutcome(o)}${madeUp}`);
  }
  if (!ev.requested.credentialsDeclared) {
    return verdict.inconclusive('prerequisite-not-met', `${describeIdentityOutcome(o)}; the target declares no credentials (userIdentity), so part15 had no valid identity to offer`);
  }
  return verdict.fail(`the node did not accept ${offered(ev)}`, `A-ASSOCIATE-AC for ${offered(ev)}`, describeIdentityOutcome(o));
}

/**
 * UID-01/02/03: the 0x59 sub-item appears exactly when a positive response was requested and the
 * identity accepted; for types 1 and 2 its server response is empty.
 */
export function identityResponse(e: Of<'identity-response'>, ev: UserIdentityEvidence): Verdict {
  const open = undecided(ev);
  if (open) return open;
  const o = ev.outcome;
  if (o.status !== 'accepted') {
    // A rejection carries no 0x59: "none" holds (nothing was sent unasked); a response cannot be judged.
    if (e.expected === 'none' && (o.status === 'rejected' || o.status === 'aborted')) return verdict.pass(`${describeIdentityOutcome(o)}: no A-ASSOCIATE-AC, so no unrequested 0x59`);
    return verdict.inconclusive('prerequisite-not-met', `${describeIdentityOutcome(o)}: no A-ASSOCIATE-AC to read a user identity response from`);
  }
  const rs = o.userIdentityResponses;
  const observed = describeIdentityOutcome(o);
  if (e.expected === 'none') {
    return rs.length === 0
      ? verdict.pass(`${offered(ev)}: no 0x59 in the A-ASSOCIATE-AC`)
      : verdict.fail(`the node sent ${rs.length} user identity response(s) nobody asked for`, 'no 0x59 sub-item (PS3.7 D.3.3.7: only when a positive response is requested)', observed);
  }
  const expected = e.expected === 'one-empty' ? 'exactly one 0x59 with a zero-length server response (PS3.7 D.3.3.7.2, types 1 and 2)' : 'exactly one 0x59';
  if (rs.length !== 1) {
    return verdict.fail(rs.length === 0 ? 'the node accepted the identity but sent no positive response (0x59)' : `the node sent ${rs.length} user identity responses`, expected, observed);
  }
  const r = rs[0]!;
  if ('malformed' in r) return verdict.fail(`the 0x59 sub-item is malformed: ${r.malformed}`, expected, observed);
  if (e.expected === 'one-empty' && r.serverResponseLength !== 0) return verdict.fail(`the server response holds ${r.serverResponseLength} bytes`, expected, observed);
  return verdict.pass(`${offered(ev)}: ${observed}`);
}

/** UID-05, UID-10, UID-13: the identity is refused (an A-ASSOCIATE-RJ; an A-ABORT also refuses). */
export function identityRejected(_e: Of<'identity-rejected'>, ev: UserIdentityEvidence): Verdict {
  const open = undecided(ev);
  if (open) return open;
  const o = ev.outcome;
  switch (o.status) {
    case 'accepted':
      return verdict.fail(`the node accepted ${offered(ev)}`, `A-ASSOCIATE-RJ for ${offered(ev)}`, describeIdentityOutcome(o));
    case 'rejected':
      return verdict.pass(`${offered(ev)}: ${describeIdentityOutcome(o)}`);
    case 'aborted':
      return verdict.pass(`${offered(ev)}: refused with an A-ABORT (${o.text}) rather than an A-ASSOCIATE-RJ`);
    case 'tls-rejected':
      return o.alert
        ? verdict.pass(`refused at the TLS layer (alert ${o.alert.code} ${o.alert.name}) before the identity was read`)
        : verdict.inconclusive('ambiguous-observation', `${describeIdentityOutcome(o)} without an alert`);
    default:
      return verdict.inconclusive('ambiguous-observation', `${describeIdentityOutcome(o)}: no DICOM answer`);
  }
}

/** UID-06: an identity failure is rejected-permanent (1) by the UL service-provider, ACSE related (2). */
export function identityRejectionEncoding(_e: Of<'identity-rejection-encoding'>, ev: UserIdentityEvidence): Verdict {
  const open = undecided(ev);
  if (open) return open;
  const o = ev.outcome;
  const expected = 'A-ASSOCIATE-RJ result 1 (rejected-permanent), source 2 (UL service-provider, ACSE related) — PS3.7 D.3.3.7.3';
  if (o.status !== 'rejected') {
    return verdict.inconclusive('prerequisite-not-met', `${describeIdentityOutcome(o)}: no A-ASSOCIATE-RJ whose encoding could be judged (see the rejection checks)`);
  }
  if (o.result === 1 && o.source === 2) return verdict.pass(describeIdentityOutcome(o));
  const what = o.result === 2 ? 'a transient rejection (the requestor is invited to retry the same identity)' : `source ${o.source} (${o.sourceText})`;
  return verdict.fail(`the identity failure was rejected with ${what}`, expected, describeIdentityOutcome(o));
}

/** UID-11: malformed or ambiguous identity sub-items are never accepted, and the node survives them. */
export function malformedIdentityRefused(_e: Of<'malformed-identity-refused'>, malformed: UserIdentityEvidence[], before: UserIdentityEvidence, after: UserIdentityEvidence): Verdict {
  const answered = (ev: UserIdentityEvidence) => ['accepted', 'rejected', 'aborted'].includes(ev.outcome.status);
  const beforeOpen = undecided(before);
  if (beforeOpen) return beforeOpen;
  if (!answered(before)) return verdict.inconclusive('prerequisite-not-met', `the node did not answer a well-formed request first (${describeIdentityOutcome(before.outcome)})`);
  const acceptedOnes = malformed.filter((ev) => ev.outcome.status === 'accepted');
  if (acceptedOnes.length > 0) {
    return verdict.fail(
      `the node accepted ${acceptedOnes.map(offered).join('; ')}`,
      'A-ASSOCIATE-RJ or A-ABORT for every malformed or duplicate user identity sub-item',
      acceptedOnes.map((ev) => describeIdentityOutcome(ev.outcome)).join('; '),
    );
  }
  for (const ev of malformed) {
    if (ev.outcome.status === 'local-error') return verdict.error('suite-invalid', describeIdentityOutcome(ev.outcome));
  }
  // The node must still serve a well-formed request afterwards: if it does not, it crashed or hung.
  if (!answered(after)) {
    return verdict.fail(
      `the node stopped answering after the malformed requests (${describeIdentityOutcome(after.outcome)})`,
      'each malformed request refused, and the node still answering a well-formed one afterwards',
      [...malformed, after].map((ev) => `${ev.step}: ${describeIdentityOutcome(ev.outcome)}`).join('; '),
    );
  }
  // Silence on one connection while the node serves the next (DCMTK logs the fault and never answers
  // or closes that connection) is neither an acceptance nor a refusal.
  const silent = malformed.filter((ev) => ev.outcome.status === 'no-response');
  if (silent.length > 0) {
    return verdict.inconclusive(
      'ambiguous-observation',
      `no answer to ${silent.map(offered).join('; ')} (${silent.map((ev) => describeIdentityOutcome(ev.outcome)).join('; ')}), while the node went on serving others: neither accepted nor refused`,
    );
  }
  return verdict.pass(`${malformed.map((ev) => `${offered(ev)} → ${describeIdentityOutcome(ev.outcome)}`).join('; ')}; afterwards: ${describeIdentityOutcome(after.outcome)}`);
}
