/**
 * Tests against real nodes never skip silently: under CI=true a missing Docker engine is a failure;
 * elsewhere the test is skipped with the reason printed (and the command that fixes it).
 */
import { execFileSync } from 'node:child_process';
import type { Context } from 'mocha';

export function dockerAnswers(): boolean {
  try {
    execFileSync('docker', ['info', '--format', '{{.ServerVersion}}'], { stdio: 'ignore', timeout: 15_000 });
    return true;
  } catch {
    return false;
  }
}

export function requireDocker(ctx: Context): void {
  if (dockerAnswers()) return;
  const why = 'no Docker engine answers (run harness/engine/ensure-host.sh as root on Debian)';
  if (process.env.CI === 'true') throw new Error(`CI=true and ${why}: tests against real nodes must not be skipped`);
  console.warn(`      skipped: ${why}`);
  ctx.skip();
}
