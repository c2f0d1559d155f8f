/**
 * A reference node started in a container (testcontainers 12.0.1, the only module importing it).
 * Host networking on free loopback ports chosen here; readiness by a command or a log line (exposed
 * ports time out in host mode); the run's PKI copied in; our own labels; and removal of every
 * container we started, also when start-up fails (no reaper exists without a registry).
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { GenericContainer, Wait, type StartedTestContainer } from 'testcontainers';
import { TargetNotReadyError } from '../core/errors.ts';
import type { RunningTarget, TargetEndpoints, TargetSpec } from '../core/target.ts';
import type { TestPki } from '../pki/test-pki.ts';
import type { LoadedTarget } from '../suite/load-target.ts';
import type { ContainerTargetFile, EndpointName } from '../suite/schema.ts';
import { assertEngineAnswers, buildImage, containerLogs, imageExists, LABEL_INSTANCE, LABEL_MANAGED, LABEL_RUN, removeContainersLabelled } from './docker-cli.ts';
import { freeLoopbackPort } from './free-port.ts';
import { targetIdentity } from './target-identity.ts';
import { targetWeb } from './target-web.ts';
import { AuditChannel, attachAuditChannel } from '../audit/audit-channel.ts';

// The reaper image cannot be pulled here; cleanup is ours (removeContainersLabelled).
process.env.TESTCONTAINERS_RYUK_DISABLED = 'true';

const PKI_DIR_IN_CONTAINER = '/run/part15/pki';
const IDENTITY_DIR_IN_CONTAINER = '/run/part15/identity';

export interface ContainerTargetOptions {
  runId: string;
  pki: TestPki;
  /** Where image build logs go. */
  logDir: string;
}

export class ContainerTarget implements TargetSpec {
  readonly kind = 'container' as const;
  readonly name: string;
  readonly description: string;
  readonly declaredEndpoints: TargetEndpoints;

  constructor(
    private readonly file: LoadedTarget & ContainerTargetFile,
    private readonly options: ContainerTargetOptions,
  ) {
    this.name = file.name;
    this.description = file.description;
    this.declaredEndpoints = endpointsWithPorts(file, (e) => (file.endpoints[e]!.port === 'auto' ? 0 : (file.endpoints[e]!.port as number)));
  }

  async start(signal: AbortSignal): Promise<RunningTarget> {
    await assertEngineAnswers();
    const { tag, build, dockerfile } = this.file.image;
    if (!(await imageExists(tag))) {
      if (!build) throw new TargetNotReadyError(`image ${tag} is missing and the target file names no build folder`);
      await buildImage(tag, build, join(this.options.logDir, `build-${tag.replace(/[^a-zA-Z0-9.-]/g, '_')}.log`), dockerfile);
    }
    const ports: Partial<Record<EndpointName, number>> = {};
    for (const e of Object.keys(this.file.endpoints) as EndpointName[]) {
      const declared = this.file.endpoints[e]!.port;
      ports[e] = declared === 'auto' ? await freeLoopbackPort() : declared;
    }
    const server = this.options.pki.serverCredential(this.file.serverKey);
    const pkiFiles = {
      caCert: `${PKI_DIR_IN_CONTAINER}/ca.crt`,
      serverCert: `${PKI_DIR_IN_CONTAINER}/server.crt`,
      serverKey: `${PKI_DIR_IN_CONTAINER}/server.key`,
      // OpenSSL's hashed-directory trust store (DCMTK +cd): the CA under <subject hash>.0.
      caDir: `${PKI_DIR_IN_CONTAINER}/ca-dir`,
    };
    const caHashName = `${opensslSubjectHash(this.options.pki.caCertPem)}.0`;
    const identity = targetIdentity(this.file);
    const web = targetWeb(this.file);
    // The collectors open first: their ports go into the node's command line.
    const a = this.file.audit;
    const audit = a
      ? await AuditChannel.open(
          { transports: a.transports, windowMs: a.windowMs, ...(a.triggers ? { triggers: a.triggers } : {}) },
          { certPem: server.certPem, keyPem: server.keyPem, caPem: this.options.pki.caCertPem },
          { startedByHarness: true },
        )
      : undefined;
    const identityFiles = { usersFile: `${IDENTITY_DIR_IN_CONTAINER}/users`, jwtPublicKey: `${IDENTITY_DIR_IN_CONTAINER}/jwt-issuer.pem` };
    const fill = (text: string) =>
      text.replace(/\{\{\s*([a-zA-Z.]+)\s*\}\}/g, (_m, key: string) => {
        if (key === 'calledAeTitle') return this.file.calledAeTitle;
        if (key.startsWith('ports.')) return String(ports[key.slice(6) as EndpointName]);
        if (key === 'identity.jwtIssuer') return identity?.jwt?.issuer ?? '';
        if (key === 'identity.jwtAudience') return identity?.jwt?.audience ?? '';
        if (key.startsWith('identity.')) return identityFiles[key.slice(9) as keyof typeof identityFiles];
        if (key === 'dicomweb.jwtPublicKey') return `${IDENTITY_DIR_IN_CONTAINER}/dicomweb-issuer.pem`;
        if (key === 'dicomweb.jwtIssuer') return web?.auth.scheme === 'bearer' ? web.auth.issuer : '';
        if (key === 'dicomweb.jwtAudience') return web?.auth.scheme === 'bearer' ? web.auth.audience : '';
        if (key === 'audit.host') return '127.0.0.1';
        if (key === 'audit.tlsPort') return String(audit?.endpoints.tls?.port ?? '');
        if (key === 'audit.udpPort') return String(audit?.endpoints.udp?.port ?? '');
        return pkiFiles[key.slice(4) as keyof typeof pkiFiles];
      });
    // The node's accounts, as files (never on its command line, where docker inspect would show them).
    const identityContent = identity
      ? [
          { content: `${identity.username}:${identity.passcode ?? ''}\n`, target: identityFiles.usersFile, mode: 0o600 },
          ...(identity.jwt ? [{ content: identity.jwt.publicKeyPem, target: identityFiles.jwtPublicKey, mode: 0o644 }] : []),
        ]
      : [];
    const instance = randomUUID();
    const ready = 'command' in this.file.ready ? Wait.forSuccessfulCommand(fill(this.file.ready.command)) : Wait.forLogMessage(fill(this.file.ready.log));
    const container = new GenericContainer(tag)
      .withNetworkMode('host')
      .withCommand(this.file.command.map(fill))
      .withLabels({ [LABEL_MANAGED]: 'true', [LABEL_RUN]: this.options.runId, [LABEL_INSTANCE]: instance, 'org.part15.target': this.name })
      .withCopyContentToContainer([
        { content: this.options.pki.caCertPem, target: pkiFiles.caCert, mode: 0o644 },
        { content: this.options.pki.caCertPem, target: `${pkiFiles.caDir}/${caHashName}`, mode: 0o644 },
        { content: server.certPem, target: pkiFiles.serverCert, mode: 0o644 },
        { content: server.keyPem, target: pkiFiles.serverKey, mode: 0o600 },
        ...identityContent,
        ...(web?.auth.scheme === 'bearer' ? [{ content: web.auth.publicKeyPem, target: `${IDENTITY_DIR_IN_CONTAINER}/dicomweb-issuer.pem`, mode: 0o644 }] : []),
      ])
      .withWaitStrategy(ready)
      .withStartupTimeout(this.file.startupTimeoutMs);

    let started: StartedTestContainer;
    const onAbort = () => void removeContainersLabelled(LABEL_INSTANCE, instance);
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      started = await container.start();
    } catch (e) {
      const logs = await containerLogs(instance).catch(() => '');
      await removeContainersLabelled(LABEL_INSTANCE, instance);
      await audit?.close();
      throw new TargetNotReadyError(
        `container ${this.name} (${tag}) did not become ready within ${this.file.startupTimeoutMs} ms: ${(e as Error).message.split('\n')[0]}${logs ? `\ncontainer log:\n${logs}` : ''}`,
        { cause: e },
      );
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
    if (audit) audit.readyAt = new Date();
    let stopped = false;
    const running: RunningTarget = {
      name: this.name,
      description: this.description,
      kind: 'container',
      endpoints: endpointsWithPorts(this.file, (e) => ports[e]!),
      pki: this.options.pki,
      maxConnections: this.file.maxConnections,
      ...(identity ? { identity } : {}),
      ...(audit ? { audit: audit.declaration } : {}),
      ...(web ? { web } : {}),
      stop: async () => {
        if (stopped) return;
        stopped = true;
        // storescp as PID 1 ignores SIGTERM (TARGETS.md §4.5): no grace period.
        await started.stop({ timeout: 0 }).catch(() => undefined);
        await removeContainersLabelled(LABEL_INSTANCE, instance);
        await audit?.close();
      },
    };
    return audit ? attachAuditChannel(running, audit) : running;
  }
}

/** `openssl x509 -subject_hash`: the file name OpenSSL looks a CA up by in a trust directory. */
function opensslSubjectHash(pem: string): string {
  try {
    return execFileSync('openssl', ['x509', '-noout', '-subject_hash'], { input: pem, encoding: 'utf8', timeout: 10_000 }).trim();
  } catch (e) {
    throw new TargetNotReadyError('could not compute the CA subject hash with the openssl command (install openssl)', { cause: e });
  }
}

function endpointsWithPorts(file: ContainerTargetFile, portOf: (e: EndpointName) => number): TargetEndpoints {
  const out: TargetEndpoints = {};
  for (const e of ['dimse', 'dimseTls'] as const) {
    const decl = file.endpoints[e];
    if (decl) out[e] = { host: '127.0.0.1', port: portOf(e), calledAeTitle: decl.calledAeTitle ?? file.calledAeTitle, ...(file.callingAeTitle ? { callingAeTitle: file.callingAeTitle } : {}) };
  }
  for (const e of ['http', 'https'] as const) if (file.endpoints[e]) out[e] = { host: '127.0.0.1', port: portOf(e) };
  return out;
}
