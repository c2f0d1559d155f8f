/** Naming the first bytes a peer sent, for evidence: a TLS record, a DICOM PDU, or neither. */

/** What the first bytes from a peer look like, for evidence: a TLS record, a DICOM PDU, or neither. */
export function describeFirstBytes(bytes: Buffer): string {
  if (bytes.length === 0) return 'no bytes';
  const hex = bytes.subarray(0, 16).toString('hex').replace(/(..)/g, '$1 ').trim();
  const t = bytes[0]!;
  if (t >= 0x14 && t <= 0x17 && bytes.length >= 3 && bytes[1] === 0x03) {
    const kind = { 0x14: 'change_cipher_spec', 0x15: 'alert', 0x16: 'handshake', 0x17: 'application_data' }[t];
    const extra = t === 0x15 && bytes.length >= 7 ? ` (level ${bytes[5]}, description ${bytes[6]})` : '';
    return `TLS ${kind} record${extra}: ${hex}`;
  }
  const pdu = DICOM_PDU_TYPES[t];
  if (pdu && bytes.length >= 2 && bytes[1] === 0x00) return `DICOM ${pdu} PDU: ${hex}`;
  return `unrecognised bytes: ${hex}`;
}

export const DICOM_PDU_TYPES: Readonly<Record<number, string>> = {
  0x01: 'A-ASSOCIATE-RQ',
  0x02: 'A-ASSOCIATE-AC',
  0x03: 'A-ASSOCIATE-RJ',
  0x04: 'P-DATA-TF',
  0x05: 'A-RELEASE-RQ',
  0x06: 'A-RELEASE-RP',
  0x07: 'A-ABORT',
};
