/**
 * Test-only TLS byte builder (pg-protocol's testing/buffer-list.ts idea): expected bytes for the
 * codec tests are written with this, never with the code under test. It shares nothing with
 * client-hello.ts / tls-bytes.ts on purpose. Layouts: RFC 8446 §4-§5, RFC 5246 §7.4.
 */
export class BufferList {
  readonly #parts: Buffer[] = [];
  add(b: Buffer): this {
    this.#parts.push(b);
    return this;
  }
  u8(n: number): this {
    return this.add(Buffer.from([n]));
  }
  u16(n: number): this {
    const b = Buffer.alloc(2);
    b.writeUInt16BE(n);
    return this.add(b);
  }
  u24(n: number): this {
    const b = Buffer.alloc(3);
    b.writeUIntBE(n, 0, 3);
    return this.add(b);
  }
  hex(h: string): this {
    return this.add(Buffer.from(h.replace(/\s+/g, ''), 'hex'));
  }
  /** Appends `inner`'s bytes behind a length prefix of `width` bytes. */
  prefixed(width: 1 | 2 | 3, inner: BufferList | Buffer): this {
    const body = inner instanceof BufferList ? inner.join() : inner;
    const len = Buffer.alloc(width);
    len.writeUIntBE(body.length, 0, width);
    return this.add(len).add(body);
  }
  join(): Buffer {
    return Buffer.concat(this.#parts);
  }
}

export const list = () => new BufferList();

/** One record: ContentType, legacy_record_version, length, fragment. */
export function record(type: number, version: number, fragment: Buffer): Buffer {
  return list().u8(type).u16(version).prefixed(2, fragment).join();
}

/** One handshake message: msg_type, uint24 length, body. */
export function handshake(type: number, body: Buffer): Buffer {
  return list().u8(type).prefixed(3, body).join();
}

export function extension(type: number, data: Buffer | BufferList): Buffer {
  return list().u16(type).prefixed(2, data instanceof BufferList ? data.join() : data).join();
}

export interface ServerHelloSpec {
  version?: number;
  random?: Buffer;
  sessionId?: Buffer;
  suite: number;
  compression?: number;
  /** undefined: no extensions block at all. */
  extensions?: Buffer[];
}

export function serverHelloBody(s: ServerHelloSpec): Buffer {
  const b = list()
    .u16(s.version ?? 0x0303)
    .add(s.random ?? Buffer.alloc(32, 0x42))
    .prefixed(1, s.sessionId ?? Buffer.alloc(0))
    .u16(s.suite)
    .u8(s.compression ?? 0);
  if (s.extensions) b.prefixed(2, Buffer.concat(s.extensions));
  return b.join();
}

export const serverHello = (s: ServerHelloSpec) => handshake(2, serverHelloBody(s));

/** TLS ≤ 1.2 Certificate: certificate_list<0..2^24-1> of opaque ASN.1Cert<1..2^24-1>. */
export function certificate(ders: Buffer[]): Buffer {
  const entries = list();
  for (const d of ders) entries.prefixed(3, d);
  return handshake(11, list().prefixed(3, entries).join());
}

/** ServerDHParams (dh_p, dh_g, dh_Ys) plus a dummy signature (rsa_pkcs1_sha256, 4 bytes). */
export function dheServerKeyExchange(p: Buffer, g = Buffer.from([2]), ys = Buffer.alloc(p.length, 0x07)): Buffer {
  return handshake(12, list().prefixed(2, p).prefixed(2, g).prefixed(2, ys).u16(0x0401).prefixed(2, Buffer.alloc(4, 0x5a)).join());
}

/** ServerECDHParams: curve_type named_curve(3), NamedCurve, point<1..2^8-1>, plus a dummy signature. */
export function ecdheServerKeyExchange(group: number, point = Buffer.alloc(32, 0x09)): Buffer {
  return handshake(12, list().u8(3).u16(group).prefixed(1, point).u16(0x0401).prefixed(2, Buffer.alloc(4, 0x5a)).join());
}

/** CertificateRequest (TLS 1.2): certificate_types rsa_sign(1), sig algs {0x0401}, no CA names. */
export function certificateRequest(): Buffer {
  return handshake(13, list().prefixed(1, Buffer.from([1])).prefixed(2, Buffer.from([0x04, 0x01])).u16(0).join());
}

export const serverHelloDone = () => handshake(14, Buffer.alloc(0));

export const alertRecord = (level: number, description: number, version = 0x0303) => record(21, version, Buffer.from([level, description]));
export const handshakeRecord = (fragment: Buffer, version = 0x0303) => record(22, version, fragment);
