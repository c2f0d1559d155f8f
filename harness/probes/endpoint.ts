import { PrerequisiteNotMetError } from '../core/probe.ts';
import type { DimseEndpoint, RunningTarget } from '../core/target.ts';
import type { EndpointName } from '../suite/schema.ts';

/** The endpoint a step names; run-check marks checks not applicable before probes get here. */
export function resolveEndpoint(target: RunningTarget, name: EndpointName): DimseEndpoint {
  const e = target.endpoints[name];
  if (!e) throw new PrerequisiteNotMetError(`target ${target.name} declares no ${name} endpoint`);
  return e;
}
