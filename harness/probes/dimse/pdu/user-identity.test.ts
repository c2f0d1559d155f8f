import { expect } from 'chai';
import { encodeVerificationAssociateRq } from './a-associate-rq.ts';
import { parseAssociateAnswer, PduReader } from './associate-answer.ts';
import { decodeUserIdentityAc, decodeUserIdentityRq, encodeUserIdentityAc, encodeUserIdentityRq, UserIdentityDecodeError } from './user-identity.ts';

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');
const ascii = (s: string) => Buffer.from(s, 'ascii').toString('hex');

/**
 * Byte fixtures written out by hand from PS3.7 Tables D.3-14 / D.3-15 (the worked examples of
 * PART15-CATALOGUE.md §3.2), not produced by the encoder:
 *
 *   type 1 "alice", positive response requested
 *     58 00 | 00 0b        item type, reserved, item-length 11 = 6 + P(5) + S(0)
 *     01 | 01              user-identity-type 1 (username), positive-response-requested 1
 *     00 05 "alice"        primary-field-length 5, primary field
 *     00 00                secondary-field-length 0 (always present)
 *
 *   type 2 "alice"/"pw", no response requested
 *     58 00 | 00 0d | 02 | 00 | 00 05 "alice" | 00 02 "pw"
 *
 *   A-ASSOCIATE-AC sub-item, empty server response
 *     59 00 | 00 02 | 00 00
 */
const TYPE1_ALICE_RSP = hex('58 00 000b 01 01 0005' + ascii('alice') + '0000');
const TYPE2_ALICE_PW = hex('58 00 000d 02 00 0005' + ascii('alice') + '0002' + ascii('pw'));
const AC_EMPTY = hex('59 00 0002 0000');

describe('user identity sub-items (PS3.7 D.3.3.7)', function () {
  it('encodes type 1 with a positive response request to the bytes of Table D.3-14', function () {
    const rq = { type: 1, positiveResponseRequested: true, primaryField: Buffer.from('alice'), secondaryField: Buffer.alloc(0) };
    expect(encodeUserIdentityRq(rq).toString('hex')).to.equal(TYPE1_ALICE_RSP.toString('hex'));
  });

  it('encodes type 2 with a passcode, no response requested', function () {
    const rq = { type: 2, positiveResponseRequested: false, primaryField: Buffer.from('alice'), secondaryField: Buffer.from('pw') };
    expect(encodeUserIdentityRq(rq).toString('hex')).to.equal(TYPE2_ALICE_PW.toString('hex'));
  });

  it('decodes what it encodes, and the hand-written fixtures', function () {
    expect(decodeUserIdentityRq(TYPE2_ALICE_PW)).to.deep.equal({ type: 2, positiveResponseRequested: false, primaryField: Buffer.from('alice'), secondaryField: Buffer.from('pw') });
    const jwt = { type: 5, positiveResponseRequested: true, primaryField: Buffer.from('eyJhbGciOiJSUzI1NiJ9.e30.c2ln'), secondaryField: Buffer.alloc(0) };
    expect(decodeUserIdentityRq(encodeUserIdentityRq(jwt))).to.deep.equal(jwt);
  });

  it('encodes and decodes the AC sub-item of Table D.3-15 (empty server response for types 1 and 2)', function () {
    expect(encodeUserIdentityAc(Buffer.alloc(0)).toString('hex')).to.equal(AC_EMPTY.toString('hex'));
    expect(decodeUserIdentityAc(AC_EMPTY).serverResponse.length).to.equal(0);
    expect(decodeUserIdentityAc(encodeUserIdentityAc(Buffer.from('ticket'))).serverResponse.toString()).to.equal('ticket');
  });

  describe('the faults the harness sends on purpose (UID-11), each breaking one rule', function () {
    const rq = { type: 2, positiveResponseRequested: false, primaryField: Buffer.from('alice'), secondaryField: Buffer.from('pw') };
    it('item-length two bytes too long / too short: only the length field differs', function () {
      expect(encodeUserIdentityRq(rq, 'item-length-too-long').toString('hex')).to.equal(hex('58 00 000f 02 00 0005' + ascii('alice') + '0002' + ascii('pw')).toString('hex'));
      expect(encodeUserIdentityRq(rq, 'item-length-too-short').toString('hex')).to.equal(hex('58 00 000b 02 00 0005' + ascii('alice') + '0002' + ascii('pw')).toString('hex'));
    });
    it('primary-field-length running past the item', function () {
      expect(encodeUserIdentityRq(rq, 'primary-length-overrun').readUInt16BE(6)).to.equal(5 + 2 + 3);
    });
    it('the decoder refuses every one of them, with the reason', function () {
      for (const fault of ['item-length-too-long', 'item-length-too-short', 'primary-length-overrun'] as const) {
        expect(() => decodeUserIdentityRq(encodeUserIdentityRq(rq, fault)), fault).to.throw(UserIdentityDecodeError);
      }
    });
    it('an unknown type (0, 6, 255) is written as asked: the encoder does not police requests', function () {
      for (const type of [0, 6, 255]) expect(encodeUserIdentityRq({ ...rq, type })[4]).to.equal(type);
    });
  });
});

describe('A-ASSOCIATE answers (PS3.8 §9.3.3, §9.3.4, §9.3.8)', function () {
  /** An A-ASSOCIATE-AC for one accepted Verification context, with a 0x59 sub-item after max length. */
  const acWith = (userInfoSubItems: string) => {
    const items =
      '10 00 0015' + ascii('1.2.840.10008.3.1.1.1') +
      '21 00 0019 01 00 00 00' + '40 00 0011' + ascii('1.2.840.10008.1.2') + // context 1, result 0 (acceptance)
      `50 00 ${(8 + userInfoSubItems.replace(/\s+/g, '').length / 2).toString(16).padStart(4, '0')} 51 00 0004 00004000 ${userInfoSubItems}`;
    const fixed = '0001 0000' + ascii('STORESCP        ') + ascii('PART15          ') + '00'.repeat(32);
    const body = hex(fixed + items);
    return Buffer.concat([hex(`02 00 ${body.length.toString(16).padStart(8, '0')}`), body]);
  };

  it('reads the 0x59 sub-items of an A-ASSOCIATE-AC', function () {
    expect(parseAssociateAnswer(acWith('59 00 0002 0000'))).to.deep.equal({
      pdu: 'associate-ac',
      acceptedContexts: 1,
      userInformation: [{ type: 0x51, length: 4 }, { type: 0x59, length: 2 }],
      userIdentityResponses: [{ serverResponseLength: 0 }],
    });
  });

  it('sees no 0x59 when there is none, and two when there are two', function () {
    expect(parseAssociateAnswer(acWith(''))).to.include({ pdu: 'associate-ac' }).and.have.property('userIdentityResponses').that.deep.equals([]);
    const two = parseAssociateAnswer(acWith('59 00 0002 0000 59 00 0005 0003 616263'));
    expect(two.pdu === 'associate-ac' && two.userIdentityResponses).to.deep.equal([{ serverResponseLength: 0 }, { serverResponseLength: 3 }]);
  });

  it('reports a 0x59 whose lengths disagree as malformed, not as a response', function () {
    const bad = parseAssociateAnswer(acWith('59 00 0002 0005'));
    expect(bad.pdu === 'associate-ac' && bad.userIdentityResponses[0]).to.have.property('malformed');
  });

  it('reads A-ASSOCIATE-RJ codes and A-ABORT source/reason', function () {
    expect(parseAssociateAnswer(hex('03 00 00000004 00 01 02 01'))).to.deep.equal({ pdu: 'associate-rj', result: 1, source: 2, reason: 1 });
    expect(parseAssociateAnswer(hex('07 00 00000004 00 00 02 06'))).to.deep.equal({ pdu: 'abort', source: 2, reason: 6 });
    expect(parseAssociateAnswer(hex('04 00 00000000'))).to.deep.equal({ pdu: 'other', type: 4 });
  });

  it('the RQ encoder appends extra user-information sub-items after Maximum Length', function () {
    const rq = encodeVerificationAssociateRq({ calledAeTitle: 'A', callingAeTitle: 'B', extraUserInformation: [TYPE1_ALICE_RSP] });
    expect(rq.subarray(rq.length - TYPE1_ALICE_RSP.length).equals(TYPE1_ALICE_RSP)).to.equal(true);
    // the 0x50 item's length covers both sub-items: 8 (max length) + 15
    const at = rq.length - TYPE1_ALICE_RSP.length - 8 - 4;
    expect(rq[at]).to.equal(0x50);
    expect(rq.readUInt16BE(at + 2)).to.equal(8 + TYPE1_ALICE_RSP.length);
  });

  it('PduReader cuts whole PDUs out of arbitrary chunks, and refuses an absurd length', function () {
    const reader = new PduReader();
    const rj = hex('03 00 00000004 00 01 02 01');
    expect(reader.feed(rj.subarray(0, 3))).to.deep.equal([]);
    expect(reader.feed(Buffer.concat([rj.subarray(3), rj.subarray(0, 2)])).map((b) => b.toString('hex'))).to.deep.equal([rj.toString('hex')]);
    expect(reader.pending.length).to.equal(2);
    expect(() => new PduReader(1000).feed(hex('02 00 7fffffff'))).to.throw(RangeError);
  });
});
