/**
 * A target file's `dicomweb` → what the web probes need: the service root, and the credentials of
 * its auth scheme. Basic passwords come from the file (lab nodes) or an environment variable;
 * the Bearer issuer key is the user's (external nodes) or made for this run (containers, which get
 * its public key as {{dicomweb.jwtPublicKey}}). Nothing here is logged.
 */
import { InputError } from '../core/errors.ts';
import type { TargetWeb } from '../core/target.ts';
import type { TargetFile } from '../suite/schema.ts';
import { issuerKeyPair } from './target-identity.ts';

export function targetWeb(file: TargetFile & { sourceFile: string }, env: NodeJS.ProcessEnv = process.env): TargetWeb | undefined {
  const w = file.dicomweb;
  if (!w) return undefined;
  const a = w.auth;
  const base = { root: w.root.replace(/\/+$/, ''), hidesWith404: w.hidesWith404 };
  if (a.scheme === 'none') return { ...base, auth: { scheme: 'none' } };
  if (a.scheme === 'basic') {
    const password = a.password ?? (a.passwordEnv !== undefined ? env[a.passwordEnv] : undefined);
    if (password === undefined) {
      throw new InputError([{ file: file.sourceFile, path: 'dicomweb.auth', message: a.passwordEnv ? `environment variable ${a.passwordEnv} is not set` : 'a basic scheme needs password or passwordEnv' }]);
    }
    return { ...base, auth: { scheme: 'basic', username: a.username, password } };
  }
  const { privateKeyPem, publicKeyPem } = issuerKeyPair(file.sourceFile, a.privateKey, 'dicomweb.auth.privateKey');
  return { ...base, auth: { scheme: 'bearer', issuer: a.issuer, audience: a.audience, privateKeyPem, publicKeyPem, readScope: a.readScope, writeScope: a.writeScope } };
}
