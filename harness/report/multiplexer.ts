/**
 * Fans every reporter hook out to several reporters (Playwright's multiplexer). A reporter that
 * throws — synchronously, or by rejecting a promise — is written down and skipped for that event;
 * the other reporters still get it and the run goes on. A broken JUnit writer must never cost the
 * conformance summary, nor turn a verdict into something else.
 */
import type { CheckRecord, ConformanceReporter, RunRecord } from '../core/run-record.ts';

type Hook = keyof ConformanceReporter;
type RunBeginInfo = Parameters<NonNullable<ConformanceReporter['onRunBegin']>>[0];

export interface ReporterError {
  /** The reporter's class name (or `reporter[i]` for a plain object). */
  reporter: string;
  hook: Hook;
  error: unknown;
}

export interface ReporterMultiplexerOptions {
  /** Called as each error is caught, e.g. to log it right away. Its own errors are ignored. */
  onReporterError?: (error: ReporterError) => void;
}

interface NamedReporter {
  name: string;
  reporter: ConformanceReporter;
}

export class ReporterMultiplexer implements ConformanceReporter {
  private readonly reporters: NamedReporter[];
  private readonly caught: ReporterError[] = [];
  /** Promises returned by hooks typed as sync (a reporter may still be async); settled at run end. */
  private readonly pending = new Set<Promise<void>>();

  constructor(
    reporters: readonly ConformanceReporter[],
    private readonly options: ReporterMultiplexerOptions = {},
  ) {
    this.reporters = reporters.map((reporter, i) => ({ name: reporterName(reporter, i), reporter }));
  }

  /** Every error caught so far, in the order caught. */
  get errors(): ReadonlyArray<ReporterError> {
    return this.caught;
  }

  get hasErrors(): boolean {
    return this.caught.length > 0;
  }

  onRunBegin(info: RunBeginInfo): void {
    for (const entry of this.reporters) this.callSync(entry, 'onRunBegin', () => entry.reporter.onRunBegin?.(info));
  }

  onCheckEnd(record: CheckRecord): void {
    for (const entry of this.reporters) this.callSync(entry, 'onCheckEnd', () => entry.reporter.onCheckEnd?.(record));
  }

  /** Resolves when every reporter has finished (or failed); never rejects. */
  async onRunEnd(run: RunRecord): Promise<void> {
    await Promise.all(this.reporters.map((entry) => this.callAsync(entry, 'onRunEnd', () => entry.reporter.onRunEnd?.(run))));
    // Async work started by earlier hooks must be settled before the run reports its errors.
    await Promise.all([...this.pending]);
  }

  private callSync(entry: NamedReporter, hook: Hook, call: () => unknown): void {
    try {
      const result = call();
      if (isPromiseLike(result)) {
        const settled = Promise.resolve(result).then(
          () => undefined,
          (error: unknown) => this.record(entry, hook, error),
        );
        this.pending.add(settled);
        void settled.finally(() => this.pending.delete(settled));
      }
    } catch (error) {
      this.record(entry, hook, error);
    }
  }

  private async callAsync(entry: NamedReporter, hook: Hook, call: () => unknown): Promise<void> {
    try {
      await call();
    } catch (error) {
      this.record(entry, hook, error);
    }
  }

  private record(entry: NamedReporter, hook: Hook, error: unknown): void {
    const caught: ReporterError = { reporter: entry.name, hook, error };
    this.caught.push(caught);
    try {
      this.options.onReporterError?.(caught);
    } catch {
      // A failing error callback must not undo the isolation it is there to report on.
    }
  }
}

function reporterName(reporter: ConformanceReporter, index: number): string {
  const ctor = (reporter as { constructor?: { name?: string } }).constructor;
  return ctor && ctor !== Object && ctor.name ? ctor.name : `reporter[${index}]`;
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}
