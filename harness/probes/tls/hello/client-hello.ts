/**
 * A ClientHello of our own making (RFC 8446 §4.1.2, RFC 5246 §7.4.1.2), as one TLS record: pure
 * encode/decode, no I/O, no OpenSSL. It offers exactly what the step says, including what OpenSSL 3
 * refuses to offer (TLS_FALLBACK_SCSV, 3DES, Camellia-GCM, RC4, EXPORT, SSLv3 legacy_version, …).
 */
import { createECDH, generateKeyPairSync, randomBytes } from 'node:crypto';
import type { TlsVersion } from '../../../core/evidence.ts';
import { HarnessError } from '../../../core/errors.ts';
import type { TlsHelloParams } from '../../../suite/schema.ts';
import {
  CIPHER_SUITES,
  EXT,
  extensionName,
  groupCode,
  parseSuiteRef,
  suiteName,
  TLS_EMPTY_RENEGOTIATION_INFO_SCSV,
  TLS_FALLBACK_SCSV,
  TLS13_SUITE_CODES,
} from './cipher-suites.ts';
import { ByteReader, readU16List, TlsDecodeError, u16, u24, u8, vec16, vec8 } from './tls-bytes.ts';

/** TLSPlaintext.type (RFC 8446 §5.1). */
export const CONTENT_TYPE = { changeCipherSpec: 20, alert: 21, handshake: 22, applicationData: 23, heartbeat: 24 } as const;
/** HandshakeType (RFC 8446 §4, RFC 5246 §7.4, RFC 6066 §8). */
export const HANDSHAKE_TYPE = {
  helloRequest: 0,
  clientHello: 1,
  serverHello: 2,
  newSessionTicket: 4,
  encryptedExtensions: 8,
  certificate: 11,
  serverKeyExchange: 12,
  certificateRequest: 13,
  serverHelloDone: 14,
  certificateVerify: 15,
  clientKeyExchange: 16,
  finished: 20,
  certificateStatus: 22,
} as const;
export const RECORD_HEADER_LENGTH = 5; // type(1) + legacy_record_version(2) + length(2)
export const HANDSHAKE_HEADER_LENGTH = 4; // msg_type(1) + length(3)
/** 2^14: the largest plaintext fragment a record may carry (RFC 8446 §5.1, RFC 5246 §6.2.1). */
export const MAX_FRAGMENT_LENGTH = 16384;

export type ProtocolVersionName = 'SSLv3' | TlsVersion;
export const PROTOCOL_VERSIONS: Readonly<Record<ProtocolVersionName, number>> = {
  SSLv3: 0x0300,
  TLSv1: 0x0301,
  'TLSv1.1': 0x0302,
  'TLSv1.2': 0x0303,
  'TLSv1.3': 0x0304,
};
export function protocolVersionName(code: number): ProtocolVersionName | undefined {
  return (Object.keys(PROTOCOL_VERSIONS) as ProtocolVersionName[]).find((k) => PROTOCOL_VERSIONS[k] === code);
}
/** `TLSv1.2`, or `0xXXXX` for anything else (a draft, a typo, garbage). */
export function protocolVersionLabel(code: number): string {
  return protocolVersionName(code) ?? `0x${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** signature_algorithms for `default`: SHA-256 first (RFC 9325 §4.5), SHA-1 last (legacy servers). */
export const DEFAULT_SIGNATURE_ALGORITHMS: readonly number[] = [0x0403, 0x0804, 0x0401, 0x0503, 0x0805, 0x0501, 0x0806, 0x0601, 0x0201, 0x0203];
export const SHA1_ONLY_SIGNATURE_ALGORITHMS: readonly number[] = [0x0201, 0x0203];
/** psk_key_exchange_modes: psk_dhe_ke only (RFC 8446 §4.2.9; RFC 9325 §3.4 prefers it). */
const PSK_DHE_KE = 1;
/** status_request: status_type ocsp(1), empty responder_id_list and request_extensions (RFC 6066 §8). */
const OCSP_STATUS_REQUEST = Buffer.of(0x01, 0x00, 0x00, 0x00, 0x00);
/** ec_point_formats: uncompressed(0) only (RFC 8422 §5.1.2). */
const UNCOMPRESSED_ONLY = vec8(u8(0));

export interface KeyShareEntry {
  /** A group name (x25519, secp256r1, …) or its code point. */
  group: string | number;
  publicKey: Buffer;
}

export const offersTls13 = (params: Pick<TlsHelloParams, 'supportedVersions'>): boolean => params.supportedVersions?.includes('TLSv1.3') ?? false;

/** Real ephemeral public keys from Node's crypto, so a TLS 1.3 server can answer (the private halves are dropped). */
export function makeKeyShares(groups: readonly ('x25519' | 'secp256r1')[]): KeyShareEntry[] {
  return groups.map((group) => {
    if (group === 'x25519') {
      const jwk = generateKeyPairSync('x25519').publicKey.export({ format: 'jwk' });
      return { group, publicKey: Buffer.from(jwk.x!, 'base64url') }; // 32 bytes (RFC 8446 §4.2.8.2)
    }
    const ecdh = createECDH('prime256v1');
    return { group, publicKey: ecdh.generateKeys() }; // 65 bytes: 0x04 || X || Y (uncompressed)
  });
}

/**
 * Every TLS ≤ 1.2 suite in the registry, in code order: not the TLS 1.3 suites, not the signalling
 * values (0x00FF, 0x5600), and not TLS_NULL_WITH_NULL_NULL (0x0000: the initial state, never negotiable).
 */
export function allTls12SuiteCodes(): number[] {
  return CIPHER_SUITES.map((s) => s.code).filter(
    (c) => c !== 0x0000 && c !== TLS_EMPTY_RENEGOTIATION_INFO_SCSV && c !== TLS_FALLBACK_SCSV && !TLS13_SUITE_CODES.has(c),
  );
}

/**
 * The cipher_suites list as sent: the step's suites in order (or every TLS ≤ 1.2 suite but the
 * excepted ones), then the SCSVs it asks for (once each). Unknown suite names throw (ERR_INPUT_INVALID).
 */
export function offeredSuiteCodes(
  params: Pick<TlsHelloParams, 'cipherSuites' | 'allTls12SuitesExcept' | 'emptyRenegotiationInfoScsv' | 'fallbackScsv'>,
): number[] {
  let codes: number[];
  if (params.cipherSuites !== undefined) {
    codes = params.cipherSuites.map((ref) => parseSuiteRef(ref).code);
  } else if (params.allTls12SuitesExcept !== undefined) {
    const except = new Set(params.allTls12SuitesExcept.map((ref) => parseSuiteRef(ref).code));
    codes = allTls12SuiteCodes().filter((c) => !except.has(c));
  } else {
    throw new HarnessError('a tls.hello step needs cipherSuites or allTls12SuitesExcept', { code: 'ERR_INPUT_INVALID' });
  }
  if (codes.length === 0) throw new HarnessError('the ClientHello would offer no cipher suite at all', { code: 'ERR_INPUT_INVALID' });
  if (params.emptyRenegotiationInfoScsv && !codes.includes(TLS_EMPTY_RENEGOTIATION_INFO_SCSV)) codes.push(TLS_EMPTY_RENEGOTIATION_INFO_SCSV);
  if (params.fallbackScsv && !codes.includes(TLS_FALLBACK_SCSV)) codes.push(TLS_FALLBACK_SCSV);
  return codes;
}

/** The extensions block, in type order (renegotiation_info last), exactly as the params ask. */
function extensionsFor(params: TlsHelloParams, keyShares: readonly KeyShareEntry[]): Array<[number, Buffer]> {
  const tls13 = offersTls13(params);
  const ext: Array<[number, Buffer]> = [];
  if (params.serverName !== false) {
    // ServerNameList: name_type host_name(0), HostName<1..2^16-1>
    ext.push([EXT.serverName, vec16(u8(0), vec16(Buffer.from(params.serverName, 'ascii')))]);
  }
  if (params.truncatedHmac) ext.push([EXT.truncatedHmac, Buffer.alloc(0)]);
  if (params.statusRequest) ext.push([EXT.statusRequest, OCSP_STATUS_REQUEST]);
  ext.push([EXT.supportedGroups, vec16(...params.supportedGroups.map((g) => u16(groupCode(g))))]);
  if (params.ecPointFormats) ext.push([EXT.ecPointFormats, UNCOMPRESSED_ONLY]);
  if (params.signatureAlgorithms !== 'none') {
    const schemes = params.signatureAlgorithms === 'sha1-only' ? SHA1_ONLY_SIGNATURE_ALGORITHMS : DEFAULT_SIGNATURE_ALGORITHMS;
    ext.push([EXT.signatureAlgorithms, vec16(...schemes.map(u16))]);
  }
  if (params.alpn) ext.push([EXT.alpn, vec16(...params.alpn.map((p) => vec8(Buffer.from(p, 'utf8'))))]);
  if (params.encryptThenMac) ext.push([EXT.encryptThenMac, Buffer.alloc(0)]);
  if (params.extendedMasterSecret) ext.push([EXT.extendedMasterSecret, Buffer.alloc(0)]);
  if (params.supportedVersions) ext.push([EXT.supportedVersions, vec8(...params.supportedVersions.map((v) => u16(PROTOCOL_VERSIONS[v])))]);
  if (tls13) {
    ext.push([EXT.pskKeyExchangeModes, vec8(u8(PSK_DHE_KE))]);
    const entries = keyShares.map((k) => Buffer.concat([u16(typeof k.group === 'number' ? k.group : groupCode(k.group)), vec16(k.publicKey)]));
    ext.push([EXT.keyShare, vec16(...entries)]);
  }
  if (params.renegotiationInfo) ext.push([EXT.renegotiationInfo, vec8()]); // renegotiated_connection<0..255>, empty
  return ext;
}

/**
 * One ClientHello in one record (fragmented only past 2^14 bytes, which no sane offer reaches).
 * `random` and `sessionId` are for deterministic tests; by default they are fresh random bytes.
 * The session id is empty unless TLS 1.3 is offered (then 32 bytes: RFC 8446 App. D.4 middlebox mode).
 */
export function encodeClientHello(params: TlsHelloParams, keyShares: readonly KeyShareEntry[], random?: Buffer, sessionId?: Buffer): Buffer {
  const rnd = random ?? randomBytes(32);
  if (rnd.length !== 32) throw new HarnessError(`ClientHello.random must be 32 bytes, got ${rnd.length}`);
  const sid = offersTls13(params) ? (sessionId ?? randomBytes(32)) : Buffer.alloc(0);
  try {
    return encodeRecords(params, keyShares, rnd, sid);
  } catch (e) {
    // A vector past its length prefix (a 300-byte ALPN name, a 70 000-byte SNI): the step asked for the impossible.
    if (e instanceof RangeError) throw new HarnessError(`this ClientHello cannot be encoded: ${e.message}`, { code: 'ERR_INPUT_INVALID', cause: e });
    throw e;
  }
}

function encodeRecords(params: TlsHelloParams, keyShares: readonly KeyShareEntry[], rnd: Buffer, sid: Buffer): Buffer {
  const extensions = extensionsFor(params, keyShares);
  const body = Buffer.concat([
    u16(PROTOCOL_VERSIONS[params.legacyVersion]),
    rnd,
    vec8(sid),
    vec16(...offeredSuiteCodes(params).map(u16)),
    vec8(Buffer.from(params.compressionMethods)),
    // TLS ≤ 1.2 allows a ClientHello without the extensions block at all (RFC 5246 §7.4.1.2).
    ...(extensions.length > 0 ? [vec16(...extensions.map(([type, data]) => Buffer.concat([u16(type), vec16(data)])))] : []),
  ]);
  const handshake = Buffer.concat([u8(HANDSHAKE_TYPE.clientHello), u24(body.length), body]);
  // Browsers put 0x0301 in the record header for any TLS offer (old servers choke on more); SSLv3 gets 0x0300.
  const recordVersion = params.legacyVersion === 'SSLv3' ? 0x0300 : 0x0301;
  const records: Buffer[] = [];
  for (let off = 0; off < handshake.length; off += MAX_FRAGMENT_LENGTH) {
    const fragment = handshake.subarray(off, off + MAX_FRAGMENT_LENGTH);
    records.push(u8(CONTENT_TYPE.handshake), u16(recordVersion), u16(fragment.length), fragment);
  }
  return Buffer.concat(records);
}

// ---------------------------------------------------------------- decoding (tests and evidence)

export interface DecodedExtension {
  type: number;
  name: string;
  data: Buffer;
}

export interface DecodedClientHello {
  recordVersion: number;
  legacyVersion: number;
  random: Buffer;
  sessionId: Buffer;
  cipherSuites: number[];
  compressionMethods: number[];
  /** undefined when the hello has no extensions block at all. */
  extensions?: DecodedExtension[];
  serverName?: string;
  supportedGroups?: number[];
  ecPointFormats?: number[];
  signatureAlgorithms?: number[];
  alpn?: string[];
  supportedVersions?: number[];
  pskKeyExchangeModes?: number[];
  keyShares?: Array<{ group: number; publicKey: Buffer }>;
}

/** Reads ClientHello records back (all handshake records, one ClientHello, nothing after). Throws TlsDecodeError. */
export function decodeClientHello(buf: Buffer): DecodedClientHello {
  const fragments: Buffer[] = [];
  let recordVersion: number | undefined;
  const records = new ByteReader(buf, 'ClientHello record');
  while (records.remaining > 0) {
    const type = records.u8('content type');
    if (type !== CONTENT_TYPE.handshake) throw new TlsDecodeError(`ClientHello record: content type ${type}, expected handshake (22)`);
    const version = records.u16('record version');
    recordVersion ??= version;
    fragments.push(records.vec16('fragment'));
  }
  const hs = new ByteReader(Buffer.concat(fragments), 'ClientHello handshake');
  const msgType = hs.u8('msg_type');
  if (msgType !== HANDSHAKE_TYPE.clientHello) throw new TlsDecodeError(`ClientHello handshake: msg_type ${msgType}, expected client_hello (1)`);
  const body = hs.bytes(hs.u24('length'), 'body');
  hs.end();

  const r = new ByteReader(body, 'ClientHello');
  const out: DecodedClientHello = {
    recordVersion: recordVersion ?? 0,
    legacyVersion: r.u16('legacy_version'),
    random: r.bytes(32, 'random'),
    sessionId: r.vec8('legacy_session_id'),
    cipherSuites: readU16List(r.vec16('cipher_suites'), 'ClientHello cipher_suites'),
    compressionMethods: [...r.vec8('legacy_compression_methods')],
  };
  if (r.remaining > 0) {
    out.extensions = readExtensions(r.vec16('extensions'), 'ClientHello');
    for (const e of out.extensions) decodeKnownExtension(out, e);
  }
  r.end();
  return out;
}

/** An extensions block: type(2) + opaque data<0..2^16-1>, each type at most once (RFC 8446 §4.2). */
export function readExtensions(block: Buffer, what: string): DecodedExtension[] {
  const r = new ByteReader(block, `${what} extensions`);
  const out: DecodedExtension[] = [];
  const seen = new Set<number>();
  while (r.remaining > 0) {
    const type = r.u16('extension_type');
    const data = r.vec16(`extension ${extensionName(type)} data`);
    if (seen.has(type)) throw new TlsDecodeError(`${what}: extension ${extensionName(type)} (${type}) appears twice`);
    seen.add(type);
    out.push({ type, name: extensionName(type), data });
  }
  return out;
}

function decodeKnownExtension(out: DecodedClientHello, e: DecodedExtension): void {
  const r = new ByteReader(e.data, `ClientHello ${e.name}`);
  switch (e.type) {
    case EXT.serverName: {
      const list = new ByteReader(r.vec16('server_name_list'), 'ClientHello server_name');
      if (list.u8('name_type') !== 0) throw new TlsDecodeError('ClientHello server_name: name_type is not host_name (0)');
      out.serverName = list.vec16('host_name').toString('ascii');
      break;
    }
    case EXT.supportedGroups:
      out.supportedGroups = readU16List(r.vec16('named_group_list'), 'ClientHello supported_groups');
      break;
    case EXT.ecPointFormats:
      out.ecPointFormats = [...r.vec8('ec_point_format_list')];
      break;
    case EXT.signatureAlgorithms:
      out.signatureAlgorithms = readU16List(r.vec16('supported_signature_algorithms'), 'ClientHello signature_algorithms');
      break;
    case EXT.alpn: {
      const list = new ByteReader(r.vec16('protocol_name_list'), 'ClientHello ALPN');
      out.alpn = [];
      while (list.remaining > 0) out.alpn.push(list.vec8('protocol_name').toString('utf8'));
      break;
    }
    case EXT.supportedVersions:
      out.supportedVersions = readU16List(r.vec8('versions'), 'ClientHello supported_versions');
      break;
    case EXT.pskKeyExchangeModes:
      out.pskKeyExchangeModes = [...r.vec8('ke_modes')];
      break;
    case EXT.keyShare: {
      const list = new ByteReader(r.vec16('client_shares'), 'ClientHello key_share');
      out.keyShares = [];
      while (list.remaining > 0) out.keyShares.push({ group: list.u16('group'), publicKey: list.vec16('key_exchange') });
      break;
    }
    default:
      return; // kept as raw data only
  }
  r.end();
}

/** What the evidence records as offered, read back from the bytes actually sent. */
export function describeOffer(sent: Buffer): { legacyVersion: string; supportedVersions?: string[]; cipherSuites: Array<{ code: number; name: string }>; extensions: string[] } {
  const hello = decodeClientHello(sent);
  return {
    legacyVersion: protocolVersionLabel(hello.legacyVersion),
    ...(hello.supportedVersions ? { supportedVersions: hello.supportedVersions.map(protocolVersionLabel) } : {}),
    cipherSuites: hello.cipherSuites.map((code) => ({ code, name: suiteName(code) })),
    extensions: (hello.extensions ?? []).map((e) => e.name),
  };
}
