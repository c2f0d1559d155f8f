/**
 * For tests only: encodes a small DICOM data set (PS3.5 §7.1) in Explicit or Implicit VR Little
 * Endian, written independently of query-dataset.ts, so the decoder is checked against bytes it
 * did not produce. Strings are padded to even length (UI with NUL, others with a space);
 * sequences can have defined or undefined length.
 */

export type TestElement =
  | { tag: number; vr: string; value: string }
  | { tag: number; vr: 'US'; value: number }
  | { tag: number; vr: 'SQ'; items: TestElement[][]; undefinedLength?: boolean };

const LONG_VRS = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'SV', 'UC', 'UN', 'UR', 'UT', 'UV']);

export function encodeTestDataset(elements: TestElement[], explicit: boolean): Buffer {
  return Buffer.concat(elements.map((e) => encodeElement(e, explicit)));
}

function encodeElement(e: TestElement, explicit: boolean): Buffer {
  let value: Buffer;
  let undefinedLength = false;
  if ('items' in e) {
    undefinedLength = e.undefinedLength === true;
    value = Buffer.concat(
      e.items.map((item) => {
        const body = encodeTestDataset(item, explicit);
        return undefinedLength ? Buffer.concat([tagLength(0xfffee000, 0xffffffff), body, tagLength(0xfffee00d, 0)]) : Buffer.concat([tagLength(0xfffee000, body.length), body]);
      }),
    );
    if (undefinedLength) value = Buffer.concat([value, tagLength(0xfffee0dd, 0)]);
  } else if (typeof e.value === 'number') {
    value = Buffer.alloc(2);
    value.writeUInt16LE(e.value);
  } else {
    value = Buffer.from(e.value, 'latin1');
    if (value.length % 2 === 1) value = Buffer.concat([value, Buffer.from(e.vr === 'UI' ? [0] : [0x20])]);
  }
  const length = undefinedLength ? 0xffffffff : value.length;
  const tag = Buffer.alloc(4);
  tag.writeUInt16LE(e.tag >>> 16);
  tag.writeUInt16LE(e.tag & 0xffff, 2);
  if (!explicit) {
    const len = Buffer.alloc(4);
    len.writeUInt32LE(length);
    return Buffer.concat([tag, len, value]);
  }
  if (LONG_VRS.has(e.vr)) {
    const head = Buffer.alloc(8);
    head.write(e.vr, 0, 'latin1');
    head.writeUInt32LE(length, 4);
    return Buffer.concat([tag, head, value]);
  }
  const head = Buffer.alloc(4);
  head.write(e.vr, 0, 'latin1');
  head.writeUInt16LE(length, 2);
  return Buffer.concat([tag, head, value]);
}

function tagLength(tag: number, length: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeUInt16LE(tag >>> 16);
  b.writeUInt16LE(tag & 0xffff, 2);
  b.writeUInt32LE(length, 4);
  return b;
}

/** The Study Root C-FIND identifier the Query fixture carries (query-110112.xml). */
export const STUDY_QUERY_IDENTIFIER: TestElement[] = [
  { tag: 0x00080020, vr: 'DA', value: '20260101-20261231' },
  { tag: 0x00080052, vr: 'CS', value: 'STUDY' },
  { tag: 0x00100010, vr: 'PN', value: 'DOE^JANE' },
  { tag: 0x00100020, vr: 'LO', value: 'PID-0001' },
  { tag: 0x0020000d, vr: 'UI', value: '' },
];
