/**
 * Which cipher suites a server accepts at one TLS version, the way nmap's ssl-enum-ciphers and
 * testssl do it: offer every candidate, note the suite the server picks, take it out, offer the
 * rest again, until the server refuses. N accepted suites cost N + 1 hellos, one connection each.
 */
import type { EndpointAddress, TlsHelloOutcome } from '../../../core/evidence.ts';
import { TlsHelloParams } from '../../../suite/schema.ts';
import { allTls12SuiteCodes, encodeClientHello } from './client-hello.ts';
import { exchangeHello } from './client-hello-probe.ts';
import { suiteName } from './cipher-suites.ts';

export interface SuiteEnumeration {
  version: 'SSLv3' | 'TLSv1' | 'TLSv1.1' | 'TLSv1.2';
  /** In the order the server picked them (its preference, as far as one offer at a time shows it). */
  accepted: Array<{ code: number; name: string }>;
  /** What ended the enumeration: the refusal (or silence) after the last accepted suite. */
  endedWith: TlsHelloOutcome['status'];
}

const MAX_ROUNDS = 80;

export async function enumerateSuites(
  endpoint: EndpointAddress,
  version: SuiteEnumeration['version'],
  options: { timeoutMs?: number; candidates?: number[]; signal?: AbortSignal } = {},
): Promise<SuiteEnumeration> {
  let remaining = options.candidates ?? allTls12SuiteCodes();
  const accepted: SuiteEnumeration['accepted'] = [];
  for (let round = 0; round < MAX_ROUNDS && remaining.length > 0; round++) {
    const params = TlsHelloParams.parse({
      legacyVersion: version,
      cipherSuites: remaining.map((c) => `0x${c.toString(16).padStart(4, '0')}`),
      timeoutMs: options.timeoutMs ?? 5000,
    });
    const { outcome } = await exchangeHello(endpoint, encodeClientHello(params, []), { timeoutMs: params.timeoutMs, settleMs: 0 }, options.signal);
    if (outcome.status !== 'server-hello' || outcome.version !== version) return { version, accepted, endedWith: outcome.status };
    const picked = outcome.cipherSuite.code;
    if (!remaining.includes(picked)) return { version, accepted, endedWith: 'protocol-violation' };
    accepted.push({ code: picked, name: suiteName(picked) });
    remaining = remaining.filter((c) => c !== picked);
  }
  return { version, accepted, endedWith: 'alert' };
}
