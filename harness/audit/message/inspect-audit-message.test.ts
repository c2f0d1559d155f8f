import { expect } from 'chai';
import { encodeTestDataset, STUDY_QUERY_IDENTIFIER } from './encode-test-dataset.ts';
import { inspectAuditMessage } from './inspect-audit-message.ts';
import { decodeParticipantObjectQuery, EXPLICIT_VR_LITTLE_ENDIAN, IMPLICIT_VR_LITTLE_ENDIAN } from './query-dataset.ts';
import { fixture, requireXmllint } from './test-support.ts';

const ruleSet = (problems: Array<{ rule: string; severity: string }>) => [...new Set(problems.map((p) => `${p.rule} ${p.severity}`))].sort();
const NO_XMLLINT = { xmllint: '/nonexistent/xmllint' };

/** The Query fixture with its identifier encoded here, in the given transfer syntax. */
function queryMessage(explicit: boolean): string {
  const identifier = encodeTestDataset(STUDY_QUERY_IDENTIFIER, explicit).toString('base64');
  const ts = Buffer.from(`${explicit ? EXPLICIT_VR_LITTLE_ENDIAN : IMPLICIT_VR_LITTLE_ENDIAN}\0`, 'latin1').toString('base64');
  return fixture('query-110112.xml')
    .replace(/<ParticipantObjectQuery>.*<\/ParticipantObjectQuery>/, `<ParticipantObjectQuery>${identifier}</ParticipantObjectQuery>`)
    .replace(/type="TransferSyntax" value="[^"]*"/, `type="TransferSyntax" value="${ts}"`);
}

describe('inspecting one captured audit message (PS3.15 A.5; catalogue §4.8)', function () {
  beforeEach(function () {
    requireXmllint(this);
  });

  describe('conformant messages are well-formed, schema-valid and rule-clean', function () {
    const conformant: Array<[string, string]> = [
      ['application-activity-110100.xml', '110100'],
      ['instances-transferred-110104.xml', '110104'],
      ['security-alert-110113.xml', '110113'],
      ['user-authentication-110114.xml', '110114'],
    ];
    for (const [name, eventId] of conformant) {
      it(name, async function () {
        const r = await inspectAuditMessage(fixture(name));
        expect([r.wellFormed, r.schema, r.problems, r.model?.eventId.csdCode]).to.deep.equal([true, { kind: 'valid' }, [], eventId]);
      });
    }

    for (const explicit of [true, false]) {
      it(`Query 110112 with an identifier in ${explicit ? 'Explicit' : 'Implicit'} VR Little Endian, which decodes to what was encoded`, async function () {
        const r = await inspectAuditMessage(queryMessage(explicit));
        expect([r.wellFormed, r.schema, r.problems]).to.deep.equal([true, { kind: 'valid' }, []]);
        const decoded = decodeParticipantObjectQuery(r.model!.participantObjects[0]!);
        expect(decoded.ok && decoded.transferSyntax).to.equal(explicit ? EXPLICIT_VR_LITTLE_ENDIAN : IMPLICIT_VR_LITTLE_ENDIAN);
        expect(decoded.ok && decoded.elements.map((e) => [e.tag, e.value])).to.deep.equal([
          ['0008,0020', '20260101-20261231'],
          ['0008,0052', 'STUDY'],
          ['0010,0010', 'DOE^JANE'],
          ['0010,0020', 'PID-0001'],
          ['0020,000D', ''],
        ]);
      });
    }

    it('the Query fixture carries exactly the explicit-VR identifier encoded here', function () {
      expect(queryMessage(true)).to.equal(fixture('query-110112.xml'));
    });
  });

  describe('broken messages: exactly the expected rule', function () {
    const cases: Array<[string, string[]]> = [
      ['broken-aud-fmt-02-schema.xml', ['AUD-FMT-02 fail']],
      ['aud-fmt-02-conflict-no-name.xml', ['AUD-FMT-02 warn']],
      ['broken-aud-fmt-03-no-event-type.xml', ['AUD-FMT-03 fail']],
      ['broken-aud-fmt-04-no-destination.xml', ['AUD-FMT-04 fail']],
      ['aud-fmt-05-original-text.xml', ['AUD-FMT-05 warn']],
      ['broken-aud-fmt-06-no-time-zone.xml', ['AUD-FMT-06 fail']],
      ['broken-aud-fmt-07-export-no-requestor.xml', ['AUD-FMT-07 fail']],
      ['broken-aud-gen-04-two-requestors.xml', ['AUD-GEN-04 fail']],
      ['aud-gen-02-aetitle-singular.xml', ['AUD-GEN-02 warn']],
      ['broken-aud-fmt-09-ip-type.xml', ['AUD-FMT-09 fail']],
      ['broken-aud-fmt-10-query-not-dataset.xml', ['AUD-FMT-10 fail']],
      ['broken-aud-fmt-05-legacy-rfc3881.xml', ['AUD-FMT-02 fail', 'AUD-FMT-05 fail']],
    ];
    for (const [name, rules] of cases) {
      it(`${name}: ${rules.join(', ')}`, async function () {
        expect(ruleSet((await inspectAuditMessage(fixture(name))).problems)).to.deep.equal(rules);
      });
    }

    it('maps a schema error to the element it names', async function () {
      const r = await inspectAuditMessage(fixture('broken-aud-fmt-02-schema.xml'));
      expect(r.problems).to.deep.equal([{
        rule: 'AUD-FMT-02',
        severity: 'fail',
        path: 'ParticipantObjectIdentification[1]',
        message: 'not valid against the A.5.1.1 schema: line 13: element ParticipantObjectIdentification: Did not expect element ParticipantObjectIdentification there',
      }]);
    });

    it('reports a message missing ParticipantObjectName/Query only as a schema/table conflict, naming the objects', async function () {
      const r = await inspectAuditMessage(fixture('aud-fmt-02-conflict-no-name.xml'));
      expect(r.schema.kind).to.equal('invalid');
      expect(r.problems).to.have.length(1);
      expect(r.problems[0]!.path).to.equal('ParticipantObjectIdentification[2]');
      expect(r.problems[0]!.message).to.match(/^schema\/table conflict: /);
    });

    it('fails, not warns, when the message is broken besides lacking ParticipantObjectName/Query', async function () {
      const xml = fixture('aud-fmt-02-conflict-no-name.xml').replace('  <AuditSourceIdentification AuditSourceID="node.example.org"/>\n', '');
      const r = await inspectAuditMessage(xml);
      expect(ruleSet(r.problems)).to.deep.equal(['AUD-FMT-02 fail']);
      expect(r.problems.some((p) => /conflict/.test(p.message))).to.equal(false);
    });

    it('a message that is not well-formed: AUD-FMT-01 only, no model', async function () {
      const r = await inspectAuditMessage(fixture('broken-aud-fmt-01-not-well-formed.xml'));
      expect([r.wellFormed, r.model, ruleSet(r.problems), r.schema.kind]).to.deep.equal([false, undefined, ['AUD-FMT-01 fail'], 'invalid']);
    });

    it('a DOCTYPE with entity bombs and XXE: AUD-FMT-01 only, nothing expanded, xmllint never fed', async function () {
      const started = performance.now();
      const r = await inspectAuditMessage(fixture('broken-aud-fmt-01-doctype-entities.xml'));
      expect([r.wellFormed, r.model, ruleSet(r.problems)]).to.deep.equal([false, undefined, ['AUD-FMT-01 fail']]);
      expect(r.schema).to.deep.equal({ kind: 'invalid', problems: ['line 3: a DOCTYPE is refused (not validated, entities never expanded): PS3.15 A.5 messages have no DTD'] });
      expect(JSON.stringify(r)).to.not.match(/lollol|root:/);
      expect(performance.now() - started).to.be.below(1000);
    });

    it('a namespaced AuditMessage: AUD-FMT-01 and AUD-FMT-02', async function () {
      const r = await inspectAuditMessage(fixture('user-authentication-110114.xml').replace('<AuditMessage>', '<AuditMessage xmlns="urn:example:audit">'));
      expect(ruleSet(r.problems)).to.deep.equal(['AUD-FMT-01 fail', 'AUD-FMT-02 fail']);
    });
  });
});

describe('inspecting without xmllint', function () {
  it('reports the schema unavailable and still applies the content rules', async function () {
    const r = await inspectAuditMessage(fixture('broken-aud-fmt-06-no-time-zone.xml'), NO_XMLLINT);
    expect(r.schema.kind).to.equal('unavailable');
    expect(ruleSet(r.problems)).to.deep.equal(['AUD-FMT-06 fail']);
  });

  it('adds no AUD-FMT-02 problem, in either direction, when it could not validate', async function () {
    const r = await inspectAuditMessage(fixture('broken-aud-fmt-02-schema.xml'), NO_XMLLINT);
    expect([r.schema.kind, r.problems]).to.deep.equal(['unavailable', []]);
  });
});
