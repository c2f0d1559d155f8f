/**
 * The byte vocabulary of TLS (RFC 8446 §3): big-endian integers and length-prefixed vectors, for
 * writing (the ClientHello) and for reading (the server's flight). Pure; no I/O.
 */

/** A peer's bytes (or our own, in tests) are not what TLS says they must be. Carries a precise detail. */
export class TlsDecodeError extends Error {
  constructor(detail: string) {
    super(detail);
    this.name = 'TlsDecodeError';
  }
}

// ---------------------------------------------------------------- writing

export const u8 = (n: number): Buffer => Buffer.of(n & 0xff);
export const u16 = (n: number): Buffer => Buffer.of((n >> 8) & 0xff, n & 0xff);
export const u24 = (n: number): Buffer => Buffer.of((n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff);

/** `opaque x<0..2^8-1>` and friends: the length prefix, then the bytes. */
export function vec8(...parts: Buffer[]): Buffer {
  const body = Buffer.concat(parts);
  if (body.length > 0xff) throw new RangeError(`vector of ${body.length} bytes does not fit a 1-byte length`);
  return Buffer.concat([u8(body.length), body]);
}
export function vec16(...parts: Buffer[]): Buffer {
  const body = Buffer.concat(parts);
  if (body.length > 0xffff) throw new RangeError(`vector of ${body.length} bytes does not fit a 2-byte length`);
  return Buffer.concat([u16(body.length), body]);
}
export function vec24(...parts: Buffer[]): Buffer {
  const body = Buffer.concat(parts);
  if (body.length > 0xffffff) throw new RangeError(`vector of ${body.length} bytes does not fit a 3-byte length`);
  return Buffer.concat([u24(body.length), body]);
}

// ---------------------------------------------------------------- reading

/** Reads one structure; every read names its field, so a short buffer gives a precise detail. */
export class ByteReader {
  #offset = 0;
  constructor(
    private readonly buf: Buffer,
    /** What is being read, for error details ("ServerHello"). */
    private readonly what: string,
  ) {}

  get offset(): number {
    return this.#offset;
  }
  get remaining(): number {
    return this.buf.length - this.#offset;
  }

  #need(n: number, field: string): void {
    if (this.remaining < n) {
      throw new TlsDecodeError(`${this.what}: ${field} needs ${n} byte${n === 1 ? '' : 's'} at offset ${this.#offset}, only ${this.remaining} left`);
    }
  }
  u8(field: string): number {
    this.#need(1, field);
    return this.buf[this.#offset++]!;
  }
  u16(field: string): number {
    this.#need(2, field);
    const v = this.buf.readUInt16BE(this.#offset);
    this.#offset += 2;
    return v;
  }
  u24(field: string): number {
    this.#need(3, field);
    const v = this.buf.readUIntBE(this.#offset, 3);
    this.#offset += 3;
    return v;
  }
  bytes(n: number, field: string): Buffer {
    this.#need(n, field);
    const v = this.buf.subarray(this.#offset, this.#offset + n);
    this.#offset += n;
    return v;
  }
  vec8(field: string): Buffer {
    return this.bytes(this.u8(`${field} length`), field);
  }
  vec16(field: string): Buffer {
    return this.bytes(this.u16(`${field} length`), field);
  }
  vec24(field: string): Buffer {
    return this.bytes(this.u24(`${field} length`), field);
  }
  /** The structure must end here: trailing bytes are a decode error. */
  end(): void {
    if (this.remaining !== 0) throw new TlsDecodeError(`${this.what}: ${this.remaining} trailing byte${this.remaining === 1 ? '' : 's'} at offset ${this.#offset}`);
  }
}

/** A vector of fixed-size items (u16 code points, u8 methods), read whole. */
export function readU16List(data: Buffer, what: string): number[] {
  if (data.length % 2 !== 0) throw new TlsDecodeError(`${what}: odd length ${data.length} for a list of 2-byte values`);
  const out: number[] = [];
  for (let i = 0; i < data.length; i += 2) out.push(data.readUInt16BE(i));
  return out;
}
