import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { verdict } from '../core/verdict.ts';
import { JUnitReporter, renderJUnit } from './junit-reporter.ts';
import {
  associationEvidence,
  associationRejected,
  checks,
  makeRun,
  makeSuite,
  mixedRun,
  protocolVersionRejected,
  runWithSecrets,
  SECRET_FRAGMENTS,
  tlsEvidence,
} from './testing/run-record-factory.ts';

interface ParsedProperty { name: string; value: string }
interface ParsedOutcome { type?: string; message?: string; '#text'?: string }
interface ParsedTestCase {
  classname: string;
  name: string;
  time: string;
  properties: { property: ParsedProperty[] };
  failure?: ParsedOutcome;
  error?: ParsedOutcome;
  skipped?: ParsedOutcome;
  'system-out'?: string;
}
interface ParsedTestSuite { name: string; tests: string; failures: string; errors: string; skipped: string; time: string; timestamp: string; testcase: ParsedTestCase[] }
interface ParsedReport { testsuites: { name: string; tests: string; failures: string; errors: string; skipped: string; testsuite: ParsedTestSuite[] } }

function parseJUnit(xml: string): ParsedReport {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    // Numeric character references (&#10;) decoded as a CI tool would.
    htmlEntities: true,
    parseTagValue: false,
    isArray: (name) => ['testsuite', 'testcase', 'property'].includes(name),
  });
  return parser.parse(xml) as ParsedReport;
}

function suiteNamed(report: ParsedReport, name: string): ParsedTestSuite {
  const suite = report.testsuites.testsuite.find((s) => s.name === name);
  expect(suite, `testsuite ${name}`).to.not.equal(undefined);
  return suite!;
}

function caseNamed(suite: ParsedTestSuite, checkId: string): ParsedTestCase {
  const testcase = suite.testcase.find((c) => c.name.startsWith(`${checkId}: `));
  expect(testcase, `testcase ${checkId}`).to.not.equal(undefined);
  return testcase!;
}

function propertiesOf(testcase: ParsedTestCase): Record<string, string> {
  return Object.fromEntries(testcase.properties.property.map((p) => [p.name, p.value]));
}

describe('renderJUnit', function () {
  describe('counts', function () {
    it('gives each suite its own failures, errors and skipped counts', function () {
      // Given a run with three suites covering every verdict and status
      const xml = renderJUnit(mixedRun());

      // When the XML is parsed
      const report = parseJUnit(xml);

      // Then each testsuite counts its own checks; inconclusive, not-applicable and disabled are skipped
      const counts = report.testsuites.testsuite.map((s) => [s.name, s.tests, s.failures, s.errors, s.skipped]);
      expect(counts).to.deep.equal([
        ['suite-conformant', '5', '1', '0', '2'],
        ['suite-not-conformant', '3', '1', '1', '0'],
        ['suite-incomplete', '3', '0', '1', '1'],
      ]);
    });

    it('puts the run totals and the target name on <testsuites>', function () {
      // Given the mixed run
      // When rendered and parsed
      const root = parseJUnit(renderJUnit(mixedRun())).testsuites;

      // Then the root carries the totals over every suite
      expect([root.name, root.tests, root.failures, root.errors, root.skipped]).to.deep.equal(['part15 conformant-node', '11', '2', '2', '3']);
    });

    it('writes times in seconds and the suite timestamp', function () {
      // Given the mixed run (each judged check takes 12 ms, non-judged 0 ms)
      const suite = suiteNamed(parseJUnit(renderJUnit(mixedRun())), 'suite-not-conformant');

      // Then the suite time is the sum in seconds and each testcase has its own time
      expect(suite.time).to.equal('0.036');
      expect(suite.timestamp).to.equal('2025-06-01T10:00:00.000Z');
      expect(suite.testcase.map((c) => c.time)).to.deep.equal(['0.012', '0.012', '0.012']);
    });

    it('writes a well-formed document for a run with no suites', function () {
      // Given a run that selected nothing
      const xml = renderJUnit(makeRun([]));

      // Then it still validates and reports zero tests
      expect(XMLValidator.validate(xml)).to.equal(true);
      expect(parseJUnit(xml).testsuites.tests).to.equal('0');
    });
  });

  describe('element per verdict', function () {
    const report = () => parseJUnit(renderJUnit(mixedRun()));

    it('writes nothing but properties and evidence for a pass', function () {
      // Given a passing check
      const testcase = caseNamed(suiteNamed(report(), 'suite-conformant'), 'tls12-accepted');

      // Then there is no failure, error or skipped element
      expect(testcase.failure).to.equal(undefined);
      expect(testcase.error).to.equal(undefined);
      expect(testcase.skipped).to.equal(undefined);
      expect(testcase.classname).to.equal('suite-conformant');
      expect(testcase.name).to.equal('tls12-accepted: TLS 1.2 is accepted');
    });

    it('writes <failure type="fail"> with expected and observed for a fail', function () {
      // Given a failed shall check
      const testcase = caseNamed(suiteNamed(report(), 'suite-not-conformant'), 'tls10-refused');

      // Then the failure carries the summary as message and expected/observed as text
      expect(testcase.failure).to.deep.equal({
        type: 'fail',
        message: 'TLS 1.0 was accepted',
        '#text': 'expected: refused with protocol_version\nobserved: established TLSv1',
      });
      expect(testcase.error).to.equal(undefined);
    });

    it('writes <error type="{reason}"> for an error, never <failure>', function () {
      // Given a check the harness could not run
      const testcase = caseNamed(suiteNamed(report(), 'suite-not-conformant'), 'expired-client-certificate-refused');

      // Then it is an error typed by its reason, with the serialized cause as text
      expect(testcase.error?.type).to.equal('fixture-missing');
      expect(testcase.error?.message).to.equal('client certificate file is missing');
      expect(testcase.error?.['#text']).to.equal('HarnessError [ERR_FIXTURE_MISSING]: expired.pem not found');
      expect(testcase.failure).to.equal(undefined);
    });

    it('writes <skipped> with "inconclusive: reason: summary" for an inconclusive check', function () {
      // Given an inconclusive check
      const testcase = caseNamed(suiteNamed(report(), 'suite-incomplete'), 'tls11-refused');

      // Then it is skipped (never passed) and the message names the reason
      expect(testcase.skipped?.message).to.equal('inconclusive: ambiguous-observation: no answer within 5000 ms');
      expect(testcase.failure).to.equal(undefined);
      expect(testcase.error).to.equal(undefined);
    });

    it('writes <skipped> with the status reason for not-applicable and disabled checks', function () {
      // Given a not-applicable and a disabled check
      const suite = suiteNamed(report(), 'suite-conformant');

      // Then each is skipped with its status word first
      expect(caseNamed(suite, 'plaintext-refused-on-tls-port').skipped?.message).to.equal('not-applicable: target declares no dimseTls endpoint');
      expect(caseNamed(suite, 'client-certificate-required').skipped?.message).to.equal('disabled: skip: waiting for fixture');
    });
  });

  describe('properties', function () {
    it('lists suite, check, catalogueId, level, clause, status, verdict and reason for a judged check', function () {
      // Given a failed should check
      const testcase = caseNamed(suiteNamed(parseJUnit(renderJUnit(mixedRun())), 'suite-conformant'), 'static-rsa-cbc-refused');

      // Then its properties identify the requirement and the verdict
      expect(propertiesOf(testcase)).to.deep.equal({
        suite: 'suite-conformant',
        check: 'static-rsa-cbc-refused',
        catalogueId: 'B12-11',
        level: 'should',
        clause: 'PS3.15 B.12',
        status: 'judged',
        verdict: 'fail',
        reason: 'requirement-not-met',
      });
    });

    it('gives a non-judged check its status and status reason, and no verdict', function () {
      // Given a not-applicable check
      const testcase = caseNamed(suiteNamed(parseJUnit(renderJUnit(mixedRun())), 'suite-conformant'), 'plaintext-refused-on-tls-port');

      // Then there is no verdict property: not-applicable is not a verdict
      const properties = propertiesOf(testcase);
      expect(properties.status).to.equal('not-applicable');
      expect(properties.reason).to.equal('target declares no dimseTls endpoint');
      expect(properties).to.not.have.property('verdict');
    });
  });

  describe('evidence digest in <system-out>', function () {
    it('writes one line per evidence with TLS version, cipher and alert name', function () {
      // Given a check with an established and a rejected handshake
      const run = makeRun([
        makeSuite('s', [checks.pass('two-handshakes', { evidence: [tlsEvidence({ status: 'established', version: 'TLSv1.3', cipher: 'TLS_AES_128_GCM_SHA256', cipherOpenssl: 'TLS_AES_128_GCM_SHA256', peerChain: [], peerVerified: true }), tlsEvidence(protocolVersionRejected)] })]),
      ]);

      // When rendered
      const lines = caseNamed(suiteNamed(parseJUnit(renderJUnit(run)), 's'), 'two-handshakes')['system-out']!.split('\n');

      // Then each handshake has its own line naming endpoint, version/cipher or alert
      expect(lines).to.have.length(2);
      expect(lines[0]).to.include('tls-handshake').and.include('node.test:2762').and.include('established TLSv1.3 TLS_AES_128_GCM_SHA256');
      expect(lines[1]).to.include('rejected alert protocol_version(70)');
    });

    it('writes the association result, source and reason', function () {
      // Given an association rejected by the service-user
      const run = makeRun([makeSuite('s', [checks.fail('assoc', { evidence: [associationEvidence(associationRejected)] })])]);

      // When rendered
      const out = caseNamed(suiteNamed(parseJUnit(renderJUnit(run)), 's'), 'assoc')['system-out']!;

      // Then the digest names the reject codes with their texts
      expect(out).to.include('association [assoc]');
      expect(out).to.include('rejected result=1 (rejected-permanent) source=1 (DICOM UL service-user) reason=3 (calling-AE-title-not-recognized)');
    });

    it('leaves <system-out> out when there is no evidence', function () {
      // Given the error check, which has no evidence
      const testcase = caseNamed(suiteNamed(parseJUnit(renderJUnit(mixedRun())), 'suite-not-conformant'), 'expired-client-certificate-refused');

      // Then there is no system-out element
      expect(testcase['system-out']).to.equal(undefined);
    });
  });

  describe('escaping', function () {
    const nasty = `a <b> & "c" 'd' ]]> e`;

    it('escapes < & " \' in attributes and text so the document stays well-formed', function () {
      // Given a check whose title, summary, expected and observed contain XML metacharacters
      const run = makeRun([makeSuite('s', [checks.fail('meta', { title: nasty, verdict: verdict.fail(nasty, nasty, nasty) })])]);

      // When rendered
      const xml = renderJUnit(run);

      // Then it validates, and the parser gets the original text back
      expect(XMLValidator.validate(xml)).to.equal(true);
      const testcase = caseNamed(suiteNamed(parseJUnit(xml), 's'), 'meta');
      expect(testcase.name).to.equal(`meta: ${nasty}`);
      expect(testcase.failure?.message).to.equal(nasty);
      expect(testcase.failure?.['#text']).to.equal(`expected: ${nasty}\nobserved: ${nasty}`);
    });

    it('drops characters XML 1.0 cannot carry (control characters, lone surrogates)', function () {
      // Given text with a NUL, an ESC, a vertical tab and a lone surrogate from a hostile peer
      const dirty = 'ok\u0000 \u001b[31mred\u000b \ud800end';
      const run = makeRun([makeSuite('s', [checks.inconclusive('dirty', 'ambiguous-observation', { title: dirty, verdict: verdict.inconclusive('ambiguous-observation', dirty) })])]);

      // When rendered
      const xml = renderJUnit(run);

      // Then none of them is in the output and the document validates
      expect(xml).to.not.match(/[\u0000\u001b\u000b\ud800]/);
      expect(XMLValidator.validate(xml)).to.equal(true);
      expect(caseNamed(suiteNamed(parseJUnit(xml), 's'), 'dirty').name).to.equal('dirty: ok [31mred end');
    });

    it('keeps a newline in an attribute as a character reference', function () {
      // Given a summary over two lines
      const run = makeRun([makeSuite('s', [checks.fail('nl', { verdict: verdict.fail('line one\nline two', 'x', 'y') })])]);

      // When rendered
      const xml = renderJUnit(run);

      // Then the attribute holds &#10; and a parser restores the newline
      expect(xml).to.include('message="line one&#10;line two"');
      expect(caseNamed(suiteNamed(parseJUnit(xml), 's'), 'nl').failure?.message).to.equal('line one\nline two');
    });
  });

  describe('secrets', function () {
    it('never writes a passcode or a private key found in evidence or verdict text', function () {
      // Given evidence with a passcode field and a PEM private key, and verdicts quoting the key
      const xml = renderJUnit(runWithSecrets());

      // Then no fragment of either appears in the XML
      for (const secret of SECRET_FRAGMENTS) expect(xml).to.not.include(secret);
      expect(xml).to.include('[redacted]');
    });
  });
});

describe('JUnitReporter', function () {
  let dir: string;

  beforeEach(async function () {
    dir = await mkdtemp(join(tmpdir(), 'part15-junit-'));
  });

  afterEach(async function () {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes renderJUnit(run) to the output file at run end, creating its directory', async function () {
    // Given a reporter pointed at a file in a directory that does not exist yet
    const file = join(dir, 'nested', 'junit.xml');
    const run = mixedRun();

    // When the run ends
    await new JUnitReporter(file).onRunEnd(run);

    // Then the file holds exactly the rendered report
    expect(await readFile(file, 'utf8')).to.equal(renderJUnit(run));
  });
});
