/**
 * JSON Web Tokens for user identity type 5 (PS3.7 D.3.3.7; RFC 7519, RFC 8725): one valid token
 * from the target's issuer key, and variants each broken in exactly one way a verifier must catch.
 * Made with jose; the tokens live in memory only and never reach evidence (the evidence names the
 * variant and the header's alg).
 */
import { generateKeyPair, importPKCS8, SignJWT, UnsecuredJWT } from 'jose';
import type { JWT_VARIANTS } from '../../suite/schema.ts';

export type JwtVariant = (typeof JWT_VARIANTS)[number];

export interface JwtIssuer {
  issuer: string;
  audience: string;
  privateKeyPem: string;
  publicKeyPem: string;
}

/** `extraClaims` (e.g. a DICOMweb `scope`) are added to every variant's payload. */
export async function tokenFor(
  variant: JwtVariant,
  issuer: JwtIssuer,
  subject: string,
  nowSeconds = Math.floor(Date.now() / 1000),
  extraClaims: Record<string, string> = {},
): Promise<{ token: string; alg: string }> {
  const claims = { iss: issuer.issuer, aud: variant === 'wrong-audience' ? 'part15-not-this-audience' : issuer.audience, sub: subject, ...extraClaims };
  const times =
    variant === 'expired'
      ? { iat: nowSeconds - 900, nbf: nowSeconds - 900, exp: nowSeconds - 600 }
      : variant === 'not-yet-valid'
        ? { iat: nowSeconds, nbf: nowSeconds + 600, exp: nowSeconds + 900 }
        : { iat: nowSeconds, nbf: nowSeconds - 5, exp: nowSeconds + 300 };
  const payload = { ...claims, ...times };
  switch (variant) {
    case 'alg-none':
      // RFC 7519 §6: an unsecured JWT, "alg":"none" and an empty signature.
      return { token: new UnsecuredJWT(payload).encode(), alg: 'none' };
    case 'hs256-public-key':
      // The algorithm-confusion attack (RFC 8725 §2.1): HMAC keyed with the issuer's public key.
      return { token: await new SignJWT(payload).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(new TextEncoder().encode(issuer.publicKeyPem)), alg: 'HS256' };
    case 'bad-signature': {
      // Well-formed and RS256, but signed by a key the node never trusted.
      const { privateKey } = await generateKeyPair('RS256', { modulusLength: 2048 });
      return { token: await new SignJWT(payload).setProtectedHeader({ alg: 'RS256', typ: 'JWT' }).sign(privateKey), alg: 'RS256' };
    }
    default:
      return { token: await new SignJWT(payload).setProtectedHeader({ alg: 'RS256', typ: 'JWT' }).sign(await importPKCS8(issuer.privateKeyPem, 'RS256')), alg: 'RS256' };
  }
}
