import { PrerequisiteNotMetError } from '../core/probe.ts';
import type { DimseEndpoint, RunningTarget, TargetEndpoints } from '../core/target.ts';
import type { STEP_ENDPOINT_NAMES } from '../suite/schema.ts';

export type StepEndpointName = (typeof STEP_ENDPOINT_NAMES)[number];

/**
 * The declared endpoint a step's name stands for: itself, or for `dicom` the node's cleartext DICOM
 * port when it has one (the door an outsider tries first), else its TLS port. Undefined when the
 * target declares none.
 */
export function declaredEndpointFor(endpoints: TargetEndpoints, name: StepEndpointName): 'dimse' | 'dimseTls' | undefined {
  if (name === 'dicom') return endpoints.dimse ? 'dimse' : endpoints.dimseTls ? 'dimseTls' : undefined;
  if (name === 'service') return endpoints.dimseTls ? 'dimseTls' : endpoints.dimse ? 'dimse' : undefined;
  return endpoints[name] ? name : undefined;
}

/** The endpoint a step names; run-check marks checks not applicable before probes get here. */
export function resolveEndpoint(target: RunningTarget, name: StepEndpointName): DimseEndpoint & { name: 'dimse' | 'dimseTls' } {
  const declared = declaredEndpointFor(target.endpoints, name);
  if (!declared) throw new PrerequisiteNotMetError(`target ${target.name} declares no ${name === 'dicom' || name === 'service' ? 'DICOM' : name} endpoint`);
  return { ...target.endpoints[declared]!, name: declared };
}
