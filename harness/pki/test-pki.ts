/**
 * The run's test PKI: a fresh CA and every certificate the TLS checks need, made in memory.
 *
 * Keys come from Node's crypto (native, generated in parallel on the libuv pool); certificates are
 * laid out with node-forge and signed natively (`crypto.sign` over forge's TBSCertificate DER), which
 * is ~25x faster than forge's pure-JS RSA and lets a user's EC or EdDSA CA key sign too. Certificates
 * are made lazily on first request and memoized; one 2048-bit leaf key is shared by the negative
 * certificates whose point is an attribute (validity, issuer, hash, EKU), not the key.
 *
 * Nothing here logs. Private keys live in memory and leave it only through writeSecretFiles (0600).
 */
import {
  X509Certificate,
  createHash,
  createPrivateKey,
  generateKeyPair,
  generateKeyPairSync,
  randomBytes,
  sign,
  type KeyObject,
} from 'node:crypto';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import forge from 'node-forge';
import { HarnessError } from '../core/errors.ts';
import type { ClientCertificateName } from '../core/evidence.ts';
import type { ClientCredential, ClientPki } from '../core/target.ts';

/** rsa-2048-sha1: a 2048-bit key in a certificate the CA signs with SHA-1 (negative control for CERT-03). */
export type ServerKeyName = 'rsa-2048' | 'rsa-1024' | 'rsa-2048-sha1' | 'rsa-2048-expired' | 'ec-p256';
export type ClientCertificateKind = Exclude<ClientCertificateName, 'none'>;

export interface ServerCredential {
  certPem: string;
  keyPem: string;
}

/** Paths of the user's own PKI files (external targets). */
export interface UserPkiFiles {
  caCert: string;
  clientCert: string;
  clientKey: string;
  caKey?: string;
}

export const CLIENT_CERTIFICATE_KINDS: readonly ClientCertificateKind[] = [
  'valid',
  'expired',
  'not-yet-valid',
  'unknown-ca',
  'self-signed',
  'rsa-1024',
  'sha1',
  'wrong-eku',
];

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const LEAF_LIFETIME_DAYS = 825;
const CA_LIFETIME_DAYS = 3650;
const ORGANIZATION = 'part15';

interface KeyPair {
  privateKey: KeyObject;
  publicKey: KeyObject;
}

type Hash = 'sha1' | 'sha256' | 'sha384' | 'sha512';

/** Who signs: the subject name (raw DER, copied byte for byte into `issuer`), key id and key. */
interface Issuer {
  subject: forge.asn1.Asn1;
  keyIdentifier?: string;
  privateKey: KeyObject;
  /** Hash used for ordinary certificates (SHA-256 for RSA, matched to the curve for EC). */
  defaultHash: Hash | null;
  /** PEM appended after issued leaves when the issuer is an intermediate, so the chain is sent. */
  chainPem: string;
}

interface CertificateSpec {
  commonName: string;
  publicKey: KeyObject;
  notBefore: Date;
  notAfter: Date;
  /** 'self' signs with `selfKey` and copies the subject into the issuer. */
  issuer: Issuer | { self: KeyObject };
  isCa?: boolean;
  extendedKeyUsage?: Array<'serverAuth' | 'clientAuth'>;
  subjectAltNames?: Array<{ dns: string } | { ip: string }>;
  /** Overrides the issuer's default hash (the `sha1` certificate). */
  hash?: Hash;
}

const generateKeyPairAsync = (modulusLength: 1024 | 2048): Promise<KeyPair> =>
  new Promise((resolve, reject) => {
    generateKeyPair('rsa', { modulusLength, publicExponent: 0x10001 }, (error, publicKey, privateKey) => {
      if (error) reject(new HarnessError(`could not generate an RSA-${modulusLength} key`, { cause: error }));
      else resolve({ publicKey, privateKey });
    });
  });

let standIn: forge.pki.rsa.PublicKey | undefined;
/** Any RSA public key: forge insists on one while it builds a certificate for a non-RSA key. */
function standInRsaPublicKey(): forge.pki.rsa.PublicKey {
  if (!standIn) {
    const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
    standIn = forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }) as string) as forge.pki.rsa.PublicKey;
  }
  return standIn;
}

/** RFC 5280 §4.2.1.2 method 1: SHA-1 of the subjectPublicKey BIT STRING (without its unused-bits byte), hex. */
function subjectKeyIdentifierOf(spki: forge.asn1.Asn1): string {
  const bits = (spki.value as forge.asn1.Asn1[])[1]!.value as string;
  return createHash('sha1').update(Buffer.from(bits.slice(1), 'binary')).digest('hex');
}

/** An EC P-256 key pair (for servers that must offer ECDHE-ECDSA suites). */
function ecP256KeyPair(): KeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  return { publicKey, privateKey };
}

/** Keys a TestPki may hold; which ones exist depends on how it was made. */
interface TestPkiKeys {
  /** Shared by expired, not-yet-valid, unknown-ca, self-signed, sha1 and wrong-eku. */
  leaf: KeyPair;
  rogueCa: KeyPair;
  client?: KeyPair;
  server2048?: KeyPair;
  /** Shared by the rsa-1024 client certificate and the rsa-1024 server credential. */
  rsa1024?: KeyPair;
}

interface TestPkiState {
  runTag: string;
  caCertPem: string;
  /** Absent when the user gave no CA key. */
  issuer?: Issuer;
  keys: TestPkiKeys;
  /** The user's own client certificate and key (fromUserFiles). */
  userClient?: ClientCredential;
}

export class TestPki implements ClientPki {
  readonly runTag: string;
  readonly caCertPem: string;
  readonly hasCaKey: boolean;
  readonly #issuer: Issuer | undefined;
  readonly #keys: TestPkiKeys;
  readonly #userClient: ClientCredential | undefined;
  readonly #clientCache = new Map<ClientCertificateKind, ClientCredential | { unavailable: string }>();
  readonly #serverCache = new Map<ServerKeyName, ServerCredential>();
  readonly #keyPemCache = new Map<KeyObject, string>();
  #rogueCa: { issuer: Issuer; certPem: string } | undefined;
  /** Made on first use (an EC key costs well under a millisecond; ECDSA suites need it). */
  #ecP256: KeyPair | undefined;
  readonly #createdAt = Date.now();

  private constructor(state: TestPkiState) {
    this.runTag = state.runTag;
    this.caCertPem = state.caCertPem;
    this.#issuer = state.issuer;
    this.hasCaKey = state.issuer !== undefined;
    this.#keys = state.keys;
    this.#userClient = state.userClient;
  }

  /** New CA (RSA 2048, SHA-256, CN "part15 Test Root CA <runTag>") and everything below it, made in memory. */
  static async create(options?: { runTag?: string }): Promise<TestPki> {
    const runTag = options?.runTag ?? randomBytes(4).toString('hex');
    const [ca, rogueCa, client, leaf, server2048, rsa1024] = await Promise.all([
      generateKeyPairAsync(2048),
      generateKeyPairAsync(2048),
      generateKeyPairAsync(2048),
      generateKeyPairAsync(2048),
      generateKeyPairAsync(2048),
      generateKeyPairAsync(1024),
    ]);
    const { issuer, certPem } = makeRootCa(`part15 Test Root CA ${runTag}`, ca);
    return new TestPki({ runTag, caCertPem: certPem, issuer, keys: { leaf, rogueCa, client, server2048, rsa1024 } });
  }

  /**
   * The user's own PKI (external targets). `caCert` may hold several certificates (all are
   * trusted); with `caKey`, the one that key belongs to issues everything but `valid`.
   */
  static async fromUserFiles(files: UserPkiFiles, options?: { runTag?: string }): Promise<TestPki> {
    const runTag = options?.runTag ?? randomBytes(4).toString('hex');
    // Files first (fast, and a bad file should not cost a key generation), then the keys in parallel.
    const caCerts = await readCertificates(files.caCert);
    const clientCerts = await readCertificates(files.clientCert);
    const clientKey = await readPrivateKey(files.clientKey);
    if (!clientCerts[0]!.checkPrivateKey(clientKey)) {
      throw new HarnessError(`${files.clientKey}: this key does not belong to the first certificate in ${files.clientCert}`);
    }
    let issuer: Issuer | undefined;
    if (files.caKey !== undefined) {
      const caKey = await readPrivateKey(files.caKey);
      const caCert = caCerts.find((c) => c.publicKey.asymmetricKeyType === caKey.asymmetricKeyType && c.checkPrivateKey(caKey));
      if (caCert === undefined) {
        throw new HarnessError(`${files.caKey}: this key does not belong to any certificate in ${files.caCert}`);
      }
      if (!caCert.ca) {
        throw new HarnessError(`${files.caCert}: the certificate that ${files.caKey} belongs to is not a CA (basicConstraints CA:TRUE is missing)`);
      }
      issuer = issuerFromCertificate(caCert, caKey, files.caKey);
    }

    const hasCaKey = issuer !== undefined;
    const [leaf, rogueCa, server2048, rsa1024] = await Promise.all([
      generateKeyPairAsync(2048),
      generateKeyPairAsync(2048),
      hasCaKey ? generateKeyPairAsync(2048) : undefined,
      hasCaKey ? generateKeyPairAsync(1024) : undefined,
    ]);
    return new TestPki({
      runTag,
      caCertPem: caCerts.map((c) => c.toString()).join(''),
      issuer,
      keys: { leaf, rogueCa, server2048, rsa1024 },
      userClient: {
        certPem: clientCerts.map((c) => c.toString()).join(''),
        keyPem: clientKey.export({ type: 'pkcs8', format: 'pem' }) as string,
      },
    });
  }

  /** The per-run untrusted CA that issues `unknown-ca` (for tests and diagnostics). */
  get rogueCaCertPem(): string {
    return this.#rogue().certPem;
  }

  /**
   * Server certificate issued by the CA: SAN DNS:localhost, IP:127.0.0.1, IP:::1; EKU
   * serverAuth+clientAuth; keyUsage digitalSignature+keyEncipherment. Memoized per key name.
   */
  serverCredential(key: ServerKeyName): ServerCredential {
    const cached = this.#serverCache.get(key);
    if (cached) return cached;
    const issuer = this.#issuer;
    if (issuer === undefined) {
      throw new HarnessError(`a server certificate needs the CA private key (--ca-key); this run has only the CA certificate`);
    }
    const pair =
      key === 'rsa-2048' || key === 'rsa-2048-sha1' || key === 'rsa-2048-expired'
        ? this.#keys.server2048
        : key === 'rsa-1024'
          ? this.#keys.rsa1024
          : key === 'ec-p256'
            ? (this.#ecP256 ??= ecP256KeyPair())
            : undefined;
    if (pair === undefined) throw new HarnessError(`unknown server key "${String(key)}"; expected rsa-2048, rsa-1024, rsa-2048-sha1, rsa-2048-expired or ec-p256`);
    const certPem = issueCertificate({
      commonName: 'localhost',
      publicKey: pair.publicKey,
      // rsa-2048-expired: the validity the expired client certificate has (2020 → 2021).
      ...(key === 'rsa-2048-expired' ? { notBefore: new Date('2020-01-01T00:00:00Z'), notAfter: new Date('2021-01-01T00:00:00Z') } : this.#leafValidity()),
      issuer,
      extendedKeyUsage: ['serverAuth', 'clientAuth'],
      subjectAltNames: [{ dns: 'localhost' }, { ip: '127.0.0.1' }, { ip: '::1' }],
      ...(key === 'rsa-2048-sha1' ? { hash: 'sha1' as const } : {}),
    });
    const credential = { certPem: certPem + issuer.chainPem, keyPem: this.#keyPem(pair.privateKey) };
    this.#serverCache.set(key, credential);
    return credential;
  }

  clientCertificate(name: ClientCertificateKind): ClientCredential | { unavailable: string } {
    const cached = this.#clientCache.get(name);
    if (cached) return cached;
    const made = this.#makeClientCertificate(name);
    this.#clientCache.set(name, made);
    return made;
  }

  #makeClientCertificate(name: ClientCertificateKind): ClientCredential | { unavailable: string } {
    if (!CLIENT_CERTIFICATE_KINDS.includes(name)) {
      throw new HarnessError(`unknown client certificate "${String(name)}"; expected one of ${CLIENT_CERTIFICATE_KINDS.join(', ')}`);
    }
    const commonName = `part15 client ${name}`;
    const leaf = this.#keys.leaf;
    const clientAuth: CertificateSpec['extendedKeyUsage'] = ['clientAuth'];
    // Needs no CA key: the harness is the issuer.
    if (name === 'unknown-ca') {
      const rogue = this.#rogue();
      const certPem = issueCertificate({ commonName, publicKey: leaf.publicKey, ...this.#leafValidity(), issuer: rogue.issuer, extendedKeyUsage: clientAuth });
      return { certPem, keyPem: this.#keyPem(leaf.privateKey) };
    }
    if (name === 'self-signed') {
      const certPem = issueCertificate({
        commonName,
        publicKey: leaf.publicKey,
        ...this.#leafValidity(),
        issuer: { self: leaf.privateKey },
        extendedKeyUsage: clientAuth,
      });
      return { certPem, keyPem: this.#keyPem(leaf.privateKey) };
    }
    if (name === 'valid' && this.#userClient !== undefined) return this.#userClient;

    const issuer = this.#issuer;
    if (issuer === undefined) return { unavailable: `needs the CA private key (--ca-key) to issue a ${name} client certificate` };
    const issue = (pair: KeyPair | undefined, spec: Partial<CertificateSpec>): ClientCredential => {
      if (pair === undefined) throw new HarnessError(`internal: no key pair for the ${name} client certificate`);
      const certPem = issueCertificate({
        commonName,
        publicKey: pair.publicKey,
        ...this.#leafValidity(),
        issuer,
        extendedKeyUsage: clientAuth,
        ...spec,
      });
      return { certPem: certPem + issuer.chainPem, keyPem: this.#keyPem(pair.privateKey) };
    };
    switch (name) {
      case 'valid':
        return issue(this.#keys.client, {});
      case 'expired':
        return issue(leaf, { notBefore: new Date(Date.UTC(2020, 0, 1)), notAfter: new Date(Date.UTC(2021, 0, 1)) });
      case 'not-yet-valid': {
        const notBefore = new Date(this.#createdAt + 365 * DAY_MS);
        return issue(leaf, { notBefore, notAfter: new Date(notBefore.getTime() + LEAF_LIFETIME_DAYS * DAY_MS) });
      }
      case 'rsa-1024':
        return issue(this.#keys.rsa1024, {});
      case 'sha1':
        if (issuer.defaultHash === null) {
          return { unavailable: `the CA key is ${issuer.privateKey.asymmetricKeyType}, which cannot sign with SHA-1` };
        }
        return issue(leaf, { hash: 'sha1' });
      case 'wrong-eku':
        return issue(leaf, { extendedKeyUsage: ['serverAuth'] });
      default:
        throw new HarnessError(`internal: no recipe for the ${String(name)} client certificate`);
    }
  }

  #rogue(): { issuer: Issuer; certPem: string } {
    this.#rogueCa ??= makeRootCa(`part15 Rogue CA ${this.runTag}`, this.#keys.rogueCa);
    return this.#rogueCa;
  }

  #leafValidity(): { notBefore: Date; notAfter: Date } {
    return { notBefore: new Date(this.#createdAt - HOUR_MS), notAfter: new Date(this.#createdAt + LEAF_LIFETIME_DAYS * DAY_MS) };
  }

  #keyPem(key: KeyObject): string {
    let pem = this.#keyPemCache.get(key);
    if (pem === undefined) {
      pem = key.export({ type: 'pkcs8', format: 'pem' }) as string;
      this.#keyPemCache.set(key, pem);
    }
    return pem;
  }
}

// ---------------------------------------------------------------------------------------------
// Certificate building: forge lays out the TBSCertificate, Node signs it.

const { asn1 } = forge;
// Typing gaps in @types/node-forge 1.3: getTBSCertificate is untyped, and valueTagClass is typed as
// a tag class although forge reads it as the universal type (UTF8String = 12).
const getTBSCertificate = (forge.pki as unknown as { getTBSCertificate(cert: forge.pki.Certificate): forge.asn1.Asn1 }).getTBSCertificate;
const UTF8_STRING = asn1.Type.UTF8 as unknown as forge.asn1.Class;

const OID = {
  sha1WithRSAEncryption: '1.2.840.113549.1.1.5',
  sha256WithRSAEncryption: '1.2.840.113549.1.1.11',
  sha384WithRSAEncryption: '1.2.840.113549.1.1.12',
  sha512WithRSAEncryption: '1.2.840.113549.1.1.13',
  ecdsaWithSha1: '1.2.840.10045.4.1',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  ecdsaWithSha384: '1.2.840.10045.4.3.3',
  ecdsaWithSha512: '1.2.840.10045.4.3.4',
  ed25519: '1.3.101.112',
  ed448: '1.3.101.113',
  subjectKeyIdentifier: '2.5.29.14',
} as const;

function makeRootCa(commonName: string, pair: KeyPair): { issuer: Issuer; certPem: string } {
  const now = Date.now();
  const certPem = issueCertificate({
    commonName,
    publicKey: pair.publicKey,
    notBefore: new Date(now - HOUR_MS),
    notAfter: new Date(now + CA_LIFETIME_DAYS * DAY_MS),
    issuer: { self: pair.privateKey },
    isCa: true,
  });
  return { issuer: issuerFromCertificate(new X509Certificate(certPem), pair.privateKey, 'the generated CA'), certPem };
}

/** Builds, signs and PEM-encodes one certificate. Leaf keys are RSA; issuer keys may be RSA, EC or EdDSA. */
function issueCertificate(spec: CertificateSpec): string {
  const selfSigned = 'self' in spec.issuer;
  const signingKey = 'self' in spec.issuer ? spec.issuer.self : spec.issuer.privateKey;
  const isCa = spec.isCa ?? false;
  const hash = spec.hash ?? ('self' in spec.issuer ? 'sha256' : spec.issuer.defaultHash);
  const algorithm = signatureAlgorithm(signingKey, hash);

  const cert = forge.pki.createCertificate();
  cert.serialNumber = randomSerialHex();
  cert.validity.notBefore = spec.notBefore;
  cert.validity.notAfter = spec.notAfter;
  const name: forge.pki.CertificateField[] = [
    { name: 'commonName', value: spec.commonName.slice(0, 64), valueTagClass: UTF8_STRING },
    { name: 'organizationName', value: ORGANIZATION, valueTagClass: UTF8_STRING },
  ];
  cert.setSubject(name);
  cert.setIssuer(name);
  const spkiDer = spec.publicKey.export({ type: 'spki', format: 'der' });
  const spkiAsn1 = asn1.fromDer(spkiDer.toString('binary'));
  // forge reads RSA keys only. For any other key, it gets a stand-in RSA key and the real
  // SubjectPublicKeyInfo is put into the TBS below; the key identifier is computed from the real key.
  const isRsa = spec.publicKey.asymmetricKeyType === 'rsa';
  cert.publicKey = isRsa ? forge.pki.publicKeyFromAsn1(spkiAsn1) : standInRsaPublicKey();

  const extensions: object[] = [
    { name: 'basicConstraints', cA: isCa, critical: true },
    isCa
      ? { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true }
      : spec.publicKey.asymmetricKeyType === 'ec'
        ? { name: 'keyUsage', digitalSignature: true, critical: true } // an EC key cannot encipher keys
        : { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    isRsa ? { name: 'subjectKeyIdentifier' } : { name: 'subjectKeyIdentifier', subjectKeyIdentifier: subjectKeyIdentifierOf(spkiAsn1) },
  ];
  if (spec.extendedKeyUsage?.length) {
    extensions.push({ name: 'extKeyUsage', ...Object.fromEntries(spec.extendedKeyUsage.map((u) => [u, true])) });
  }
  if (spec.subjectAltNames?.length) {
    extensions.push({
      name: 'subjectAltName',
      altNames: spec.subjectAltNames.map((n) => ('dns' in n ? { type: 2, value: n.dns } : { type: 7, ip: n.ip })),
    });
  }
  if (!selfSigned && 'keyIdentifier' in spec.issuer && spec.issuer.keyIdentifier !== undefined) {
    extensions.push({ name: 'authorityKeyIdentifier', keyIdentifier: spec.issuer.keyIdentifier });
  }
  cert.setExtensions(extensions);

  cert.siginfo.algorithmOid = OID.sha256WithRSAEncryption; // placeholder: forge needs one; replaced below
  const tbs = getTBSCertificate(cert);
  // TBSCertificate ::= SEQUENCE { [0] version, serialNumber, signature, issuer, validity, subject, spki, [3] extensions }
  const tbsFields = tbs.value as forge.asn1.Asn1[];
  tbsFields[2] = algorithm.identifier();
  if (!('self' in spec.issuer)) tbsFields[3] = spec.issuer.subject;
  if (!isRsa) tbsFields[6] = spkiAsn1;
  const tbsDer = Buffer.from(asn1.toDer(tbs).getBytes(), 'binary');
  const signature = sign(algorithm.hash, tbsDer, signingKey);

  const certificate = asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
    tbs,
    algorithm.identifier(),
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.BITSTRING, false, '\u0000' + signature.toString('binary')),
  ]);
  return toPem('CERTIFICATE', Buffer.from(asn1.toDer(certificate).getBytes(), 'binary'));
}

/** The AlgorithmIdentifier and Node hash name for a signing key and wanted hash. */
function signatureAlgorithm(key: KeyObject, hash: Hash | null): { hash: string | null; identifier(): forge.asn1.Asn1 } {
  const identifier = (oid: string, nullParameters: boolean) => () =>
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
      asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer(oid).getBytes()),
      ...(nullParameters ? [asn1.create(asn1.Class.UNIVERSAL, asn1.Type.NULL, false, '')] : []),
    ]);
  switch (key.asymmetricKeyType) {
    case 'rsa': {
      const h = hash ?? 'sha256';
      const oid = { sha1: OID.sha1WithRSAEncryption, sha256: OID.sha256WithRSAEncryption, sha384: OID.sha384WithRSAEncryption, sha512: OID.sha512WithRSAEncryption }[h];
      return { hash: h, identifier: identifier(oid, true) };
    }
    case 'ec': {
      const h = hash ?? 'sha256';
      const oid = { sha1: OID.ecdsaWithSha1, sha256: OID.ecdsaWithSha256, sha384: OID.ecdsaWithSha384, sha512: OID.ecdsaWithSha512 }[h];
      return { hash: h, identifier: identifier(oid, false) };
    }
    case 'ed25519':
      return { hash: null, identifier: identifier(OID.ed25519, false) };
    case 'ed448':
      return { hash: null, identifier: identifier(OID.ed448, false) };
    default:
      throw new HarnessError(`a ${String(key.asymmetricKeyType)} CA key cannot sign certificates here (RSA, EC, Ed25519 or Ed448 only)`);
  }
}

/** Issuer data taken from a CA certificate: its subject as raw DER and its subjectKeyIdentifier. */
function issuerFromCertificate(caCert: X509Certificate, privateKey: KeyObject, keySource: string): Issuer {
  const type = privateKey.asymmetricKeyType;
  let defaultHash: Hash | null;
  if (type === 'rsa') defaultHash = 'sha256';
  else if (type === 'ec') {
    const curve = privateKey.asymmetricKeyDetails?.namedCurve;
    defaultHash = curve === 'secp384r1' ? 'sha384' : curve === 'secp521r1' ? 'sha512' : 'sha256';
  } else if (type === 'ed25519' || type === 'ed448') defaultHash = null;
  else throw new HarnessError(`${keySource}: a ${String(type)} CA key is not supported (RSA, EC, Ed25519 or Ed448 only)`);

  const tbs = asn1.fromDer(caCert.raw.toString('binary')).value[0] as forge.asn1.Asn1;
  const fields = tbs.value as forge.asn1.Asn1[];
  const offset = fields[0]?.tagClass === asn1.Class.CONTEXT_SPECIFIC && fields[0].type === 0 ? 1 : 0;
  const subject = fields[offset + 4]!;
  let keyIdentifier: string | undefined;
  const extensionsField = fields.find((f) => f.tagClass === asn1.Class.CONTEXT_SPECIFIC && f.type === 3);
  for (const extension of ((extensionsField?.value as forge.asn1.Asn1[] | undefined)?.[0]?.value ?? []) as forge.asn1.Asn1[]) {
    const parts = extension.value as forge.asn1.Asn1[];
    if (asn1.derToOid(parts[0]!.value as string) !== OID.subjectKeyIdentifier) continue;
    const octets = parts[parts.length - 1]!.value as string;
    keyIdentifier = asn1.fromDer(octets).value as string;
  }
  const selfIssued = caCert.checkIssued(caCert) && caCert.verify(caCert.publicKey);
  return { subject, keyIdentifier, privateKey, defaultHash, chainPem: selfIssued ? '' : caCert.toString() };
}

/** 128-bit random serial, positive, DER-minimal (top bit clear, second bit set). */
function randomSerialHex(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0]! & 0x7f) | 0x40;
  return bytes.toString('hex');
}

function toPem(label: string, der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

// ---------------------------------------------------------------------------------------------
// Reading the user's files. Messages name the file; they never quote key material.

async function readText(file: string, what: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new HarnessError(`${file}: cannot read the ${what}${code ? ` (${code})` : ''}`, { cause: error });
  }
}

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

async function readCertificates(file: string): Promise<X509Certificate[]> {
  const text = await readText(file, 'certificate file');
  const blocks = text.match(PEM_CERTIFICATE);
  if (!blocks) throw new HarnessError(`${file}: not a PEM certificate file (no -----BEGIN CERTIFICATE----- block)`);
  return blocks.map((block, i) => {
    try {
      return new X509Certificate(block);
    } catch (error) {
      throw new HarnessError(`${file}: certificate ${i + 1} is not a valid X.509 certificate`, { cause: error });
    }
  });
}

async function readPrivateKey(file: string): Promise<KeyObject> {
  const text = await readText(file, 'private key file');
  if (/-----BEGIN ENCRYPTED PRIVATE KEY-----|Proc-Type: 4,ENCRYPTED/.test(text)) {
    throw new HarnessError(`${file}: the private key is encrypted; give part15 an unencrypted key (in a 0600 file)`);
  }
  const block = /-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY-----[\s\S]+?-----END \1PRIVATE KEY-----/.exec(text);
  if (!block) throw new HarnessError(`${file}: not a PEM private key file (no -----BEGIN … PRIVATE KEY----- block)`);
  try {
    return createPrivateKey(block[0]);
  } catch {
    // The cause is dropped on purpose: parser errors can echo input.
    throw new HarnessError(`${file}: the PEM private key cannot be read`);
  }
}

// ---------------------------------------------------------------------------------------------

export interface SecretFiles extends AsyncDisposable {
  dir: string;
  paths: Record<string, string>;
  /** Removes the folder and everything in it. Safe to call twice. */
  dispose(): Promise<void>;
}

const SAFE_FILE_NAME = /^(?!\.{1,2}$)[A-Za-z0-9._-]{1,128}$/;

/** Writes files (name → content) into a fresh 0700 temp folder, each 0600; dispose() removes the folder. */
export async function writeSecretFiles(files: Record<string, string>): Promise<SecretFiles> {
  for (const name of Object.keys(files)) {
    if (!SAFE_FILE_NAME.test(name)) throw new HarnessError(`writeSecretFiles: "${name}" is not a plain file name`);
  }
  const dir = await mkdtemp(join(tmpdir(), 'part15-secret-'));
  let disposed: Promise<void> | undefined;
  const dispose = () => (disposed ??= rm(dir, { recursive: true, force: true }));
  try {
    await chmod(dir, 0o700);
    const paths: Record<string, string> = {};
    for (const [name, content] of Object.entries(files)) {
      const path = join(dir, name);
      await writeFile(path, content, { mode: 0o600, flag: 'wx' });
      await chmod(path, 0o600); // in case the umask was unusual; mode only ever narrows
      paths[name] = path;
    }
    return { dir, paths, dispose, [Symbol.asyncDispose]: dispose };
  } catch (error) {
    await dispose();
    throw new HarnessError(`could not write secret files under ${dir}`, { cause: error });
  }
}
