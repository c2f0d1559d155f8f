/**
 * Pure evaluators for the exposure checks (PART15-CATALOGUE.md §12): who may associate, and which
 * DIMSE operations a node serves to a peer it does not know. Status codes and PDUs decide, never a
 * tool's exit code (TARGETS.md §0.10: Orthanc answers a forbidden C-FIND with an A-ABORT and
 * findscu still exits 0).
 */
import type { AssociationEvidence, AssociationOutcome, FindResult, OperationResult, RetrieveResult } from '../core/evidence.ts';
import { verdict, type Judgement, type Verdict } from '../core/verdict.ts';
import type { Expectation } from '../suite/schema.ts';
import { undecided } from './association-expectations.ts';
import { describeAssociation } from './describe-evidence.ts';
import { statusClass, statusText } from './dimse-status.ts';

type Of<K extends Expectation['that']> = Extract<Expectation, { that: K }>;
type Operation = Of<'operation-denied'>['operation'];

const OPERATION_NAME: Record<Operation, string> = { echo: 'C-ECHO', store: 'C-STORE', find: 'C-FIND', move: 'C-MOVE', get: 'C-GET' };

/** part15 presented a certificate the node should trust: a TLS refusal then says nothing about the DICOM layer. */
function tlsRefusalWithOurValidCertificate(ev: AssociationEvidence): Verdict | undefined {
  if (ev.outcome.status !== 'tls-rejected') return undefined;
  if (ev.requested.clientCertificate === 'valid') {
    return verdict.inconclusive(
      'prerequisite-not-met',
      `the TLS layer refused part15's valid client certificate (${describeAssociation(ev.outcome)}), so the DICOM layer was never asked; give the target part15's CA or the node's own client credentials`,
    );
  }
  return undefined;
}

/** A transient A-ASSOCIATE-RJ (e.g. dcmqrscp at MaxAssociations: local limit exceeded) is congestion, not access control. */
function transientReject(o: AssociationOutcome): Verdict {
  return verdict.inconclusive('ambiguous-observation', `${describeAssociation(o)}: a transient refusal says the node is busy, not that it refuses this peer; run again with fewer connections`);
}

/** EXP-02/03: the association itself must be refused with a DICOM answer (A-ASSOCIATE-RJ, or an A-ABORT). */
export function associationRejected(e: Of<'association-rejected'>, ev: AssociationEvidence): Verdict {
  const o = ev.outcome;
  const expected = `A-ASSOCIATE-RJ${e.reason ? ` (reason ${e.reason})` : ''} to calling AE ${ev.requested.callingAeTitle} → called AE ${ev.requested.calledAeTitle}`;
  const open = undecided(o) ?? tlsRefusalWithOurValidCertificate(ev);
  if (open) return open;
  switch (o.status) {
    case 'accepted':
      return verdict.fail(
        `the node accepted calling AE ${ev.requested.callingAeTitle} → called AE ${ev.requested.calledAeTitle}`,
        expected,
        describeAssociation(o),
      );
    case 'rejected': {
      if (o.result === 2) return transientReject(o);
      // Nodes report the same refusal with different reasons (dcmqrscp: "called AE title not
      // recognized" for an unknown calling AE): the refusal passes, the summary says what came.
      const differs = e.reason && o.reasonText !== e.reason ? ` — reported as ${o.reasonText}, not ${e.reason}` : '';
      return verdict.pass(`${describeAssociation(o)}${differs}`);
    }
    case 'aborted':
      return o.afterAcceptance
        ? verdict.fail('the node accepted the association (and aborted it later)', expected, describeAssociation(o))
        : verdict.pass(`refused with an A-ABORT instead of an A-ASSOCIATE-RJ (${o.text})`);
    default:
      return verdict.inconclusive('ambiguous-observation', `${describeAssociation(o)}: no DICOM answer to tell an AE-title refusal from anything else`);
  }
}

/** EXP-04 … EXP-07: the operation is not served to this peer. */
export function operationDenied(e: Of<'operation-denied'>, ev: AssociationEvidence): Judgement {
  const o = ev.outcome;
  const name = OPERATION_NAME[e.operation];
  const open = undecided(o);
  if (open) return open;
  const op = ev.operations?.[e.operation];
  // An answer to the operation decides, whatever happened to the association afterwards.
  const answered = op && judgeAnswer(e.operation, op, ev);
  if (answered) return answered;

  switch (o.status) {
    case 'rejected':
      if (o.result === 2) return transientReject(o);
      return verdict.pass(`the association was refused, so no ${name} was served: ${describeAssociation(o)}`);
    case 'aborted':
      return verdict.pass(
        o.afterAcceptance
          ? `the node accepted the association, then answered with an A-ABORT instead of serving the ${name} (${o.text})`
          : `the association was refused with an A-ABORT (${o.text})`,
      );
    case 'tls-rejected': {
      const ours = tlsRefusalWithOurValidCertificate(ev);
      if (ours) return ours;
      return o.alert
        ? verdict.pass(`the node refused the TLS connection of a peer with client certificate "${ev.requested.clientCertificate ?? 'none'}" (alert ${o.alert.code} ${o.alert.name}): no ${name} reached it`)
        : verdict.inconclusive('ambiguous-observation', `${describeAssociation(o)} without a TLS alert: a refusal cannot be told from a broken port`);
    }
    case 'accepted':
      if (op && !op.contextAccepted) {
        // Query/retrieve is a service a node offers or not (storescp has none); storage and
        // verification contexts refused to this peer are a refusal.
        if (e.operation === 'find' || e.operation === 'move' || e.operation === 'get') {
          return { kind: 'not-applicable', reason: `the node accepted no ${name} presentation context (${ev.requested.find?.model ?? 'study root'}): it offers no query/retrieve service to this peer` };
        }
        return verdict.pass(`the node accepted the association but not the ${name} presentation context`);
      }
      return verdict.inconclusive('ambiguous-observation', `the association ended (${describeAssociation(o)}) before the ${name} was answered`);
    default:
      return verdict.inconclusive('ambiguous-observation', `${describeAssociation(o)}: no DICOM answer`);
  }
}

function judgeAnswer(operation: Operation, op: OperationResult, ev: AssociationEvidence): Verdict | undefined {
  const name = OPERATION_NAME[operation];
  const peer = `calling AE ${ev.requested.callingAeTitle}${ev.transport === 'tls' ? ` over TLS with client certificate "${ev.requested.clientCertificate ?? 'none'}"` : ' in cleartext'}`;
  switch (operation) {
    case 'find': {
      const f = op as FindResult;
      if (f.matches > 0) {
        return verdict.fail(
          `the wildcard ${ev.requested.find?.model ?? ''} C-FIND from ${peer} returned ${f.matches} match${f.matches === 1 ? '' : 'es'}`,
          'no identifiers for an unknown, unauthenticated peer (a refusal, an A-ABORT or a failure status)',
          `${f.matches} match${f.matches === 1 ? '' : 'es'} carrying ${f.attributesReturned.join(', ') || 'no non-empty attribute'}${f.status !== undefined ? `; final status ${statusText(f.status)}` : ''}`,
        );
      }
      if (f.status === undefined) return undefined;
      if (statusClass(f.status) === 'failure' || statusClass(f.status) === 'cancel') return verdict.pass(`C-FIND refused: ${statusText(f.status)}, no match returned`);
      return verdict.inconclusive(
        'ambiguous-observation',
        `C-FIND answered ${statusText(f.status)} with no match: no identifiers came back, but a node that holds no data answers the same way`,
      );
    }
    case 'echo':
    case 'store': {
      if (op.status === undefined) return undefined;
      const cls = statusClass(op.status);
      if (cls === 'success' || cls === 'warning') {
        return verdict.fail(
          operation === 'store'
            ? `the node stored part15's synthetic instance ${ev.requested.store?.sopInstanceUid ?? ''} from ${peer}`
            : `the node answered C-ECHO for ${peer}`,
          `${name} refused for an unknown peer`,
          `${name} status ${statusText(op.status)}`,
        );
      }
      return verdict.pass(`${name} refused: ${statusText(op.status)}`);
    }
    case 'move':
    case 'get': {
      const r = op as RetrieveResult;
      const delivered = Math.max(r.completed ?? 0, r.instancesReceived);
      if (delivered > 0) {
        return verdict.fail(
          operation === 'get'
            ? `C-GET from ${peer} delivered ${delivered} instance${delivered === 1 ? '' : 's'} (the synthetic one part15 asked for)`
            : `C-MOVE from ${peer} completed ${delivered} sub-operation${delivered === 1 ? '' : 's'} to destination ${ev.requested.retrieve?.destinationAeTitle ?? '?'}`,
          `${name} refused for an unknown peer${operation === 'move' ? ' and an unknown destination' : ''}`,
          `${name} status ${r.status !== undefined ? statusText(r.status) : 'none'}; completed ${r.completed ?? 0}, failed ${r.failed ?? 0}, warning ${r.warning ?? 0}${operation === 'get' ? `, instances received ${r.instancesReceived}` : ''}`,
        );
      }
      if (r.status === undefined) return undefined;
      const cls = statusClass(r.status);
      if (cls === 'failure' || cls === 'cancel') return verdict.pass(`${name} refused: ${statusText(r.status)}, nothing delivered`);
      return verdict.inconclusive(
        'ambiguous-observation',
        `${name} answered ${statusText(r.status)} with nothing delivered (failed ${r.failed ?? 0}): the node took the request, but held nothing it could send`,
      );
    }
  }
}

/** A DICOM or TLS answer from the node's own service: the host and port are up. */
function showsNodeIsUp(ev: AssociationEvidence): boolean {
  const o = ev.outcome;
  return o.status === 'accepted' || o.status === 'rejected' || o.status === 'aborted' || (o.status === 'tls-rejected' && o.alert !== undefined) || ev.tls !== undefined;
}

/** EXP-01, EXP-08: no cleartext association is accepted, on the node's DICOM port or on the well-known ones. */
export function noPlainDicom(_e: Of<'no-plain-dicom'>, plain: AssociationEvidence[], alive: AssociationEvidence): Verdict {
  const where = (ev: AssociationEvidence) => `port ${ev.endpoint.port}`;
  const expected = 'no cleartext DICOM association: each port closes, refuses the connection or speaks only TLS';
  const open = plain.filter((ev) => ev.outcome.status === 'accepted' || ev.outcome.status === 'rejected');
  if (open.length > 0) {
    return verdict.fail(
      open
        .map((ev) =>
          ev.outcome.status === 'accepted'
            ? `${where(ev)} accepted a cleartext association from ${ev.requested.callingAeTitle}`
            : `${where(ev)} speaks DICOM in clear (it answered A-ASSOCIATE-RJ): a peer with a known AE title gets a cleartext association`,
        )
        .join('; '),
      expected,
      open.map((ev) => `${where(ev)}: ${describeAssociation(ev.outcome)}`).join('; '),
    );
  }
  for (const ev of plain) {
    const o = ev.outcome;
    if (o.status === 'no-response') return verdict.inconclusive('no-response', `${where(ev)}: ${describeAssociation(o)} (a filtered port cannot be told from a silent service)`);
    if (o.status === 'local-error') return verdict.error('suite-invalid', `${where(ev)}: ${describeAssociation(o)}`);
    if (o.status === 'aborted' || o.status === 'protocol-violation') return verdict.inconclusive('ambiguous-observation', `${where(ev)}: ${describeAssociation(o)}`);
  }
  const aliveOpen = undecided(alive.outcome);
  if (aliveOpen) return aliveOpen;
  if (!showsNodeIsUp(alive)) {
    return verdict.inconclusive(
      'prerequisite-not-met',
      `the node's own service did not answer either (${where(alive)}: ${describeAssociation(alive.outcome)}), so closed ports show nothing`,
    );
  }
  return verdict.pass(`${plain.map((ev) => `${where(ev)}: ${describeAssociation(ev.outcome)}`).join('; ')}; while ${where(alive)} answers (${describeAssociation(alive.outcome)})`);
}
