/**
 * A target file's `userIdentity` → the credentials probes use. Passcodes come from the file (lab
 * nodes) or from an environment variable (CI secrets); the JWT issuer key is the user's (external
 * nodes) or made for this run (containers, which get its public key). Nothing here is logged.
 */
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { InputError } from '../core/errors.ts';
import type { TargetIdentity } from '../core/target.ts';
import type { TargetFile } from '../suite/schema.ts';

export function targetIdentity(file: TargetFile & { sourceFile: string }, env: NodeJS.ProcessEnv = process.env): TargetIdentity | undefined {
  const u = file.userIdentity;
  if (!u) return undefined;
  const passcode = u.passcode ?? (u.passcodeEnv !== undefined ? env[u.passcodeEnv] : undefined);
  if (u.passcodeEnv !== undefined && passcode === undefined) {
    throw new InputError([{ file: file.sourceFile, path: 'userIdentity.passcodeEnv', message: `environment variable ${u.passcodeEnv} is not set` }]);
  }
  if (!u.jwt) return { username: u.username, ...(passcode !== undefined ? { passcode } : {}) };
  const { privateKeyPem, publicKeyPem } = issuerKeyPair(file.sourceFile, u.jwt.privateKey, 'userIdentity.jwt.privateKey');
  return {
    username: u.username,
    ...(passcode !== undefined ? { passcode } : {}),
    jwt: { issuer: u.jwt.issuer, audience: u.jwt.audience, privateKeyPem, publicKeyPem },
  };
}

/**
 * A token issuer's RSA key pair: the user's PEM private key (relative to the target file) for an
 * external node, or one made for this run (a container gets the public half as a file).
 */
export function issuerKeyPair(sourceFile: string, privateKey: string | undefined, fieldPath: string): { privateKeyPem: string; publicKeyPem: string } {
  if (!privateKey) {
    const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
    return { privateKeyPem: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), publicKeyPem: pair.publicKey.export({ type: 'spki', format: 'pem' }).toString() };
  }
  const path = resolve(sourceFile, '..', privateKey);
  try {
    const privateKeyPem = readFileSync(path, 'utf8');
    return { privateKeyPem, publicKeyPem: createPublicKey(privateKeyPem).export({ type: 'spki', format: 'pem' }).toString() };
  } catch (e) {
    throw new InputError([{ file: sourceFile, path: fieldPath, message: `cannot read a PEM private key from ${path}: ${(e as Error).message.split('\n')[0]}` }]);
  }
}
