/** A target file or the `run` flags → a TargetSpec plus the PKI it uses. */
import { InputError } from '../core/errors.ts';
import { HarnessError } from '../core/errors.ts';
import type { ClientPki, TargetEndpoints, TargetSpec } from '../core/target.ts';
import { TestPki } from '../pki/test-pki.ts';
import { loadTarget, type LoadedTarget } from '../suite/load-target.ts';
import { ExternalTarget, NoUserPki } from '../targets/external-target.ts';
import { targetIdentity } from '../targets/target-identity.ts';
import { targetWeb } from '../targets/target-web.ts';
import type { Command } from './parse-args.ts';

type RunCommand = Extract<Command, { name: 'run' }>;

export async function targetFromFile(file: string | LoadedTarget, runId: string, logDir: string, pki?: TestPki): Promise<TargetSpec> {
  const t = typeof file === 'string' ? loadTarget(file) : file;
  if (t.kind === 'container') {
    // Loaded on demand: testcontainers costs ~0.5 s to import, and external runs never need it.
    const { ContainerTarget } = await import('../targets/container-target.ts');
    return new ContainerTarget(t, { runId, pki: pki ?? (await TestPki.create({ runTag: runId })), logDir });
  }
  const endpoints: TargetEndpoints = {};
  for (const name of ['dimse', 'dimseTls'] as const) {
    const e = t.endpoints[name];
    if (e) endpoints[name] = { host: t.host, port: e.port, calledAeTitle: e.calledAeTitle ?? t.calledAeTitle, ...(t.callingAeTitle ? { callingAeTitle: t.callingAeTitle } : {}) };
  }
  for (const name of ['http', 'https'] as const) {
    const e = t.endpoints[name];
    if (e) endpoints[name] = { host: t.host, port: e.port };
  }
  const web = targetWeb(t);
  const userPki = t.pki ? await userPkiOrInputError(t.sourceFile, () => TestPki.fromUserFiles({ ...t.pki! }, { runTag: runId })) : new NoUserPki(await TestPki.create({ runTag: runId }));
  const identity = targetIdentity(t);
  const audit = t.audit ? await externalAudit(t, runId) : undefined;
  return new ExternalTarget({ name: t.name, description: t.description, endpoints, pki: userPki, maxConnections: t.maxConnections, ...(identity ? { identity } : {}), ...(audit ? { audit } : {}), ...(web ? { web } : {}) });
}

/**
 * The collector of an external node presents the user's client certificate (it chains to the CA
 * the node trusts) or, without a user PKI, a certificate from part15's run CA.
 */
async function externalAudit(t: Extract<LoadedTarget, { kind: 'external' }>, runId: string) {
  const declaration = { transports: t.audit!.transports, windowMs: t.audit!.windowMs, ...(t.audit!.triggers ? { triggers: t.audit!.triggers } : {}) };
  const ports = { tls: t.auditCollector?.tlsPort ?? 6514, udp: t.auditCollector?.udpPort ?? 514 };
  if (t.pki) {
    const { readFileSync } = await import('node:fs');
    const collectorTls = { certPem: readFileSync(t.pki.clientCert, 'utf8'), keyPem: readFileSync(t.pki.clientKey, 'utf8'), caPem: readFileSync(t.pki.caCert, 'utf8') };
    return { declaration, ports, collectorTls };
  }
  const pki = await TestPki.create({ runTag: runId });
  const server = pki.serverCredential('rsa-2048');
  return { declaration, ports, collectorTls: { certPem: server.certPem, keyPem: server.keyPem, caPem: pki.caCertPem } };
}

export async function targetFromFlags(cmd: RunCommand, runId: string): Promise<TargetSpec> {
  const x = cmd.external!;
  const endpoints: TargetEndpoints = {};
  const calling = x.callingAe ? { callingAeTitle: x.callingAe } : {};
  if (x.dimseTls) endpoints.dimseTls = { ...x.dimseTls, calledAeTitle: x.calledAe, ...calling };
  if (x.dimse) endpoints.dimse = { ...x.dimse, calledAeTitle: x.calledAe, ...calling };
  const pki: ClientPki = x.ca
    ? await userPkiOrInputError('command line', () =>
        TestPki.fromUserFiles({ caCert: x.ca!, clientCert: x.clientCert!, clientKey: x.clientKey!, ...(x.caKey ? { caKey: x.caKey } : {}) }, { runTag: runId }),
      )
    : new NoUserPki(await TestPki.create({ runTag: runId }));
  const where = [x.dimseTls && `DICOM TLS ${x.dimseTls.host}:${x.dimseTls.port}`, x.dimse && `DICOM ${x.dimse.host}:${x.dimse.port}`, x.dicomweb && `DICOMweb ${x.dicomweb}`]
    .filter(Boolean)
    .join(', ');
  return new ExternalTarget({ name: x.name, description: `node already running: ${where}`, endpoints, pki, maxConnections: 3 });
}

/** A user's PKI file that cannot be used is an input error (exit 64), named by file. */
async function userPkiOrInputError(where: string, load: () => Promise<TestPki>): Promise<TestPki> {
  try {
    return await load();
  } catch (e) {
    if (e instanceof HarnessError) throw new InputError([{ file: where, path: 'pki', message: e.message }]);
    throw e;
  }
}
