/**
 * The suite and target languages: the one source of truth for their TypeScript types (z.infer)
 * and for the JSON Schemas committed under suites/ (write-schemas.ts; a test keeps them in sync).
 * Cross-field rules (unique ids, step references, known catalogue ids) live in load-suite.ts.
 */
import { z } from 'zod';

export const KEBAB_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const kebabId = (what: string) =>
  z.string().regex(KEBAB_ID, { message: `${what} must be kebab-case (lower-case letters, digits and single hyphens)` });

export const LEVELS = ['shall', 'should', 'may'] as const;
/** Endpoints a target declares. dimse/dimseTls carry DICOM; http/https are web ports (DICOMweb, REST). */
export const ENDPOINT_NAMES = ['dimse', 'dimseTls', 'http', 'https'] as const;
export const DICOM_ENDPOINT_NAMES = ['dimse', 'dimseTls'] as const;
/** Where a TLS probe may connect: a DICOM endpoint or the DICOMweb HTTPS port (WEB-01: the TLS profiles hold there too). */
export const TLS_ENDPOINT_NAMES = ['dimse', 'dimseTls', 'https'] as const;
/**
 * What a DICOM step may name: a declared endpoint, or `dicom` = the node's DICOM door an outsider
 * would use: the cleartext one when declared, else the TLS one (the exposure suite's default).
 */
export const STEP_ENDPOINT_NAMES = ['dimse', 'dimseTls', 'dicom', 'service'] as const;
/** `service` = the node's DICOM service as its own users reach it: the TLS endpoint when declared, else cleartext. */
export const TLS_VERSION_NAMES = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'] as const;
export const CLIENT_CERTIFICATE_NAMES = [
  'none', 'valid', 'expired', 'not-yet-valid', 'unknown-ca', 'self-signed', 'rsa-1024', 'sha1', 'wrong-eku',
] as const;
/** Client certificates that must be issued by the CA the target trusts: the run needs that CA's key. */
export const CERTIFICATES_NEEDING_CA_KEY: readonly string[] = ['expired', 'not-yet-valid', 'rsa-1024', 'sha1', 'wrong-eku'];
export const TLS_ALERT_NAMES = [
  'close_notify', 'unexpected_message', 'bad_record_mac', 'record_overflow', 'handshake_failure', 'bad_certificate',
  'unsupported_certificate', 'certificate_revoked', 'certificate_expired', 'certificate_unknown', 'illegal_parameter',
  'unknown_ca', 'access_denied', 'decode_error', 'decrypt_error', 'protocol_version', 'insufficient_security',
  'internal_error', 'inappropriate_fallback', 'user_canceled', 'no_renegotiation', 'missing_extension',
  'unsupported_extension', 'unrecognized_name', 'bad_certificate_status_response', 'unknown_psk_identity',
  'certificate_required', 'no_application_protocol',
] as const;

const aeTitle = z
  .string()
  .min(1)
  .max(16)
  .regex(/^[\x20-\x5b\x5d-\x7e]*[^ ][\x20-\x5b\x5d-\x7e]*$/, { message: 'AE title must be 1-16 printable ASCII characters, no backslash, not all spaces' });
const timeoutMs = z.int().min(100).max(120_000);
const port = z.int().min(1).max(65535);
const stepName = z.string().regex(/^[a-z][a-zA-Z0-9_]*$/, { message: 'step name must start with a lower-case letter and use letters, digits or _' });

// ---------------------------------------------------------------- probes (one entry per probe id)

export const TlsHandshakeParams = z
  .object({
    endpoint: z.enum(TLS_ENDPOINT_NAMES).default('dimseTls').describe('Which declared endpoint of the target to connect to.'),
    minVersion: z.enum(TLS_VERSION_NAMES).default('TLSv1.2'),
    maxVersion: z.enum(TLS_VERSION_NAMES).default('TLSv1.3'),
    ciphers: z
      .string()
      .min(1)
      .optional()
      .describe('OpenSSL cipher list (TLS 1.3 suites by their TLS_* names). @SECLEVEL=0 is always added so the client never refuses to offer.'),
    clientCertificate: z.enum(CLIENT_CERTIFICATE_NAMES).default('valid'),
    settleMs: z
      .int()
      .min(0)
      .max(5000)
      .default(300)
      .describe('TLS 1.3: how long to keep reading after the handshake, since a refused client certificate arrives after it. 0 where only the negotiation matters.'),
    timeoutMs: timeoutMs.default(5000),
  })
  .strict();
export type TlsHandshakeParams = z.infer<typeof TlsHandshakeParams>;

export const FIND_MODELS = ['patient-root', 'study-root'] as const;

export const DimseAssociateParams = z
  .object({
    endpoint: z
      .enum(STEP_ENDPOINT_NAMES)
      .default('dimseTls')
      .describe('dicom = the cleartext endpoint when the target declares one, else the TLS endpoint.'),
    port: port
      .optional()
      .describe("Connect to this port on the endpoint's host instead (the exposure suite's well-known DICOM ports 104 and 11112). Never another host."),
    transport: z
      .enum(['tls', 'plain'])
      .optional()
      .describe('Default: tls on dimseTls, plain on dimse. plain on dimseTls sends a cleartext A-ASSOCIATE-RQ to the TLS port.'),
    callingAeTitle: aeTitle.optional().describe('A fixed calling AE title for this step (overrides callingAe).'),
    callingAe: z
      .enum(['known', 'unknown'])
      .default('known')
      .describe("known: the target's declared callingAeTitle when it has one, else a fresh title; unknown: always a fresh title no node can have configured (P15-…), so audits can be matched to it."),
    calledAeTitle: aeTitle.optional().describe("Default: the target's AE title."),
    echo: z.boolean().default(true).describe('Send a C-ECHO once accepted.'),
    storeBytes: z
      .int()
      .min(1)
      .max(64 << 20)
      .optional()
      .describe('Also C-STORE one synthetic Secondary Capture instance with about this many bytes of pixel data (UIDs under 2.25, patient PART15^SYNTHETIC).'),
    find: z
      .object({ model: z.enum(FIND_MODELS) })
      .strict()
      .optional()
      .describe('Then a wildcard C-FIND (PatientName=*). Evidence: match count and attribute names; values only with --show-values.'),
    retrieve: z
      .object({
        operation: z.enum(['move', 'get']),
        destinationAeTitle: aeTitle.optional().describe('C-MOVE destination. Default: a fresh title no node can know.'),
      })
      .strict()
      .optional()
      .describe("Then a C-MOVE or C-GET of the synthetic instance only (the one this step stored, else a fresh UID nobody holds). Instances a C-GET delivers are counted and dropped."),
    clientCertificate: z.enum(CLIENT_CERTIFICATE_NAMES).default('valid'),
    minVersion: z
      .enum(TLS_VERSION_NAMES)
      .default('TLSv1')
      .describe('TLS under the association. The default offers every version and suite the local OpenSSL has: this probe judges the DICOM layer; tls.handshake judges the TLS policy.'),
    maxVersion: z.enum(TLS_VERSION_NAMES).default('TLSv1.3'),
    ciphers: z.string().min(1).optional(),
    timeoutMs: timeoutMs.default(8000),
  })
  .strict();
export type DimseAssociateParams = z.infer<typeof DimseAssociateParams>;

const cipherSuiteRef = z
  .union([z.string().regex(/^0x[0-9a-fA-F]{4}$/, { message: 'a cipher suite is an IANA name (TLS_…) or a code point such as 0xC02F' }), z.string().regex(/^TLS_[A-Za-z0-9_]+$/)])
  .describe('IANA name (TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256) or code point (0xC02F).');
export const TLS_GROUP_NAMES = ['x25519', 'x448', 'secp256r1', 'secp384r1', 'secp521r1', 'secp224r1', 'secp192r1', 'ffdhe2048', 'ffdhe3072'] as const;

export const TlsHelloParams = z
  .object({
    endpoint: z.enum(TLS_ENDPOINT_NAMES).default('dimseTls'),
    legacyVersion: z.enum(['SSLv3', 'TLSv1', 'TLSv1.1', 'TLSv1.2']).default('TLSv1.2').describe('ClientHello.legacy_version (and the record version).'),
    supportedVersions: z.array(z.enum(TLS_VERSION_NAMES)).min(1).optional().describe('Sends the supported_versions extension (needed for TLS 1.3).'),
    cipherSuites: z.array(cipherSuiteRef).min(1).optional().describe('Offered in this order; any code point, including ones OpenSSL lacks.'),
    allTls12SuitesExcept: z
      .array(cipherSuiteRef)
      .optional()
      .describe('Instead of cipherSuites: every TLS ≤ 1.2 suite part15 knows (its IANA table) except these. A server picks any suite it supports from an offer, so a refusal shows it supports none of them.'),
    compressionMethods: z.array(z.int().min(0).max(255)).min(1).default([0]),
    serverName: z.union([z.string().min(1), z.literal(false)]).default(false).describe('SNI host name, or false for none.'),
    supportedGroups: z.array(z.enum(TLS_GROUP_NAMES)).min(1).default(['x25519', 'secp256r1', 'secp384r1', 'ffdhe2048']),
    keyShares: z.array(z.enum(['x25519', 'secp256r1'])).default(['x25519']).describe('TLS 1.3 key_share entries (real public keys from Node crypto).'),
    signatureAlgorithms: z.enum(['default', 'sha1-only', 'none']).default('default'),
    extendedMasterSecret: z.boolean().default(true),
    renegotiationInfo: z.boolean().default(true).describe('The renegotiation_info extension (empty).'),
    emptyRenegotiationInfoScsv: z.boolean().default(false).describe('Append TLS_EMPTY_RENEGOTIATION_INFO_SCSV (0x00FF).'),
    fallbackScsv: z.boolean().default(false).describe('Append TLS_FALLBACK_SCSV (0x5600).'),
    alpn: z.array(z.string().min(1)).optional(),
    truncatedHmac: z.boolean().default(false),
    statusRequest: z.boolean().default(false),
    ecPointFormats: z.boolean().default(true),
    encryptThenMac: z.boolean().default(false),
    timeoutMs: timeoutMs.default(5000),
  })
  .strict()
  .refine((p) => (p.cipherSuites === undefined) !== (p.allTls12SuitesExcept === undefined), {
    message: 'give exactly one of cipherSuites and allTls12SuitesExcept',
  });
export type TlsHelloParams = z.infer<typeof TlsHelloParams>;

export const TlsStallParams = z
  .object({
    endpoint: z.enum(DICOM_ENDPOINT_NAMES).default('dimseTls'),
    waitMs: z.int().min(1000).max(180_000).default(90_000).describe('How long to wait for the node to drop the stalled connection.'),
    timeoutMs: timeoutMs.default(5000).describe('For the TCP connection itself.'),
  })
  .strict();
export type TlsStallParams = z.infer<typeof TlsStallParams>;

export const DimseReleaseCloseParams = z
  .object({
    endpoint: z.enum(DICOM_ENDPOINT_NAMES).default('dimseTls'),
    clientCertificate: z.enum(CLIENT_CERTIFICATE_NAMES).default('valid'),
    closeWaitMs: z.int().min(100).max(30_000).default(3000).describe('How long to wait, after the A-RELEASE-RP, for the node to close.'),
    timeoutMs: timeoutMs.default(8000),
  })
  .strict();
export type DimseReleaseCloseParams = z.infer<typeof DimseReleaseCloseParams>;

export const JWT_VARIANTS = ['valid', 'expired', 'not-yet-valid', 'bad-signature', 'alg-none', 'wrong-audience', 'hs256-public-key'] as const;
export const USER_IDENTITY_FAULTS = ['item-length-too-long', 'item-length-too-short', 'primary-length-overrun'] as const;

const UserIdentityOffer = z
  .object({
    type: z.int().min(0).max(255).describe('User-Identity-Type: 1 username, 2 username + passcode, 5 JWT; 0 and 6…255 are reserved (sent only to test robustness).'),
    username: z.enum(['valid', 'unknown']).default('valid').describe("valid: the target's declared username; unknown: one no node has (part15-nobody-…)."),
    passcode: z.enum(['valid', 'wrong', 'empty']).optional().describe('Type 2: the declared passcode, a wrong one, or an empty one (secondary-field-length 0).'),
    token: z.enum(JWT_VARIANTS).optional().describe("Type 5: a token signed with the target's issuer key (valid), or one broken in exactly one way."),
    positiveResponse: z.boolean().default(false).describe('Set positive-response-requested.'),
    fault: z.enum(USER_IDENTITY_FAULTS).optional().describe('Send the sub-item with this one length fault (PS3.7 D.3.3.7.1; UID-11).'),
    duplicate: z.boolean().default(false).describe('Send two 0x58 sub-items (only one may be present).'),
  })
  .strict();

export const DimseUserIdentityParams = z
  .object({
    endpoint: z.enum(STEP_ENDPOINT_NAMES).default('service'),
    transport: z.enum(['tls', 'plain']).optional(),
    calledAeTitle: aeTitle.optional(),
    callingAe: z.enum(['known', 'unknown']).default('known'),
    identity: z.union([z.literal('none'), UserIdentityOffer]).default('none').describe('none: no 0x58 sub-item at all.'),
    clientCertificate: z.enum(CLIENT_CERTIFICATE_NAMES).default('valid'),
    minVersion: z.enum(TLS_VERSION_NAMES).default('TLSv1.2'),
    maxVersion: z.enum(TLS_VERSION_NAMES).default('TLSv1.3'),
    ciphers: z.string().min(1).optional(),
    timeoutMs: timeoutMs.default(8000),
  })
  .strict();
export type DimseUserIdentityParams = z.infer<typeof DimseUserIdentityParams>;
export type UserIdentityOffer = z.infer<typeof UserIdentityOffer>;

/** What part15 does to the node to cause an audit message (PART15-CATALOGUE.md §4.7). */
export const AUDIT_STIMULI = ['node-start', 'association', 'store', 'find', 'unknown-calling-ae', 'untrusted-client-certificate', 'identity-failure'] as const;
export type AuditStimulus = (typeof AUDIT_STIMULI)[number];
export const AUDIT_TRANSPORTS = ['tls', 'udp'] as const;

export const AuditCaptureParams = z
  .object({
    stimulus: z
      .enum(AUDIT_STIMULI)
      .describe(
        'node-start: the messages a container node sent while part15 started it; association: accepted, C-ECHO, released; store: C-STORE of the synthetic instance; find: a Study Root C-FIND for a fresh canary PatientID; unknown-calling-ae: an association from a calling AE title no node knows; untrusted-client-certificate: a TLS handshake with a certificate from an unknown CA; identity-failure: a user identity with a wrong passcode (B.5).',
      ),
    transport: z
      .enum(['any', ...AUDIT_TRANSPORTS])
      .default('any')
      .describe('Keep only the messages that came on this collector; a transport the target does not declare makes the check not applicable.'),
    endpoint: z.enum(STEP_ENDPOINT_NAMES).default('service'),
    settleMs: z
      .int()
      .min(0)
      .max(10_000)
      .default(1000)
      .describe('After the first message that belongs to the stimulus, keep listening this long (a duplicate, a second message).'),
    optional: z
      .boolean()
      .default(false)
      .describe('A stimulus that does not apply to this target (no TLS port, no user identity, not audited by its own table) leaves this step empty instead of making the whole check not applicable: for checks that judge every message whatever caused it.'),
    timeoutMs: timeoutMs.default(8000).describe('For the stimulus itself; the wait for its audit is the target\'s audit.windowMs.'),
  })
  .strict();
export type AuditCaptureParams = z.infer<typeof AuditCaptureParams>;

/** The DICOMweb resources part15 asks for (PS3.18 §10), built from the service root and the study it found. */
export const WEB_RESOURCES = ['qido-studies', 'wado-study', 'study-metadata', 'study-rendered', 'instance-rendered', 'instance-thumbnail', 'bulkdata', 'stow', 'unknown-study'] as const;
/** What part15 authenticates with: nothing, the declared credentials, or credentials broken in one way. */
export const WEB_CREDENTIALS = ['none', 'valid', 'wrong', 'expired', 'bad-signature', 'alg-none', 'wrong-audience', 'no-scope', 'valid-in-query'] as const;

export const HttpRequestParams = z
  .object({
    endpoint: z
      .enum(['web', 'cleartext'])
      .default('web')
      .describe('web: the https endpoint when declared, else http; cleartext: the http endpoint when declared, else plain HTTP to the https port.'),
    resource: z.enum(WEB_RESOURCES).describe('bulkdata: the first BulkDataURI the metadata returns; unknown-study: a study UID nobody holds; stow: a POST of the synthetic instance.'),
    credentials: z
      .enum(WEB_CREDENTIALS)
      .default('none')
      .describe('wrong: a wrong Basic password or a token from an untrusted key; expired … wrong-audience: a token broken that way; no-scope: a valid token without the read/write scope; valid-in-query: a valid token as ?access_token= (RFC 6750 §2.3).'),
    timeoutMs: timeoutMs.default(8000),
  })
  .strict();
export type HttpRequestParams = z.infer<typeof HttpRequestParams>;

const step = <P extends string, S extends z.ZodType>(probe: P, params: S) =>
  z.object({ as: stepName, probe: z.literal(probe), params: params }).strict();

export const Step = z.discriminatedUnion('probe', [
  step('tls.handshake', TlsHandshakeParams),
  step('tls.hello', TlsHelloParams),
  step('tls.stall', TlsStallParams),
  step('dimse.associate', DimseAssociateParams),
  step('dimse.release-close', DimseReleaseCloseParams),
  step('dimse.user-identity', DimseUserIdentityParams),
  step('audit.capture', AuditCaptureParams),
  step('http.request', HttpRequestParams),
]);
export type Step = z.infer<typeof Step>;
export type ProbeId = Step['probe'];
export const PROBE_IDS: readonly ProbeId[] = ['tls.handshake', 'tls.hello', 'tls.stall', 'dimse.associate', 'dimse.release-close', 'dimse.user-identity', 'audit.capture', 'http.request'];

// ---------------------------------------------------------------- expectations (pure evaluators in harness/evaluate)

const stepRef = stepName.describe('The `as:` name of a step of this check.');
const auditEventRef = z.string().regex(/^1[0-9]{5}(:1[0-9]{5})?$/, { message: 'an audit event is a DCM EventID such as 110104, optionally with an EventTypeCode: 110113:110126' });
const expectation = <T extends string, S extends z.ZodRawShape>(that: T, shape: S) =>
  z.object({ that: z.literal(that), ...shape }).strict();

export const Expectation = z.discriminatedUnion('that', [
  expectation('tls-established', {
    step: stepRef,
    version: z.enum(TLS_VERSION_NAMES).optional().describe('The version the target must choose.'),
    serverKeyType: z
      .enum(['RSA', 'EC'])
      .optional()
      .describe('The check applies only to a server whose certificate key is of this type (read from keyStep); otherwise it is not applicable.'),
    keyStep: stepRef.optional().describe('A tls.handshake step that shows the server certificate (with serverKeyType).'),
  }),
  expectation('tls-rejected', {
    step: stepRef,
    alerts: z
      .array(z.enum(TLS_ALERT_NAMES))
      .min(1)
      .optional()
      .describe('Only these alerts are the demanded refusal; any other refusal is inconclusive (ambiguous).'),
  }),
  expectation('tls-version-preferred', {
    onlyStep: stepRef.describe('A step that offers `version` alone: tells whether the target supports it.'),
    step: stepRef.describe('A step that offers `version` and lower ones.'),
    version: z.enum(TLS_VERSION_NAMES),
  }),
  expectation('tls-server-key-strength', {
    step: stepRef,
    minRsaBits: z.int().min(512).default(2048),
    minEcBits: z.int().min(160).default(256),
  }),
  expectation('tls-server-signature-hashes', {
    step: stepRef,
    forbidden: z.array(z.enum(['md5', 'sha1', 'sha224'])).min(1).default(['md5', 'sha1']),
    includeTrustAnchor: z.boolean().default(false).describe('Also judge the self-signed root (RFC 9325 exempts trust anchors).'),
  }),
  expectation('tls-server-certificate-usable', {
    step: stepRef,
  }),
  // ---- over tls.hello (raw ClientHello) evidence
  expectation('hello-accepted', {
    step: stepRef,
    version: z.enum(['SSLv3', ...TLS_VERSION_NAMES]).optional().describe('The version the server must choose.'),
    serverKeyType: z.enum(['RSA', 'EC']).optional().describe('Applies only to a server whose certificate key is of this type (read from keyStep).'),
    keyStep: stepRef.optional().describe('A TLS 1.2 tls.hello step whose Certificate message shows the server key (with serverKeyType).'),
  }),
  expectation('hello-refused', {
    step: stepRef,
    alerts: z.array(z.enum(TLS_ALERT_NAMES)).min(1).optional().describe('Only these alerts are the demanded refusal; any other is inconclusive.'),
  }),
  expectation('hello-suite-chosen', {
    step: stepRef,
    among: z.array(cipherSuiteRef).min(1).describe('The suite the server picks must be one of these (e.g. the forward-secret one when offered after a weaker one).'),
    serverKeyType: z.enum(['RSA', 'EC']).optional().describe('Applies only to a server whose certificate key is of this type (read from keyStep).'),
    keyStep: stepRef.optional().describe('A TLS 1.2 tls.hello step whose Certificate message shows the server key (with serverKeyType).'),
  }),
  expectation('hello-extension', {
    step: stepRef,
    extension: z.enum(['renegotiation_info', 'extended_master_secret', 'truncated_hmac', 'encrypt_then_mac', 'status_request', 'application_layer_protocol_negotiation', 'ec_point_formats']),
    present: z.boolean().describe('Whether the ServerHello must carry it (true) or must not (false).'),
  }),
  expectation('hello-downgrade-sentinel', {
    supportStep: stepRef.describe('A TLS 1.3 hello: tells whether the server speaks TLS 1.3 at all.'),
    step: stepRef.describe('A TLS 1.2-only hello to the same server.'),
  }),
  expectation('hello-dhe-min-bits', { step: stepRef, minBits: z.int().min(512).default(2048) }),
  expectation('hello-ecdhe-min-bits', { step: stepRef, minBits: z.int().min(160).default(256) }),
  expectation('hello-no-compression', { step: stepRef }),
  expectation('close-notify-after-release', { step: stepRef }),
  expectation('dropped-within', {
    step: stepRef,
    withinMs: z.int().min(100).describe('The node must close the stalled connection within this time.'),
  }),
  expectation('association-accepted', {
    step: stepRef,
    echoStatus: z.int().min(0).max(0xffff).optional().describe('The C-ECHO status the target must answer (0 = success).'),
    storeStatus: z.int().min(0).max(0xffff).optional().describe('The C-STORE status the target must answer (0 = success).'),
  }),
  expectation('association-refused', { step: stepRef }),
  expectation('association-rejected', {
    step: stepRef,
    reason: z
      .enum(['calling-AE-title-not-recognized', 'called-AE-title-not-recognized', 'no-reason-given'])
      .optional()
      .describe('The A-ASSOCIATE-RJ reason this refusal should carry. Nodes differ (TARGETS.md §0.11): another reason still passes, and the summary says which one came.'),
  }),
  expectation('operation-denied', {
    step: stepRef,
    operation: z.enum(['echo', 'store', 'find', 'move', 'get']).describe('The DIMSE operation of the step that must not be served.'),
  }),
  expectation('identity-accepted', { step: stepRef }),
  expectation('identity-response', {
    step: stepRef,
    expected: z
      .enum(['none', 'one-empty', 'one'])
      .describe('none: no 0x59 in the A-ASSOCIATE-AC (a rejection has none either); one-empty: exactly one, zero-length (types 1 and 2); one: exactly one.'),
  }),
  expectation('identity-rejected', { step: stepRef }),
  expectation('identity-rejection-encoding', { step: stepRef }),
  expectation('malformed-identity-refused', {
    steps: z.array(stepRef).min(1).describe('The malformed requests: none may be accepted.'),
    beforeStep: stepRef.describe('A well-formed association before them: shows the node answers at all.'),
    afterStep: stepRef.describe('A well-formed association after them: the node still answers (no crash, no hang).'),
  }),
  expectation('no-plain-dicom', {
    steps: z.array(stepRef).min(1).describe('Cleartext dimse.associate steps: none of them may be accepted.'),
    aliveStep: stepRef.describe(
      "A dimse.associate step to the node's own service: a closed or refused connection counts as \"no DICOM here\" only when the node is shown to be up.",
    ),
  }),
  expectation('no-cleartext-dicom', {
    step: stepRef,
    tlsStep: stepRef
      .optional()
      .describe('A tls.handshake step on the same port: a closed cleartext connection only shows strict TLS when the port completed a TLS handshake (a port that drops everything closes the same way).'),
  }),
  // ---- over audit.capture evidence (PART15-CATALOGUE.md §4.6–4.8)
  expectation('audit-event-recorded', {
    step: stepRef,
    events: z
      .array(auditEventRef)
      .min(1)
      .describe("The default expectation (PART15-CATALOGUE.md §4.7): any one of these EventIDs (\"110113\"), optionally with an EventTypeCode (\"110113:110126\"). The target's audit.triggers, taken from its Conformance Statement, replaces it."),
    outcome: z.enum(['success', 'failure']).optional().describe('success: EventOutcomeIndicator 0; failure: anything else.'),
    once: z.boolean().default(false).describe('Also demand that it came only once per transport: a duplicate fails (AUD-FMT-12 "none duplicated").'),
  }),
  expectation('audit-no-alarm', {
    step: stepRef.describe('A legitimate action (association, C-ECHO, release): no Security Alert and no failure outcome may come of it.'),
  }),
  expectation('audit-messages-conform', {
    steps: z.array(stepRef).min(1).describe('Every message these stimuli caused is judged.'),
    rules: z
      .array(z.string().regex(/^(AUD|ATNA)-[A-Z]{3}-[0-9]{2}$/, { message: 'a rule is a catalogue id such as AUD-FMT-04' }))
      .min(1)
      .describe('The catalogue rules judged here (AUD-SYS-*, AUD-FMT-*, AUD-GEN-*); problems of other rules belong to other checks.'),
    strict: z.boolean().default(false).describe('Count warnings (e.g. a code meaning that differs from PS3.16) as failures.'),
    msgId: z.string().min(1).max(32).optional().describe('AUD-SYS-03: the MSGID every message must carry (IHE ITI-20: IHE+RFC-3881). Without it any non-nil MSGID passes.'),
  }),
  expectation('audit-transport', {
    steps: z.array(stepRef).min(1),
    property: z
      .enum(['tls-used', 'octet-counting', 'client-certificate', 'tls-version', 'one-message-per-datagram'])
      .describe('tls-used: the messages came over syslog TLS (RFC 5425); octet-counting: no LF framing, MSG-LEN in octets; client-certificate: every syslog TLS connection presented a certificate the run CA issued; tls-version: TLS 1.2 or later; one-message-per-datagram: each UDP datagram is one whole message (RFC 5426).'),
  }),
  expectation('audit-query-matches', {
    step: stepRef.describe('A find stimulus: its Query message must carry the identifier part15 sent (PatientID canary), base64, in the declared transfer syntax.'),
  }),
  // ---- over http.request evidence (PART15-CATALOGUE.md §5.3)
  expectation('web-refused', {
    steps: z.array(stepRef).min(1).describe('Requests without valid credentials: each must be answered 401 with a WWW-Authenticate challenge (or 404 where the target declares hidesWith404); never 2xx.'),
  }),
  expectation('web-token-refused', {
    step: stepRef,
    status: z.union([z.literal(401), z.literal(403), z.literal(400)]).describe('The status RFC 6750 §3.1 gives this error.'),
    error: z.enum(['invalid_token', 'insufficient_scope', 'invalid_request']).optional().describe('The error= of the Bearer challenge.'),
    exact: z.boolean().default(false).describe('Demand exactly this status and error; otherwise any refusal (4xx) passes and a different code is only noted.'),
  }),
  expectation('web-no-data-in-clear', {
    step: stepRef.describe('A cleartext request for data.'),
    aliveStep: stepRef.describe('A request to the node\'s own web service that got an answer: a closed cleartext port only counts when the node is shown to be up.'),
  }),
  expectation('web-header', {
    step: stepRef,
    header: z.enum(['strict-transport-security']),
  }),
  expectation('web-no-basic-in-clear', { step: stepRef.describe('A cleartext request without credentials.') }),
  expectation('web-no-canary-in-errors', {
    steps: z.array(stepRef).min(1).describe('Refused requests: no error body may carry a patient name or ID the node holds.'),
  }),
  expectation('web-distinct-ports', {
    steps: z.array(stepRef).length(2).describe('A tls.handshake to the DICOM TLS port and one to the DICOMweb HTTPS port.'),
  }),
]);
export type Expectation = z.infer<typeof Expectation>;
export type ExpectationKind = Expectation['that'];

// ---------------------------------------------------------------- suites

export const Requirement = z
  .object({
    level: z.enum(LEVELS),
    ref: z.string().min(3).describe('The clause: "PS3.15 B.12", "RFC 8996 §2", …'),
    catalogueId: z
      .string()
      .regex(/^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*-[0-9]{2}[a-z]?$/, { message: 'catalogueId must look like B12-04 or CERT-06' })
      .describe('The requirement id in PART15-CATALOGUE.md.'),
  })
  .strict();

export const Check = z
  .object({
    id: kebabId('check id'),
    title: z.string().min(3),
    description: z.string().optional(),
    requirement: Requirement,
    steps: z.array(Step).min(1),
    expect: Expectation,
    remedy: z
      .string()
      .min(3)
      .optional()
      .describe('What closes the door when the check fails: the profile or the setting. Shown with every failure.'),
    slow: z
      .boolean()
      .default(false)
      .describe('The check waits a long time by design (e.g. for a node to drop a stalled connection): it runs only with --include-slow, and is reported as disabled otherwise.'),
    skip: z
      .object({ reason: z.string().min(3), until: z.string().optional() })
      .strict()
      .optional()
      .describe('A check turned off on purpose: reported as disabled, never as pass.'),
  })
  .strict();
export type Check = z.infer<typeof Check>;

export const SuiteFile = z
  .object({
    id: kebabId('suite id'),
    profile: z
      .object({
        name: z.string().min(3).describe('Exactly as in PS3.15.'),
        section: z.string().min(3).describe('e.g. "PS3.15 B.12".'),
        edition: z.string().regex(/^20[0-9]{2}[a-e]?$/, { message: 'edition must look like 2025e (or a bare year where the edition letter is unknown)' }),
        status: z.enum(['current', 'retired']),
      })
      .strict(),
    description: z.string().optional(),
    checks: z.array(Check).min(1),
  })
  .strict();
export type SuiteFile = z.infer<typeof SuiteFile>;

// ---------------------------------------------------------------- targets

const endpointsOf = <P extends z.ZodType>(portSchema: P) =>
  z
    .object({
      dimse: z.object({ port: portSchema, calledAeTitle: aeTitle.optional() }).strict().optional(),
      dimseTls: z.object({ port: portSchema, calledAeTitle: aeTitle.optional() }).strict().optional(),
      http: z.object({ port: portSchema }).strict().optional().describe('A cleartext web port (REST, DICOMweb).'),
      https: z.object({ port: portSchema }).strict().optional().describe('A web port over TLS (REST, DICOMweb).'),
    })
    .strict()
    .refine((e) => e.dimse !== undefined || e.dimseTls !== undefined, { message: 'declare at least one endpoint (dimse or dimseTls)' });

const auditEventCode = z.string().regex(/^1[0-9]{5}(:1[0-9]{5})?$/, { message: 'an audit event is a DCM EventID such as 110104, optionally with an EventTypeCode: 110113:110126' });
const auditTrigger = z.union([z.literal('not-audited'), z.array(auditEventCode)]).optional();

const targetCommon = {
  name: kebabId('target name'),
  description: z.string().min(3),
  demonstrates: z.string().optional().describe('What this reference node is for (positive or negative control of what).'),
  calledAeTitle: aeTitle.default('ANY-SCP'),
  callingAeTitle: aeTitle
    .optional()
    .describe("The calling AE title the node is configured to accept from part15 (its peer list). Steps with callingAe: known use it; the exposure checks always use fresh, unknown titles. Default: a fresh title per association."),
  maxConnections: z.int().min(1).max(16).default(3).describe('Upper bound on concurrent connections to this target (each check holds at most one at a time).'),
  dicomweb: z
    .object({
      root: z.string().regex(/^\/[A-Za-z0-9._~\/-]*$/, { message: 'root is a URL path such as /dicom-web' }).default('/dicom-web').describe('The DICOMweb service root (PS3.18), e.g. /dicom-web.'),
      auth: z
        .discriminatedUnion('scheme', [
          z.object({ scheme: z.literal('none') }).strict(),
          z
            .object({
              scheme: z.literal('basic'),
              username: z.string().min(1),
              password: z.string().optional().describe('A lab node\'s password. Never written to any report.'),
              passwordEnv: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/).optional().describe('Or: the environment variable that holds it.'),
            })
            .strict(),
          z
            .object({
              scheme: z.literal('bearer'),
              issuer: z.string().min(1),
              audience: z.string().min(1),
              privateKey: z.string().min(1).optional().describe('External nodes: PEM private key (RSA) of an issuer the node trusts, relative to this file. Container nodes: omitted, part15 makes one per run ({{dicomweb.jwtPublicKey}}).'),
              readScope: z.string().min(1).default('dicomweb.read'),
              writeScope: z.string().min(1).default('dicomweb.write'),
            })
            .strict(),
        ])
        .describe('How the node authenticates DICOMweb requests; checks for another scheme are not applicable.'),
      hidesWith404: z.boolean().default(false).describe('The Conformance Statement says refusals are answered 404 to hide what exists (PS3.18 §8.5 note).'),
    })
    .strict()
    .optional()
    .describe('The node serves DICOMweb on its http/https endpoint. Without it the DICOMweb suite does not apply.'),
  audit: z
    .object({
      transports: z
        .array(z.enum(AUDIT_TRANSPORTS))
        .min(1)
        .describe('How the node sends audit messages: tls = syslog over TLS (PS3.15 A.6, RFC 5425), udp = syslog over UDP (A.7, RFC 5426). Container nodes get the collectors as {{audit.host}}, {{audit.tlsPort}}, {{audit.udpPort}}.'),
      windowMs: z.int().min(500).max(120_000).default(10_000).describe('How long part15 waits for the audit message a stimulus should cause (catalogue AUD-FMT-12 suggests 60 s for products that batch).'),
      triggers: z
        .object({
          'node-start': auditTrigger,
          association: auditTrigger,
          store: auditTrigger,
          find: auditTrigger,
          'unknown-calling-ae': auditTrigger,
          'untrusted-client-certificate': auditTrigger,
          'identity-failure': auditTrigger,
        })
        .strict()
        .optional()
        .describe("The product's own trigger table (PS3.2 Annex N, Table N.11-2): for a stimulus, the EventIDs it sends (\"110114\" or \"110113:110143\"), or not-audited (its checks are then not applicable). Without it, part15 expects PART15-CATALOGUE.md §4.7."),
    })
    .strict()
    .optional()
    .describe('The node sends DICOM audit messages (PS3.15 A.5) to part15\'s collectors. Without it the audit suites do not apply.'),
  userIdentity: z
    .object({
      username: z.string().min(1).max(256).describe('A user the node knows (user identity types 1, 2, 5).'),
      passcode: z.string().max(256).optional().describe('Its passcode, for a lab node. Never written to any report.'),
      passcodeEnv: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/).optional().describe('Or: the environment variable that holds it (for CI secrets).'),
      jwt: z
        .object({
          issuer: z.string().min(1),
          audience: z.string().min(1),
          privateKey: z
            .string()
            .min(1)
            .optional()
            .describe('External nodes: PEM private key (RSA) of an issuer the node trusts, relative to this file. Container nodes: omitted, part15 makes a key per run and gives the node its public key ({{identity.jwtPublicKey}}).'),
        })
        .strict()
        .optional()
        .describe('The node accepts JSON Web Tokens (type 5) from this issuer for this audience, signed RS256.'),
    })
    .strict()
    .optional()
    .describe('The credentials the node accepts from part15. Without them, checks that need a valid identity cannot pass (inconclusive), and the JWT checks do not apply.'),
};

export const ContainerTargetFile = z
  .object({
    kind: z.literal('container'),
    ...targetCommon,
    image: z
      .object({
        tag: z.string().min(3),
        build: z.string().optional().describe('The build context folder, relative to this file; built with host networking when the tag is missing.'),
        dockerfile: z.string().optional().describe('The Dockerfile, relative to this file, when it is not <build>/Dockerfile (images that share a context).'),
      })
      .strict(),
    command: z.array(z.string()).min(1).describe('Templated: {{ports.<endpoint>}} (dimse, dimseTls, http, https), {{identity.usersFile}} (a "username:passcode" line), {{identity.jwtPublicKey}} (PEM), {{identity.jwtIssuer}}, {{identity.jwtAudience}}, {{pki.caCert}}, {{pki.caDir}} (hashed trust directory), {{pki.serverCert}}, {{pki.serverKey}}, {{calledAeTitle}}.'),
    ready: z.union([
      z.object({ command: z.string().min(1) }).strict(),
      z.object({ log: z.string().min(1) }).strict(),
    ]),
    startupTimeoutMs: z.int().min(1000).max(600_000).default(30_000),
    serverKey: z
      .enum(['rsa-2048', 'rsa-1024', 'rsa-2048-sha1', 'rsa-2048-expired', 'ec-p256'])
      .default('rsa-2048')
      .describe('The server certificate the run CA issues: rsa-2048-sha1 is signed with SHA-1 and rsa-2048-expired expired in 2021 (negative controls); ec-p256 serves the ECDSA suites.'),
    endpoints: endpointsOf(z.union([port, z.literal('auto')])),
  })
  .strict();

export const ExternalTargetFile = z
  .object({
    kind: z.literal('external'),
    ...targetCommon,
    host: z.string().min(1).default('127.0.0.1'),
    endpoints: endpointsOf(port),
    auditCollector: z
      .object({
        tlsPort: port.default(6514).describe('The port part15\'s syslog-TLS collector listens on, on 127.0.0.1 (RFC 5425 default 6514); configure the node to send there.'),
        udpPort: port.default(514).describe('The port of the UDP collector (PS3.15 A.7 default 514).'),
      })
      .strict()
      .optional(),
    pki: z
      .object({
        caCert: z.string().min(1).describe('PEM: the CA that issued the node certificate and that the node trusts for clients.'),
        clientCert: z.string().min(1),
        clientKey: z.string().min(1),
        caKey: z.string().min(1).optional().describe('With it, part15 mints negative client certificates (expired, weak key, …) from this CA.'),
      })
      .strict()
      .optional(),
  })
  .strict();

export const TargetFile = z.discriminatedUnion('kind', [ContainerTargetFile, ExternalTargetFile]);
export type TargetFile = z.infer<typeof TargetFile>;
export type ContainerTargetFile = z.infer<typeof ContainerTargetFile>;
export type ExternalTargetFile = z.infer<typeof ExternalTargetFile>;
export type EndpointName = (typeof ENDPOINT_NAMES)[number];
