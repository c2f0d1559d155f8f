/**
 * The B.12 core suite against the bundled reference nodes, in containers. Expected verdicts come
 * from the hand observations in ../shared/design/TARGETS.md §8.2/§8.3 (rows R01–R10, R15, R16), not from
 * this code's output: ✔ there is `pass` here, ✘ is `fail`. Where part15 deliberately says less
 * than the observation (a bare TCP reset is not a TLS refusal), the row says `inconclusive` and why.
 */
import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SummaryJson } from '../report/summary-reporter.ts';
import { requireDocker } from './testing/docker-available.ts';
import { loadAllSuites } from '../suite/load-suite.ts';
import { runCli } from './testing/run-cli.ts';
import { expectNoContainerLeftBy } from './testing/containers-left.ts';

type V = 'pass' | 'fail' | 'inconclusive' | 'not-applicable';
const CHECKS = [
  'tls12-accepted', 'tls13-preferred-when-supported', 'tls10-refused', 'tls11-refused',
  'ecdhe-rsa-aes128-gcm-accepted', 'ecdhe-rsa-aes256-gcm-accepted', 'ecdhe-ecdsa-aes128-gcm-accepted', 'ecdhe-ecdsa-aes256-gcm-accepted',
  'null-cipher-refused', 'static-rsa-cbc-refused',
  'server-rsa-key-at-least-2048', 'server-certificate-not-sha1-signed',
  'client-certificate-required', 'expired-client-certificate-refused', 'unknown-ca-client-certificate-refused',
  'plaintext-refused-on-tls-port', 'echo-inside-tls',
] as const;
type Row = Record<(typeof CHECKS)[number], V>;
const allPass = Object.fromEntries(CHECKS.map((c) => [c, 'pass'])) as Row;
/** The positive control's row for a server with an RSA key: the ECDSA suites do not apply to it. */
const rsaServerPass: Row = { ...allPass, 'ecdhe-ecdsa-aes128-gcm-accepted': 'not-applicable', 'ecdhe-ecdsa-aes256-gcm-accepted': 'not-applicable' };

/**
 * Profile outcomes (current B.12/B.13, retired B.10/B.11) per node, from the same observations:
 * B.10 needs TLS 1.0/1.1 refused (T1/T2) and its four RSA suites (T3); B.11 adds "no other suite"
 * (so no TLS 1.3: T4 ✘ is what B.11 wants); B.13 permits no DHE suite, which every DCMTK profile
 * with RSA suites accepts (T3), and needs all five TLS 1.3 suites (OpenSSL 3 enables three).
 */
type Profiles = Record<'b10-non-downgrading-bcp195' | 'b11-extended-bcp195' | 'b12-bcp195-rfc8996-9325' | 'b13-modified-bcp195-rfc8996-9325', string>;
const profiles = (b10: string, b11: string, b12: string, b13: string): Profiles => ({
  'b10-non-downgrading-bcp195': b10,
  'b11-extended-bcp195': b11,
  'b12-bcp195-rfc8996-9325': b12,
  'b13-modified-bcp195-rfc8996-9325': b13,
});
const NC = 'not-conformant';
const C = 'conformant';

/** target file → expected verdicts, with the TARGETS.md observation behind each deviation from +py. */
const EXPECTED: Record<string, { outcome: string; row: Row; profiles: Profiles }> = {
  // R03 +py -rc: T1–T8 ✔, T10 ✔, A1 ✔ (plaintext refused), mTLS echo rc=0.
  'dcmtk-bcp195-nd': { outcome: 'conformant', row: rsaServerPass, profiles: profiles(C, NC, C, NC) },
  // R02 +px: T1 ✘ T2 ✘ (TLS 1.0/1.1 accepted with AES128-SHA), T5 ✘ AES128-SHA accepted (NULL refused).
  'dcmtk-bcp195': {
    outcome: 'not-conformant',
    row: { ...rsaServerPass, 'tls10-refused': 'fail', 'tls11-refused': 'fail', 'static-rsa-cbc-refused': 'fail' },
    profiles: profiles(NC, NC, NC, NC),
  },
  // R04 +pz: T4 ✘ TLS 1.3 refused with alert 70 — which B.12 allows ("may"), so the preference check passes.
  'dcmtk-extended-bcp195': { outcome: 'conformant', row: rsaServerPass, profiles: profiles(C, C, C, NC) },
  // R05 +pa: T1/T2 ✘, T3 ✘ 0/4 GCM suites (TLS 1.2 only with AES128-SHA), T4 refused (70), T5 ✘ AES128-SHA.
  'dcmtk-aes-retired': {
    outcome: 'not-conformant',
    row: {
      ...rsaServerPass, 'tls10-refused': 'fail', 'tls11-refused': 'fail',
      'ecdhe-rsa-aes128-gcm-accepted': 'fail', 'ecdhe-rsa-aes256-gcm-accepted': 'fail', 'static-rsa-cbc-refused': 'fail',
    },
    profiles: profiles(NC, NC, NC, NC),
  },
  // R06 +pn: T1/T2 ✘ (NULL-SHA), T3 ✘ 0/4, T5 ✘ NULL-SHA accepted = cleartext; AES128-SHA is not among its suites.
  'dcmtk-null-retired': {
    outcome: 'not-conformant',
    row: {
      ...rsaServerPass, 'tls10-refused': 'fail', 'tls11-refused': 'fail',
      'ecdhe-rsa-aes128-gcm-accepted': 'fail', 'ecdhe-rsa-aes256-gcm-accepted': 'fail', 'null-cipher-refused': 'fail',
    },
    profiles: profiles(NC, NC, NC, NC),
  },
  // R07 +py -ic: T6 ✘ T7 ✘ T8 ✘ (no, expired and untrusted client certificates accepted). These are
  // `should` checks in the B.12 suite (B.12 leaves client authentication to site policy), so the
  // profile outcome stays conformant with three findings.
  'dcmtk-bcp195-nd-no-client-auth': {
    outcome: 'conformant',
    row: { ...rsaServerPass, 'client-certificate-required': 'fail', 'expired-client-certificate-refused': 'fail', 'unknown-ca-client-certificate-refused': 'fail' },
    profiles: profiles(C, NC, C, NC),
  },
  // R08 +py -rc +cd (trust directory): every T column as R03.
  'dcmtk-bcp195-nd-trust-dir': { outcome: 'conformant', row: rsaServerPass, profiles: profiles(C, NC, C, NC) },
  // R09 +py -vc: T6 ✘ (no certificate accepted), T7 ✔ T8 ✔ (bad ones refused); otherwise as R03.
  'dcmtk-bcp195-nd-verify-if-sent': {
    outcome: 'conformant',
    row: { ...rsaServerPass, 'client-certificate-required': 'fail' },
    profiles: profiles(C, NC, C, NC),
  },
  // R10 +py with a 1024-bit server key: T10 ✘.
  'dcmtk-bcp195-nd-rsa1024': { outcome: 'not-conformant', row: { ...rsaServerPass, 'server-rsa-key-at-least-2048': 'fail' }, profiles: profiles(C, NC, NC, NC) },
  // Same binary as R03 with a server certificate that expired in 2021: B.12's core checks do not
  // judge validity (the node-authentication suite does), so its B.12 row is R03's.
  'dcmtk-bcp195-nd-expired-server-cert': { outcome: 'conformant', row: rsaServerPass, profiles: profiles(C, NC, C, NC) },
  // Not in TARGETS.md: same binary as R03 with a SHA-1-signed server certificate (cross-checked below with openssl).
  'dcmtk-bcp195-nd-sha1-server-cert': { outcome: 'not-conformant', row: { ...rsaServerPass, 'server-certificate-not-sha1-signed': 'fail' }, profiles: profiles(C, NC, NC, NC) },
  // +pz with an EC P-256 server certificate: LIBS.md §2 observed "+pz accepts ECDHE-ECDSA-AES128/256-GCM"
  // with an ECDSA server certificate; the ECDHE-RSA suites then do not apply; otherwise as R04.
  'dcmtk-extended-bcp195-ec': {
    outcome: 'conformant',
    row: { ...allPass, 'ecdhe-rsa-aes128-gcm-accepted': 'not-applicable', 'ecdhe-rsa-aes256-gcm-accepted': 'not-applicable' },
    // B.10 and B.11 require DHE/ECDHE-RSA suites, which an EC-key server cannot serve.
    profiles: profiles(NC, NC, C, NC),
  },
  // R01 plain storescp on the declared TLS port: A1 ✘ (plaintext association accepted) and no TLS at all
  // (every T column ✘). storescp answers a ClientHello with a bare TCP reset, no alert: checks that
  // demand a completed handshake fail (the suite checks, whose key type cannot be read, too); checks
  // that demand a refusal stay inconclusive, because a reset cannot be told from a TLS policy
  // refusal — never pass.
  'dcmtk-plain-on-tls-port': {
    outcome: 'not-conformant',
    row: {
      'tls12-accepted': 'fail', 'tls13-preferred-when-supported': 'inconclusive', 'tls10-refused': 'inconclusive', 'tls11-refused': 'inconclusive',
      'ecdhe-rsa-aes128-gcm-accepted': 'fail', 'ecdhe-rsa-aes256-gcm-accepted': 'fail',
      'ecdhe-ecdsa-aes128-gcm-accepted': 'fail', 'ecdhe-ecdsa-aes256-gcm-accepted': 'fail', 'null-cipher-refused': 'inconclusive',
      'static-rsa-cbc-refused': 'inconclusive', 'server-rsa-key-at-least-2048': 'inconclusive', 'server-certificate-not-sha1-signed': 'inconclusive',
      'client-certificate-required': 'inconclusive', 'expired-client-certificate-refused': 'inconclusive', 'unknown-ca-client-certificate-refused': 'inconclusive',
      'plaintext-refused-on-tls-port': 'fail', 'echo-inside-tls': 'fail',
    },
    profiles: profiles(NC, NC, NC, NC),
  },
  // R15 Orthanc TLS-lax, DICOM port: T1 ✘ T2 ✘ (AES128-SHA), T5 ✘ AES128-SHA accepted, T6 ✘ no
  // certificate accepted (a `should` here), T7 ✔ T8 ✔. Orthanc 1.10.1 has no option for its DICOM
  // TLS versions or suites (TARGETS.md §0.9).
  'orthanc-tls-lax': {
    outcome: 'not-conformant',
    row: { ...rsaServerPass, 'tls10-refused': 'fail', 'tls11-refused': 'fail', 'static-rsa-cbc-refused': 'fail', 'client-certificate-required': 'fail' },
    profiles: profiles(NC, NC, NC, NC),
  },
  // R16 Orthanc hardened, DICOM port: as R15 on versions and suites, T6 ✔ T7 ✔ T8 ✔ (client
  // certificates required); the echo goes in as TRUSTED_SCU, the one calling AE it accepts.
  'orthanc-hardened': {
    outcome: 'not-conformant',
    row: { ...rsaServerPass, 'tls10-refused': 'fail', 'tls11-refused': 'fail', 'static-rsa-cbc-refused': 'fail' },
    profiles: profiles(NC, NC, NC, NC),
  },
};

describe('B.12 core suite against the DCMTK and Orthanc TLS reference nodes (containers)', function () {
  this.timeout(180_000);
  const reports = mkdtempSync(join(tmpdir(), 'part15-int-'));
  const summaries = new Map<string, SummaryJson>();

  before(function () {
    requireDocker(this);
  });
  after(function () {
    rmSync(reports, { recursive: true, force: true });
  });

  for (const [target, expected] of Object.entries(EXPECTED)) {
    it(`${target}: B.12 core verdicts as observed, B.12 ${expected.outcome}; B.10/B.11/B.13 as implied`, async function () {
      // Given the reference node described in fixtures/targets/<target>.target.yaml
      const dir = join(reports, target);
      // When the CLI runs the B.12 core suite against it
      const res = await runCli(['run', '--target', `fixtures/targets/${target}.target.yaml`, '--report-dir', dir]);
      const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as SummaryJson;
      summaries.set(target, summary);
      // Then each B.12 core check (the TARGETS.md §8.2 columns) gets the observed verdict
      const suite = summary.suites.find((x) => x.id === 'b12-bcp195-rfc8996-9325')!;
      const got = Object.fromEntries(CHECKS.map((id) => [id, suite.checks.find((c) => c.id === id)?.verdict ?? suite.checks.find((c) => c.id === id)?.status]));
      expect(got, res.stderr).to.deep.equal(expected.row);
      expect(suite.outcome).to.equal(expected.outcome);
      // And each profile gets the outcome those observations imply
      const outcomes = Object.fromEntries(Object.keys(expected.profiles).map((id) => [id, summary.suites.find((x) => x.id === id)?.outcome]));
      expect(outcomes).to.deep.equal(expected.profiles);
      // And nothing ended in error, and the exit code is the bitmask of all verdicts
      const all = summary.suites.flatMap((x) => x.checks);
      expect(all.filter((c) => c.verdict === 'error').map((c) => `${c.id}: ${c.summary}`)).to.deep.equal([]);
      const code = (all.some((c) => c.verdict === 'fail') ? 1 : 0) | (all.some((c) => c.verdict === 'inconclusive') ? 4 : 0);
      expect(res.code, res.stderr).to.equal(code);
    });
  }

  it('no container of these runs is left behind', function () {
    // Then docker lists no container carrying the label of any of these runs once they are over
    expect(summaries.size).to.equal(Object.keys(EXPECTED).length);
    expectNoContainerLeftBy(summaries);
  });

  /**
   * Every check must be seen to pass on one node and to fail on another. Over these reference nodes
   * most are; the rest are shown elsewhere, each by a named test (a misconfigured or stricter peer,
   * because no third-party node here can take that side). A check missing from both is a defect.
   */
  it('every enabled check is seen to pass and to fail on these nodes, or in the test named for it', function () {
    const SHOWN_ELSEWHERE: Record<string, string> = {
      // raw-hello checks: misbehaving-tls-peer.e2e.test.ts (its own coverage test lists each one)
      ...Object.fromEntries(
        loadAllSuites().flatMap((suite) =>
          suite.checks.filter((c) => !c.skip && c.steps.every((step) => step.probe === 'tls.hello')).map((c) => [`${suite.id}/${c.id}`, 'misbehaving-tls-peer.e2e.test.ts']),
        ),
      ),
      'b12-bcp195-rfc8996-9325/tls13-preferred-when-supported': 'tls-preference-peer.e2e.test.ts (fail)',
      'dimse-over-tls/graceful-release-with-close-notify': 'release-close.e2e.test.ts (fail: abrupt peer; DCMTK passes here)',
      'dimse-over-tls/stalled-handshake-bounded': 'stalled-handshake.e2e.test.ts (fail, pass) and stalled-handshake.int.test.ts (pass on DCMTK); a slow check',
      'node-authentication/client-certificate-rsa-1024-refused': 'strict-tls-peer.e2e.test.ts (pass)',
      'node-authentication/client-certificate-sha1-refused': 'strict-tls-peer.e2e.test.ts (pass)',
      'b13-modified-bcp195-rfc8996-9325/weak-client-key-refused': 'strict-tls-peer.e2e.test.ts (pass)',
      'b13-modified-bcp195-rfc8996-9325/sha1-client-certificate-refused': 'strict-tls-peer.e2e.test.ts (pass)',
      // the exposure suite has its own matrix over the cleartext nodes too (its own coverage test)
      ...Object.fromEntries(
        loadAllSuites()
          .filter((suite) => suite.id === 'exposure')
          .flatMap((suite) => suite.checks.map((c) => [`exposure/${c.id}`, 'exposure-reference-nodes.int.test.ts'])),
      ),
      // user identity: no node from Debian enforces it; part15's reference node and its variants do
      ...Object.fromEntries(
        loadAllSuites()
          .filter((suite) => ['b4-basic-user-identity', 'b5-user-identity-passcode', 'jwt-user-identity'].includes(suite.id))
          .flatMap((suite) => suite.checks.map((c) => [`${suite.id}/${c.id}`, 'user-identity-reference-nodes.int.test.ts'])),
      ),
      // audit trail and DICOMweb: their own container tests, each with its own coverage test
      ...Object.fromEntries(
        loadAllSuites()
          .filter((suite) => ['audit-trail', 'ihe-atna-audit', 'dicomweb-security'].includes(suite.id))
          .flatMap((suite) => suite.checks.map((c) => [`${suite.id}/${c.id}`, suite.id === 'dicomweb-security' ? 'dicomweb-reference-nodes.int.test.ts' : 'audit-reference-nodes.int.test.ts'])),
      ),
    };
    expect(summaries.size).to.equal(Object.keys(EXPECTED).length);
    const seen = new Map<string, Set<string>>();
    for (const summary of summaries.values()) {
      for (const suite of summary.suites) for (const c of suite.checks) {
        const key = `${suite.id}/${c.id}`;
        if (!seen.has(key)) seen.set(key, new Set());
        if (c.verdict) seen.get(key)!.add(c.verdict);
      }
    }
    const missing: string[] = [];
    for (const suite of loadAllSuites()) for (const c of suite.checks) {
      if (c.skip) continue;
      const key = `${suite.id}/${c.id}`;
      const v = seen.get(key) ?? new Set();
      if ((!v.has('pass') || !v.has('fail')) && !SHOWN_ELSEWHERE[key]) missing.push(`${key}: seen ${[...v].join(', ') || 'nothing'}`);
    }
    expect(missing).to.deep.equal([]);
  });
});
