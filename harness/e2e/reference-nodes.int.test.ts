/**
 * The B.12 core suite against the bundled reference nodes, in containers. Expected verdicts come
 * from the hand observations in ../shared/design/TARGETS.md §8.2/§8.3 (rows R01–R10), not from
 * this code's output: ✔ there is `pass` here, ✘ is `fail`. Where part15 deliberately says less
 * than the observation (a bare TCP reset is not a TLS refusal), the row says `inconclusive` and why.
 */
import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SummaryJson } from '../report/summary-reporter.ts';
import { requireDocker } from './testing/docker-available.ts';
import { runCli } from './testing/run-cli.ts';

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

/** target file → expected verdicts, with the TARGETS.md observation behind each deviation from +py. */
const EXPECTED: Record<string, { outcome: string; row: Row }> = {
  // R03 +py -rc: T1–T8 ✔, T10 ✔, A1 ✔ (plaintext refused), mTLS echo rc=0.
  'dcmtk-bcp195-nd': { outcome: 'conformant', row: rsaServerPass },
  // R02 +px: T1 ✘ T2 ✘ (TLS 1.0/1.1 accepted with AES128-SHA), T5 ✘ AES128-SHA accepted (NULL refused).
  'dcmtk-bcp195': {
    outcome: 'not-conformant',
    row: { ...rsaServerPass, 'tls10-refused': 'fail', 'tls11-refused': 'fail', 'static-rsa-cbc-refused': 'fail' },
  },
  // R04 +pz: T4 ✘ TLS 1.3 refused with alert 70 — which B.12 allows ("may"), so the preference check passes.
  'dcmtk-extended-bcp195': { outcome: 'conformant', row: rsaServerPass },
  // R05 +pa: T1/T2 ✘, T3 ✘ 0/4 GCM suites (TLS 1.2 only with AES128-SHA), T4 refused (70), T5 ✘ AES128-SHA.
  'dcmtk-aes-retired': {
    outcome: 'not-conformant',
    row: {
      ...rsaServerPass, 'tls10-refused': 'fail', 'tls11-refused': 'fail',
      'ecdhe-rsa-aes128-gcm-accepted': 'fail', 'ecdhe-rsa-aes256-gcm-accepted': 'fail', 'static-rsa-cbc-refused': 'fail',
    },
  },
  // R06 +pn: T1/T2 ✘ (NULL-SHA), T3 ✘ 0/4, T5 ✘ NULL-SHA accepted = cleartext; AES128-SHA is not among its suites.
  'dcmtk-null-retired': {
    outcome: 'not-conformant',
    row: {
      ...rsaServerPass, 'tls10-refused': 'fail', 'tls11-refused': 'fail',
      'ecdhe-rsa-aes128-gcm-accepted': 'fail', 'ecdhe-rsa-aes256-gcm-accepted': 'fail', 'null-cipher-refused': 'fail',
    },
  },
  // R07 +py -ic: T6 ✘ T7 ✘ T8 ✘ (no, expired and untrusted client certificates accepted). These are
  // `should` checks in the B.12 suite (B.12 leaves client authentication to site policy), so the
  // profile outcome stays conformant with three findings.
  'dcmtk-bcp195-nd-no-client-auth': {
    outcome: 'conformant',
    row: { ...rsaServerPass, 'client-certificate-required': 'fail', 'expired-client-certificate-refused': 'fail', 'unknown-ca-client-certificate-refused': 'fail' },
  },
  // R10 +py with a 1024-bit server key: T10 ✘.
  'dcmtk-bcp195-nd-rsa1024': { outcome: 'not-conformant', row: { ...rsaServerPass, 'server-rsa-key-at-least-2048': 'fail' } },
  // Not in TARGETS.md: same binary as R03 with a SHA-1-signed server certificate (cross-checked below with openssl).
  'dcmtk-bcp195-nd-sha1-server-cert': { outcome: 'not-conformant', row: { ...rsaServerPass, 'server-certificate-not-sha1-signed': 'fail' } },
  // +pz with an EC P-256 server certificate: LIBS.md §2 observed "+pz accepts ECDHE-ECDSA-AES128/256-GCM"
  // with an ECDSA server certificate; the ECDHE-RSA suites then do not apply; otherwise as R04.
  'dcmtk-extended-bcp195-ec': {
    outcome: 'conformant',
    row: { ...allPass, 'ecdhe-rsa-aes128-gcm-accepted': 'not-applicable', 'ecdhe-rsa-aes256-gcm-accepted': 'not-applicable' },
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
  },
};

describe('B.12 core suite against the DCMTK reference nodes (containers)', function () {
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
    it(`${target}: every check gets its observed verdict, suite ${expected.outcome}`, async function () {
      // Given the reference node described in fixtures/targets/<target>.target.yaml
      const dir = join(reports, target);
      // When the CLI runs the B.12 core suite against it
      const res = await runCli(['run', '--target', `fixtures/targets/${target}.target.yaml`, '--suite', 'b12-bcp195-rfc8996-9325', '--report-dir', dir]);
      const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as SummaryJson;
      summaries.set(target, summary);
      // Then each check's verdict is the observed one, and the exit code is their bitmask
      const suite = summary.suites[0]!;
      const got = Object.fromEntries(suite.checks.map((c) => [c.id, c.verdict ?? c.status]));
      expect(got, res.stderr).to.deep.equal(expected.row);
      expect(suite.outcome).to.equal(expected.outcome);
      const kinds = Object.values(expected.row);
      const code = (kinds.includes('fail') ? 1 : 0) | (kinds.includes('inconclusive') ? 4 : 0);
      expect(res.code, res.stderr).to.equal(code);
    });
  }

  it('no container of these runs is left behind', function () {
    // Then docker lists no container carrying the label of any of these runs once they are over
    expect(summaries.size).to.equal(Object.keys(EXPECTED).length);
    for (const [target, summary] of summaries) {
      const left = execFileSync('docker', ['ps', '-aq', '--filter', `label=org.part15.run=${summary.runId}`], { encoding: 'utf8' }).trim();
      expect(left, target).to.equal('');
    }
  });
});
