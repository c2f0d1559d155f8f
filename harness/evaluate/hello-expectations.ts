/**
 * Pure evaluators for expectations over tls.hello evidence (our own raw ClientHello). No I/O.
 * The same honesty rules as the full-handshake ones: silence and refused connections decide
 * nothing; a bare close is not a TLS refusal; a malformed answer is not a refusal either.
 */
import type { TlsHelloEvidence, TlsHelloOutcome } from '../core/evidence.ts';
import { verdict, type Judgement, type Verdict } from '../core/verdict.ts';
import type { Expectation } from '../suite/schema.ts';

type Of<K extends Expectation['that']> = Extract<Expectation, { that: K }>;
type ServerHello = Extract<TlsHelloOutcome, { status: 'server-hello' }>;

export function describeHello(o: TlsHelloOutcome): string {
  switch (o.status) {
    case 'server-hello':
      return `${o.helloRetryRequest ? 'HelloRetryRequest' : 'ServerHello'} ${o.version} ${o.cipherSuite.name}${o.serverKeyExchange ? (o.serverKeyExchange.kind === 'dhe' ? `, DHE ${o.serverKeyExchange.primeBits} bits` : `, ECDHE ${o.serverKeyExchange.group.name}`) : ''}`;
    case 'alert':
      return `TLS alert ${o.alert.code} ${o.alert.name}`;
    case 'closed':
      return `connection ${o.closedBy === 'reset' ? 'reset' : 'closed'} without a TLS record`;
    case 'protocol-violation':
      return `malformed answer: ${o.detail}`;
    case 'no-response':
      return `no answer within ${o.afterMs} ms`;
    case 'connection-refused':
      return `TCP connection refused (${o.message})`;
  }
}

/** Outcomes that decide nothing; undefined when the outcome is decisive. */
function undecided(o: TlsHelloOutcome): Verdict | undefined {
  if (o.status === 'no-response') return verdict.inconclusive('no-response', describeHello(o));
  if (o.status === 'connection-refused') return verdict.inconclusive('connection-refused', describeHello(o));
  return undefined;
}

/** For checks that read a property of the ServerHello: anything else leaves nothing to judge. */
function needServerHello(ev: TlsHelloEvidence): ServerHello | Verdict {
  const o = ev.outcome;
  const open = undecided(o);
  if (open) return open;
  if (o.status !== 'server-hello') return verdict.inconclusive('prerequisite-not-met', `no ServerHello to read: ${describeHello(o)}`);
  return o;
}

/**
 * Checks about suites that need one certificate key type do not apply to a server with the other
 * type — seen from the Certificate message of a TLS 1.2 hello. When the key cannot be seen, the
 * check is judged as usual (a port without TLS must not escape as "not applicable").
 */
function keyTypeGate(serverKeyType: 'RSA' | 'EC' | undefined, keyEv: TlsHelloEvidence | undefined, ev: TlsHelloEvidence): Judgement | undefined {
  // Silence on either step decides nothing: never "not applicable", nor (through a key never seen) a pass.
  const open = undecided(ev.outcome) ?? (keyEv ? undecided(keyEv.outcome) : undefined);
  if (open) return open;
  const leaf = keyEv?.outcome.status === 'server-hello' ? keyEv.outcome.certificates?.[0] : undefined;
  if (serverKeyType && leaf && (leaf.keyType === 'RSA-PSS' ? 'RSA' : leaf.keyType) !== serverKeyType) {
    return { kind: 'not-applicable', reason: `the server's certificate key is ${leaf.keyType}; this check is for servers with an ${serverKeyType} key` };
  }
  return undefined;
}

export function helloAccepted(e: Of<'hello-accepted'>, ev: TlsHelloEvidence, keyEv?: TlsHelloEvidence): Judgement {
  const o = ev.outcome;
  const gate = keyTypeGate(e.serverKeyType, keyEv, ev);
  if (gate) return gate;
  const expected = `a ServerHello${e.version ? ` choosing ${e.version}` : ''}`;
  const open = undecided(o);
  if (open) return open;
  if (o.status !== 'server-hello') return verdict.fail(`the server refused: ${describeHello(o)}`, expected, describeHello(o));
  if (e.version && o.version !== e.version) return verdict.fail(`the server chose ${o.version}`, expected, describeHello(o));
  return verdict.pass(describeHello(o));
}

export function helloRefused(e: Of<'hello-refused'>, ev: TlsHelloEvidence): Verdict {
  const o = ev.outcome;
  const expected = e.alerts ? `refused with alert ${e.alerts.join(' or ')}` : 'refused with a TLS alert';
  const open = undecided(o);
  if (open) return open;
  switch (o.status) {
    case 'server-hello':
      return verdict.fail(`the server accepted what it must refuse: ${describeHello(o)}`, expected, describeHello(o));
    case 'closed':
      return verdict.inconclusive('ambiguous-observation', `${describeHello(o)}: a close without an alert does not tell a TLS refusal from a port that is not TLS`);
    case 'protocol-violation':
      return verdict.inconclusive('ambiguous-observation', describeHello(o));
    case 'alert':
      if (e.alerts && !e.alerts.includes(o.alert.name as (typeof e.alerts)[number])) {
        return verdict.inconclusive('ambiguous-observation', `${describeHello(o)}; only ${e.alerts.join(' or ')} is the refusal this requirement means`);
      }
      return verdict.pass(describeHello(o));
    default:
      return verdict.inconclusive('no-response', describeHello(o));
  }
}

export function helloSuiteChosen(e: Of<'hello-suite-chosen'>, ev: TlsHelloEvidence, codeOf: (ref: string) => number, keyEv?: TlsHelloEvidence): Judgement {
  const gate = keyTypeGate(e.serverKeyType, keyEv, ev);
  if (gate) return gate;
  const expected = `one of ${e.among.join(', ')}`;
  // Refusing the whole offer is not choosing the demanded suite: it was offered and not taken.
  if (ev.outcome.status === 'alert') return verdict.fail(`the server refused the offer: ${describeHello(ev.outcome)}`, expected, describeHello(ev.outcome));
  const o = needServerHello(ev);
  if ('kind' in o) return o;
  const among = new Set(e.among.map(codeOf));
  return among.has(o.cipherSuite.code) ? verdict.pass(describeHello(o)) : verdict.fail(`the server chose ${o.cipherSuite.name}`, expected, describeHello(o));
}

export function helloExtension(e: Of<'hello-extension'>, ev: TlsHelloEvidence): Verdict {
  const o = needServerHello(ev);
  if ('kind' in o) return o;
  const seen = o.extensions.some((x) => x.name === e.extension);
  const expected = `ServerHello ${e.present ? 'carries' : 'does not carry'} ${e.extension}`;
  const observed = `extensions: ${o.extensions.map((x) => x.name).join(', ') || 'none'}`;
  return seen === e.present ? verdict.pass(`${describeHello(o)}; ${observed}`) : verdict.fail(`${e.extension} ${seen ? 'echoed' : 'missing'}`, expected, observed);
}

export function helloDowngradeSentinel(_e: Of<'hello-downgrade-sentinel'>, support: TlsHelloEvidence, ev: TlsHelloEvidence): Judgement {
  // Silence on either hello decides nothing, and is never a reason for "not applicable".
  const open = undecided(support.outcome) ?? undecided(ev.outcome);
  if (open) return open;
  if (support.outcome.status !== 'server-hello' || support.outcome.version !== 'TLSv1.3') {
    if (support.outcome.status === 'alert') return { kind: 'not-applicable', reason: `the server does not speak TLS 1.3 (${describeHello(support.outcome)}), so it owes no downgrade sentinel` };
    return verdict.inconclusive('ambiguous-observation', `whether the server speaks TLS 1.3 cannot be told: ${describeHello(support.outcome)}`);
  }
  const o = needServerHello(ev);
  if ('kind' in o) return o;
  if (o.version === 'TLSv1.3') return verdict.fail('the server chose TLS 1.3 although the hello offered TLS 1.2 only', 'TLS 1.2 with the sentinel', describeHello(o));
  const want = o.version === 'TLSv1.2' ? 'tls12' : 'tls11-or-below';
  return o.downgradeSentinel === want
    ? verdict.pass(`${describeHello(o)} with the downgrade sentinel in ServerHello.random`)
    : verdict.fail('a TLS 1.3 server negotiated a lower version without the downgrade sentinel', `ServerHello.random ending in the ${want} sentinel`, `${describeHello(o)}; sentinel: ${o.downgradeSentinel ?? 'none'}`);
}

export function helloDheMinBits(e: Of<'hello-dhe-min-bits'>, ev: TlsHelloEvidence): Judgement {
  const o = ev.outcome;
  const open = undecided(o);
  if (open) return open;
  if (o.status === 'alert') return { kind: 'not-applicable', reason: `the server negotiates no DHE suite (${describeHello(o)})` };
  if (o.status !== 'server-hello') return verdict.inconclusive('ambiguous-observation', describeHello(o));
  const ske = o.serverKeyExchange;
  if (!ske || ske.kind !== 'dhe') return verdict.inconclusive('prerequisite-not-met', `no DHE ServerKeyExchange seen: ${describeHello(o)}`);
  return ske.primeBits >= e.minBits
    ? verdict.pass(describeHello(o))
    : verdict.fail(`DHE group of ${ske.primeBits} bits`, `DHE prime ≥ ${e.minBits} bits`, describeHello(o));
}

const GROUP_BITS: Record<string, number> = { x25519: 256, x448: 448, secp256r1: 256, secp384r1: 384, secp521r1: 521, secp224r1: 224, secp192r1: 192 };

export function helloEcdheMinBits(e: Of<'hello-ecdhe-min-bits'>, ev: TlsHelloEvidence): Verdict {
  const o = ev.outcome;
  const open = undecided(o);
  if (open) return open;
  if (o.status === 'alert') return verdict.pass(`refused: ${describeHello(o)}`);
  if (o.status !== 'server-hello') return verdict.inconclusive('ambiguous-observation', describeHello(o));
  const ske = o.serverKeyExchange;
  if (!ske || ske.kind !== 'ecdhe') return verdict.inconclusive('prerequisite-not-met', `no ECDHE ServerKeyExchange seen: ${describeHello(o)}`);
  const bits = GROUP_BITS[ske.group.name];
  if (bits === undefined) return verdict.inconclusive('ambiguous-observation', `unknown group ${ske.group.name}`);
  return bits >= e.minBits ? verdict.pass(describeHello(o)) : verdict.fail(`ECDHE on ${ske.group.name} (${bits} bits)`, `ECDHE group ≥ ${e.minBits} bits`, describeHello(o));
}

export function helloNoCompression(_e: Of<'hello-no-compression'>, ev: TlsHelloEvidence): Verdict {
  const o = ev.outcome;
  const open = undecided(o);
  if (open) return open;
  if (o.status === 'alert') return verdict.pass(`refused: ${describeHello(o)}`);
  if (o.status !== 'server-hello') return verdict.inconclusive('ambiguous-observation', describeHello(o));
  return o.compressionMethod === 0
    ? verdict.pass(`${describeHello(o)}, compression null`)
    : verdict.fail(`the server chose compression method ${o.compressionMethod}`, 'compression null (0)', describeHello(o));
}
