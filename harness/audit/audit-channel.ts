/**
 * The audit side of one running target: part15's syslog collectors for the transports the target
 * declares (PS3.15 A.6 TLS, A.7 UDP), opened before the node starts so their ports can be written
 * into its configuration, and closed with it.
 *
 * Stimuli run one at a time (`exclusive`): an audit message is matched to its stimulus by a fresh
 * calling AE title where the stimulus has one, and otherwise by time alone, which is only sound
 * when nothing else part15 does to the node can cause a message in the same window. Each stimulus
 * runs once per run (`once`), however many checks read its messages.
 */
import type { AuditDeclaration, RunningTarget } from '../core/target.ts';
import { SyslogTlsCollector, SyslogUdpCollector, type CapturedConnection, type CapturedMessage } from './collector/syslog-collectors.ts';

export type AuditTransport = 'tls' | 'udp';
export type { AuditDeclaration };

const channels = new WeakMap<RunningTarget, AuditChannel>();

/** The collectors of a running target (the target that opened them attaches them). */
export function attachAuditChannel(target: RunningTarget, channel: AuditChannel): RunningTarget {
  channels.set(target, channel);
  return target;
}

export function auditChannelOf(target: RunningTarget): AuditChannel | undefined {
  return channels.get(target);
}

export interface CollectorTls {
  certPem: string;
  keyPem: string;
  caPem: string;
}

export class AuditChannel {
  readonly endpoints: Partial<Record<AuditTransport, { host: string; port: number }>> = {};
  readonly openedAt = new Date();
  /** When the node became ready (set by the target once its container answers). */
  readyAt: Date | undefined;
  /** When the first stimulus other than node-start began: the node-start messages end there. */
  firstStimulusAt: Date | undefined;
  /** Fresh calling AE titles already used by stimuli: a message naming one belongs to that stimulus. */
  readonly stimulusAeTitles = new Set<string>();
  private readonly tls: SyslogTlsCollector | undefined;
  private readonly udp: SyslogUdpCollector | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly memo = new Map<string, Promise<unknown>>();

  private constructor(
    readonly declaration: AuditDeclaration,
    readonly startedByHarness: boolean,
    tls: CollectorTls,
  ) {
    // The node's certificate is asked for and recorded, never required: a sender without one must
    // be seen (and judged by AUD-TLS-05), not silently shut out.
    if (declaration.transports.includes('tls')) this.tls = new SyslogTlsCollector({ ...tls, requireClientCertificate: false });
    if (declaration.transports.includes('udp')) this.udp = new SyslogUdpCollector();
  }

  /** Opens the collectors on 127.0.0.1; ports 0 (default) are chosen free. */
  static async open(declaration: AuditDeclaration, tls: CollectorTls, opts: { startedByHarness: boolean; ports?: Partial<Record<AuditTransport, number>> }): Promise<AuditChannel> {
    const channel = new AuditChannel(declaration, opts.startedByHarness, tls);
    try {
      if (channel.tls) channel.endpoints.tls = await channel.tls.start(opts.ports?.tls ?? 0);
      if (channel.udp) channel.endpoints.udp = await channel.udp.start(opts.ports?.udp ?? 0);
    } catch (e) {
      await channel.close();
      const err = e as NodeJS.ErrnoException;
      throw new Error(`cannot open the audit collector${err.code === 'EADDRINUSE' ? ' (port in use)' : ''}: ${err.message}`, { cause: e });
    }
    return channel;
  }

  /** Every message so far, both collectors, in arrival order. */
  messages(): CapturedMessage[] {
    return [...(this.tls?.messages ?? []), ...(this.udp?.messages ?? [])].sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));
  }

  connections(): readonly CapturedConnection[] {
    return this.tls?.connections ?? [];
  }

  /** Runs `fn` when no other stimulus is running. */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** The result of `fn` for this key, computed once per run. */
  once<T>(key: string, fn: () => Promise<T>): Promise<T> {
    let p = this.memo.get(key) as Promise<T> | undefined;
    if (!p) {
      p = fn();
      this.memo.set(key, p);
    }
    return p;
  }

  async close(): Promise<void> {
    await Promise.all([this.tls?.stop(), this.udp?.stop()]);
  }
}
