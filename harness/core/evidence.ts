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
  /** X.509 version as written in the certificate (1, 2 or 3). */
  x509Version?: number;
  /** Extended key usage OIDs, when the extension is present. */
  extendedKeyUsage?: string[];
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

/** Every way an association request can end other than with an A-ASSOCIATE-AC. */
export type AssociationNotAccepted =
  | ({ status: 'rejected' } & AssociateRejectCodes)
  | {
      status: 'aborted';
      source: number;
      reason: number;
      text: string;
      /** The A-ABORT came after the A-ASSOCIATE-AC (e.g. Orthanc's answer to a C-FIND it does not allow). */
      afterAcceptance?: boolean;
    }
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

export type AssociationOutcome =
  | {
      status: 'accepted';
      echoStatus?: number;
      /** Status of the synthetic C-STORE, when the step sent one. */
      storeStatus?: number;
      released: boolean;
      acceptedContexts: number;
    }
  | AssociationNotAccepted;

/** An operation's presentation context and final status. No status: the node never answered it. */
export interface OperationResult {
  contextAccepted: boolean;
  status?: number;
}

export interface FindResult extends OperationResult {
  /** Pending responses that carried an identifier: matches the node disclosed. */
  matches: number;
  /** Keywords of the attributes that came back with a value, over all matches. Never the values. */
  attributesReturned: string[];
  /** Only with --show-values (lab use): the identifiers as returned. */
  values?: Array<Record<string, string>>;
}

export interface RetrieveResult extends OperationResult {
  /** Sub-operation counts from the last response that carried them. */
  completed?: number;
  failed?: number;
  warning?: number;
  remaining?: number;
  /** C-GET: C-STORE sub-operations the node sent to part15 on this association (counted, dropped). */
  instancesReceived: number;
}

export interface DimseOperations {
  echo?: OperationResult;
  store?: OperationResult;
  find?: FindResult;
  move?: RetrieveResult;
  get?: RetrieveResult;
}

export interface AssociationEvidence extends EvidenceBase {
  kind: 'association';
  transport: 'tls' | 'plain';
  requested: {
    callingAeTitle: string;
    calledAeTitle: string;
    abstractSyntaxes: string[];
    clientCertificate?: ClientCertificateName;
    /** The synthetic instance stored (never patient data): its UIDs and size. */
    store?: { sopInstanceUid: string; bytes: number };
    find?: { model: 'patient-root' | 'study-root'; sopClassUid: string; keys: string[] };
    retrieve?: { operation: 'move' | 'get'; sopInstanceUid: string; destinationAeTitle?: string };
  };
  /** Abstract syntaxes the node accepted (A-ASSOCIATE-AC), when it accepted. */
  acceptedAbstractSyntaxes?: string[];
  /**
   * What each DIMSE operation got back, recorded as the answers arrive, so they survive an abort
   * later in the association. Absent operations were not requested.
   */
  operations?: DimseOperations;
  tls?: { version: string; cipher: string };
  outcome: AssociationOutcome;
}

/** A TLS extension as the server sent it (type code, IANA name, payload). */
export interface TlsExtensionSeen {
  type: number;
  name: string;
  dataHex: string;
}

export type TlsHelloOutcome =
  | {
      status: 'server-hello';
      /** The version the server chose: from supported_versions when present, else ServerHello.legacy_version. */
      version: 'SSLv3' | TlsVersion;
      legacyVersion: number;
      cipherSuite: { code: number; name: string };
      compressionMethod: number;
      extensions: TlsExtensionSeen[];
      /** TLS 1.3 downgrade sentinel in the last 8 bytes of ServerHello.random (RFC 8446 §4.1.3). */
      downgradeSentinel?: 'tls12' | 'tls11-or-below';
      /** The ServerHello was a HelloRetryRequest (TLS 1.3; random = SHA-256("HelloRetryRequest")). */
      helloRetryRequest: boolean;
      /** TLS ≤ 1.2 only (these travel in clear there). */
      serverKeyExchange?: { kind: 'dhe'; primeBits: number } | { kind: 'ecdhe'; group: { code: number; name: string } };
      certificates?: CertificateSummary[];
      certificateRequest?: boolean;
    }
  | { status: 'alert'; alert: TlsAlert; level: 'warning' | 'fatal' | number }
  /** The peer closed (FIN or RST) without any TLS record. */
  | { status: 'closed'; closedBy: 'close' | 'reset' }
  /** The peer sent bytes that are not a well-formed TLS answer (truncated, wrong record type, bad lengths). */
  | { status: 'protocol-violation'; detail: string }
  | { status: 'no-response'; afterMs: number }
  | { status: 'connection-refused'; message: string };

/** tls.hello: one raw ClientHello of our own making and what came back, decoded and in hex. */
export interface TlsHelloEvidence extends EvidenceBase {
  kind: 'tls-hello';
  offered: {
    legacyVersion: string;
    supportedVersions?: string[];
    cipherSuites: Array<{ code: number; name: string }>;
    extensions: string[];
  };
  outcome: TlsHelloOutcome;
  /** The ClientHello as sent, and the first bytes received (at most 16 KiB), hex. */
  sentHex: string;
  receivedHex: string;
}

/** tls.stall: a connection that sends part of a ClientHello and then nothing, timed until the node drops it. */
export interface StallEvidence extends EvidenceBase {
  kind: 'stall';
  sentHex: string;
  waitedUpToMs: number;
  outcome:
    | { status: 'closed'; afterMs: number; closedBy: 'close' | 'reset' }
    | { status: 'still-open'; afterMs: number }
    | { status: 'connection-refused'; message: string }
    | { status: 'no-response'; afterMs: number };
}

/**
 * dimse.release-close: a Verification association over TLS 1.2, released, and how the node then
 * ended the TLS connection. Over TLS 1.2 an alert travels as a record of type 21 even when
 * encrypted, so a close_notify can be told from a bare TCP close by the raw records alone.
 */
export interface TlsCloseEvidence extends EvidenceBase {
  kind: 'tls-close';
  outcome:
    | { status: 'released'; closeNotify: boolean; closedBy: 'fin' | 'reset' | 'still-open'; recordTypesAfterHandshake: number[] }
    | { status: 'not-released'; detail: string }
    | { status: 'tls-rejected'; alert?: TlsAlert; message: string }
    | { status: 'no-response'; afterMs: number }
    | { status: 'connection-refused'; message: string };
}

/** What a dimse.user-identity step offered. Descriptions only: never a passcode or a token. */
export interface UserIdentityRequested {
  type: number;
  positiveResponseRequested: boolean;
  /** The username sent (types 1, 2), or the token's subject (type 5). */
  username?: string;
  /** Which passcode was sent (type 2): the declared one, a wrong one, or none. Never the value. */
  passcodeKind?: 'valid' | 'wrong' | 'empty';
  /** Which token was sent (type 5), and the alg in its header. Never the token. */
  tokenKind?: string;
  tokenAlg?: string;
  fault?: string;
  duplicate?: boolean;
  /** Size of the 0x58 sub-item(s) sent, in bytes. */
  subItemBytes: number;
}

export type UserIdentityOutcome =
  | {
      status: 'accepted';
      acceptedContexts: number;
      /** Every 0x59 sub-item in the A-ASSOCIATE-AC. */
      userIdentityResponses: Array<{ serverResponseLength: number } | { malformed: string }>;
      /** User Information sub-item types in the AC, in order (0x51, 0x52, 0x55, 0x59, …). */
      userInformationTypes: number[];
      released: boolean;
    }
  | AssociationNotAccepted;

export interface UserIdentityEvidence extends EvidenceBase {
  kind: 'user-identity';
  transport: 'tls' | 'plain';
  requested: {
    callingAeTitle: string;
    calledAeTitle: string;
    clientCertificate?: ClientCertificateName;
    /** 'none': no 0x58 sub-item. */
    identity: 'none' | UserIdentityRequested;
    /** Whether the target declared the credentials used (without them "valid" is only a guess). */
    credentialsDeclared: boolean;
  };
  tls?: { version: string; cipher: string };
  outcome: UserIdentityOutcome;
}

/** One rule a captured audit message breaks (catalogue ids: AUD-SYS-*, AUD-FMT-*, AUD-GEN-*). */
export interface AuditProblemSeen {
  rule: string;
  severity: 'fail' | 'warn';
  /** Where: a syslog field ("syslog MSGID") or an XML path ("ActiveParticipant[2]/@UserIsRequestor"). */
  path: string;
  message: string;
}

/** One audit message as the collector received it and part15 read it. Facts, not verdicts. */
export interface CapturedAuditMessage {
  transport: 'tls' | 'udp';
  receivedAt: string;
  /** The syslog TLS connection it came on (index into `connections`). */
  connection?: number;
  octets: number;
  syslog: {
    facility?: number;
    severity?: number;
    version?: number;
    timestamp?: string;
    hostname?: string;
    appName?: string;
    procId?: string;
    msgId?: string;
    bom: boolean;
  };
  /** What the XML says, in short (absent when MSG is not an AuditMessage). */
  audit?: {
    eventId?: string;
    eventTypeCodes: string[];
    eventActionCode?: string;
    eventOutcomeIndicator?: string;
    eventDateTime?: string;
    /** Every AE title named in an ActiveParticipant's AlternativeUserID (AETITLES=…). */
    aeTitles: string[];
  };
  /** A.5.1 schema validation: valid, invalid (see problems, AUD-FMT-02), unavailable (no validator), or no XML at all. */
  schema: 'valid' | 'invalid' | 'unavailable' | 'no-xml';
  problems: AuditProblemSeen[];
  /** A Query message's ParticipantObjectQuery, decoded (A.5.3.10). */
  query?: { transferSyntax?: string; elements: Array<{ tag: string; value: string }> } | { undecodable: string };
  /** The XML as sent, cut at 8 KiB for the reports. */
  xml?: string;
  xmlTruncated?: boolean;
}

/** A syslog-TLS connection the node opened to part15's collector. */
export interface AuditConnectionSeen {
  index: number;
  openedAt: string;
  protocol?: string;
  cipher?: string;
  clientCertificate: 'none' | 'trusted' | 'untrusted';
  framingFault?: { kind: string; message: string };
  pendingOctetsAtClose?: number;
  closedAt?: string;
}

export interface AuditEvidence extends EvidenceBase {
  kind: 'audit';
  stimulus: string;
  /** The collector the messages were kept from (any = both). */
  transport: 'any' | 'tls' | 'udp';
  declaredTransports: Array<'tls' | 'udp'>;
  /** The fresh calling AE title of the stimulus (correlation key), when it used one. */
  callingAeTitle?: string;
  /** The PatientID canary of a find stimulus. */
  canaryPatientId?: string;
  /** Whether the stimulus happened as intended (e.g. the store succeeded, the certificate was refused). */
  stimulusHappened: boolean;
  stimulusOutcome: string;
  /** The probe evidence of the stimulus itself. */
  stimulusEvidence?: Evidence;
  /** The target's own trigger table entry for this stimulus (its Conformance Statement), when it has one. */
  declaredEvents?: string[];
  windowMs: number;
  /** How long part15 listened after the stimulus. */
  listenedMs: number;
  /** The messages that belong to this stimulus (in the window, not naming another stimulus' AE title). */
  messages: CapturedAuditMessage[];
  /** Syslog-TLS connections that delivered those messages or opened in the window. */
  connections: AuditConnectionSeen[];
  /** Messages in the window that name another stimulus' AE title. */
  unrelatedMessages: number;
  /** Every message the collectors got from the node in this run, up to the end of this stimulus. */
  messagesInRun: number;
}

export type WebOutcome =
  | {
      status: 'response';
      httpStatus: number;
      /** Only the headers that matter here; never Authorization or Set-Cookie. */
      headers: { wwwAuthenticate?: string; strictTransportSecurity?: string; location?: string; contentType?: string };
      bodyBytes: number;
      /** A patient name or ID the node holds (learnt with valid credentials) appears in the body. Never the value itself. */
      canaryInBody: boolean;
      tls?: { version: string };
    }
  | { status: 'closed'; message: string }
  | { status: 'not-http'; message: string }
  | { status: 'tls-rejected'; message: string }
  | { status: 'no-response'; afterMs: number }
  | { status: 'connection-refused'; message: string };

export interface WebEvidence extends EvidenceBase {
  kind: 'web';
  request: {
    method: 'GET' | 'POST';
    resource: string;
    scheme: 'https' | 'http';
    /** The path asked for; a token in the query is shown as [redacted]. */
    path: string;
    credentials: string;
    authScheme: 'none' | 'basic' | 'bearer';
  };
  /** The target's declared policy: refusals answered 404. */
  hidesWith404: boolean;
  outcome: WebOutcome;
}

export type Evidence = TlsHandshakeEvidence | AssociationEvidence | TlsHelloEvidence | StallEvidence | TlsCloseEvidence | UserIdentityEvidence | AuditEvidence | WebEvidence;
export type EvidenceKind = Evidence['kind'];
