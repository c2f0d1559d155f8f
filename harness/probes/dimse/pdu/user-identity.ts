/**
 * User Identity Negotiation sub-items (PS3.7 D.3.3.7, Tables D.3-14 and D.3-15), carried in the
 * User Information item 0x50 of A-ASSOCIATE-RQ/AC (PS3.8 §9.3). Pure functions on bytes; every
 * integer big-endian. Layout (offsets 0-based; PART15-CATALOGUE.md §3.2):
 *
 *   RQ 0x58: type 0x58 | reserved | item-length (2) = 6+P+S | user-identity-type | positive-response-
 *            requested | primary-field-length (2) = P | primary-field | secondary-field-length (2) = S
 *            | secondary-field (S ≠ 0 only for type 2)
 *   AC 0x59: type 0x59 | reserved | item-length (2) = 2+R | server-response-length (2) = R | response
 *
 * The encoder can also write what a conformant requestor never sends (a wrong item-length, an
 * unknown type, a primary length that runs past the item), so the harness can send it (UID-11).
 */

export const USER_IDENTITY_RQ = 0x58;
export const USER_IDENTITY_AC = 0x59;

/** PS3.7 Table D.3-14, User-Identity-Type. 0 and 6…255 are reserved. */
export const USER_IDENTITY_TYPES = {
  1: 'username',
  2: 'username and passcode',
  3: 'Kerberos service ticket',
  4: 'SAML assertion',
  5: 'JSON Web Token',
} as const;

export interface UserIdentityRq {
  /** 1…5 in a well-formed request; any byte for a malformed one. */
  type: number;
  positiveResponseRequested: boolean;
  primaryField: Buffer;
  secondaryField: Buffer;
}

/** Deliberate faults for UID-11 (robustness); each breaks exactly one rule of Table D.3-14. */
export type UserIdentityFault =
  /** item-length two bytes longer than the fields (the node must not read past the item) */
  | 'item-length-too-long'
  /** item-length two bytes shorter than the fields */
  | 'item-length-too-short'
  /** primary-field-length larger than what the item holds */
  | 'primary-length-overrun';

export function encodeUserIdentityRq(rq: UserIdentityRq, fault?: UserIdentityFault): Buffer {
  const p = rq.primaryField.length;
  const s = rq.secondaryField.length;
  if (p > 0xffff || s > 0xffff) throw new RangeError('user identity fields are limited to 65535 bytes each');
  const body = Buffer.alloc(6 + p + s);
  body[0] = rq.type & 0xff;
  body[1] = rq.positiveResponseRequested ? 1 : 0;
  body.writeUInt16BE(fault === 'primary-length-overrun' ? p + s + 3 : p, 2);
  rq.primaryField.copy(body, 4);
  body.writeUInt16BE(s, 4 + p);
  rq.secondaryField.copy(body, 6 + p);
  const header = Buffer.alloc(4);
  header[0] = USER_IDENTITY_RQ;
  const itemLength = body.length + (fault === 'item-length-too-long' ? 2 : fault === 'item-length-too-short' ? -2 : 0);
  header.writeUInt16BE(itemLength, 2);
  return Buffer.concat([header, body]);
}

export class UserIdentityDecodeError extends Error {}

/** A whole 0x58 item (header included) → its fields. Throws UserIdentityDecodeError when the lengths disagree. */
export function decodeUserIdentityRq(item: Buffer): UserIdentityRq {
  if (item.length < 10 || item[0] !== USER_IDENTITY_RQ) throw new UserIdentityDecodeError('not a user identity RQ sub-item (0x58) of at least 10 bytes');
  const itemLength = item.readUInt16BE(2);
  if (itemLength !== item.length - 4) throw new UserIdentityDecodeError(`item-length ${itemLength} but ${item.length - 4} bytes follow the header`);
  const p = item.readUInt16BE(6);
  if (8 + p + 2 > item.length) throw new UserIdentityDecodeError(`primary-field-length ${p} runs past the item`);
  const s = item.readUInt16BE(8 + p);
  if (10 + p + s !== item.length) throw new UserIdentityDecodeError(`secondary-field-length ${s} disagrees with item-length ${itemLength}`);
  return {
    type: item[4]!,
    positiveResponseRequested: item[5] === 1,
    primaryField: item.subarray(8, 8 + p),
    secondaryField: item.subarray(10 + p, 10 + p + s),
  };
}

export function encodeUserIdentityAc(serverResponse: Buffer): Buffer {
  const item = Buffer.alloc(6 + serverResponse.length);
  item[0] = USER_IDENTITY_AC;
  item.writeUInt16BE(2 + serverResponse.length, 2);
  item.writeUInt16BE(serverResponse.length, 4);
  serverResponse.copy(item, 6);
  return item;
}

/** A whole 0x59 item → its server response. Throws UserIdentityDecodeError when the lengths disagree. */
export function decodeUserIdentityAc(item: Buffer): { serverResponse: Buffer } {
  if (item.length < 6 || item[0] !== USER_IDENTITY_AC) throw new UserIdentityDecodeError('not a user identity AC sub-item (0x59) of at least 6 bytes');
  const itemLength = item.readUInt16BE(2);
  if (itemLength !== item.length - 4) throw new UserIdentityDecodeError(`item-length ${itemLength} but ${item.length - 4} bytes follow the header`);
  const r = item.readUInt16BE(4);
  if (6 + r !== item.length) throw new UserIdentityDecodeError(`server-response-length ${r} disagrees with item-length ${itemLength}`);
  return { serverResponse: item.subarray(6) };
}
