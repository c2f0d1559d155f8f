/**
 * part15's TLS findings against the same ports as seen by third-party clients: openssl s_client
 * (Debian's OpenSSL, @SECLEVEL=0 so it can offer legacy versions, TARGETS.md §0.3) and sslscan.
 * The containers run in this process through the same ContainerTarget the CLI uses.
 */
import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { TestPki, writeSecretFiles, type SecretFiles } from '../pki/test-pki.ts';
import { tlsHandshakeProbe } from '../probes/tls/tls-handshake-probe.ts';
import { loadTarget } from '../suite/load-target.ts';
import { TlsHandshakeParams, TlsHelloParams, type ContainerTargetFile } from '../suite/schema.ts';
import type { RunningTarget } from '../core/target.ts';
import type { LoadedTarget } from '../suite/load-target.ts';
import { ContainerTarget } from '../targets/container-target.ts';
import { enumerateSuites } from '../probes/tls/hello/enumerate-suites.ts';
import { encodeClientHello, makeKeyShares } from '../probes/tls/hello/client-hello.ts';
import { exchangeHello } from '../probes/tls/hello/client-hello-probe.ts';
import { requireDocker } from './testing/docker-available.ts';

function run(cmd: string, args: string[], timeoutMs = 20_000): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const child = execFile(cmd, args, { timeout: timeoutMs, maxBuffer: 8 << 20 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, out: stdout + stderr });
    });
    // s_client waits for stdin; give it a short read window after the handshake (TLS 1.3 alerts arrive then).
    setTimeout(() => child.stdin?.end(), 1200);
  });
}

interface Offer {
  label: string;
  opensslArgs: string[];
  params: Partial<TlsHandshakeParams>;
}
const OFFERS: Offer[] = [
  { label: 'TLS 1.0', opensslArgs: ['-tls1', '-cipher', 'ALL:eNULL:@SECLEVEL=0'], params: { minVersion: 'TLSv1', maxVersion: 'TLSv1' } },
  { label: 'TLS 1.1', opensslArgs: ['-tls1_1', '-cipher', 'ALL:eNULL:@SECLEVEL=0'], params: { minVersion: 'TLSv1.1', maxVersion: 'TLSv1.1' } },
  { label: 'TLS 1.2', opensslArgs: ['-tls1_2', '-cipher', 'ALL:eNULL:@SECLEVEL=0'], params: { minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2' } },
  { label: 'TLS 1.3', opensslArgs: ['-tls1_3'], params: { minVersion: 'TLSv1.3', maxVersion: 'TLSv1.3' } },
  { label: 'TLS 1.2 AES128-SHA', opensslArgs: ['-tls1_2', '-cipher', 'AES128-SHA:@SECLEVEL=0'], params: { minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2', ciphers: 'AES128-SHA' } },
  { label: 'TLS 1.2 NULL', opensslArgs: ['-tls1_2', '-cipher', 'eNULL:@SECLEVEL=0'], params: { minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2', ciphers: 'eNULL' } },
];

/** openssl s_client's verdict: the negotiated protocol and cipher, or undefined when refused. */
function opensslNegotiated(out: string): { version: string; cipher: string } | undefined {
  const proto = /^\s*Protocol\s*:\s*(\S+)/m.exec(out)?.[1];
  const cipher = /^\s*Cipher\s*:\s*(\S+)/m.exec(out)?.[1];
  if (!proto || !cipher || cipher === '0000' || cipher === '(NONE)' || /alert/i.test(out.split('---').slice(-1)[0] ?? '')) return undefined;
  if (/SSL alert number|alert (handshake|protocol|certificate|unknown)/i.test(out)) return undefined;
  return { version: proto, cipher };
}

describe('third-party cross-check of TLS findings (openssl s_client, sslscan)', function () {
  this.timeout(120_000);
  let pki: TestPki;
  let files: SecretFiles;
  const running = new Map<string, RunningTarget>();

  before(async function () {
    requireDocker(this);
    pki = await TestPki.create({ runTag: 'cross-check' });
    const client = pki.clientCertificate('valid') as { certPem: string; keyPem: string };
    files = await writeSecretFiles({ 'ca.crt': pki.caCertPem, 'client.crt': client.certPem, 'client.key': client.keyPem });
    for (const name of ['dcmtk-bcp195-nd', 'dcmtk-bcp195', 'dcmtk-extended-bcp195', 'dcmtk-bcp195-nd-no-client-auth', 'dcmtk-bcp195-nd-sha1-server-cert']) {
      const file = loadTarget(`fixtures/targets/${name}.target.yaml`) as LoadedTarget & ContainerTargetFile;
      running.set(name, await new ContainerTarget(file, { runId: 'cross-check', pki, logDir: files.dir }).start(new AbortController().signal));
    }
  });
  after(async function () {
    await Promise.all([...running.values()].map((t) => t.stop()));
    await files?.dispose();
  });

  const portOf = (name: string) => running.get(name)!.endpoints.dimseTls!.port;

  for (const target of ['dcmtk-bcp195-nd', 'dcmtk-bcp195']) {
    it(`${target}: part15's handshake probe and openssl s_client agree on every offer`, async function () {
      for (const offer of OFFERS) {
        // Given the same offer from both clients, with the same client certificate
        const ev = await tlsHandshakeProbe.run(running.get(target)!, 'x', TlsHandshakeParams.parse(offer.params), { signal: new AbortController().signal });
        const s = await run('openssl', [
          's_client', '-connect', `127.0.0.1:${portOf(target)}`, '-CAfile', files.paths['ca.crt']!,
          '-cert', files.paths['client.crt']!, '-key', files.paths['client.key']!, ...offer.opensslArgs,
        ]);
        const theirs = opensslNegotiated(s.out);
        // Then both saw the handshake complete with the same version and suite, or both saw it refused
        const ours = ev.outcome.status === 'established' ? { version: ev.outcome.version, cipher: ev.outcome.cipherOpenssl } : undefined;
        expect(ours, `${target} ${offer.label}: part15 ${JSON.stringify(ev.outcome).slice(0, 200)} / openssl:\n${s.out.slice(-600)}`).to.deep.equal(theirs);
      }
    });
  }

  it('sha1 server certificate: openssl shows sha1WithRSAEncryption where part15 says signatureHash sha1', async function () {
    const target = running.get('dcmtk-bcp195-nd-sha1-server-cert')!;
    const ev = await tlsHandshakeProbe.run(target, 'x', TlsHandshakeParams.parse({}), { signal: new AbortController().signal });
    expect(ev.outcome.status).to.equal('established');
    const leaf = ev.outcome.status === 'established' ? ev.outcome.peerChain[0]! : undefined;
    expect(leaf?.signatureHash).to.equal('sha1');
    const s = await run('bash', ['-c', `openssl s_client -connect 127.0.0.1:${target.endpoints.dimseTls!.port} -cert ${files.paths['client.crt']} -key ${files.paths['client.key']} -cipher 'DEFAULT:@SECLEVEL=0' </dev/null 2>/dev/null | openssl x509 -noout -text`]);
    expect(s.out).to.match(/Signature Algorithm: sha1WithRSAEncryption/);
  });

  it('sslscan (no client certificate, +py -ic) lists exactly the TLS 1.2 suites part15 saw accepted among those it probes', async function () {
    const name = 'dcmtk-bcp195-nd-no-client-auth';
    const s = await run('sslscan', ['--no-colour', '--no-fallback', '--no-renegotiation', '--no-compression', '--no-heartbleed', `127.0.0.1:${portOf(name)}`], 60_000);
    const accepted12 = new Set([...s.out.matchAll(/^(?:Preferred|Accepted)\s+TLSv1\.2\s+\d+ bits\s+(\S+)/gm)].map((m) => m[1]));
    const versions = (v: string) => new RegExp(`^${v.replace('.', '\\.')}\\s+enabled`, 'm').test(s.out);
    for (const cipher of ['ECDHE-RSA-AES128-GCM-SHA256', 'ECDHE-RSA-AES256-GCM-SHA384', 'AES128-SHA', 'NULL-SHA']) {
      const ev = await tlsHandshakeProbe.run(running.get(name)!, 'x', TlsHandshakeParams.parse({ minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2', ciphers: cipher, clientCertificate: 'none' }), { signal: new AbortController().signal });
      expect(ev.outcome.status === 'established', `${cipher}: sslscan says ${accepted12.has(cipher) ? 'accepted' : 'not accepted'}\n${s.out}`).to.equal(accepted12.has(cipher));
    }
    for (const [v, min] of [['TLSv1.0', 'TLSv1'], ['TLSv1.1', 'TLSv1.1'], ['TLSv1.2', 'TLSv1.2'], ['TLSv1.3', 'TLSv1.3']] as const) {
      const ev = await tlsHandshakeProbe.run(running.get(name)!, 'x', TlsHandshakeParams.parse({ minVersion: min, maxVersion: min, clientCertificate: 'none' }), { signal: new AbortController().signal });
      expect(ev.outcome.status === 'established', `${v}\n${s.out}`).to.equal(versions(v));
    }
  });

  /** nmap ssl-enum-ciphers (ServerHello-based, so right on ports that require a client certificate). */
  async function nmapSuites(port: number): Promise<Record<string, string[]>> {
    const r = await run('nmap', ['-Pn', '-n', '-p', String(port), '--script', 'ssl-enum-ciphers', '-oX', '-', '127.0.0.1'], 120_000);
    const out: Record<string, string[]> = {};
    // One <table key="TLSv1.x"> per version, each holding <table key="ciphers"> … <elem key="name">.
    const sections = r.out.split(/<table key="(?=TLSv1\.[0-3]">)/).slice(1);
    for (const section of sections) {
      const version = /^(TLSv1\.[0-3])">/.exec(section)![1]!.replace('TLSv1.0', 'TLSv1');
      out[version] = [...section.matchAll(/<elem key="name">([^<]+)<\/elem>/g)].map((x) => x[1]!.replace(/^TLS_AKE_WITH_/, 'TLS_')).sort();
    }
    return out;
  }

  /** part15's raw ClientHello enumeration: TLS ≤ 1.2 by elimination, TLS 1.3 one suite at a time. */
  async function part15Suites(port: number): Promise<Record<string, string[]>> {
    const endpoint = { host: '127.0.0.1', port };
    const out: Record<string, string[]> = {};
    for (const v of ['TLSv1', 'TLSv1.1', 'TLSv1.2'] as const) {
      const e = await enumerateSuites(endpoint, v);
      if (e.accepted.length > 0) out[v] = e.accepted.map((x) => x.name).sort();
    }
    const tls13: string[] = [];
    for (const suite of ['TLS_AES_128_GCM_SHA256', 'TLS_AES_256_GCM_SHA384', 'TLS_CHACHA20_POLY1305_SHA256', 'TLS_AES_128_CCM_SHA256', 'TLS_AES_128_CCM_8_SHA256']) {
      const params = TlsHelloParams.parse({ supportedVersions: ['TLSv1.3'], cipherSuites: [suite], keyShares: ['x25519', 'secp256r1'] });
      const { outcome } = await exchangeHello(endpoint, encodeClientHello(params, makeKeyShares(params.keyShares)), { timeoutMs: 5000 });
      if (outcome.status === 'server-hello' && outcome.version === 'TLSv1.3') tls13.push(suite);
    }
    if (tls13.length > 0) out['TLSv1.3'] = tls13.sort();
    return out;
  }

  for (const target of ['dcmtk-bcp195', 'dcmtk-extended-bcp195']) {
    it(`${target}: part15's raw-ClientHello suite enumeration equals nmap ssl-enum-ciphers, version by version`, async function () {
      // Given the same port, which requires a client certificate (the case sslscan gets wrong)
      const port = portOf(target);
      // When both enumerate what the server accepts
      const [theirs, ours] = await Promise.all([nmapSuites(port), part15Suites(port)]);
      // Then they list the same versions with the same suites
      expect(Object.keys(theirs).length, JSON.stringify(theirs)).to.be.greaterThan(0);
      expect(ours).to.deep.equal(theirs);
    });
  }
});
