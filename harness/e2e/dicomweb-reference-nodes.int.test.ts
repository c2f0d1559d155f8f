/**
 * The dicomweb-security suite against nodes in containers: Debian's Orthanc 1.10.1 with its DICOMweb
 * plugin (wide open over HTTP; hardened: HTTPS + Basic; Basic over cleartext HTTP), and part15's own
 * reference node serving DICOMweb behind Bearer JWT (Orthanc knows no tokens), then each of its
 * --web-fault variants against the checks it is about. Orthanc's expected rows follow TARGETS.md §8.3
 * (A5: R13 answers HTTP 200 in clear, R16 refuses cleartext; A6: R13 200 without credentials, R16 401
 * with a Basic challenge) plus what its configuration says (no HSTS header exists in 1.10.1).
 */
import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CheckRecord } from '../core/run-record.ts';
import { REFERENCE_TARGETS_DIR } from '../paths.ts';
import { TestPki } from '../pki/test-pki.ts';
import type { SummaryJson } from '../report/summary-reporter.ts';
import { runCheck } from '../run/run-check.ts';
import { loadAllSuites } from '../suite/load-suite.ts';
import { loadTarget } from '../suite/load-target.ts';
import type { ContainerTargetFile } from '../suite/schema.ts';
import { ContainerTarget } from '../targets/container-target.ts';
import { WEB_SHOWN_BY_CREDULOUS_PEER } from '../../fixtures/peers/credulous-web-peer.ts';
import { expectNoContainerLeftBy } from './testing/containers-left.ts';
import { requireDocker } from './testing/docker-available.ts';
import { runCli } from './testing/run-cli.ts';

type V = 'pass' | 'fail' | 'inconclusive' | 'not-applicable' | 'disabled';
const P: V = 'pass', F: V = 'fail', NA: V = 'not-applicable', D: V = 'disabled';
const SUITE = 'dicomweb-security';
const TLS = ['web-tls12-established', 'web-tls10-refused', 'web-tls11-refused'] as const;
const TOKENS = [
  'web-expired-token-refused', 'web-forged-token-refused', 'web-unsigned-token-refused', 'web-wrong-audience-refused',
  'web-invalid-token-error-code', 'web-missing-scope-refused', 'web-missing-scope-is-403', 'web-token-in-query-refused',
] as const;
const each = (ids: readonly string[], v: V) => Object.fromEntries(ids.map((id) => [id, v]));

const EXPECTED: Record<string, Record<string, V>> = {
  'orthanc-wide-open': {
    ...each(TLS, NA), 'web-alpn': D, 'web-port-distinct': NA, 'web-no-data-in-clear': F, 'web-hsts': NA, 'web-no-basic-in-clear': P,
    'web-refused-without-credentials': F, 'web-refused-with-wrong-credentials': NA, 'web-no-side-door': F, 'web-bulkdata-refused': F,
    ...each(TOKENS, NA), 'web-errors-hold-no-patient-data': P,
  },
  'orthanc-hardened': {
    ...each(TLS, P), 'web-alpn': D, 'web-port-distinct': P, 'web-no-data-in-clear': P, 'web-hsts': F, 'web-no-basic-in-clear': P,
    'web-refused-without-credentials': P, 'web-refused-with-wrong-credentials': P, 'web-no-side-door': P, 'web-bulkdata-refused': P,
    ...each(TOKENS, NA), 'web-errors-hold-no-patient-data': P,
  },
  'orthanc-basic-over-http': {
    ...each(TLS, NA), 'web-alpn': D, 'web-port-distinct': NA, 'web-no-data-in-clear': F, 'web-hsts': NA, 'web-no-basic-in-clear': F,
    'web-refused-without-credentials': P, 'web-refused-with-wrong-credentials': P, 'web-no-side-door': P, 'web-bulkdata-refused': P,
    ...each(TOKENS, NA), 'web-errors-hold-no-patient-data': P,
  },
  'refnode-dicomweb': {
    ...each(TLS, P), 'web-alpn': D, 'web-port-distinct': P, 'web-no-data-in-clear': P, 'web-hsts': P, 'web-no-basic-in-clear': P,
    'web-refused-without-credentials': P, 'web-refused-with-wrong-credentials': P, 'web-no-side-door': P, 'web-bulkdata-refused': P,
    ...each(TOKENS, P), 'web-errors-hold-no-patient-data': P,
  },
};

/** The reference node's --web-fault variants (its README): each fails exactly these checks. */
const FAULTS: Record<string, string[]> = {
  'accept-expired': ['web-expired-token-refused', 'web-invalid-token-error-code'],
  'accept-alg-none': ['web-unsigned-token-refused'],
  'side-door': ['web-no-side-door'],
  'token-in-query': ['web-token-in-query-refused'],
  'ignore-scope': ['web-missing-scope-refused', 'web-missing-scope-is-403'],
  'no-hsts': ['web-hsts'],
  'no-challenge': ['web-refused-without-credentials'],
  'leaky-errors': ['web-errors-hold-no-patient-data'],
  'plain-serves-data': ['web-no-data-in-clear'],
  'old-tls': ['web-tls10-refused', 'web-tls11-refused'],
};
const FAULT_RUN_ID = `web-faults-${process.pid}`;

describe('dicomweb-security against Orthanc and the reference node (containers)', function () {
  this.timeout(300_000);
  const reports = mkdtempSync(join(tmpdir(), 'part15-web-'));
  const summaries = new Map<string, SummaryJson>();
  const stderrOf = new Map<string, string>();
  const faultRecords = new Map<string, CheckRecord[]>();

  before(async function () {
    requireDocker(this);
    const queue = Object.keys(EXPECTED);
    await Promise.all(Array.from({ length: 2 }, async () => {
      for (let target = queue.shift(); target !== undefined; target = queue.shift()) {
        const dir = join(reports, target);
        const res = await runCli(['run', '--target', join(REFERENCE_TARGETS_DIR, `${target}.target.yaml`), '--suite', SUITE, '--report-dir', dir]);
        stderrOf.set(target, res.stderr);
        summaries.set(target, JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as SummaryJson);
      }
    }));
  });
  after(function () {
    rmSync(reports, { recursive: true, force: true });
  });

  for (const [target, expected] of Object.entries(EXPECTED)) {
    it(`${target}: verdicts as observed (TARGETS.md §8.3) or as built`, function () {
      const checks = summaries.get(target)!.suites.find((s) => s.id === SUITE)!.checks;
      const got = Object.fromEntries(Object.keys(expected).map((id) => [id, checks.find((c) => c.id === id)?.verdict ?? checks.find((c) => c.id === id)?.status]));
      expect(got, stderrOf.get(target)!.slice(-3000)).to.deep.equal(expected);
      // And no report holds the lab password or anything shaped like a JWT
      const dir = join(reports, target);
      for (const file of ['summary.json', 'summary.md', 'junit.xml', 'mochawesome.json']) {
        const text = readFileSync(join(dir, file), 'utf8');
        expect(text.includes('part15-lab-only-NOT-A-SECRET'), `${target}/${file} holds the password`).to.equal(false);
        expect(/eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\./.test(text), `${target}/${file} holds a JWT`).to.equal(false);
        expect(text.includes('PART15WEB^CANARY') || text.includes('PART15SYN^'), `${target}/${file} names a patient`).to.equal(false);
      }
    });
  }

  it('each --web-fault of the reference node fails exactly the checks it is about', async function () {
    requireDocker(this);
    const base = loadTarget(join(REFERENCE_TARGETS_DIR, 'refnode-dicomweb.target.yaml')) as ContainerTargetFile & { sourceFile: string };
    const suite = loadAllSuites().find((s) => s.id === SUITE)!;
    const pki = await TestPki.create({ runTag: 'web-faults' });
    const queue = Object.keys(FAULTS);
    await Promise.all(Array.from({ length: 3 }, async () => {
      for (let fault = queue.shift(); fault !== undefined; fault = queue.shift()) {
        const file = { ...base, name: `refnode-dicomweb-${fault}`, command: [...base.command, '--web-fault', fault] };
        const running = await new ContainerTarget(file, { runId: FAULT_RUN_ID, pki, logDir: reports }).start(new AbortController().signal);
        try {
          const records: CheckRecord[] = [];
          for (const id of FAULTS[fault]!) records.push(await runCheck(suite, suite.checks.find((c) => c.id === id)!, running, { signal: new AbortController().signal }));
          faultRecords.set(fault, records);
        } finally {
          await running.stop();
        }
      }
    }));
    const got = Object.fromEntries(Object.keys(FAULTS).map((f) => [f, faultRecords.get(f)!.map((r) => `${r.checkId}: ${r.verdict?.kind ?? r.status}`)]));
    const want = Object.fromEntries(Object.entries(FAULTS).map(([f, ids]) => [f, ids.map((id) => `${id}: fail`)]));
    expect(got, [...faultRecords.values()].flat().map((r) => `${r.checkId}: ${r.verdict?.summary ?? r.statusReason}`).join('\n')).to.deep.equal(want);
  });

  it('every enabled DICOMweb check is seen to pass and to fail (or fails on the credulous web peer)', function () {
    const seen = new Map<string, Set<string>>();
    const add = (id: string, v: string | undefined) => {
      if (!seen.has(id)) seen.set(id, new Set());
      if (v) seen.get(id)!.add(v);
    };
    for (const s of summaries.values()) for (const c of s.suites.find((x) => x.id === SUITE)!.checks) add(c.id, c.verdict);
    for (const rs of faultRecords.values()) for (const r of rs) add(r.checkId, r.verdict?.kind);
    for (const id of WEB_SHOWN_BY_CREDULOUS_PEER) add(id, 'fail');
    const missing = loadAllSuites()
      .find((s) => s.id === SUITE)!
      .checks.filter((c) => !c.skip)
      .map((c) => ({ id: c.id, v: seen.get(c.id) ?? new Set<string>() }))
      .filter(({ v }) => !v.has('pass') || !v.has('fail'))
      .map(({ id, v }) => `${id}: seen ${[...v].join(', ') || 'nothing'}`);
    expect(missing).to.deep.equal([]);
  });

  it('no container of these runs is left behind', function () {
    expectNoContainerLeftBy(new Map<string, { runId: string }>([...summaries, ['web faults', { runId: FAULT_RUN_ID }]]));
  });
});
