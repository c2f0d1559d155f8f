/**
 * The CLI end to end, as a child process: help and version, usage errors (exit 64, one message,
 * never a stack trace), validate, list, user PKI files that are not PEM, the report files of a run
 * and that no private key reaches any of them. Only 127.0.0.1 is contacted (a dead port).
 */
import { createPrivateKey } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { deadPort } from '../../fixtures/peers/scripted-peer.ts';
import { REPO_ROOT } from '../paths.ts';
import { makeOpensslPki, type OpensslPki } from './testing/openssl-pki.ts';
import { runCli, type CliResult } from './testing/run-cli.ts';
import type { SummaryJson } from '../report/summary-reporter.ts';
import { knownCatalogueIds, loadAllSuites } from '../suite/load-suite.ts';

const QUICK_MS = 30_000;
const SUITE_FILE = 'suites/b12-bcp195-rfc8996-9325.suite.yaml';
const VALID_TARGET_FILE = 'fixtures/targets/dcmtk-bcp195.target.yaml';

const part15 = (args: string[], timeoutMs = QUICK_MS) => runCli(args, timeoutMs);

/** A stack frame line as Node prints them ("    at fn (file:line:col)"). */
const STACK_FRAME = /^\s+at\s/m;

function expectUsageError(r: CliResult, message: RegExp): void {
  expect(r.signal).to.equal(null);
  expect(r.code, r.stderr).to.equal(64);
  expect(r.stderr).not.to.match(STACK_FRAME);
  expect(r.stdout).to.equal('');
  // One paragraph: a single "part15: …" line, then a blank line, then the usage text.
  const [first, ...rest] = r.stderr.split('\n\n');
  expect(first!.split('\n'), r.stderr).to.have.length(1);
  expect(first).to.match(/^part15: /);
  expect(first).to.match(message);
  expect(rest.join('\n\n')).to.include('Usage:');
}


/**
 * Pieces of a private key that must never be printed or written: every base64 line of the PEM as
 * given, and of its PKCS#8 and PKCS#1 re-encodings (what part15 holds in memory).
 */
function secretFragments(keyFile: string): string[] {
  const pem = readFileSync(keyFile, 'utf8');
  const key = createPrivateKey(pem);
  const encodings = [pem, key.export({ type: 'pkcs8', format: 'pem' }) as string, key.export({ type: 'pkcs1', format: 'pem' }) as string];
  const lines = encodings.flatMap((p) => p.split('\n').filter((l) => l.length >= 40 && !l.startsWith('-----')));
  expect(lines.length).to.be.greaterThan(10);
  return [...new Set(lines)];
}

function expectNoSecret(text: string, fragments: readonly string[], where: string): void {
  expect(text, where).not.to.match(/PRIVATE KEY-----/);
  const leaked = fragments.filter((f) => text.includes(f));
  expect(leaked, `${where} contains ${leaked.length} line(s) of a private key`).to.deep.equal([]);
}

describe('e2e: the part15 command line', function () {
  this.timeout(60_000);
  const suites = loadAllSuites();
  const checkCount = suites.reduce((n, s) => n + s.checks.length, 0);
  const tempDirs: string[] = [];
  const tempDir = (label: string) => {
    const dir = mkdtempSync(join(tmpdir(), `part15-e2e-${label}-`));
    tempDirs.push(dir);
    return dir;
  };
  let pki: OpensslPki;

  before(function () {
    pki = makeOpensslPki();
  });

  after(function () {
    if (pki) rmSync(pki.dir, { recursive: true, force: true });
    for (const d of tempDirs) rmSync(d, { recursive: true, force: true });
  });

  describe('help and version', function () {
    it('--help prints the usage and exits 0', async function () {
      // When
      const r = await part15(['--help']);
      // Then
      expect(r.code).to.equal(0);
      expect(r.stdout).to.match(/^part15 — DICOM PS3\.15/);
      expect(r.stdout).to.include('Usage:');
      expect(r.stdout).to.include('part15 run --target FILE');
      expect(r.stdout).to.include('64 usage or input error');
      expect(r.stderr).to.equal('');
    });

    it('no arguments prints the usage and exits 0', async function () {
      const r = await part15([]);
      expect(r.code).to.equal(0);
      expect(r.stdout).to.include('Usage:');
      expect(r.stderr).to.equal('');
    });

    it('--version prints "part15 <semver>" and exits 0', async function () {
      const r = await part15(['--version']);
      const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
      expect(r.code).to.equal(0);
      expect(r.stdout.trim()).to.match(/^part15 \d+\.\d+\.\d+/);
      expect(r.stdout.trim()).to.equal(`part15 ${pkg.version}`);
    });
  });

  describe('usage errors: exit 64, one message, no stack trace', function () {
    it('an unknown command', async function () {
      const r = await part15(['frobnicate']);
      expectUsageError(r, /unknown command "frobnicate"; expected run, demo, list, validate or help/);
    });

    it('an unknown option', async function () {
      const r = await part15(['run', '--frobnicate']);
      expectUsageError(r, /Unknown option '--frobnicate'/);
    });

    it('run with nothing', async function () {
      const r = await part15(['run']);
      expectUsageError(r, /run needs --target FILE, or an endpoint/);
    });

    it('--target together with --dimse-tls', async function () {
      const r = await part15(['run', '--target', VALID_TARGET_FILE, '--dimse-tls', '127.0.0.1:2762']);
      expectUsageError(r, /--target cannot be combined with --dimse-tls/);
    });

    it('a HOST:PORT that is not one', async function () {
      const bad = await part15(['run', '--dimse-tls', 'localhost', '--called-ae', 'PEER']);
      expectUsageError(bad, /--dimse-tls must be HOST:PORT .*not "localhost"/);
      const outOfRange = await part15(['run', '--dimse-tls', '127.0.0.1:70000', '--called-ae', 'PEER']);
      expectUsageError(outOfRange, /--dimse-tls: port 70000 is out of range 1-65535/);
    });

    it('--suite with an unknown id lists the known suites', async function () {
      // Given a dead port, so that nothing is contacted even if the suite check came late
      const port = await deadPort();
      // When
      const r = await part15(['run', '--dimse-tls', `127.0.0.1:${port}`, '--called-ae', 'PEER', '--suite', 'nope', '--report-dir', tempDir('nope')]);
      // Then the message names the unknown id and every known one
      expectUsageError(r, /unknown suite "nope"; known: /);
      for (const s of suites) expect(r.stderr.split('\n')[0]).to.include(s.id);
    });
  });

  describe('validate', function () {
    it('a valid suite and a valid target: exit 0, "ok" for each', async function () {
      const r = await part15(['validate', SUITE_FILE, VALID_TARGET_FILE]);
      expect(r.code, r.stderr).to.equal(0);
      expect(r.stdout.trim().split('\n')).to.deep.equal([`ok  ${SUITE_FILE}`, `ok  ${VALID_TARGET_FILE}`]);
      expect(r.stderr).to.equal('');
    });

    it('three invalid files: exit 64, each named as file:line:col: path: message, no stack trace', async function () {
      // Given two invalid suites and one invalid target
      const files = [
        'fixtures/suites/invalid/bad-enum-level.suite.yaml',
        'fixtures/suites/invalid/unknown-probe.suite.yaml',
        'fixtures/targets/invalid/external-port-out-of-range.target.yaml',
      ];
      // When
      const r = await part15(['validate', ...files]);
      // Then
      expect(r.code, r.stderr).to.equal(64);
      expect(r.stderr).not.to.match(STACK_FRAME);
      expect(r.stdout).not.to.include('ok  ');
      const lines = r.stderr.trim().split('\n');
      expect(lines[0]).to.equal('part15: invalid input (3 problems):');
      for (const file of files) {
        const line = lines.find((l) => l.trim().startsWith(`${file}:`));
        expect(line, `no problem line for ${file} in:\n${r.stderr}`).to.be.a('string');
        // file:line:col: path: message
        expect(line!.trim()).to.match(new RegExp(`^${file.replace(/\./g, '\\.')}:\\d+:\\d+: [A-Za-z][\\w.\\[\\]]*: \\S.*$`));
      }
      expect(r.stderr).to.match(/bad-enum-level\.suite\.yaml:\d+:\d+: checks\[0\]\.requirement\.level: expected one of "shall", "should", "may", found "must"/);
      expect(r.stderr).to.match(/unknown-probe\.suite\.yaml:\d+:\d+: checks\[0\]\.steps\[0\]\.probe: unknown probe "tls\.hanshake"/);
      expect(r.stderr).to.match(/external-port-out-of-range\.target\.yaml:\d+:\d+: endpoints\.dimseTls\.port: .*70000/);
    });

    it('a valid file next to an invalid one: exit 64, the valid one still says ok', async function () {
      const r = await part15(['validate', SUITE_FILE, 'fixtures/suites/invalid/bad-enum-level.suite.yaml']);
      expect(r.code).to.equal(64);
      expect(r.stdout.trim()).to.equal(`ok  ${SUITE_FILE}`);
      expect(r.stderr).to.include('part15: invalid input (1 problem):');
      expect(r.stderr).not.to.match(STACK_FRAME);
    });
  });

  describe('run --target with an invalid target file', function () {
    it('exits 64 naming the file, before contacting anything', async function () {
      const file = 'fixtures/targets/invalid/external-port-out-of-range.target.yaml';
      const reportDir = join(tempDir('invalid-target'), 'reports');
      const r = await part15(['run', '--target', file, '--report-dir', reportDir]);
      expect(r.code, r.stderr).to.equal(64);
      expect(r.stderr).to.match(new RegExp(`${file.replace(/\./g, '\\.')}:\\d+:\\d+: endpoints\\.dimseTls\\.port: `));
      expect(r.stderr).not.to.match(STACK_FRAME);
      expect(existsSync(reportDir), 'no report folder for a run that never started').to.equal(false);
    });
  });

  describe('list', function () {
    it('list: one line per suite and per check', async function () {
      const r = await part15(['list']);
      expect(r.code, r.stderr).to.equal(0);
      for (const s of suites) {
        expect(r.stdout).to.match(new RegExp(`^${s.id}  `, 'm'));
        for (const c of s.checks) expect(r.stdout).to.match(new RegExp(`^  ${c.id} +${c.requirement.level} +${c.requirement.catalogueId} `, 'm'));
      }
    });

    it('list --json: every check has id, level, ref and catalogueId', async function () {
      const r = await part15(['list', '--json']);
      expect(r.code, r.stderr).to.equal(0);
      const listed = JSON.parse(r.stdout) as Array<{ id: string; profile: { name: string }; checks: Array<Record<string, unknown>> }>;
      expect(listed.map((s) => s.id)).to.deep.equal(suites.map((s) => s.id));
      const checks = listed.flatMap((s) => s.checks);
      expect(checks).to.have.length(checkCount);
      for (const c of checks) {
        expect(c, JSON.stringify(c)).to.include.keys('id', 'level', 'ref', 'catalogueId');
        expect(c.id).to.match(/^[a-z0-9]+(-[a-z0-9]+)*$/);
        expect(c.level).to.be.oneOf(['shall', 'should', 'may']);
        expect(c.ref).to.be.a('string').and.not.equal('');
        expect(knownCatalogueIds().has(String(c.catalogueId)), String(c.catalogueId)).to.equal(true);
      }
    });
  });

  describe('user PKI files that cannot be used', function () {
    let port: number;
    let clientKeySecrets: string[];

    before(async function () {
      port = await deadPort();
      clientKeySecrets = secretFragments(pki.clientKey);
    });

    it('--ca pointing at a text file: exit 64 naming the file; the client key is never printed', async function () {
      // Given a CA "certificate" that is plain text, next to a real client key
      const notPem = join(tempDir('not-pem'), 'ca.txt');
      writeFileSync(notPem, 'this is not a certificate\n');
      const reportDir = join(tempDir('bad-ca'), 'reports');
      // When
      const r = await part15(['run', '--dimse-tls', `127.0.0.1:${port}`, '--called-ae', 'PEER', '--ca', notPem, '--client-cert', pki.clientCert, '--client-key', pki.clientKey, '--report-dir', reportDir]);
      // Then
      expect(r.code, r.stderr).to.equal(64);
      expect(r.stderr).to.include(`${notPem}: not a PEM certificate file`);
      expect(r.stderr).not.to.match(STACK_FRAME);
      expectNoSecret(r.stdout + r.stderr, clientKeySecrets, 'stdout/stderr');
      expect(existsSync(reportDir)).to.equal(false);
    });

    it('--client-key pointing at a broken PEM key: exit 64 naming the file, its content not echoed', async function () {
      // Given a "key" whose body is a recognisable marker
      const marker = 'U0VDUkVULU1BUktFUi1TRUNSRVQtTUFSS0VSLVNFQ1JFVA';
      const broken = join(tempDir('broken-key'), 'client.key');
      writeFileSync(broken, `-----BEGIN PRIVATE KEY-----\n${marker}\n-----END PRIVATE KEY-----\n`, { mode: 0o600 });
      // When
      const r = await part15(['run', '--dimse-tls', `127.0.0.1:${port}`, '--called-ae', 'PEER', '--ca', pki.ca, '--client-cert', pki.clientCert, '--client-key', broken]);
      // Then
      expect(r.code, r.stderr).to.equal(64);
      expect(r.stderr).to.include(`${broken}: the PEM private key cannot be read`);
      expect(r.stdout + r.stderr).not.to.include(marker);
      expect(r.stderr).not.to.match(STACK_FRAME);
    });

    it('--ca-key that belongs to no CA certificate: exit 64, no key printed', async function () {
      const r = await part15(['run', '--dimse-tls', `127.0.0.1:${port}`, '--called-ae', 'PEER', '--ca', pki.ca, '--client-cert', pki.clientCert, '--client-key', pki.clientKey, '--ca-key', pki.clientKey]);
      expect(r.code, r.stderr).to.equal(64);
      expect(r.stderr).to.include(`${pki.clientKey}: this key does not belong to any certificate in ${pki.ca}`);
      expectNoSecret(r.stdout + r.stderr, clientKeySecrets, 'stdout/stderr');
    });
  });

  describe('the report files of a run (dead port, with --ca-key)', function () {
    let reportDir: string;
    let result: CliResult;
    const REPORT_FILES = ['junit.xml', 'summary.json', 'summary.md', 'mochawesome.html', 'mochawesome.json'];

    before(async function () {
      // Given a port where nothing listens and the full user PKI including the CA key
      const port = await deadPort();
      reportDir = join(tempDir('reports'), 'run');
      // When part15 runs every suite against it
      result = await part15(['run', '--dimse-tls', `127.0.0.1:${port}`, '--called-ae', 'PEER', '--name', 'dead-port-node', '--ca', pki.ca, '--client-cert', pki.clientCert, '--client-key', pki.clientKey, '--ca-key', pki.caKey, '--report-dir', reportDir]);
    });

    it('ends with exit 4 and names the report folder', function () {
      expect(result.signal).to.equal(null);
      expect(result.code, result.stderr.slice(-2000)).to.equal(4);
      expect(result.stderr).to.include(`reports: ${reportDir}`);
      expect(result.stderr).not.to.match(STACK_FRAME);
    });

    it('writes junit.xml, summary.json, summary.md, mochawesome.html and mochawesome.json', function () {
      for (const f of REPORT_FILES) expect(existsSync(join(reportDir, f)), f).to.equal(true);
    });

    it('mochawesome.json parses and holds one test per check', function () {
      const report = JSON.parse(readFileSync(join(reportDir, 'mochawesome.json'), 'utf8')) as { stats: { tests: number }; results: MochawesomeSuite[] };
      const tests = report.results.flatMap(testsOf);
      expect(tests).to.have.length(checkCount);
      expect(report.stats.tests).to.equal(checkCount);
      const expectedIds = suites.flatMap((s) => s.checks.map((c) => c.id));
      expect(tests.map((t) => t.title.split(':')[0])).to.have.members(expectedIds);
      // inconclusive maps onto mocha's pending, never onto passed
      for (const t of tests) expect([t.title.split(':')[0], t.pass, t.pending], t.title).to.deep.equal([t.title.split(':')[0], false, true]);
    });

    it('summary.md names the target and each profile; summary.json agrees with the exit code', function () {
      const md = readFileSync(join(reportDir, 'summary.md'), 'utf8');
      expect(md).to.match(/^# PS3\.15 security conformance observations: dead-port-node$/m);
      for (const s of suites) expect(md).to.include(s.profile.name);
      const summary = JSON.parse(readFileSync(join(reportDir, 'summary.json'), 'utf8')) as SummaryJson;
      expect(summary.exitCode).to.equal(result.code);
      expect(summary.target.name).to.equal('dead-port-node');
    });

    it('mochawesome.html works offline: no external script, stylesheet or font', function () {
      const html = readFileSync(join(reportDir, 'mochawesome.html'), 'utf8');
      expect(html).to.match(/<html/i);
      expect(html).not.to.match(/<script[^>]*\bsrc\s*=/i);
      expect(html).not.to.match(/<link[^>]*\bhref\s*=\s*["']?(https?:)?\/\//i);
      expect(html).not.to.match(/url\(\s*["']?(https?:)?\/\//i);
    });

    it('no report file, nor the console, contains the CA private key or the client key', function () {
      const secrets = [...secretFragments(pki.caKey), ...secretFragments(pki.clientKey)];
      const files = readdirSync(reportDir);
      expect(files).to.include.members(REPORT_FILES);
      for (const f of files) expectNoSecret(readFileSync(join(reportDir, f), 'utf8'), secrets, f);
      expectNoSecret(result.stdout + result.stderr, secrets, 'stdout/stderr');
    });
  });
});

interface MochawesomeTest {
  title: string;
  pass: boolean;
  pending: boolean;
}
interface MochawesomeSuite {
  tests: MochawesomeTest[];
  suites: MochawesomeSuite[];
}
function testsOf(s: MochawesomeSuite): MochawesomeTest[] {
  return [...(s.tests ?? []), ...(s.suites ?? []).flatMap(testsOf)];
}
