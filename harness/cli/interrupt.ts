/**
 * Ctrl-C and SIGTERM: abort probes, stop every target this process started, remove every container
 * of this run by label (no reaper exists), then exit 130. A second Ctrl-C exits at once.
 */
import type { RunningTarget } from '../core/target.ts';
import { LABEL_RUN, removeContainersLabelled } from '../targets/docker-cli.ts';

export class InterruptGuard {
  readonly controller = new AbortController();
  private readonly live = new Set<RunningTarget>();
  private interrupted = false;

  constructor(private readonly runId: string) {}

  install(): void {
    const onSignal = (sig: NodeJS.Signals) => void this.interrupt(sig);
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  }

  track(t: RunningTarget): void {
    this.live.add(t);
  }
  untrack(t: RunningTarget): void {
    this.live.delete(t);
  }

  private async interrupt(sig: NodeJS.Signals): Promise<void> {
    if (this.interrupted) process.exit(130);
    this.interrupted = true;
    process.stderr.write(`\npart15: ${sig}: stopping targets and removing this run's containers…\n`);
    this.controller.abort();
    await Promise.allSettled([...this.live].map((t) => t.stop()));
    await removeContainersLabelled(LABEL_RUN, this.runId).catch(() => 0);
    process.exit(130);
  }
}
