/**
 * *.target.yaml → typed, validated target definition. Relative paths (image build folder, PKI
 * files) are resolved against the target file's folder and must exist.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { InputError, type InputProblem } from '../core/errors.ts';
import { formatPath, problemsFromZod, readYamlFile } from './read-yaml-file.ts';
import { TargetFile, type ContainerTargetFile, type ExternalTargetFile } from './schema.ts';

export type LoadedTarget = (ContainerTargetFile | ExternalTargetFile) & { sourceFile: string };

const TEMPLATE = /\{\{\s*([a-zA-Z.]+)\s*\}\}/g;
const TEMPLATE_KEYS = new Set(['ports.dimse', 'ports.dimseTls', 'ports.http', 'ports.https', 'pki.caCert', 'pki.caDir', 'pki.serverCert', 'pki.serverKey', 'calledAeTitle', 'identity.usersFile', 'identity.jwtPublicKey', 'identity.jwtIssuer', 'identity.jwtAudience', 'audit.host', 'audit.tlsPort', 'audit.udpPort', 'dicomweb.jwtPublicKey', 'dicomweb.jwtIssuer', 'dicomweb.jwtAudience']);

export function loadTarget(file: string): LoadedTarget {
  const source = readYamlFile(file);
  const parsed = TargetFile.safeParse(source.data);
  if (!parsed.success) throw new InputError(problemsFromZod(source, parsed.error.issues));
  const target = parsed.data;
  const problems: InputProblem[] = [];
  const at = (path: Array<string | number>, message: string) => problems.push({ file, ...source.locate(path), path: formatPath(path), message });
  const base = dirname(resolve(file));

  if (target.kind === 'container') {
    if (target.image.build !== undefined) {
      const dir = resolve(base, target.image.build);
      const dockerfile = resolve(base, target.image.dockerfile ?? join(target.image.build, 'Dockerfile'));
      if (!existsSync(dir) || !statSync(dir).isDirectory()) at(['image', 'build'], `folder not found: ${dir}`);
      else if (!existsSync(dockerfile)) at(['image', target.image.dockerfile ? 'dockerfile' : 'build'], `no Dockerfile at ${dockerfile}`);
      else {
        target.image.build = dir;
        target.image.dockerfile = dockerfile;
      }
    }
    const texts: Array<[Array<string | number>, string]> = target.command.map((c, i) => [['command', i], c]);
    if ('command' in target.ready) texts.push([['ready', 'command'], target.ready.command]);
    for (const [path, text] of texts) {
      for (const m of text.matchAll(TEMPLATE)) {
        const key = m[1]!;
        if (!TEMPLATE_KEYS.has(key)) at(path, `unknown template {{${key}}}; expected one of ${[...TEMPLATE_KEYS].map((k) => `{{${k}}}`).join(', ')}`);
        else if (key.startsWith('ports.') && !(key.slice(6) in target.endpoints)) at(path, `{{${key}}} names an endpoint this target does not declare`);
        else if (key.startsWith('audit.') && !target.audit) at(path, `{{${key}}} needs an audit: block (the node sends audit messages)`);
        else if (key !== 'audit.host' && key.startsWith('audit.') && !target.audit!.transports.includes(key === 'audit.tlsPort' ? 'tls' : 'udp')) {
          at(path, `{{${key}}} names a collector for a transport audit.transports does not list`);
        }
      }
    }
  } else if (target.pki) {
    for (const key of ['caCert', 'clientCert', 'clientKey', 'caKey'] as const) {
      const value = target.pki[key];
      if (value === undefined) continue;
      const path = resolve(base, value);
      if (!existsSync(path)) at(['pki', key], `file not found: ${path}`);
      else target.pki[key] = path;
    }
  }
  if (problems.length > 0) throw new InputError(problems);
  return { ...target, sourceFile: file };
}
