/**
 * The server's answer to our ClientHello, parsed incrementally (pg-protocol style: feed it chunks as
 * they come; framing lives in this one place). It frames TLS records, reassembles handshake messages
 * across records, and decides as soon as it can:
 *
 *  - a ServerHello (TLS 1.3 or a HelloRetryRequest: at once, the rest is encrypted; TLS ≤ 1.2: it
 *    reads on to ServerHelloDone for Certificate, ServerKeyExchange and CertificateRequest),
 *  - an alert record (a warning other than close_notify/user_canceled is noted and reading goes on,
 *    since RFC 6066 lets a server warn unrecognized_name and continue),
 *  - anything malformed → `protocol-violation` with a precise detail. Never a throw, never a refusal.
 *
 * The caller (the probe) owns time: `end()` when the peer closes, `snapshot()` when it gives up waiting.
 */
import type { TlsAlert, TlsHelloOutcome } from '../../../core/evidence.ts';
import { summarizeCertificate } from '../certificate-summary.ts';
import { tlsAlert } from '../tls-alerts.ts';
import { EXT, groupName, keyExchangeOf, suiteName } from './cipher-suites.ts';
import {
  CONTENT_TYPE,
  HANDSHAKE_HEADER_LENGTH,
  HANDSHAKE_TYPE,
  MAX_FRAGMENT_LENGTH,
  protocolVersionLabel,
  protocolVersionName,
  readExtensions,
  RECORD_HEADER_LENGTH,
} from './client-hello.ts';
import { ByteReader, TlsDecodeError } from './tls-bytes.ts';

export type FlightOutcome = Extract<TlsHelloOutcome, { status: 'server-hello' | 'alert' | 'protocol-violation' }>;
export type ServerHelloOutcome = Extract<TlsHelloOutcome, { status: 'server-hello' }>;

/** Default cap on bytes held while waiting for the rest of a record or handshake message. */
export const DEFAULT_MAX_BUFFERED_BYTES = 64 * 1024;

/** SHA-256("HelloRetryRequest"): the ServerHello.random of a HelloRetryRequest (RFC 8446 §4.1.3). */
export const HELLO_RETRY_REQUEST_RANDOM = Buffer.from('cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c', 'hex');
/** "DOWNGRD" + 01 / 00: the last 8 bytes of ServerHello.random of a TLS 1.3 server choosing 1.2 / ≤ 1.1. */
export const DOWNGRADE_TLS12 = Buffer.from('444f574e47524401', 'hex');
export const DOWNGRADE_TLS11 = Buffer.from('444f574e47524400', 'hex');

const CONTENT_TYPE_NAMES: Readonly<Record<number, string>> = {
  20: 'change_cipher_spec',
  21: 'alert',
  22: 'handshake',
  23: 'application_data',
  24: 'heartbeat',
};
const HANDSHAKE_NAMES: Readonly<Record<number, string>> = Object.fromEntries(
  Object.entries(HANDSHAKE_TYPE).map(([k, v]) => [v, k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)]),
);
const hex8 = (n: number) => n.toString(16).padStart(2, '0');
const handshakeName = (t: number) => `${HANDSHAKE_NAMES[t] ?? 'unknown'}(${t})`;

/** Position of each message in a TLS ≤ 1.2 server flight after ServerHello (RFC 5246 §7.3, RFC 6066 §8). */
const FLIGHT_ORDER: Readonly<Record<number, number>> = {
  [HANDSHAKE_TYPE.certificate]: 1,
  [HANDSHAKE_TYPE.certificateStatus]: 2,
  [HANDSHAKE_TYPE.serverKeyExchange]: 3,
  [HANDSHAKE_TYPE.certificateRequest]: 4,
  [HANDSHAKE_TYPE.serverHelloDone]: 5,
};

const ALERT_WARNING = 1;
const ALERT_FATAL = 2;
const CLOSE_NOTIFY = 0;
const USER_CANCELED = 90;

function violation(detail: string): FlightOutcome {
  return { status: 'protocol-violation', detail };
}

export interface ServerFlightParserOptions {
  maxBufferedBytes?: number;
}

export class ServerFlightParser {
  readonly #maxBuffered: number;
  /** Bytes of an incomplete record (header included). */
  #pending: Buffer = Buffer.alloc(0);
  /** Handshake bytes not yet forming a whole message (reassembly across records). */
  #handshake: Buffer = Buffer.alloc(0);
  #received = 0;
  #records = 0;
  #hello: ServerHelloOutcome | undefined;
  /** Highest FLIGHT_ORDER position seen so far (0 = only the ServerHello). */
  #flightPosition = 0;
  #lastFlightMessage = 'server_hello';
  #warning: { alert: TlsAlert; level: 'warning' } | undefined;
  #outcome: FlightOutcome | undefined;

  constructor(options: ServerFlightParserOptions = {}) {
    this.#maxBuffered = options.maxBufferedBytes ?? DEFAULT_MAX_BUFFERED_BYTES;
  }

  get bytesReceived(): number {
    return this.#received;
  }
  /** A ServerHello was decoded (TLS ≤ 1.2: the rest of the flight may still be coming). */
  get sawServerHello(): boolean {
    return this.#hello !== undefined;
  }
  get outcome(): FlightOutcome | undefined {
    return this.#outcome;
  }

  /** Feeds bytes; returns the outcome once decided. After that, further input is ignored. */
  feed(chunk: Buffer): FlightOutcome | undefined {
    if (this.#outcome) return this.#outcome;
    this.#received += chunk.length;
    this.#pending = this.#pending.length === 0 ? chunk : Buffer.concat([this.#pending, chunk]);
    while (!this.#outcome) {
      const bad = this.#checkHeader(this.#pending);
      if (bad) return this.#decide(violation(bad));
      if (this.#pending.length < RECORD_HEADER_LENGTH) break;
      const length = this.#pending.readUInt16BE(3);
      if (this.#pending.length < RECORD_HEADER_LENGTH + length) break;
      const type = this.#pending[0]!;
      const fragment = this.#pending.subarray(RECORD_HEADER_LENGTH, RECORD_HEADER_LENGTH + length);
      this.#pending = this.#pending.subarray(RECORD_HEADER_LENGTH + length);
      this.#records++;
      this.#record(type, fragment);
    }
    return this.#outcome;
  }

  /** The peer closed. undefined when it sent nothing at all (the caller reports `closed`). */
  end(): FlightOutcome | undefined {
    if (this.#outcome) return this.#outcome;
    if (this.#received === 0) return undefined;
    if (this.#pending.length > 0) {
      const where =
        this.#pending.length < RECORD_HEADER_LENGTH
          ? `${this.#pending.length} of the 5 bytes of a record header`
          : `${this.#pending.length - RECORD_HEADER_LENGTH} of the ${this.#pending.readUInt16BE(3)} bytes of a ${CONTENT_TYPE_NAMES[this.#pending[0]!]} record`;
      return this.#decide(violation(`truncated: the connection closed after ${where}${this.#afterWhat()}`));
    }
    if (this.#handshake.length > 0) return this.#decide(violation(`truncated: the connection closed inside ${this.#partialMessage()}${this.#afterWhat()}`));
    if (this.#hello) return this.#decide(this.#helloAsSeen());
    if (this.#warning) return this.#decide({ status: 'alert', ...this.#warning });
    return this.#decide(violation(`the connection closed after ${this.#records} record(s) without a ServerHello or an alert`));
  }

  /** Time is up: what was seen so far, or undefined when nothing at all was received. */
  snapshot(): FlightOutcome | undefined {
    if (this.#outcome) return this.#outcome;
    if (this.#hello) return this.#helloAsSeen();
    if (this.#warning) return { status: 'alert', ...this.#warning };
    if (this.#received === 0) return undefined;
    const where = this.#pending.length > 0 ? `${this.#pending.length} bytes of an incomplete record` : this.#handshake.length > 0 ? this.#partialMessage() : `${this.#records} record(s) without a ServerHello`;
    return violation(`stalled: ${where}, then nothing more`);
  }

  // ------------------------------------------------------------ records

  #decide(o: FlightOutcome): FlightOutcome {
    this.#outcome = o;
    this.#pending = Buffer.alloc(0);
    this.#handshake = Buffer.alloc(0);
    return o;
  }

  /** Judges a record header from its first byte on, so a non-TLS answer is named at once. */
  #checkHeader(b: Buffer): string | undefined {
    if (b.length === 0) return undefined;
    const type = b[0]!;
    // Details name only the bytes that decided, so they do not depend on how the bytes were chunked.
    if (CONTENT_TYPE_NAMES[type] === undefined) {
      const ascii = type >= 0x20 && type < 0x7f ? ` '${String.fromCharCode(type)}'` : '';
      return `${this.#records === 0 ? 'not a TLS answer' : `record ${this.#records + 1}`}: content type ${type} (0x${hex8(type)}${ascii}) is not a TLS record type`;
    }
    if (b.length >= 2 && b[1] !== 0x03) {
      return `record ${this.#records + 1}: version major byte 0x${hex8(b[1]!)} is not 0x03 (record header starts ${hex8(type)} ${hex8(b[1]!)})`;
    }
    if (b.length >= RECORD_HEADER_LENGTH) {
      const length = b.readUInt16BE(3);
      const name = CONTENT_TYPE_NAMES[type];
      if (length > MAX_FRAGMENT_LENGTH) return `record ${this.#records + 1} (${name}): length ${length} exceeds the 2^14-byte limit of a plaintext record`;
      if (length === 0 && type !== CONTENT_TYPE.applicationData) return `record ${this.#records + 1} (${name}): zero-length fragment (RFC 8446 §5.1 forbids it)`;
    }
    return undefined;
  }

  #record(type: number, fragment: Buffer): void {
    switch (type) {
      case CONTENT_TYPE.alert:
        return this.#alert(fragment);
      case CONTENT_TYPE.handshake:
        return this.#handshakeRecord(fragment);
      default: {
        const when = this.#hello ? `after a ${this.#hello.version} ServerHello, before ServerHelloDone` : 'before any ServerHello';
        this.#decide(violation(`record ${this.#records}: ${CONTENT_TYPE_NAMES[type]} record ${when}`));
      }
    }
  }

  #alert(fragment: Buffer): void {
    if (fragment.length < 2) {
      this.#decide(violation(`record ${this.#records}: alert record of ${fragment.length} byte; an alert is 2 bytes (level, description)`));
      return;
    }
    const level = fragment[0]!;
    const alert = tlsAlert(fragment[1]!);
    if (level === ALERT_WARNING && alert.code !== CLOSE_NOTIFY && alert.code !== USER_CANCELED) {
      this.#warning ??= { alert, level: 'warning' }; // the server may go on (RFC 6066 §3 unrecognized_name)
      return;
    }
    // An alert after a TLS ≤ 1.2 ServerHello: the server did choose; report the choice as far as seen.
    if (this.#hello) {
      this.#decide(this.#helloAsSeen());
      return;
    }
    this.#decide({ status: 'alert', alert, level: level === ALERT_FATAL ? 'fatal' : level === ALERT_WARNING ? 'warning' : level });
  }

  #handshakeRecord(fragment: Buffer): void {
    this.#handshake = this.#handshake.length === 0 ? fragment : Buffer.concat([this.#handshake, fragment]);
    while (!this.#outcome && this.#handshake.length >= HANDSHAKE_HEADER_LENGTH) {
      const type = this.#handshake[0]!;
      const length = this.#handshake.readUIntBE(1, 3);
      if (HANDSHAKE_HEADER_LENGTH + length > this.#maxBuffered) {
        if (this.#hello) {
          // The choice is made and real; a message past our buffer cap (a huge chain) is not the peer's fault.
          this.#decide(this.#helloAsSeen());
        } else {
          this.#decide(violation(`${handshakeName(type)} message declares ${length} bytes, more than this parser's ${this.#maxBuffered}-byte cap for a first message`));
        }
        return;
      }
      if (this.#handshake.length < HANDSHAKE_HEADER_LENGTH + length) return;
      const body = this.#handshake.subarray(HANDSHAKE_HEADER_LENGTH, HANDSHAKE_HEADER_LENGTH + length);
      this.#handshake = this.#handshake.subarray(HANDSHAKE_HEADER_LENGTH + length);
      try {
        this.#message(type, body);
      } catch (e) {
        if (!(e instanceof TlsDecodeError)) throw e;
        this.#decide(violation(e.message + this.#afterWhat()));
      }
    }
  }

  // ------------------------------------------------------------ handshake messages

  #message(type: number, body: Buffer): void {
    // HelloRequest may come at any time and is ignored while negotiating (RFC 5246 §7.4.1.1).
    if (type === HANDSHAKE_TYPE.helloRequest) {
      if (body.length !== 0) throw new TlsDecodeError(`hello_request(0) with a ${body.length}-byte body; it has none`);
      return;
    }
    if (!this.#hello) {
      if (type !== HANDSHAKE_TYPE.serverHello) throw new TlsDecodeError(`${handshakeName(type)} before any ServerHello`);
      const hello = parseServerHello(body);
      if ('detail' in hello) {
        this.#decide(violation(hello.detail));
        return;
      }
      this.#hello = hello;
      // TLS 1.3 (and a HelloRetryRequest, which is 1.3 only): everything after is encrypted or waits for us.
      if (hello.version === 'TLSv1.3' || hello.helloRetryRequest) this.#decide(hello);
      return;
    }
    const position = FLIGHT_ORDER[type];
    if (position === undefined) throw new TlsDecodeError(`${handshakeName(type)} in a ${this.#hello.version} server flight (expected certificate, certificate_status, server_key_exchange, certificate_request or server_hello_done)`);
    if (position <= this.#flightPosition) throw new TlsDecodeError(`${handshakeName(type)} after ${this.#lastFlightMessage}: out of order or repeated`);
    this.#flightPosition = position;
    this.#lastFlightMessage = HANDSHAKE_NAMES[type]!;
    switch (type) {
      case HANDSHAKE_TYPE.certificate:
        this.#hello.certificates = parseCertificateMessage(body);
        return;
      case HANDSHAKE_TYPE.serverKeyExchange: {
        const ske = parseServerKeyExchange(body, this.#hello.cipherSuite.code);
        if (ske) this.#hello.serverKeyExchange = ske;
        return;
      }
      case HANDSHAKE_TYPE.certificateRequest:
        this.#hello.certificateRequest = true;
        return;
      case HANDSHAKE_TYPE.serverHelloDone:
        if (body.length !== 0) throw new TlsDecodeError(`server_hello_done(14) with a ${body.length}-byte body; it has none`);
        this.#hello.certificateRequest ??= false;
        this.#decide(this.#hello);
        return;
      default:
        return; // certificate_status: its order is checked; its content is not judged here
    }
  }

  /** The ServerHello with what the flight showed so far (fields not seen stay absent). */
  #helloAsSeen(): ServerHelloOutcome {
    return { ...this.#hello! };
  }

  #partialMessage(): string {
    if (this.#handshake.length < HANDSHAKE_HEADER_LENGTH) return `a handshake message header (${this.#handshake.length} of 4 bytes)`;
    const type = this.#handshake[0]!;
    return `${handshakeName(type)} (${this.#handshake.length - HANDSHAKE_HEADER_LENGTH} of ${this.#handshake.readUIntBE(1, 3)} bytes)`;
  }

  #afterWhat(): string {
    return this.#hello ? ` (after a ServerHello choosing ${this.#hello.version} ${this.#hello.cipherSuite.name})` : '';
  }
}

// ---------------------------------------------------------------- pure decoders (exported for tests)

/** ServerHello body (RFC 8446 §4.1.3, RFC 5246 §7.4.1.3) → the outcome, or a violation detail. */
export function parseServerHello(body: Buffer): ServerHelloOutcome | { detail: string } {
  try {
    const r = new ByteReader(body, 'ServerHello');
    const legacyVersion = r.u16('legacy_version');
    const random = r.bytes(32, 'random');
    const sessionId = r.vec8('legacy_session_id_echo');
    if (sessionId.length > 32) throw new TlsDecodeError(`ServerHello: legacy_session_id_echo of ${sessionId.length} bytes; at most 32`);
    const suite = r.u16('cipher_suite');
    const compressionMethod = r.u8('legacy_compression_method');
    // TLS ≤ 1.2 may omit the extensions block entirely.
    const extensions = r.remaining > 0 ? readExtensions(r.vec16('extensions'), 'ServerHello') : [];
    r.end();

    const helloRetryRequest = random.equals(HELLO_RETRY_REQUEST_RANDOM);
    const supportedVersions = extensions.find((e) => e.type === EXT.supportedVersions);
    let version: ServerHelloOutcome['version'] | undefined;
    if (supportedVersions) {
      if (supportedVersions.data.length !== 2) throw new TlsDecodeError(`ServerHello: supported_versions carries ${supportedVersions.data.length} bytes; a ServerHello's selected_version is 2`);
      const selected = supportedVersions.data.readUInt16BE(0);
      // RFC 8446 §4.2.1: a selected_version before TLS 1.3 is illegal_parameter for the client.
      if (selected !== 0x0304) throw new TlsDecodeError(`ServerHello: supported_versions selects ${protocolVersionLabel(selected)}; only TLS 1.3 (0x0304) may be selected there`);
      version = 'TLSv1.3';
    } else {
      const name = protocolVersionName(legacyVersion);
      if (name === undefined || name === 'TLSv1.3') {
        throw new TlsDecodeError(`ServerHello: legacy_version ${protocolVersionLabel(legacyVersion)} without supported_versions is no version a server can choose`);
      }
      version = name;
    }
    if (helloRetryRequest && version !== 'TLSv1.3') throw new TlsDecodeError(`ServerHello: HelloRetryRequest random with ${version} (no supported_versions 0x0304)`);

    const tail = random.subarray(24);
    const out: ServerHelloOutcome = {
      status: 'server-hello',
      version,
      legacyVersion,
      cipherSuite: { code: suite, name: suiteName(suite) },
      compressionMethod,
      extensions: extensions.map((e) => ({ type: e.type, name: e.name, dataHex: e.data.toString('hex') })),
      helloRetryRequest,
    };
    if (tail.equals(DOWNGRADE_TLS12)) out.downgradeSentinel = 'tls12';
    else if (tail.equals(DOWNGRADE_TLS11)) out.downgradeSentinel = 'tls11-or-below';
    return out;
  } catch (e) {
    if (e instanceof TlsDecodeError) return { detail: e.message };
    throw e;
  }
}

/** TLS ≤ 1.2 Certificate: certificate_list<0..2^24-1> of ASN.1Cert<1..2^24-1>, leaf first. Throws TlsDecodeError. */
export function parseCertificateMessage(body: Buffer): NonNullable<ServerHelloOutcome['certificates']> {
  const r = new ByteReader(body, 'Certificate');
  const list = new ByteReader(r.vec24('certificate_list'), 'Certificate');
  r.end();
  const out = [];
  while (list.remaining > 0) {
    const der = list.vec24(`certificate ${out.length + 1}`);
    if (der.length === 0) throw new TlsDecodeError(`Certificate: certificate ${out.length + 1} is empty`);
    try {
      out.push(summarizeCertificate(Buffer.from(der)));
    } catch (e) {
      throw new TlsDecodeError(`Certificate: certificate ${out.length + 1} (${der.length} bytes) is not a readable X.509 certificate: ${(e as Error).message}`);
    }
  }
  return out;
}

/**
 * ServerKeyExchange → the group strength, read by the chosen suite's key exchange (RFC 5246 §7.4.3,
 * RFC 8422 §5.4, RFC 4279 §3/§4, RFC 5489 §2). Undefined for suites whose parameters are not DH/ECDH
 * (RSA_EXPORT, SRP, plain PSK) or for code points the registry lacks. Throws TlsDecodeError.
 */
export function parseServerKeyExchange(body: Buffer, suite: number): ServerHelloOutcome['serverKeyExchange'] {
  const family = keyExchangeOf(suite);
  if (family === 'other') return undefined;
  const r = new ByteReader(body, 'ServerKeyExchange');
  if (family === 'dhe-psk' || family === 'ecdhe-psk') r.vec16('psk_identity_hint');
  if (family === 'dhe' || family === 'dhe-psk') {
    const p = r.vec16('dh_p');
    const bits = bitLength(p);
    if (bits === 0) throw new TlsDecodeError('ServerKeyExchange: dh_p is zero');
    return { kind: 'dhe', primeBits: bits };
  }
  const curveType = r.u8('curve_type');
  if (curveType === 3) {
    const code = r.u16('namedcurve');
    return { kind: 'ecdhe', group: { code, name: groupName(code) } };
  }
  // RFC 4492 explicit curves (deprecated by RFC 8422): named by their NamedCurve placeholders.
  if (curveType === 1) return { kind: 'ecdhe', group: { code: 0xff01, name: groupName(0xff01) } };
  if (curveType === 2) return { kind: 'ecdhe', group: { code: 0xff02, name: groupName(0xff02) } };
  throw new TlsDecodeError(`ServerKeyExchange: ECCurveType ${curveType} is none of explicit_prime(1), explicit_char2(2), named_curve(3)`);
}

/** Bits of a big-endian unsigned integer (leading zero bytes and bits not counted). */
export function bitLength(n: Buffer): number {
  let i = 0;
  while (i < n.length && n[i] === 0) i++;
  if (i === n.length) return 0;
  return (n.length - i - 1) * 8 + (32 - Math.clz32(n[i]!));
}
