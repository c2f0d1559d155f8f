/**
 * Progress on the terminal: one line per check as it ends, then each suite's outcome. Writes to
 * stderr by default so stdout stays free for machine output. Text that may come from the target is
 * stripped of control characters: a hostile peer must not be able to drive the terminal with
 * escape sequences hidden in an alert message or AE title.
 */
import type { CheckRecord, ConformanceReporter, RunRecord, SuiteOutcome, TargetInfo } from '../core/run-record.ts';
import { VALUES_SHOWN_WARNING } from '../core/run-record.ts';
import { redactText } from '../core/redact.ts';
import { reasonOf, resultLabel, runExitCode, tally, verdictOf, type CheckResultLabel, type CheckTotals } from './check-tally.ts';

/** The part of a Writable this reporter needs (process.stderr, a PassThrough, a test double). */
export interface ConsoleStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
}

export interface ConsoleReporterOptions {
  /** Force colors on or off; by default on only for a TTY without NO_COLOR. */
  color?: boolean;
  /** Environment to read NO_COLOR from (tests pass their own). */
  env?: NodeJS.ProcessEnv;
}

type Paint = (text: string) => string;
const ansi = (open: number, close: number): Paint => (text) => `\u001b[${open}m${text}\u001b[${close}m`;
const COLORS = { green: ansi(32, 39), red: ansi(31, 39), yellow: ansi(33, 39), magenta: ansi(35, 39), gray: ansi(90, 39), bold: ansi(1, 22) };

const LOOK: Record<CheckResultLabel, { symbol: string; word: string; color: keyof typeof COLORS }> = {
  pass: { symbol: '✔', word: 'pass', color: 'green' },
  fail: { symbol: '✘', word: 'fail', color: 'red' },
  inconclusive: { symbol: '?', word: 'inconclusive', color: 'yellow' },
  error: { symbol: '!', word: 'error', color: 'magenta' },
  'not-applicable': { symbol: '–', word: 'n/a', color: 'gray' },
  disabled: { symbol: '○', word: 'disabled', color: 'gray' },
};
const WORD_WIDTH = Math.max(...Object.values(LOOK).map((l) => l.word.length));

const OUTCOME_WIDTH = 'not-conformant'.length;
const OUTCOME_COLOR: Record<SuiteOutcome, keyof typeof COLORS> = { conformant: 'green', 'not-conformant': 'red', incomplete: 'yellow' };

export class ConsoleReporter implements ConformanceReporter {
  private readonly useColor: boolean;

  constructor(
    private readonly stream: ConsoleStream = process.stderr,
    options: ConsoleReporterOptions = {},
  ) {
    this.useColor = options.color ?? (stream.isTTY === true && !isNoColorSet(options.env ?? process.env));
  }

  onRunBegin(info: { runId: string; target: TargetInfo; suites: Array<{ id: string; checkCount: number }> }): void {
    const checkCount = info.suites.reduce((sum, s) => sum + s.checkCount, 0);
    this.print(`part15: target ${this.paint('bold', terminalSafe(info.target.name))}, ${checkCount} check(s) in ${info.suites.length} suite(s), run ${terminalSafe(info.runId)}`);
  }

  onCheckEnd(record: CheckRecord): void {
    const label = resultLabel(record);
    const look = LOOK[label];
    const marker = this.paint(look.color, `${look.symbol} ${look.word.padEnd(WORD_WIDTH)}`);
    this.print(`  ${marker} ${terminalSafe(`${record.suiteId}/${record.checkId}`)}  ${terminalSafe(record.title)}  (${formatDuration(record.durationMs)})`);
    const detail = detailLine(record);
    // Under the check id: two spaces, symbol, space, word column, space.
    if (detail) this.print(`${' '.repeat(2 + 2 + WORD_WIDTH + 1)}${this.paint('gray', terminalSafe(detail))}`);
  }

  onRunEnd(run: RunRecord): void {
    this.print('');
    if (run.valuesShown) this.print(this.paint('magenta', VALUES_SHOWN_WARNING));
    if (run.targetError !== undefined) this.print(this.paint('magenta', `target error: ${terminalSafe(run.targetError)}`));
    for (const suite of run.suites) {
      const outcome = this.paint(OUTCOME_COLOR[suite.outcome], suite.outcome.padEnd(OUTCOME_WIDTH));
      this.print(`${outcome}  ${terminalSafe(suite.id)} (${terminalSafe(suite.profile.section)}): ${terminalSafe(suite.outcomeReason)}`);
      this.print(`    ${suite.checks.length} check(s): ${countsText(tally(suite.checks))}`);
    }
    this.print(`exit code ${runExitCode(run)}, ${formatDuration(run.durationMs)}`);
  }

  private print(line: string): void {
    this.stream.write(`${line}\n`);
  }

  private paint(color: keyof typeof COLORS, text: string): string {
    return this.useColor ? COLORS[color](text) : text;
  }
}

/** no-color.org: NO_COLOR counts when present and not empty. */
function isNoColorSet(env: NodeJS.ProcessEnv): boolean {
  return env.NO_COLOR !== undefined && env.NO_COLOR !== '';
}

/** Why a check did not pass, in one line; nothing for a pass. */
function detailLine(record: CheckRecord): string | undefined {
  const verdict = verdictOf(record);
  if (!verdict) return record.statusReason;
  switch (verdict.kind) {
    case 'pass':
      return undefined;
    case 'fail':
      return verdict.summary;
    case 'inconclusive':
    case 'error':
      return `${reasonOf(record)}: ${verdict.summary}`;
  }
}

function countsText(totals: CheckTotals): string {
  const parts: Array<[number, string]> = [
    [totals.pass, 'pass'],
    [totals.fail, 'fail'],
    [totals.inconclusive, 'inconclusive'],
    [totals.error, 'error'],
    [totals.notApplicable, 'not applicable'],
    [totals.disabled, 'disabled'],
  ];
  const shown = parts.filter(([n]) => n > 0).map(([n, word]) => `${n} ${word}`);
  return shown.length > 0 ? shown.join(', ') : 'none';
}

function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** Redacted, one line, and without C0/C1 control characters (no terminal escapes from the target). */
function terminalSafe(text: string): string {
  // eslint-disable-next-line no-control-regex
  return redactText(text).replace(/[\t\n\r]+/g, ' ').replace(/[\u0000-\u001f\u007f-\u009f]/g, '\uFFFD');
}
