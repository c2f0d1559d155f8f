/**
 * The DICOMweb checks no real node here fails, against fixtures/peers/credulous-web-peer.ts: a
 * server that takes any Authorization header, and (tls13Only) one that refuses TLS 1.2. Each check
 * named in WEB_SHOWN_BY_CREDULOUS_PEER (the peer's module) must fail here; dicomweb-reference-nodes.int.test.ts counts
 * them as seen failing.
 */
import { expect } from 'chai';
import { generateKeyPairSync } from 'node:crypto';
import { startCredulousWebPeer, WEB_SHOWN_BY_CREDULOUS_PEER, type CredulousWebPeer } from '../../fixtures/peers/credulous-web-peer.ts';
import type { RunningTarget, WebAuth } from '../core/target.ts';
import { TestPki } from '../pki/test-pki.ts';
import { runCheck } from '../run/run-check.ts';
import { loadAllSuites } from '../suite/load-suite.ts';


describe('DICOMweb checks against a credulous web peer (loopback)', function () {
  this.timeout(60_000);
  let pki: TestPki;
  const peers: CredulousWebPeer[] = [];
  const suite = () => loadAllSuites().find((s) => s.id === 'dicomweb-security')!;
  const bearer = (): WebAuth => {
    const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
    return {
      scheme: 'bearer',
      issuer: 'part15-test-issuer',
      audience: 'credulous',
      privateKeyPem: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      publicKeyPem: pair.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      readScope: 'dicomweb.read',
      writeScope: 'dicomweb.write',
    };
  };
  const targetAt = (port: number, auth: WebAuth): RunningTarget => ({
    name: 'credulous-web-peer',
    description: 'serves anyone with an Authorization header',
    kind: 'external',
    // The same port declared as DICOM TLS too: web-port-distinct must see it.
    endpoints: { https: { host: '127.0.0.1', port }, dimseTls: { host: '127.0.0.1', port, calledAeTitle: 'PEER' } },
    pki,
    maxConnections: 1,
    web: { root: '/dicom-web', auth, hidesWith404: false },
    stop: async () => {},
  });
  const failedHere = new Set<string>();
  const verdictOf = async (checkId: string, target: RunningTarget) => {
    const check = suite().checks.find((c) => c.id === checkId)!;
    const record = await runCheck(suite(), check, target, { signal: new AbortController().signal });
    if (record.verdict?.kind === 'fail') failedHere.add(checkId);
    return { kind: record.verdict?.kind ?? record.status, summary: record.verdict?.summary ?? record.statusReason };
  };

  before(async function () {
    pki = await TestPki.create({ runTag: 'credulous-web' });
  });
  after(async function () {
    for (const p of peers) await p.close();
  });

  it('takes a wrong Basic password and wrong tokens of every kind: those checks fail', async function () {
    const peer = await startCredulousWebPeer(pki.serverCredential('rsa-2048'));
    peers.push(peer);
    const basic = targetAt(peer.port, { scheme: 'basic', username: 'part15', password: 'right' });
    const tokens = targetAt(peer.port, bearer());
    const got = {
      'web-refused-with-wrong-credentials (basic)': (await verdictOf('web-refused-with-wrong-credentials', basic)).kind,
      'web-refused-with-wrong-credentials (bearer)': (await verdictOf('web-refused-with-wrong-credentials', tokens)).kind,
      'web-forged-token-refused': (await verdictOf('web-forged-token-refused', tokens)).kind,
      'web-wrong-audience-refused': (await verdictOf('web-wrong-audience-refused', tokens)).kind,
      'web-expired-token-refused': (await verdictOf('web-expired-token-refused', tokens)).kind,
      'web-unsigned-token-refused': (await verdictOf('web-unsigned-token-refused', tokens)).kind,
      'web-port-distinct': (await verdictOf('web-port-distinct', tokens)).kind,
      // And without credentials it refuses properly: the refusal check passes on the same peer.
      'web-refused-without-credentials': (await verdictOf('web-refused-without-credentials', tokens)).kind,
    };
    expect(got).to.deep.equal({
      'web-refused-with-wrong-credentials (basic)': 'fail',
      'web-refused-with-wrong-credentials (bearer)': 'fail',
      'web-forged-token-refused': 'fail',
      'web-wrong-audience-refused': 'fail',
      'web-expired-token-refused': 'fail',
      'web-unsigned-token-refused': 'fail',
      'web-port-distinct': 'fail',
      'web-refused-without-credentials': 'pass',
    });
  });

  it('a web port that refuses TLS 1.2 fails web-tls12-established', async function () {
    const peer = await startCredulousWebPeer(pki.serverCredential('rsa-2048'), { tls13Only: true });
    peers.push(peer);
    expect((await verdictOf('web-tls12-established', targetAt(peer.port, bearer()))).kind).to.equal('fail');
  });

  it('shows exactly the checks the peer module lists (the container test counts them as failing)', function () {
    expect([...failedHere].sort()).to.deep.equal([...WEB_SHOWN_BY_CREDULOUS_PEER].sort());
  });
});
