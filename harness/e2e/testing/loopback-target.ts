/** A running target for a test peer on 127.0.0.1: one DICOM TLS endpoint, nothing to start or stop. */
import type { ClientPki, RunningTarget } from '../../core/target.ts';

export function loopbackTarget(name: string, port: number, pki: ClientPki, calledAeTitle = 'PEER'): RunningTarget {
  return {
    name,
    description: `${name} on 127.0.0.1:${port}`,
    kind: 'external',
    endpoints: { dimseTls: { host: '127.0.0.1', port, calledAeTitle } },
    pki,
    maxConnections: 1,
    stop: async () => {},
  };
}
