/**
 * dimse.associate — an A-ASSOCIATE-RQ, then the step's DIMSE operations in order: C-ECHO, C-STORE of
 * a synthetic instance, a wildcard C-FIND, a C-MOVE or C-GET of the synthetic instance. Over TLS or
 * cleartext; `transport: plain` on the TLS endpoint sends the request in clear to the TLS port
 * (strict-TLS check). The calling AE title is fresh per association unless the step fixes it, so
 * an audit message can be matched to the action that caused it.
 */
import { randomBytes } from 'node:crypto';
import type { AssociationEvidence } from '../../core/evidence.ts';
import type { Probe, ProbeContext } from '../../core/probe.ts';
import type { RunningTarget } from '../../core/target.ts';
import type { DimseAssociateParams } from '../../suite/schema.ts';
import { resolveEndpoint } from '../endpoint.ts';
import { cipherStringFor, clientCredential } from '../tls/tls-handshake-probe.ts';
import { associate, type FindRequestSpec, type RetrieveRequestSpec } from './dcmjs-dimse-adapter.ts';
import { EXPLICIT_VR_LITTLE_ENDIAN, syntheticSecondaryCapture, uuidUid } from './synthetic-instance.ts';
import { evidenceBase } from '../evidence-base.ts';

export function freshCallingAeTitle(): string {
  return `P15-${randomBytes(5).toString('hex').toUpperCase()}`;
}

/** PS3.4 C.6: the FIND SOP classes of the two query/retrieve information models part15 asks. */
export const FIND_SOP_CLASS = {
  'patient-root': '1.2.840.10008.5.1.4.1.2.1.1',
  'study-root': '1.2.840.10008.5.1.4.1.2.2.1',
} as const;
const STUDY_ROOT_MOVE = '1.2.840.10008.5.1.4.1.2.2.2';
const STUDY_ROOT_GET = '1.2.840.10008.5.1.4.1.2.2.3';

/**
 * The wildcard queries of the internet scans: every patient (PatientName=*) at the top level of the
 * model, with the usual return keys. What comes back is counted and named, never stored, unless
 * --show-values.
 */
export function wildcardQuery(model: keyof typeof FIND_SOP_CLASS, keepValues: boolean): FindRequestSpec {
  const identifier: Record<string, string> =
    model === 'patient-root'
      ? { QueryRetrieveLevel: 'PATIENT', PatientName: '*', PatientID: '', PatientBirthDate: '', PatientSex: '' }
      : { QueryRetrieveLevel: 'STUDY', PatientName: '*', PatientID: '', StudyInstanceUID: '', StudyDate: '', StudyDescription: '', AccessionNumber: '' };
  return { sopClassUid: FIND_SOP_CLASS[model], identifier, keepValues };
}

export const dimseAssociateProbe: Probe<DimseAssociateParams, AssociationEvidence> = {
  id: 'dimse.associate',
  run: (target, stepName, params, ctx) => associateAndOperate(target, stepName, params, ctx),
};

/** The probe, with a query of the caller's own instead of the wildcard one (the audit find stimulus). */
export async function associateAndOperate(
  target: RunningTarget,
  stepName: string,
  params: DimseAssociateParams,
  ctx: ProbeContext,
  own: { find?: FindRequestSpec } = {},
): Promise<AssociationEvidence> {
  const declared = resolveEndpoint(target, params.endpoint);
  const endpoint = { ...declared, port: params.port ?? declared.port };
  const transport = params.transport ?? (declared.name === 'dimseTls' ? 'tls' : 'plain');
  const credential = transport === 'tls' ? clientCredential(target.pki, params.clientCertificate) : undefined;
  const callingAeTitle = params.callingAeTitle ?? (params.callingAe === 'known' ? endpoint.callingAeTitle : undefined) ?? freshCallingAeTitle();
  const calledAeTitle = params.calledAeTitle ?? endpoint.calledAeTitle;
  const instance = params.storeBytes !== undefined ? syntheticSecondaryCapture(params.storeBytes) : undefined;
  const find = own.find ?? (params.find ? wildcardQuery(params.find.model, ctx.showValues === true) : undefined);
  const retrieve: RetrieveRequestSpec | undefined = params.retrieve
    ? {
        operation: params.retrieve.operation,
        sopClassUid: params.retrieve.operation === 'move' ? STUDY_ROOT_MOVE : STUDY_ROOT_GET,
        ...(params.retrieve.operation === 'move' ? { destinationAeTitle: params.retrieve.destinationAeTitle ?? freshCallingAeTitle() } : {}),
        // The synthetic instance only: the one this step stores, else UIDs nobody holds.
        instance: instance
          ? { studyInstanceUid: instance.studyInstanceUid, seriesInstanceUid: instance.seriesInstanceUid, sopInstanceUid: instance.sopInstanceUid }
          : { studyInstanceUid: uuidUid(), seriesInstanceUid: uuidUid(), sopInstanceUid: uuidUid() },
      }
    : undefined;
  const startedAt = new Date();
  const result = await associate({
    host: endpoint.host,
    port: endpoint.port,
    callingAeTitle,
    calledAeTitle,
    echo: params.echo,
    ...(instance ? { store: { elements: instance.elements, transferSyntaxUid: EXPLICIT_VR_LITTLE_ENDIAN } } : {}),
    ...(find ? { find } : {}),
    ...(retrieve ? { retrieve } : {}),
    timeoutMs: params.timeoutMs,
    signal: ctx.signal,
    ...(transport === 'tls'
      ? {
          tls: {
            ...(credential ?? {}),
            caPem: target.pki.caCertPem,
            minVersion: params.minVersion,
            maxVersion: params.maxVersion,
            ciphers: cipherStringFor(params),
          },
        }
      : {}),
  });
  return {
    kind: 'association',
    ...evidenceBase(stepName, startedAt, endpoint),
    transport,
    requested: {
      callingAeTitle,
      calledAeTitle,
      abstractSyntaxes: result.abstractSyntaxes,
      ...(transport === 'tls' ? { clientCertificate: params.clientCertificate } : {}),
      ...(instance ? { store: { sopInstanceUid: instance.sopInstanceUid, bytes: instance.bytes } } : {}),
      ...(find ? { find: { model: params.find?.model ?? modelOf(find.sopClassUid), sopClassUid: find.sopClassUid, keys: Object.keys(find.identifier) } } : {}),
      ...(retrieve
        ? {
            retrieve: {
              operation: retrieve.operation,
              sopInstanceUid: retrieve.instance.sopInstanceUid,
              ...(retrieve.destinationAeTitle ? { destinationAeTitle: retrieve.destinationAeTitle } : {}),
            },
          }
        : {}),
    },
    ...(result.tls ? { tls: result.tls } : {}),
    ...(result.acceptedAbstractSyntaxes ? { acceptedAbstractSyntaxes: result.acceptedAbstractSyntaxes } : {}),
    ...(Object.keys(result.operations).length > 0 ? { operations: result.operations } : {}),
    outcome: result.outcome,
  };
}

function modelOf(sopClassUid: string): keyof typeof FIND_SOP_CLASS {
  return sopClassUid === FIND_SOP_CLASS['patient-root'] ? 'patient-root' : 'study-root';
}

