import { expect } from 'chai';
import { HarnessError } from '../../../core/errors.ts';
import { TlsHelloParams } from '../../../suite/schema.ts';
import { CIPHER_SUITES, TLS13_SUITE_CODES } from './cipher-suites.ts';
import {
  allTls12SuiteCodes,
  decodeClientHello,
  DEFAULT_SIGNATURE_ALGORITHMS,
  describeOffer,
  encodeClientHello,
  makeKeyShares,
} from './client-hello.ts';
import { TlsDecodeError } from './tls-bytes.ts';
import { extension, handshake, list, record } from './testing/tls-test-builder.ts';

/** A step's params as the loader hands them over (zod defaults applied). */
const params = (p: Record<string, unknown>): TlsHelloParams => TlsHelloParams.parse(p);
/** Everything optional switched off: only what a test turns on is sent. */
const BARE = { signatureAlgorithms: 'none', extendedMasterSecret: false, renegotiationInfo: false, ecPointFormats: false, supportedGroups: ['x25519'] };
const RANDOM = Buffer.alloc(32, 0xaa);
const SESSION = Buffer.alloc(32, 0xbb);
const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');

/*
 * Fixture SMALLEST: TLS 1.2 ClientHello offering one suite and one group, nothing else.
 *   16 03 01 00 37      record: handshake(22), legacy_record_version 0x0301, length 55
 *   01 00 00 33         handshake: client_hello(1), length 51
 *   03 03               legacy_version TLS 1.2
 *   aa × 32             random
 *   00                  legacy_session_id: empty (no TLS 1.3 offered)
 *   00 02 c0 2f         cipher_suites: 2 bytes, TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256
 *   01 00               legacy_compression_methods: 1 byte, null(0)
 *   00 08               extensions: 8 bytes
 *   00 0a 00 04 00 02 00 1d   supported_groups(10): 4 bytes, named_group_list of 2 bytes: x25519(29)
 */
const SMALLEST = hex(`
  16 03 01 00 37
  01 00 00 33
  03 03
  ${'aa'.repeat(32)}
  00
  00 02 c0 2f
  01 00
  00 08
  00 0a 00 04 00 02 00 1d`);

describe('encodeClientHello / decodeClientHello', function () {
  describe('fixture SMALLEST (hand-decoded bytes)', function () {
    it('encodes to exactly the annotated bytes', function () {
      // Given one suite, one group, everything optional off, a fixed random
      // When encoded
      const sent = encodeClientHello(params({ ...BARE, cipherSuites: ['0xC02F'] }), [], RANDOM);

      // Then byte for byte the fixture
      expect(sent.toString('hex')).to.equal(SMALLEST.toString('hex'));
    });

    it('the test builder agrees with the annotation (the builder is what the larger fixtures use)', function () {
      const body = list().u16(0x0303).add(RANDOM).prefixed(1, Buffer.alloc(0)).prefixed(2, hex('c02f')).prefixed(1, hex('00'))
        .prefixed(2, extension(10, list().prefixed(2, hex('001d')))).join();
      expect(record(22, 0x0301, handshake(1, body)).toString('hex')).to.equal(SMALLEST.toString('hex'));
    });

    it('decodes back to its fields', function () {
      const d = decodeClientHello(SMALLEST);
      expect(d).to.deep.include({ recordVersion: 0x0301, legacyVersion: 0x0303, cipherSuites: [0xc02f], compressionMethods: [0], supportedGroups: [29] });
      expect(d.random.equals(RANDOM)).to.equal(true);
      expect(d.sessionId.length).to.equal(0);
      expect(d.extensions!.map((e) => e.name)).to.deep.equal(['supported_groups']);
    });
  });

  describe('fixture EVERYTHING (built with the test builder)', function () {
    /*
     * TLS 1.3 + 1.2 offer with every extension the params can ask for, in the encoder's order:
     *   server_name(0) "pacs.example", truncated_hmac(4), status_request(5) ocsp, supported_groups(10)
     *   {x25519, secp256r1}, ec_point_formats(11) {uncompressed}, signature_algorithms(13) 'sha1-only'
     *   {0201, 0203}, ALPN(16) {"dicom"}, encrypt_then_mac(22), extended_master_secret(23),
     *   supported_versions(43) {0304, 0303}, psk_key_exchange_modes(45) {psk_dhe_ke}, key_share(51)
     *   {x25519: 32 × 0x55}, renegotiation_info(0xFF01) empty; suites 1301, C02F, then SCSVs 00FF, 5600.
     */
    const p = params({
      cipherSuites: ['TLS_AES_128_GCM_SHA256', '0xC02F'],
      supportedVersions: ['TLSv1.3', 'TLSv1.2'],
      serverName: 'pacs.example',
      truncatedHmac: true,
      statusRequest: true,
      supportedGroups: ['x25519', 'secp256r1'],
      signatureAlgorithms: 'sha1-only',
      alpn: ['dicom'],
      encryptThenMac: true,
      emptyRenegotiationInfoScsv: true,
      fallbackScsv: true,
    });
    const KEY = Buffer.alloc(32, 0x55);
    const expected = () => {
      const sni = list().prefixed(2, list().u8(0).prefixed(2, Buffer.from('pacs.example')));
      const exts = Buffer.concat([
        extension(0, sni),
        extension(4, Buffer.alloc(0)),
        extension(5, hex('01 0000 0000')),
        extension(10, list().prefixed(2, hex('001d 0017'))),
        extension(11, list().prefixed(1, hex('00'))),
        extension(13, list().prefixed(2, hex('0201 0203'))),
        extension(16, list().prefixed(2, list().prefixed(1, Buffer.from('dicom')))),
        extension(22, Buffer.alloc(0)),
        extension(23, Buffer.alloc(0)),
        extension(43, list().prefixed(1, hex('0304 0303'))),
        extension(45, list().prefixed(1, hex('01'))),
        extension(51, list().prefixed(2, list().u16(29).prefixed(2, KEY))),
        extension(0xff01, hex('00')),
      ]);
      const body = list().u16(0x0303).add(RANDOM).prefixed(1, SESSION).prefixed(2, hex('1301 c02f 00ff 5600')).prefixed(1, hex('00')).prefixed(2, exts).join();
      return record(22, 0x0301, handshake(1, body));
    };

    it('encodes to exactly the builder bytes', function () {
      const sent = encodeClientHello(p, [{ group: 'x25519', publicKey: KEY }], RANDOM, SESSION);
      expect(sent.toString('hex')).to.equal(expected().toString('hex'));
    });

    it('round-trips through decodeClientHello', function () {
      const d = decodeClientHello(encodeClientHello(p, [{ group: 'x25519', publicKey: KEY }], RANDOM, SESSION));
      expect(d).to.deep.include({
        legacyVersion: 0x0303,
        cipherSuites: [0x1301, 0xc02f, 0x00ff, 0x5600],
        serverName: 'pacs.example',
        supportedGroups: [29, 23],
        ecPointFormats: [0],
        signatureAlgorithms: [0x0201, 0x0203],
        alpn: ['dicom'],
        supportedVersions: [0x0304, 0x0303],
        pskKeyExchangeModes: [1],
      });
      expect(d.sessionId.equals(SESSION)).to.equal(true);
      expect(d.keyShares).to.have.length(1);
      expect(d.keyShares![0]!.group).to.equal(29);
      expect(d.keyShares![0]!.publicKey.equals(KEY)).to.equal(true);
    });
  });

  describe('what is sent, and only when asked', function () {
    it('appends TLS_EMPTY_RENEGOTIATION_INFO_SCSV then TLS_FALLBACK_SCSV after the step\'s suites, once each', function () {
      const d = (x: Record<string, unknown>) => decodeClientHello(encodeClientHello(params({ cipherSuites: ['0x000A', '0x002F'], ...x }), [])).cipherSuites;
      expect(d({})).to.deep.equal([0x000a, 0x002f]);
      expect(d({ fallbackScsv: true })).to.deep.equal([0x000a, 0x002f, 0x5600]);
      expect(d({ emptyRenegotiationInfoScsv: true })).to.deep.equal([0x000a, 0x002f, 0x00ff]);
      expect(d({ emptyRenegotiationInfoScsv: true, fallbackScsv: true })).to.deep.equal([0x000a, 0x002f, 0x00ff, 0x5600]);
      // Already listed by the step: not sent twice
      expect(decodeClientHello(encodeClientHello(params({ cipherSuites: ['0x5600', '0xC02F'], fallbackScsv: true }), [])).cipherSuites).to.deep.equal([0x5600, 0xc02f]);
    });

    it('sends supported_versions only when the step gives it, key_share and psk_key_exchange_modes only when it includes TLS 1.3', function () {
      const names = (x: Record<string, unknown>) =>
        (decodeClientHello(encodeClientHello(params({ cipherSuites: ['0xC02F'], ...x }), makeKeyShares(['x25519']))).extensions ?? []).map((e) => e.name);
      expect(names({})).to.not.include.members(['supported_versions']);
      expect(names({})).to.not.include('key_share');
      expect(names({ supportedVersions: ['TLSv1.2'] })).to.include('supported_versions').and.not.include('key_share').and.not.include('psk_key_exchange_modes');
      expect(names({ supportedVersions: ['TLSv1.3'] })).to.include.members(['supported_versions', 'key_share', 'psk_key_exchange_modes']);
    });

    it('sends a 32-byte session id only when TLS 1.3 is offered (middlebox compatibility)', function () {
      expect(decodeClientHello(encodeClientHello(params({ cipherSuites: ['0xC02F'] }), [])).sessionId.length).to.equal(0);
      expect(decodeClientHello(encodeClientHello(params({ cipherSuites: ['0x1301'], supportedVersions: ['TLSv1.3'] }), [])).sessionId.length).to.equal(32);
    });

    it('record version 0x0301 for any TLS offer, 0x0300 for SSLv3; legacy_version as asked', function () {
      const TABLE: Array<[string, number, number]> = [
        ['SSLv3', 0x0300, 0x0300],
        ['TLSv1', 0x0301, 0x0301],
        ['TLSv1.1', 0x0301, 0x0302],
        ['TLSv1.2', 0x0301, 0x0303],
      ];
      for (const [legacyVersion, recordVersion, legacy] of TABLE) {
        const sent = encodeClientHello(params({ cipherSuites: ['0x000A'], legacyVersion }), []);
        expect(sent.readUInt16BE(1), legacyVersion).to.equal(recordVersion);
        expect(decodeClientHello(sent).legacyVersion, legacyVersion).to.equal(legacy);
      }
    });

    it('signature_algorithms: the default list, sha1-only, or none at all', function () {
      const sa = (signatureAlgorithms: string) => decodeClientHello(encodeClientHello(params({ cipherSuites: ['0xC02F'], signatureAlgorithms }), [])).signatureAlgorithms;
      expect(sa('default')).to.deep.equal([0x0403, 0x0804, 0x0401, 0x0503, 0x0805, 0x0501, 0x0806, 0x0601, 0x0201, 0x0203]);
      expect(DEFAULT_SIGNATURE_ALGORITHMS).to.include.members([0x0401, 0x0403, 0x0804]); // RFC 9325 §4.5: SHA-256 schemes present
      expect(sa('sha1-only')).to.deep.equal([0x0201, 0x0203]);
      expect(sa('none')).to.equal(undefined);
    });

    it('the defaults send supported_groups, ec_point_formats, signature_algorithms, extended_master_secret, renegotiation_info', function () {
      const d = decodeClientHello(encodeClientHello(params({ cipherSuites: ['0xC02F'] }), []));
      expect(d.extensions!.map((e) => e.name)).to.deep.equal(['supported_groups', 'ec_point_formats', 'signature_algorithms', 'extended_master_secret', 'renegotiation_info']);
      expect(d.supportedGroups).to.deep.equal([29, 23, 24, 256]);
      expect(d.extensions!.find((e) => e.name === 'renegotiation_info')!.data.toString('hex')).to.equal('00');
      expect(d.extensions!.find((e) => e.name === 'extended_master_secret')!.data.length).to.equal(0);
    });

    it('compression methods as asked (B12-21 offers DEFLATE first)', function () {
      expect(decodeClientHello(encodeClientHello(params({ cipherSuites: ['0xC02F'], compressionMethods: [1, 0] }), [])).compressionMethods).to.deep.equal([1, 0]);
    });

    it('offers any code point, including ones OpenSSL lacks and unassigned ones', function () {
      const d = decodeClientHello(encodeClientHello(params({ cipherSuites: ['0xC07C', 'TLS_RSA_WITH_RC4_128_SHA', '0x0A0A'] }), []));
      expect(d.cipherSuites).to.deep.equal([0xc07c, 0x0005, 0x0a0a]);
    });

    it('allTls12SuitesExcept offers every TLS ≤ 1.2 suite of the table but the excepted ones (no 1.3 suite, no SCSV, no NULL_WITH_NULL_NULL)', function () {
      const d = decodeClientHello(encodeClientHello(params({ allTls12SuitesExcept: ['0xC02F', 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384'] }), []));
      expect(d.cipherSuites).to.not.include.members([0xc02f]);
      expect(d.cipherSuites).to.not.include(0xc030);
      expect(d.cipherSuites.filter((c) => TLS13_SUITE_CODES.has(c) || c === 0x00ff || c === 0x5600 || c === 0)).to.deep.equal([]);
      expect(d.cipherSuites.length).to.equal(CIPHER_SUITES.length - TLS13_SUITE_CODES.size - 3 - 2);
      expect(allTls12SuiteCodes()).to.include(0x000a).and.include(0xc07c);
      expect(sentIsOneRecord(encodeClientHello(params({ allTls12SuitesExcept: [] }), []))).to.equal(true);
    });

    it('an unknown suite name is an input error, not a guess', function () {
      expect(() => encodeClientHello(params({ cipherSuites: ['TLS_MADE_UP'] }), [])).to.throw(HarnessError, /unknown cipher suite/);
    });

    it('a value past its length prefix (a 256-byte ALPN name) is an input error', function () {
      expect(() => encodeClientHello(params({ cipherSuites: ['0xC02F'], alpn: ['x'.repeat(256)] }), []))
        .to.throw(HarnessError, /cannot be encoded: vector of 256 bytes does not fit a 1-byte length/).with.property('code', 'ERR_INPUT_INVALID');
    });
  });

  describe('key shares (real public keys from Node crypto)', function () {
    it('x25519: 32 bytes; secp256r1: 65 bytes, uncompressed (0x04)', function () {
      const [x, p] = makeKeyShares(['x25519', 'secp256r1']);
      expect(x!.publicKey.length).to.equal(32);
      expect(p!.publicKey.length).to.equal(65);
      expect(p!.publicKey[0]).to.equal(0x04);
      const d = decodeClientHello(encodeClientHello(params({ cipherSuites: ['0x1301'], supportedVersions: ['TLSv1.3'] }), [x!, p!]));
      expect(d.keyShares!.map((k) => [k.group, k.publicKey.length])).to.deep.equal([[29, 32], [23, 65]]);
    });

    it('fresh keys every time', function () {
      expect(makeKeyShares(['x25519'])[0]!.publicKey.equals(makeKeyShares(['x25519'])[0]!.publicKey)).to.equal(false);
    });
  });

  describe('lengths are consistent', function () {
    for (const [name, p] of [
      ['smallest', { ...BARE, cipherSuites: ['0xC02F'] }],
      ['defaults', { cipherSuites: ['0xC02F', '0xC030'] }],
      ['TLS 1.3', { cipherSuites: ['0x1301', '0x1302'], supportedVersions: ['TLSv1.3', 'TLSv1.2'], alpn: ['dicom', 'h2'], serverName: 'localhost' }],
      ['every TLS 1.2 suite', { allTls12SuitesExcept: [] }],
    ] as const) {
      it(`${name}: record length = handshake + 4 = body + 4, extensions length = the rest`, function () {
        const sent = encodeClientHello(params(p), makeKeyShares(['x25519', 'secp256r1']));
        expect(sent.readUInt16BE(3)).to.equal(sent.length - 5);
        expect(sent.readUIntBE(6, 3)).to.equal(sent.length - 9);
        // body: 2 + 32 + 1+sid + 2+suites + 1+comp + 2+ext
        let off = 9 + 2 + 32;
        off += 1 + sent[off]!;
        off += 2 + sent.readUInt16BE(off);
        off += 1 + sent[off]!;
        expect(sent.readUInt16BE(off)).to.equal(sent.length - off - 2);
      });
    }
  });

  describe('describeOffer (what the evidence records, read back from the bytes sent)', function () {
    it('names versions, suites and extensions', function () {
      const sent = encodeClientHello(params({ cipherSuites: ['0x1301', '0xC02F', '0x0A0A'], supportedVersions: ['TLSv1.3', 'TLSv1.2'], fallbackScsv: true }), makeKeyShares(['x25519']));
      expect(describeOffer(sent)).to.deep.equal({
        legacyVersion: 'TLSv1.2',
        supportedVersions: ['TLSv1.3', 'TLSv1.2'],
        cipherSuites: [
          { code: 0x1301, name: 'TLS_AES_128_GCM_SHA256' },
          { code: 0xc02f, name: 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256' },
          { code: 0x0a0a, name: '0x0A0A' },
          { code: 0x5600, name: 'TLS_FALLBACK_SCSV' },
        ],
        extensions: ['supported_groups', 'ec_point_formats', 'signature_algorithms', 'extended_master_secret', 'supported_versions', 'psk_key_exchange_modes', 'key_share', 'renegotiation_info'],
      });
    });
  });

  describe('decodeClientHello on malformed input', function () {
    it('throws TlsDecodeError with the field named, for every truncation of SMALLEST', function () {
      for (let n = 1; n < SMALLEST.length; n++) {
        expect(() => decodeClientHello(SMALLEST.subarray(0, n)), `first ${n} bytes`).to.throw(TlsDecodeError);
      }
    });

    it('rejects a non-handshake record and a duplicated extension', function () {
      expect(() => decodeClientHello(hex('15 03 03 00 02 02 46'))).to.throw(TlsDecodeError, /content type 21/);
      const dup = Buffer.concat([extension(23, Buffer.alloc(0)), extension(23, Buffer.alloc(0))]);
      const body = list().u16(0x0303).add(RANDOM).prefixed(1, Buffer.alloc(0)).prefixed(2, hex('c02f')).prefixed(1, hex('00')).prefixed(2, dup).join();
      expect(() => decodeClientHello(record(22, 0x0301, handshake(1, body)))).to.throw(TlsDecodeError, /appears twice/);
    });
  });
});

function sentIsOneRecord(sent: Buffer): boolean {
  return sent.readUInt16BE(3) === sent.length - 5;
}
