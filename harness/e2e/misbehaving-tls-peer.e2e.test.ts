/**
 * Every tls.hello check must be seen to fail. Many cannot fail on any third-party node we have
 * (DCMTK 3.6.7 / OpenSSL 3 always sends the downgrade sentinel, never compresses, never echoes
 * truncated_hmac, uses a 2048-bit DHE group, refuses SSL 3.0, …), so each case here runs one real
 * check from suites/*.suite.yaml against fixtures/peers/server-hello-parrot.ts configured to break
 * exactly that check's rule — and then against a parrot that keeps the rule, which must pass. The
 * pair shows the fail comes from the one misbehaviour, not from the parrot's other manners.
 *
 * Checks are picked by suite id and check id from loadAllSuites(), so renaming or dropping one
 * breaks this test, and the first test demands a row for every (non-skipped) tls.hello check, so a
 * new one must be shown to fail here too. runCheck is called directly (no CLI child process): one
 * check takes a few ms; the whole file about 2 s, most of it TestPki.create.
 */
import { expect } from 'chai';
import { startServerHelloParrot, type ParrotBehaviour, type ServerHelloParrot } from '../../fixtures/peers/server-hello-parrot.ts';
import type { CheckRecord } from '../core/run-record.ts';
import { TestPki } from '../pki/test-pki.ts';
import { parseSuiteRef, suiteName } from '../probes/tls/hello/cipher-suites.ts';
import { loopbackTarget } from './testing/loopback-target.ts';
import { runCheck } from '../run/run-check.ts';
import { loadAllSuites } from '../suite/load-suite.ts';

const code = (name: string) => parseSuiteRef(name).code;
const firstOf = (...names: string[]): ParrotBehaviour => ({ suite: { firstOf: names.map(code) } });
const B1 = 'b1-basic-tls';
const B3 = 'b3-aes-tls';
const B9 = 'b9-bcp195';
const B10 = 'b10-non-downgrading-bcp195';
const B11 = 'b11-extended-bcp195';
const B12 = 'b12-bcp195-rfc8996-9325';
const B13 = 'b13-modified-bcp195-rfc8996-9325';
/** A suite every "all TLS 1.2 suites" key step offers, for the EC / RSA key: the key step is answered, the single-suite step refused. */
const ONLY_ECDSA_CBC = firstOf('TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA');
const ONLY_RSA_CBC = firstOf('TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA');
const GCM_FIRST = firstOf('TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256');
const HANDSHAKE_FAILURE = /the server refused: TLS alert 40 handshake_failure/;

interface Case {
  suite: string;
  check: string;
  /** The parrot that breaks the check's rule, and what the fail's summary or `observed` must mention. */
  broken: ParrotBehaviour;
  observed: RegExp;
  /** The same parrot keeping the rule: the check must pass on it. */
  behaving: ParrotBehaviour;
  /** The parrot's certificate key (default rsa-2048). */
  cert?: 'ec-p256';
}

/** One row per tls.hello check in suites/ (the coverage test below keeps it that way). */
const CASES: readonly Case[] = [
  // ---- B.1, B.3. No OpenSSL 3 node here (DCMTK, Orthanc) can negotiate 3DES: a parrot choosing
  // TLS_RSA_WITH_3DES_EDE_CBC_SHA is the only place 3des-supported and 3des-fallback-supported can be seen to pass.
  { suite: B1, check: '3des-supported', broken: GCM_FIRST, observed: HANDSHAKE_FAILURE, behaving: firstOf('TLS_RSA_WITH_3DES_EDE_CBC_SHA') },
  { suite: B3, check: '3des-fallback-supported', broken: GCM_FIRST, observed: HANDSHAKE_FAILURE, behaving: firstOf('TLS_RSA_WITH_3DES_EDE_CBC_SHA') },
  { suite: B3, check: 'aes128-cbc-sha-supported', broken: {}, observed: /chose TLS_RSA_WITH_3DES_EDE_CBC_SHA/, behaving: firstOf('TLS_RSA_WITH_AES_128_CBC_SHA') },
  // ---- B.9
  { suite: B9, check: 'tls12-supported', broken: { version: 'TLSv1.1' }, observed: /the server chose TLSv1\.1/, behaving: {} },
  { suite: B9, check: 'sslv3-refused', broken: { version: 'offered' }, observed: /ServerHello SSLv3/, behaving: {} },
  { suite: B9, check: 'tls10-not-negotiated', broken: { version: 'offered' }, observed: /ServerHello TLSv1 TLS_/, behaving: {} },
  { suite: B9, check: 'fallback-scsv-honoured', broken: { version: 'offered' }, observed: /ServerHello TLSv1\.1/, behaving: {} },
  { suite: B9, check: 'prefers-ecdhe-rsa-aes128-gcm', broken: {}, observed: /chose TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA\b/, behaving: GCM_FIRST },
  { suite: B9, check: 'dhe-at-least-2048-bits', broken: { dhePrimeBits: 1024 }, observed: /DHE 1024 bits/, behaving: {} },
  // ---- B.10
  { suite: B10, check: 'tls10-refused', broken: { version: 'offered' }, observed: /ServerHello TLSv1 TLS_/, behaving: {} },
  { suite: B10, check: 'tls11-refused', broken: { version: 'offered' }, observed: /ServerHello TLSv1\.1/, behaving: {} },
  { suite: B10, check: 'dhe-rsa-aes128-gcm-supported', broken: { suite: 'refuse' }, observed: HANDSHAKE_FAILURE, behaving: {} },
  { suite: B10, check: 'ecdhe-rsa-aes128-gcm-supported', broken: { suite: 'refuse' }, observed: HANDSHAKE_FAILURE, behaving: {} },
  { suite: B10, check: 'dhe-rsa-aes256-gcm-supported', broken: { version: 'TLSv1.1' }, observed: /the server chose TLSv1\.1/, behaving: {} },
  { suite: B10, check: 'ecdhe-rsa-aes256-gcm-supported', broken: { version: 'TLSv1.1' }, observed: /the server chose TLSv1\.1/, behaving: {} },
  // ---- B.11
  { suite: B11, check: 'tls10-and-tls11-refused', broken: { version: 'offered' }, observed: /ServerHello TLSv1\.1/, behaving: {} },
  { suite: B11, check: 'tls13-not-negotiated', broken: { speaksTls13: true }, observed: /ServerHello TLSv1\.3 TLS_AES_128_GCM_SHA256/, behaving: {} },
  { suite: B11, check: 'no-suite-outside-the-permitted-list', broken: {}, observed: /ServerHello TLSv1\.2 TLS_RSA_WITH_NULL_MD5/, behaving: GCM_FIRST },
  { suite: B11, check: 'required-suites-supported', broken: { suite: 'refuse' }, observed: HANDSHAKE_FAILURE, behaving: {} },
  { suite: B11, check: 'dhe-at-least-2048-bits', broken: { dhePrimeBits: 1024 }, observed: /DHE 1024 bits/, behaving: {} },
  { suite: B11, check: 'ecdhe-group-below-256-bits-refused', broken: {}, observed: /ECDHE secp224r1/, behaving: { suite: 'refuse' } },
  // ---- B.12
  { suite: B12, check: 'sslv3-refused', broken: { version: 'offered' }, observed: /ServerHello SSLv3/, behaving: {} },
  { suite: B12, check: 'null-rc4-export-refused', broken: {}, observed: /TLS_RSA_WITH_NULL_MD5/, behaving: { suite: 'refuse' } },
  { suite: B12, check: '3des-refused', broken: {}, observed: /TLS_RSA_WITH_3DES_EDE_CBC_SHA/, behaving: GCM_FIRST },
  { suite: B12, check: 'forward-secret-suite-preferred', broken: {}, observed: /chose TLS_RSA_WITH_AES_128_CBC_SHA\b/, behaving: GCM_FIRST },
  { suite: B12, check: 'ecdhe-rsa-aes128-gcm-preferred-over-cbc', broken: {}, observed: /chose TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA\b/, behaving: GCM_FIRST },
  { suite: B12, check: 'cbc-without-encrypt-then-mac-refused', broken: {}, observed: /TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA\b/, behaving: { suite: 'refuse' } },
  { suite: B12, check: 'dhe-at-least-2048-bits', broken: { dhePrimeBits: 1024 }, observed: /DHE 1024 bits/, behaving: { dhePrimeBits: 2048 } },
  { suite: B12, check: 'curves-below-224-bits-refused', broken: {}, observed: /ECDHE secp192r1/, behaving: { suite: 'refuse' } },
  { suite: B12, check: 'renegotiation-info-acknowledged', broken: { omitRenegotiationInfo: true }, observed: /renegotiation_info missing/, behaving: {} },
  { suite: B12, check: 'extended-master-secret-supported', broken: { omitExtendedMasterSecret: true }, observed: /extended_master_secret missing/, behaving: {} },
  { suite: B12, check: 'compression-not-used', broken: { compression: 'first-offered' }, observed: /compression method 1\b/, behaving: {} },
  { suite: B12, check: 'truncated-hmac-not-used', broken: { echoTruncatedHmac: true }, observed: /truncated_hmac echoed/, behaving: {} },
  // DCMTK and Orthanc do not staple: the parrot echoing status_request is the only place this check passes.
  { suite: B12, check: 'ocsp-stapling-offered', broken: {}, observed: /status_request missing/, behaving: { echoStatusRequest: true } },
  { suite: B12, check: 'downgrade-sentinel-sent', broken: { speaksTls13: true }, observed: /sentinel: none/, behaving: { speaksTls13: true, downgradeSentinel: true } },
  // ---- B.13 (OpenSSL disables the TLS 1.3 CCM suites by default: the parrot may be the only node where those pass)
  { suite: B13, check: 'no-suite-outside-the-permitted-list', broken: {}, observed: /TLS_RSA_WITH_NULL_MD5/, behaving: GCM_FIRST },
  { suite: B13, check: 'no-tls10-or-tls11', broken: { version: 'offered' }, observed: /ServerHello TLSv1\.1/, behaving: {} },
  ...['tls13-aes-128-gcm-sha256', 'tls13-aes-256-gcm-sha384', 'tls13-chacha20-poly1305-sha256', 'tls13-aes-128-ccm-sha256', 'tls13-aes-128-ccm-8-sha256'].map(
    (id): Case => ({ suite: B13, check: `${id}-supported`, broken: {}, observed: /TLS alert 70 protocol_version/, behaving: { speaksTls13: true } }),
  ),
  ...['aes-256-gcm-sha384', 'aes-256-ccm', 'aes-256-ccm-8', 'chacha20-poly1305-sha256', 'aes-128-gcm-sha256', 'aes-128-ccm', 'aes-128-ccm-8'].map(
    (id): Case => ({ suite: B13, check: `tls12-ecdhe-ecdsa-${id}-supported`, broken: ONLY_ECDSA_CBC, observed: HANDSHAKE_FAILURE, behaving: {}, cert: 'ec-p256' }),
  ),
  ...['aes-256-gcm-sha384', 'chacha20-poly1305-sha256', 'aes-128-gcm-sha256'].map(
    (id): Case => ({ suite: B13, check: `tls12-ecdhe-rsa-${id}-supported`, broken: ONLY_RSA_CBC, observed: HANDSHAKE_FAILURE, behaving: {} }),
  ),
  { suite: B13, check: 'dhe-at-least-2048-bits', broken: { dhePrimeBits: 1024 }, observed: /DHE 1024 bits/, behaving: {} },
  { suite: B13, check: 'ecdhe-group-below-256-bits-refused', broken: {}, observed: /ECDHE secp224r1/, behaving: { suite: 'refuse' } },
];

describe('tls.hello checks against a misbehaving TLS peer (server-hello-parrot)', function () {
  this.timeout(20_000);
  const suites = loadAllSuites();
  const open = new Set<ServerHelloParrot>();
  let pki: TestPki;
  const certPem: Partial<Record<'rsa-2048' | 'ec-p256', string>> = {};

  before(async function () {
    pki = await TestPki.create({ runTag: 'parrot' });
    certPem['rsa-2048'] = pki.serverCredential('rsa-2048').certPem;
    certPem['ec-p256'] = pki.serverCredential('ec-p256').certPem;
  });
  afterEach(async function () {
    await Promise.all([...open].map((p) => p.close()));
    open.clear();
  });
  after(async function () {
    await Promise.all([...open].map((p) => p.close()));
  });

  function findCheck(suiteId: string, checkId: string) {
    const suite = suites.find((s) => s.id === suiteId);
    if (!suite) throw new Error(`no suite ${suiteId} under suites/`);
    const check = suite.checks.find((c) => c.id === checkId);
    if (!check) throw new Error(`no check ${checkId} in ${suiteId}`);
    return { suite, check };
  }

  /** Runs one real check against a fresh parrot; the parrot must have decoded one hello per step. */
  async function judge(suiteId: string, checkId: string, behaviour: ParrotBehaviour, cert: 'rsa-2048' | 'ec-p256' = 'rsa-2048'): Promise<CheckRecord> {
    const { suite, check } = findCheck(suiteId, checkId);
    expect(check.skip, `${suiteId}/${checkId} is disabled in the suite`).to.equal(undefined);
    const parrot = await startServerHelloParrot(behaviour, certPem[cert]!);
    open.add(parrot);
    const record = await runCheck(suite, check, loopbackTarget('server-hello-parrot', parrot.port, pki, 'PARROT'), { signal: new AbortController().signal });
    expect(parrot.hellos, 'ClientHellos the parrot decoded').to.have.length(check.steps.length);
    return record;
  }

  it('has one case for every tls.hello check in suites/ (each must be seen to fail and to pass)', function () {
    const helloChecks = suites.flatMap((s) => s.checks.filter((c) => !c.skip && c.steps.every((st) => st.probe === 'tls.hello')).map((c) => `${s.id}/${c.id}`));
    const cased = CASES.map((c) => `${c.suite}/${c.check}`);
    expect(new Set(cased).size, 'duplicate cases').to.equal(cased.length);
    expect([...cased].sort()).to.deep.equal([...helloChecks].sort());
  });

  for (const c of CASES) {
    const label = (b: ParrotBehaviour) =>
      JSON.stringify(b, (k, v: unknown) => (k === 'firstOf' ? (v as number[]).map(suiteName) : v)) + (c.cert ? ` (${c.cert} certificate)` : '');
    it(`${c.suite}/${c.check} fails on a parrot with ${label(c.broken)}`, async function () {
      const record = await judge(c.suite, c.check, c.broken, c.cert);
      expect(record.status, JSON.stringify(record)).to.equal('judged');
      // Exactly a fail for the requirement: not a pass, not inconclusive, not a harness error.
      expect(record.verdict?.kind, JSON.stringify(record.verdict)).to.equal('fail');
      expect(record.verdict?.reason).to.equal('requirement-not-met');
      const v = record.verdict as Extract<CheckRecord['verdict'], { kind: 'fail' }>;
      expect(`${v.summary} | ${v.observed}`).to.match(c.observed);
    });

    it(`${c.suite}/${c.check} passes on a parrot with ${label(c.behaving)}`, async function () {
      const record = await judge(c.suite, c.check, c.behaving, c.cert);
      expect(record.status, JSON.stringify(record)).to.equal('judged');
      expect(record.verdict?.kind, JSON.stringify(record.verdict)).to.equal('pass');
      expect(record.verdict?.reason).to.equal('requirement-met');
    });
  }

  it('an EC-only check is not applicable (never a pass) on a parrot with an RSA certificate', async function () {
    const record = await judge(B13, 'tls12-ecdhe-ecdsa-aes-256-gcm-sha384-supported', {});
    expect(record.status).to.equal('not-applicable');
    expect(record.verdict).to.equal(undefined);
  });

  // Found with this parrot: a ServerHello picking a suite that was never offered used to pass
  // 3des-supported. The tls.hello probe now reports it as a protocol violation.
  it('a ServerHello choosing a suite that was not offered never passes (b1-basic-tls/3des-supported)', async function () {
    const record = await judge(B1, '3des-supported', { suite: { always: code('TLS_RSA_WITH_AES_128_CBC_SHA') } });
    expect(record.verdict?.kind, JSON.stringify(record.verdict)).to.not.equal('pass');
  });

  it('the parrot answers what the prober parses: a full TLS 1.2 flight is read to ServerHelloDone', async function () {
    const record = await judge(B12, 'dhe-at-least-2048-bits', {});
    const ev = record.evidence[0];
    if (ev?.kind !== 'tls-hello' || ev.outcome.status !== 'server-hello') throw new Error(`no ServerHello: ${JSON.stringify(ev)}`);
    expect(ev.outcome.version).to.equal('TLSv1.2');
    expect(ev.outcome.serverKeyExchange).to.deep.equal({ kind: 'dhe', primeBits: 2048 });
    expect(ev.outcome.certificates?.[0]?.keyType).to.equal('RSA');
    expect(ev.outcome.certificateRequest).to.equal(false); // set only once ServerHelloDone was seen
    expect(ev.outcome.downgradeSentinel).to.equal(undefined);
  });
});
