import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import type { TlsHandshakeEvidence } from '../core/evidence.ts';
import type { RunningTarget, TargetEndpoints } from '../core/target.ts';
import type { Suite } from '../suite/load-suite.ts';
import { Check } from '../suite/schema.ts';
import { checkTimeLimitMs, notApplicableReason, runCheck } from './run-check.ts';

/** A check as written in a suite file (YAML-like), parsed so that defaults apply. */
function check(steps: Array<Record<string, unknown>>, extra: Record<string, unknown> = {}): Check {
  return Check.parse({
    id: 'a-check',
    title: 'a check under test',
    requirement: { level: 'shall', ref: 'PS3.15 B.12', catalogueId: 'B12-04' },
    steps,
    expect: { that: 'tls-rejected', step: (steps[0] as { as: string }).as },
    ...extra,
  });
}

const tlsStep = (as: string, params: Record<string, unknown> = {}) => ({ as, probe: 'tls.handshake', params });
const assocStep = (as: string, params: Record<string, unknown> = {}) => ({ as, probe: 'dimse.associate', params });

function suiteOf(c: Check): Suite {
  return {
    id: 'unit-suite',
    profile: { name: 'BCP 195 Non-downgrading TLS Secure Transport Connection Profile', section: 'PS3.15 B.12', edition: '2025e', status: 'current' },
    checks: [c],
    sourceFile: 'suites/unit-suite.suite.yaml',
  };
}

/** A target whose PKI and probes must not be touched unless a test says so. */
function target(endpoints: TargetEndpoints, pki?: RunningTarget['pki']): RunningTarget {
  return {
    name: 'unit-target',
    description: 'a target that is never started',
    kind: 'external',
    endpoints,
    pki: pki ?? {
      caCertPem: '',
      clientCertificate: () => {
        throw new Error('the PKI must not be used by this test');
      },
    },
    maxConnections: 1,
    stop: async () => {},
  };
}

const ctx = () => ({ signal: new AbortController().signal });
const TLS_ONLY: TargetEndpoints = { dimseTls: { host: '127.0.0.1', port: 1, calledAeTitle: 'STORESCP' } };
const PLAIN_ONLY: TargetEndpoints = { dimse: { host: '127.0.0.1', port: 1, calledAeTitle: 'STORESCP' } };

describe('notApplicableReason', function () {
  it('a check using dimse on a target with only dimseTls → a reason naming dimse', function () {
    // Given a check whose step uses the cleartext endpoint
    const c = check([assocStep('assoc', { endpoint: 'dimse' })], { expect: { that: 'association-refused', step: 'assoc' } });

    // When asked against a TLS-only target
    const reason = notApplicableReason(c, target(TLS_ONLY));

    // Then the check does not apply, and the reason says which endpoint is missing
    expect(reason).to.be.a('string');
    expect(reason).to.include('no dimse endpoint');
  });

  it('a step with no endpoint written uses dimseTls, so a cleartext-only target lacks it', function () {
    // Given a tls.handshake step that relies on the default endpoint
    const c = check([tlsStep('hello')]);

    // Then a target with only dimse is missing dimseTls
    expect(notApplicableReason(c, target(PLAIN_ONLY))).to.include('no dimseTls endpoint');
  });

  it('names each missing endpoint once, even when several steps need it', function () {
    // Given steps on both endpoints, two of them on dimse
    const c = check([tlsStep('hello'), assocStep('a1', { endpoint: 'dimse' }), assocStep('a2', { endpoint: 'dimse' })]);

    // When asked against a TLS-only target
    const reason = notApplicableReason(c, target(TLS_ONLY))!;

    // Then only dimse is named, once
    expect(reason.match(/\bdimse\b/g)).to.have.length(1);
    expect(reason).not.to.include('dimseTls');
  });

  it('a target with every endpoint the check uses → undefined (applicable)', function () {
    // Given a check on both endpoints and a target declaring both
    const c = check([tlsStep('hello'), assocStep('assoc', { endpoint: 'dimse' })]);

    // Then it applies
    expect(notApplicableReason(c, target({ ...TLS_ONLY, ...PLAIN_ONLY }))).to.equal(undefined);
  });
});

describe('checkTimeLimitMs', function () {
  it('bounds audit steps once per run of stimuli (each may wait behind all the others), however many steps read them', function () {
    // Given a check reading two stimuli, and a target whose audit window is 3 s
    const auditStep = (as: string, stimulus: string) => ({ as, probe: 'audit.capture', params: { stimulus } });
    const one = check([auditStep('a', 'store')], { expect: { that: 'audit-event-recorded', step: 'a', events: ['110104'] } });
    const two = check([auditStep('a', 'store'), auditStep('b', 'find')], { expect: { that: 'audit-messages-conform', steps: ['a', 'b'], rules: ['AUD-FMT-02'] } });
    const target = { audit: { transports: ['tls' as const], windowMs: 3000 } };

    // Then 7 stimuli × (8000 stimulus + 1000 settle + 3000 window + 10000 margin) + 5000, for one step or two
    expect(checkTimeLimitMs(one, target)).to.equal(7 * 22_000 + 5_000);
    expect(checkTimeLimitMs(two, target)).to.equal(7 * 22_000 + 5_000);
  });

  it('is the sum of step timeouts and settle times, plus 5000 ms', function () {
    // Given two handshake steps with explicit timeouts and settle times, and an association step
    const c = check([
      tlsStep('a', { timeoutMs: 1000, settleMs: 0 }),
      tlsStep('b', { timeoutMs: 2000, settleMs: 500 }),
      assocStep('c', { timeoutMs: 3000 }),
    ]);

    // Then 1000 + 2000 + 500 + 3000 + 5000
    expect(checkTimeLimitMs(c)).to.equal(11_500);
  });

  it('uses the schema defaults when a step gives none (5000 + 300 settle for tls.handshake, 8000 for dimse.associate)', function () {
    // Given steps written without any timing
    const c = check([tlsStep('hello'), assocStep('assoc')]);

    // Then 5000 + 300 + 8000 + 5000
    expect(checkTimeLimitMs(c)).to.equal(18_300);
  });
});

describe('runCheck', function () {
  this.timeout(10_000);

  it('a disabled check → status disabled with its reason, never a verdict, no probe run', async function () {
    // Given a check turned off in the suite, on a target that lacks its endpoint (skip comes first)
    const c = check([tlsStep('hello')], { skip: { reason: 'waiting for the scripted peer', until: '2025-09-01' } });

    // When run
    const record = await runCheck(suiteOf(c), c, target(PLAIN_ONLY), ctx());

    // Then it is reported as disabled, with the reason, and judged nothing
    expect(record.status).to.equal('disabled');
    expect(record.statusReason).to.include('waiting for the scripted peer').and.include('2025-09-01');
    expect(record).not.to.have.property('verdict');
    expect(record.evidence).to.deep.equal([]);
    expect(record).to.include({ suiteId: 'unit-suite', checkId: 'a-check', title: 'a check under test' });
    expect(record.requirement).to.deep.equal({ level: 'shall', ref: 'PS3.15 B.12', catalogueId: 'B12-04' });
  });

  it('a check the target cannot serve → status not-applicable with the reason, never a verdict', async function () {
    // Given a TLS check and a cleartext-only target
    const c = check([tlsStep('hello')]);

    // When run
    const record = await runCheck(suiteOf(c), c, target(PLAIN_ONLY), ctx());

    // Then it is not applicable, not passed
    expect(record.status).to.equal('not-applicable');
    expect(record.statusReason).to.include('dimseTls');
    expect(record).not.to.have.property('verdict');
  });

  it('a client certificate this run cannot make → inconclusive prerequisite-not-met, before any connection', async function () {
    // Given a target whose PKI has no CA key, and a step that needs an expired certificate
    const c = check([tlsStep('hello', { clientCertificate: 'expired' })]);
    const pki = { caCertPem: '', clientCertificate: () => ({ unavailable: 'needs the CA private key (--ca-key)' }) };

    // When run
    const record = await runCheck(suiteOf(c), c, target(TLS_ONLY, pki), ctx());

    // Then the check is judged inconclusive for the missing prerequisite, with no evidence
    expect(record.status).to.equal('judged');
    expect(record.verdict).to.include({ kind: 'inconclusive', reason: 'prerequisite-not-met' });
    expect(record.evidence).to.deep.equal([]);
  });

  it('a closed port on 127.0.0.1 → inconclusive connection-refused, with the evidence kept', async function () {
    // Given a port nothing listens on
    const server = createServer();
    const port = await new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const c = check([tlsStep('hello', { clientCertificate: 'none', timeoutMs: 2000 })]);

    // When run
    const record = await runCheck(suiteOf(c), c, target({ dimseTls: { host: '127.0.0.1', port, calledAeTitle: 'STORESCP' } }), ctx());

    // Then nothing listening is never a refusal that passes
    expect(record.verdict).to.include({ kind: 'inconclusive', reason: 'connection-refused' });
    expect(record.evidence).to.have.length(1);
    expect(record.evidence[0]).to.deep.include({ kind: 'tls-handshake', step: 'hello', endpoint: { host: '127.0.0.1', port } });
    expect((record.evidence[0] as TlsHandshakeEvidence).outcome.status).to.equal('connection-refused');
  });
});
