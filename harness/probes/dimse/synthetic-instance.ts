/**
 * The only DICOM data part15 ever writes to a node: a synthetic Secondary Capture instance, made
 * here, with UIDs under the 2.25 root (UUID-derived, PS3.5 B.2: no registration needed) and a
 * patient that cannot be anybody: PART15^SYNTHETIC / PART15-SYNTH.
 */
import { randomUUID } from 'node:crypto';

export const SECONDARY_CAPTURE_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.7';
export const EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';

export function uuidUid(): string {
  return `2.25.${BigInt(`0x${randomUUID().replace(/-/g, '')}`).toString()}`;
}

/** Naturalized dataset elements (dcmjs form) for an instance with about `bytes` of 8-bit pixels. */
export interface SyntheticInstance {
  elements: Record<string, unknown>;
  studyInstanceUid: string;
  seriesInstanceUid: string;
  sopInstanceUid: string;
  bytes: number;
}

export function syntheticSecondaryCapture(bytes: number): SyntheticInstance {
  const columns = Math.max(2, Math.ceil(Math.sqrt(bytes)) + (Math.ceil(Math.sqrt(bytes)) % 2));
  const rows = Math.max(2, Math.ceil(bytes / columns) + (Math.ceil(bytes / columns) % 2));
  const sopInstanceUid = uuidUid();
  const studyInstanceUid = uuidUid();
  const seriesInstanceUid = uuidUid();
  const pixels = new Uint8Array(rows * columns);
  for (let i = 0; i < pixels.length; i++) pixels[i] = i & 0xff; // a ramp: visibly synthetic
  return {
    sopInstanceUid,
    studyInstanceUid,
    seriesInstanceUid,
    bytes: pixels.length,
    elements: {
      SOPClassUID: SECONDARY_CAPTURE_IMAGE_STORAGE,
      SOPInstanceUID: sopInstanceUid,
      StudyInstanceUID: studyInstanceUid,
      SeriesInstanceUID: seriesInstanceUid,
      PatientName: 'PART15^SYNTHETIC',
      PatientID: 'PART15-SYNTH',
      StudyDescription: 'part15 synthetic test instance',
      Modality: 'OT',
      ConversionType: 'WSD',
      Rows: rows,
      Columns: columns,
      SamplesPerPixel: 1,
      PhotometricInterpretation: 'MONOCHROME2',
      BitsAllocated: 8,
      BitsStored: 8,
      HighBit: 7,
      PixelRepresentation: 0,
      PixelData: [pixels.buffer],
      _vrMap: { PixelData: 'OB' },
    },
  };
}
