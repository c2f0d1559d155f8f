/**
 * The DICOM-specific audit messages of PS3.15 A.5.3, as data: what each EventID requires of
 * EventActionCode, EventTypeCode, the active participants and the participant objects. Source:
 * PART15-CATALOGUE.md §4.5 (from the 2020 tables, spot-checked against 2025e), with A.5.3.10,
 * A.5.3.11 and A.5.3.12 read again in PS3.15 2023b (part15.xml). audit-rules.ts applies it
 * (catalogue AUD-FMT-03, AUD-FMT-04, AUD-FMT-07).
 *
 * What a table cannot tell apart is not checked: participants are told apart only by RoleIDCode,
 * and when a table names participants without role codes ("person and/or process, 1..2") only
 * their number is checked. Participant objects are told apart by ParticipantObjectIDTypeCode.
 */

/** A code as the tables write it, e.g. EV (110180, DCM, "Study Instance UID") or (2, RFC-3881, "Patient Number"). */
export interface TermRef {
  code: string;
  scheme: 'DCM' | 'RFC-3881';
}

export interface ParticipantSlot {
  label: string;
  /** The RoleIDCode (DCM) that identifies this participant. */
  role: string;
  min: number;
  max: number;
  /** "UserIsRequestor: Shall be FALSE". */
  notRequestor?: true;
  /** MediaIdentifier/MediaType M, from CID 405. */
  mediaType?: true;
}

export interface ObjectSlot {
  label: string;
  /** The ParticipantObjectIDTypeCode values that identify this object; the first is the table's. */
  idTypes: TermRef[];
  /** True when idTypes are Defined Terms (other values allowed, reported as a warning). */
  idTypesDefined?: true;
  /** ParticipantObjectTypeCode, "Shall be". */
  typeCode: string;
  /** ParticipantObjectTypeCodeRole, "Shall be" one of these. */
  roles: string[];
  /** Roles accepted with a warning (the catalogue's Query note: 24 "Query" instead of 3 "Report"). */
  rolesWithWarning?: string[];
  /** True when the role is U with Defined Terms (absent is fine, others are a warning). */
  rolesDefined?: true;
  min: number;
  max: number;
  /** ParticipantObjectName "Shall be" (2025e; U in 2020, so a mismatch is a warning). */
  name?: string;
  /** ParticipantObjectQuery M. */
  queryRequired?: true;
  /** A ParticipantObjectDetail with this type is M. */
  detailRequired?: string;
}

export interface MessageSpec {
  section: string;
  title: string;
  eventId: string;
  /** EventActionCode M, one of these. */
  actionCodes: string[];
  /** A.5.3.15: EventActionCode is conditional; checked only when present. */
  actionOptional?: true;
  /** EventTypeCode M from this CID; `values` when the table narrows it, `valuesDefined` when those are Defined Terms. */
  eventType?: { cid: '401' | '403'; values?: string[]; valuesDefined?: true };
  participants: ParticipantSlot[];
  /** How many active participants, when the table does not tell them apart by role. */
  participantCount?: { min: number; max: number };
  /** A.5.3.9: the participant's UserIsRequestor "Shall be FALSE". */
  participantsNotRequestor?: true;
  objects: ObjectSlot[];
  /** "This message may only include information about a single patient." */
  singlePatient?: true;
  /** A.5.3.4.1 / A.5.3.5: exactly one participant has UserIsRequestor TRUE. */
  exactlyOneRequestor?: true;
}

const N = Number.POSITIVE_INFINITY;
const STUDY_UID: TermRef = { code: '110180', scheme: 'DCM' };
const PATIENT_NUMBER: TermRef = { code: '2', scheme: 'RFC-3881' };

const studies = (min: number): ObjectSlot => ({ label: 'Study', idTypes: [STUDY_UID], typeCode: '2', roles: ['3'], min, max: N });
const patients = (min: number, max: number): ObjectSlot => ({ label: 'Patient', idTypes: [PATIENT_NUMBER], typeCode: '1', roles: ['1'], min, max });
const source: ParticipantSlot = { label: 'Source (sender)', role: '110153', min: 1, max: 1 };
const destination: ParticipantSlot = { label: 'Destination (receiver)', role: '110152', min: 1, max: 1 };
const personOrProcess = { min: 1, max: 2 };

export const A53_MESSAGES: readonly MessageSpec[] = [
  {
    section: 'A.5.3.1', title: 'Application Activity', eventId: '110100', actionCodes: ['E'],
    eventType: { cid: '401', values: ['110120', '110121'] },
    participants: [{ label: 'Application started or stopped', role: '110150', min: 1, max: 1 }, { label: 'Application Launcher', role: '110151', min: 0, max: N }],
    objects: [],
  },
  {
    section: 'A.5.3.2', title: 'Audit Log Used', eventId: '110101', actionCodes: ['R'],
    participants: [], participantCount: personOrProcess,
    objects: [{ label: 'Audit log', idTypes: [{ code: '12', scheme: 'RFC-3881' }], typeCode: '2', roles: ['13'], min: 1, max: 1, name: 'Security Audit Log' }],
  },
  {
    section: 'A.5.3.3', title: 'Begin Transferring DICOM Instances', eventId: '110102', actionCodes: ['E'],
    participants: [source, destination], objects: [studies(1), patients(1, 1)], singlePatient: true,
  },
  {
    section: 'A.5.3.4', title: 'Data Export', eventId: '110106', actionCodes: ['R'],
    participants: [
      { label: 'Remote users and processes receiving the data', role: '110152', min: 0, max: N },
      { label: 'Exporting user or process', role: '110153', min: 1, max: 2 },
      { label: 'Destination Media', role: '110154', min: 1, max: 1, notRequestor: true, mediaType: true },
    ],
    objects: [studies(0), patients(1, N)], exactlyOneRequestor: true,
  },
  {
    section: 'A.5.3.5', title: 'Data Import', eventId: '110107', actionCodes: ['C'],
    participants: [
      { label: 'Importing user or process', role: '110152', min: 1, max: N },
      { label: 'Source Media', role: '110155', min: 1, max: 1, notRequestor: true, mediaType: true },
      { label: 'Source user or process', role: '110153', min: 0, max: N },
    ],
    objects: [studies(0), patients(1, N)], exactlyOneRequestor: true,
  },
  {
    section: 'A.5.3.6', title: 'DICOM Instances Accessed', eventId: '110103', actionCodes: ['C', 'R', 'U', 'D'],
    participants: [], participantCount: personOrProcess, objects: [studies(1), patients(1, 1)], singlePatient: true,
  },
  {
    section: 'A.5.3.7', title: 'DICOM Instances Transferred', eventId: '110104', actionCodes: ['C', 'R', 'U'],
    participants: [source, destination], objects: [studies(1), patients(1, 1)], singlePatient: true,
  },
  {
    section: 'A.5.3.8', title: 'DICOM Study Deleted', eventId: '110105', actionCodes: ['D'],
    participants: [], participantCount: personOrProcess, objects: [studies(1), patients(1, 1)], singlePatient: true,
  },
  {
    section: 'A.5.3.9', title: 'Network Entry', eventId: '110108', actionCodes: ['E'],
    eventType: { cid: '401', values: ['110124', '110125'] },
    participants: [], participantCount: { min: 1, max: 1 }, participantsNotRequestor: true, objects: [],
  },
  {
    section: 'A.5.3.10', title: 'Query', eventId: '110112', actionCodes: ['E'],
    participants: [source, destination],
    objects: [{ label: 'SOP Queried and the Query', idTypes: [{ code: '110181', scheme: 'DCM' }], idTypesDefined: true, typeCode: '2', roles: ['3'], rolesWithWarning: ['24'], min: 1, max: 1, queryRequired: true }],
  },
  {
    section: 'A.5.3.11', title: 'Security Alert', eventId: '110113', actionCodes: ['E'],
    eventType: { cid: '403' },
    participants: [], participantCount: { min: 1, max: N },
    objects: [{ label: 'Alert Subject', idTypes: [{ code: '12', scheme: 'RFC-3881' }, { code: '110182', scheme: 'DCM' }], idTypesDefined: true, typeCode: '2', roles: ['5', '13'], rolesDefined: true, min: 0, max: N, detailRequired: 'Alert Description' }],
  },
  {
    section: 'A.5.3.12', title: 'User Authentication', eventId: '110114', actionCodes: ['E'],
    eventType: { cid: '401', values: ['110122', '110123'], valuesDefined: true },
    participants: [], participantCount: personOrProcess, objects: [],
  },
  {
    section: 'A.5.3.13', title: 'Order Record', eventId: '110109', actionCodes: ['C', 'R', 'U', 'D'],
    participants: [], participantCount: personOrProcess, objects: [patients(1, 1)], singlePatient: true,
  },
  {
    section: 'A.5.3.14', title: 'Patient Record', eventId: '110110', actionCodes: ['C', 'R', 'U', 'D'],
    participants: [], participantCount: personOrProcess, objects: [patients(1, 1)],
  },
  {
    section: 'A.5.3.15', title: 'Procedure Record', eventId: '110111', actionCodes: ['C', 'R', 'U', 'D'], actionOptional: true,
    participants: [], participantCount: personOrProcess, objects: [studies(0), patients(1, 1)], singlePatient: true,
  },
];

export function messageSpecFor(eventId: string | undefined): MessageSpec | undefined {
  return A53_MESSAGES.find((m) => m.eventId === eventId);
}
