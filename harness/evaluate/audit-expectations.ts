/**
 * Pure evaluators for the audit trail (PS3.15 A.5–A.7; PART15-CATALOGUE.md §4.6–4.8): what an
 * audit.capture step kept. Silence is judged here, deliberately: when the stimulus happened and the
 * target declares audit support, no message at all is a fail ("no audit message received"), never
 * inconclusive and never a pass. When the stimulus itself did not happen (the node accepted the
 * certificate it should refuse), there was nothing to audit: inconclusive.
 */
import type { AuditEvidence, AuditProblemSeen, CapturedAuditMessage } from '../core/evidence.ts';
import { verdict, type Verdict } from '../core/verdict.ts';
import { msgIdProblem } from '../audit/read-captured-message.ts';
import type { Expectation } from '../suite/schema.ts';

type Of<K extends Expectation['that']> = Extract<Expectation, { that: K }>;

const SECURITY_ALERT = '110113';
const QUERY = '110112';
const PATIENT_ID_TAG = '0010,0020';
const SHOWN = 5;

/** One message in a few words: "110113/110126 outcome 4 over tls". */
export function describeMessage(m: CapturedAuditMessage): string {
  if (!m.audit) return `a ${m.octets}-octet ${m.transport} message without a readable AuditMessage`;
  const types = m.audit.eventTypeCodes.length > 0 ? `/${m.audit.eventTypeCodes.join('+')}` : '';
  return `${m.audit.eventId ?? '(no EventID)'}${types} outcome ${m.audit.eventOutcomeIndicator ?? '?'} over ${m.transport}`;
}

function listMessages(ms: readonly CapturedAuditMessage[]): string {
  const shown = ms.slice(0, SHOWN).map(describeMessage).join('; ');
  return ms.length > SHOWN ? `${shown}; and ${ms.length - SHOWN} more` : shown;
}

/** The stimulus did not happen: nothing to audit, so nothing to judge. */
function stimulusMissing(ev: AuditEvidence): Verdict | undefined {
  if (ev.stimulusHappened) return undefined;
  const status = ev.stimulusEvidence && 'outcome' in ev.stimulusEvidence ? ev.stimulusEvidence.outcome.status : undefined;
  if (status === 'no-response') return verdict.inconclusive('no-response', `stimulus ${ev.stimulus}: ${ev.stimulusOutcome}`);
  if (status === 'connection-refused') return verdict.inconclusive('connection-refused', `stimulus ${ev.stimulus}: ${ev.stimulusOutcome}`);
  return verdict.inconclusive('prerequisite-not-met', `stimulus ${ev.stimulus}: ${ev.stimulusOutcome}`);
}

/** The node did not answer a stimulus at all: the messages of the others do not speak for it. */
function silentStimulus(evs: readonly AuditEvidence[]): Verdict | undefined {
  for (const ev of evs) {
    const status = ev.stimulusEvidence && 'outcome' in ev.stimulusEvidence ? ev.stimulusEvidence.outcome.status : undefined;
    if (status === 'no-response' || status === 'connection-refused') return stimulusMissing(ev);
  }
  return undefined;
}

/** Silence after a stimulus that happened, with what the collectors saw of the node otherwise. */
function noMessage(ev: AuditEvidence, expected: string): Verdict {
  const where = ev.transport === 'any' ? ev.declaredTransports.join(' or ') : ev.transport;
  const conns = ev.connections.length;
  const faults = ev.connections.filter((c) => c.framingFault).map((c) => c.framingFault!.kind);
  const seen =
    conns === 0
      ? `no syslog connection or datagram in ${ev.listenedMs} ms after the stimulus (${ev.stimulusOutcome})`
      : `${conns} syslog TLS connection${conns === 1 ? '' : 's'} but no readable message${faults.length > 0 ? ` (framing: ${faults.join(', ')})` : ''}`;
  return verdict.fail(`no audit message received over ${where} for stimulus ${ev.stimulus}`, expected, seen);
}

function eventMatches(m: CapturedAuditMessage, ref: string): boolean {
  const [eventId, typeCode] = ref.split(':');
  return m.audit?.eventId === eventId && (typeCode === undefined || m.audit!.eventTypeCodes.includes(typeCode));
}

function outcomeMatches(m: CapturedAuditMessage, outcome: 'success' | 'failure' | undefined): boolean {
  if (outcome === undefined) return true;
  const o = m.audit?.eventOutcomeIndicator;
  return outcome === 'success' ? o === '0' : o !== undefined && o !== '0';
}

/** The stimulus caused one of the expected audit messages (catalogue §4.7, AUD-FMT-12). */
export function auditEventRecorded(x: Of<'audit-event-recorded'>, ev: AuditEvidence): Verdict {
  const missing = stimulusMissing(ev);
  if (missing) return missing;
  const events = ev.declaredEvents ?? x.events;
  const source = ev.declaredEvents ? "the target's trigger table" : 'the default expectation (catalogue §4.7)';
  const expected = `${events.join(' or ')}${x.outcome ? ` with outcome ${x.outcome === 'success' ? '0' : '≠ 0'}` : ''} (${source})`;
  if (ev.messages.length === 0) return noMessage(ev, expected);
  const hits = ev.messages.filter((m) => events.some((ref) => eventMatches(m, ref)) && outcomeMatches(m, x.outcome));
  if (hits.length === 0) return verdict.fail(`no expected audit message for stimulus ${ev.stimulus}`, expected, `${ev.messages.length} other: ${listMessages(ev.messages)}`);
  if (x.once) {
    for (const transport of ['tls', 'udp'] as const) {
      const same = hits.filter((m) => m.transport === transport);
      if (same.length > 1) return verdict.fail(`stimulus ${ev.stimulus} was audited ${same.length} times over ${transport}`, `${expected}, once`, listMessages(same));
    }
  }
  return verdict.pass(`${ev.stimulusOutcome}; audited: ${listMessages(hits)}`);
}

/** A legitimate action raises no alarm (no Security Alert, no failure outcome). */
export function auditNoAlarm(_x: Of<'audit-no-alarm'>, ev: AuditEvidence): Verdict {
  const missing = stimulusMissing(ev);
  if (missing) return missing;
  const alarms = ev.messages.filter((m) => m.audit?.eventId === SECURITY_ALERT || (m.audit?.eventOutcomeIndicator !== undefined && m.audit.eventOutcomeIndicator !== '0'));
  if (alarms.length > 0) return verdict.fail(`a legitimate ${ev.stimulus} was audited as an alarm`, 'no Security Alert (110113) and no failure outcome', listMessages(alarms));
  if (ev.messagesInRun === 0) {
    return verdict.inconclusive('ambiguous-observation', 'the node sent no audit message at all in this run: its silence here shows nothing');
  }
  return verdict.pass(`${ev.stimulusOutcome}; ${ev.messages.length === 0 ? 'no audit message' : `no alarm among ${listMessages(ev.messages)}`}`);
}

/** Every message the stimuli caused keeps the selected rules (catalogue §4.6 AUD-SYS-*, §4.8 AUD-FMT-*). */
export function auditMessagesConform(x: Of<'audit-messages-conform'>, evs: readonly AuditEvidence[]): Verdict {
  const silent = silentStimulus(evs);
  if (silent) return silent;
  const messages = evs.flatMap((e) => e.messages);
  const rules = x.rules.join(', ');
  if (messages.length === 0) {
    const happened = evs.filter((e) => e.stimulusHappened);
    if (happened.length === 0) return stimulusMissing(evs[0]!)!;
    return noMessage(happened[0]!, `audit messages that keep ${rules}`);
  }
  if (x.rules.includes('AUD-FMT-02') && messages.some((m) => m.schema === 'unavailable')) {
    return verdict.error('fixture-missing', 'the A.5.1 schema could not be checked: xmllint (Debian libxml2-utils) is not installed');
  }
  const broken: Array<{ m: CapturedAuditMessage; p: AuditProblemSeen }> = [];
  const warned: Array<{ m: CapturedAuditMessage; p: AuditProblemSeen }> = [];
  for (const m of messages) {
    const problems = m.problems.filter((p) => x.rules.includes(p.rule) && !(x.msgId && p.rule === 'AUD-SYS-03'));
    if (x.msgId && x.rules.includes('AUD-SYS-03')) {
      const p = msgIdProblem(m, x.msgId);
      if (p) problems.push(p);
    }
    for (const p of problems) (p.severity === 'fail' || x.strict ? broken : warned).push({ m, p });
  }
  if (x.rules.includes('AUD-FMT-08')) {
    for (const e of evs) {
      // Only where an association carried the AE title; an alert about a refused one may name it elsewhere.
      if (!e.stimulusHappened || !e.callingAeTitle || !['store', 'find', 'association'].includes(e.stimulus)) continue;
      for (const m of e.messages) {
        if (m.audit && !m.audit.aeTitles.includes(e.callingAeTitle)) {
          broken.push({ m, p: { rule: 'AUD-FMT-08', severity: 'fail', path: 'ActiveParticipant/@AlternativeUserID', message: `no participant names the calling AE title used (AETITLES=${e.callingAeTitle}); named: ${m.audit.aeTitles.join(', ') || 'none'}` } });
        }
      }
    }
  }
  const line = ({ m, p }: { m: CapturedAuditMessage; p: AuditProblemSeen }) => `${describeMessage(m)}: ${p.rule} ${p.path}: ${p.message}`;
  if (broken.length > 0) {
    const bad = new Set(broken.map((b) => b.m)).size;
    const shown = broken.slice(0, SHOWN).map(line).join(' | ');
    return verdict.fail(`${bad} of ${messages.length} audit message${messages.length === 1 ? '' : 's'} break ${rules}`, `every message keeps ${rules}`, broken.length > SHOWN ? `${shown} | and ${broken.length - SHOWN} more` : shown);
  }
  const notes = warned.length > 0 ? `; warnings: ${warned.slice(0, SHOWN).map(line).join(' | ')}` : '';
  return verdict.pass(`${messages.length} audit message${messages.length === 1 ? '' : 's'} keep ${rules}${notes}`);
}

/** How the messages travelled (catalogue §4.6 AUD-TLS-*, AUD-UDP-*). */
export function auditTransport(x: Of<'audit-transport'>, evs: readonly AuditEvidence[]): Verdict {
  const messages = evs.flatMap((e) => e.messages);
  const connections = [...new Map(evs.flatMap((e) => e.connections).map((c) => [c.index, c])).values()];
  const silent = silentStimulus(evs);
  if (silent) return silent;
  const happened = evs.find((e) => e.stimulusHappened);
  if (!happened) return stimulusMissing(evs[0]!)!;
  switch (x.property) {
    case 'tls-used': {
      const overTls = messages.filter((m) => m.transport === 'tls');
      if (overTls.length === 0) return noMessage(happened, 'audit messages over syslog TLS (RFC 5425)');
      return verdict.pass(`${overTls.length} message${overTls.length === 1 ? '' : 's'} over syslog TLS`);
    }
    case 'octet-counting': {
      const faulty = connections.filter((c) => c.framingFault && c.framingFault.kind !== 'frame-too-large' && c.framingFault.kind !== 'stalled');
      if (faulty.length > 0) {
        return verdict.fail('the node does not frame syslog over TLS by octet counting (RFC 5425 §4.3)', 'MSG-LEN SP SYSLOG-MSG, MSG-LEN in octets', faulty.map((c) => `connection ${c.index}: ${c.framingFault!.kind}: ${c.framingFault!.message}`).join(' | '));
      }
      const overTls = messages.filter((m) => m.transport === 'tls');
      if (overTls.length === 0) return noMessage(happened, 'octet-counted syslog frames over TLS');
      return verdict.pass(`${overTls.length} octet-counted frame${overTls.length === 1 ? '' : 's'}, lengths in octets`);
    }
    case 'client-certificate': {
      if (connections.length === 0) return noMessage(happened, 'a syslog TLS connection with a client certificate from the run CA');
      const bad = connections.filter((c) => c.clientCertificate !== 'trusted');
      if (bad.length > 0) {
        return verdict.fail('the node sent audit messages without authenticating itself to the collector', 'a client certificate the run CA issued, on every syslog TLS connection (RFC 5425 §5, IHE ITI-19)', bad.map((c) => `connection ${c.index}: ${c.clientCertificate === 'none' ? 'no client certificate' : 'an untrusted client certificate'}`).join('; '));
      }
      return verdict.pass(`${connections.length} syslog TLS connection${connections.length === 1 ? '' : 's'}, each with a trusted client certificate`);
    }
    case 'tls-version': {
      if (connections.length === 0) return noMessage(happened, 'syslog over TLS 1.2 or later');
      const old = connections.filter((c) => c.protocol !== undefined && c.protocol !== 'TLSv1.2' && c.protocol !== 'TLSv1.3');
      if (old.length > 0) return verdict.fail('the node sends audit messages over an old TLS version', 'TLS 1.2 or later (RFC 5425, BCP 195)', old.map((c) => `connection ${c.index}: ${c.protocol}`).join('; '));
      const known = connections.filter((c) => c.protocol !== undefined);
      if (known.length === 0) return verdict.inconclusive('ambiguous-observation', 'no syslog TLS connection completed a handshake');
      return verdict.pass(`syslog TLS over ${[...new Set(known.map((c) => c.protocol))].join(', ')}`);
    }
    case 'one-message-per-datagram': {
      const datagrams = messages.filter((m) => m.transport === 'udp');
      if (datagrams.length === 0) return noMessage(happened, 'one whole syslog message per UDP datagram (RFC 5426)');
      const partial = datagrams.filter((m) => m.problems.some((p) => p.rule === 'AUD-SYS-01' && /PRI|HEADER/.test(p.path)) || m.schema === 'no-xml');
      if (partial.length > 0) {
        return verdict.fail('a UDP datagram does not hold exactly one whole audit message', 'each datagram one RFC 5424 message carrying one whole AuditMessage (RFC 5426 §3.1)', partial.slice(0, SHOWN).map((m) => `${m.octets} octets: ${m.problems.find((p) => p.rule === 'AUD-SYS-01')?.message ?? 'the XML is cut or not an AuditMessage'}`).join(' | '));
      }
      return verdict.pass(`${datagrams.length} datagram${datagrams.length === 1 ? '' : 's'}, each one whole message`);
    }
  }
}

/** The Query message carries the identifier part15 sent (A.5.3.10; catalogue AUD-FMT-10). */
export function auditQueryMatches(_x: Of<'audit-query-matches'>, ev: AuditEvidence): Verdict {
  const missing = stimulusMissing(ev);
  if (missing) return missing;
  const sent = ev.canaryPatientId;
  if (!sent) return verdict.error('suite-invalid', `step ${ev.step} is not a find stimulus: there is no identifier to compare`);
  const expected = `a Query message (110112) whose ParticipantObjectQuery decodes to the identifier sent (PatientID ${sent})`;
  if (ev.messages.length === 0) return noMessage(ev, expected);
  const queries = ev.messages.filter((m) => m.audit?.eventId === QUERY);
  if (queries.length === 0) return verdict.fail('no Query audit message (110112) for the C-FIND', expected, listMessages(ev.messages));
  const seen: string[] = [];
  for (const m of queries) {
    if (!m.query) seen.push('no ParticipantObjectQuery');
    else if ('undecodable' in m.query) seen.push(`ParticipantObjectQuery does not decode: ${m.query.undecodable}`);
    else {
      const patientId = m.query.elements.find((e) => e.tag === PATIENT_ID_TAG)?.value;
      if (patientId === sent) return verdict.pass(`the Query message carries the identifier sent (PatientID ${sent}${m.query.transferSyntax ? `, ${m.query.transferSyntax}` : ''})`);
      seen.push(patientId === undefined ? `a data set of ${m.query.elements.length} elements without PatientID` : `PatientID "${patientId}"`);
    }
  }
  return verdict.fail('the Query audit message does not carry the identifier part15 sent', expected, seen.join('; '));
}
