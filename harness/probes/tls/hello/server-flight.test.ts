import { X509Certificate } from 'node:crypto';
import { connect } from 'node:net';
import { createServer, type TlsOptions } from 'node:tls';
import { expect } from 'chai';
import { TestPki, type ServerCredential } from '../../../pki/test-pki.ts';
import { TlsHelloParams } from '../../../suite/schema.ts';
import { encodeClientHello, makeKeyShares, offersTls13 } from './client-hello.ts';
import { bitLength, type FlightOutcome, parseServerKeyExchange, ServerFlightParser } from './server-flight.ts';
import {
  alertRecord,
  certificate,
  certificateRequest,
  dheServerKeyExchange,
  ecdheServerKeyExchange,
  extension,
  handshake,
  handshakeRecord,
  list,
  record,
  serverHello,
  serverHelloDone,
} from './testing/tls-test-builder.ts';

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');

/** One parser, all bytes at once, then EOF (what a peer that sends and closes gives). */
function parseAll(bytes: Buffer, options?: { maxBufferedBytes?: number }): FlightOutcome | undefined {
  const p = new ServerFlightParser(options);
  return p.feed(bytes) ?? p.end();
}

/** pg-protocol's split-buffer tests, exhaustively: every split point, and byte by byte, give the same outcome. */
function expectSameAtEverySplit(bytes: Buffer, expected: FlightOutcome | undefined, options?: { maxBufferedBytes?: number }, step = 1): void {
  for (let i = 1; i < bytes.length; i += step) {
    const p = new ServerFlightParser(options);
    const got = p.feed(bytes.subarray(0, i)) ?? p.feed(bytes.subarray(i)) ?? p.end();
    expect(got, `split at ${i} of ${bytes.length}`).to.deep.equal(expected);
  }
  const p = new ServerFlightParser(options);
  let got: FlightOutcome | undefined;
  for (let i = 0; i < bytes.length && !got; i++) got = p.feed(bytes.subarray(i, i + 1));
  expect(got ?? p.end(), 'byte by byte').to.deep.equal(expected);
}

function expectViolation(o: FlightOutcome | undefined, detail: RegExp): void {
  expect(o?.status).to.equal('protocol-violation');
  if (o?.status === 'protocol-violation') expect(o.detail).to.match(detail);
}

/** A plausible TLS 1.2 ServerHello for hand-built flights (no extensions unless given). */
const sh12 = (suite: number, extra: Partial<Parameters<typeof serverHello>[0]> = {}) => serverHello({ suite, extensions: [extension(0xff01, hex('00'))], ...extra });

// ------------------------------------------------------------------------------------------------
/*
 * Fixture TLS13_SERVER_HELLO: the first record Node 20 (OpenSSL 3.0) answered to a TLS 1.3-only
 * ClientHello (TLS_AES_128_GCM_SHA256, key_share x25519), captured on 127.0.0.1 once and kept.
 *   16 03 03 00 7a        record: handshake, 0x0303, 122 bytes
 *   02 00 00 76           server_hello, 118 bytes
 *   03 03                 legacy_version 0x0303 (TLS 1.3 puts the real version in supported_versions)
 *   6ec5…f072             random (32 bytes; no downgrade sentinel)
 *   20 9d7a…fce4          legacy_session_id_echo: our 32-byte session id
 *   13 01                 cipher_suite TLS_AES_128_GCM_SHA256
 *   00                    legacy_compression_method null
 *   00 2e                 extensions, 46 bytes:
 *     00 2b 00 02 03 04     supported_versions: selected_version 0x0304
 *     00 33 00 24 00 1d 00 20 ad2d…0241   key_share: x25519, 32-byte public key
 */
const TLS13_SERVER_HELLO = hex(`
  16 03 03 00 7a
  02 00 00 76
  03 03
  6ec5cf45ec15feca8621eb9c84bf589c4d7bad32a65596f21f7cf3685062f072
  20 9d7a99580821d126b6c8c7876f79eab93102d3ba0cd401185657dbbeaac6fce4
  13 01
  00
  00 2e
  00 2b 00 02 03 04
  00 33 00 24 00 1d 00 20 ad2dafa454c658082e2b0199c1ffc7546a5339eba36b136309214c98c3db0241`);

/*
 * Fixture HRR: Node 20 with ecdhCurve P-384, asked for TLS 1.3 with a key_share for x25519 only and
 * supported_groups {x25519, secp384r1}: a HelloRetryRequest, then the compatibility CCS. Captured once.
 *   16 03 03 00 58 | 02 00 00 54 | 03 03
 *   cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c   random = SHA-256("HelloRetryRequest")
 *   20 45cd…b508 | 13 01 | 00
 *   00 0c | 00 2b 00 02 03 04 (supported_versions 1.3) | 00 33 00 02 00 18 (key_share: selected_group secp384r1)
 *   14 03 03 00 01 01     change_cipher_spec record (middlebox compatibility)
 */
const HRR = hex(`
  16 03 03 00 58 02 00 00 54 03 03
  cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c
  20 45cd2519843841c736395a6419dba11c529e2e44e7ef54a960f9cc79babdb508
  13 01 00
  00 0c 00 2b 00 02 03 04 00 33 00 02 00 18
  14 03 03 00 01 01`);

/* Fixture ALERT_70: a fatal protocol_version alert, as a TLS 1.2+ server refuses a TLS 1.0 hello.
 *   15 03 03 00 02 | 02 46   alert record, 2 bytes: level fatal(2), description protocol_version(70) */
const ALERT_70 = hex('15 03 03 00 02 02 46');

describe('ServerFlightParser', function () {
  describe('TLS 1.3 (captured from Node)', function () {
    const EXPECTED: FlightOutcome = {
      status: 'server-hello',
      version: 'TLSv1.3',
      legacyVersion: 0x0303,
      cipherSuite: { code: 0x1301, name: 'TLS_AES_128_GCM_SHA256' },
      compressionMethod: 0,
      extensions: [
        { type: 43, name: 'supported_versions', dataHex: '0304' },
        { type: 51, name: 'key_share', dataHex: '001d0020ad2dafa454c658082e2b0199c1ffc7546a5339eba36b136309214c98c3db0241' },
      ],
      helloRetryRequest: false,
    };

    it('decides on the ServerHello alone, with nothing of the (encrypted) rest', function () {
      // Given the captured ServerHello record followed by a CCS and an application_data record
      const p = new ServerFlightParser();
      const o = p.feed(Buffer.concat([TLS13_SERVER_HELLO, hex('14 03 03 00 01 01'), hex('17 03 03 00 05 0102030405')]));

      // Then it is decided already, TLS 1.3 from supported_versions, no TLS 1.2 fields
      expect(o).to.deep.equal(EXPECTED);
    });

    it('gives the same outcome at every split point', function () {
      expectSameAtEverySplit(TLS13_SERVER_HELLO, EXPECTED);
    });

    it('HelloRetryRequest: recognised by its random, decided at once', function () {
      const o = parseAll(HRR);
      expect(o).to.deep.include({ status: 'server-hello', version: 'TLSv1.3', helloRetryRequest: true, cipherSuite: { code: 0x1301, name: 'TLS_AES_128_GCM_SHA256' } });
      if (o?.status !== 'server-hello') return;
      expect(o.extensions.find((e) => e.name === 'key_share')?.dataHex).to.equal('0018'); // selected_group secp384r1
      expectSameAtEverySplit(HRR, o);
    });
  });

  describe('alerts', function () {
    it('15 03 03 00 02 02 46 → fatal protocol_version (70)', function () {
      const expected: FlightOutcome = { status: 'alert', alert: { code: 70, name: 'protocol_version' }, level: 'fatal' };
      expect(new ServerFlightParser().feed(ALERT_70)).to.deep.equal(expected);
      expectSameAtEverySplit(ALERT_70, expected);
    });

    it('a record version 0x0300 or 0x0301 on the alert is fine (servers answer old hellos in kind)', function () {
      expect(parseAll(alertRecord(2, 40, 0x0301))).to.deep.equal({ status: 'alert', alert: { code: 40, name: 'handshake_failure' }, level: 'fatal' });
      expect(parseAll(alertRecord(2, 40, 0x0300))).to.deep.include({ status: 'alert' });
    });

    it('close_notify decides at once, even as a warning', function () {
      expect(new ServerFlightParser().feed(alertRecord(1, 0))).to.deep.equal({ status: 'alert', alert: { code: 0, name: 'close_notify' }, level: 'warning' });
    });

    it('a warning (unrecognized_name) followed by a ServerHello: the server went on, so the ServerHello is the outcome', function () {
      const flight = Buffer.concat([alertRecord(1, 112), handshakeRecord(Buffer.concat([sh12(0xc02f), serverHelloDone()]))]);
      const p = new ServerFlightParser();
      expect(p.feed(alertRecord(1, 112))).to.equal(undefined);
      expect(parseAll(flight)).to.deep.include({ status: 'server-hello', version: 'TLSv1.2' });
    });

    it('a warning and then the connection closes: the warning is the outcome', function () {
      const p = new ServerFlightParser();
      p.feed(alertRecord(1, 112));
      expect(p.end()).to.deep.equal({ status: 'alert', alert: { code: 112, name: 'unrecognized_name' }, level: 'warning' });
    });

    it('an unknown level is kept as its number', function () {
      expect(parseAll(alertRecord(7, 40))).to.deep.equal({ status: 'alert', alert: { code: 40, name: 'handshake_failure' }, level: 7 });
    });

    it('a fatal alert after a TLS 1.2 ServerHello: the server did choose; the outcome is its ServerHello as far as seen', function () {
      const o = parseAll(Buffer.concat([handshakeRecord(sh12(0xc02f)), alertRecord(2, 80)]));
      expect(o).to.deep.include({ status: 'server-hello', version: 'TLSv1.2' });
      expect(o).to.not.have.property('certificateRequest');
    });
  });

  describe('TLS ≤ 1.2 ServerHello fields (hand-built with the test builder)', function () {
    it('downgrade sentinel DOWNGRD01 → tls12, DOWNGRD00 → tls11-or-below, none → absent', function () {
      const random = (tail: string) => Buffer.concat([Buffer.alloc(24, 0x11), hex(tail)]);
      const sentinel = (tail: string, version = 0x0303) => {
        const o = parseAll(handshakeRecord(Buffer.concat([sh12(0xc02f, { random: random(tail), version }), serverHelloDone()])));
        return o?.status === 'server-hello' ? o.downgradeSentinel : 'not a server hello';
      };
      expect(sentinel('44 4F 57 4E 47 52 44 01')).to.equal('tls12');
      expect(sentinel('44 4F 57 4E 47 52 44 00', 0x0302)).to.equal('tls11-or-below');
      expect(sentinel('44 4F 57 4E 47 52 44 02')).to.equal(undefined);
      expect(sentinel('00 00 00 00 00 00 00 00')).to.equal(undefined);
    });

    it('the version comes from legacy_version when there is no supported_versions: SSLv3 … TLS 1.2', function () {
      for (const [code, name] of [[0x0300, 'SSLv3'], [0x0301, 'TLSv1'], [0x0302, 'TLSv1.1'], [0x0303, 'TLSv1.2']] as const) {
        const o = parseAll(handshakeRecord(Buffer.concat([serverHello({ suite: 0x000a, version: code }), serverHelloDone()]), code));
        expect(o, name).to.deep.include({ status: 'server-hello', version: name, legacyVersion: code, cipherSuite: { code: 0x000a, name: 'TLS_RSA_WITH_3DES_EDE_CBC_SHA' } });
      }
    });

    it('a ServerHello without any extensions block is fine (TLS ≤ 1.2); compression is reported as chosen', function () {
      const o = parseAll(handshakeRecord(Buffer.concat([serverHello({ suite: 0x002f, compression: 1 }), serverHelloDone()])));
      expect(o).to.deep.include({ status: 'server-hello', compressionMethod: 1, extensions: [], certificateRequest: false });
    });

    it('a suite the registry lacks is named 0xXXXX', function () {
      const o = parseAll(handshakeRecord(Buffer.concat([sh12(0x0a0a), serverHelloDone()])));
      expect(o).to.deep.include({ cipherSuite: { code: 0x0a0a, name: '0x0A0A' } });
    });

    it('extensions are kept with their names and data', function () {
      const o = parseAll(handshakeRecord(Buffer.concat([sh12(0xc02f, { extensions: [extension(0xff01, hex('00')), extension(23, Buffer.alloc(0)), extension(4, Buffer.alloc(0))] }), serverHelloDone()])));
      expect(o).to.deep.include({
        extensions: [
          { type: 0xff01, name: 'renegotiation_info', dataHex: '00' },
          { type: 23, name: 'extended_master_secret', dataHex: '' },
          { type: 4, name: 'truncated_hmac', dataHex: '' },
        ],
      });
    });
  });

  describe('a TLS 1.2 flight (hand-built): Certificate, ServerKeyExchange, CertificateRequest, ServerHelloDone', function () {
    let pki: TestPki;
    let cred: ServerCredential;
    before(async function () {
      this.timeout(30_000);
      pki = await TestPki.create({ runTag: 'flight-test' });
      cred = pki.serverCredential('rsa-2048');
    });

    /*
     * SH(ECDHE-RSA-AES128-GCM) | Certificate(leaf, CA) | ServerKeyExchange(named_curve secp256r1) |
     * CertificateRequest | ServerHelloDone, the Certificate message split across two records.
     */
    function flight(): Buffer {
      const leaf = new X509Certificate(cred.certPem).raw;
      const ca = new X509Certificate(pki.caCertPem).raw;
      const messages = Buffer.concat([sh12(0xc02f), certificate([leaf, ca]), ecdheServerKeyExchange(23, Buffer.alloc(65, 4)), certificateRequest(), serverHelloDone()]);
      const cut = 300; // inside the Certificate message
      return Buffer.concat([handshakeRecord(messages.subarray(0, cut)), handshakeRecord(messages.subarray(cut))]);
    }

    it('reassembles the Certificate across records and summarizes each certificate', function () {
      const o = parseAll(flight());
      expect(o).to.deep.include({ status: 'server-hello', version: 'TLSv1.2', serverKeyExchange: { kind: 'ecdhe', group: { code: 23, name: 'secp256r1' } }, certificateRequest: true });
      if (o?.status !== 'server-hello') return;
      expect(o.certificates!.map((c) => c.sha256Fingerprint)).to.deep.equal([new X509Certificate(cred.certPem).fingerprint256, new X509Certificate(pki.caCertPem).fingerprint256]);
      expect(o.certificates![0]).to.include({ keyType: 'RSA', keyBits: 2048, signatureHash: 'sha256', isSelfSigned: false });
      expect(o.certificates![1]!.isSelfSigned).to.equal(true);
    });

    it('gives the same outcome at every split point (stride 3: the flight is ~2 KB)', function () {
      this.timeout(60_000);
      const bytes = flight();
      expectSameAtEverySplit(bytes, parseAll(bytes), undefined, 3);
    });

    it('decides at ServerHelloDone and ignores what follows', function () {
      const p = new ServerFlightParser();
      const o = p.feed(Buffer.concat([flight(), hex('17 03 03 00 01 00')]));
      expect(o?.status).to.equal('server-hello');
    });

    it('without ServerHelloDone: not decided by feed; the close (or a timeout) reports what was seen', function () {
      const partial = handshakeRecord(Buffer.concat([sh12(0xc02f), ecdheServerKeyExchange(29)]));
      const p = new ServerFlightParser();
      expect(p.feed(partial)).to.equal(undefined);
      expect(p.sawServerHello).to.equal(true);
      const seen = p.snapshot();
      expect(seen).to.deep.include({ status: 'server-hello', serverKeyExchange: { kind: 'ecdhe', group: { code: 29, name: 'x25519' } } });
      expect(seen).to.not.have.property('certificateRequest');
      expect(seen).to.not.have.property('certificates');
      expect(p.end()).to.deep.equal(seen);
    });
  });

  describe('ServerKeyExchange by key exchange', function () {
    const p1024 = Buffer.concat([hex('ff'), Buffer.alloc(127, 0x11)]);
    const p2048 = Buffer.concat([hex('c9'), Buffer.alloc(255, 0x22)]);
    it('DHE: dh_p bits (1024, 2048; a leading zero byte not counted)', function () {
      expect(parseServerKeyExchange(dheServerKeyExchange(p1024).subarray(4), 0x009e)).to.deep.equal({ kind: 'dhe', primeBits: 1024 });
      expect(parseServerKeyExchange(dheServerKeyExchange(p2048).subarray(4), 0x0033)).to.deep.equal({ kind: 'dhe', primeBits: 2048 });
      expect(parseServerKeyExchange(dheServerKeyExchange(Buffer.concat([hex('00'), p2048])).subarray(4), 0xc07c)).to.deep.equal({ kind: 'dhe', primeBits: 2048 });
    });

    it('DHE-PSK and ECDHE-PSK: the psk_identity_hint comes first', function () {
      const hint = list().prefixed(2, Buffer.from('hint')).join();
      const dhePsk = Buffer.concat([hint, list().prefixed(2, p2048).prefixed(2, hex('02')).prefixed(2, hex('05')).join()]);
      expect(parseServerKeyExchange(dhePsk, 0x00aa)).to.deep.equal({ kind: 'dhe', primeBits: 2048 });
      const ecdhePsk = Buffer.concat([hint, hex('03 0018'), list().prefixed(1, Buffer.alloc(97, 4)).join()]);
      expect(parseServerKeyExchange(ecdhePsk, 0xc035)).to.deep.equal({ kind: 'ecdhe', group: { code: 24, name: 'secp384r1' } });
    });

    it('ECDHE: named curve, or the explicit-curve placeholders of RFC 4492', function () {
      expect(parseServerKeyExchange(ecdheServerKeyExchange(21).subarray(4), 0xc02f)).to.deep.equal({ kind: 'ecdhe', group: { code: 21, name: 'secp224r1' } });
      expect(parseServerKeyExchange(hex('01 0102030405'), 0xc02b)).to.deep.equal({ kind: 'ecdhe', group: { code: 0xff01, name: 'arbitrary_explicit_prime_curves' } });
      expect(parseServerKeyExchange(hex('03 0a0a 01 04'), 0xc02b)).to.deep.equal({ kind: 'ecdhe', group: { code: 0x0a0a, name: '0x0A0A' } });
    });

    it('static RSA, plain PSK, unknown suites: nothing to read', function () {
      expect(parseServerKeyExchange(hex('0001 00'), 0x0003)).to.equal(undefined);
      expect(parseServerKeyExchange(hex('0000'), 0x008c)).to.equal(undefined);
      expect(parseServerKeyExchange(hex('0000'), 0x0a0a)).to.equal(undefined);
    });

    it('bitLength', function () {
      expect(bitLength(hex(''))).to.equal(0);
      expect(bitLength(hex('0000'))).to.equal(0);
      expect(bitLength(hex('01'))).to.equal(1);
      expect(bitLength(hex('0080'))).to.equal(8);
      expect(bitLength(hex('0100'))).to.equal(9);
    });
  });

  describe('malformed answers → protocol-violation, never a throw, never a refusal', function () {
    const CASES: Array<{ name: string; bytes: Buffer; detail: RegExp; options?: { maxBufferedBytes: number } }> = [
      { name: 'an HTTP answer', bytes: Buffer.from('HTTP/1.1 400 Bad Request\r\n\r\n'), detail: /not a TLS answer: content type 72 \(0x48 'H'\) is not a TLS record type/ },
      { name: 'a DICOM A-ASSOCIATE-RJ', bytes: hex('03 00 00 00 00 04 00 01 01 03'), detail: /not a TLS answer: content type 3 \(0x03\)/ },
      { name: 'record version major 0x02', bytes: hex('16 02 00 00 04 0e 00 00 00'), detail: /version major byte 0x02/ },
      { name: 'record longer than 2^14', bytes: hex('16 03 03 40 01'), detail: /length 16385 exceeds/ },
      { name: 'zero-length handshake record', bytes: hex('16 03 03 00 00'), detail: /zero-length fragment/ },
      { name: 'application_data before ServerHello', bytes: hex('17 03 03 00 01 00'), detail: /application_data record before any ServerHello/ },
      { name: 'change_cipher_spec before ServerHello', bytes: hex('14 03 03 00 01 01'), detail: /change_cipher_spec record before any ServerHello/ },
      { name: 'Certificate before ServerHello', bytes: handshakeRecord(certificate([])), detail: /certificate\(11\) before any ServerHello/ },
      { name: 'an alert of 1 byte', bytes: record(21, 0x0303, hex('02')), detail: /alert record of 1 byte/ },
      { name: 'Certificate after ServerKeyExchange', bytes: handshakeRecord(Buffer.concat([sh12(0xc02f), ecdheServerKeyExchange(23), certificate([])])), detail: /certificate\(11\) after server_key_exchange: out of order/ },
      { name: 'ServerKeyExchange twice', bytes: handshakeRecord(Buffer.concat([sh12(0xc02f), ecdheServerKeyExchange(23), ecdheServerKeyExchange(23)])), detail: /server_key_exchange\(12\) after server_key_exchange: out of order or repeated/ },
      { name: 'Finished in a TLS 1.2 server flight', bytes: handshakeRecord(Buffer.concat([sh12(0xc02f), handshake(20, Buffer.alloc(12))])), detail: /finished\(20\) in a TLSv1\.2 server flight/ },
      { name: 'a second ServerHello', bytes: handshakeRecord(Buffer.concat([sh12(0xc02f), sh12(0xc02f)])), detail: /server_hello\(2\) in a TLSv1\.2 server flight/ },
      { name: 'ServerHelloDone with a body', bytes: handshakeRecord(Buffer.concat([sh12(0xc02f), handshake(14, hex('00'))])), detail: /server_hello_done\(14\) with a 1-byte body/ },
      { name: 'ServerHello session id of 33 bytes', bytes: handshakeRecord(serverHello({ suite: 0xc02f, sessionId: Buffer.alloc(33) })), detail: /legacy_session_id_echo of 33 bytes/ },
      { name: 'ServerHello cut short inside its body', bytes: handshakeRecord(handshake(2, hex('0303 1111'))), detail: /ServerHello: random needs 32 bytes at offset 2, only 2 left/ },
      { name: 'ServerHello with trailing bytes', bytes: handshakeRecord(handshake(2, Buffer.concat([list().u16(0x0303).add(Buffer.alloc(32)).u8(0).u16(0xc02f).u8(0).u16(0).join(), hex('ff')]))), detail: /ServerHello: 1 trailing byte/ },
      { name: 'ServerHello extension twice', bytes: handshakeRecord(sh12(0xc02f, { extensions: [extension(23, Buffer.alloc(0)), extension(23, Buffer.alloc(0))] })), detail: /extended_master_secret \(23\) appears twice/ },
      { name: 'ServerHello extension longer than its block', bytes: handshakeRecord(sh12(0xc02f, { extensions: [hex('0017 0005 00')] })), detail: /extension extended_master_secret data needs 5 bytes/ },
      { name: 'supported_versions selecting TLS 1.2', bytes: handshakeRecord(sh12(0xc02f, { extensions: [extension(43, hex('0303'))] })), detail: /supported_versions selects TLSv1\.2; only TLS 1\.3/ },
      { name: 'supported_versions of 4 bytes', bytes: handshakeRecord(sh12(0x1301, { extensions: [extension(43, hex('0304 0303'))] })), detail: /supported_versions carries 4 bytes/ },
      { name: 'legacy_version 0x0304 without supported_versions', bytes: handshakeRecord(serverHello({ suite: 0x1301, version: 0x0304 })), detail: /legacy_version TLSv1\.3 without supported_versions/ },
      { name: 'legacy_version 0x0200', bytes: handshakeRecord(serverHello({ suite: 0x0001, version: 0x0200 })), detail: /legacy_version 0x0200/ },
      { name: 'HelloRetryRequest random without TLS 1.3', bytes: handshakeRecord(serverHello({ suite: 0x1301, random: hex('cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c') })), detail: /HelloRetryRequest random with TLSv1\.2/ },
      { name: 'a certificate that is not X.509', bytes: handshakeRecord(Buffer.concat([sh12(0xc02f), certificate([hex('30 03 02 01 00')])])), detail: /certificate 1 \(5 bytes\) is not a readable X\.509 certificate.*after a ServerHello choosing TLSv1\.2 TLS_ECDHE_RSA/ },
      { name: 'an empty certificate entry', bytes: handshakeRecord(Buffer.concat([sh12(0xc02f), certificate([Buffer.alloc(0)])])), detail: /certificate 1 is empty/ },
      { name: 'ECCurveType 7', bytes: handshakeRecord(Buffer.concat([sh12(0xc02f), handshake(12, hex('07 0017'))])), detail: /ECCurveType 7/ },
      { name: 'a first message over the buffer cap', bytes: handshakeRecord(hex('02 00 08 00')), detail: /server_hello\(2\) message declares 2048 bytes, more than this parser's 1024-byte cap/, options: { maxBufferedBytes: 1024 } },
      // At EOF (the parser's end()):
      { name: 'truncated inside a record header', bytes: hex('16 03'), detail: /truncated: the connection closed after 2 of the 5 bytes of a record header/ },
      { name: 'truncated inside a record', bytes: handshakeRecord(sh12(0xc02f)).subarray(0, 20), detail: /truncated: the connection closed after 15 of the 49 bytes of a handshake record/ },
      { name: 'truncated inside a handshake message split over records', bytes: handshakeRecord(Buffer.concat([sh12(0xc02f), certificate([Buffer.alloc(100, 1)])]).subarray(0, 100)), detail: /inside certificate\(11\) \(47 of 106 bytes\) \(after a ServerHello choosing TLSv1\.2/ },
      { name: 'closed after a HelloRequest only', bytes: handshakeRecord(handshake(0, Buffer.alloc(0))), detail: /closed after 1 record\(s\) without a ServerHello or an alert/ },
    ];
    for (const c of CASES) {
      it(`${c.name} → ${c.detail.source.slice(0, 60)}`, function () {
        // Given the bytes (then EOF)
        const o = parseAll(c.bytes, c.options);

        // Then a protocol violation with a precise detail, the same however the bytes arrive
        expectViolation(o, c.detail);
        expectSameAtEverySplit(c.bytes, o, c.options);
      });
    }

    it('names a non-TLS answer from its first byte, without waiting for more', function () {
      expectViolation(new ServerFlightParser().feed(Buffer.from('H')), /not a TLS answer/);
    });

    it('past the cap after a ServerHello: the ServerHello stands (the cap is ours, not the peer\'s fault)', function () {
      const bytes = handshakeRecord(Buffer.concat([sh12(0xc02f), hex('0b 00 10 00')]));
      expect(parseAll(bytes, { maxBufferedBytes: 1024 })).to.deep.include({ status: 'server-hello', version: 'TLSv1.2' });
    });

    it('a stall mid-record, at the timeout: a violation that says so; silence is undefined (the caller says no-response)', function () {
      const p = new ServerFlightParser();
      expect(p.snapshot()).to.equal(undefined);
      expect(p.end()).to.equal(undefined);
      p.feed(hex('16 03 03 00 50 02'));
      expectViolation(p.snapshot(), /stalled: 6 bytes of an incomplete record, then nothing more/);
    });

    it('keeps the first verdict: input after a decision is ignored', function () {
      const p = new ServerFlightParser();
      const first = p.feed(ALERT_70);
      expect(p.feed(Buffer.from('garbage'))).to.equal(first);
      expect(p.end()).to.equal(first);
    });
  });

  describe('real flights from Node tls.createServer on 127.0.0.1 (recorded with a raw socket)', function () {
    this.timeout(30_000);
    let pki: TestPki;
    let cred: ServerCredential;
    before(async function () {
      pki = await TestPki.create({ runTag: 'flight-live' });
      cred = pki.serverCredential('rsa-2048');
    });

    /** Starts a Node TLS server, sends one ClientHello over a raw socket, records every byte until 250 ms of quiet. */
    async function record(serverOptions: TlsOptions, p: Record<string, unknown>): Promise<Buffer> {
      const server = createServer({ cert: cred.certPem, key: cred.keyPem, ...serverOptions }, (s) => s.on('error', () => {}));
      server.on('tlsClientError', () => {});
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      const params = TlsHelloParams.parse(p);
      const hello = encodeClientHello(params, offersTls13(params) ? makeKeyShares(params.keyShares) : []);
      const chunks: Buffer[] = [];
      try {
        await new Promise<void>((resolve) => {
          const socket = connect((server.address() as { port: number }).port, '127.0.0.1', () => socket.write(hello));
          let quiet = setTimeout(() => done(), 1000);
          const done = () => {
            clearTimeout(quiet);
            socket.destroy();
            resolve();
          };
          socket.on('data', (d) => {
            chunks.push(d);
            clearTimeout(quiet);
            quiet = setTimeout(done, 250);
          });
          socket.on('close', done);
          socket.on('error', done);
        });
      } finally {
        server.close();
      }
      return Buffer.concat(chunks);
    }

    it('TLS 1.2 ECDHE: ServerHello + Certificate + ServerKeyExchange(x25519) + ServerHelloDone, no CertificateRequest, no sentinel (max 1.2)', async function () {
      // Given a TLS 1.2-only server and a hello offering TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256
      const bytes = await record({ maxVersion: 'TLSv1.2' }, { cipherSuites: ['0xC02F'] });

      // When parsed
      const o = parseAll(bytes);

      // Then every field is read off the real flight
      expect(o).to.deep.include({
        status: 'server-hello',
        version: 'TLSv1.2',
        legacyVersion: 0x0303,
        cipherSuite: { code: 0xc02f, name: 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256' },
        compressionMethod: 0,
        helloRetryRequest: false,
        serverKeyExchange: { kind: 'ecdhe', group: { code: 29, name: 'x25519' } },
        certificateRequest: false,
      });
      if (o?.status !== 'server-hello') return;
      expect(o.downgradeSentinel).to.equal(undefined);
      expect(o.extensions.map((e) => e.name)).to.include.members(['renegotiation_info', 'extended_master_secret']);
      expect(o.certificates!.map((c) => c.sha256Fingerprint)).to.deep.equal([new X509Certificate(cred.certPem).fingerprint256]);
      expectSameAtEverySplit(bytes, o, undefined, 2);
    });

    it('TLS 1.2 DHE (dhparam auto) with requestCert: dh_p 2048 bits, CertificateRequest seen', async function () {
      const bytes = await record({ maxVersion: 'TLSv1.2', ciphers: 'DHE-RSA-AES128-GCM-SHA256', dhparam: 'auto', requestCert: true }, { cipherSuites: ['0x009E'] });
      const o = parseAll(bytes);
      expect(o).to.deep.include({
        status: 'server-hello',
        version: 'TLSv1.2',
        cipherSuite: { code: 0x009e, name: 'TLS_DHE_RSA_WITH_AES_128_GCM_SHA256' },
        serverKeyExchange: { kind: 'dhe', primeBits: 2048 },
        certificateRequest: true,
      });
      expectSameAtEverySplit(bytes, o, undefined, 2);
    });

    it('a TLS 1.3-capable server asked for TLS 1.2 only puts DOWNGRD01 in its random (RFC 8446 §4.1.3)', async function () {
      const o = parseAll(await record({}, { cipherSuites: ['0xC02F'] }));
      expect(o).to.deep.include({ status: 'server-hello', version: 'TLSv1.2', downgradeSentinel: 'tls12' });
    });

    it('TLS 1.3: decided on the ServerHello, with the CCS and encrypted records behind it ignored', async function () {
      const bytes = await record({}, { cipherSuites: ['0x1302'], supportedVersions: ['TLSv1.3'] });
      expect(bytes.length).to.be.greaterThan(500); // EncryptedExtensions, Certificate, … were sent
      const o = new ServerFlightParser().feed(bytes);
      expect(o).to.deep.include({ status: 'server-hello', version: 'TLSv1.3', cipherSuite: { code: 0x1302, name: 'TLS_AES_256_GCM_SHA384' }, helloRetryRequest: false });
      expect(o).to.not.have.property('certificates');
    });

    it('TLS 1.0 hello to a TLS 1.2+ server: the real alert 70', async function () {
      const bytes = await record({}, { cipherSuites: ['0x002F'], legacyVersion: 'TLSv1' });
      expect(parseAll(bytes)).to.deep.equal({ status: 'alert', alert: { code: 70, name: 'protocol_version' }, level: 'fatal' });
    });
  });
});
