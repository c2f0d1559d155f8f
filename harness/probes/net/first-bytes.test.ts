import { expect } from 'chai';
import { describeFirstBytes } from './first-bytes.ts';

const bytes = (hex: string) => Buffer.from(hex.replace(/\s+/g, ''), 'hex');

describe('describeFirstBytes', function () {
  it('no bytes', function () {
    // Given nothing from the peer
    // Then it says so
    expect(describeFirstBytes(Buffer.alloc(0))).to.equal('no bytes');
  });

  it('a TLS alert record: fatal protocol_version', function () {
    // 15        content type 21 = alert
    // 03 03     record version TLS 1.2
    // 00 02     length 2
    // 02        level 2 = fatal
    // 46        description 70 = protocol_version
    const alert = bytes('15 03 03 00 02 02 46');

    // Then it is named a TLS alert record with its level and description
    expect(describeFirstBytes(alert)).to.equal('TLS alert record (level 2, description 70): 15 03 03 00 02 02 46');
  });

  it('a TLS handshake record: ServerHello', function () {
    // 16        content type 22 = handshake
    // 03 03     record version TLS 1.2
    // 00 7a     length 122
    // 02        handshake type 2 = ServerHello
    // 00 00 76  handshake length 118
    // 03 03     legacy_version
    // 5f 1e …   random (first bytes)
    const hello = bytes('16 03 03 00 7a 02 00 00 76 03 03 5f 1e 2a 9c 0b 11 22 33');

    // Then it is a TLS handshake record, first 16 bytes shown
    expect(describeFirstBytes(hello)).to.equal('TLS handshake record: 16 03 03 00 7a 02 00 00 76 03 03 5f 1e 2a 9c 0b');
  });

  it('a DICOM A-ABORT PDU', function () {
    // 07        PDU type 7 = A-ABORT
    // 00        reserved
    // 00 00 00 04  PDU length 4
    // 00 00     reserved
    // 00        source 0 = DICOM UL service-user
    // 00        reason 0 (not significant for source 0)
    const abort = bytes('07 00 00 00 00 04 00 00 00 00');

    expect(describeFirstBytes(abort)).to.equal('DICOM A-ABORT PDU: 07 00 00 00 00 04 00 00 00 00');
  });

  it('a DICOM A-ASSOCIATE-RJ PDU', function () {
    // 03        PDU type 3 = A-ASSOCIATE-RJ
    // 00        reserved
    // 00 00 00 04  PDU length 4
    // 00        reserved
    // 01        result 1 = rejected-permanent
    // 01        source 1 = DICOM UL service-user
    // 03        reason 3 = calling-AE-title-not-recognized
    const rj = bytes('03 00 00 00 00 04 00 01 01 03');

    expect(describeFirstBytes(rj)).to.equal('DICOM A-ASSOCIATE-RJ PDU: 03 00 00 00 00 04 00 01 01 03');
  });

  it('an HTTP answer is unrecognised, shown as hex', function () {
    // "HTTP/1.1 400 Bad Request" in ASCII
    const http = Buffer.from('HTTP/1.1 400 Bad Request\r\n', 'latin1');

    expect(describeFirstBytes(http)).to.equal('unrecognised bytes: 48 54 54 50 2f 31 2e 31 20 34 30 30 20 42 61 64');
  });

  it('random bytes are unrecognised', function () {
    // a5 … no TLS content type (0x14-0x17), no DICOM PDU type (0x01-0x07)
    expect(describeFirstBytes(bytes('a5 3c 00 ff 12'))).to.equal('unrecognised bytes: a5 3c 00 ff 12');
  });

  it('a PDU type byte without the reserved 00 after it is not taken for DICOM', function () {
    // 07 ff: A-ABORT type, but the reserved byte is not 00
    expect(describeFirstBytes(bytes('07 ff 00 00'))).to.equal('unrecognised bytes: 07 ff 00 00');
  });

  it('a TLS content type without the 03 major version is not taken for TLS', function () {
    // 16 ff ff: handshake type, but no SSL3/TLS major version
    expect(describeFirstBytes(bytes('16 ff ff 00 01'))).to.equal('unrecognised bytes: 16 ff ff 00 01');
  });
});
