/**
 * What part15 does to a node to make it audit (PART15-CATALOGUE.md §4.7), each through the probe
 * that already observes that kind of exchange, and whether it happened as intended: an audit of a
 * refused certificate can only be asked for when the node did refuse the certificate.
 */
import { randomBytes } from 'node:crypto';
import type { AssociationEvidence, Evidence } from '../../core/evidence.ts';
import { NotApplicableError, type ProbeContext } from '../../core/probe.ts';
import type { RunningTarget } from '../../core/target.ts';
import { DimseAssociateParams, DimseUserIdentityParams, TlsHandshakeParams, type AuditStimulus, type STEP_ENDPOINT_NAMES } from '../../suite/schema.ts';
import { associateAndOperate, FIND_SOP_CLASS } from '../dimse/associate-probe.ts';
import { dimseUserIdentityProbe } from '../dimse/user-identity-probe.ts';
import { declaredEndpointFor } from '../endpoint.ts';
import { tlsHandshakeProbe } from '../tls/tls-handshake-probe.ts';

export interface StimulusResult {
  happened: boolean;
  /** What the node did, in one line. */
  outcome: string;
  evidence?: Evidence;
  callingAeTitle?: string;
  canaryPatientId?: string;
}

type Endpoint = (typeof STEP_ENDPOINT_NAMES)[number];

export async function applyStimulus(
  stimulus: Exclude<AuditStimulus, 'node-start'>,
  target: RunningTarget,
  opts: { endpoint: Endpoint; timeoutMs: number },
  ctx: ProbeContext,
): Promise<StimulusResult> {
  const name = `${stimulus}-stimulus`;
  switch (stimulus) {
    case 'association': {
      const e = await associateAndOperate(target, name, DimseAssociateParams.parse({ endpoint: opts.endpoint, callingAe: 'known', timeoutMs: opts.timeoutMs }), ctx);
      const ok = e.outcome.status === 'accepted' && e.operations?.echo?.status === 0;
      return withAe(e, ok, ok ? 'association accepted, C-ECHO answered, released' : `the association did not go through: ${e.outcome.status}`);
    }
    case 'store': {
      const e = await associateAndOperate(target, name, DimseAssociateParams.parse({ endpoint: opts.endpoint, callingAe: 'known', echo: false, storeBytes: 4096, timeoutMs: opts.timeoutMs }), ctx);
      const status = e.operations?.store?.status;
      return withAe(e, status === 0, status === 0 ? 'C-STORE of the synthetic instance answered with Success' : `no successful C-STORE: ${e.outcome.status}${status !== undefined ? `, status 0x${status.toString(16).padStart(4, '0')}` : ''}`);
    }
    case 'find': {
      // A canary PatientID no node holds: the Query audit must carry exactly it (A.5.3.10).
      const canaryPatientId = `P15Q-${randomBytes(5).toString('hex').toUpperCase()}`;
      const find = {
        sopClassUid: FIND_SOP_CLASS['study-root'],
        identifier: { QueryRetrieveLevel: 'STUDY', PatientID: canaryPatientId, StudyInstanceUID: '', StudyDate: '' },
        keepValues: false,
      };
      const e = await associateAndOperate(target, name, DimseAssociateParams.parse({ endpoint: opts.endpoint, callingAe: 'known', echo: false, timeoutMs: opts.timeoutMs }), ctx, { find });
      const status = e.operations?.find?.status;
      const ok = status !== undefined && (status === 0 || (status & 0xff00) === 0xff00);
      return { ...withAe(e, ok, ok ? 'C-FIND answered' : `no C-FIND answer: ${e.outcome.status}`), canaryPatientId };
    }
    case 'unknown-calling-ae': {
      const e = await associateAndOperate(target, name, DimseAssociateParams.parse({ endpoint: opts.endpoint, callingAe: 'unknown', timeoutMs: opts.timeoutMs }), ctx);
      const refused = e.outcome.status === 'rejected' || (e.outcome.status === 'aborted' && !e.outcome.afterAcceptance);
      return withAe(
        e,
        refused,
        refused ? `the node refused the unknown calling AE title (${e.outcome.status})` : `the node did not refuse the unknown calling AE title (${e.outcome.status}); nothing to audit here (the exposure suite judges the acceptance)`,
      );
    }
    case 'untrusted-client-certificate': {
      if (declaredEndpointFor(target.endpoints, 'dimseTls') === undefined) throw new NotApplicableError('the target declares no DICOM TLS endpoint: there is no certificate to refuse');
      const e = await tlsHandshakeProbe.run(target, name, TlsHandshakeParams.parse({ endpoint: 'dimseTls', clientCertificate: 'unknown-ca', timeoutMs: opts.timeoutMs }), ctx);
      // Any refusal counts here (an alert, a close, a reset): the node turned the certificate away.
      const refused = e.outcome.status === 'rejected';
      return {
        happened: refused,
        outcome: refused
          ? `the node refused a client certificate from an unknown CA (${e.outcome.status})`
          : `the node did not refuse a client certificate from an unknown CA (${e.outcome.status}); nothing to audit here (node-authentication judges that)`,
        evidence: e,
      };
    }
    case 'identity-failure': {
      if (!target.identity) throw new NotApplicableError('the target declares no user identity (userIdentity): it claims no user authentication to fail');
      const e = await dimseUserIdentityProbe.run(
        target,
        name,
        DimseUserIdentityParams.parse({ endpoint: opts.endpoint, callingAe: 'known', identity: { type: 2, username: 'valid', passcode: 'wrong' }, timeoutMs: opts.timeoutMs }),
        ctx,
      );
      const refused = e.outcome.status === 'rejected';
      return {
        happened: refused,
        outcome: refused ? 'the node rejected a wrong passcode' : `the node did not reject a wrong passcode (${e.outcome.status}); nothing to audit here (the B.5 suite judges that)`,
        evidence: e,
        callingAeTitle: e.requested.callingAeTitle,
      };
    }
  }
}

function withAe(e: AssociationEvidence, happened: boolean, outcome: string): StimulusResult {
  return { happened, outcome, evidence: e, callingAeTitle: e.requested.callingAeTitle };
}
