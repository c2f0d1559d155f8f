/** DIMSE status codes (PS3.7 Annex C; PS3.4 Annexes B and C) as classes and short names. */

const NAMES: Record<number, string> = {
  0x0000: 'Success',
  0x0001: 'Warning (requested optional attributes are not supported)',
  0x0107: 'Warning: attribute list error',
  0x0110: 'Failure: processing failure',
  0x0122: 'Failure: SOP class not supported',
  0x0124: 'Refused: not authorized',
  0x0211: 'Failure: unrecognized operation',
  0xa700: 'Refused: out of resources',
  0xa701: 'Refused: out of resources (unable to calculate number of matches)',
  0xa702: 'Refused: out of resources (unable to perform sub-operations)',
  0xa801: 'Refused: move destination unknown',
  0xa900: 'Error: identifier does not match SOP class',
  0xb000: 'Warning: sub-operations complete, one or more failures / coercion of data elements',
  0xb006: 'Warning: elements discarded',
  0xb007: 'Warning: data set does not match SOP class',
  0xc000: 'Error: unable to process',
  0xfe00: 'Cancel',
  0xff00: 'Pending',
  0xff01: 'Pending (optional keys not supported)',
};

export type StatusClass = 'success' | 'warning' | 'failure' | 'pending' | 'cancel';

export function statusClass(code: number): StatusClass {
  if (code === 0x0000) return 'success';
  if (code === 0xff00 || code === 0xff01) return 'pending';
  if (code === 0xfe00) return 'cancel';
  if (code === 0x0001 || code === 0x0107 || code === 0x0116 || (code & 0xf000) === 0xb000) return 'warning';
  return 'failure';
}

export function statusText(code: number): string {
  const hex = `0x${code.toString(16).toUpperCase().padStart(4, '0')}`;
  const name = NAMES[code] ?? ((code & 0xf000) === 0xc000 ? 'Error: unable to process' : (code & 0xff00) === 0xa700 ? 'Refused: out of resources' : undefined);
  return name ? `${hex} ${name}` : hex;
}
