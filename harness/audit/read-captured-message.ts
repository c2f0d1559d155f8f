/**
 * One collected syslog message → what the reports show of it: its RFC 5424 header, the audit
 * message it carries in short, and every rule it breaks, named by catalogue id (PART15-CATALOGUE.md
 * §4.6 AUD-SYS-*, §4.8 AUD-FMT-*, §4.4 AUD-GEN-*). Facts only: which of these rules a check cares
 * about is the suite's business (expectation audit-messages-conform).
 */
import type { AuditProblemSeen, CapturedAuditMessage } from '../core/evidence.ts';
import type { CapturedMessage } from './collector/syslog-collectors.ts';
import { aeTitlesOf } from './message/audit-rules.ts';
import { inspectAuditMessage } from './message/inspect-audit-message.ts';
import { decodeParticipantObjectQuery } from './message/query-dataset.ts';
import type { SyslogMessage, SyslogProblem } from './syslog/rfc5424.ts';

const XML_SHOWN_CHARS = 8192;
/** PS3.15 A.6/A.7: facility 10 (security/authorization); severity 5 (notice) normally, 4 (warning) allowed. */
const AUDIT_FACILITY = 10;
const USUAL_SEVERITIES = [4, 5];

export async function readCapturedMessage(m: CapturedMessage): Promise<CapturedAuditMessage> {
  const s = m.message;
  const problems: AuditProblemSeen[] = [...s.problems.map(syslogRule), ...headerRules(s)];
  const base: CapturedAuditMessage = {
    transport: m.transport,
    receivedAt: m.receivedAt,
    ...(m.connection !== undefined ? { connection: m.connection } : {}),
    octets: m.octets,
    syslog: {
      ...(s.facility !== undefined ? { facility: s.facility } : {}),
      ...(s.severity !== undefined ? { severity: s.severity } : {}),
      ...(s.version !== undefined ? { version: s.version } : {}),
      ...(s.timestamp !== undefined ? { timestamp: s.timestamp } : {}),
      ...(s.hostname !== undefined ? { hostname: s.hostname } : {}),
      ...(s.appName !== undefined ? { appName: s.appName } : {}),
      ...(s.procId !== undefined ? { procId: s.procId } : {}),
      ...(s.msgId !== undefined ? { msgId: s.msgId } : {}),
      bom: s.msgHasBom,
    },
    schema: 'no-xml',
    problems,
  };
  if (!s.msg || s.msg.length === 0) {
    problems.push({ rule: 'AUD-SYS-04', severity: 'fail', path: 'syslog MSG', message: 'the syslog message carries no MSG: no audit message in it' });
    return base;
  }
  const xml = s.msg.toString('utf8');
  const inspected = await inspectAuditMessage(xml);
  problems.push(...inspected.problems);
  const model = inspected.model;
  const out: CapturedAuditMessage = {
    ...base,
    schema: !inspected.wellFormed ? 'no-xml' : inspected.schema.kind,
    xml: xml.length > XML_SHOWN_CHARS ? xml.slice(0, XML_SHOWN_CHARS) : xml,
    ...(xml.length > XML_SHOWN_CHARS ? { xmlTruncated: true } : {}),
  };
  if (model) {
    out.audit = {
      ...(model.eventId.csdCode ?? model.eventId.legacyCode ? { eventId: model.eventId.csdCode ?? model.eventId.legacyCode } : {}),
      eventTypeCodes: model.eventTypeCodes.map((c) => c.csdCode ?? c.legacyCode ?? '').filter((c) => c !== ''),
      ...(model.eventActionCode !== undefined ? { eventActionCode: model.eventActionCode } : {}),
      ...(model.eventOutcomeIndicator !== undefined ? { eventOutcomeIndicator: model.eventOutcomeIndicator } : {}),
      ...(model.eventDateTime !== undefined ? { eventDateTime: model.eventDateTime } : {}),
      aeTitles: model.activeParticipants.flatMap((p) => aeTitlesOf(p)),
    };
    const queryObject = model.participantObjects.find((p) => p.query !== undefined);
    if (queryObject) {
      const q = decodeParticipantObjectQuery(queryObject);
      out.query = q.ok ? { transferSyntax: q.transferSyntax, elements: q.elements.map((e) => ({ tag: e.tag, value: e.value })) } : { undecodable: q.problem };
    }
  }
  return out;
}

/** Grammar problems of the parser, filed under the catalogue rule they break. */
function syslogRule(p: SyslogProblem): AuditProblemSeen {
  const rule =
    p.field === 'msg' ? 'AUD-SYS-04' : p.field === 'msgid' ? 'AUD-SYS-05' : ['timestamp', 'hostname', 'app-name', 'procid'].includes(p.field) ? 'AUD-SYS-05' : 'AUD-SYS-01';
  return { rule, severity: 'fail', path: `syslog ${p.field.toUpperCase()}`, message: p.message };
}

/** What the DICOM standard adds to RFC 5424 for audit messages. */
function headerRules(s: SyslogMessage): AuditProblemSeen[] {
  const out: AuditProblemSeen[] = [];
  if (s.facility !== undefined && s.facility !== AUDIT_FACILITY) {
    out.push({ rule: 'AUD-SYS-02', severity: 'fail', path: 'syslog PRI', message: `facility ${s.facility}; PS3.15 A.6/A.7 require 10 (security/authorization messages)` });
  }
  if (s.severity !== undefined && !USUAL_SEVERITIES.includes(s.severity)) {
    out.push({ rule: 'AUD-SYS-02', severity: 'warn', path: 'syslog PRI', message: `severity ${s.severity}; audit messages normally use 5 (notice), or 4 (warning)` });
  }
  if (s.msgId === undefined && !s.problems.some((p) => p.field === 'header' || p.field === 'pri')) {
    out.push({ rule: 'AUD-SYS-03', severity: 'fail', path: 'syslog MSGID', message: 'MSGID is the NILVALUE "-"; PS3.15 A.6 asks for one (DICOM+RFC3881, or IHE+RFC-3881 for IHE ATNA)' });
  }
  if (s.msg && s.msg.length > 0 && !s.msgHasBom && !s.problems.some((p) => p.field === 'msg')) {
    // Non-ASCII MSG without a BOM is already a parser problem (a fail); an ASCII-only one is legal
    // MSG-ANY, but an XML audit message is UTF-8 text and RFC 5424 §6.4 asks UTF-8 to carry the BOM.
    out.push({ rule: 'AUD-SYS-04', severity: 'warn', path: 'syslog MSG', message: 'MSG does not start with the UTF-8 BOM (EF BB BF) that RFC 5424 §6.4 requires before UTF-8 text' });
  }
  return out;
}

/** The MSGID rule of one suite (IHE ITI-20 demands IHE+RFC-3881). */
export function msgIdProblem(m: CapturedAuditMessage, expected: string): AuditProblemSeen | undefined {
  if (m.syslog.msgId === expected) return undefined;
  return { rule: 'AUD-SYS-03', severity: 'fail', path: 'syslog MSGID', message: `MSGID ${m.syslog.msgId === undefined ? 'is nil' : `"${m.syslog.msgId}"`}; expected "${expected}"` };
}
