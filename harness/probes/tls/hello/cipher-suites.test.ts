import { execFileSync } from 'node:child_process';
import { expect } from 'chai';
import { HarnessError } from '../../../core/errors.ts';
import { TLS_GROUP_NAMES } from '../../../suite/schema.ts';
import {
  CIPHER_SUITES,
  extensionName,
  groupByCode,
  groupByName,
  groupCode,
  keyExchangeOf,
  NAMED_GROUPS,
  parseSuiteRef,
  suiteByName,
  suiteName,
  TLS13_SUITE_CODES,
} from './cipher-suites.ts';

/** PART15-CATALOGUE.md §2.3, copied row by row (code, IANA name). */
const CATALOGUE_2_3: Array<[number, string]> = [
  [0x000a, 'TLS_RSA_WITH_3DES_EDE_CBC_SHA'],
  [0x002f, 'TLS_RSA_WITH_AES_128_CBC_SHA'],
  [0x0002, 'TLS_RSA_WITH_NULL_SHA'],
  [0x009e, 'TLS_DHE_RSA_WITH_AES_128_GCM_SHA256'],
  [0x009f, 'TLS_DHE_RSA_WITH_AES_256_GCM_SHA384'],
  [0xc02f, 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256'],
  [0xc030, 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384'],
  [0xc02b, 'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256'],
  [0xc02c, 'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384'],
  [0xcca8, 'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256'],
  [0xcca9, 'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256'],
  [0xc0ac, 'TLS_ECDHE_ECDSA_WITH_AES_128_CCM'],
  [0xc0ad, 'TLS_ECDHE_ECDSA_WITH_AES_256_CCM'],
  [0xc0ae, 'TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8'],
  [0xc0af, 'TLS_ECDHE_ECDSA_WITH_AES_256_CCM_8'],
  [0xc07c, 'TLS_DHE_RSA_WITH_CAMELLIA_128_GCM_SHA256'],
  [0xc07d, 'TLS_DHE_RSA_WITH_CAMELLIA_256_GCM_SHA384'],
  [0xc086, 'TLS_ECDHE_ECDSA_WITH_CAMELLIA_128_GCM_SHA256'],
  [0xc087, 'TLS_ECDHE_ECDSA_WITH_CAMELLIA_256_GCM_SHA384'],
  [0xc08a, 'TLS_ECDHE_RSA_WITH_CAMELLIA_128_GCM_SHA256'],
  [0xc08b, 'TLS_ECDHE_RSA_WITH_CAMELLIA_256_GCM_SHA384'],
  [0x1301, 'TLS_AES_128_GCM_SHA256'],
  [0x1302, 'TLS_AES_256_GCM_SHA384'],
  [0x1303, 'TLS_CHACHA20_POLY1305_SHA256'],
  [0x1304, 'TLS_AES_128_CCM_SHA256'],
  [0x1305, 'TLS_AES_128_CCM_8_SHA256'],
  [0x5600, 'TLS_FALLBACK_SCSV'],
  [0x00ff, 'TLS_EMPTY_RENEGOTIATION_INFO_SCSV'],
];

/** `openssl ciphers -V -stdname` → code → IANA name, or undefined when no openssl binary is here. */
function opensslStandardNames(): Map<number, string> | undefined {
  try {
    const out = execFileSync('openssl', ['ciphers', '-V', '-stdname', 'ALL:eNULL:@SECLEVEL=0'], { encoding: 'utf8' });
    const map = new Map<number, string>();
    for (const line of out.split('\n')) {
      const m = /^\s*0x([0-9A-F]{2}),0x([0-9A-F]{2})\s+-\s+(TLS_\S+)/.exec(line);
      if (m) map.set(Number.parseInt(m[1]! + m[2]!, 16), m[3]!);
    }
    return map;
  } catch {
    return undefined;
  }
}

describe('cipher-suites (IANA registries as data)', function () {
  describe('the suite table', function () {
    it('holds every suite of CATALOGUE §2.3 under its IANA name', function () {
      for (const [code, name] of CATALOGUE_2_3) {
        // Then code → name and name → code both hold
        expect(suiteName(code), name).to.equal(name);
        expect(suiteByName(name)?.code, name).to.equal(code);
      }
    });

    it('agrees with OpenSSL on every suite both know (an independent source of the IANA names)', function () {
      // Given the local OpenSSL's own code → IANA name table
      const openssl = opensslStandardNames();
      if (!openssl || openssl.size === 0) this.skip();

      // Then every suite OpenSSL has is in ours, with the same name
      for (const [code, name] of openssl!) expect(suiteName(code), `0x${code.toString(16)}`).to.equal(name);
      expect(openssl!.size).to.be.greaterThan(100);
    });

    it('has ~150+ entries with unique codes and unique names', function () {
      expect(CIPHER_SUITES.length).to.be.at.least(150);
      expect(new Set(CIPHER_SUITES.map((s) => s.code)).size).to.equal(CIPHER_SUITES.length);
      expect(new Set(CIPHER_SUITES.map((s) => s.name.toUpperCase())).size).to.equal(CIPHER_SUITES.length);
      for (const s of CIPHER_SUITES) {
        expect(s.code, s.name).to.be.within(0, 0xffff);
        expect(s.name).to.match(/^TLS_[A-Za-z0-9_]+$/);
      }
    });

    it('covers the families the B.12 probes offer (3DES, RC4, EXPORT, NULL, anon, PSK, Camellia, ARIA, CCM, ChaCha)', function () {
      for (const name of [
        'TLS_RSA_WITH_RC4_128_SHA', 'TLS_RSA_EXPORT_WITH_RC4_40_MD5', 'TLS_RSA_EXPORT_WITH_DES40_CBC_SHA', 'TLS_DHE_RSA_EXPORT_WITH_DES40_CBC_SHA',
        'TLS_DH_anon_EXPORT_WITH_RC4_40_MD5', 'TLS_DH_anon_EXPORT_WITH_DES40_CBC_SHA', 'TLS_RSA_WITH_NULL_MD5', 'TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA',
        'TLS_DH_anon_WITH_AES_128_GCM_SHA256', 'TLS_ECDH_anon_WITH_AES_128_CBC_SHA', 'TLS_PSK_WITH_AES_128_GCM_SHA256', 'TLS_ECDHE_RSA_WITH_ARIA_128_GCM_SHA256',
        'TLS_DHE_RSA_WITH_AES_128_CCM', 'TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256', 'TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA', 'TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256',
        'TLS_RSA_WITH_AES_128_GCM_SHA256', 'TLS_RSA_WITH_AES_128_CBC_SHA256',
      ]) {
        expect(suiteByName(name), name).to.not.equal(undefined);
      }
      // The B12-09 row's code points: NULL, RC4, EXPORT
      for (const code of [0x0000, 0x0001, 0x0002, 0x0004, 0x0005, 0x0003, 0x0006, 0x0008, 0x0011, 0x0014, 0x0017, 0x0019]) {
        expect(suiteName(code)).to.match(/^TLS_/);
      }
    });

    it('marks all TLS 1.3 suites (RFC 8446, 8998, 9150)', function () {
      for (const code of [0x1301, 0x1302, 0x1303, 0x1304, 0x1305, 0x00c6, 0x00c7, 0xc0b4, 0xc0b5]) {
        expect(TLS13_SUITE_CODES.has(code), suiteName(code)).to.equal(true);
        expect(suiteName(code)).to.match(/^TLS_/);
      }
      expect(TLS13_SUITE_CODES.has(0xc02f)).to.equal(false);
    });
  });

  describe('suiteName / suiteByName / parseSuiteRef', function () {
    it('names an unknown code point 0xXXXX (upper case, four digits)', function () {
      expect(suiteName(0x0a0a)).to.equal('0x0A0A'); // a GREASE value
      expect(suiteName(0xfefe)).to.equal('0xFEFE');
      expect(suiteName(0x7)).to.equal('TLS_RSA_WITH_IDEA_CBC_SHA');
    });

    it('finds names case-insensitively, so TLS_DH_ANON_… (the schema allows upper case only) finds TLS_DH_anon_…', function () {
      expect(suiteByName('TLS_DH_ANON_WITH_AES_128_CBC_SHA')).to.deep.equal({ code: 0x0034, name: 'TLS_DH_anon_WITH_AES_128_CBC_SHA' });
      expect(suiteByName('tls_ecdhe_rsa_with_aes_128_gcm_sha256')?.code).to.equal(0xc02f);
    });

    it('parses a code point, any code point, in either case', function () {
      expect(parseSuiteRef('0xC02F')).to.deep.equal({ code: 0xc02f, name: 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256' });
      expect(parseSuiteRef('0xc02f')).to.deep.equal({ code: 0xc02f, name: 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256' });
      expect(parseSuiteRef('0x5600')).to.deep.equal({ code: 0x5600, name: 'TLS_FALLBACK_SCSV' });
      expect(parseSuiteRef('0x0A0A')).to.deep.equal({ code: 0x0a0a, name: '0x0A0A' });
    });

    it('parses an IANA name', function () {
      expect(parseSuiteRef('TLS_RSA_WITH_3DES_EDE_CBC_SHA')).to.deep.equal({ code: 0x000a, name: 'TLS_RSA_WITH_3DES_EDE_CBC_SHA' });
    });

    it('refuses an unknown name as an input error (never guesses a code)', function () {
      expect(() => parseSuiteRef('TLS_NOT_A_SUITE')).to.throw(HarnessError, /unknown cipher suite "TLS_NOT_A_SUITE"/).with.property('code', 'ERR_INPUT_INVALID');
      expect(() => parseSuiteRef('0xC02')).to.throw(HarnessError);
    });
  });

  describe('keyExchangeOf (how ServerKeyExchange is read)', function () {
    const TABLE: Array<[number, string]> = [
      [0x009e, 'dhe'], [0x0016, 'dhe'], [0x0034, 'dhe'], [0xc07c, 'dhe'], [0xccaa, 'dhe'],
      [0x00aa, 'dhe-psk'], [0xc0aa, 'dhe-psk'],
      [0xc02f, 'ecdhe'], [0xc02b, 'ecdhe'], [0xc018, 'ecdhe'], [0xcca8, 'ecdhe'],
      [0xc035, 'ecdhe-psk'], [0xd001, 'ecdhe-psk'],
      [0x002f, 'other'], [0xc004, 'other'], [0x0030, 'other'], [0x008c, 'other'], [0x1301, 'other'], [0x0a0a, 'other'],
    ];
    for (const [code, family] of TABLE) {
      it(`${suiteName(code)} → ${family}`, function () {
        expect(keyExchangeOf(code)).to.equal(family);
      });
    }
  });

  describe('extensions', function () {
    it('names the extensions the prober sends and reads (RFC 8446 §4.2 / IANA)', function () {
      expect(extensionName(0)).to.equal('server_name');
      expect(extensionName(4)).to.equal('truncated_hmac');
      expect(extensionName(5)).to.equal('status_request');
      expect(extensionName(10)).to.equal('supported_groups');
      expect(extensionName(11)).to.equal('ec_point_formats');
      expect(extensionName(13)).to.equal('signature_algorithms');
      expect(extensionName(16)).to.equal('application_layer_protocol_negotiation');
      expect(extensionName(22)).to.equal('encrypt_then_mac');
      expect(extensionName(23)).to.equal('extended_master_secret');
      expect(extensionName(43)).to.equal('supported_versions');
      expect(extensionName(45)).to.equal('psk_key_exchange_modes');
      expect(extensionName(51)).to.equal('key_share');
      expect(extensionName(0xff01)).to.equal('renegotiation_info');
      expect(extensionName(0x1a1a)).to.equal('0x1A1A');
    });
  });

  describe('named groups', function () {
    const BRIEF: Array<[string, number, number]> = [
      ['x25519', 29, 256], ['secp256r1', 23, 256], ['secp384r1', 24, 384], ['secp521r1', 25, 521], ['secp224r1', 21, 224],
      ['secp192r1', 19, 192], ['x448', 30, 448], ['ffdhe2048', 256, 2048], ['ffdhe3072', 257, 3072],
    ];
    for (const [name, code, bits] of BRIEF) {
      it(`${name} ↔ ${code} (${bits} bits)`, function () {
        expect(groupByName(name)).to.deep.equal({ code, name, bits });
        expect(groupByCode(code)?.name).to.equal(name);
        expect(groupCode(name)).to.equal(code);
      });
    }

    it('resolves every group name the suite schema allows', function () {
      for (const name of TLS_GROUP_NAMES) expect(groupByName(name), name).to.not.equal(undefined);
    });

    it('has unique codes and names', function () {
      expect(new Set(NAMED_GROUPS.map((g) => g.code)).size).to.equal(NAMED_GROUPS.length);
      expect(new Set(NAMED_GROUPS.map((g) => g.name)).size).to.equal(NAMED_GROUPS.length);
      expect(() => groupCode('curve9999')).to.throw(HarnessError);
    });
  });
});
