/**
 * The content checks of one audit message (PART15-CATALOGUE.md §4.4, §4.8), on the typed model:
 * everything the A.5.1.1 schema cannot say. Pure: no clock, no I/O.
 *
 *   AUD-FMT-03  EventID in CID 400; EventTypeCode from CID 401/403 where A.5.3 requires it
 *   AUD-FMT-04  the per-message table of A.5.3 (a53-messages.ts)
 *   AUD-FMT-05  coded values: csd-code + codeSystemName + originalText; RFC 3881 @code alone fails;
 *               an originalText other than the PS3.16 meaning is a warning
 *   AUD-FMT-06  EventDateTime carries a time zone (A.5.2.5)
 *   AUD-FMT-07  Data Export / Import: exactly one UserIsRequestor true (A.5.3.4.1)
 *   AUD-GEN-04  at most one UserIsRequestor true (A.5.2.1)
 *   AUD-GEN-02  AlternativeUserID of a DICOM application: "AETITLES=a;b" (A.5.2.2); "AETITLE=" warns
 *   AUD-FMT-09  NetworkAccessPointTypeCode 2 ⇒ an IP literal; 1 ⇒ a machine name, not an IP
 *   AUD-FMT-10  ParticipantObjectQuery and ParticipantObjectDetail values are strict base64, and a
 *               DICOM query (ID type 110181) decodes as a data set
 *
 * Not here: correlation with what the harness did (AUD-FMT-08's "AE titles actually used", the
 * ±N s of AUD-FMT-06, the expected query bytes) needs the harness's own record; aeTitlesOf,
 * decodeBase64Strict and query-dataset.ts are what it compares with.
 */
import { isIP } from 'node:net';
import { messageSpecFor, type MessageSpec, type ObjectSlot, type TermRef } from './a53-messages.ts';
import { CID_400_AUDIT_EVENT_ID, CID_401_AUDIT_EVENT_TYPE_CODE, CID_403_SECURITY_ALERT_TYPE_CODE, CID_405_MEDIA_TYPE_CODE, codeMeaning, isDcmScheme, RFC_3881 } from './audit-codes.ts';
import type { AuditProblem } from './audit-problem.ts';
import { decodeBase64Strict, isTrue } from './audit-values.ts';
import type { AuditMessageModel, Coded, ParticipantObject } from './audit-xml.ts';
import { decodeParticipantObjectQuery } from './query-dataset.ts';

export { aeTitlesOf, decodeBase64Strict, type DecodedBase64 } from './audit-values.ts';
export type { AuditProblem } from './audit-problem.ts';

type Report = (rule: string, path: string, message: string) => void;
interface Out {
  fail: Report;
  warn: Report;
}

export function checkAuditRules(model: AuditMessageModel): AuditProblem[] {
  const problems: AuditProblem[] = [];
  const out: Out = {
    fail: (rule, path, message) => problems.push({ rule, severity: 'fail', path, message }),
    warn: (rule, path, message) => problems.push({ rule, severity: 'warn', path, message }),
  };
  checkCodedValues(model, out);
  const spec = checkEventId(model, out);
  checkEventTypeCodes(model, spec, out);
  if (spec) checkMessageTable(model, spec, out);
  checkEventDateTime(model, out);
  checkRequestors(model, out);
  checkAeTitles(model, out);
  checkNetworkAccessPoints(model, out);
  checkBase64(model, out);
  return problems;
}

/** The code a coded value carries: DICOM's @csd-code, else RFC 3881's @code (already reported by AUD-FMT-05). */
const codeOf = (c: Coded) => c.csdCode ?? c.legacyCode;
const shown = (code: string | undefined, scheme: string | undefined) => {
  const meaning = codeMeaning(code, scheme);
  return `(${code ?? '?'}, ${scheme ?? '?'}${meaning ? `, "${meaning}"` : ''})`;
};
const ref = (spec: MessageSpec) => `PS3.15 ${spec.section} ${spec.title}`;
const cardinality = (min: number, max: number) => (min === max ? `${min}` : max === Number.POSITIVE_INFINITY ? `${min}..n` : `${min}..${max}`);

// AUD-FMT-05 ------------------------------------------------------------------------------------

function checkCodedValues(m: AuditMessageModel, out: Out): void {
  const fields: Array<[string, Coded]> = [['EventIdentification/EventID', m.eventId]];
  m.eventTypeCodes.forEach((c, i) => fields.push([`EventIdentification/EventTypeCode[${i + 1}]`, c]));
  m.activeParticipants.forEach((ap, i) => {
    ap.roleIdCodes.forEach((c, j) => fields.push([`ActiveParticipant[${i + 1}]/RoleIDCode[${j + 1}]`, c]));
    if (ap.mediaType) fields.push([`ActiveParticipant[${i + 1}]/MediaIdentifier/MediaType`, ap.mediaType]);
  });
  m.participantObjects.forEach((po, i) => fields.push([`ParticipantObjectIdentification[${i + 1}]/ParticipantObjectIDTypeCode`, po.idTypeCode]));
  for (const [path, c] of fields) {
    if (c.csdCode === undefined) {
      if (c.legacyCode !== undefined) out.fail('AUD-FMT-05', `${path}/@code`, `expected the DICOM coded value csd-code, codeSystemName, originalText (PS3.15 A.5.1.1); found RFC 3881's code="${c.legacyCode}" without csd-code`);
      continue; // no code at all: a schema matter (AUD-FMT-02)
    }
    const meaning = codeMeaning(c.csdCode, c.codeSystemName);
    if (c.codeSystemName === undefined) out.fail('AUD-FMT-05', `${path}/@codeSystemName`, `expected codeSystemName with csd-code="${c.csdCode}" (e.g. "DCM"); found none`);
    if (c.originalText === undefined) out.fail('AUD-FMT-05', `${path}/@originalText`, `expected originalText, the Code Meaning${meaning ? ` "${meaning}"` : ''}; found none`);
    else if (meaning !== undefined && c.originalText !== meaning) out.warn('AUD-FMT-05', `${path}/@originalText`, `expected the PS3.16 Code Meaning "${meaning}" for ${c.csdCode}; found "${c.originalText}"`);
  }
  m.auditSources.forEach((s, i) =>
    s.typeCodes.forEach((c, j) => {
      if (c.csdCode === undefined && c.legacyCode !== undefined) out.fail('AUD-FMT-05', `AuditSourceIdentification[${i + 1}]/AuditSourceTypeCode[${j + 1}]/@code`, `expected csd-code (PS3.15 A.5.1.1 AuditSourceTypeCodeContent); found RFC 3881's code="${c.legacyCode}"`);
    }),
  );
}

// AUD-FMT-03 ------------------------------------------------------------------------------------

function checkEventId(m: AuditMessageModel, out: Out): MessageSpec | undefined {
  const code = codeOf(m.eventId);
  if (code === undefined) return undefined; // no EventID: a schema matter
  const scheme = m.eventId.codeSystemName;
  const path = 'EventIdentification/EventID';
  if (!CID_400_AUDIT_EVENT_ID.has(code)) {
    // An extension lives in its own coding scheme; a DCM code PS3.16 does not define is simply wrong.
    if (scheme !== undefined && isDcmScheme(scheme)) {
      out.fail('AUD-FMT-03', path, `EventID ${shown(code, scheme)}: no such code in CID 400 "Audit Event ID" (an extension must use its own coding scheme, PS3.15 A.5 b)`);
      return undefined;
    }
    out.warn('AUD-FMT-03', path, `EventID ${shown(code, scheme)} is not in CID 400 "Audit Event ID": an extension, which the conformance statement must describe (PS3.15 A.5 b); no A.5.3 table applies`);
    return undefined;
  }
  if (scheme !== undefined && !isDcmScheme(scheme)) out.fail('AUD-FMT-03', `${path}/@codeSystemName`, `expected codeSystemName "DCM" for the CID 400 code ${code}; found "${scheme}"`);
  return messageSpecFor(code);
}

function checkEventTypeCodes(m: AuditMessageModel, spec: MessageSpec | undefined, out: Out): void {
  const path = 'EventIdentification/EventTypeCode';
  const inCid = (cid: ReadonlyMap<string, string>) => m.eventTypeCodes.filter((t) => isDcmScheme(t.codeSystemName ?? 'DCM') && cid.has(codeOf(t) ?? ''));
  const found = m.eventTypeCodes.map((t) => shown(codeOf(t), t.codeSystemName)).join(', ');
  if (spec?.eventType) {
    const { cid, values, valuesDefined } = spec.eventType;
    const table = cid === '401' ? CID_401_AUDIT_EVENT_TYPE_CODE : CID_403_SECURITY_ALERT_TYPE_CODE;
    const expected = values ? values.map((v) => shown(v, 'DCM')).join(' or ') : `a code from CID ${cid}`;
    const matching = inCid(table);
    if (m.eventTypeCodes.length === 0) out.fail('AUD-FMT-03', path, `EventTypeCode is M for ${ref(spec)}: expected ${expected}; found none`);
    else if (matching.length === 0) out.fail('AUD-FMT-03', path, `expected an EventTypeCode from CID ${cid} (${ref(spec)}); found ${found}`);
    else if (values && !matching.some((t) => values.includes(codeOf(t)!))) {
      const message = `expected ${expected} (${ref(spec)}); found ${found}`;
      if (valuesDefined) out.warn('AUD-FMT-03', path, `${message} (Defined Terms: other CID ${cid} codes are allowed)`);
      else out.fail('AUD-FMT-03', path, message);
    }
    return;
  }
  m.eventTypeCodes.forEach((t, i) => {
    const code = codeOf(t);
    if (code !== undefined && isDcmScheme(t.codeSystemName) && !CID_401_AUDIT_EVENT_TYPE_CODE.has(code)) {
      out.warn('AUD-FMT-03', `${path}[${i + 1}]`, `a DCM EventTypeCode is expected from CID 401 "Audit Event Type Code" (PS3.15 A.5.2); found ${shown(code, t.codeSystemName)}`);
    }
  });
}

// AUD-FMT-04, AUD-FMT-07 --------------------------------------------------------------------------

function checkMessageTable(m: AuditMessageModel, spec: MessageSpec, out: Out): void {
  const action = m.eventActionCode;
  if (action === undefined) {
    if (!spec.actionOptional) out.fail('AUD-FMT-04', 'EventIdentification/@EventActionCode', `EventActionCode is M for ${ref(spec)}: expected ${spec.actionCodes.join(' or ')}; found none`);
  } else if (!spec.actionCodes.includes(action)) {
    out.fail('AUD-FMT-04', 'EventIdentification/@EventActionCode', `expected EventActionCode ${spec.actionCodes.join(' or ')} for ${ref(spec)}; found "${action}"`);
  }
  checkParticipants(m, spec, out);
  checkObjects(m, spec, out);
  if (spec.exactlyOneRequestor) {
    const n = m.activeParticipants.filter((ap) => isTrue(ap.userIsRequestor)).length;
    if (n !== 1) out.fail('AUD-FMT-07', 'ActiveParticipant/@UserIsRequestor', `expected exactly one ActiveParticipant with UserIsRequestor true for ${ref(spec)} (A.5.3.4.1); found ${n}`);
  }
}

function checkParticipants(m: AuditMessageModel, spec: MessageSpec, out: Out): void {
  const aps = m.activeParticipants;
  for (const slot of spec.participants) {
    const indexes = aps.flatMap((ap, i) => (ap.roleIdCodes.some((r) => codeOf(r) === slot.role && isDcmScheme(r.codeSystemName ?? 'DCM')) ? [i] : []));
    if (indexes.length < slot.min || indexes.length > slot.max) {
      out.fail('AUD-FMT-04', 'ActiveParticipant', `expected ${cardinality(slot.min, slot.max)} ActiveParticipant with RoleIDCode ${shown(slot.role, 'DCM')} (${slot.label}) for ${ref(spec)}; found ${indexes.length}`);
    }
    for (const i of indexes) {
      const ap = aps[i]!;
      const at = `ActiveParticipant[${i + 1}]`;
      if (slot.notRequestor && isTrue(ap.userIsRequestor)) out.fail('AUD-FMT-04', `${at}/@UserIsRequestor`, `the ${slot.label} participant's UserIsRequestor shall be false (${ref(spec)}); found "${ap.userIsRequestor}"`);
      if (slot.mediaType) {
        const code = ap.mediaType && codeOf(ap.mediaType);
        if (!ap.mediaType) out.fail('AUD-FMT-04', `${at}/MediaIdentifier/MediaType`, `MediaIdentifier/MediaType is M for the ${slot.label} participant (${ref(spec)}), from CID 405; found none`);
        else if (!code || !CID_405_MEDIA_TYPE_CODE.has(code) || !isDcmScheme(ap.mediaType.codeSystemName ?? 'DCM')) out.fail('AUD-FMT-04', `${at}/MediaIdentifier/MediaType`, `expected a MediaType from CID 405 "Media Type Code" (${ref(spec)}); found ${shown(code, ap.mediaType.codeSystemName)}`);
      }
    }
  }
  if (spec.participantCount) {
    const { min, max } = spec.participantCount;
    if (aps.length < min || aps.length > max) out.fail('AUD-FMT-04', 'ActiveParticipant', `expected ${cardinality(min, max)} ActiveParticipant for ${ref(spec)}; found ${aps.length}`);
  }
  if (spec.participantsNotRequestor) {
    aps.forEach((ap, i) => {
      if (isTrue(ap.userIsRequestor)) out.fail('AUD-FMT-04', `ActiveParticipant[${i + 1}]/@UserIsRequestor`, `UserIsRequestor shall be false (${ref(spec)}); found "${ap.userIsRequestor}"`);
    });
  }
}

function matchesTerm(c: Coded, term: TermRef): boolean {
  if (codeOf(c) !== term.code) return false;
  if (c.codeSystemName === undefined) return true; // the missing scheme is AUD-FMT-05's finding
  return term.scheme === 'DCM' ? isDcmScheme(c.codeSystemName) : c.codeSystemName === RFC_3881;
}

function checkObjects(m: AuditMessageModel, spec: MessageSpec, out: Out): void {
  const counts = new Map<ObjectSlot, number>(spec.objects.map((s) => [s, 0]));
  const catchAll = spec.objects.length === 1 && spec.objects[0]!.idTypesDefined ? spec.objects[0] : undefined;
  m.participantObjects.forEach((po, i) => {
    const at = `ParticipantObjectIdentification[${i + 1}]`;
    const slot = spec.objects.find((s) => s.idTypes.some((t) => matchesTerm(po.idTypeCode, t))) ?? catchAll;
    if (!slot) {
      const described = spec.objects.length ? spec.objects.map((s) => `${s.label} ${s.idTypes.map((t) => shown(t.code, t.scheme)).join('/')}`).join(', ') : 'none';
      out.warn('AUD-FMT-04', `${at}/ParticipantObjectIDTypeCode`, `not a participant object that ${ref(spec)} describes (described: ${described}); found ID type ${shown(codeOf(po.idTypeCode), po.idTypeCode.codeSystemName)}: an extension for the conformance statement`);
      return;
    }
    counts.set(slot, counts.get(slot)! + 1);
    checkObject(po, at, slot, spec, out);
  });
  for (const [slot, n] of counts) {
    if (n >= slot.min && n <= slot.max) continue;
    const single = slot.label === 'Patient' && spec.singlePatient && n > 1 ? ': this message may only include information about a single patient' : '';
    out.fail('AUD-FMT-04', 'ParticipantObjectIdentification', `expected ${cardinality(slot.min, slot.max)} ${slot.label} participant object(s) (ID type ${shown(slot.idTypes[0]!.code, slot.idTypes[0]!.scheme)}) for ${ref(spec)}${single}; found ${n}`);
  }
}

function checkObject(po: ParticipantObject, at: string, slot: ObjectSlot, spec: MessageSpec, out: Out): void {
  const what = `the ${slot.label} participant object (${ref(spec)})`;
  if (po.typeCode !== slot.typeCode) out.fail('AUD-FMT-04', `${at}/@ParticipantObjectTypeCode`, `expected ParticipantObjectTypeCode ${slot.typeCode} for ${what}; found ${po.typeCode === undefined ? 'none' : `"${po.typeCode}"`}`);
  const role = po.typeCodeRole;
  if (role === undefined) {
    if (!slot.rolesDefined) out.fail('AUD-FMT-04', `${at}/@ParticipantObjectTypeCodeRole`, `expected ParticipantObjectTypeCodeRole ${slot.roles.join(' or ')} for ${what}; found none`);
  } else if (slot.rolesWithWarning?.includes(role)) {
    out.warn('AUD-FMT-04', `${at}/@ParticipantObjectTypeCodeRole`, `the table says ParticipantObjectTypeCodeRole ${slot.roles.join(' or ')} for ${what}; found "${role}", which some implementations send (accepted, recorded)`);
  } else if (!slot.roles.includes(role)) {
    const message = `expected ParticipantObjectTypeCodeRole ${slot.roles.join(' or ')} for ${what}; found "${role}"`;
    if (slot.rolesDefined) out.warn('AUD-FMT-04', `${at}/@ParticipantObjectTypeCodeRole`, `${message} (Defined Terms)`);
    else out.fail('AUD-FMT-04', `${at}/@ParticipantObjectTypeCodeRole`, message);
  }
  if (!slot.idTypes.some((t) => matchesTerm(po.idTypeCode, t))) {
    out.warn('AUD-FMT-04', `${at}/ParticipantObjectIDTypeCode`, `the table's Defined Terms for ${what} are ${slot.idTypes.map((t) => shown(t.code, t.scheme)).join(' or ')}; found ${shown(codeOf(po.idTypeCode), po.idTypeCode.codeSystemName)}`);
  }
  if (slot.name !== undefined && po.name?.trim() !== slot.name) {
    out.warn('AUD-FMT-04', `${at}/ParticipantObjectName`, `ParticipantObjectName shall be "${slot.name}" for ${what} (M since 2025e, U in 2020); found ${po.name === undefined ? 'none' : `"${po.name}"`}`);
  }
  if (slot.queryRequired && po.query === undefined) out.fail('AUD-FMT-04', `${at}/ParticipantObjectQuery`, `ParticipantObjectQuery is M for ${what}: the query (for ID type 110181, the base64 of its DICOM data set); found none`);
  if (slot.detailRequired && !po.details.some((d) => d.type === slot.detailRequired)) {
    out.fail('AUD-FMT-04', `${at}/ParticipantObjectDetail`, `a ParticipantObjectDetail type="${slot.detailRequired}" is M for ${what}; found ${po.details.length ? po.details.map((d) => `type="${d.type}"`).join(', ') : 'none'}`);
  }
  if (matchesTerm(po.idTypeCode, { code: '110181', scheme: 'DCM' })) checkDicomQuery(po, at, spec, out);
}

/** A.5.3.10 with ID type (110181, DCM, "SOP Class UID"): a SOP Class UID, the TransferSyntax detail, a decodable data set. */
function checkDicomQuery(po: ParticipantObject, at: string, spec: MessageSpec, out: Out): void {
  if (!/^[0-2](\.(0|[1-9][0-9]*))+$/.test(po.id)) out.fail('AUD-FMT-04', `${at}/@ParticipantObjectID`, `expected the UID of the SOP Class queried (${ref(spec)}); found "${po.id}"`);
  const detailIndex = po.details.findIndex((d) => d.type === 'TransferSyntax');
  if (detailIndex < 0) {
    out.fail('AUD-FMT-04', `${at}/ParticipantObjectDetail`, `a ParticipantObjectDetail type="TransferSyntax" (the query's Transfer Syntax UID, base64) is required when ParticipantObjectIDTypeCode is 110181 (${ref(spec)}); found none`);
  } else {
    const decoded = decodeBase64Strict(po.details[detailIndex]!.value);
    const uid = decoded.ok ? decoded.bytes.toString('latin1').replace(/[\0 ]+$/, '') : undefined;
    if (uid !== undefined && !/^1\.2\.840\.10008\.1\.2(\.[0-9]+)*$/.test(uid)) out.fail('AUD-FMT-04', `${at}/ParticipantObjectDetail[${detailIndex + 1}]/@value`, `expected a DICOM Transfer Syntax UID (${ref(spec)}); found "${uid.replace(/[^\x20-\x7e]/g, '?')}"`);
  }
  if (po.query === undefined || !decodeBase64Strict(po.query).ok) return; // absent: above; not base64: AUD-FMT-10 below
  const dataset = decodeParticipantObjectQuery(po);
  if (!dataset.ok && dataset.kind === 'malformed') out.fail('AUD-FMT-10', `${at}/ParticipantObjectQuery`, `expected the base64 of the query's DICOM data set; it is ${dataset.problem}`);
}

// AUD-FMT-06 ------------------------------------------------------------------------------------

function checkEventDateTime(m: AuditMessageModel, out: Out): void {
  const v = m.eventDateTime.trim();
  const path = 'EventIdentification/@EventDateTime';
  if (/^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(v)) return;
  if (/^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?$/.test(v)) out.fail('AUD-FMT-06', path, `EventDateTime shall include a time zone, "Z" or ±hh:mm (PS3.15 A.5.2.5); found "${v}" without one`);
  else out.fail('AUD-FMT-06', path, `expected an xsd:dateTime with a time zone (PS3.15 A.5.2.5); found "${v}"`);
}

// AUD-GEN-04 ------------------------------------------------------------------------------------

function checkRequestors(m: AuditMessageModel, out: Out): void {
  const requestors = m.activeParticipants.flatMap((ap, i) => (isTrue(ap.userIsRequestor) ? [i + 1] : []));
  if (requestors.length > 1) {
    out.fail('AUD-GEN-04', 'ActiveParticipant/@UserIsRequestor', `at most one ActiveParticipant may have UserIsRequestor true (PS3.15 A.5.2.1; all false when the requestor is unknown); found ${requestors.length}: ActiveParticipant[${requestors.join('], [')}]`);
  }
}

// AUD-GEN-02 ------------------------------------------------------------------------------------

/** PS3.5 AE: at most 16 characters of the default repertoire, no backslash, no control characters. */
const AE_TITLE = /^[\x20-\x5b\x5d-\x7e]{1,16}$/;

function checkAeTitles(m: AuditMessageModel, out: Out): void {
  m.activeParticipants.forEach((ap, i) => {
    const value = ap.alternativeUserId;
    const form = value === undefined ? undefined : /^(AETITLES?)=(.*)$/is.exec(value);
    if (!form) return; // not an AE-title AlternativeUserID (a person's, or a process's): nothing to check
    const path = `ActiveParticipant[${i + 1}]/@AlternativeUserID`;
    if (form[1] !== 'AETITLES') out.warn('AUD-GEN-02', path, `expected the form "AETITLES=aetitle1;aetitle2" (PS3.15 A.5.2.2); found "${form[1]}=" (the PS3.17 example's spelling)`);
    const titles = form[2]!.split(';').filter((t) => t.trim() !== '');
    if (titles.length === 0) out.fail('AUD-GEN-02', path, `expected at least one AE title after "${form[1]}="; found "${value}"`);
    const bad = titles.filter((t) => !AE_TITLE.test(t.trim()));
    if (bad.length) out.fail('AUD-GEN-02', path, `expected AE titles of at most 16 characters without "\\" or control characters (PS3.5 AE); found ${bad.map((t) => `"${t}"`).join(', ')}`);
  });
}

// AUD-FMT-09 ------------------------------------------------------------------------------------

function checkNetworkAccessPoints(m: AuditMessageModel, out: Out): void {
  m.activeParticipants.forEach((ap, i) => {
    const at = `ActiveParticipant[${i + 1}]`;
    const type = ap.networkAccessPointTypeCode;
    const id = ap.networkAccessPointId?.trim();
    if (type === undefined) {
      if (id !== undefined) out.warn('AUD-FMT-09', `${at}/@NetworkAccessPointTypeCode`, `NetworkAccessPointID "${id}" without NetworkAccessPointTypeCode: a reader cannot tell a machine name from an IP address (PS3.15 A.5.2.4)`);
      return;
    }
    if (id === undefined || id === '') {
      out.fail('AUD-FMT-09', `${at}/@NetworkAccessPointID`, `NetworkAccessPointTypeCode "${type}" without a NetworkAccessPointID`);
      return;
    }
    const ip = isIP(id.replace(/^\[(.*)\]$/, '$1')) !== 0;
    if (type === '2' && !ip) out.fail('AUD-FMT-09', `${at}/@NetworkAccessPointID`, `NetworkAccessPointTypeCode 2 (IP Address) requires an IP literal; found "${id}"`);
    if (type === '1' && (ip || /\s/.test(id))) out.fail('AUD-FMT-09', `${at}/@NetworkAccessPointID`, `NetworkAccessPointTypeCode 1 (Machine Name, including DNS name) requires a machine name; found ${ip ? 'the IP address' : ''} "${id}" (use type 2 for an IP address)`);
  });
}

// AUD-FMT-10 ------------------------------------------------------------------------------------

function checkBase64(m: AuditMessageModel, out: Out): void {
  m.participantObjects.forEach((po, i) => {
    const at = `ParticipantObjectIdentification[${i + 1}]`;
    if (po.query !== undefined) {
      const q = decodeBase64Strict(po.query);
      if (!q.ok) out.fail('AUD-FMT-10', `${at}/ParticipantObjectQuery`, `expected xsd:base64Binary; ${q.reason}`);
    }
    po.details.forEach((d, j) => {
      const v = decodeBase64Strict(d.value);
      if (!v.ok) out.fail('AUD-FMT-10', `${at}/ParticipantObjectDetail[${j + 1}]/@value`, `expected xsd:base64Binary (type="${d.type}"); ${v.reason}`);
    });
  });
}
