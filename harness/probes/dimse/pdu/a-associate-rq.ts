/**
 * A-ASSOCIATE-RQ and A-RELEASE-RQ as bytes (PS3.8 §9.3.2 Table 9-11, §9.3.6 Table 9-24), for the
 * probes that need the association on a socket of their own (dcmjs-dimse owns its sockets).
 * Pure: no I/O. Only what a Verification association needs.
 *
 *   A-ASSOCIATE-RQ: type 0x01, reserved, length (4), protocol-version 0x0001, reserved (2),
 *   called AE (16), calling AE (16), reserved (32), then items: Application Context (0x10),
 *   Presentation Context (0x20: id, reserved ×3, Abstract Syntax 0x30, Transfer Syntax 0x40),
 *   User Information (0x50: Maximum Length 0x51).
 */
export const DICOM_APPLICATION_CONTEXT = '1.2.840.10008.3.1.1.1';
export const VERIFICATION_SOP_CLASS = '1.2.840.10008.1.1';
export const IMPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2';

/** Item: type (1), reserved (1), length (2), value. */
export function item(type: number, value: Buffer): Buffer {
  const header = Buffer.alloc(4);
  header[0] = type;
  header.writeUInt16BE(value.length, 2);
  return Buffer.concat([header, value]);
}

/** AE titles are 16 bytes, space-padded (PS3.8 Table 9-11). */
function aeTitle(title: string): Buffer {
  if (title.length < 1 || title.length > 16) throw new RangeError(`AE title must be 1-16 characters: "${title}"`);
  return Buffer.from(title.padEnd(16, ' '), 'ascii');
}

export function encodeVerificationAssociateRq(opts: {
  calledAeTitle: string;
  callingAeTitle: string;
  maxPduLength?: number;
  /** Whole sub-items appended to the User Information item after Maximum Length (e.g. 0x58 user identity). */
  extraUserInformation?: readonly Buffer[];
}): Buffer {
  const presentationContext = item(
    0x20,
    Buffer.concat([Buffer.from([0x01, 0, 0, 0]), item(0x30, Buffer.from(VERIFICATION_SOP_CLASS, 'ascii')), item(0x40, Buffer.from(IMPLICIT_VR_LITTLE_ENDIAN, 'ascii'))]),
  );
  const maxLength = Buffer.alloc(4);
  maxLength.writeUInt32BE(opts.maxPduLength ?? 16384);
  const body = Buffer.concat([
    Buffer.from([0x00, 0x01, 0x00, 0x00]), // protocol-version 1, reserved
    aeTitle(opts.calledAeTitle),
    aeTitle(opts.callingAeTitle),
    Buffer.alloc(32),
    item(0x10, Buffer.from(DICOM_APPLICATION_CONTEXT, 'ascii')),
    presentationContext,
    item(0x50, Buffer.concat([item(0x51, maxLength), ...(opts.extraUserInformation ?? [])])),
  ]);
  const header = Buffer.alloc(6);
  header[0] = 0x01;
  header.writeUInt32BE(body.length, 2);
  return Buffer.concat([header, body]);
}

/** A-RELEASE-RQ: type 0x05, reserved, length 4, reserved (4). */
export const A_RELEASE_RQ = Buffer.from([0x05, 0x00, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0x00]);
