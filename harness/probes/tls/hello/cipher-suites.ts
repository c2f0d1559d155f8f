/**
 * TLS registries as data (IANA "Transport Layer Security (TLS) Parameters"): cipher suites, extension
 * types, named groups, signature schemes. Names are spelled exactly as IANA spells them (mixed case
 * included: TLS_DH_anon_…). Nothing here depends on the local OpenSSL: this prober offers any code
 * point, including ones OpenSSL 3 no longer has (3DES, RC4, EXPORT, Camellia-GCM, …).
 */
import { HarnessError } from '../../../core/errors.ts';

export interface CipherSuite {
  code: number;
  /** IANA name, e.g. TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256. */
  name: string;
}

/** code → IANA name. Sources: RFC 5246 App. A.5, 4279, 4492/8422, 5054, 5288, 5289, 5487, 5489, 5932, 6209, 6367, 6655, 7251, 7507, 5746, 7905, 8442, 8446, 8998, 9150. */
const SUITES: ReadonlyArray<readonly [number, string]> = [
  // RFC 5246 / 4346 / 2712: the classic range (NULL, RC4, EXPORT, DES, 3DES, IDEA, Kerberos)
  [0x0000, 'TLS_NULL_WITH_NULL_NULL'],
  [0x0001, 'TLS_RSA_WITH_NULL_MD5'],
  [0x0002, 'TLS_RSA_WITH_NULL_SHA'],
  [0x0003, 'TLS_RSA_EXPORT_WITH_RC4_40_MD5'],
  [0x0004, 'TLS_RSA_WITH_RC4_128_MD5'],
  [0x0005, 'TLS_RSA_WITH_RC4_128_SHA'],
  [0x0006, 'TLS_RSA_EXPORT_WITH_RC2_CBC_40_MD5'],
  [0x0007, 'TLS_RSA_WITH_IDEA_CBC_SHA'],
  [0x0008, 'TLS_RSA_EXPORT_WITH_DES40_CBC_SHA'],
  [0x0009, 'TLS_RSA_WITH_DES_CBC_SHA'],
  [0x000a, 'TLS_RSA_WITH_3DES_EDE_CBC_SHA'],
  [0x000b, 'TLS_DH_DSS_EXPORT_WITH_DES40_CBC_SHA'],
  [0x000c, 'TLS_DH_DSS_WITH_DES_CBC_SHA'],
  [0x000d, 'TLS_DH_DSS_WITH_3DES_EDE_CBC_SHA'],
  [0x000e, 'TLS_DH_RSA_EXPORT_WITH_DES40_CBC_SHA'],
  [0x000f, 'TLS_DH_RSA_WITH_DES_CBC_SHA'],
  [0x0010, 'TLS_DH_RSA_WITH_3DES_EDE_CBC_SHA'],
  [0x0011, 'TLS_DHE_DSS_EXPORT_WITH_DES40_CBC_SHA'],
  [0x0012, 'TLS_DHE_DSS_WITH_DES_CBC_SHA'],
  [0x0013, 'TLS_DHE_DSS_WITH_3DES_EDE_CBC_SHA'],
  [0x0014, 'TLS_DHE_RSA_EXPORT_WITH_DES40_CBC_SHA'],
  [0x0015, 'TLS_DHE_RSA_WITH_DES_CBC_SHA'],
  [0x0016, 'TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA'],
  [0x0017, 'TLS_DH_anon_EXPORT_WITH_RC4_40_MD5'],
  [0x0018, 'TLS_DH_anon_WITH_RC4_128_MD5'],
  [0x0019, 'TLS_DH_anon_EXPORT_WITH_DES40_CBC_SHA'],
  [0x001a, 'TLS_DH_anon_WITH_DES_CBC_SHA'],
  [0x001b, 'TLS_DH_anon_WITH_3DES_EDE_CBC_SHA'],
  [0x001e, 'TLS_KRB5_WITH_DES_CBC_SHA'],
  [0x001f, 'TLS_KRB5_WITH_3DES_EDE_CBC_SHA'],
  [0x0020, 'TLS_KRB5_WITH_RC4_128_SHA'],
  [0x0021, 'TLS_KRB5_WITH_IDEA_CBC_SHA'],
  [0x0022, 'TLS_KRB5_WITH_DES_CBC_MD5'],
  [0x0023, 'TLS_KRB5_WITH_3DES_EDE_CBC_MD5'],
  [0x0024, 'TLS_KRB5_WITH_RC4_128_MD5'],
  [0x0025, 'TLS_KRB5_WITH_IDEA_CBC_MD5'],
  [0x0026, 'TLS_KRB5_EXPORT_WITH_DES_CBC_40_SHA'],
  [0x0027, 'TLS_KRB5_EXPORT_WITH_RC2_CBC_40_SHA'],
  [0x0028, 'TLS_KRB5_EXPORT_WITH_RC4_40_SHA'],
  [0x0029, 'TLS_KRB5_EXPORT_WITH_DES_CBC_40_MD5'],
  [0x002a, 'TLS_KRB5_EXPORT_WITH_RC2_CBC_40_MD5'],
  [0x002b, 'TLS_KRB5_EXPORT_WITH_RC4_40_MD5'],
  // RFC 4785 (PSK NULL), RFC 5246 (AES-CBC, SHA-256)
  [0x002c, 'TLS_PSK_WITH_NULL_SHA'],
  [0x002d, 'TLS_DHE_PSK_WITH_NULL_SHA'],
  [0x002e, 'TLS_RSA_PSK_WITH_NULL_SHA'],
  [0x002f, 'TLS_RSA_WITH_AES_128_CBC_SHA'],
  [0x0030, 'TLS_DH_DSS_WITH_AES_128_CBC_SHA'],
  [0x0031, 'TLS_DH_RSA_WITH_AES_128_CBC_SHA'],
  [0x0032, 'TLS_DHE_DSS_WITH_AES_128_CBC_SHA'],
  [0x0033, 'TLS_DHE_RSA_WITH_AES_128_CBC_SHA'],
  [0x0034, 'TLS_DH_anon_WITH_AES_128_CBC_SHA'],
  [0x0035, 'TLS_RSA_WITH_AES_256_CBC_SHA'],
  [0x0036, 'TLS_DH_DSS_WITH_AES_256_CBC_SHA'],
  [0x0037, 'TLS_DH_RSA_WITH_AES_256_CBC_SHA'],
  [0x0038, 'TLS_DHE_DSS_WITH_AES_256_CBC_SHA'],
  [0x0039, 'TLS_DHE_RSA_WITH_AES_256_CBC_SHA'],
  [0x003a, 'TLS_DH_anon_WITH_AES_256_CBC_SHA'],
  [0x003b, 'TLS_RSA_WITH_NULL_SHA256'],
  [0x003c, 'TLS_RSA_WITH_AES_128_CBC_SHA256'],
  [0x003d, 'TLS_RSA_WITH_AES_256_CBC_SHA256'],
  [0x003e, 'TLS_DH_DSS_WITH_AES_128_CBC_SHA256'],
  [0x003f, 'TLS_DH_RSA_WITH_AES_128_CBC_SHA256'],
  [0x0040, 'TLS_DHE_DSS_WITH_AES_128_CBC_SHA256'],
  // RFC 5932 (Camellia-CBC)
  [0x0041, 'TLS_RSA_WITH_CAMELLIA_128_CBC_SHA'],
  [0x0042, 'TLS_DH_DSS_WITH_CAMELLIA_128_CBC_SHA'],
  [0x0043, 'TLS_DH_RSA_WITH_CAMELLIA_128_CBC_SHA'],
  [0x0044, 'TLS_DHE_DSS_WITH_CAMELLIA_128_CBC_SHA'],
  [0x0045, 'TLS_DHE_RSA_WITH_CAMELLIA_128_CBC_SHA'],
  [0x0046, 'TLS_DH_anon_WITH_CAMELLIA_128_CBC_SHA'],
  [0x0067, 'TLS_DHE_RSA_WITH_AES_128_CBC_SHA256'],
  [0x0068, 'TLS_DH_DSS_WITH_AES_256_CBC_SHA256'],
  [0x0069, 'TLS_DH_RSA_WITH_AES_256_CBC_SHA256'],
  [0x006a, 'TLS_DHE_DSS_WITH_AES_256_CBC_SHA256'],
  [0x006b, 'TLS_DHE_RSA_WITH_AES_256_CBC_SHA256'],
  [0x006c, 'TLS_DH_anon_WITH_AES_128_CBC_SHA256'],
  [0x006d, 'TLS_DH_anon_WITH_AES_256_CBC_SHA256'],
  [0x0084, 'TLS_RSA_WITH_CAMELLIA_256_CBC_SHA'],
  [0x0085, 'TLS_DH_DSS_WITH_CAMELLIA_256_CBC_SHA'],
  [0x0086, 'TLS_DH_RSA_WITH_CAMELLIA_256_CBC_SHA'],
  [0x0087, 'TLS_DHE_DSS_WITH_CAMELLIA_256_CBC_SHA'],
  [0x0088, 'TLS_DHE_RSA_WITH_CAMELLIA_256_CBC_SHA'],
  [0x0089, 'TLS_DH_anon_WITH_CAMELLIA_256_CBC_SHA'],
  // RFC 4279 (PSK)
  [0x008a, 'TLS_PSK_WITH_RC4_128_SHA'],
  [0x008b, 'TLS_PSK_WITH_3DES_EDE_CBC_SHA'],
  [0x008c, 'TLS_PSK_WITH_AES_128_CBC_SHA'],
  [0x008d, 'TLS_PSK_WITH_AES_256_CBC_SHA'],
  [0x008e, 'TLS_DHE_PSK_WITH_RC4_128_SHA'],
  [0x008f, 'TLS_DHE_PSK_WITH_3DES_EDE_CBC_SHA'],
  [0x0090, 'TLS_DHE_PSK_WITH_AES_128_CBC_SHA'],
  [0x0091, 'TLS_DHE_PSK_WITH_AES_256_CBC_SHA'],
  [0x0092, 'TLS_RSA_PSK_WITH_RC4_128_SHA'],
  [0x0093, 'TLS_RSA_PSK_WITH_3DES_EDE_CBC_SHA'],
  [0x0094, 'TLS_RSA_PSK_WITH_AES_128_CBC_SHA'],
  [0x0095, 'TLS_RSA_PSK_WITH_AES_256_CBC_SHA'],
  // RFC 4162 (SEED)
  [0x0096, 'TLS_RSA_WITH_SEED_CBC_SHA'],
  [0x0097, 'TLS_DH_DSS_WITH_SEED_CBC_SHA'],
  [0x0098, 'TLS_DH_RSA_WITH_SEED_CBC_SHA'],
  [0x0099, 'TLS_DHE_DSS_WITH_SEED_CBC_SHA'],
  [0x009a, 'TLS_DHE_RSA_WITH_SEED_CBC_SHA'],
  [0x009b, 'TLS_DH_anon_WITH_SEED_CBC_SHA'],
  // RFC 5288 (AES-GCM)
  [0x009c, 'TLS_RSA_WITH_AES_128_GCM_SHA256'],
  [0x009d, 'TLS_RSA_WITH_AES_256_GCM_SHA384'],
  [0x009e, 'TLS_DHE_RSA_WITH_AES_128_GCM_SHA256'],
  [0x009f, 'TLS_DHE_RSA_WITH_AES_256_GCM_SHA384'],
  [0x00a0, 'TLS_DH_RSA_WITH_AES_128_GCM_SHA256'],
  [0x00a1, 'TLS_DH_RSA_WITH_AES_256_GCM_SHA384'],
  [0x00a2, 'TLS_DHE_DSS_WITH_AES_128_GCM_SHA256'],
  [0x00a3, 'TLS_DHE_DSS_WITH_AES_256_GCM_SHA384'],
  [0x00a4, 'TLS_DH_DSS_WITH_AES_128_GCM_SHA256'],
  [0x00a5, 'TLS_DH_DSS_WITH_AES_256_GCM_SHA384'],
  [0x00a6, 'TLS_DH_anon_WITH_AES_128_GCM_SHA256'],
  [0x00a7, 'TLS_DH_anon_WITH_AES_256_GCM_SHA384'],
  // RFC 5487 (PSK with SHA-256/384, GCM)
  [0x00a8, 'TLS_PSK_WITH_AES_128_GCM_SHA256'],
  [0x00a9, 'TLS_PSK_WITH_AES_256_GCM_SHA384'],
  [0x00aa, 'TLS_DHE_PSK_WITH_AES_128_GCM_SHA256'],
  [0x00ab, 'TLS_DHE_PSK_WITH_AES_256_GCM_SHA384'],
  [0x00ac, 'TLS_RSA_PSK_WITH_AES_128_GCM_SHA256'],
  [0x00ad, 'TLS_RSA_PSK_WITH_AES_256_GCM_SHA384'],
  [0x00ae, 'TLS_PSK_WITH_AES_128_CBC_SHA256'],
  [0x00af, 'TLS_PSK_WITH_AES_256_CBC_SHA384'],
  [0x00b0, 'TLS_PSK_WITH_NULL_SHA256'],
  [0x00b1, 'TLS_PSK_WITH_NULL_SHA384'],
  [0x00b2, 'TLS_DHE_PSK_WITH_AES_128_CBC_SHA256'],
  [0x00b3, 'TLS_DHE_PSK_WITH_AES_256_CBC_SHA384'],
  [0x00b4, 'TLS_DHE_PSK_WITH_NULL_SHA256'],
  [0x00b5, 'TLS_DHE_PSK_WITH_NULL_SHA384'],
  [0x00b6, 'TLS_RSA_PSK_WITH_AES_128_CBC_SHA256'],
  [0x00b7, 'TLS_RSA_PSK_WITH_AES_256_CBC_SHA384'],
  [0x00b8, 'TLS_RSA_PSK_WITH_NULL_SHA256'],
  [0x00b9, 'TLS_RSA_PSK_WITH_NULL_SHA384'],
  // RFC 5932 (Camellia-CBC with SHA-256)
  [0x00ba, 'TLS_RSA_WITH_CAMELLIA_128_CBC_SHA256'],
  [0x00bb, 'TLS_DH_DSS_WITH_CAMELLIA_128_CBC_SHA256'],
  [0x00bc, 'TLS_DH_RSA_WITH_CAMELLIA_128_CBC_SHA256'],
  [0x00bd, 'TLS_DHE_DSS_WITH_CAMELLIA_128_CBC_SHA256'],
  [0x00be, 'TLS_DHE_RSA_WITH_CAMELLIA_128_CBC_SHA256'],
  [0x00bf, 'TLS_DH_anon_WITH_CAMELLIA_128_CBC_SHA256'],
  [0x00c0, 'TLS_RSA_WITH_CAMELLIA_256_CBC_SHA256'],
  [0x00c1, 'TLS_DH_DSS_WITH_CAMELLIA_256_CBC_SHA256'],
  [0x00c2, 'TLS_DH_RSA_WITH_CAMELLIA_256_CBC_SHA256'],
  [0x00c3, 'TLS_DHE_DSS_WITH_CAMELLIA_256_CBC_SHA256'],
  [0x00c4, 'TLS_DHE_RSA_WITH_CAMELLIA_256_CBC_SHA256'],
  [0x00c5, 'TLS_DH_anon_WITH_CAMELLIA_256_CBC_SHA256'],
  // RFC 8998 (ShangMi, TLS 1.3)
  [0x00c6, 'TLS_SM4_GCM_SM3'],
  [0x00c7, 'TLS_SM4_CCM_SM3'],
  // Signalling suite values
  [0x00ff, 'TLS_EMPTY_RENEGOTIATION_INFO_SCSV'], // RFC 5746
  [0x5600, 'TLS_FALLBACK_SCSV'], // RFC 7507
  // RFC 8446 (TLS 1.3)
  [0x1301, 'TLS_AES_128_GCM_SHA256'],
  [0x1302, 'TLS_AES_256_GCM_SHA384'],
  [0x1303, 'TLS_CHACHA20_POLY1305_SHA256'],
  [0x1304, 'TLS_AES_128_CCM_SHA256'],
  [0x1305, 'TLS_AES_128_CCM_8_SHA256'],
  // RFC 4492 / 8422 (ECC)
  [0xc001, 'TLS_ECDH_ECDSA_WITH_NULL_SHA'],
  [0xc002, 'TLS_ECDH_ECDSA_WITH_RC4_128_SHA'],
  [0xc003, 'TLS_ECDH_ECDSA_WITH_3DES_EDE_CBC_SHA'],
  [0xc004, 'TLS_ECDH_ECDSA_WITH_AES_128_CBC_SHA'],
  [0xc005, 'TLS_ECDH_ECDSA_WITH_AES_256_CBC_SHA'],
  [0xc006, 'TLS_ECDHE_ECDSA_WITH_NULL_SHA'],
  [0xc007, 'TLS_ECDHE_ECDSA_WITH_RC4_128_SHA'],
  [0xc008, 'TLS_ECDHE_ECDSA_WITH_3DES_EDE_CBC_SHA'],
  [0xc009, 'TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA'],
  [0xc00a, 'TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA'],
  [0xc00b, 'TLS_ECDH_RSA_WITH_NULL_SHA'],
  [0xc00c, 'TLS_ECDH_RSA_WITH_RC4_128_SHA'],
  [0xc00d, 'TLS_ECDH_RSA_WITH_3DES_EDE_CBC_SHA'],
  [0xc00e, 'TLS_ECDH_RSA_WITH_AES_128_CBC_SHA'],
  [0xc00f, 'TLS_ECDH_RSA_WITH_AES_256_CBC_SHA'],
  [0xc010, 'TLS_ECDHE_RSA_WITH_NULL_SHA'],
  [0xc011, 'TLS_ECDHE_RSA_WITH_RC4_128_SHA'],
  [0xc012, 'TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA'],
  [0xc013, 'TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA'],
  [0xc014, 'TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA'],
  [0xc015, 'TLS_ECDH_anon_WITH_NULL_SHA'],
  [0xc016, 'TLS_ECDH_anon_WITH_RC4_128_SHA'],
  [0xc017, 'TLS_ECDH_anon_WITH_3DES_EDE_CBC_SHA'],
  [0xc018, 'TLS_ECDH_anon_WITH_AES_128_CBC_SHA'],
  [0xc019, 'TLS_ECDH_anon_WITH_AES_256_CBC_SHA'],
  // RFC 5054 (SRP)
  [0xc01a, 'TLS_SRP_SHA_WITH_3DES_EDE_CBC_SHA'],
  [0xc01b, 'TLS_SRP_SHA_RSA_WITH_3DES_EDE_CBC_SHA'],
  [0xc01c, 'TLS_SRP_SHA_DSS_WITH_3DES_EDE_CBC_SHA'],
  [0xc01d, 'TLS_SRP_SHA_WITH_AES_128_CBC_SHA'],
  [0xc01e, 'TLS_SRP_SHA_RSA_WITH_AES_128_CBC_SHA'],
  [0xc01f, 'TLS_SRP_SHA_DSS_WITH_AES_128_CBC_SHA'],
  [0xc020, 'TLS_SRP_SHA_WITH_AES_256_CBC_SHA'],
  [0xc021, 'TLS_SRP_SHA_RSA_WITH_AES_256_CBC_SHA'],
  [0xc022, 'TLS_SRP_SHA_DSS_WITH_AES_256_CBC_SHA'],
  // RFC 5289 (ECC with SHA-256/384 and GCM)
  [0xc023, 'TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256'],
  [0xc024, 'TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384'],
  [0xc025, 'TLS_ECDH_ECDSA_WITH_AES_128_CBC_SHA256'],
  [0xc026, 'TLS_ECDH_ECDSA_WITH_AES_256_CBC_SHA384'],
  [0xc027, 'TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256'],
  [0xc028, 'TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384'],
  [0xc029, 'TLS_ECDH_RSA_WITH_AES_128_CBC_SHA256'],
  [0xc02a, 'TLS_ECDH_RSA_WITH_AES_256_CBC_SHA384'],
  [0xc02b, 'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256'],
  [0xc02c, 'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384'],
  [0xc02d, 'TLS_ECDH_ECDSA_WITH_AES_128_GCM_SHA256'],
  [0xc02e, 'TLS_ECDH_ECDSA_WITH_AES_256_GCM_SHA384'],
  [0xc02f, 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256'],
  [0xc030, 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384'],
  [0xc031, 'TLS_ECDH_RSA_WITH_AES_128_GCM_SHA256'],
  [0xc032, 'TLS_ECDH_RSA_WITH_AES_256_GCM_SHA384'],
  // RFC 5489 (ECDHE-PSK)
  [0xc033, 'TLS_ECDHE_PSK_WITH_RC4_128_SHA'],
  [0xc034, 'TLS_ECDHE_PSK_WITH_3DES_EDE_CBC_SHA'],
  [0xc035, 'TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA'],
  [0xc036, 'TLS_ECDHE_PSK_WITH_AES_256_CBC_SHA'],
  [0xc037, 'TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA256'],
  [0xc038, 'TLS_ECDHE_PSK_WITH_AES_256_CBC_SHA384'],
  [0xc039, 'TLS_ECDHE_PSK_WITH_NULL_SHA'],
  [0xc03a, 'TLS_ECDHE_PSK_WITH_NULL_SHA256'],
  [0xc03b, 'TLS_ECDHE_PSK_WITH_NULL_SHA384'],
  // RFC 6209 (ARIA)
  [0xc03c, 'TLS_RSA_WITH_ARIA_128_CBC_SHA256'],
  [0xc03d, 'TLS_RSA_WITH_ARIA_256_CBC_SHA384'],
  [0xc03e, 'TLS_DH_DSS_WITH_ARIA_128_CBC_SHA256'],
  [0xc03f, 'TLS_DH_DSS_WITH_ARIA_256_CBC_SHA384'],
  [0xc040, 'TLS_DH_RSA_WITH_ARIA_128_CBC_SHA256'],
  [0xc041, 'TLS_DH_RSA_WITH_ARIA_256_CBC_SHA384'],
  [0xc042, 'TLS_DHE_DSS_WITH_ARIA_128_CBC_SHA256'],
  [0xc043, 'TLS_DHE_DSS_WITH_ARIA_256_CBC_SHA384'],
  [0xc044, 'TLS_DHE_RSA_WITH_ARIA_128_CBC_SHA256'],
  [0xc045, 'TLS_DHE_RSA_WITH_ARIA_256_CBC_SHA384'],
  [0xc046, 'TLS_DH_anon_WITH_ARIA_128_CBC_SHA256'],
  [0xc047, 'TLS_DH_anon_WITH_ARIA_256_CBC_SHA384'],
  [0xc048, 'TLS_ECDHE_ECDSA_WITH_ARIA_128_CBC_SHA256'],
  [0xc049, 'TLS_ECDHE_ECDSA_WITH_ARIA_256_CBC_SHA384'],
  [0xc04a, 'TLS_ECDH_ECDSA_WITH_ARIA_128_CBC_SHA256'],
  [0xc04b, 'TLS_ECDH_ECDSA_WITH_ARIA_256_CBC_SHA384'],
  [0xc04c, 'TLS_ECDHE_RSA_WITH_ARIA_128_CBC_SHA256'],
  [0xc04d, 'TLS_ECDHE_RSA_WITH_ARIA_256_CBC_SHA384'],
  [0xc04e, 'TLS_ECDH_RSA_WITH_ARIA_128_CBC_SHA256'],
  [0xc04f, 'TLS_ECDH_RSA_WITH_ARIA_256_CBC_SHA384'],
  [0xc050, 'TLS_RSA_WITH_ARIA_128_GCM_SHA256'],
  [0xc051, 'TLS_RSA_WITH_ARIA_256_GCM_SHA384'],
  [0xc052, 'TLS_DHE_RSA_WITH_ARIA_128_GCM_SHA256'],
  [0xc053, 'TLS_DHE_RSA_WITH_ARIA_256_GCM_SHA384'],
  [0xc054, 'TLS_DH_RSA_WITH_ARIA_128_GCM_SHA256'],
  [0xc055, 'TLS_DH_RSA_WITH_ARIA_256_GCM_SHA384'],
  [0xc056, 'TLS_DHE_DSS_WITH_ARIA_128_GCM_SHA256'],
  [0xc057, 'TLS_DHE_DSS_WITH_ARIA_256_GCM_SHA384'],
  [0xc058, 'TLS_DH_DSS_WITH_ARIA_128_GCM_SHA256'],
  [0xc059, 'TLS_DH_DSS_WITH_ARIA_256_GCM_SHA384'],
  [0xc05a, 'TLS_DH_anon_WITH_ARIA_128_GCM_SHA256'],
  [0xc05b, 'TLS_DH_anon_WITH_ARIA_256_GCM_SHA384'],
  [0xc05c, 'TLS_ECDHE_ECDSA_WITH_ARIA_128_GCM_SHA256'],
  [0xc05d, 'TLS_ECDHE_ECDSA_WITH_ARIA_256_GCM_SHA384'],
  [0xc05e, 'TLS_ECDH_ECDSA_WITH_ARIA_128_GCM_SHA256'],
  [0xc05f, 'TLS_ECDH_ECDSA_WITH_ARIA_256_GCM_SHA384'],
  [0xc060, 'TLS_ECDHE_RSA_WITH_ARIA_128_GCM_SHA256'],
  [0xc061, 'TLS_ECDHE_RSA_WITH_ARIA_256_GCM_SHA384'],
  [0xc062, 'TLS_ECDH_RSA_WITH_ARIA_128_GCM_SHA256'],
  [0xc063, 'TLS_ECDH_RSA_WITH_ARIA_256_GCM_SHA384'],
  [0xc064, 'TLS_PSK_WITH_ARIA_128_CBC_SHA256'],
  [0xc065, 'TLS_PSK_WITH_ARIA_256_CBC_SHA384'],
  [0xc066, 'TLS_DHE_PSK_WITH_ARIA_128_CBC_SHA256'],
  [0xc067, 'TLS_DHE_PSK_WITH_ARIA_256_CBC_SHA384'],
  [0xc068, 'TLS_RSA_PSK_WITH_ARIA_128_CBC_SHA256'],
  [0xc069, 'TLS_RSA_PSK_WITH_ARIA_256_CBC_SHA384'],
  [0xc06a, 'TLS_PSK_WITH_ARIA_128_GCM_SHA256'],
  [0xc06b, 'TLS_PSK_WITH_ARIA_256_GCM_SHA384'],
  [0xc06c, 'TLS_DHE_PSK_WITH_ARIA_128_GCM_SHA256'],
  [0xc06d, 'TLS_DHE_PSK_WITH_ARIA_256_GCM_SHA384'],
  [0xc06e, 'TLS_RSA_PSK_WITH_ARIA_128_GCM_SHA256'],
  [0xc06f, 'TLS_RSA_PSK_WITH_ARIA_256_GCM_SHA384'],
  [0xc070, 'TLS_ECDHE_PSK_WITH_ARIA_128_CBC_SHA256'],
  [0xc071, 'TLS_ECDHE_PSK_WITH_ARIA_256_CBC_SHA384'],
  // RFC 6367 (Camellia with ECC, GCM)
  [0xc072, 'TLS_ECDHE_ECDSA_WITH_CAMELLIA_128_CBC_SHA256'],
  [0xc073, 'TLS_ECDHE_ECDSA_WITH_CAMELLIA_256_CBC_SHA384'],
  [0xc074, 'TLS_ECDH_ECDSA_WITH_CAMELLIA_128_CBC_SHA256'],
  [0xc075, 'TLS_ECDH_ECDSA_WITH_CAMELLIA_256_CBC_SHA384'],
  [0xc076, 'TLS_ECDHE_RSA_WITH_CAMELLIA_128_CBC_SHA256'],
  [0xc077, 'TLS_ECDHE_RSA_WITH_CAMELLIA_256_CBC_SHA384'],
  [0xc078, 'TLS_ECDH_RSA_WITH_CAMELLIA_128_CBC_SHA256'],
  [0xc079, 'TLS_ECDH_RSA_WITH_CAMELLIA_256_CBC_SHA384'],
  [0xc07a, 'TLS_RSA_WITH_CAMELLIA_128_GCM_SHA256'],
  [0xc07b, 'TLS_RSA_WITH_CAMELLIA_256_GCM_SHA384'],
  [0xc07c, 'TLS_DHE_RSA_WITH_CAMELLIA_128_GCM_SHA256'],
  [0xc07d, 'TLS_DHE_RSA_WITH_CAMELLIA_256_GCM_SHA384'],
  [0xc07e, 'TLS_DH_RSA_WITH_CAMELLIA_128_GCM_SHA256'],
  [0xc07f, 'TLS_DH_RSA_WITH_CAMELLIA_256_GCM_SHA384'],
  [0xc080, 'TLS_DHE_DSS_WITH_CAMELLIA_128_GCM_SHA256'],
  [0xc081, 'TLS_DHE_DSS_WITH_CAMELLIA_256_GCM_SHA384'],
  [0xc082, 'TLS_DH_DSS_WITH_CAMELLIA_128_GCM_SHA256'],
  [0xc083, 'TLS_DH_DSS_WITH_CAMELLIA_256_GCM_SHA384'],
  [0xc084, 'TLS_DH_anon_WITH_CAMELLIA_128_GCM_SHA256'],
  [0xc085, 'TLS_DH_anon_WITH_CAMELLIA_256_GCM_SHA384'],
  [0xc086, 'TLS_ECDHE_ECDSA_WITH_CAMELLIA_128_GCM_SHA256'],
  [0xc087, 'TLS_ECDHE_ECDSA_WITH_CAMELLIA_256_GCM_SHA384'],
  [0xc088, 'TLS_ECDH_ECDSA_WITH_CAMELLIA_128_GCM_SHA256'],
  [0xc089, 'TLS_ECDH_ECDSA_WITH_CAMELLIA_256_GCM_SHA384'],
  [0xc08a, 'TLS_ECDHE_RSA_WITH_CAMELLIA_128_GCM_SHA256'],
  [0xc08b, 'TLS_ECDHE_RSA_WITH_CAMELLIA_256_GCM_SHA384'],
  [0xc08c, 'TLS_ECDH_RSA_WITH_CAMELLIA_128_GCM_SHA256'],
  [0xc08d, 'TLS_ECDH_RSA_WITH_CAMELLIA_256_GCM_SHA384'],
  [0xc08e, 'TLS_PSK_WITH_CAMELLIA_128_GCM_SHA256'],
  [0xc08f, 'TLS_PSK_WITH_CAMELLIA_256_GCM_SHA384'],
  [0xc090, 'TLS_DHE_PSK_WITH_CAMELLIA_128_GCM_SHA256'],
  [0xc091, 'TLS_DHE_PSK_WITH_CAMELLIA_256_GCM_SHA384'],
  [0xc092, 'TLS_RSA_PSK_WITH_CAMELLIA_128_GCM_SHA256'],
  [0xc093, 'TLS_RSA_PSK_WITH_CAMELLIA_256_GCM_SHA384'],
  [0xc094, 'TLS_PSK_WITH_CAMELLIA_128_CBC_SHA256'],
  [0xc095, 'TLS_PSK_WITH_CAMELLIA_256_CBC_SHA384'],
  [0xc096, 'TLS_DHE_PSK_WITH_CAMELLIA_128_CBC_SHA256'],
  [0xc097, 'TLS_DHE_PSK_WITH_CAMELLIA_256_CBC_SHA384'],
  [0xc098, 'TLS_RSA_PSK_WITH_CAMELLIA_128_CBC_SHA256'],
  [0xc099, 'TLS_RSA_PSK_WITH_CAMELLIA_256_CBC_SHA384'],
  [0xc09a, 'TLS_ECDHE_PSK_WITH_CAMELLIA_128_CBC_SHA256'],
  [0xc09b, 'TLS_ECDHE_PSK_WITH_CAMELLIA_256_CBC_SHA384'],
  // RFC 6655 / 7251 (AES-CCM)
  [0xc09c, 'TLS_RSA_WITH_AES_128_CCM'],
  [0xc09d, 'TLS_RSA_WITH_AES_256_CCM'],
  [0xc09e, 'TLS_DHE_RSA_WITH_AES_128_CCM'],
  [0xc09f, 'TLS_DHE_RSA_WITH_AES_256_CCM'],
  [0xc0a0, 'TLS_RSA_WITH_AES_128_CCM_8'],
  [0xc0a1, 'TLS_RSA_WITH_AES_256_CCM_8'],
  [0xc0a2, 'TLS_DHE_RSA_WITH_AES_128_CCM_8'],
  [0xc0a3, 'TLS_DHE_RSA_WITH_AES_256_CCM_8'],
  [0xc0a4, 'TLS_PSK_WITH_AES_128_CCM'],
  [0xc0a5, 'TLS_PSK_WITH_AES_256_CCM'],
  [0xc0a6, 'TLS_DHE_PSK_WITH_AES_128_CCM'],
  [0xc0a7, 'TLS_DHE_PSK_WITH_AES_256_CCM'],
  [0xc0a8, 'TLS_PSK_WITH_AES_128_CCM_8'],
  [0xc0a9, 'TLS_PSK_WITH_AES_256_CCM_8'],
  [0xc0aa, 'TLS_PSK_DHE_WITH_AES_128_CCM_8'], // sic: IANA's spelling
  [0xc0ab, 'TLS_PSK_DHE_WITH_AES_256_CCM_8'], // sic
  [0xc0ac, 'TLS_ECDHE_ECDSA_WITH_AES_128_CCM'],
  [0xc0ad, 'TLS_ECDHE_ECDSA_WITH_AES_256_CCM'],
  [0xc0ae, 'TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8'],
  [0xc0af, 'TLS_ECDHE_ECDSA_WITH_AES_256_CCM_8'],
  // RFC 8492 (ECCPWD), RFC 9150 (integrity-only TLS 1.3)
  [0xc0b0, 'TLS_ECCPWD_WITH_AES_128_GCM_SHA256'],
  [0xc0b1, 'TLS_ECCPWD_WITH_AES_256_GCM_SHA384'],
  [0xc0b2, 'TLS_ECCPWD_WITH_AES_128_CCM_SHA256'],
  [0xc0b3, 'TLS_ECCPWD_WITH_AES_256_CCM_SHA384'],
  [0xc0b4, 'TLS_SHA256_SHA256'],
  [0xc0b5, 'TLS_SHA384_SHA384'],
  // RFC 7905 (ChaCha20-Poly1305)
  [0xcca8, 'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256'],
  [0xcca9, 'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256'],
  [0xccaa, 'TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256'],
  [0xccab, 'TLS_PSK_WITH_CHACHA20_POLY1305_SHA256'],
  [0xccac, 'TLS_ECDHE_PSK_WITH_CHACHA20_POLY1305_SHA256'],
  [0xccad, 'TLS_DHE_PSK_WITH_CHACHA20_POLY1305_SHA256'],
  [0xccae, 'TLS_RSA_PSK_WITH_CHACHA20_POLY1305_SHA256'],
  // RFC 8442 (ECDHE-PSK with AES-GCM/CCM)
  [0xd001, 'TLS_ECDHE_PSK_WITH_AES_128_GCM_SHA256'],
  [0xd002, 'TLS_ECDHE_PSK_WITH_AES_256_GCM_SHA384'],
  [0xd003, 'TLS_ECDHE_PSK_WITH_AES_128_CCM_8_SHA256'],
  [0xd005, 'TLS_ECDHE_PSK_WITH_AES_128_CCM_SHA256'],
];

export const CIPHER_SUITES: readonly CipherSuite[] = SUITES.map(([code, name]) => ({ code, name }));

/** TLS 1.3 suites (RFC 8446, 8998, 9150): no key exchange or authentication in the name. */
export const TLS13_SUITE_CODES: ReadonlySet<number> = new Set([0x1301, 0x1302, 0x1303, 0x1304, 0x1305, 0x00c6, 0x00c7, 0xc0b4, 0xc0b5]);
export const TLS_EMPTY_RENEGOTIATION_INFO_SCSV = 0x00ff;
export const TLS_FALLBACK_SCSV = 0x5600;

const BY_CODE = new Map(CIPHER_SUITES.map((s) => [s.code, s]));
/** Upper-cased, so TLS_DH_ANON_… (the suite schema only allows upper case) finds TLS_DH_anon_…. */
const BY_NAME = new Map(CIPHER_SUITES.map((s) => [s.name.toUpperCase(), s]));

/** `0x` + four upper-case hex digits: how unknown code points are named everywhere. */
export function hex16(code: number): string {
  return `0x${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

export function suiteByCode(code: number): CipherSuite | undefined {
  return BY_CODE.get(code);
}

/** By IANA name, case-insensitively. */
export function suiteByName(name: string): CipherSuite | undefined {
  return BY_NAME.get(name.toUpperCase());
}

/** The IANA name, or `0xXXXX` for a code point the registry above does not hold. */
export function suiteName(code: number): string {
  return BY_CODE.get(code)?.name ?? hex16(code);
}

/**
 * A suite as a suite file writes it: an IANA name (`TLS_…`) or a code point (`0xC02F`). Any code
 * point is accepted (that is the point of a raw prober); an unknown name is an input error.
 */
export function parseSuiteRef(ref: string): CipherSuite {
  if (/^0x[0-9a-fA-F]{4}$/.test(ref)) {
    const code = Number.parseInt(ref.slice(2), 16);
    return { code, name: suiteName(code) };
  }
  const suite = suiteByName(ref);
  if (suite) return suite;
  throw new HarnessError(`unknown cipher suite "${ref}": not in the IANA registry part15 carries; write its code point (0xXXXX) instead`, {
    code: 'ERR_INPUT_INVALID',
  });
}

/** Key exchange family, read off the IANA name (used to decode ServerKeyExchange). */
export type KeyExchangeFamily = 'dhe' | 'dhe-psk' | 'ecdhe' | 'ecdhe-psk' | 'other';

export function keyExchangeOf(code: number): KeyExchangeFamily {
  const name = BY_CODE.get(code)?.name;
  if (name === undefined) return 'other';
  if (/^TLS_(DHE_RSA|DHE_DSS|DH_anon)_/.test(name)) return 'dhe';
  if (/^TLS_(DHE_PSK|PSK_DHE)_/.test(name)) return 'dhe-psk';
  if (/^TLS_(ECDHE_RSA|ECDHE_ECDSA|ECDH_anon)_/.test(name)) return 'ecdhe';
  if (/^TLS_ECDHE_PSK_/.test(name)) return 'ecdhe-psk';
  return 'other';
}

// ---------------------------------------------------------------- extensions

/** ExtensionType values (IANA "TLS ExtensionType Values"; RFC 8446 §4.2 and the RFCs it cites). */
export const TLS_EXTENSIONS: Readonly<Record<number, string>> = {
  0: 'server_name',
  1: 'max_fragment_length',
  2: 'client_certificate_url',
  3: 'trusted_ca_keys',
  4: 'truncated_hmac',
  5: 'status_request',
  6: 'user_mapping',
  7: 'client_authz',
  8: 'server_authz',
  9: 'cert_type',
  10: 'supported_groups',
  11: 'ec_point_formats',
  12: 'srp',
  13: 'signature_algorithms',
  14: 'use_srtp',
  15: 'heartbeat',
  16: 'application_layer_protocol_negotiation',
  17: 'status_request_v2',
  18: 'signed_certificate_timestamp',
  19: 'client_certificate_type',
  20: 'server_certificate_type',
  21: 'padding',
  22: 'encrypt_then_mac',
  23: 'extended_master_secret',
  24: 'token_binding',
  25: 'cached_info',
  26: 'tls_lts',
  27: 'compress_certificate',
  28: 'record_size_limit',
  29: 'pwd_protect',
  30: 'pwd_clear',
  31: 'password_salt',
  32: 'ticket_pinning',
  33: 'tls_cert_with_extern_psk',
  34: 'delegated_credential',
  35: 'session_ticket',
  36: 'TLMSP',
  37: 'TLMSP_proxying',
  38: 'TLMSP_delegate',
  39: 'supported_ekt_ciphers',
  41: 'pre_shared_key',
  42: 'early_data',
  43: 'supported_versions',
  44: 'cookie',
  45: 'psk_key_exchange_modes',
  47: 'certificate_authorities',
  48: 'oid_filters',
  49: 'post_handshake_auth',
  50: 'signature_algorithms_cert',
  51: 'key_share',
  52: 'transparency_info',
  53: 'connection_id_deprecated',
  54: 'connection_id',
  55: 'external_id_hash',
  56: 'external_session_id',
  57: 'quic_transport_parameters',
  58: 'ticket_request',
  59: 'dnssec_chain',
  0xfe0d: 'encrypted_client_hello',
  0xff01: 'renegotiation_info',
};

export const EXT = {
  serverName: 0,
  truncatedHmac: 4,
  statusRequest: 5,
  supportedGroups: 10,
  ecPointFormats: 11,
  signatureAlgorithms: 13,
  alpn: 16,
  encryptThenMac: 22,
  extendedMasterSecret: 23,
  sessionTicket: 35,
  supportedVersions: 43,
  cookie: 44,
  pskKeyExchangeModes: 45,
  keyShare: 51,
  renegotiationInfo: 0xff01,
} as const;

export function extensionName(type: number): string {
  return TLS_EXTENSIONS[type] ?? hex16(type);
}

// ---------------------------------------------------------------- named groups

export interface NamedGroup {
  code: number;
  name: string;
  /** Field or modulus size in bits (x25519 counted as 256, as DCMTK and B.13 do). */
  bits?: number;
}

/** NamedGroup values (IANA "TLS Supported Groups"; RFC 8422, 7919, 8446, 8734). */
export const NAMED_GROUPS: readonly NamedGroup[] = [
  { code: 1, name: 'sect163k1', bits: 163 },
  { code: 2, name: 'sect163r1', bits: 163 },
  { code: 3, name: 'sect163r2', bits: 163 },
  { code: 4, name: 'sect193r1', bits: 193 },
  { code: 5, name: 'sect193r2', bits: 193 },
  { code: 6, name: 'sect233k1', bits: 233 },
  { code: 7, name: 'sect233r1', bits: 233 },
  { code: 8, name: 'sect239k1', bits: 239 },
  { code: 9, name: 'sect283k1', bits: 283 },
  { code: 10, name: 'sect283r1', bits: 283 },
  { code: 11, name: 'sect409k1', bits: 409 },
  { code: 12, name: 'sect409r1', bits: 409 },
  { code: 13, name: 'sect571k1', bits: 571 },
  { code: 14, name: 'sect571r1', bits: 571 },
  { code: 15, name: 'secp160k1', bits: 160 },
  { code: 16, name: 'secp160r1', bits: 160 },
  { code: 17, name: 'secp160r2', bits: 160 },
  { code: 18, name: 'secp192k1', bits: 192 },
  { code: 19, name: 'secp192r1', bits: 192 },
  { code: 20, name: 'secp224k1', bits: 224 },
  { code: 21, name: 'secp224r1', bits: 224 },
  { code: 22, name: 'secp256k1', bits: 256 },
  { code: 23, name: 'secp256r1', bits: 256 },
  { code: 24, name: 'secp384r1', bits: 384 },
  { code: 25, name: 'secp521r1', bits: 521 },
  { code: 26, name: 'brainpoolP256r1', bits: 256 },
  { code: 27, name: 'brainpoolP384r1', bits: 384 },
  { code: 28, name: 'brainpoolP512r1', bits: 512 },
  { code: 29, name: 'x25519', bits: 256 },
  { code: 30, name: 'x448', bits: 448 },
  { code: 31, name: 'brainpoolP256r1tls13', bits: 256 },
  { code: 32, name: 'brainpoolP384r1tls13', bits: 384 },
  { code: 33, name: 'brainpoolP512r1tls13', bits: 512 },
  { code: 256, name: 'ffdhe2048', bits: 2048 },
  { code: 257, name: 'ffdhe3072', bits: 3072 },
  { code: 258, name: 'ffdhe4096', bits: 4096 },
  { code: 259, name: 'ffdhe6144', bits: 6144 },
  { code: 260, name: 'ffdhe8192', bits: 8192 },
  { code: 0x11eb, name: 'SecP256r1MLKEM768' },
  { code: 0x11ec, name: 'X25519MLKEM768' },
  { code: 0x11ed, name: 'SecP384r1MLKEM1024' },
  // RFC 4492 §5.1.1: in a ServerKeyExchange, curve_type explicit_prime / explicit_char2 (no name).
  { code: 0xff01, name: 'arbitrary_explicit_prime_curves' },
  { code: 0xff02, name: 'arbitrary_explicit_char2_curves' },
];

const GROUP_BY_CODE = new Map(NAMED_GROUPS.map((g) => [g.code, g]));
const GROUP_BY_NAME = new Map(NAMED_GROUPS.map((g) => [g.name.toLowerCase(), g]));

export function groupByCode(code: number): NamedGroup | undefined {
  return GROUP_BY_CODE.get(code);
}

export function groupByName(name: string): NamedGroup | undefined {
  return GROUP_BY_NAME.get(name.toLowerCase());
}

export function groupName(code: number): string {
  return GROUP_BY_CODE.get(code)?.name ?? hex16(code);
}

/** A group name the suite language allows (schema TLS_GROUP_NAMES) → its code; throws for a name not in the table. */
export function groupCode(name: string): number {
  const g = groupByName(name);
  if (!g) throw new HarnessError(`unknown named group "${name}"`, { code: 'ERR_INPUT_INVALID' });
  return g.code;
}

// ---------------------------------------------------------------- signature schemes

/** SignatureScheme values (RFC 8446 §4.2.3; 0x0201/0x0203 are TLS 1.2's (sha1, rsa)/(sha1, ecdsa)). */
export const SIGNATURE_SCHEMES: Readonly<Record<number, string>> = {
  0x0201: 'rsa_pkcs1_sha1',
  0x0203: 'ecdsa_sha1',
  0x0401: 'rsa_pkcs1_sha256',
  0x0403: 'ecdsa_secp256r1_sha256',
  0x0501: 'rsa_pkcs1_sha384',
  0x0503: 'ecdsa_secp384r1_sha384',
  0x0601: 'rsa_pkcs1_sha512',
  0x0603: 'ecdsa_secp521r1_sha512',
  0x0804: 'rsa_pss_rsae_sha256',
  0x0805: 'rsa_pss_rsae_sha384',
  0x0806: 'rsa_pss_rsae_sha512',
  0x0807: 'ed25519',
  0x0808: 'ed448',
  0x0809: 'rsa_pss_pss_sha256',
  0x080a: 'rsa_pss_pss_sha384',
  0x080b: 'rsa_pss_pss_sha512',
};

export function signatureSchemeName(code: number): string {
  return SIGNATURE_SCHEMES[code] ?? hex16(code);
}
