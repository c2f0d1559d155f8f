import { PrerequisiteNotMetError } from '../core/probe.ts';
import type { DimseEndpoint, RunningTarget, TargetEndpoints } from '../core/target.ts';
import type { EndpointAddress } from '../core/evidence.ts';
import type { STEP_ENDPOINT_NAMES, TLS_ENDPOINT_NAMES } from '../suite/schema.ts';

export type StepEndpointName = (typeof STEP_ENDPOINT_NAMES)[number] | 'http' | 'https' | 'web' | 'cleartext';

/**
 * The declared endpoint a step's name stands for: itself, or for `dicom` the node's cleartext DICOM
 * port when it has one (the door an outsider tries first), else its TLS port. Undefined when the
 * target declares none.
 */
export function declaredEndpointFor(endpoints: TargetEndpoints, name: StepEndpointName): keyof TargetEndpoints | undefined {
  if (name === 'dicom') return endpoints.dimse ? 'dimse' : endpoints.dimseTls ? 'dimseTls' : undefined;
  if (name === 'service') return endpoints.dimseTls ? 'dimseTls' : endpoints.dimse ? 'dimse' : undefined;
  // The DICOMweb service: over TLS when the node offers it; `cleartext` is the plain door first.
  if (name === 'web') return endpoints.https ? 'https' : endpoints.http ? 'http' : undefined;
  if (name === 'cleartext') return endpoints.http ? 'http' : endpoints.https ? 'https' : undefined;
  return endpoints[name] ? name : undefined;
}

/** Host and port of the endpoint a TLS probe names (a DICOM port or the DICOMweb HTTPS port). */
export function resolveTlsEndpoint(target: RunningTarget, name: (typeof TLS_ENDPOINT_NAMES)[number]): EndpointAddress {
  const e = target.endpoints[name];
  if (!e) throw new PrerequisiteNotMetError(`target ${target.name} declares no ${name} endpoint`);
  return { host: e.host, port: e.port };
}

/** The endpoint a step names; run-check marks checks not applicable before probes get here. */
export function resolveEndpoint(target: RunningTarget, name: (typeof STEP_ENDPOINT_NAMES)[number]): DimseEndpoint & { name: 'dimse' | 'dimseTls' } {
  const declared = declaredEndpointFor(target.endpoints, name) as 'dimse' | 'dimseTls' | undefined;
  if (!declared) throw new PrerequisiteNotMetError(`target ${target.name} declares no ${name === 'dicom' || name === 'service' ? 'DICOM' : name} endpoint`);
  return { ...target.endpoints[declared]!, name: declared };
}
