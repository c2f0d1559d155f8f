import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import type { CheckRecord } from '../core/run-record.ts';
import { REDACTED } from '../core/redact.ts';
import { renderSummaryJson, renderSummaryMarkdown, SummaryReporter } from './summary-reporter.ts';
import { checks, makeRun, makeSuite, mixedRun, runWithSecrets, SECRET_FRAGMENTS, SECRET_PASSCODE } from './testing/run-record-factory.ts';

const runOf = (...suiteChecks: CheckRecord[]) => makeRun([makeSuite('only-suite', suiteChecks)]);

describe('renderSummaryJson', function () {
  describe('shape', function () {
    it('has the run-level fields with their types', function () {
      // Given the mixed run
      // When summarized
      const summary = renderSummaryJson(mixedRun());

      // Then target, run and totals fields are present with stable types
      expect(summary.target).to.deep.equal({
        name: 'conformant-node',
        description: 'DCMTK storescp behind TLS',
        kind: 'container',
        endpoints: { dimseTls: { host: 'node.test', port: 2762, calledAeTitle: 'NODE' } },
      });
      expect(summary.runId).to.be.a('string');
      expect(summary.tool).to.deep.equal({ name: 'part15', version: '0.1.0' });
      expect(summary.startedAt).to.equal('2025-06-01T10:00:00.000Z');
      expect(summary.durationMs).to.be.a('number');
      expect(summary.exitCode).to.be.a('number');
      expect(summary.totals).to.deep.equal({ pass: 4, fail: 2, inconclusive: 1, error: 2, notApplicable: 1, disabled: 1 });
    });

    it('maps each suite with its profile, outcome, reason and findings', function () {
      // Given the mixed run
      const summary = renderSummaryJson(mixedRun());

      // Then each suite keeps the recorded outcome; findings list failed should/may checks only
      expect(summary.suites.map((s) => [s.id, s.outcome, s.outcomeReason, s.findings])).to.deep.equal([
        ['suite-conformant', 'conformant', 'all shall checks passed; 1 should/may finding(s)', ['static-rsa-cbc-refused']],
        ['suite-not-conformant', 'not-conformant', '1 shall check(s) failed', []],
        ['suite-incomplete', 'incomplete', '1 shall check(s) inconclusive or in error', []],
      ]);
      expect(summary.suites[0]!.profile).to.deep.equal({ name: 'Profile of suite-conformant', section: 'PS3.15 B.12', edition: '2025e', status: 'current' });
    });

    it('gives a judged check its verdict and reason, and a fail its expected/observed', function () {
      // Given the failed should check of the conformant suite
      const check = renderSummaryJson(mixedRun()).suites[0]!.checks.find((c) => c.id === 'static-rsa-cbc-refused')!;

      // Then every documented field is there, typed
      expect(check).to.include({
        id: 'static-rsa-cbc-refused',
        catalogueId: 'B12-11',
        level: 'should',
        clause: 'PS3.15 B.12',
        status: 'judged',
        verdict: 'fail',
        reason: 'requirement-not-met',
        summary: 'TLS 1.0 was accepted',
        expected: 'refused with protocol_version',
        observed: 'established TLSv1',
        isFinding: true,
        durationMs: 12,
      });
      expect(check.title).to.be.a('string');
      expect(check.evidence).to.be.an('array').with.length(1);
      expect(check.evidence[0]!.kind).to.equal('tls-handshake');
    });

    it('gives a pass no expected/observed', function () {
      // Given a passing check
      const check = renderSummaryJson(mixedRun()).suites[0]!.checks[0]!;

      // Then only the verdict fields of a pass are present
      expect(check.verdict).to.equal('pass');
      expect(check).to.not.have.property('expected');
      expect(check).to.not.have.property('observed');
    });

    it('gives a not-applicable or disabled check no verdict, and its status reason as reason', function () {
      // Given the not-applicable and disabled checks
      const [notApplicable, disabled] = renderSummaryJson(mixedRun()).suites[0]!.checks.slice(3);

      // Then status says what happened and there is no verdict key at all
      expect(notApplicable).to.include({ status: 'not-applicable', reason: 'target declares no dimseTls endpoint' });
      expect(notApplicable).to.not.have.property('verdict');
      expect(disabled).to.include({ status: 'disabled', reason: 'skip: waiting for fixture' });
      expect(disabled).to.not.have.property('verdict');
    });

    it('carries the serialized cause of an error verdict', function () {
      // Given the error check with a HarnessError cause
      const check = renderSummaryJson(mixedRun()).suites[1]!.checks[1]!;

      // Then the cause is kept as data
      expect(check).to.include({ verdict: 'error', reason: 'fixture-missing' });
      expect(check.error).to.deep.equal({ name: 'HarnessError', message: 'expired.pem not found', code: 'ERR_FIXTURE_MISSING' });
    });

    it('survives a JSON round trip unchanged (plain data only)', function () {
      // Given the summary of the mixed run
      const summary = renderSummaryJson(mixedRun());

      // Then serializing and parsing it gives the same object
      expect(JSON.parse(JSON.stringify(summary))).to.deep.equal(summary);
    });
  });

  describe('exitCode', function () {
    const cases: Array<[string, CheckRecord[], number]> = [
      ['all pass', [checks.pass('a'), checks.pass('b')], 0],
      ['only not-applicable and disabled', [checks.notApplicable('a'), checks.disabled('b')], 0],
      ['a fail', [checks.pass('a'), checks.fail('b')], 1],
      ['an error', [checks.error('a')], 2],
      ['an inconclusive', [checks.inconclusive('a')], 4],
      ['fail + inconclusive', [checks.fail('a'), checks.inconclusive('b')], 5],
      ['error + inconclusive', [checks.error('a'), checks.inconclusive('b')], 6],
      ['fail + error + inconclusive', [checks.fail('a'), checks.error('b'), checks.inconclusive('c')], 7],
      ['a failed should check (a finding still fails the exit code)', [checks.pass('a'), checks.fail('b', { requirement: { level: 'should' } })], 1],
    ];
    for (const [name, suiteChecks, expected] of cases) {
      it(`is ${expected} for ${name}`, function () {
        // Given a run with these verdicts
        // When summarized
        const { exitCode } = renderSummaryJson(runOf(...suiteChecks));

        // Then the bitmask ORs fail=1, error=2, inconclusive=4
        expect(exitCode).to.equal(expected);
      });
    }
  });

  describe('secrets', function () {
    it('redacts a passcode field and PEM private keys everywhere in the document', function () {
      // Given evidence and verdicts carrying secrets
      const summary = renderSummaryJson(runWithSecrets());
      const text = JSON.stringify(summary);

      // Then no fragment survives, and the passcode field is replaced, not dropped
      for (const secret of SECRET_FRAGMENTS) expect(text).to.not.include(secret);
      const leakyAssociation = summary.suites[0]!.checks[0]!.evidence[0] as unknown as { requested: { passcode: string } };
      expect(leakyAssociation.requested.passcode).to.equal(REDACTED);
      expect(text).to.not.include(SECRET_PASSCODE);
    });
  });
});

describe('renderSummaryMarkdown', function () {
  it('writes the Security → Security Profiles headings and the observation disclaimer', function () {
    // Given the mixed run
    const md = renderSummaryMarkdown(mixedRun());

    // Then the PS3.2-style headings and the header block are present
    expect(md).to.match(/^## Security$/m);
    expect(md).to.match(/^### Security Profiles$/m);
    expect(md).to.include('| Target | conformant-node |');
    expect(md).to.include('| Run id | run-0001 |');
    expect(md).to.include('| Tool | part15 0.1.0 |');
    expect(md).to.include('not a conformance claim by the product\'s vendor');
  });

  it('has one profile table row per suite with the support wording of its outcome', function () {
    // Given suites that are conformant, not conformant and incomplete
    const md = renderSummaryMarkdown(mixedRun());

    // Then each row reads as a Conformance Statement would, with the basis
    expect(md).to.include('| Profile of suite-conformant | PS3.15 B.12 | current | Supported (conformant) | all shall checks passed; 1 should/may finding(s) |');
    expect(md).to.include('| Profile of suite-not-conformant | PS3.15 B.12 | current | Not supported (not conformant) | 1 shall check(s) failed |');
    expect(md).to.include('| Profile of suite-incomplete | PS3.15 B.12 | current | Not established (incomplete) | 1 shall check(s) inconclusive or in error |');
  });

  it('lists findings, not-established and not-applicable checks apart, per profile', function () {
    // Given the mixed run
    const md = renderSummaryMarkdown(mixedRun());
    const conformantSection = md.slice(md.indexOf('#### Profile of suite-conformant'), md.indexOf('#### Profile of suite-not-conformant'));
    const incompleteSection = md.slice(md.indexOf('#### Profile of suite-incomplete'));

    // Then the failed should check is a finding, and open checks carry their reasons
    expect(conformantSection).to.match(/##### Findings \(should\/may not met\)\n\n- `static-rsa-cbc-refused` \(should/);
    expect(conformantSection).to.match(/##### Not applicable\n\n- `plaintext-refused-on-tls-port`: target declares no dimseTls endpoint/);
    expect(incompleteSection).to.include('- `tls11-refused` (shall): inconclusive, ambiguous-observation: no answer within 5000 ms');
    expect(incompleteSection).to.include('- `optional-thing` (may): error, bug-in-harness:');
  });

  it('shows each check in the profile\'s checks table with clause, level and verdict or status', function () {
    // Given the mixed run
    const md = renderSummaryMarkdown(mixedRun());

    // Then rows name the verdict for judged checks and the status otherwise
    expect(md).to.include('| `tls12-accepted` TLS 1.2 is accepted | PS3.15 B.12 (servers shall support TLS 1.2) | shall | pass | as required |');
    expect(md).to.include('| `plaintext-refused-on-tls-port` title of plaintext-refused-on-tls-port | PS3.15 B.12 | shall | not-applicable | target declares no dimseTls endpoint |');
  });

  it('escapes | in table cells and keeps each row on one line', function () {
    // Given a title and clause with pipes and a newline
    const md = renderSummaryMarkdown(runOf(checks.pass('piped', { title: 'a | b\nc', requirement: { ref: 'x|y' } })));

    // Then the pipes are escaped and the row is a single line with five cells
    const row = md.split('\n').find((line) => line.startsWith('| `piped`'))!;
    expect(row).to.equal('| `piped` a \\| b c | x\\|y | shall | pass | as required |');
  });

  it('never writes a passcode or a private key', function () {
    // Given a run whose evidence and verdicts carry secrets
    const md = renderSummaryMarkdown(runWithSecrets());

    // Then none appears
    for (const secret of SECRET_FRAGMENTS) expect(md).to.not.include(secret);
  });
});

describe('SummaryReporter', function () {
  let dir: string;

  beforeEach(async function () {
    dir = await mkdtemp(join(tmpdir(), 'part15-summary-'));
  });

  afterEach(async function () {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes summary.json (2-space JSON) and summary.md at run end', async function () {
    // Given a reporter writing into a directory that does not exist yet
    const out = join(dir, 'reports');
    const run = mixedRun();

    // When the run ends
    await new SummaryReporter(out).onRunEnd(run);

    // Then both files hold the rendered documents
    const json = await readFile(join(out, 'summary.json'), 'utf8');
    expect(json.startsWith('{\n  "schemaVersion": 1,')).to.equal(true);
    expect(JSON.parse(json)).to.deep.equal(renderSummaryJson(run));
    expect(await readFile(join(out, 'summary.md'), 'utf8')).to.equal(renderSummaryMarkdown(run));
  });
});
