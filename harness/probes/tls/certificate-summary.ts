/** A peer certificate (DER) → the fields checks judge: key type and size, signature algorithm, validity. */
import { X509Certificate } from 'node:crypto';
import forge from 'node-forge';
import type { CertificateSummary } from '../../core/evidence.ts';

/** Signature algorithm OIDs (RFC 3279, 4055, 5758, 8410). */
const SIGNATURE_ALGORITHMS: Record<string, { name: string; hash?: string }> = {
  '1.2.840.113549.1.1.4': { name: 'md5WithRSAEncryption', hash: 'md5' },
  '1.2.840.113549.1.1.5': { name: 'sha1WithRSAEncryption', hash: 'sha1' },
  '1.2.840.113549.1.1.14': { name: 'sha224WithRSAEncryption', hash: 'sha224' },
  '1.2.840.113549.1.1.11': { name: 'sha256WithRSAEncryption', hash: 'sha256' },
  '1.2.840.113549.1.1.12': { name: 'sha384WithRSAEncryption', hash: 'sha384' },
  '1.2.840.113549.1.1.13': { name: 'sha512WithRSAEncryption', hash: 'sha512' },
  '1.2.840.113549.1.1.10': { name: 'RSASSA-PSS' },
  '1.2.840.10045.4.1': { name: 'ecdsa-with-SHA1', hash: 'sha1' },
  '1.2.840.10045.4.3.1': { name: 'ecdsa-with-SHA224', hash: 'sha224' },
  '1.2.840.10045.4.3.2': { name: 'ecdsa-with-SHA256', hash: 'sha256' },
  '1.2.840.10045.4.3.3': { name: 'ecdsa-with-SHA384', hash: 'sha384' },
  '1.2.840.10045.4.3.4': { name: 'ecdsa-with-SHA512', hash: 'sha512' },
  '1.2.840.10040.4.3': { name: 'dsa-with-sha1', hash: 'sha1' },
  '2.16.840.1.101.3.4.3.2': { name: 'dsa-with-sha256', hash: 'sha256' },
  '1.3.101.112': { name: 'Ed25519' },
  '1.3.101.113': { name: 'Ed448' },
};

/**
 * Reads signatureAlgorithm and the version from
 * Certificate ::= SEQUENCE { tbsCertificate SEQUENCE { [0] EXPLICIT version DEFAULT v1, … }, signatureAlgorithm, signature }.
 */
function outerFields(der: Buffer): { signatureOid: string; x509Version: number } {
  const cert = forge.asn1.fromDer(forge.util.createBuffer(der.toString('binary')));
  const [tbs, algorithm] = cert.value as forge.asn1.Asn1[];
  const oid = (algorithm!.value as forge.asn1.Asn1[])[0]!;
  const first = (tbs!.value as forge.asn1.Asn1[])[0]!;
  // version is context tag [0] holding an INTEGER (0 = v1, 1 = v2, 2 = v3); absent means v1.
  const isVersionTag = first.tagClass === forge.asn1.Class.CONTEXT_SPECIFIC && first.type === 0;
  const versionInt = isVersionTag ? ((first.value as forge.asn1.Asn1[])[0]!.value as string).charCodeAt(0) : 0;
  return { signatureOid: forge.asn1.derToOid(oid.value as string), x509Version: versionInt + 1 };
}

export function summarizeCertificate(der: Buffer): CertificateSummary {
  const x = new X509Certificate(der);
  const details = x.publicKey.asymmetricKeyDetails ?? {};
  const keyType = (x.publicKey.asymmetricKeyType ?? 'unknown').toUpperCase().replace('RSA-PSS', 'RSA-PSS');
  const { signatureOid: oid, x509Version } = outerFields(der);
  const sig = SIGNATURE_ALGORITHMS[oid] ?? { name: oid };
  const summary: CertificateSummary = {
    subject: x.subject.replace(/\n/g, ', '),
    issuer: x.issuer.replace(/\n/g, ', '),
    serialNumber: x.serialNumber,
    keyType,
    signatureAlgorithm: sig.name,
    notBefore: new Date(x.validFrom).toISOString(),
    notAfter: new Date(x.validTo).toISOString(),
    // Issuer = subject and signed by its own key (RFC 5280 §6.1). Not checkIssued(x): OpenSSL's
    // X509_check_issued also demands keyCertSign, so a self-signed leaf (CA:FALSE) would read false.
    isSelfSigned: x.issuer === x.subject && x.verify(x.publicKey),
    sha256Fingerprint: x.fingerprint256,
    x509Version,
  };
  // Node names the extendedKeyUsage OIDs `keyUsage`; undefined when the extension is absent.
  if (x.keyUsage !== undefined) summary.extendedKeyUsage = [...x.keyUsage];
  if (details.modulusLength !== undefined) summary.keyBits = details.modulusLength;
  if (details.namedCurve !== undefined) {
    summary.namedCurve = details.namedCurve;
    summary.keyBits = CURVE_BITS[details.namedCurve];
  }
  if (sig.hash) summary.signatureHash = sig.hash;
  return summary;
}

const CURVE_BITS: Record<string, number> = {
  prime192v1: 192, secp224r1: 224, prime256v1: 256, secp384r1: 384, secp521r1: 521, secp256k1: 256,
};
