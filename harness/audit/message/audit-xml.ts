/**
 * An audit message (PS3.15 A.5.1) as a typed model, read with the strict reader. The model keeps
 * values as sent (attribute strings, base64 text): judging them is audit-rules.ts's job, and the
 * schema's is validate-schema.ts's. Fields the schema makes mandatory are '' when absent, so the
 * rules can still run on a schema-invalid message and report what else is wrong.
 *
 * Problems found here are catalogue AUD-FMT-01: not well-formed, a DOCTYPE, a root other than
 * AuditMessage, or a namespace (the DICOM schema is un-namespaced).
 */
import type { AuditProblem } from './audit-problem.ts';
import { readXml, type XmlDocument, type XmlElement } from './xml-reader.ts';

/** A CodedValueType (A.5.1.1); `legacyCode` is RFC 3881's @code, which DICOM replaced by @csd-code. */
export interface Coded {
  csdCode?: string;
  codeSystemName?: string;
  originalText?: string;
  displayName?: string;
  legacyCode?: string;
}

export interface ActiveParticipant {
  userId: string;
  alternativeUserId?: string;
  userName?: string;
  /** As sent: xsd:boolean allows "true", "false", "1", "0". */
  userIsRequestor: string;
  networkAccessPointId?: string;
  networkAccessPointTypeCode?: string;
  roleIdCodes: Coded[];
  /** MediaIdentifier/MediaType; present only when a MediaIdentifier is. */
  mediaType?: Coded;
}

export interface AuditSource {
  auditSourceId: string;
  auditEnterpriseSiteId?: string;
  typeCodes: Coded[];
}

export interface ParticipantObjectDescription {
  mpps: string[];
  accessions: string[];
  sopClasses: Array<{ uid?: string; numberOfInstances?: string; instances: string[] }>;
  containsStudies: string[];
  encrypted?: string;
  anonymized?: string;
}

export interface ParticipantObject {
  id: string;
  typeCode?: string;
  typeCodeRole?: string;
  dataLifeCycle?: string;
  sensitivity?: string;
  idTypeCode: Coded;
  name?: string;
  /** ParticipantObjectQuery, base64 as sent. */
  query?: string;
  /** ParticipantObjectDetail type/value pairs; value base64 as sent. */
  details: Array<{ type: string; value: string }>;
  /** The schema allows several ParticipantObjectDescription elements. */
  descriptions: ParticipantObjectDescription[];
}

export interface AuditMessageModel {
  eventId: Coded;
  eventActionCode?: string;
  eventDateTime: string;
  eventOutcomeIndicator: string;
  eventOutcomeDescription?: string;
  eventTypeCodes: Coded[];
  activeParticipants: ActiveParticipant[];
  auditSources: AuditSource[];
  participantObjects: ParticipantObject[];
}

export interface ParsedAuditXml {
  /** The reader could read it: well-formed XML 1.0 without a DOCTYPE (refused, never expanded). */
  wellFormed: boolean;
  /** Present when the root element is AuditMessage. */
  model?: AuditMessageModel;
  /** Present when well-formed; offsets and lines for locating elements (inspect-audit-message.ts). */
  document?: XmlDocument;
  problems: AuditProblem[];
}

export function parseAuditXml(xml: string): ParsedAuditXml {
  const read = readXml(xml);
  if (!read.ok) {
    const message = read.doctype ? read.message : `the message is not well-formed XML: ${read.message}`;
    return { wellFormed: false, problems: [{ rule: 'AUD-FMT-01', severity: 'fail', path: `line ${read.line}`, message }] };
  }
  const root = read.document.root;
  if (root.name !== 'AuditMessage') {
    return { wellFormed: true, document: read.document, problems: [{ rule: 'AUD-FMT-01', severity: 'fail', path: root.name, message: `the root element must be AuditMessage (no namespace, PS3.15 A.5.1.1), found <${root.name}>` }] };
  }
  const problems: AuditProblem[] = [];
  for (const a of root.attributes) {
    if (a.name === 'xmlns' ? a.value !== '' : a.name.startsWith('xmlns:')) {
      problems.push({ rule: 'AUD-FMT-01', severity: 'fail', path: `AuditMessage/@${a.name}`, message: `the DICOM audit schema has no namespace; found ${a.name}="${a.value}"` });
    }
  }
  return { wellFormed: true, document: read.document, model: toModel(root), problems };
}

/** Element names that repeat under their parent; their paths always carry an index. */
const REPEATABLE = new Set(['ActiveParticipant', 'ParticipantObjectIdentification', 'AuditSourceIdentification', 'EventTypeCode', 'RoleIDCode', 'AuditSourceTypeCode', 'ParticipantObjectDetail', 'ParticipantObjectDescription', 'MPPS', 'Accession', 'SOPClass', 'Instance', 'StudyIDs']);

/**
 * The path of the element named `name` that starts on `line` (as reported by xmllint), e.g.
 * 'ParticipantObjectIdentification[2]/ParticipantObjectIDTypeCode'; undefined when none does.
 */
export function locateElement(document: XmlDocument, name: string, line: number): string | undefined {
  const walk = (el: XmlElement, path: string): string | undefined => {
    if (el.name === name && el.line === line) return path;
    const seen = new Map<string, number>();
    for (const child of el.children) {
      const n = (seen.get(child.name) ?? 0) + 1;
      seen.set(child.name, n);
      const step = REPEATABLE.has(child.name) ? `${child.name}[${n}]` : child.name;
      const found = walk(child, el === document.root ? step : `${path}/${step}`);
      if (found) return found;
    }
    return undefined;
  };
  return walk(document.root, 'AuditMessage');
}

function toModel(root: XmlElement): AuditMessageModel {
  const event = first(root, 'EventIdentification');
  return {
    eventId: coded(event && first(event, 'EventID')),
    eventActionCode: event && attr(event, 'EventActionCode'),
    eventDateTime: (event && attr(event, 'EventDateTime')) ?? '',
    eventOutcomeIndicator: (event && attr(event, 'EventOutcomeIndicator')) ?? '',
    eventOutcomeDescription: event && first(event, 'EventOutcomeDescription')?.text,
    eventTypeCodes: event ? all(event, 'EventTypeCode').map(coded) : [],
    activeParticipants: all(root, 'ActiveParticipant').map((ap) => {
      const media = first(ap, 'MediaIdentifier');
      return {
        userId: attr(ap, 'UserID') ?? '',
        alternativeUserId: attr(ap, 'AlternativeUserID'),
        userName: attr(ap, 'UserName'),
        userIsRequestor: attr(ap, 'UserIsRequestor') ?? '',
        networkAccessPointId: attr(ap, 'NetworkAccessPointID'),
        networkAccessPointTypeCode: attr(ap, 'NetworkAccessPointTypeCode'),
        roleIdCodes: all(ap, 'RoleIDCode').map(coded),
        mediaType: media ? coded(first(media, 'MediaType')) : undefined,
      };
    }),
    auditSources: all(root, 'AuditSourceIdentification').map((s) => ({
      auditSourceId: attr(s, 'AuditSourceID') ?? '',
      auditEnterpriseSiteId: attr(s, 'AuditEnterpriseSiteID'),
      typeCodes: all(s, 'AuditSourceTypeCode').map(coded),
    })),
    participantObjects: all(root, 'ParticipantObjectIdentification').map((po) => ({
      id: attr(po, 'ParticipantObjectID') ?? '',
      typeCode: attr(po, 'ParticipantObjectTypeCode'),
      typeCodeRole: attr(po, 'ParticipantObjectTypeCodeRole'),
      dataLifeCycle: attr(po, 'ParticipantObjectDataLifeCycle'),
      sensitivity: attr(po, 'ParticipantObjectSensitivity'),
      idTypeCode: coded(first(po, 'ParticipantObjectIDTypeCode')),
      name: first(po, 'ParticipantObjectName')?.text,
      query: first(po, 'ParticipantObjectQuery')?.text,
      details: all(po, 'ParticipantObjectDetail').map((d) => ({ type: attr(d, 'type') ?? '', value: attr(d, 'value') ?? '' })),
      descriptions: all(po, 'ParticipantObjectDescription').map(description),
    })),
  };
}

function description(d: XmlElement): ParticipantObjectDescription {
  return {
    mpps: all(d, 'MPPS').map((e) => attr(e, 'UID') ?? ''),
    accessions: all(d, 'Accession').map((e) => attr(e, 'Number') ?? ''),
    sopClasses: all(d, 'SOPClass').map((e) => ({ uid: attr(e, 'UID'), numberOfInstances: attr(e, 'NumberOfInstances'), instances: all(e, 'Instance').map((i) => attr(i, 'UID') ?? '') })),
    containsStudies: all(d, 'ParticipantObjectContainsStudy').flatMap((c) => all(c, 'StudyIDs').map((s) => attr(s, 'UID') ?? '')),
    encrypted: first(d, 'Encrypted')?.text,
    anonymized: first(d, 'Anonymized')?.text,
  };
}

function coded(el: XmlElement | undefined): Coded {
  if (!el) return {};
  const out: Coded = {};
  const set = (key: keyof Coded, name: string) => {
    const v = attr(el, name);
    if (v !== undefined) out[key] = v;
  };
  set('csdCode', 'csd-code');
  set('codeSystemName', 'codeSystemName');
  set('originalText', 'originalText');
  set('displayName', 'displayName');
  set('legacyCode', 'code');
  return out;
}

const first = (el: XmlElement, name: string) => el.children.find((c) => c.name === name);
const all = (el: XmlElement, name: string) => el.children.filter((c) => c.name === name);
const attr = (el: XmlElement, name: string) => el.attributes.find((a) => a.name === name)?.value;
