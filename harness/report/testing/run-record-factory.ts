/**
 * Test-only builders for RunRecords. Defaults are fixed (times, ids) so rendered reports are
 * deterministic; each builder takes overrides for the one thing a test is about.
 */
import type { AssociationEvidence, AssociationOutcome, Evidence, TlsHandshakeEvidence, TlsHandshakeOutcome } from '../../core/evidence.ts';
import { suiteOutcome, type CheckRecord, type CheckRequirement, type RunRecord, type SuiteRecord } from '../../core/run-record.ts';
import { verdict, type ErrorReason, type InconclusiveReason, type SerializedError } from '../../core/verdict.ts';

export const FIXED_START = '2025-06-01T10:00:00.000Z';
export const DEFAULT_SUITE_ID = 'b12-bcp195-rfc8996-9325';

export const ENDPOINT = { host: 'node.test', port: 2762 };

export function tlsEvidence(outcome: TlsHandshakeOutcome, overrides: Partial<TlsHandshakeEvidence> = {}): TlsHandshakeEvidence {
  return {
    kind: 'tls-handshake',
    step: 'hello',
    startedAt: FIXED_START,
    durationMs: 8,
    endpoint: ENDPOINT,
    offered: { minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2', ciphers: 'DEFAULT', clientCertificate: 'valid' },
    outcome,
    ...overrides,
  };
}

export const established12: TlsHandshakeOutcome = {
  status: 'established',
  version: 'TLSv1.2',
  cipher: 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256',
  cipherOpenssl: 'ECDHE-RSA-AES128-GCM-SHA256',
  peerChain: [],
  peerVerified: true,
};

export const protocolVersionRejected: TlsHandshakeOutcome = {
  status: 'rejected',
  alert: { code: 70, name: 'protocol_version' },
  closedBy: 'alert',
  message: 'tlsv1 alert protocol version',
  afterHandshake: false,
};

export function associationEvidence(outcome: AssociationOutcome, overrides: Partial<AssociationEvidence> = {}): AssociationEvidence {
  return {
    kind: 'association',
    step: 'assoc',
    startedAt: FIXED_START,
    durationMs: 15,
    endpoint: ENDPOINT,
    transport: 'tls',
    requested: { callingAeTitle: 'PART15-SCU', calledAeTitle: 'NODE', abstractSyntaxes: ['1.2.840.10008.1.1'] },
    tls: { version: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384' },
    outcome,
    ...overrides,
  };
}

export const associationRejected: AssociationOutcome = {
  status: 'rejected',
  result: 1,
  source: 1,
  reason: 3,
  resultText: 'rejected-permanent',
  sourceText: 'DICOM UL service-user',
  reasonText: 'calling-AE-title-not-recognized',
};

type CheckOverrides = Partial<Omit<CheckRecord, 'requirement'>> & { requirement?: Partial<CheckRequirement> };

/** A passing shall check unless overridden. */
export function makeCheck(checkId: string, overrides: CheckOverrides = {}): CheckRecord {
  const { requirement, ...rest } = overrides;
  return {
    suiteId: DEFAULT_SUITE_ID,
    checkId,
    title: `title of ${checkId}`,
    requirement: { level: 'shall', ref: 'PS3.15 B.12', catalogueId: 'B12-01', ...requirement },
    status: 'judged',
    verdict: verdict.pass('as required'),
    evidence: [tlsEvidence(established12)],
    startedAt: FIXED_START,
    durationMs: 12,
    ...rest,
  };
}

export const checks = {
  pass: (id: string, o: CheckOverrides = {}) => makeCheck(id, o),
  fail: (id: string, o: CheckOverrides = {}) =>
    makeCheck(id, { verdict: verdict.fail('TLS 1.0 was accepted', 'refused with protocol_version', 'established TLSv1'), ...o }),
  inconclusive: (id: string, reason: InconclusiveReason = 'no-response', o: CheckOverrides = {}) =>
    makeCheck(id, { verdict: verdict.inconclusive(reason, 'no answer within 5000 ms'), evidence: [tlsEvidence({ status: 'no-response', afterMs: 5000 })], ...o }),
  error: (id: string, reason: ErrorReason = 'fixture-missing', o: CheckOverrides = {}, error?: SerializedError) =>
    makeCheck(id, { verdict: verdict.error(reason, 'client certificate file is missing', error), evidence: [], ...o }),
  notApplicable: (id: string, statusReason = 'target declares no dimseTls endpoint', o: CheckOverrides = {}) =>
    makeCheck(id, { status: 'not-applicable', verdict: undefined, statusReason, evidence: [], durationMs: 0, ...o }),
  disabled: (id: string, statusReason = 'skip: waiting for fixture', o: CheckOverrides = {}) =>
    makeCheck(id, { status: 'disabled', verdict: undefined, statusReason, evidence: [], durationMs: 0, ...o }),
};

/** A suite whose outcome is computed the way the run computes it (core suiteOutcome). */
export function makeSuite(id: string, suiteChecks: CheckRecord[], overrides: Partial<SuiteRecord> = {}): SuiteRecord {
  const owned = suiteChecks.map((c) => ({ ...c, suiteId: id }));
  const { outcome, reason } = suiteOutcome(owned);
  return {
    id,
    profile: { name: `Profile of ${id}`, section: 'PS3.15 B.12', edition: '2025e', status: 'current' },
    sourceFile: `suites/${id}.suite.yaml`,
    outcome,
    outcomeReason: reason,
    checks: owned,
    ...overrides,
  };
}

export function makeRun(suites: SuiteRecord[], overrides: Partial<RunRecord> = {}): RunRecord {
  return {
    tool: { name: 'part15', version: '0.1.0' },
    runId: 'run-0001',
    target: {
      name: 'conformant-node',
      description: 'DCMTK storescp behind TLS',
      kind: 'container',
      endpoints: { dimseTls: { host: 'node.test', port: 2762, calledAeTitle: 'NODE' } },
    },
    startedAt: FIXED_START,
    durationMs: 1234,
    suites,
    ...overrides,
  };
}

/**
 * Every verdict kind and status, over three suites with three different outcomes:
 *  - suite-conformant:     2 shall pass, 1 should fail (a finding), 1 not-applicable, 1 disabled
 *  - suite-not-conformant: 1 shall fail, 1 shall error, 1 shall pass
 *  - suite-incomplete:     1 shall pass, 1 shall inconclusive, 1 may error
 */
export function mixedRun(): RunRecord {
  return makeRun([
    makeSuite('suite-conformant', [
      checks.pass('tls12-accepted', { title: 'TLS 1.2 is accepted', requirement: { catalogueId: 'B12-01', ref: 'PS3.15 B.12 (servers shall support TLS 1.2)' } }),
      checks.pass('echo-inside-tls', { evidence: [associationEvidence({ status: 'accepted', echoStatus: 0, released: true, acceptedContexts: 1 })] }),
      checks.fail('static-rsa-cbc-refused', { requirement: { level: 'should', catalogueId: 'B12-11' } }),
      checks.notApplicable('plaintext-refused-on-tls-port'),
      checks.disabled('client-certificate-required'),
    ]),
    makeSuite('suite-not-conformant', [
      checks.fail('tls10-refused', { requirement: { catalogueId: 'B12-04' } }),
      checks.error('expired-client-certificate-refused', 'fixture-missing', {}, { name: 'HarnessError', message: 'expired.pem not found', code: 'ERR_FIXTURE_MISSING' }),
      checks.pass('tls12-accepted'),
    ]),
    makeSuite('suite-incomplete', [
      checks.pass('tls12-accepted'),
      checks.inconclusive('tls11-refused', 'ambiguous-observation'),
      checks.error('optional-thing', 'bug-in-harness', { requirement: { level: 'may' } }),
    ]),
  ]);
}

// ---------------------------------------------------------------------------------------------
// Secrets that must never reach a report. Each fragment below is checked for in every output.

export const SECRET_PASSCODE = 'hunter2-passcode-never-printed';
/** Long enough that a digest which shortened text before redacting would leak a fragment. */
export const PEM_PRIVATE_KEY = [
  '-----BEGIN PRIVATE KEY-----',
  'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj',
  'MzEfYyjiWA4R4/M2bS1GB4t7NXp98C3SC6dVMvDuictGeurT8jNbvJZHtCSuYEvu',
  '-----END PRIVATE KEY-----',
].join('\n');
export const SECRET_FRAGMENTS = [SECRET_PASSCODE, 'MIIEvQIBADANBgkqhkiG9w0B', 'MzEfYyjiWA4R4', 'BEGIN PRIVATE KEY'];

/**
 * A run whose evidence and verdict text carry secrets the way a careless probe might leak them:
 * a `passcode` field in the request, a PEM private key in an error message and in a verdict.
 */
export function runWithSecrets(): RunRecord {
  const leakyRequest = {
    callingAeTitle: 'PART15-SCU',
    calledAeTitle: 'NODE',
    abstractSyntaxes: ['1.2.840.10008.1.1'],
    userIdentity: { type: 2, username: 'alice', passcode: SECRET_PASSCODE },
    passcode: SECRET_PASSCODE,
  } as AssociationEvidence['requested'];
  const evidence: Evidence[] = [
    associationEvidence({ status: 'closed', message: `peer closed while loading ${PEM_PRIVATE_KEY}` }, { requested: leakyRequest }),
    tlsEvidence({ status: 'local-error', message: `cannot use key ${PEM_PRIVATE_KEY} for client auth` }),
  ];
  return makeRun([
    makeSuite('suite-with-secrets', [
      checks.fail('leaky-fail', {
        evidence,
        verdict: verdict.fail(`leaked ${PEM_PRIVATE_KEY}`, 'no key in evidence', `observed key ${PEM_PRIVATE_KEY}`),
      }),
      checks.inconclusive('leaky-inconclusive', 'ambiguous-observation', {
        evidence,
        verdict: verdict.inconclusive('ambiguous-observation', `saw ${PEM_PRIVATE_KEY}`),
      }),
      checks.error('leaky-error', 'bug-in-harness', {
        evidence,
        verdict: verdict.error('bug-in-harness', 'crashed', { name: 'Error', message: `bad key ${PEM_PRIVATE_KEY}` }),
      }),
    ]),
  ]);
}
