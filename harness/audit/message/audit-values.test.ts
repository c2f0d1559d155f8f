import { expect } from 'chai';
import { aeTitlesOf, decodeBase64Strict, isTrue } from './audit-values.ts';

describe('audit field values: base64, AE titles, xsd:boolean', function () {
  it('decodes canonical base64, ignoring XML white space', function () {
    const r = decodeBase64Strict(' TUVT\n U0FH RQ== ');
    expect(r.ok && r.bytes.toString('latin1')).to.equal('MESSAGE');
    expect(decodeBase64Strict('')).to.deep.equal({ ok: true, bytes: Buffer.alloc(0) });
  });

  const bad: Array<[string, RegExp]> = [
    ['TUVT!', /"!" is not in the base64 alphabet/],
    ['TUVTU0FHRQ', /10 base64 characters is not a multiple of 4/],
    ['TU=T', /padding only at the end/],
    ['T===', /padding only at the end/],
    ['QR==', /non-zero bits before "==" padding/],
    ['QUJ=', /non-zero bits before "=" padding/],
    ['TUVTU0FHRQ-_', /"-" is not in the base64 alphabet/],
  ];
  for (const [text, reason] of bad) {
    it(`refuses "${text}" (Node's decoder would accept it)`, function () {
      const r = decodeBase64Strict(text);
      expect(r.ok).to.equal(false);
      expect(!r.ok && r.reason).to.match(reason);
    });
  }

  it('reads the AE titles of an AlternativeUserID in either spelling', function () {
    expect(aeTitlesOf({ alternativeUserId: 'AETITLES=STORE_SCP;QR_SCP ' })).to.deep.equal(['STORE_SCP', 'QR_SCP']);
    expect(aeTitlesOf({ alternativeUserId: 'AETITLE=AEFOO' })).to.deep.equal(['AEFOO']);
    expect(aeTitlesOf({ alternativeUserId: 'AETITLES= A ;;B' })).to.deep.equal(['A', 'B']);
    expect(aeTitlesOf({ alternativeUserId: 'alice@EXAMPLE.ORG' })).to.deep.equal([]);
    expect(aeTitlesOf({})).to.deep.equal([]);
  });

  it('reads xsd:boolean true as "true" or "1" only', function () {
    expect(['true', '1', ' true '].map(isTrue)).to.deep.equal([true, true, true]);
    expect(['false', '0', 'TRUE', 'yes', '', undefined].map(isTrue)).to.deep.equal([false, false, false, false, false, false]);
  });
});
