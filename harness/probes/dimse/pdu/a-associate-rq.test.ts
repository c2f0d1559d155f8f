import { expect } from 'chai';
import { A_RELEASE_RQ, encodeVerificationAssociateRq } from './a-associate-rq.ts';

/**
 * A-ASSOCIATE-RQ, called STORESCP, calling PART15, Verification with Implicit VR LE, max PDU 16384:
 *   01 00 | 00 00 00 9b (155 = 68 fixed + 25 + 50 + 12) PDU type, reserved, length
 *   00 01 00 00                                      protocol version 1, reserved
 *   "STORESCP        " "PART15          "           called, calling AE (16 bytes each)
 *   00 × 32                                          reserved
 *   10 00 00 15 "1.2.840.10008.3.1.1.1"              application context (21)
 *   20 00 00 2e 01 00 00 00                          presentation context id 1 (46)
 *     30 00 00 11 "1.2.840.10008.1.1"                abstract syntax (17)
 *     40 00 00 11 "1.2.840.10008.1.2"                transfer syntax (17)
 *   50 00 00 08 51 00 00 04 00 00 40 00              user information: maximum length 16384
 * Written out by hand from PS3.8 Table 9-11, not produced by the encoder.
 */
const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');
const ascii = (s: string) => Buffer.from(s, 'ascii').toString('hex');
const EXPECTED = hex(
  '01 00 0000009b 0001 0000' +
    ascii('STORESCP        ') + ascii('PART15          ') + '00'.repeat(32) +
    '10 00 0015' + ascii('1.2.840.10008.3.1.1.1') +
    '20 00 002e 01 000000' + '30 00 0011' + ascii('1.2.840.10008.1.1') + '40 00 0011' + ascii('1.2.840.10008.1.2') +
    '50 00 0008 51 00 0004 00004000',
);

describe('A-ASSOCIATE-RQ for Verification (PS3.8 §9.3.2)', function () {
  it('encodes to the bytes of PS3.8 Table 9-11, lengths included', function () {
    expect(encodeVerificationAssociateRq({ calledAeTitle: 'STORESCP', callingAeTitle: 'PART15' }).toString('hex')).to.equal(EXPECTED.toString('hex'));
  });

  it('refuses an AE title longer than 16 characters', function () {
    expect(() => encodeVerificationAssociateRq({ calledAeTitle: 'A'.repeat(17), callingAeTitle: 'X' })).to.throw(RangeError);
  });

  it('A-RELEASE-RQ is type 5 with length 4 (PS3.8 Table 9-24)', function () {
    expect(A_RELEASE_RQ.toString('hex')).to.equal('05000000000400000000');
  });
});
