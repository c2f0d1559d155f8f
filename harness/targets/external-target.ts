/**
 * A node that is already running (the user's own): host, ports, AE titles and the user's PKI.
 * The harness starts and stops nothing; it talks only to the declared host's declared ports.
 */
import type { ClientCertificateName } from '../core/evidence.ts';
import type { ClientPki, RunningTarget, TargetEndpoints, TargetIdentity, TargetSpec, TargetWeb } from '../core/target.ts';
import { TestPki } from '../pki/test-pki.ts';
import { AuditChannel, attachAuditChannel, type AuditDeclaration, type CollectorTls } from '../audit/audit-channel.ts';

/** Used when the user gives no PKI: no trusted client identity, but untrusted ones can still be tried. */
export class NoUserPki implements ClientPki {
  readonly caCertPem = '';
  constructor(private readonly harnessPki: TestPki) {}
  clientCertificate(name: Exclude<ClientCertificateName, 'none'>) {
    if (name === 'unknown-ca' || name === 'self-signed') return this.harnessPki.clientCertificate(name);
    return { unavailable: `no client certificate was given (--ca, --client-cert, --client-key): cannot present a "${name}" certificate the node trusts` };
  }
}

export interface ExternalTargetDefinition {
  name: string;
  description: string;
  endpoints: TargetEndpoints;
  pki: ClientPki;
  maxConnections: number;
  identity?: TargetIdentity;
  web?: TargetWeb;
  /** The node sends audit messages to part15's collectors on these fixed loopback ports. */
  audit?: { declaration: AuditDeclaration; ports: { tls: number; udp: number }; collectorTls: CollectorTls };
}

export class ExternalTarget implements TargetSpec {
  readonly kind = 'external' as const;
  readonly name: string;
  readonly description: string;
  readonly declaredEndpoints: TargetEndpoints;

  constructor(private readonly def: ExternalTargetDefinition) {
    this.name = def.name;
    this.description = def.description;
    this.declaredEndpoints = def.endpoints;
  }

  async start(): Promise<RunningTarget> {
    const a = this.def.audit;
    const audit = a ? await AuditChannel.open(a.declaration, a.collectorTls, { startedByHarness: false, ports: a.ports }) : undefined;
    const running: RunningTarget = {
      name: this.def.name,
      description: this.def.description,
      kind: 'external',
      endpoints: this.def.endpoints,
      pki: this.def.pki,
      maxConnections: this.def.maxConnections,
      ...(this.def.identity ? { identity: this.def.identity } : {}),
      ...(audit ? { audit: audit.declaration } : {}),
      ...(this.def.web ? { web: this.def.web } : {}),
      stop: async () => {
        await audit?.close();
      },
    };
    return audit ? attachAuditChannel(running, audit) : running;
  }
}
