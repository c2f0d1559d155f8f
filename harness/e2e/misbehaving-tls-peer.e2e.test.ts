/**
 * Every tls.hello check must be seen to fail. Many cannot fail on any third-party node we have
 * (DCMTK 3.6.7 / OpenSSL 3 always sends the downgrade sentinel, never compresses, never echoes
 * truncated_hmac, uses a 2048-bit DHE group, refuses SSL 3.0, …), so each case here runs one real
 * check from suites/*.suite.yaml against fixtures/peers/server-hello-parrot.ts configured to break
 * exactly that check's rule — and then against a parrot that keeps the rule, which must pass. The
 * pair shows the fail comes from the one misbehaviour, not from the parrot's other manners.
 *
 * Checks are picked by suite id and check id from loadAllSuites(), so renaming or dropping one
 * breaks this test. runCheck is called directly (no CLI child process): one check takes a few ms.
 */
import { expect } from 'chai';
import { startServerHelloParrot, type ParrotBehaviour, type ServerHelloParrot } from '../../fixtures/peers/server-hello-parrot.ts';
import type { CheckRecord } from '../core/run-record.ts';
import type { RunningTarget } from '../core/target.ts';
import { TestPki } from '../pki/test-pki.ts';
import { parseSuiteRef } from '../probes/tls/hello/cipher-suites.ts';
import { runCheck } from '../run/run-check.ts';
import { loadAllSuites } from '../suite/load-suite.ts';

const code = (name: string) => parseSuiteRef(name).code;
const TLS_RSA_WITH_3DES_EDE_CBC_SHA = code('TLS_RSA_WITH_3DES_EDE_CBC_SHA');
const TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 = code('TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256');

interface Case {
  suite: string;
  check: string;
  /** The parrot that breaks the check's rule, and what the fail's `observed` must mention. */
  broken: ParrotBehaviour;
  observed: RegExp;
  /** The same parrot keeping the rule: the check must pass on it. */
  behaving: ParrotBehaviour;
}

const CASES: readonly Case[] = [
  // ---- B.12
  { suite: 'b12-bcp195-rfc8996-9325', check: 'sslv3-refused', broken: { version: 'offered' }, observed: /ServerHello SSLv3/, behaving: {} },
  { suite: 'b12-bcp195-rfc8996-9325', check: 'null-rc4-export-refused', broken: {}, observed: /TLS_RSA_WITH_NULL_MD5/, behaving: { suite: 'refuse' } },
  { suite: 'b12-bcp195-rfc8996-9325', check: '3des-refused', broken: {}, observed: /TLS_RSA_WITH_3DES_EDE_CBC_SHA/, behaving: { suite: { firstOf: [TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256] } } },
  { suite: 'b12-bcp195-rfc8996-9325', check: 'forward-secret-suite-preferred', broken: {}, observed: /TLS_RSA_WITH_AES_128_CBC_SHA\b/, behaving: { suite: { firstOf: [TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256] } } },
  { suite: 'b12-bcp195-rfc8996-9325', check: 'ecdhe-rsa-aes128-gcm-preferred-over-cbc', broken: {}, observed: /TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA\b/, behaving: { suite: { firstOf: [TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256] } } },
  { suite: 'b12-bcp195-rfc8996-9325', check: 'cbc-without-encrypt-then-mac-refused', broken: {}, observed: /TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA\b/, behaving: { suite: 'refuse' } },
  { suite: 'b12-bcp195-rfc8996-9325', check: 'dhe-at-least-2048-bits', broken: { dhePrimeBits: 1024 }, observed: /DHE 1024 bits/, behaving: { dhePrimeBits: 2048 } },
  { suite: 'b12-bcp195-rfc8996-9325', check: 'curves-below-224-bits-refused', broken: {}, observed: /ECDHE secp192r1/, behaving: { suite: 'refuse' } },
  { suite: 'b12-bcp195-rfc8996-9325', check: 'renegotiation-info-acknowledged', broken: { omitRenegotiationInfo: true }, observed: /renegotiation_info missing/, behaving: {} },
  { suite: 'b12-bcp195-rfc8996-9325', check: 'extended-master-secret-supported', broken: { omitExtendedMasterSecret: true }, observed: /extended_master_secret missing/, behaving: {} },
  { suite: 'b12-bcp195-rfc8996-9325', check: 'compression-not-used', broken: { compression: 'first-offered' }, observed: /compression method 1\b/, behaving: {} },
  { suite: 'b12-bcp195-rfc8996-9325', check: 'truncated-hmac-not-used', broken: { echoTruncatedHmac: true }, observed: /truncated_hmac echoed/, behaving: {} },
  { suite: 'b12-bcp195-rfc8996-9325', check: 'downgrade-sentinel-sent', broken: { speaksTls13: true }, observed: /sentinel: none/, behaving: { speaksTls13: true, downgradeSentinel: true } },
  // ---- B.13
  { suite: 'b13-modified-bcp195-rfc8996-9325', check: 'dhe-at-least-2048-bits', broken: { dhePrimeBits: 1024 }, observed: /DHE 1024 bits/, behaving: {} },
  { suite: 'b13-modified-bcp195-rfc8996-9325', check: 'ecdhe-group-below-256-bits-refused', broken: {}, observed: /ECDHE secp224r1/, behaving: { suite: 'refuse' } },
  { suite: 'b13-modified-bcp195-rfc8996-9325', check: 'no-suite-outside-the-permitted-list', broken: {}, observed: /TLS_RSA_WITH_NULL_MD5/, behaving: { suite: { firstOf: [TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256] } } },
  // ---- B.9, B.11
  { suite: 'b9-bcp195', check: 'sslv3-refused', broken: { version: 'offered' }, observed: /ServerHello SSLv3/, behaving: {} },
  { suite: 'b9-bcp195', check: 'fallback-scsv-honoured', broken: { version: 'offered' }, observed: /ServerHello TLSv1\.1/, behaving: {} },
  { suite: 'b11-extended-bcp195', check: 'tls13-not-negotiated', broken: { speaksTls13: true }, observed: /ServerHello TLSv1\.3 TLS_AES_128_GCM_SHA256/, behaving: {} },
];

describe('tls.hello checks against a misbehaving TLS peer (server-hello-parrot)', function () {
  this.timeout(20_000);
  const suites = loadAllSuites();
  const open = new Set<ServerHelloParrot>();
  let pki: TestPki;
  let certPem: string;

  before(async function () {
    pki = await TestPki.create({ runTag: 'parrot' });
    certPem = pki.serverCredential('rsa-2048').certPem;
  });
  afterEach(async function () {
    await Promise.all([...open].map((p) => p.close()));
    open.clear();
  });

  function findCheck(suiteId: string, checkId: string) {
    const suite = suites.find((s) => s.id === suiteId);
    if (!suite) throw new Error(`no suite ${suiteId} under suites/`);
    const check = suite.checks.find((c) => c.id === checkId);
    if (!check) throw new Error(`no check ${checkId} in ${suiteId}`);
    return { suite, check };
  }

  /** Runs one real check against a fresh parrot; the parrot must have seen one hello per step. */
  async function judge(suiteId: string, checkId: string, behaviour: ParrotBehaviour): Promise<CheckRecord> {
    const { suite, check } = findCheck(suiteId, checkId);
    expect(check.skip, `${suiteId}/${checkId} is disabled in the suite`).to.equal(undefined);
    const parrot = await startServerHelloParrot(behaviour, certPem);
    open.add(parrot);
    const record = await runCheck(suite, check, parrotTarget(parrot.port, pki), { signal: new AbortController().signal });
    expect(parrot.hellos, 'ClientHellos the parrot decoded').to.have.length(check.steps.length);
    return record;
  }

  for (const c of CASES) {
    it(`${c.suite}/${c.check} fails on a parrot with ${JSON.stringify(c.broken)}`, async function () {
      const record = await judge(c.suite, c.check, c.broken);
      expect(record.status).to.equal('judged');
      // Exactly a fail for the requirement: not a pass, not inconclusive, not a harness error.
      expect(record.verdict?.kind, JSON.stringify(record.verdict)).to.equal('fail');
      expect(record.verdict?.reason).to.equal('requirement-not-met');
      const v = record.verdict as Extract<CheckRecord['verdict'], { kind: 'fail' }>;
      expect(`${v.summary} | ${v.observed}`).to.match(c.observed);
    });

    it(`${c.suite}/${c.check} passes on a parrot with ${JSON.stringify(c.behaving)}`, async function () {
      const record = await judge(c.suite, c.check, c.behaving);
      expect(record.status).to.equal('judged');
      expect(record.verdict?.kind, JSON.stringify(record.verdict)).to.equal('pass');
      expect(record.verdict?.reason).to.equal('requirement-met');
    });
  }

  // No OpenSSL 3 node here (DCMTK, Orthanc) can negotiate 3DES: the parrot choosing
  // TLS_RSA_WITH_3DES_EDE_CBC_SHA is the only place these two checks can be seen to pass.
  for (const [suiteId, checkId] of [
    ['b3-aes-tls', '3des-fallback-supported'],
    ['b1-basic-tls', '3des-supported'],
  ] as const) {
    it(`${suiteId}/${checkId} passes on a parrot that chooses 3DES (the only node here that can)`, async function () {
      const record = await judge(suiteId, checkId, { suite: { firstOf: [TLS_RSA_WITH_3DES_EDE_CBC_SHA] } });
      expect(record.verdict?.kind, JSON.stringify(record.verdict)).to.equal('pass');
      expect(record.verdict?.reason).to.equal('requirement-met');
      const evidence = record.evidence[0];
      expect(evidence?.kind === 'tls-hello' && evidence.outcome.status === 'server-hello' ? evidence.outcome.cipherSuite.name : undefined).to.equal('TLS_RSA_WITH_3DES_EDE_CBC_SHA');
    });

    it(`${suiteId}/${checkId} fails on a parrot without 3DES`, async function () {
      const record = await judge(suiteId, checkId, { suite: { firstOf: [TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256] } });
      expect(record.verdict?.kind, JSON.stringify(record.verdict)).to.equal('fail');
      expect(record.verdict?.reason).to.equal('requirement-not-met');
    });
  }

  it('the parrot answers what the prober parses: a full TLS 1.2 flight is read to ServerHelloDone', async function () {
    const record = await judge('b12-bcp195-rfc8996-9325', 'dhe-at-least-2048-bits', {});
    const ev = record.evidence[0];
    expect(ev?.kind).to.equal('tls-hello');
    if (ev?.kind !== 'tls-hello' || ev.outcome.status !== 'server-hello') throw new Error(`no ServerHello: ${JSON.stringify(ev)}`);
    expect(ev.outcome.version).to.equal('TLSv1.2');
    expect(ev.outcome.serverKeyExchange).to.deep.equal({ kind: 'dhe', primeBits: 2048 });
    expect(ev.outcome.certificates?.[0]?.keyType).to.equal('RSA');
    expect(ev.outcome.certificateRequest).to.equal(false); // set only when ServerHelloDone was seen
    expect(ev.outcome.downgradeSentinel).to.equal(undefined);
  });
});

function parrotTarget(port: number, pki: TestPki): RunningTarget {
  return {
    name: 'server-hello-parrot',
    description: 'fixtures/peers/server-hello-parrot.ts on loopback',
    kind: 'external',
    endpoints: { dimseTls: { host: '127.0.0.1', port, calledAeTitle: 'PARROT' } },
    pki,
    maxConnections: 1,
    stop: async () => {},
  };
}
