import { expect } from 'chai';
import { encodeTestDataset, STUDY_QUERY_IDENTIFIER, type TestElement } from './encode-test-dataset.ts';
import { decodeParticipantObjectQuery, decodeQueryDataset, EXPLICIT_VR_LITTLE_ENDIAN, IMPLICIT_VR_LITTLE_ENDIAN, transferSyntaxOf } from './query-dataset.ts';

const EXPECTED = [
  { tag: '0008,0020', value: '20260101-20261231' },
  { tag: '0008,0052', value: 'STUDY' },
  { tag: '0010,0010', value: 'DOE^JANE' },
  { tag: '0010,0020', value: 'PID-0001' },
  { tag: '0020,000D', value: '' },
];
const withVrs = EXPECTED.map((e, i) => ({ ...e, vr: STUDY_QUERY_IDENTIFIER[i]!.vr }));
const b64 = (s: string) => Buffer.from(s, 'latin1').toString('base64');

describe('the DICOM query a Query audit message carries (PS3.15 A.5.3.10; catalogue AUD-FMT-10)', function () {
  it('decodes an Explicit VR Little Endian identifier, padding trimmed', function () {
    const r = decodeQueryDataset(encodeTestDataset(STUDY_QUERY_IDENTIFIER, true), EXPLICIT_VR_LITTLE_ENDIAN);
    expect(r).to.deep.equal({ ok: true, transferSyntax: EXPLICIT_VR_LITTLE_ENDIAN, elements: withVrs });
  });

  it('decodes an Implicit VR Little Endian identifier (no VRs on the wire)', function () {
    const r = decodeQueryDataset(encodeTestDataset(STUDY_QUERY_IDENTIFIER, false), IMPLICIT_VR_LITTLE_ENDIAN);
    expect(r).to.deep.equal({ ok: true, transferSyntax: IMPLICIT_VR_LITTLE_ENDIAN, elements: EXPECTED });
  });

  it('tells the two apart when no TransferSyntax detail is given', function () {
    const explicit = decodeQueryDataset(encodeTestDataset(STUDY_QUERY_IDENTIFIER, true));
    const implicit = decodeQueryDataset(encodeTestDataset(STUDY_QUERY_IDENTIFIER, false));
    expect(explicit.ok && explicit.transferSyntax).to.equal(EXPLICIT_VR_LITTLE_ENDIAN);
    expect(implicit.ok && implicit.transferSyntax).to.equal(IMPLICIT_VR_LITTLE_ENDIAN);
  });

  it('reads the transfer syntax from the ParticipantObjectDetail (NUL padding dropped) and decodes the base64 query', function () {
    const po = {
      query: encodeTestDataset(STUDY_QUERY_IDENTIFIER, false).toString('base64'),
      details: [{ type: 'Other', value: b64('x') }, { type: 'TransferSyntax', value: b64('1.2.840.10008.1.2\0') }],
    };
    expect(transferSyntaxOf(po)).to.equal(IMPLICIT_VR_LITTLE_ENDIAN);
    expect(decodeParticipantObjectQuery(po)).to.deep.equal({ ok: true, transferSyntax: IMPLICIT_VR_LITTLE_ENDIAN, elements: EXPECTED });
    expect(decodeParticipantObjectQuery({ query: 'not base64!', details: [] })).to.deep.include({ ok: false, kind: 'malformed' });
  });

  for (const explicit of [true, false]) {
    for (const undefinedLength of [false, true]) {
      it(`skips a nested sequence of ${undefinedLength ? 'undefined' : 'defined'} length (${explicit ? 'explicit' : 'implicit'} VR) and reads on`, function () {
        const inner: TestElement = { tag: 0x00081150, vr: 'UI', value: '1.2.840.10008.5.1.4.1.1.2' };
        const nested: TestElement = { tag: 0x00081199, vr: 'SQ', items: [[inner]], undefinedLength };
        const dataset: TestElement[] = [
          { tag: 0x00080052, vr: 'CS', value: 'IMAGE' },
          { tag: 0x00081110, vr: 'SQ', items: [[inner, nested], []], undefinedLength },
          { tag: 0x00100020, vr: 'LO', value: 'PID-0001' },
        ];
        const r = decodeQueryDataset(encodeTestDataset(dataset, explicit), explicit ? EXPLICIT_VR_LITTLE_ENDIAN : IMPLICIT_VR_LITTLE_ENDIAN);
        expect(r.ok && r.elements.map((e) => [e.tag, e.vr ?? '', e.value])).to.deep.equal([
          ['0008,0052', explicit ? 'CS' : '', 'IMAGE'],
          ['0008,1110', 'SQ', ''],
          ['0010,0020', explicit ? 'LO' : '', 'PID-0001'],
        ]);
      });
    }
  }

  it('formats binary values (US) and keeps unknown implicit binary as hex', function () {
    const explicit = decodeQueryDataset(encodeTestDataset([{ tag: 0x00280010, vr: 'US', value: 512 }], true), EXPLICIT_VR_LITTLE_ENDIAN);
    expect(explicit.ok && explicit.elements).to.deep.equal([{ tag: '0028,0010', vr: 'US', value: '512' }]);
    const implicit = decodeQueryDataset(encodeTestDataset([{ tag: 0x00280010, vr: 'US', value: 512 }], false), IMPLICIT_VR_LITTLE_ENDIAN);
    expect(implicit.ok && implicit.elements).to.deep.equal([{ tag: '0028,0010', value: '0002' }]);
  });

  it('says which transfer syntaxes it does not decode, instead of guessing', function () {
    expect(decodeQueryDataset(Buffer.alloc(8), '1.2.840.10008.1.2.2')).to.deep.equal({
      ok: false,
      kind: 'unsupported',
      problem: 'transfer syntax 1.2.840.10008.1.2.2 is not decoded here (only 1.2.840.10008.1.2 and 1.2.840.10008.1.2.1)',
    });
  });

  const malformed: Array<[string, Buffer, RegExp]> = [
    ['text that is no data set', Buffer.from('SELECT * FROM studies'), /not a DICOM data set as Explicit VR Little Endian: .* is not a VR; as Implicit VR Little Endian: /],
    ['a truncated header', encodeTestDataset(STUDY_QUERY_IDENTIFIER, true).subarray(0, 26 + 5), /Explicit VR Little Endian: truncated element header at byte 26;/],
    ['a value running past the end', encodeTestDataset(STUDY_QUERY_IDENTIFIER, true).subarray(0, 20), /runs past the end of the data/],
    ['tags out of order', Buffer.concat([encodeTestDataset([STUDY_QUERY_IDENTIFIER[2]!], true), encodeTestDataset([STUDY_QUERY_IDENTIFIER[1]!], true)]), /not in ascending order/],
    ['an undefined-length sequence without its delimiter', encodeTestDataset([{ tag: 0x00081110, vr: 'SQ', items: [[{ tag: 0x00081150, vr: 'UI', value: '1.2' }]], undefinedLength: true }], true).subarray(0, 40), /Explicit VR Little Endian: truncated element header at byte 40;/],
  ];
  for (const [what, bytes, problem] of malformed) {
    it(`reports ${what} as a problem`, function () {
      const r = decodeQueryDataset(bytes);
      expect(r.ok).to.equal(false);
      expect(!r.ok && r.kind).to.equal('malformed');
      expect(!r.ok && r.problem).to.match(problem);
    });
  }

  it('ends on garbage, never loops (5000 random buffers, sequence markers salted in)', function () {
    let seed = 12345;
    const random = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 0xff;
    const started = performance.now();
    for (let n = 0; n < 5000; n++) {
      const bytes = Buffer.from(Array.from({ length: 4 + (n % 200) }, random));
      if (n % 3 === 0) bytes.writeUInt32LE(0xffffffff, Math.min(4, bytes.length - 4)); // undefined lengths
      if (n % 5 === 0 && bytes.length >= 16) bytes.write('SQ', 4, 'latin1');
      const r = decodeQueryDataset(bytes);
      expect(r.ok || r.kind === 'malformed').to.equal(true);
    }
    expect(performance.now() - started).to.be.below(5000);
  });
});
