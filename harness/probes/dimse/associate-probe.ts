/**
 * dimse.associate — an A-ASSOCIATE-RQ for Verification (and a C-ECHO once accepted), over TLS or
 * cleartext. `transport: plain` on the TLS endpoint sends the request in clear to the TLS port
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
import { associate } from './dcmjs-dimse-adapter.ts';
import { EXPLICIT_VR_LITTLE_ENDIAN, syntheticSecondaryCapture } from './synthetic-instance.ts';
import { evidenceBase } from '../evidence-base.ts';

export function freshCallingAeTitle(): string {
  return `P15-${randomBytes(5).toString('hex').toUpperCase()}`;
}

export const dimseAssociateProbe: Probe<DimseAssociateParams> = {
  id: 'dimse.associate',
  async run(target: RunningTarget, stepName: string, params: DimseAssociateParams, ctx: ProbeContext): Promise<AssociationEvidence> {
    const endpoint = resolveEndpoint(target, params.endpoint);
    const transport = params.transport ?? (params.endpoint === 'dimseTls' ? 'tls' : 'plain');
    const credential = transport === 'tls' ? clientCredential(target.pki, params.clientCertificate) : undefined;
    const callingAeTitle = params.callingAeTitle ?? freshCallingAeTitle();
    const calledAeTitle = params.calledAeTitle ?? endpoint.calledAeTitle;
    const instance = params.storeBytes !== undefined ? syntheticSecondaryCapture(params.storeBytes) : undefined;
    const startedAt = new Date();
    const result = await associate({
      host: endpoint.host,
      port: endpoint.port,
      callingAeTitle,
      calledAeTitle,
      echo: params.echo,
      ...(instance ? { store: { elements: instance.elements, transferSyntaxUid: EXPLICIT_VR_LITTLE_ENDIAN } } : {}),
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
      },
      ...(result.tls ? { tls: result.tls } : {}),
      outcome: result.outcome,
    };
  },
};
