/**
 * A small CA and one client identity it issued, made with Debian's openssl CLI: the user's own PKI
 * as `--ca/--client-cert/--client-key/--ca-key` files (TestPki keeps its CA key in memory only).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface OpensslPki {
  dir: string;
  ca: string;
  caKey: string;
  clientCert: string;
  clientKey: string;
}

export function makeOpensslPki(): OpensslPki {
  const dir = mkdtempSync(join(tmpdir(), 'part15-e2e-pki-'));
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'], timeout: 30_000 });
  openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=part15 e2e CA',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
  openssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'client.key', '-out', 'client.csr', '-subj', '/CN=part15 e2e client');
  writeFileSync(join(dir, 'client.ext'), 'extendedKeyUsage=clientAuth\nkeyUsage=critical,digitalSignature,keyEncipherment\n');
  openssl('x509', '-req', '-in', 'client.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-days', '2', '-extfile', 'client.ext', '-out', 'client.pem');
  return { dir, ca: join(dir, 'ca.pem'), caKey: join(dir, 'ca.key'), clientCert: join(dir, 'client.pem'), clientKey: join(dir, 'client.key') };
}
