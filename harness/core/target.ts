/**
 * A target, as the probes see it: endpoints and client credentials only. No testcontainers or
 * Docker type crosses this line (the leak STYLE.md warns about in testcontainers' own API).
 */
import type { ClientCertificateName } from './evidence.ts';

export interface DimseEndpoint {
  host: string;
  port: number;
  calledAeTitle: string;
  /** The calling AE title the node accepts from part15, when the target declares one. */
  callingAeTitle?: string;
}

/** A web port (DICOMweb, REST): no check reads it yet; containers get a free port for it. */
export interface WebEndpoint {
  host: string;
  port: number;
}

export interface TargetEndpoints {
  dimse?: DimseEndpoint;
  dimseTls?: DimseEndpoint;
  http?: WebEndpoint;
  https?: WebEndpoint;
}

/** PEM material for one client identity. The key never leaves memory except into a 0600 temp file. */
export interface ClientCredential {
  certPem: string;
  keyPem: string;
}

/** The client side of the run's PKI, as probes need it. */
export interface ClientPki {
  /** The CA the target's own certificate chains to (used to record whether the peer verifies). */
  caCertPem: string;
  /** A client certificate by name, or undefined with the reason when this run cannot make it. */
  clientCertificate(name: Exclude<ClientCertificateName, 'none'>): ClientCredential | { unavailable: string };
}

/** Credentials the node accepts from part15 (its own account), for user identity negotiation. */
export interface TargetIdentity {
  username: string;
  /** Undefined when the target declares none. Never written to evidence or reports. */
  passcode?: string;
  /** The node accepts RS256 JWTs (type 5) from this issuer, for this audience. */
  jwt?: { issuer: string; audience: string; privateKeyPem: string; publicKeyPem: string };
}

/**
 * The node sends DICOM audit messages to part15's collectors (harness/audit/audit-channel.ts owns
 * them and finds them by target: `auditChannelOf`). Only the declaration is part of the target.
 */
export interface AuditDeclaration {
  transports: ReadonlyArray<'tls' | 'udp'>;
  windowMs: number;
  /** The target's own trigger table (PS3.2 N.11): EventIDs per stimulus, or not-audited. */
  triggers?: Partial<Record<string, 'not-audited' | string[]>>;
}

/** How the node's DICOMweb service authenticates, with part15's valid credentials for it. Never reported. */
export type WebAuth =
  | { scheme: 'none' }
  | { scheme: 'basic'; username: string; password: string }
  | { scheme: 'bearer'; issuer: string; audience: string; privateKeyPem: string; publicKeyPem: string; readScope: string; writeScope: string };

export interface TargetWeb {
  /** The service root without a trailing slash, e.g. /dicom-web. */
  root: string;
  auth: WebAuth;
  /** The node answers refusals with 404 by declared policy. */
  hidesWith404: boolean;
}

export interface RunningTarget {
  readonly name: string;
  readonly description: string;
  readonly kind: 'container' | 'external';
  readonly endpoints: TargetEndpoints;
  readonly pki: ClientPki;
  readonly maxConnections: number;
  /** Declared credentials; undefined when the target file declares none. */
  readonly identity?: TargetIdentity;
  /** The DICOMweb service on the http/https endpoint; undefined when the target declares none. */
  readonly web?: TargetWeb;
  /** The node's declared audit support; undefined when it declares none. */
  readonly audit?: AuditDeclaration;
  /** Stops what the harness started (a no-op for external targets). Safe to call twice. */
  stop(): Promise<void>;
}

/** A target before it runs: what to start (container) or where to find it (external). */
export interface TargetSpec {
  readonly name: string;
  readonly description: string;
  readonly kind: 'container' | 'external';
  /** Endpoints as declared (container ports chosen at start are 0 here). */
  readonly declaredEndpoints: TargetEndpoints;
  start(signal: AbortSignal): Promise<RunningTarget>;
}
