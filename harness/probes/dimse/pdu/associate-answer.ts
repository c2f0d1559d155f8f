/**
 * The node's answer to an A-ASSOCIATE-RQ, from bytes: A-ASSOCIATE-AC (PS3.8 Table 9-17) with its
 * presentation-context results and User Information sub-items, A-ASSOCIATE-RJ (Table 9-21),
 * A-ABORT (Table 9-26), or anything else. Pure. Also a reader that cuts whole PDUs out of a stream.
 */
import { decodeUserIdentityAc, USER_IDENTITY_AC, UserIdentityDecodeError } from './user-identity.ts';

export interface SubItem {
  type: number;
  length: number;
}

export type AssociateAnswer =
  | {
      pdu: 'associate-ac';
      /** Presentation contexts with result 0 (acceptance). */
      acceptedContexts: number;
      userInformation: SubItem[];
      /** Every 0x59 sub-item: its server-response length, or why it could not be read. */
      userIdentityResponses: Array<{ serverResponseLength: number } | { malformed: string }>;
    }
  | { pdu: 'associate-rj'; result: number; source: number; reason: number }
  | { pdu: 'abort'; source: number; reason: number }
  | { pdu: 'other'; type: number }
  | { pdu: 'malformed'; detail: string };

/** Items of a PDU body or item value: type (1), reserved (1), length (2), value. */
function* items(bytes: Buffer): Generator<{ type: number; value: Buffer; whole: Buffer }> {
  for (let at = 0; at + 4 <= bytes.length; ) {
    const length = bytes.readUInt16BE(at + 2);
    if (at + 4 + length > bytes.length) throw new UserIdentityDecodeError(`item 0x${bytes[at]!.toString(16)} at offset ${at} runs past its container`);
    yield { type: bytes[at]!, value: bytes.subarray(at + 4, at + 4 + length), whole: bytes.subarray(at, at + 4 + length) };
    at += 4 + length;
  }
}

export function parseAssociateAnswer(pdu: Buffer): AssociateAnswer {
  if (pdu.length < 6) return { pdu: 'malformed', detail: `${pdu.length} bytes are no PDU` };
  const type = pdu[0]!;
  if (type === 0x03 && pdu.length >= 10) return { pdu: 'associate-rj', result: pdu[7]!, source: pdu[8]!, reason: pdu[9]! };
  if (type === 0x07 && pdu.length >= 10) return { pdu: 'abort', source: pdu[8]!, reason: pdu[9]! };
  if (type !== 0x02) return { pdu: 'other', type };
  // A-ASSOCIATE-AC: 6-byte header, 68 fixed bytes (version, reserved, AE fields echoed, reserved), then items.
  if (pdu.length < 74) return { pdu: 'malformed', detail: 'A-ASSOCIATE-AC shorter than its fixed fields' };
  try {
    let acceptedContexts = 0;
    const userInformation: SubItem[] = [];
    const userIdentityResponses: Array<{ serverResponseLength: number } | { malformed: string }> = [];
    for (const it of items(pdu.subarray(74))) {
      if (it.type === 0x21 && it.value.length >= 4 && it.value[2] === 0) acceptedContexts++;
      if (it.type !== 0x50) continue;
      for (const sub of items(it.value)) {
        userInformation.push({ type: sub.type, length: sub.value.length });
        if (sub.type !== USER_IDENTITY_AC) continue;
        try {
          userIdentityResponses.push({ serverResponseLength: decodeUserIdentityAc(sub.whole).serverResponse.length });
        } catch (e) {
          userIdentityResponses.push({ malformed: (e as Error).message });
        }
      }
    }
    return { pdu: 'associate-ac', acceptedContexts, userInformation, userIdentityResponses };
  } catch (e) {
    if (e instanceof UserIdentityDecodeError) return { pdu: 'malformed', detail: e.message };
    throw e;
  }
}

/** Collects stream chunks and hands out whole PDUs (6-byte header: type, reserved, 4-byte length). */
export class PduReader {
  private buffered = Buffer.alloc(0);
  /** Bounded: a peer that announces more than this is not answering an association request. */
  constructor(private readonly maxPduBytes = 1 << 20) {}
  feed(chunk: Buffer): Buffer[] {
    this.buffered = Buffer.concat([this.buffered, chunk]);
    const out: Buffer[] = [];
    while (this.buffered.length >= 6) {
      const length = this.buffered.readUInt32BE(2);
      if (length > this.maxPduBytes) throw new RangeError(`PDU of ${length} bytes announced (limit ${this.maxPduBytes})`);
      if (this.buffered.length < 6 + length) break;
      out.push(this.buffered.subarray(0, 6 + length));
      this.buffered = this.buffered.subarray(6 + length);
    }
    return out;
  }
  get pending(): Buffer {
    return this.buffered;
  }
}
