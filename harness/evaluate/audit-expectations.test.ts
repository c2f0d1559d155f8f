/**
 * The audit evaluators on what the table in evaluate-check.test.ts cannot show from recordings
 * alone: each case edits ONE fact of a recorded observation (fixtures/observations/aud-*.json).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import type { AuditEvidence } from '../core/evidence.ts';
import { FIXTURES_DIR } from '../paths.ts';
import { Expectation } from '../suite/schema.ts';
import { auditEventRecorded, auditMessagesConform, auditQueryMatches, auditTransport } from './audit-expectations.ts';

const recorded = (file: string): AuditEvidence => JSON.parse(readFileSync(join(FIXTURES_DIR, 'observations', file), 'utf8')) as AuditEvidence;
const parse = <K extends Expectation['that']>(x: Record<string, unknown> & { that: K }) => Expectation.parse(x) as Extract<Expectation, { that: K }>;

describe('audit evaluators, one edited fact at a time', function () {
  it("the target's own trigger table replaces the default expectation", function () {
    // Given a store audited as 110104, and a target whose Conformance Statement says it sends 110103 for it
    const ev = { ...recorded('aud-refnode-store.json'), declaredEvents: ['110103'] };

    // Then the default (110104) no longer counts
    const v = auditEventRecorded(parse({ that: 'audit-event-recorded', step: 'a', events: ['110104'] }), ev);
    expect(v.kind).to.equal('fail');
    if (v.kind === 'fail') expect(v.expected).to.include("110103 (the target's trigger table)");
  });

  it('once: the same event twice over one transport fails', function () {
    // Given the store message received twice over TLS
    const ev = recorded('aud-refnode-store.json');
    const tls = ev.messages.filter((m) => m.transport === 'tls' && m.audit?.eventId === '110104');
    expect(tls).to.have.length(1);
    const twice = { ...ev, messages: [...ev.messages, tls[0]!] };

    // Then it is still audited, but not once
    expect(auditEventRecorded(parse({ that: 'audit-event-recorded', step: 'a', events: ['110104'] }), twice).kind).to.equal('pass');
    expect(auditEventRecorded(parse({ that: 'audit-event-recorded', step: 'a', events: ['110104'], once: true }), twice).kind).to.equal('fail');
  });

  it('AUD-FMT-08: a message that does not name the calling AE title used fails', function () {
    // Given the store evidence where no participant names the calling AE title
    const ev = recorded('aud-refnode-store.json');
    const edited = { ...ev, messages: ev.messages.map((m) => (m.audit ? { ...m, audit: { ...m.audit, aeTitles: m.audit.aeTitles.filter((t) => t !== ev.callingAeTitle) } } : m)) };
    const x = parse({ that: 'audit-messages-conform', steps: ['a'], rules: ['AUD-FMT-08'] });

    // Then the recorded one passes and the edited one fails
    expect(auditMessagesConform(x, [ev]).kind).to.equal('pass');
    const v = auditMessagesConform(x, [edited]);
    expect(v.kind).to.equal('fail');
    if (v.kind === 'fail') expect(v.observed).to.include(`AETITLES=${ev.callingAeTitle}`);
  });

  it('a schema that could not be checked (no xmllint) is an error, never a pass', function () {
    const ev = recorded('aud-refnode-store.json');
    const unchecked = { ...ev, messages: ev.messages.map((m) => ({ ...m, schema: 'unavailable' as const })) };
    const v = auditMessagesConform(parse({ that: 'audit-messages-conform', steps: ['a'], rules: ['AUD-FMT-02'] }), [unchecked]);
    expect({ kind: v.kind, reason: v.reason }).to.deep.equal({ kind: 'error', reason: 'fixture-missing' });
  });

  it('warnings pass unless the check is strict', function () {
    // Given a message whose only problem is a warning
    const ev = recorded('aud-refnode-store.json');
    const warned = { ...ev, messages: [{ ...ev.messages[0]!, problems: [{ rule: 'AUD-FMT-05', severity: 'warn' as const, path: 'EventIdentification/EventID/@originalText', message: 'differs from PS3.16' }] }] };
    expect(auditMessagesConform(parse({ that: 'audit-messages-conform', steps: ['a'], rules: ['AUD-FMT-05'] }), [warned]).kind).to.equal('pass');
    expect(auditMessagesConform(parse({ that: 'audit-messages-conform', steps: ['a'], rules: ['AUD-FMT-05'], strict: true }), [warned]).kind).to.equal('fail');
  });

  it('the Query message must carry the canary PatientID part15 sent, decodable', function () {
    const ev = recorded('aud-refnode-find.json');
    const x = parse({ that: 'audit-query-matches', step: 'a' });
    expect(auditQueryMatches(x, ev).kind).to.equal('pass');
    const withQuery = (query: AuditEvidence['messages'][number]['query']) => ({ ...ev, messages: ev.messages.map((m) => (m.audit?.eventId === '110112' ? { ...m, query } : m)) });
    expect(auditQueryMatches(x, withQuery({ elements: [{ tag: '0010,0020', value: 'SOMEONE-ELSE' }] })).kind).to.equal('fail');
    expect(auditQueryMatches(x, withQuery({ undecodable: 'not base64' })).kind).to.equal('fail');
    expect(auditQueryMatches(x, withQuery(undefined)).kind).to.equal('fail');
  });

  it('TLS 1.1 on the audit connection fails tls-version; an untrusted certificate fails client-certificate', function () {
    const ev = recorded('aud-refnode-store-tls.json');
    expect(ev.connections.length).to.be.at.least(1);
    const old = { ...ev, connections: ev.connections.map((c) => ({ ...c, protocol: 'TLSv1.1' })) };
    expect(auditTransport(parse({ that: 'audit-transport', steps: ['a'], property: 'tls-version' }), [old]).kind).to.equal('fail');
    const untrusted = { ...ev, connections: ev.connections.map((c) => ({ ...c, clientCertificate: 'untrusted' as const })) };
    expect(auditTransport(parse({ that: 'audit-transport', steps: ['a'], property: 'client-certificate' }), [untrusted]).kind).to.equal('fail');
  });
});
