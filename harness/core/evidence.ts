/**
 * Evidence: what a probe saw, as typed data. Redacted when captured (core/redact.ts); never
 * contains passcodes, tokens or private keys. The `outcome` of each kind is a closed union, and
 * silence is its own case (`no-response`), never folded into a rejection (sslyze's mistake).
 */
export type TlsVersion = 'TLSv1' | 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3';
export const TLS_VERSIONS: readonly TlsVersion[] = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'];

export interface EndpointAddress {
  host: string;
  port: number;
}

export interface TlsAlert {
  code: number;
  name: string;
}

export interface CertificateSummary {
  subject: string;
  issuer: string;
  serialNumber: string;
  /** 'RSA' | 'EC' | 'Ed25519' | … */
  keyType: string;
  keyBits?: number;
  namedCurve?: string;
  /** e.g. 'sha256WithRSAEncryption', 'ecdsa-with-SHA256', 'sha1WithRSAEncryption'. */
  signatureAlgorithm: string;
  /** Hash inside the signature algorithm, lower case ('sha256', 'sha1', 'md5'), when one is named. */
  signatureHash?: string;
  notBefore: string;
  notAfter: string;
  isSelfSigned: boolean;
  sha256Fingerprint: string;
}

export type ClientCertificateName =
  | 'none'
  | 'valid'
  | 'expired'
  | 'not-yet-valid'
  | 'unknown-ca'
  | 'self-signed'
  | 'rsa-1024'
  | 'sha1'
  | 'wrong-eku';

interface EvidenceBase {
  /** The step name (`as:` in the suite) this evidence belongs to. */
  step: string;
  startedAt: string;
  durationMs: number;
  endpoint: EndpointAddress;
}

export type TlsHandshakeOutcome =
  | {
      status: 'established';
      version: TlsVersion;
      /** IANA name, e.g. TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256. */
      cipher: string;
      /** OpenSSL name of the same suite. */
      cipherOpenssl: string;
      ephemeralKey?: { type: string; name?: string; bits?: number };
      peerChain: CertificateSummary[];
      /** Whether the peer chain verifies against the run's CA; recorded, not enforced by the probe. */
      peerVerified: boolean;
      peerVerifyError?: string;
    }
  | { status: 'rejected'; alert?: TlsAlert; closedBy: 'alert' | 'close' | 'reset'; message: string; afterHandshake: boolean }
  | { status: 'not-tls'; detail: string }
  | { status: 'no-response'; afterMs: number }
  | { status: 'connection-refused'; message: string }
  /** Our own TLS stack refused to offer what the step asked for: a harness problem, not the target's. */
  | { status: 'local-error'; message: string };

export interface TlsHandshakeEvidence extends EvidenceBase {
  kind: 'tls-handshake';
  offered: {
    minVersion: TlsVersion;
    maxVersion: TlsVersion;
    ciphers: string;
    clientCertificate: ClientCertificateName;
  };
  outcome: TlsHandshakeOutcome;
}

export interface AssociateRejectCodes {
  result: number;
  source: number;
  reason: number;
  resultText: string;
  sourceText: string;
  reasonText: string;
}

export type AssociationOutcome =
  | { status: 'accepted'; echoStatus?: number; released: boolean; acceptedContexts: number }
  | ({ status: 'rejected' } & AssociateRejectCodes)
  | { status: 'aborted'; source: number; reason: number; text: string }
  /** The TLS handshake under the association failed. */
  | { status: 'tls-rejected'; alert?: TlsAlert; message: string }
  /** The peer closed the connection without any DICOM PDU. */
  | { status: 'closed'; message: string }
  /** The peer answered with bytes that are not a DICOM PDU (e.g. a TLS record to a cleartext request). */
  | { status: 'non-dicom-reply'; detail: string; bytesHex: string }
  | { status: 'protocol-violation'; detail: string; bytesHex: string }
  | { status: 'no-response'; afterMs: number }
  | { status: 'connection-refused'; message: string }
  | { status: 'local-error'; message: string };

export interface AssociationEvidence extends EvidenceBase {
  kind: 'association';
  transport: 'tls' | 'plain';
  requested: {
    callingAeTitle: string;
    calledAeTitle: string;
    abstractSyntaxes: string[];
    clientCertificate?: ClientCertificateName;
  };
  tls?: { version: string; cipher: string };
  outcome: AssociationOutcome;
}

export type Evidence = TlsHandshakeEvidence | AssociationEvidence;
export type EvidenceKind = Evidence['kind'];
