/** A-ASSOCIATE-RJ and A-ABORT codes and their names (PS3.8 §9.3.4 Table 9-21, §9.3.8 Table 9-26). */
import type { AssociateRejectCodes } from '../../core/evidence.ts';

const RESULT: Record<number, string> = { 1: 'rejected-permanent', 2: 'rejected-transient' };
const SOURCE: Record<number, string> = {
  1: 'DICOM UL service-user',
  2: 'DICOM UL service-provider (ACSE related function)',
  3: 'DICOM UL service-provider (Presentation related function)',
};
const REASON: Record<number, Record<number, string>> = {
  1: { 1: 'no-reason-given', 2: 'application-context-name-not-supported', 3: 'calling-AE-title-not-recognized', 7: 'called-AE-title-not-recognized' },
  2: { 1: 'no-reason-given', 2: 'protocol-version-not-supported' },
  3: { 0: 'reserved', 1: 'temporary-congestion', 2: 'local-limit-exceeded' },
};
const ABORT_SOURCE: Record<number, string> = { 0: 'DICOM UL service-user', 1: 'reserved', 2: 'DICOM UL service-provider' };
const ABORT_REASON: Record<number, string> = {
  0: 'reason-not-specified',
  1: 'unrecognized-PDU',
  2: 'unexpected-PDU',
  3: 'reserved',
  4: 'unrecognized-PDU-parameter',
  5: 'unexpected-PDU-parameter',
  6: 'invalid-PDU-parameter-value',
};

export function rejectCodesText(result: number, source: number, reason: number): AssociateRejectCodes {
  return {
    result,
    source,
    reason,
    resultText: RESULT[result] ?? `unknown result ${result}`,
    sourceText: SOURCE[source] ?? `unknown source ${source}`,
    reasonText: REASON[source]?.[reason] ?? `unknown reason ${reason}`,
  };
}

export function abortText(source: number, reason: number): string {
  return `${ABORT_SOURCE[source] ?? `source ${source}`}: ${source === 2 ? (ABORT_REASON[reason] ?? `reason ${reason}`) : 'reason not significant'}`;
}
