/**
 * The audit suites (audit-trail, ihe-atna-audit) against nodes in containers. No node from Debian
 * emits DICOM audit messages, so the positive control is part15's own reference node with its audit
 * trail on (fixtures/reference-node, README "Audit trail"); each negative control is the same node
 * with ONE --audit-fault, which breaks exactly one thing by construction (its unit tests show the
 * bytes). The expected verdicts below follow from those faults and, for DCMTK and Orthanc (declared
 * to audit, which they cannot), from TARGETS.md: storescp answers no C-FIND and takes any calling AE
 * title; both refuse an unknown-CA client certificate; Orthanc hardened refuses unknown AE titles.
 *
 * The whole suites run on the bundled targets (fixtures/targets/*audit*, audit-variants/); the other
 * faults are run against the check they are about only (started from refnode-audit.target.yaml plus
 * the fault), four at a time.
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
import { loadAllSuites, type Suite } from '../suite/load-suite.ts';
import { loadTarget } from '../suite/load-target.ts';
import type { ContainerTargetFile } from '../suite/schema.ts';
import { ContainerTarget } from '../targets/container-target.ts';
import { expectNoContainerLeftBy } from './testing/containers-left.ts';
import { requireDocker } from './testing/docker-available.ts';
import { runCli } from './testing/run-cli.ts';

type V = 'pass' | 'fail' | 'inconclusive' | 'not-applicable';
const P: V = 'pass', F: V = 'fail', I: V = 'inconclusive', NA: V = 'not-applicable';
const SUITES = ['audit-trail', 'ihe-atna-audit'] as const;
const TRAIL = [
  'store-audited', 'store-audited-once', 'find-audited', 'find-query-carried', 'unknown-calling-ae-audited', 'untrusted-certificate-audited', 'identity-failure-audited', 'node-start-audited',
  'syslog-header', 'syslog-facility', 'syslog-msgid', 'syslog-utf8-bom', 'syslog-fields',
  'message-well-formed', 'message-schema-valid', 'message-event-codes', 'message-tables', 'message-coded-values', 'message-time-zone', 'message-one-requestor', 'message-ae-titles', 'message-network-access-point',
  'tls-transport-used', 'tls-octet-counting', 'tls-client-certificate', 'tls-version', 'udp-one-message-per-datagram',
  'legitimate-association-no-alarm',
] as const;
const ATNA = ['atna-msgid', 'atna-mutual-tls', 'atna-tls-version', 'atna-node-authentication-failure-audited', 'atna-user-authentication-failure-audited', 'atna-messages-schema-valid'] as const;
const all = <T extends readonly string[]>(ids: T, v: V) => Object.fromEntries(ids.map((id) => [id, v])) as Record<T[number], V>;

const trailPass = all(TRAIL, P);
/** refnode-audit sends MSGID DICOM+RFC3881, which the IHE variant refuses. */
const atnaOnDicomMsgId = { ...all(ATNA, P), 'atna-msgid': F };

/** A node declared to audit that never sends anything: every message check fails "no audit message received". */
const silent = (overrides: Partial<Record<(typeof TRAIL)[number], V>>, atna: Partial<Record<(typeof ATNA)[number], V>>) => ({
  trail: { ...all(TRAIL, F), 'identity-failure-audited': NA, 'legitimate-association-no-alarm': I, ...overrides },
  atna: { ...all(ATNA, F), 'atna-user-authentication-failure-audited': NA, ...atna },
});

interface Expected {
  file: string;
  trail: Record<string, V>;
  atna: Record<string, V>;
}
const EXPECTED: Record<string, Expected> = {
  'refnode-audit': { file: 'refnode-audit.target.yaml', trail: trailPass, atna: atnaOnDicomMsgId },
  'refnode-audit-ihe': { file: 'audit-variants/refnode-audit-ihe.target.yaml', trail: trailPass, atna: all(ATNA, P) },
  // LF framing: the collector cannot read a single TLS frame (UDP still arrives).
  'refnode-audit-lf-framing': { file: 'audit-variants/refnode-audit-lf-framing.target.yaml', trail: { ...trailPass, 'tls-transport-used': F, 'tls-octet-counting': F }, atna: atnaOnDicomMsgId },
  'refnode-audit-no-bom': { file: 'audit-variants/refnode-audit-no-bom.target.yaml', trail: { ...trailPass, 'syslog-utf8-bom': F }, atna: atnaOnDicomMsgId },
  'refnode-audit-schema-break': { file: 'audit-variants/refnode-audit-schema-break.target.yaml', trail: { ...trailPass, 'message-schema-valid': F }, atna: { ...atnaOnDicomMsgId, 'atna-messages-schema-valid': F } },
  // 110103 is a CID 400 code (message-event-codes passes), just not the one a store calls for.
  'refnode-audit-wrong-event-id': { file: 'audit-variants/refnode-audit-wrong-event-id.target.yaml', trail: { ...trailPass, 'store-audited': F, 'store-audited-once': F }, atna: atnaOnDicomMsgId },
  'refnode-audit-no-client-cert': { file: 'audit-variants/refnode-audit-no-client-cert.target.yaml', trail: { ...trailPass, 'tls-client-certificate': F }, atna: { ...atnaOnDicomMsgId, 'atna-mutual-tls': F } },
  'refnode-audit-forget-store': { file: 'audit-variants/refnode-audit-forget-store.target.yaml', trail: { ...trailPass, 'store-audited': F, 'store-audited-once': F }, atna: atnaOnDicomMsgId },
  // storescp: no C-FIND SCP, any calling AE accepted (nothing to audit: inconclusive), unknown CA refused (-rc).
  'dcmtk-claims-audit': {
    file: 'dcmtk-claims-audit.target.yaml',
    ...silent({ 'find-audited': I, 'find-query-carried': I, 'unknown-calling-ae-audited': I, 'udp-one-message-per-datagram': NA }, {}),
  },
  // Orthanc hardened answers C-STORE and C-FIND, refuses unknown AE titles and unknown CAs (TARGETS.md R16).
  'orthanc-claims-audit': { file: 'orthanc-claims-audit.target.yaml', ...silent({}, {}) },
};

/** The other faults of the reference node (its README): each fails the checks named, and only its own check is run. */
const FAULTS: Record<string, Array<[suite: (typeof SUITES)[number], check: string]>> = {
  'bsd-syslog': [['audit-trail', 'syslog-header']],
  'facility-user': [['audit-trail', 'syslog-facility']],
  'nil-msgid': [['audit-trail', 'syslog-msgid']],
  'bad-timestamp': [['audit-trail', 'syslog-fields']],
  'not-well-formed': [['audit-trail', 'message-well-formed']],
  'unknown-event-id': [['audit-trail', 'message-event-codes']],
  'no-source-role': [['audit-trail', 'message-tables']],
  'rfc3881-codes': [['audit-trail', 'message-coded-values']],
  'no-time-zone': [['audit-trail', 'message-time-zone']],
  'two-requestors': [['audit-trail', 'message-one-requestor']],
  'no-ae-titles': [['audit-trail', 'message-ae-titles']],
  'nap-mismatch': [['audit-trail', 'message-network-access-point']],
  'tls-1.1': [['audit-trail', 'tls-version'], ['ihe-atna-audit', 'atna-tls-version']],
  'udp-split': [['audit-trail', 'udp-one-message-per-datagram']],
  'false-alarm': [['audit-trail', 'legitimate-association-no-alarm']],
  'duplicate-store': [['audit-trail', 'store-audited-once']],
  'empty-query': [['audit-trail', 'find-query-carried']],
  'forget-find': [['audit-trail', 'find-audited']],
  'forget-tls-failure': [['audit-trail', 'untrusted-certificate-audited'], ['ihe-atna-audit', 'atna-node-authentication-failure-audited']],
  'forget-unknown-ae': [['audit-trail', 'unknown-calling-ae-audited']],
  'forget-identity-failure': [['audit-trail', 'identity-failure-audited'], ['ihe-atna-audit', 'atna-user-authentication-failure-audited']],
  'forget-start': [['audit-trail', 'node-start-audited']],
};
const AT_ONCE = 4;
const FAULT_RUN_ID = `audit-faults-${process.pid}`;

describe('audit suites against the reference node, its audit faults, DCMTK and Orthanc (containers)', function () {
  this.timeout(300_000);
  const reports = mkdtempSync(join(tmpdir(), 'part15-audit-'));
  const summaries = new Map<string, SummaryJson>();
  const faultRecords = new Map<string, CheckRecord[]>();

  after(function () {
    rmSync(reports, { recursive: true, force: true });
  });

  // The bundled targets run three at a time (each waits mostly for its audit windows).
  const stderrOf = new Map<string, string>();
  before(async function () {
    requireDocker(this);
    const queue = Object.keys(EXPECTED);
    await Promise.all(Array.from({ length: 3 }, async () => {
      for (let target = queue.shift(); target !== undefined; target = queue.shift()) {
        const dir = join(reports, target);
        const res = await runCli(['run', '--target', join(REFERENCE_TARGETS_DIR, EXPECTED[target]!.file), '--suite', SUITES.join(','), '--report-dir', dir]);
        stderrOf.set(target, res.stderr);
        summaries.set(target, JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as SummaryJson);
      }
    }));
  });

  for (const [target, expected] of Object.entries(EXPECTED)) {
    it(`${target}: audit-trail and ihe-atna-audit verdicts as its faults (or its lack of an audit trail) dictate`, function () {
      const summary = summaries.get(target)!;
      const stderr = stderrOf.get(target)!.slice(-3000);
      const got = (suiteId: string, row: Record<string, V>) => {
        const suite = summary.suites.find((s) => s.id === suiteId)!;
        return Object.fromEntries(Object.keys(row).map((id) => [id, suite.checks.find((c) => c.id === id)?.verdict ?? suite.checks.find((c) => c.id === id)?.status]));
      };
      expect(got('audit-trail', expected.trail), `audit-trail\n${stderr}`).to.deep.equal(expected.trail);
      expect(got('ihe-atna-audit', expected.atna), `ihe-atna-audit\n${stderr}`).to.deep.equal(expected.atna);
      // And a silent node's failures say so in words a user can act on
      if (target.endsWith('claims-audit')) {
        const store = summary.suites.find((s) => s.id === 'audit-trail')!.checks.find((c) => c.id === 'store-audited')!;
        expect(store.summary).to.match(/^no audit message received over /);
      }
    });
  }

  it('every other reference-node fault fails exactly the checks it is about (started from refnode-audit + --audit-fault)', async function () {
    requireDocker(this);
    const base = loadTarget(join(REFERENCE_TARGETS_DIR, 'refnode-audit.target.yaml')) as ContainerTargetFile & { sourceFile: string };
    const suites = new Map<string, Suite>(loadAllSuites().map((s) => [s.id, s]));
    const pki = await TestPki.create({ runTag: 'audit-faults' });
    const runOne = async (fault: string) => {
      const file = { ...base, name: `refnode-audit-${fault.replace(/\./g, '')}`, command: [...base.command, '--audit-fault', fault] };
      const target = new ContainerTarget(file, { runId: FAULT_RUN_ID, pki, logDir: reports });
      const running = await target.start(new AbortController().signal);
      try {
        const records: CheckRecord[] = [];
        for (const [suiteId, checkId] of FAULTS[fault]!) {
          const suite = suites.get(suiteId)!;
          records.push(await runCheck(suite, suite.checks.find((c) => c.id === checkId)!, running, { signal: new AbortController().signal }));
        }
        faultRecords.set(fault, records);
      } finally {
        await running.stop();
      }
    };
    const queue = Object.keys(FAULTS);
    await Promise.all(Array.from({ length: AT_ONCE }, async () => {
      for (let f = queue.shift(); f !== undefined; f = queue.shift()) await runOne(f);
    }));
    const got = Object.fromEntries([...faultRecords].map(([fault, rs]) => [fault, rs.map((r) => `${r.suiteId}/${r.checkId}: ${r.verdict?.kind ?? r.status}`)]));
    const want = Object.fromEntries(Object.entries(FAULTS).map(([fault, checks]) => [fault, checks.map(([s, c]) => `${s}/${c}: fail`)]));
    const why = [...faultRecords.values()].flat().filter((r) => r.verdict?.kind !== 'fail').map((r) => `${r.checkId}: ${r.verdict?.summary ?? r.statusReason}`);
    expect(got, why.join('\n')).to.deep.equal(want);
  });

  it('every audit check is seen to pass and to fail somewhere', function () {
    const seen = new Map<string, Set<string>>();
    const add = (key: string, v: string | undefined) => {
      if (!seen.has(key)) seen.set(key, new Set());
      if (v) seen.get(key)!.add(v);
    };
    for (const s of summaries.values()) for (const suite of s.suites) for (const c of suite.checks) add(`${suite.id}/${c.id}`, c.verdict);
    for (const rs of faultRecords.values()) for (const r of rs) add(`${r.suiteId}/${r.checkId}`, r.verdict?.kind);
    const missing: string[] = [];
    for (const suite of loadAllSuites().filter((s) => (SUITES as readonly string[]).includes(s.id))) {
      for (const c of suite.checks) {
        const v = seen.get(`${suite.id}/${c.id}`) ?? new Set();
        if (!v.has('pass') || !v.has('fail')) missing.push(`${suite.id}/${c.id}: seen ${[...v].join(', ') || 'nothing'}`);
      }
    }
    expect(missing).to.deep.equal([]);
  });

  it('no container of these runs is left behind', function () {
    expectNoContainerLeftBy(new Map<string, { runId: string }>([...summaries, ['reference-node faults', { runId: FAULT_RUN_ID }]]));
  });
});
