import { expect } from 'chai';
import { A53_MESSAGES } from './a53-messages.ts';
import { CID_400_AUDIT_EVENT_ID } from './audit-codes.ts';
import { checkAuditRules } from './audit-rules.ts';
import { parseAuditXml } from './audit-xml.ts';
import { fixture } from './test-support.ts';

const problemsOf = (xml: string) => {
  const { model, problems } = parseAuditXml(xml);
  if (!model) throw new Error(`no model: ${JSON.stringify(problems)}`);
  return checkAuditRules(model);
};
/** "RULE severity path" of every problem, the shape the assertions compare. */
const found = (xml: string) => problemsOf(xml).map((p) => `${p.rule} ${p.severity} ${p.path}`);
/** A fixture with replacements, each of which must apply. */
const edit = (name: string, ...edits: Array<[string, string]>) =>
  edits.reduce((xml, [from, to]) => {
    if (!xml.includes(from)) throw new Error(`${name}: "${from}" not found`);
    return xml.replace(from, to);
  }, fixture(name));

const b64 = (s: string) => Buffer.from(s, 'latin1').toString('base64');
const TRANSFERRED = 'instances-transferred-110104.xml';
const QUERY = 'query-110112.xml';
const ALERT = 'security-alert-110113.xml';
const EXPORT = 'broken-aud-fmt-07-export-no-requestor.xml';
const PATIENT_PO = fixture(TRANSFERRED).match(/  <ParticipantObjectIdentification ParticipantObjectID="PID-0001"[\s\S]*?<\/ParticipantObjectIdentification>\n/)![0];

describe('audit message content rules (catalogue §4.4, §4.8)', function () {
  describe('conformant messages', function () {
    for (const name of ['application-activity-110100.xml', TRANSFERRED, QUERY, ALERT, 'user-authentication-110114.xml']) {
      it(`${name} breaks no rule`, function () {
        expect(problemsOf(fixture(name))).to.deep.equal([]);
      });
    }
    it('every CID 400 EventID has its A.5.3 table', function () {
      expect(A53_MESSAGES.map((m) => m.eventId).sort()).to.deep.equal([...CID_400_AUDIT_EVENT_ID.keys()].sort());
    });
  });

  describe('one broken message per rule', function () {
    const cases: Array<[string, string[]]> = [
      ['broken-aud-fmt-03-no-event-type.xml', ['AUD-FMT-03 fail EventIdentification/EventTypeCode']],
      ['broken-aud-fmt-04-no-destination.xml', ['AUD-FMT-04 fail ActiveParticipant']],
      ['aud-fmt-05-original-text.xml', ['AUD-FMT-05 warn EventIdentification/EventID/@originalText']],
      ['broken-aud-fmt-06-no-time-zone.xml', ['AUD-FMT-06 fail EventIdentification/@EventDateTime']],
      ['broken-aud-fmt-07-export-no-requestor.xml', ['AUD-FMT-07 fail ActiveParticipant/@UserIsRequestor']],
      ['broken-aud-gen-04-two-requestors.xml', ['AUD-GEN-04 fail ActiveParticipant/@UserIsRequestor']],
      ['aud-gen-02-aetitle-singular.xml', ['AUD-GEN-02 warn ActiveParticipant[1]/@AlternativeUserID']],
      ['broken-aud-fmt-09-ip-type.xml', ['AUD-FMT-09 fail ActiveParticipant[1]/@NetworkAccessPointID']],
      ['broken-aud-fmt-10-query-not-dataset.xml', ['AUD-FMT-10 fail ParticipantObjectIdentification[1]/ParticipantObjectQuery']],
    ];
    for (const [name, expected] of cases) {
      it(`${name}: ${expected.join('; ')}`, function () {
        expect(found(fixture(name))).to.deep.equal(expected);
      });
    }

    it('RFC 3881 coded values (code= without csd-code=) fail AUD-FMT-05 once per coded value, and the message is still judged', function () {
      expect(found(fixture('broken-aud-fmt-05-legacy-rfc3881.xml'))).to.deep.equal([
        'AUD-FMT-05 fail EventIdentification/EventID/@code',
        'AUD-FMT-05 fail ActiveParticipant[1]/RoleIDCode[1]/@code',
        'AUD-FMT-05 fail ActiveParticipant[2]/RoleIDCode[1]/@code',
        'AUD-FMT-05 fail ParticipantObjectIdentification[1]/ParticipantObjectIDTypeCode/@code',
        'AUD-FMT-05 fail ParticipantObjectIdentification[2]/ParticipantObjectIDTypeCode/@code',
      ]);
    });

    it('says what was expected and what was found', function () {
      expect(problemsOf(fixture('broken-aud-fmt-04-no-destination.xml'))[0]!.message).to.equal(
        'expected 1 ActiveParticipant with RoleIDCode (110152, DCM, "Destination Role ID") (Destination (receiver)) for PS3.15 A.5.3.7 DICOM Instances Transferred; found 0',
      );
    });
  });

  describe('AUD-FMT-03 coded event identification', function () {
    it('warns on an EventID outside CID 400 (an extension) and applies no table', function () {
      const xml = edit(TRANSFERRED, ['csd-code="110104" codeSystemName="DCM" originalText="DICOM Instances Transferred"', 'csd-code="ITI-55" codeSystemName="IHE Transactions" originalText="Cross Gateway Query"']);
      expect(found(xml)).to.deep.equal(['AUD-FMT-03 warn EventIdentification/EventID']);
    });
    it('fails a made-up DCM EventID (not an extension: extensions use their own scheme)', function () {
      const xml = edit(TRANSFERRED, ['csd-code="110104" codeSystemName="DCM"', 'csd-code="110199" codeSystemName="DCM"']);
      expect(found(xml)).to.deep.equal(['AUD-FMT-03 fail EventIdentification/EventID']);
    });
    it('fails a CID 400 code under another coding scheme', function () {
      const xml = edit(TRANSFERRED, ['csd-code="110104" codeSystemName="DCM"', 'csd-code="110104" codeSystemName="99LOCAL"']);
      expect(found(xml)).to.deep.equal(['AUD-FMT-03 fail EventIdentification/EventID/@codeSystemName']);
    });
    it('fails an Application Activity typed as a Login (Enumerated Values 110120/110121)', function () {
      const xml = edit('application-activity-110100.xml', ['csd-code="110120" codeSystemName="DCM" originalText="Application Start"', 'csd-code="110122" codeSystemName="DCM" originalText="Login"']);
      expect(found(xml)).to.deep.equal(['AUD-FMT-03 fail EventIdentification/EventTypeCode']);
    });
    it('only warns on a User Authentication typed outside Login/Logout (Defined Terms) but inside CID 401', function () {
      const xml = edit('user-authentication-110114.xml', ['csd-code="110122" codeSystemName="DCM" originalText="Login"', 'csd-code="110143" codeSystemName="DCM" originalText="Authentication Decision"']);
      expect(found(xml)).to.deep.equal(['AUD-FMT-03 warn EventIdentification/EventTypeCode']);
    });
    it('fails a Security Alert whose EventTypeCode is not from CID 403', function () {
      const xml = edit(ALERT, ['csd-code="110126" codeSystemName="DCM" originalText="Node Authentication"', 'csd-code="TLS-FAIL" codeSystemName="99VENDOR" originalText="TLS failure"']);
      expect(found(xml)).to.deep.equal(['AUD-FMT-03 fail EventIdentification/EventTypeCode']);
    });
  });

  describe('AUD-FMT-04 the A.5.3 tables', function () {
    it('allows one patient only in DICOM Instances Transferred', function () {
      const xml = fixture(TRANSFERRED).replace('</AuditMessage>', `${PATIENT_PO.replace('PID-0001', 'PID-0002')}</AuditMessage>`);
      const problems = problemsOf(xml);
      expect(problems.map((p) => `${p.rule} ${p.severity}`)).to.deep.equal(['AUD-FMT-04 fail']);
      expect(problems[0]!.message).to.match(/single patient; found 2$/);
    });
    it('checks the participant object triplet (type code, role, ID type)', function () {
      const xml = edit(TRANSFERRED, ['ParticipantObjectTypeCode="2" ParticipantObjectTypeCodeRole="3"', 'ParticipantObjectTypeCode="1" ParticipantObjectTypeCodeRole="24"']);
      expect(found(xml)).to.deep.equal(['AUD-FMT-04 fail ParticipantObjectIdentification[1]/@ParticipantObjectTypeCode', 'AUD-FMT-04 fail ParticipantObjectIdentification[1]/@ParticipantObjectTypeCodeRole']);
    });
    it('requires the EventActionCode the table names', function () {
      expect(found(edit(TRANSFERRED, ['EventActionCode="C"', 'EventActionCode="E"']))).to.deep.equal(['AUD-FMT-04 fail EventIdentification/@EventActionCode']);
      expect(found(edit(TRANSFERRED, ['EventActionCode="C" ', '']))).to.deep.equal(['AUD-FMT-04 fail EventIdentification/@EventActionCode']);
    });
    it('accepts Query role 24 with a warning', function () {
      const xml = edit(QUERY, ['ParticipantObjectTypeCodeRole="3"', 'ParticipantObjectTypeCodeRole="24"']);
      expect(found(xml)).to.deep.equal(['AUD-FMT-04 warn ParticipantObjectIdentification[1]/@ParticipantObjectTypeCodeRole']);
    });
    it('requires the Query\'s ParticipantObjectQuery', function () {
      const xml = edit(QUERY, [fixture(QUERY).match(/ *<ParticipantObjectQuery>.*\n/)![0], '    <ParticipantObjectName>study root</ParticipantObjectName>\n']);
      expect(found(xml)).to.deep.equal(['AUD-FMT-04 fail ParticipantObjectIdentification[1]/ParticipantObjectQuery']);
    });
    it('requires the TransferSyntax detail of a DICOM query, holding a Transfer Syntax UID', function () {
      expect(found(edit(QUERY, ['type="TransferSyntax"', 'type="Syntax"']))).to.deep.equal(['AUD-FMT-04 fail ParticipantObjectIdentification[1]/ParticipantObjectDetail']);
      expect(found(edit(QUERY, ['value="MS4yLjg0MC4xMDAwOC4xLjIuMQA="', `value="${b64('1.2.3.4')}"`]))).to.deep.equal(['AUD-FMT-04 fail ParticipantObjectIdentification[1]/ParticipantObjectDetail[1]/@value']);
      expect(found(edit(QUERY, ['ParticipantObjectID="1.2.840.10008.5.1.4.1.2.2.1"', 'ParticipantObjectID="StudyRootFind"']))).to.deep.equal(['AUD-FMT-04 fail ParticipantObjectIdentification[1]/@ParticipantObjectID']);
    });
    it('takes a non-DICOM query (another ID type) with a warning and no DICOM decoding', function () {
      const xml = edit(
        QUERY,
        ['csd-code="110181" codeSystemName="DCM" originalText="SOP Class UID"', 'csd-code="10" codeSystemName="RFC-3881" originalText="Search Criteria"'],
        [fixture(QUERY).match(/<ParticipantObjectQuery>.*<\/ParticipantObjectQuery>/)![0], `<ParticipantObjectQuery>${b64('/studies?PatientID=PID-0001')}</ParticipantObjectQuery>`],
      );
      expect(found(xml)).to.deep.equal(['AUD-FMT-04 warn ParticipantObjectIdentification[1]/ParticipantObjectIDTypeCode']);
    });
    it('requires an "Alert Description" detail on every Security Alert subject', function () {
      const xml = edit(ALERT, ['type="Alert Description"', 'type="Description"']);
      expect(found(xml)).to.deep.equal(['AUD-FMT-04 fail ParticipantObjectIdentification[1]/ParticipantObjectDetail']);
    });
    it('accepts a Security Alert without participant objects (0..N)', function () {
      const xml = fixture(ALERT).replace(/ *<ParticipantObjectIdentification[\s\S]*<\/ParticipantObjectIdentification>\n/, '');
      expect(found(xml)).to.deep.equal([]);
    });
    it('counts participants where the table does not name their roles', function () {
      const third = '  <ActiveParticipant UserID="x" UserIsRequestor="false"/>\n  <AuditSourceIdentification';
      expect(found(edit('user-authentication-110114.xml', ['  <AuditSourceIdentification', third]))).to.deep.equal(['AUD-FMT-04 fail ActiveParticipant']);
    });
    it('requires the Destination Media of an export to be no requestor and to carry a CID 405 MediaType', function () {
      expect(found(edit(EXPORT, ['UserID="CD-RW drive 0" UserIsRequestor="false"', 'UserID="CD-RW drive 0" UserIsRequestor="true"']))).to.deep.equal(['AUD-FMT-04 fail ActiveParticipant[2]/@UserIsRequestor']);
      const noMedia = edit(EXPORT, ['UserID="bob@example.org" UserIsRequestor="false"', 'UserID="bob@example.org" UserIsRequestor="true"'], [fixture(EXPORT).match(/ *<MediaIdentifier>[\s\S]*<\/MediaIdentifier>\n/)![0], '']);
      expect(found(noMedia)).to.deep.equal(['AUD-FMT-04 fail ActiveParticipant[2]/MediaIdentifier/MediaType']);
      const film = edit(EXPORT, ['UserID="bob@example.org" UserIsRequestor="false"', 'UserID="bob@example.org" UserIsRequestor="true"'], ['csd-code="110032" codeSystemName="DCM" originalText="CD"', 'csd-code="110104" codeSystemName="DCM" originalText="DICOM Instances Transferred"']);
      expect(found(film)).to.deep.equal(['AUD-FMT-04 fail ActiveParticipant[2]/MediaIdentifier/MediaType']);
    });
    it('warns on a participant object the table does not describe', function () {
      const xml = edit(TRANSFERRED, ['csd-code="110180" codeSystemName="DCM" originalText="Study Instance UID"', 'csd-code="110181" codeSystemName="DCM" originalText="SOP Class UID"']);
      expect(found(xml)).to.deep.equal(['AUD-FMT-04 warn ParticipantObjectIdentification[1]/ParticipantObjectIDTypeCode', 'AUD-FMT-04 fail ParticipantObjectIdentification']);
    });
  });

  describe('general conventions', function () {
    it('AUD-FMT-05: a coded value needs codeSystemName and originalText', function () {
      expect(found(edit(TRANSFERRED, [' codeSystemName="DCM" originalText="Source Role ID"', '']))).to.deep.equal([
        'AUD-FMT-05 fail ActiveParticipant[1]/RoleIDCode[1]/@codeSystemName',
        'AUD-FMT-05 fail ActiveParticipant[1]/RoleIDCode[1]/@originalText',
      ]);
    });
    it('AUD-FMT-06: an EventDateTime that is no xsd:dateTime fails', function () {
      expect(found(edit(TRANSFERRED, ['2026-03-02T08:20:31Z', '02/03/2026 08:20']))).to.deep.equal(['AUD-FMT-06 fail EventIdentification/@EventDateTime']);
    });
    it('AUD-GEN-02: AE titles longer than 16 characters, or none, fail', function () {
      expect(found(edit(TRANSFERRED, ['AETITLES=HARNESS', 'AETITLES=HARNESS;A_TITLE_OF_17_CHR']))).to.deep.equal(['AUD-GEN-02 fail ActiveParticipant[1]/@AlternativeUserID']);
      expect(found(edit(TRANSFERRED, ['AETITLES=HARNESS', 'AETITLES=']))).to.deep.equal(['AUD-GEN-02 fail ActiveParticipant[1]/@AlternativeUserID']);
    });
    it('AUD-FMT-09: machine-name type with an IP, a type without an ID, an ID without a type', function () {
      expect(found(edit(TRANSFERRED, ['NetworkAccessPointID="node.example.org"', 'NetworkAccessPointID="192.0.2.20"']))).to.deep.equal(['AUD-FMT-09 fail ActiveParticipant[2]/@NetworkAccessPointID']);
      expect(found(edit(TRANSFERRED, ['NetworkAccessPointID="node.example.org" ', '']))).to.deep.equal(['AUD-FMT-09 fail ActiveParticipant[2]/@NetworkAccessPointID']);
      expect(found(edit(TRANSFERRED, [' NetworkAccessPointTypeCode="1"', '']))).to.deep.equal(['AUD-FMT-09 warn ActiveParticipant[2]/@NetworkAccessPointTypeCode']);
    });
    it('AUD-FMT-10: a detail value that is not base64 fails', function () {
      expect(found(edit(ALERT, ['value="VExT', 'value="!VExT']))).to.deep.equal(['AUD-FMT-10 fail ParticipantObjectIdentification[1]/ParticipantObjectDetail[1]/@value']);
    });
    it('AUD-FMT-04: a Network Entry node is never the requestor', function () {
      const xml = edit(
        'application-activity-110100.xml',
        ['csd-code="110100" codeSystemName="DCM" originalText="Application Activity"', 'csd-code="110108" codeSystemName="DCM" originalText="Network Entry"'],
        ['csd-code="110120" codeSystemName="DCM" originalText="Application Start"', 'csd-code="110124" codeSystemName="DCM" originalText="Attach"'],
        [fixture('application-activity-110100.xml').match(/ *<ActiveParticipant UserID="admin[\s\S]*?<\/ActiveParticipant>\n/)![0], ''],
        ['UserIsRequestor="false"', 'UserIsRequestor="true"'],
      );
      expect(found(xml)).to.deep.equal(['AUD-FMT-04 fail ActiveParticipant[1]/@UserIsRequestor']);
    });
  });
});
