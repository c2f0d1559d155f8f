/**
 * Reads the DICOM query a Query audit message carries (PS3.15 A.5.3.10): ParticipantObjectQuery is
 * the base64 of the query's Data Set (no preamble, no File Meta Information), and a
 * ParticipantObjectDetail type="TransferSyntax" gives, base64 too, the UID of its encoding. The
 * harness compares the elements with the identifier it sent (catalogue AUD-FMT-10).
 *
 * Implicit VR Little Endian (1.2.840.10008.1.2) and Explicit VR Little Endian (1.2.840.10008.1.2.1)
 * only, per PS3.5 §7.1. Top-level elements are listed; sequences are skipped (defined or undefined
 * length, items walked without decoding them). Bounded: every step consumes at least 8 bytes,
 * nesting and element counts are capped, and lengths are checked against the buffer, so garbage
 * ends in a problem, never a loop.
 */
import type { ParticipantObject } from './audit-xml.ts';
import { decodeBase64Strict } from './audit-values.ts';

export const IMPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2';
export const EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';

export interface QueryElement {
  /** 'GGGG,EEEE', upper-case hex. */
  tag: string;
  /** As encoded (explicit VR); for implicit VR only 'SQ' when a sequence is recognised. */
  vr?: string;
  /** Strings without their padding; numbers as decimal text joined by "\"; other binary as hex; '' for sequences. */
  value: string;
}

export type QueryDecodeResult =
  | { ok: true; transferSyntax: string; elements: QueryElement[] }
  | { ok: false; kind: 'unsupported' | 'malformed'; problem: string };

const MAX_ELEMENTS = 10_000;
const MAX_SEQUENCE_DEPTH = 16;
const UNDEFINED = 0xffffffff;
const VRS = new Set(['AE', 'AS', 'AT', 'CS', 'DA', 'DS', 'DT', 'FL', 'FD', 'IS', 'LO', 'LT', 'OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'PN', 'SH', 'SL', 'SQ', 'SS', 'ST', 'SV', 'TM', 'UC', 'UI', 'UL', 'UN', 'UR', 'US', 'UT', 'UV']);
/** Explicit VRs with a 2-byte reserved field and a 4-byte length (PS3.5 Table 7.1-1). */
const LONG_VRS = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'SV', 'UC', 'UN', 'UR', 'UT', 'UV']);
const TEXT_VRS = new Set(['AE', 'AS', 'CS', 'DA', 'DS', 'DT', 'IS', 'LO', 'LT', 'PN', 'SH', 'ST', 'TM', 'UC', 'UI', 'UR', 'UT']);
/** VRs whose leading spaces are padding too (PS3.5 Table 6.2-1). */
const TRIM_BOTH = new Set(['AE', 'CS', 'DA', 'DS', 'DT', 'IS', 'LO', 'SH', 'TM', 'UI']);
const ITEM = 0xfffee000;
const ITEM_DELIMITER = 0xfffee00d;
const SEQUENCE_DELIMITER = 0xfffee0dd;

class Malformed extends Error {}

/** The Transfer Syntax UID of a query's ParticipantObjectDetail type="TransferSyntax", if present and decodable. */
export function transferSyntaxOf(po: Pick<ParticipantObject, 'details'>): string | undefined {
  const detail = po.details.find((d) => d.type === 'TransferSyntax');
  if (!detail) return undefined;
  const decoded = decodeBase64Strict(detail.value);
  return decoded.ok ? decoded.bytes.toString('latin1').replace(/[\0 ]+$/, '') : undefined;
}

/** Decodes a participant object's ParticipantObjectQuery with the transfer syntax its details name. */
export function decodeParticipantObjectQuery(po: Pick<ParticipantObject, 'query' | 'details'>): QueryDecodeResult {
  if (po.query === undefined) return { ok: false, kind: 'malformed', problem: 'no ParticipantObjectQuery' };
  const bytes = decodeBase64Strict(po.query);
  if (!bytes.ok) return { ok: false, kind: 'malformed', problem: `ParticipantObjectQuery is not base64: ${bytes.reason}` };
  return decodeQueryDataset(bytes.bytes, transferSyntaxOf(po));
}

/**
 * Decodes a Data Set in the given transfer syntax; without one, Explicit VR Little Endian is tried
 * first, then Implicit (the elements of a Data Set are in ascending tag order, PS3.5 §7.1, which
 * tells the two apart in practice).
 */
export function decodeQueryDataset(bytes: Uint8Array, transferSyntaxUid?: string): QueryDecodeResult {
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (transferSyntaxUid !== undefined && transferSyntaxUid !== EXPLICIT_VR_LITTLE_ENDIAN && transferSyntaxUid !== IMPLICIT_VR_LITTLE_ENDIAN) {
    return { ok: false, kind: 'unsupported', problem: `transfer syntax ${transferSyntaxUid} is not decoded here (only ${IMPLICIT_VR_LITTLE_ENDIAN} and ${EXPLICIT_VR_LITTLE_ENDIAN})` };
  }
  const order = transferSyntaxUid ? [transferSyntaxUid] : [EXPLICIT_VR_LITTLE_ENDIAN, IMPLICIT_VR_LITTLE_ENDIAN];
  const failures: string[] = [];
  for (const ts of order) {
    try {
      return { ok: true, transferSyntax: ts, elements: readDataSet(data, ts === EXPLICIT_VR_LITTLE_ENDIAN) };
    } catch (e) {
      if (!(e instanceof Malformed)) throw e;
      failures.push(`as ${ts === EXPLICIT_VR_LITTLE_ENDIAN ? 'Explicit' : 'Implicit'} VR Little Endian: ${e.message}`);
    }
  }
  return { ok: false, kind: 'malformed', problem: `not a DICOM data set ${failures.join('; ')}` };
}

function readDataSet(data: Buffer, explicit: boolean): QueryElement[] {
  const elements: QueryElement[] = [];
  let utf8 = false;
  let previous = -1;
  let at = 0;
  while (at < data.length) {
    if (elements.length >= MAX_ELEMENTS) throw new Malformed(`more than ${MAX_ELEMENTS} elements`);
    const h = header(data, at, explicit);
    if (h.tag >>> 16 === 0xfffe) throw new Malformed(`item or delimiter tag ${tagText(h.tag)} outside a sequence at byte ${at}`);
    if (h.tag <= previous) throw new Malformed(`tag ${tagText(h.tag)} at byte ${at} is not in ascending order`);
    previous = h.tag;
    at += h.size;
    const tag = tagText(h.tag);
    if (h.length === UNDEFINED) {
      if (explicit && h.vr !== 'SQ' && h.vr !== 'UN') throw new Malformed(`undefined length on a ${h.vr} element ${tag}`);
      // A UN of undefined length is a sequence in Implicit VR Little Endian (PS3.5 §6.2.2).
      at = skipSequence(data, at, explicit && h.vr === 'SQ', 1);
      elements.push({ tag, vr: explicit ? h.vr : 'SQ', value: '' });
      continue;
    }
    if (at + h.length > data.length) throw new Malformed(`the value of ${tag} (${h.length} bytes) runs past the end of the data (${data.length} bytes)`);
    const value = data.subarray(at, at + h.length);
    at += h.length;
    const isSequence = explicit ? h.vr === 'SQ' : value.length >= 8 && value.readUInt32LE(0) === 0xe000fffe;
    if (isSequence) {
      elements.push({ tag, vr: 'SQ', value: '' });
      continue;
    }
    if (h.tag === 0x00080005) utf8 = /ISO_IR 192/.test(value.toString('latin1'));
    elements.push({ tag, ...(h.vr ? { vr: h.vr } : {}), value: formatValue(value, h.vr, utf8) });
  }
  return elements;
}

interface Header {
  tag: number;
  vr?: string;
  length: number;
  size: number;
}

/** An element header; items and delimiters (group FFFE) have no VR in either transfer syntax. */
function header(data: Buffer, at: number, explicit: boolean): Header {
  if (at + 8 > data.length) throw new Malformed(`truncated element header at byte ${at}`);
  const tag = ((data.readUInt16LE(at) << 16) | data.readUInt16LE(at + 2)) >>> 0;
  if (!explicit || tag >>> 16 === 0xfffe) return { tag, length: data.readUInt32LE(at + 4), size: 8 };
  const vr = data.toString('latin1', at + 4, at + 6);
  if (!VRS.has(vr)) throw new Malformed(`"${printable(vr)}" at byte ${at + 4} is not a VR`);
  if (!LONG_VRS.has(vr)) return { tag, vr, length: data.readUInt16LE(at + 6), size: 8 };
  if (at + 12 > data.length) throw new Malformed(`truncated element header at byte ${at}`);
  return { tag, vr, length: data.readUInt32LE(at + 8), size: 12 };
}

/** Skips the items of an undefined-length sequence up to and including its delimiter; returns the offset after it. */
function skipSequence(data: Buffer, at: number, explicit: boolean, depth: number): number {
  if (depth > MAX_SEQUENCE_DEPTH) throw new Malformed(`sequences nested deeper than ${MAX_SEQUENCE_DEPTH}`);
  for (;;) {
    const h = header(data, at, false);
    at += 8;
    if (h.tag === SEQUENCE_DELIMITER) return at;
    if (h.tag !== ITEM) throw new Malformed(`item or sequence delimiter expected at byte ${at - 8}, found ${tagText(h.tag)}`);
    if (h.length !== UNDEFINED) {
      if (at + h.length > data.length) throw new Malformed(`an item at byte ${at - 8} runs past the end of the data`);
      at += h.length;
      continue;
    }
    // An undefined-length item: its elements up to the item delimiter.
    for (;;) {
      const e = header(data, at, explicit);
      at += e.size;
      if (e.tag === ITEM_DELIMITER) break;
      if (e.length === UNDEFINED) at = skipSequence(data, at, explicit && e.vr === 'SQ', depth + 1);
      else if (at + e.length > data.length) throw new Malformed(`the value of ${tagText(e.tag)} inside a sequence runs past the end of the data`);
      else at += e.length;
    }
  }
}

function formatValue(value: Buffer, vr: string | undefined, utf8: boolean): string {
  const text = (v: Buffer) => v.toString(utf8 ? 'utf8' : 'latin1');
  if (vr === undefined) return isPrintable(value) ? text(value).replace(/[\0 ]+$/, '').replace(/^ +/, '') : hex(value);
  if (TEXT_VRS.has(vr)) {
    const s = text(value).replace(/[\0 ]+$/, '');
    return TRIM_BOTH.has(vr) ? s.replace(/^ +/, '') : s;
  }
  const numbers = (size: number, read: (at: number) => number | bigint) => {
    const out: string[] = [];
    for (let i = 0; i + size <= value.length; i += size) out.push(String(read(i)));
    return out.join('\\');
  };
  switch (vr) {
    case 'US': return numbers(2, (i) => value.readUInt16LE(i));
    case 'SS': return numbers(2, (i) => value.readInt16LE(i));
    case 'UL': return numbers(4, (i) => value.readUInt32LE(i));
    case 'SL': return numbers(4, (i) => value.readInt32LE(i));
    case 'FL': return numbers(4, (i) => value.readFloatLE(i));
    case 'FD': return numbers(8, (i) => value.readDoubleLE(i));
    case 'SV': return numbers(8, (i) => value.readBigInt64LE(i));
    case 'UV': return numbers(8, (i) => value.readBigUInt64LE(i));
    case 'AT': {
      const out: string[] = [];
      for (let i = 0; i + 4 <= value.length; i += 4) out.push(tagText(((value.readUInt16LE(i) << 16) | value.readUInt16LE(i + 2)) >>> 0));
      return out.join('\\');
    }
    default: return hex(value);
  }
}

const isPrintable = (v: Buffer) => v.every((b) => b === 0 || b === 0x1b || b >= 0x20);
const hex = (v: Buffer) => (v.length > 64 ? `${v.subarray(0, 64).toString('hex')}…` : v.toString('hex'));
const printable = (s: string) => s.replace(/[^\x20-\x7e]/g, '?');
const tagText = (tag: number) => `${(tag >>> 16).toString(16).toUpperCase().padStart(4, '0')},${(tag & 0xffff).toString(16).toUpperCase().padStart(4, '0')}`;
