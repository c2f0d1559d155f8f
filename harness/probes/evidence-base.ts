import type { EndpointAddress } from '../core/evidence.ts';

/** The fields every evidence record starts with: its step, when it started, how long, and where. */
export function evidenceBase(step: string, startedAt: Date, endpoint: EndpointAddress) {
  return {
    step,
    startedAt: startedAt.toISOString(),
    durationMs: Date.now() - startedAt.getTime(),
    endpoint: { host: endpoint.host, port: endpoint.port },
  };
}
