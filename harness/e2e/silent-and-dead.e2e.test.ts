/**
 * End to end, through the real CLI as a child process: a node that never answers and a port where
 * nothing listens must come out inconclusive on every check — never pass — with exit code 4, and
 * every report must say the same. Peers that close or reset at once must not pass either.
 *
 * Timing: silence costs every step its whole timeout, so the silent run caps each probe at 1 s
 * (--probe-timeout 1000) and runs 8 checks at once (--max-connections 8): about
 * steps × 1 s / 8. The other runs take 1-3 s each.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { XMLParser } from 'fast-xml-parser';
import { deadPort, startScriptedPeer, type ScriptedBehaviour, type ScriptedPeer } from '../../fixtures/peers/scripted-peer.ts';
import { makeOpensslPki, type OpensslPki } from './testing/openssl-pki.ts';
import { runCli, type CliResult } from './testing/run-cli.ts';
import type { SummaryCheck, SummaryJson } from '../report/summary-reporter.ts';
import { loadAllSuites } from '../suite/load-suite.ts';
import type { Check } from '../suite/schema.ts';
import { notApplicableReason } from '../run/run-check.ts';

/** The silent run is bounded by steps × 1 s / 8 (about 25 s for 9 suites); this is the bound it is held to. */
const SILENT_RUN_BUDGET_MS = 60_000;
const QUICK_RUN_BUDGET_MS = 30_000;

const part15 = (args: string[], timeoutMs: number) => runCli(args, timeoutMs);


function runArgs(pki: OpensslPki, port: number, reportDir: string): string[] {
  return ['run', '--dimse-tls', `127.0.0.1:${port}`, '--called-ae', 'PEER', '--ca', pki.ca, '--client-cert', pki.clientCert, '--client-key', pki.clientKey, '--ca-key', pki.caKey,
    '--report-dir', reportDir, '--probe-timeout', '1000', '--max-connections', '8'];
}

function readSummary(reportDir: string): SummaryJson {
  return JSON.parse(readFileSync(join(reportDir, 'summary.json'), 'utf8')) as SummaryJson;
}

const allSummaryChecks = (s: SummaryJson): Array<SummaryCheck & { suite: string }> => s.suites.flatMap((suite) => suite.checks.map((c) => ({ ...c, suite: suite.id })));

interface JUnitCounts {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
}

/** Root and per-suite counts of junit.xml, plus how many <testcase> carry <skipped>/<failure>/<error>. */
function readJUnit(reportDir: string) {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', isArray: (name) => ['testsuite', 'testcase', 'property'].includes(name) });
  const doc = parser.parse(readFileSync(join(reportDir, 'junit.xml'), 'utf8'));
  const counts = (el: Record<string, string>): JUnitCounts => ({ tests: Number(el['@_tests']), failures: Number(el['@_failures']), errors: Number(el['@_errors']), skipped: Number(el['@_skipped']) });
  const suites = doc.testsuites.testsuite as Array<Record<string, unknown>>;
  const cases = suites.flatMap((s) => (s.testcase ?? []) as Array<Record<string, unknown>>);
  return {
    root: counts(doc.testsuites),
    suites: suites.map((s) => ({ name: String(s['@_name']), ...counts(s as Record<string, string>) })),
    cases: cases.length,
    skippedCases: cases.filter((c) => 'skipped' in c).length,
    failureCases: cases.filter((c) => 'failure' in c).length,
    errorCases: cases.filter((c) => 'error' in c).length,
  };
}

describe('e2e: a silent peer and a dead port are inconclusive on every check, never pass', function () {
  const suites = loadAllSuites();
  // Checks turned off in the suite files (`skip:`), and slow ones (run only with --include-slow),
  // are reported as disabled and probe nothing.
  const isEnabled = (c: { skip?: unknown; slow?: boolean }) => c.skip === undefined && c.slow !== true;
  // The JWT checks need an issuer key the target declares; a node given by flags declares none, so
  // they are not applicable and probe nothing.
  // they are not applicable and probe nothing; so are the checks aimed at a cleartext port (the node
  // is given with --dimse-tls only), at a web port, and the audit checks (it declares no audit).
  const needsJwt = (c: Check) => c.steps.some((st) => st.probe === 'dimse.user-identity' && st.params.identity !== 'none' && (st.params.identity.type === 5 || st.params.identity.token !== undefined));
  const TLS_ONLY = { endpoints: { dimseTls: { host: '127.0.0.1', port: 1, calledAeTitle: 'X' } } };
  const needsAudit = (c: Check) => c.steps.some((st) => st.probe === 'audit.capture');
  const notApplicable = (c: Check) => needsJwt(c) || needsAudit(c) || notApplicableReason(c, TLS_ONLY) !== undefined;
  const enabled = (c: Check) => isEnabled(c) && !notApplicable(c);
  const checkCount = suites.reduce((n, s) => n + s.checks.filter(enabled).length, 0);
  const disabledCount = suites.reduce((n, s) => n + s.checks.filter((c) => !isEnabled(c)).length, 0);
  const notApplicableCount = suites.reduce((n, s) => n + s.checks.filter((c) => isEnabled(c) && notApplicable(c)).length, 0);
  /** Steps aimed at the declared port (the exposure suite also knocks on ports 104 and 11112 of the same host). */
  const atDeclaredPort = (step: { params: object }) => !('port' in step.params) || step.params.port === undefined;
  const stepCount = suites.reduce((n, s) => n + s.checks.filter(enabled).reduce((m, c) => m + c.steps.filter(atDeclaredPort).length, 0), 0);
  /** Ports the suites aim at beyond the declared one (nothing listens there: connection refused). */
  const otherPorts = new Set(suites.flatMap((s) => s.checks.flatMap((c) => c.steps.map((st) => ('port' in st.params ? st.params.port : undefined)))).filter((p) => p !== undefined));
  const atPeer = (e: { endpoint: { port: number } }) => !otherPorts.has(e.endpoint.port);
  let pki: OpensslPki;
  const tempDirs: string[] = [];
  const reportDirFor = (label: string) => {
    const dir = mkdtempSync(join(tmpdir(), `part15-e2e-${label}-`));
    tempDirs.push(dir);
    return dir;
  };

  before(function () {
    this.timeout(60_000);
    pki = makeOpensslPki();
  });

  after(function () {
    if (pki) rmSync(pki.dir, { recursive: true, force: true });
    for (const d of tempDirs) rmSync(d, { recursive: true, force: true });
  });

  /** The shared assertions of (a) and (b): exit 4, every check inconclusive with one reason, reports agree. */
  function itIsInconclusiveEverywhere(reason: 'no-response' | 'connection-refused', get: () => { result: CliResult; reportDir: string }) {
    it('exits with exactly 4 (inconclusive only)', function () {
      // Given the run above; Then the exit code is the inconclusive bit alone
      const { result } = get();
      expect(result.signal, `killed: ${result.stderr.slice(-2000)}`).to.equal(null);
      expect(result.code, result.stderr.slice(-2000)).to.equal(4);
    });

    it(`summary.json: every check of every suite is judged inconclusive with reason ${reason}; no pass anywhere`, function () {
      // When summary.json is read
      const summary = readSummary(get().reportDir);
      const checks = allSummaryChecks(summary);
      // Then every check is there; the disabled ones say so, every other one is inconclusive for the one reason
      expect(checks).to.have.length(checkCount + disabledCount + notApplicableCount);
      expect(checks.filter((c) => c.status === 'not-applicable')).to.have.length(notApplicableCount);
      // The audit suites say why they do not apply: the target declares no audit support
      const auditChecks = checks.filter((c) => (c.suite === 'audit-trail' || c.suite === 'ihe-atna-audit') && c.status === 'not-applicable');
      expect(auditChecks.length).to.be.at.least(30);
      for (const c of auditChecks) expect(c.reason, `${c.suite}/${c.id}`).to.include('declares no audit support');
      expect(checks.filter((c) => c.status === 'disabled').every((c) => typeof c.reason === 'string' && c.reason.length > 0)).to.equal(true);
      for (const c of checks.filter((x) => x.status !== 'disabled' && x.status !== 'not-applicable')) {
        expect({ id: `${c.suite}/${c.id}`, status: c.status, verdict: c.verdict, reason: c.reason }).to.deep.equal({
          id: `${c.suite}/${c.id}`,
          status: 'judged',
          verdict: 'inconclusive',
          reason,
        });
      }
      expect(checks.filter((c) => c.verdict === 'pass')).to.deep.equal([]);
      expect(summary.totals).to.deep.equal({ pass: 0, fail: 0, inconclusive: checkCount, error: 0, notApplicable: notApplicableCount, disabled: disabledCount });
      expect(summary.exitCode).to.equal(4);
      // (a suite with nothing judged — all disabled, like B.6/B.7 — has no shall check applied: not-conformant)
      for (const s of summary.suites) expect(s.outcome, s.id).to.equal(s.checks.some((c) => c.status === 'judged') ? 'incomplete' : 'not-conformant');
      // And the evidence under each verdict says the same as the verdict
      for (const c of checks.filter((x) => x.status !== 'disabled' && x.status !== 'not-applicable')) {
        expect(c.evidence.length, c.id).to.be.greaterThan(0);
        for (const e of c.evidence.filter(atPeer)) expect('outcome' in e ? e.outcome.status : e.kind, `${c.id}/${e.step}`).to.equal(reason);
      }
    });

    it('junit.xml: every check is skipped; no failure, no error', function () {
      // When junit.xml is parsed
      const junit = readJUnit(get().reportDir);
      // Then the root and every suite count every check as skipped, and nothing else
      // (disabled checks are skipped too, with their reason)
      const all = checkCount + disabledCount + notApplicableCount;
      expect(junit.root).to.deep.equal({ tests: all, failures: 0, errors: 0, skipped: all });
      expect(junit.cases).to.equal(all);
      expect(junit.skippedCases).to.equal(all);
      expect(junit.failureCases).to.equal(0);
      expect(junit.errorCases).to.equal(0);
      for (const s of junit.suites) expect(s.skipped, s.name).to.equal(s.tests);
      expect(junit.suites.map((s) => s.name)).to.have.members(suites.map((s) => s.id));
    });
  }

  describe('(a) a peer that accepts TCP and never answers', function () {
    this.timeout(SILENT_RUN_BUDGET_MS + 30_000);
    let peer: ScriptedPeer;
    let result: CliResult;
    let reportDir: string;

    before(async function () {
      // Given a peer that accepts, reads and never writes
      peer = await startScriptedPeer('silent');
      reportDir = reportDirFor('silent');
      // When part15 runs every suite against it as an external DICOM TLS node
      result = await part15(runArgs(pki, peer.port, reportDir), SILENT_RUN_BUDGET_MS + 20_000);
    });

    after(async function () {
      await peer?.close();
    });

    itIsInconclusiveEverywhere('no-response', () => ({ result, reportDir }));

    it(`stays bounded: the whole run ends within ${SILENT_RUN_BUDGET_MS / 1000} s`, function () {
      // Then silence costs each step its capped timeout, no more
      expect(result.ms).to.be.below(SILENT_RUN_BUDGET_MS);
      const summary = readSummary(reportDir);
      for (const c of allSummaryChecks(summary)) {
        for (const e of c.evidence.filter(atPeer)) {
          expect('outcome' in e ? e.outcome.status : e.kind).to.equal('no-response');
          // the probe gave up at its capped step timeout (--probe-timeout 1000), not much later
          expect(e.durationMs, `${c.id}/${e.step}`).to.be.within(900, 3_000);
        }
      }
    });

    it('really reached the peer: one TCP connection per probe step', function () {
      // Then silence was observed on a real connection, not assumed
      expect(peer.connections).to.equal(stepCount);
    });
  });

  describe('(b) a dead port (nothing listens)', function () {
    this.timeout(QUICK_RUN_BUDGET_MS + 30_000);
    let result: CliResult;
    let reportDir: string;

    before(async function () {
      // Given a port that was free a moment ago
      const port = await deadPort();
      reportDir = reportDirFor('dead');
      // When part15 runs every suite against it
      result = await part15(runArgs(pki, port, reportDir), QUICK_RUN_BUDGET_MS);
    });

    itIsInconclusiveEverywhere('connection-refused', () => ({ result, reportDir }));
  });

  /**
   * (c) Peers that end the connection at once. Nothing may pass on them. The strict-TLS check
   * (plaintext-refused-on-tls-port) once passed here, since a port that closes on everything
   * closes on cleartext too; it now also needs the same port to complete a TLS handshake.
   */
  for (const behaviour of ['reset', 'close-immediately'] as const satisfies readonly ScriptedBehaviour[]) {
    describe(`(c) a peer that accepts and then ${behaviour === 'reset' ? 'resets (RST)' : 'closes (FIN)'} at once`, function () {
      this.timeout(QUICK_RUN_BUDGET_MS + 30_000);
      let peer: ScriptedPeer;
      let result: CliResult;
      let reportDir: string;

      before(async function () {
        // Given a peer that ends every connection as soon as it is accepted
        peer = await startScriptedPeer(behaviour);
        reportDir = reportDirFor(behaviour);
        // When part15 runs every suite against it
        result = await part15(runArgs(pki, peer.port, reportDir), QUICK_RUN_BUDGET_MS);
      });

      after(async function () {
        await peer?.close();
      });

      it('no check passes, and none ends in error', function () {
        const checks = allSummaryChecks(readSummary(reportDir)).filter((c) => c.status !== 'disabled' && c.status !== 'not-applicable');
        expect(checks).to.have.length(checkCount);
        // Then nothing passes on a peer that never spoke TLS
        const passed = checks.filter((c) => c.verdict === 'pass').map((c) => `${c.suite}/${c.id}`);
        expect(passed).to.deep.equal([]);
        // And every check is judged (the harness itself did not fail)
        for (const c of checks) {
          expect(c.status, c.id).to.equal('judged');
          expect(c.verdict, c.id).to.be.oneOf(['fail', 'inconclusive']);
        }
      });

      it('the verdicts are the observed ones: TLS refusals without an alert decide nothing, "accepted" checks fail', function () {
        const byId = new Map(allSummaryChecks(readSummary(reportDir)).map((c) => [c.id, c]));
        // Then a refusal-expecting TLS check sees a bare close/reset: ambiguous, not a pass
        for (const id of ['tls10-refused', 'tls11-refused', 'null-cipher-refused', 'static-rsa-cbc-refused', 'client-certificate-required', 'expired-client-certificate-refused', 'unknown-ca-client-certificate-refused', 'tls13-preferred-when-supported']) {
          if (!byId.has(id)) continue;
          expect([byId.get(id)!.verdict, byId.get(id)!.reason], id).to.deep.equal(['inconclusive', 'ambiguous-observation']);
        }
        // And a certificate check has no certificate to judge, nor a closed cleartext connection any strict TLS to show
        for (const id of ['server-rsa-key-at-least-2048', 'server-certificate-not-sha1-signed', 'plaintext-refused-on-tls-port']) {
          if (!byId.has(id)) continue;
          expect([byId.get(id)!.verdict, byId.get(id)!.reason], id).to.deep.equal(['inconclusive', 'prerequisite-not-met']);
        }
        // And a check that needs the handshake to succeed fails
        for (const id of ['tls12-accepted', 'ecdhe-rsa-aes128-gcm-accepted', 'ecdhe-rsa-aes256-gcm-accepted', 'echo-inside-tls']) {
          if (!byId.has(id)) continue;
          expect([byId.get(id)!.verdict, byId.get(id)!.reason], id).to.deep.equal(['fail', 'requirement-not-met']);
        }
      });

      it('cannot come out conformant: exit code carries the fail bit, every suite is not-conformant', function () {
        const summary = readSummary(reportDir);
        expect(result.signal).to.equal(null);
        expect(result.code).to.equal(summary.exitCode);
        expect(result.code! & 1, `exit ${result.code}`).to.equal(1);
        expect(result.code! & 2, `exit ${result.code}`).to.equal(0);
        // (a suite whose only checks stay inconclusive is incomplete; none may be conformant)
        for (const s of summary.suites) expect(s.outcome, s.id).to.be.oneOf(['not-conformant', 'incomplete']);
        expect(peer.connections).to.equal(stepCount);
      });
    });
  }

  describe('(d) a peer that answers with HTTP (neither TLS nor DICOM)', function () {
    this.timeout(QUICK_RUN_BUDGET_MS + 30_000);
    let peer: ScriptedPeer;
    let result: CliResult;
    let reportDir: string;

    before(async function () {
      // Given a peer that answers the first bytes with "HTTP/1.1 400 Bad Request"
      peer = await startScriptedPeer('garbage');
      reportDir = reportDirFor('garbage');
      // When part15 runs every suite against it
      result = await part15(runArgs(pki, peer.port, reportDir), QUICK_RUN_BUDGET_MS);
    });

    after(async function () {
      await peer?.close();
    });

    it('every TLS check fails with "not TLS", and nothing passes', function () {
      const checks = allSummaryChecks(readSummary(reportDir));
      // Then the TLS checks see not-tls and fail
      for (const c of checks.filter((x) => x.evidence.length > 0 && x.evidence.every((e) => e.kind === 'tls-handshake'))) {
        expect([c.verdict, c.evidence.map((e) => ('outcome' in e ? e.outcome.status : e.kind))], c.id).to.deep.equal(['fail', c.evidence.map(() => 'not-tls')]);
      }
      // And no check passes: no DICOM PDU came back, but the port showed no TLS either
      const passed = checks.filter((c) => c.verdict === 'pass').map((c) => `${c.suite}/${c.id}`);
      expect(passed).to.deep.equal([]);
      // (fails, and the strict-TLS check inconclusive: 1 | 4)
      expect(result.code).to.equal(5);
      expect(existsSync(join(reportDir, 'junit.xml'))).to.equal(true);
    });
  });
});
