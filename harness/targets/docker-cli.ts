/**
 * The few Docker operations testcontainers 12.0.1 does not offer: a build with host networking
 * (its builder has no network-mode option), and label-based cleanup (there is no reaper: Ryuk
 * cannot be pulled without a registry, so every container we start is ours to remove).
 */
import { execFile } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { spawn } from 'node:child_process';
import { EngineUnavailableError, HarnessError } from '../core/errors.ts';

export const LABEL_MANAGED = 'org.part15.managed';
export const LABEL_RUN = 'org.part15.run';
export const LABEL_INSTANCE = 'org.part15.instance';

function docker(args: string[], timeoutMs = 30_000): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('docker', args, { timeout: timeoutMs, maxBuffer: 8 << 20 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as NodeJS.ErrnoException).code === 'number' ? Number((err as NodeJS.ErrnoException).code) : 1) : 0;
      resolve({ code: err && (err as NodeJS.ErrnoException).code === 'ENOENT' ? 127 : code, stdout, stderr });
    });
  });
}

export async function assertEngineAnswers(): Promise<void> {
  const r = await docker(['info', '--format', '{{.ServerVersion}}'], 15_000);
  if (r.code === 127) throw new EngineUnavailableError('the docker command is not installed: run harness/engine/ensure-host.sh (as root on Debian) or install Docker');
  if (r.code !== 0) {
    throw new EngineUnavailableError(`no Docker engine answers (${r.stderr.trim().split('\n')[0] ?? 'docker info failed'}): run harness/engine/ensure-host.sh, which installs and starts one on Debian`);
  }
}

export async function imageExists(tag: string): Promise<boolean> {
  return (await docker(['image', 'inspect', tag], 15_000)).code === 0;
}

/** docker build --network host; the build log goes to a file, its tail into the error. */
export function buildImage(tag: string, contextDir: string, logFile: string, dockerfile?: string): Promise<void> {
  mkdirSync(dirname(logFile), { recursive: true });
  return new Promise((resolve, reject) => {
    const log = createWriteStream(logFile);
    const tail: string[] = [];
    const child = spawn('docker', ['build', '--network', 'host', '--label', `${LABEL_MANAGED}=true`, ...(dockerfile ? ['-f', dockerfile] : []), '-t', tag, contextDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    const keep = (b: Buffer) => {
      log.write(b);
      tail.push(...b.toString().split('\n'));
      tail.splice(0, Math.max(0, tail.length - 15));
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', (e) => reject(new EngineUnavailableError(`docker build could not start: ${e.message}`)));
    child.on('close', (code) => {
      log.end();
      if (code === 0) resolve();
      else reject(new HarnessError(`docker build of ${tag} from ${contextDir} failed (exit ${code}; log ${logFile}):\n${tail.join('\n')}`));
    });
  });
}

/**
 * Removes every container carrying label=value, running or not, and checks again: a removal that
 * races a container's start can fail (seen on Ctrl-C during start-up), so it retries until none is
 * left or ~3 s have passed. Never throws.
 */
export async function removeContainersLabelled(label: string, value: string): Promise<number> {
  let removed = 0;
  for (let attempt = 0; attempt < 15; attempt++) {
    const ps = await docker(['ps', '-aq', '--filter', `label=${label}=${value}`], 15_000);
    const ids = ps.stdout.split('\n').filter(Boolean);
    if (ids.length === 0) return removed;
    const rm = await docker(['rm', '-f', ...ids], 30_000);
    if (rm.code === 0) removed += ids.length;
    await new Promise((r) => setTimeout(r, 200));
  }
  return removed;
}

export async function containerLogs(instance: string, lines = 30): Promise<string> {
  const ps = await docker(['ps', '-aq', '--filter', `label=${LABEL_INSTANCE}=${instance}`], 15_000);
  const id = ps.stdout.split('\n').find(Boolean);
  if (!id) return '';
  const r = await docker(['logs', '--tail', String(lines), id], 15_000);
  return (r.stdout + r.stderr).trim();
}
