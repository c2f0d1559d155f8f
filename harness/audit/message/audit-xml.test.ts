import { expect } from 'chai';
import { locateElement, parseAuditXml } from './audit-xml.ts';
import { fixture } from './test-support.ts';


describe('an audit message as a typed model (PS3.15 A.5.1)', function () {
  it('reads event, participants, source and the query object as sent', function () {
    const { wellFormed, model, problems } = parseAuditXml(fixture('query-110112.xml'));
    expect([wellFormed, problems]).to.deep.equal([true, []]);
    expect(model!.eventId).to.deep.equal({ csdCode: '110112', codeSystemName: 'DCM', originalText: 'Query' });
    expect([model!.eventActionCode, model!.eventDateTime, model!.eventOutcomeIndicator]).to.deep.equal(['E', '2026-03-02T08:22:10.5-05:00', '0']);
    expect(model!.activeParticipants[0]).to.deep.equal({
      userId: 'HARNESS',
      alternativeUserId: 'AETITLES=HARNESS',
      userName: undefined,
      userIsRequestor: 'true',
      networkAccessPointId: '2001:db8::10',
      networkAccessPointTypeCode: '2',
      roleIdCodes: [{ csdCode: '110153', codeSystemName: 'DCM', originalText: 'Source Role ID' }],
      mediaType: undefined,
    });
    expect(model!.auditSources).to.deep.equal([{ auditSourceId: 'node.example.org', auditEnterpriseSiteId: undefined, typeCodes: [] }]);
    const po = model!.participantObjects[0]!;
    expect([po.id, po.typeCode, po.typeCodeRole, po.name]).to.deep.equal(['1.2.840.10008.5.1.4.1.2.2.1', '2', '3', undefined]);
    expect(po.idTypeCode.csdCode).to.equal('110181');
    expect(po.query).to.match(/^CAAgAERB/);
    expect(po.details).to.deep.equal([{ type: 'TransferSyntax', value: 'MS4yLjg0MC4xMDAwOC4xLjIuMQA=' }]);
  });

  it('reads ParticipantObjectDescription, media and audit source type codes', function () {
    const transferred = parseAuditXml(fixture('instances-transferred-110104.xml')).model!;
    expect(transferred.participantObjects[0]!.descriptions).to.deep.equal([
      { mpps: [], accessions: [], sopClasses: [{ uid: '1.2.840.10008.5.1.4.1.1.2', numberOfInstances: '2', instances: ['1.2.826.0.1.3680043.8.498.1.1.1', '1.2.826.0.1.3680043.8.498.1.1.2'] }], containsStudies: [], encrypted: undefined, anonymized: undefined },
    ]);
    const exported = parseAuditXml(fixture('broken-aud-fmt-07-export-no-requestor.xml')).model!;
    expect(exported.activeParticipants[1]!.mediaType).to.deep.equal({ csdCode: '110032', codeSystemName: 'DCM', originalText: 'CD' });
    const alert = parseAuditXml(fixture('security-alert-110113.xml')).model!;
    expect(alert.auditSources[0]!.typeCodes).to.deep.equal([{ csdCode: '4' }]);
    expect(alert.eventOutcomeDescription).to.equal('client certificate rejected');
  });

  it('keeps RFC 3881 @code apart from DICOM @csd-code', function () {
    const model = parseAuditXml(fixture('broken-aud-fmt-05-legacy-rfc3881.xml')).model!;
    expect(model.eventId).to.deep.equal({ legacyCode: '110104', codeSystemName: 'DCM', displayName: 'DICOM Instances Transferred' });
  });

  it('reports a message that is not well-formed as AUD-FMT-01, with its line, and builds no model', function () {
    const r = parseAuditXml(fixture('broken-aud-fmt-01-not-well-formed.xml'));
    expect([r.wellFormed, r.model, r.document]).to.deep.equal([false, undefined, undefined]);
    expect(r.problems).to.deep.equal([{ rule: 'AUD-FMT-01', severity: 'fail', path: 'line 24', message: 'the message is not well-formed XML: "<" is not allowed in the value of attribute ParticipantObjectSensitivity (it must be escaped as &lt;)' }]);
  });

  it('refuses a DOCTYPE (AUD-FMT-01) and expands nothing', function () {
    const r = parseAuditXml(fixture('broken-aud-fmt-01-doctype-entities.xml'));
    expect([r.wellFormed, r.model]).to.deep.equal([false, undefined]);
    expect(r.problems).to.deep.equal([{ rule: 'AUD-FMT-01', severity: 'fail', path: 'line 3', message: 'a DOCTYPE is refused: audit messages have no DTD, and entities are never expanded' }]);
  });

  it('requires the root AuditMessage without a namespace', function () {
    const other = parseAuditXml('<Audit/>');
    expect([other.wellFormed, other.model, other.problems.map((p) => p.rule)]).to.deep.equal([true, undefined, ['AUD-FMT-01']]);
    const namespaced = parseAuditXml(fixture('user-authentication-110114.xml').replace('<AuditMessage>', '<AuditMessage xmlns="urn:example:audit">'));
    expect(namespaced.model).to.not.equal(undefined);
    expect(namespaced.problems).to.deep.equal([{ rule: 'AUD-FMT-01', severity: 'fail', path: 'AuditMessage/@xmlns', message: 'the DICOM audit schema has no namespace; found xmlns="urn:example:audit"' }]);
  });

  it('locates an element by name and line, as xmllint reports it', function () {
    const { document } = parseAuditXml(fixture('instances-transferred-110104.xml'));
    expect(locateElement(document!, 'ParticipantObjectIDTypeCode', 25)).to.equal('ParticipantObjectIdentification[2]/ParticipantObjectIDTypeCode');
    expect(locateElement(document!, 'RoleIDCode', 11)).to.equal('ActiveParticipant[2]/RoleIDCode[1]');
    expect(locateElement(document!, 'AuditMessage', 3)).to.equal('AuditMessage');
    expect(locateElement(document!, 'RoleIDCode', 3)).to.equal(undefined);
  });
});
