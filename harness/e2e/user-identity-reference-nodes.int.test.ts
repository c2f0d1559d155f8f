/**
 * User identity suites (B.4, B.5, JWT type 5) against nodes in containers: part15's own reference
 * node (fixtures/reference-node, the only node here that enforces identity: TARGETS.md §0.7), each
 * of its negative variants, DCMTK storescp and Orthanc. Expected verdicts come from what each node
 * was seen to do by hand with DCMTK's storescu (fixtures/reference-node/OBSERVED.md, TARGETS.md
 * §4.4), not from part15's output. A third-party client (storescu -usr/-pwd/-rsp, --jwt) also shows
 * the reference node itself behaves. Passcodes and tokens never reach a report.
 */
import { expect } from 'chai';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBlindAcceptor, type BlindAcceptor } from '../../fixtures/peers/blind-acceptor-peer.ts';
import type { RunningTarget } from '../core/target.ts';
import { TestPki, writeSecretFiles } from '../pki/test-pki.ts';
import { tokenFor } from '../probes/dimse/jwt-variants.ts';
import type { SummaryJson } from '../report/summary-reporter.ts';
import { runCheck } from '../run/run-check.ts';
import { loadAllSuites } from '../suite/load-suite.ts';
import { loadTarget, type LoadedTarget } from '../suite/load-target.ts';
import type { ContainerTargetFile } from '../suite/schema.ts';
import { ContainerTarget } from '../targets/container-target.ts';
import { requireDocker } from './testing/docker-available.ts';
import { runCli } from './testing/run-cli.ts';
import { expectNoContainerLeftBy } from './testing/containers-left.ts';

type V = 'pass' | 'fail' | 'inconclusive' | 'not-applicable';
const P = 'pass', F = 'fail', I = 'inconclusive', NA = 'not-applicable';
const LAB_PASSCODE = 'part15-lab-only-NOT-A-SECRET';
const SUITES = ['b4-basic-user-identity', 'b5-user-identity-passcode', 'jwt-user-identity'] as const;
const B4 = ['no-identity-no-response', 'type1-without-response-request-no-response', 'type1-accepted', 'type1-positive-response', 'type2-accepted', 'type2-positive-response'] as const;
const B5 = [
  'valid-passcode-accepted', 'positive-response-when-requested', 'wrong-passcode-rejected', 'unknown-user-rejected', 'empty-passcode-rejected',
  'username-alone-rejected', 'missing-identity-rejected', 'rejection-permanent-acse', 'passcode-refused-in-cleartext',
  'item-length-too-long-refused', 'item-length-too-short-refused', 'primary-length-overrun-refused', 'reserved-identity-types-refused', 'duplicate-identity-refused',
] as const;
const JWT = ['valid-token-accepted', 'expired-token-rejected', 'premature-token-rejected', 'forged-signature-rejected', 'unsigned-token-rejected', 'wrong-audience-rejected', 'algorithm-confusion-rejected', 'token-refused-in-cleartext'] as const;
const rowOf = <T extends readonly string[]>(ids: T, v: V[]) => Object.fromEntries(ids.map((id, i) => [id, v[i]!]));

/** The conformant B.5 + JWT reference node's rows; the variants differ where their knob says. */
const b5Pass = rowOf(B5, B5.map(() => P));
const jwtPass = rowOf(JWT, JWT.map(() => P));
/** B.4 checks on a node that requires type 2: a username alone is rejected, so there is no response to read. */
const b4OnB5Node = rowOf(B4, [P, P, F, I, P, P]);

interface Expected {
  b4?: Record<string, V>;
  b5?: Record<string, V>;
  jwt?: Record<string, V>;
}
const EXPECTED: Record<string, Expected> = {
  'refnode-b5': { b4: b4OnB5Node, b5: b5Pass, jwt: jwtPass },
  'refnode-b4': { b4: rowOf(B4, B4.map(() => P)) },
  'refnode-accepts-any-passcode': {
    // Any passcode for a KNOWN user (OBSERVED.md); an unknown user is still rejected.
    b5: { ...b5Pass, 'wrong-passcode-rejected': F, 'empty-passcode-rejected': F, 'rejection-permanent-acse': I },
  },
  'refnode-ignores-positive-response': { b4: { ...b4OnB5Node, 'type2-positive-response': F }, b5: { ...b5Pass, 'positive-response-when-requested': F } },
  'refnode-transient-reject': { b5: { ...b5Pass, 'rejection-permanent-acse': F } },
  'refnode-passcodes-on-plain': { b5: { ...b5Pass, 'passcode-refused-in-cleartext': F }, jwt: { ...jwtPass, 'token-refused-in-cleartext': F } },
  'refnode-jwt-unverified': {
    jwt: { ...jwtPass, 'expired-token-rejected': F, 'premature-token-rejected': F, 'forged-signature-rejected': F, 'unsigned-token-rejected': F, 'wrong-audience-rejected': F, 'algorithm-confusion-rejected': F },
  },
  'refnode-identity-optional': { b5: { ...b5Pass, 'missing-identity-rejected': F } },
  'refnode-lenient-identity': { b5: { ...b5Pass, 'item-length-too-long-refused': F } },
  // Its account store is empty and its JWT audience is another node's: the declared identities are refused.
  'refnode-empty-user-store': {
    b4: rowOf(B4, [P, P, F, I, F, I]),
    b5: { ...b5Pass, 'valid-passcode-accepted': F, 'positive-response-when-requested': I },
    jwt: { ...jwtPass, 'valid-token-accepted': F },
  },
  // TARGETS.md §0.7/§4.4: storescp and Orthanc accept any user and passcode and never answer a
  // positive-response request. No credentials are declared, so the accepted identities are made up.
  'dcmtk-storescp-plain': {
    b4: rowOf(B4, [P, P, P, F, P, F]),
    b5: {
      'valid-passcode-accepted': P, 'positive-response-when-requested': F, 'wrong-passcode-rejected': F, 'unknown-user-rejected': F, 'empty-passcode-rejected': F,
      'username-alone-rejected': F, 'missing-identity-rejected': F, 'rejection-permanent-acse': I, 'passcode-refused-in-cleartext': F,
    },
    jwt: rowOf(JWT, JWT.map(() => NA)),
  },
  'orthanc-wide-open': {
    b4: rowOf(B4, [P, P, P, F, P, F]),
    b5: {
      'valid-passcode-accepted': P, 'positive-response-when-requested': F, 'wrong-passcode-rejected': F, 'unknown-user-rejected': F, 'empty-passcode-rejected': F,
      'username-alone-rejected': F, 'missing-identity-rejected': F, 'rejection-permanent-acse': I, 'passcode-refused-in-cleartext': F,
    },
    jwt: rowOf(JWT, JWT.map(() => NA)),
  },
};

describe('user identity suites against the reference node, its variants, storescp and Orthanc (containers)', function () {
  this.timeout(240_000);
  const reports = mkdtempSync(join(tmpdir(), 'part15-uid-'));
  const summaries = new Map<string, SummaryJson>();

  before(function () {
    requireDocker(this);
  });
  after(function () {
    rmSync(reports, { recursive: true, force: true });
  });

  for (const [target, expected] of Object.entries(EXPECTED)) {
    it(`${target}: ${Object.keys(expected).join(', ')} verdicts as observed by hand`, async function () {
      const dir = join(reports, target);
      const res = await runCli(['run', '--target', `fixtures/targets/${target}.target.yaml`, '--suite', SUITES.join(','), '--report-dir', dir]);
      const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as SummaryJson;
      summaries.set(target, summary);
      // Then each expected row is what the run gave (only the checks the row names)
      const got = (suiteId: string, row: Record<string, V>) => {
        const suite = summary.suites.find((s) => s.id === suiteId)!;
        return Object.fromEntries(Object.keys(row).map((id) => [id, suite.checks.find((c) => c.id === id)?.verdict ?? suite.checks.find((c) => c.id === id)?.status]));
      };
      if (expected.b4) expect(got(SUITES[0], expected.b4), `${SUITES[0]}\n${res.stderr.slice(-3000)}`).to.deep.equal(expected.b4);
      if (expected.b5) expect(got(SUITES[1], expected.b5), `${SUITES[1]}\n${res.stderr.slice(-3000)}`).to.deep.equal(expected.b5);
      if (expected.jwt) expect(got(SUITES[2], expected.jwt), `${SUITES[2]}\n${res.stderr.slice(-3000)}`).to.deep.equal(expected.jwt);
      // And nothing errored
      expect(summary.suites.flatMap((s) => s.checks).filter((c) => c.verdict === 'error').map((c) => `${c.id}: ${c.summary}`)).to.deep.equal([]);
      // And no report holds the passcode or anything shaped like a JWT
      for (const file of readdirSync(dir).filter((f) => f !== 'mochawesome.html')) {
        const text = readFileSync(join(dir, file), 'utf8');
        expect(text.includes(LAB_PASSCODE), `${file} holds the passcode`).to.equal(false);
        expect(/eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\./.test(text), `${file} holds a JWT`).to.equal(false);
      }
    });
  }

  it('storescp and Orthanc are not conformant to B.5, and their positive-response checks fail (TARGETS.md §0.7)', function () {
    for (const target of ['dcmtk-storescp-plain', 'orthanc-wide-open']) {
      const s = summaries.get(target)!;
      expect(s.suites.find((x) => x.id === 'b5-user-identity-passcode')!.outcome, target).to.equal('not-conformant');
      expect(s.suites.find((x) => x.id === 'b4-basic-user-identity')!.checks.filter((c) => c.id.endsWith('positive-response')).map((c) => c.verdict)).to.deep.equal(['fail', 'fail']);
    }
    expect(summaries.get('refnode-b5')!.suites.find((x) => x.id === 'b5-user-identity-passcode')!.outcome).to.equal('conformant');
    expect(summaries.get('refnode-b5')!.suites.find((x) => x.id === 'jwt-user-identity')!.outcome).to.equal('conformant');
    expect(summaries.get('refnode-b4')!.suites.find((x) => x.id === 'b4-basic-user-identity')!.outcome).to.equal('conformant');
  });

  it('no container of these runs is left behind', function () {
    expectNoContainerLeftBy(summaries);
  });

  describe('the checks no real node here fails: a blind acceptor (fixtures/peers/blind-acceptor-peer.ts)', function () {
    let peers: BlindAcceptor[] = [];
    let pki: TestPki;
    before(async function () {
      pki = await TestPki.create({ runTag: 'blind' });
    });
    after(async function () {
      for (const p of peers) await p.close();
      peers = [];
    });
    const targetAt = (port: number): RunningTarget => ({
      name: 'blind-acceptor',
      description: 'accepts any A-ASSOCIATE-RQ unread',
      kind: 'external',
      endpoints: { dimse: { host: '127.0.0.1', port, calledAeTitle: 'ANY-SCP' } },
      pki,
      maxConnections: 1,
      identity: { username: 'alice', passcode: 'whatever' },
      stop: async () => {},
    });
    const run = async (suiteId: string, checkId: string, alwaysRespond: boolean) => {
      const peer = await startBlindAcceptor({ alwaysRespond });
      peers.push(peer);
      const suite = loadAllSuites().find((s) => s.id === suiteId)!;
      return runCheck(suite, suite.checks.find((c) => c.id === checkId)!, targetAt(peer.port), { signal: new AbortController().signal });
    };
    for (const id of ['item-length-too-short-refused', 'primary-length-overrun-refused', 'reserved-identity-types-refused', 'duplicate-identity-refused']) {
      it(`b5 ${id}: fails on a node that accepts it`, async function () {
        const record = await run('b5-user-identity-passcode', id, false);
        expect(record.verdict?.kind, JSON.stringify(record.verdict)).to.equal('fail');
      });
    }
    for (const id of ['no-identity-no-response', 'type1-without-response-request-no-response']) {
      it(`b4 ${id}: fails on a node that volunteers a 0x59`, async function () {
        const record = await run('b4-basic-user-identity', id, true);
        expect(record.verdict?.kind, JSON.stringify(record.verdict)).to.equal('fail');
      });
    }
  });

  it('every identity check is seen to pass and to fail somewhere (the blind acceptor above takes the rest)', function () {
    const BLIND = new Set(['b5-user-identity-passcode/item-length-too-short-refused', 'b5-user-identity-passcode/primary-length-overrun-refused', 'b5-user-identity-passcode/reserved-identity-types-refused', 'b5-user-identity-passcode/duplicate-identity-refused', 'b4-basic-user-identity/no-identity-no-response', 'b4-basic-user-identity/type1-without-response-request-no-response']);
    const seen = new Map<string, Set<string>>();
    for (const s of summaries.values()) for (const suite of s.suites) for (const c of suite.checks) {
      const key = `${suite.id}/${c.id}`;
      if (!seen.has(key)) seen.set(key, new Set());
      if (c.verdict) seen.get(key)!.add(c.verdict);
    }
    const missing: string[] = [];
    for (const suite of loadAllSuites().filter((s) => (SUITES as readonly string[]).includes(s.id))) {
      for (const c of suite.checks) {
        const key = `${suite.id}/${c.id}`;
        const v = seen.get(key) ?? new Set();
        if (!v.has('pass') || (!v.has('fail') && !BLIND.has(key))) missing.push(`${key}: seen ${[...v].join(', ')}`);
      }
    }
    expect(missing).to.deep.equal([]);
  });
});

describe('third-party proof: DCMTK storescu against the reference node (containers)', function () {
  this.timeout(120_000);
  let target: RunningTarget;
  let dir: string;
  let files: Awaited<ReturnType<typeof writeSecretFiles>>;
  before(async function () {
    requireDocker(this);
    const pki = await TestPki.create({ runTag: 'storescu' });
    const file = loadTarget('fixtures/targets/refnode-b5.target.yaml') as LoadedTarget & ContainerTargetFile;
    dir = mkdtempSync(join(tmpdir(), 'part15-storescu-'));
    target = await new ContainerTarget(file, { runId: 'storescu-proof', pki, logDir: dir }).start(new AbortController().signal);
    const client = pki.clientCertificate('valid') as { certPem: string; keyPem: string };
    const jwt = await tokenFor('valid', target.identity!.jwt!, 'alice');
    const expired = await tokenFor('expired', target.identity!.jwt!, 'alice');
    files = await writeSecretFiles({ 'ca.crt': pki.caCertPem, 'client.crt': client.certPem, 'client.key': client.keyPem, 'valid.jwt': jwt.token, 'expired.jwt': expired.token });
    execFileSync('dump2dcm', ['+te', 'fixtures/images/synthetic-data/alice-1.dump', join(dir, 'alice-1.dcm')]);
  });
  after(async function () {
    await target?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
    if (files) rmSync(files.dir, { recursive: true, force: true });
  });
  const storescu = (identity: string[]) => {
    const tls = ['+tls', files.paths['client.key']!, files.paths['client.crt']!, '+cf', files.paths['ca.crt']!];
    const r = spawnSync('storescu', ['-v', ...tls, '-aet', 'DCMTK-SCU', '-aec', 'REFNODE', ...identity, '127.0.0.1', String(target.endpoints.dimseTls!.port), join(dir, 'alice-1.dcm')], { encoding: 'utf8', timeout: 30_000 });
    return { code: r.status, out: `${r.stdout}${r.stderr}` };
  };

  it('accepts alice with her passcode and answers the positive-response request', function () {
    const r = storescu(['-usr', 'alice', '-pwd', LAB_PASSCODE, '-rsp']);
    expect(r.code, r.out).to.equal(0);
    expect(r.out).to.match(/Association Accepted/);
  });
  it('rejects a wrong passcode, permanently', function () {
    const r = storescu(['-usr', 'alice', '-pwd', 'not-her-passcode', '-rsp']);
    expect(r.code, r.out).to.not.equal(0);
    expect(r.out).to.match(/Association Rejected/);
    expect(r.out).to.match(/Rejected Permanent/);
  });
  it('accepts a valid JWT (type 5) and rejects an expired one', function () {
    expect(storescu(['--jwt', files.paths['valid.jwt']!, '-rsp']).code).to.equal(0);
    const r = storescu(['--jwt', files.paths['expired.jwt']!]);
    expect(r.code, r.out).to.not.equal(0);
    expect(r.out).to.match(/Association Rejected/);
  });
});
