/**
 * The coded terms of DICOM audit messages, as data: PS3.16 context groups CID 400–405 (coding
 * scheme DCM) and the RFC 3881 ParticipantObjectIDTypeCode values PS3.15 A.5.3 uses
 * (codeSystemName "RFC-3881").
 *
 * Sources. Membership: PS3.16 as generated into pydicom src/pydicom/sr/_cid_dict.py (commit
 * 34d2c826; CIDs 400–405 read there), which lists the same 28 codes (110120–110147) for CID 401
 * and CID 403. Code meanings: pydicom's generated concept dictionary as quoted in
 * PART15-CATALOGUE.md §4.3 (June 2026), spot-checked against dcm4che's and other public audit
 * implementations' code tables; several (110106, 110113, 110114, 110122, 110123, 110152,
 * 110153, 110181, 110182) also appear in the PS3.15 2023b A.5.3 tables, e.g. EV (110153, DCM,
 * "Source Role ID"). The case of 110145/110146 ("Session start"/"Session stop") is the
 * catalogue's and was not seen in PS3.16 itself. RFC 3881 values: as listed in catalogue §4.2.
 *
 * A message's originalText is compared with these meanings (catalogue AUD-FMT-05: WARN when it
 * differs), so a wrong meaning here is a false warning, never a false failure.
 */

const table = (rows: Array<[string, string]>): ReadonlyMap<string, string> => new Map(rows);

/** The coding scheme designator of DICOM codes, and its OID form (PS3.16 Table 8-1). */
export const DCM = 'DCM';
export const DCM_OID = '1.2.840.10008.2.16.4';
export const RFC_3881 = 'RFC-3881';

/** CID 400 Audit Event ID: one per A.5.3 message. */
export const CID_400_AUDIT_EVENT_ID = table([
  ['110100', 'Application Activity'],
  ['110101', 'Audit Log Used'],
  ['110102', 'Begin Transferring DICOM Instances'],
  ['110103', 'DICOM Instances Accessed'],
  ['110104', 'DICOM Instances Transferred'],
  ['110105', 'DICOM Study Deleted'],
  ['110106', 'Export'],
  ['110107', 'Import'],
  ['110108', 'Network Entry'],
  ['110109', 'Order Record'],
  ['110110', 'Patient Record'],
  ['110111', 'Procedure Record'],
  ['110112', 'Query'],
  ['110113', 'Security Alert'],
  ['110114', 'User Authentication'],
]);

/** CID 401 Audit Event Type Code. */
export const CID_401_AUDIT_EVENT_TYPE_CODE = table([
  ['110120', 'Application Start'],
  ['110121', 'Application Stop'],
  ['110122', 'Login'],
  ['110123', 'Logout'],
  ['110124', 'Attach'],
  ['110125', 'Detach'],
  ['110126', 'Node Authentication'],
  ['110127', 'Emergency Override Started'],
  ['110128', 'Network Configuration'],
  ['110129', 'Security Configuration'],
  ['110130', 'Hardware Configuration'],
  ['110131', 'Software Configuration'],
  ['110132', 'Use of Restricted Function'],
  ['110133', 'Audit Recording Stopped'],
  ['110134', 'Audit Recording Started'],
  ['110135', 'Object Security Attributes Changed'],
  ['110136', 'Security Roles Changed'],
  ['110137', 'User Security Attributes Changed'],
  ['110138', 'Emergency Override Stopped'],
  ['110139', 'Remote Service Operation Started'],
  ['110140', 'Remote Service Operation Stopped'],
  ['110141', 'Local Service Operation Started'],
  ['110142', 'Local Service Operation Stopped'],
  ['110143', 'Authentication Decision'],
  ['110144', 'Authorization Decision'],
  ['110145', 'Session start'],
  ['110146', 'Session stop'],
  ['110147', 'Access Control Decision'],
]);

/** CID 403 Security Alert Type Code: the Security Alert's EventTypeCode (A.5.3.11, "Values selected from DCID 403"). Same members as CID 401 in the source above. */
export const CID_403_SECURITY_ALERT_TYPE_CODE: ReadonlyMap<string, string> = CID_401_AUDIT_EVENT_TYPE_CODE;

/** CID 402 Audit Active Participant Role ID Code. */
export const CID_402_ROLE_ID_CODE = table([
  ['110150', 'Application'],
  ['110151', 'Application Launcher'],
  ['110152', 'Destination Role ID'],
  ['110153', 'Source Role ID'],
  ['110154', 'Destination Media'],
  ['110155', 'Source Media'],
]);

/** CID 404 Audit Participant Object ID Type Code. */
export const CID_404_PARTICIPANT_OBJECT_ID_TYPE_CODE = table([
  ['110180', 'Study Instance UID'],
  ['110181', 'SOP Class UID'],
  ['110182', 'Node ID'],
]);

/** CID 405 Media Type Code. */
export const CID_405_MEDIA_TYPE_CODE = table([
  ['110010', 'Film'],
  ['110030', 'USB Disk Emulation'],
  ['110031', 'Email'],
  ['110032', 'CD'],
  ['110033', 'DVD'],
  ['110034', 'Compact Flash'],
  ['110035', 'Multi-media Card'],
  ['110036', 'Secure Digital Card'],
  ['110037', 'URI'],
  ['110038', 'Paper Document'],
]);

/** RFC 3881 ParticipantObjectIDTypeCode (codeSystemName "RFC-3881"); A.5.3 uses 2 Patient Number and 12 URI. */
export const RFC_3881_PARTICIPANT_OBJECT_ID_TYPE_CODE = table([
  ['1', 'Medical Record Number'],
  ['2', 'Patient Number'],
  ['3', 'Encounter Number'],
  ['4', 'Enrollee Number'],
  ['5', 'Social Security Number'],
  ['6', 'Account Number'],
  ['7', 'Guarantor Number'],
  ['8', 'Report Name'],
  ['9', 'Report Number'],
  ['10', 'Search Criteria'],
  ['11', 'User Identifier'],
  ['12', 'URI'],
]);

const DCM_MEANINGS: ReadonlyMap<string, string> = new Map([
  ...CID_400_AUDIT_EVENT_ID,
  ...CID_401_AUDIT_EVENT_TYPE_CODE,
  ...CID_402_ROLE_ID_CODE,
  ...CID_404_PARTICIPANT_OBJECT_ID_TYPE_CODE,
  ...CID_405_MEDIA_TYPE_CODE,
]);

/** True for the DICOM coding scheme, by designator or OID. */
export function isDcmScheme(codeSystemName: string | undefined): boolean {
  return codeSystemName === DCM || codeSystemName === DCM_OID;
}

/** The PS3.16 / RFC 3881 meaning of a code in the schemes above; undefined for codes not listed here. */
export function codeMeaning(code: string | undefined, codeSystemName: string | undefined): string | undefined {
  if (code === undefined) return undefined;
  if (isDcmScheme(codeSystemName)) return DCM_MEANINGS.get(code);
  if (codeSystemName === RFC_3881) return RFC_3881_PARTICIPANT_OBJECT_ID_TYPE_CODE.get(code);
  return undefined;
}
