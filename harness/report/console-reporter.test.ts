import { expect } from 'chai';
import type { RunRecord } from '../core/run-record.ts';
import { verdict } from '../core/verdict.ts';
import { ConsoleReporter, type ConsoleReporterOptions } from './console-reporter.ts';
import { checks, makeRun, makeSuite, mixedRun, runWithSecrets, SECRET_FRAGMENTS } from './testing/run-record-factory.ts';

/** A writable that keeps what it was given. */
function captureStream(isTTY: boolean) {
  const chunks: string[] = [];
  return {
    isTTY,
    write(chunk: string) {
      chunks.push(chunk);
      return true;
    },
    get text() {
      return chunks.join('');
    },
    get lines() {
      return chunks.join('').split('\n').slice(0, -1);
    },
  };
}

/** Replays a finished run through every hook, as the run would. */
function replay(reporter: ConsoleReporter, run: RunRecord): void {
  reporter.onRunBegin({ runId: run.runId, target: run.target, suites: run.suites.map((s) => ({ id: s.id, checkCount: s.checks.length })) });
  for (const suite of run.suites) for (const check of suite.checks) reporter.onCheckEnd(check);
  reporter.onRunEnd(run);
}

function render(run: RunRecord, isTTY = false, options: ConsoleReporterOptions = { env: {} }) {
  const stream = captureStream(isTTY);
  replay(new ConsoleReporter(stream, options), run);
  return stream;
}

const ANSI_ESCAPE = /\u001b\[/;

describe('ConsoleReporter', function () {
  describe('onCheckEnd', function () {
    it('prints one line with symbol, verdict, full check id, title and duration', function () {
      // Given a passing check
      const stream = captureStream(false);
      const reporter = new ConsoleReporter(stream, { env: {} });

      // When it ends
      reporter.onCheckEnd(checks.pass('tls12-accepted', { suiteId: 'b12-bcp195-rfc8996-9325', title: 'TLS 1.2 is accepted' }));

      // Then exactly one progress line is printed
      expect(stream.lines).to.deep.equal(['  ✔ pass         b12-bcp195-rfc8996-9325/tls12-accepted  TLS 1.2 is accepted  (12 ms)']);
    });

    it('uses a distinct symbol and word for each verdict and status', function () {
      // Given one check of each kind
      const kinds = [checks.pass('p'), checks.fail('f'), checks.inconclusive('i'), checks.error('e'), checks.notApplicable('n'), checks.disabled('d')];
      const stream = captureStream(false);
      const reporter = new ConsoleReporter(stream, { env: {} });

      // When each ends
      for (const check of kinds) reporter.onCheckEnd(check);

      // Then the markers (symbol + word) are all different
      const markers = stream.lines.filter((l) => /^ {2}\S/.test(l)).map((l) => l.trim().split(/\s+/).slice(0, 2).join(' '));
      expect(markers).to.deep.equal(['✔ pass', '✘ fail', '? inconclusive', '! error', '– n/a', '○ disabled']);
    });

    it('adds an indented summary line for fail, inconclusive and error, and none for pass', function () {
      // Given a pass, a fail, an inconclusive and an error check
      const stream = captureStream(false);
      const reporter = new ConsoleReporter(stream, { env: {} });

      // When each ends
      reporter.onCheckEnd(checks.pass('p'));
      reporter.onCheckEnd(checks.fail('f', { verdict: verdict.fail('TLS 1.0 was accepted', 'refused', 'accepted') }));
      reporter.onCheckEnd(checks.inconclusive('i', 'no-response'));
      reporter.onCheckEnd(checks.error('e', 'fixture-missing'));

      // Then only the non-passing ones have a second, indented line
      expect(stream.lines).to.have.length(7);
      expect(stream.lines[2]).to.match(/^ {10,}TLS 1\.0 was accepted$/);
      expect(stream.lines[4]).to.match(/^ {10,}no-response: no answer within 5000 ms$/);
      expect(stream.lines[6]).to.match(/^ {10,}fixture-missing: client certificate file is missing$/);
    });

    it('strips terminal control sequences that come from the target', function () {
      // Given a title carrying an escape sequence that would clear the screen
      const stream = captureStream(false);

      // When the check ends
      new ConsoleReporter(stream, { env: {} }).onCheckEnd(checks.fail('evil', { title: 'hello\u001b[2Jworld', verdict: verdict.fail('bad\u0007bell', 'x', 'y') }));

      // Then no control character reaches the terminal
      expect(stream.text).to.not.match(/[\u0000-\u0009\u000b-\u001f\u007f]/);
      expect(stream.lines[0]).to.include('hello\uFFFD[2Jworld');
    });
  });

  describe('colors', function () {
    it('uses no colors when the stream is not a TTY', function () {
      // Given a non-TTY stream
      // When a whole run is printed
      const stream = render(mixedRun(), false);

      // Then no ANSI escape is written
      expect(stream.text).to.not.match(ANSI_ESCAPE);
    });

    it('uses no colors on a TTY when NO_COLOR is set', function () {
      // Given a TTY and NO_COLOR=1
      const stream = render(mixedRun(), true, { env: { NO_COLOR: '1' } });

      // Then no ANSI escape is written
      expect(stream.text).to.not.match(ANSI_ESCAPE);
    });

    it('uses colors on a TTY without NO_COLOR', function () {
      // Given a TTY and an environment without NO_COLOR
      const stream = render(mixedRun(), true, { env: {} });

      // Then verdict words are colored (green pass, red fail)
      expect(stream.text).to.include('\u001b[32m✔ pass');
      expect(stream.text).to.include('\u001b[31m✘ fail');
    });
  });

  describe('onRunBegin and onRunEnd', function () {
    it('prints the target name and the number of checks at run begin', function () {
      // Given the mixed run (11 checks in 3 suites)
      const stream = render(mixedRun());

      // Then the first line names the target and the count
      expect(stream.lines[0]).to.equal('part15: target conformant-node, 11 check(s) in 3 suite(s), run run-0001');
    });

    it('prints each suite\'s outcome and counts, then the exit code, at run end', function () {
      // Given the mixed run
      const stream = render(mixedRun());

      // Then each suite has an outcome line followed by its counts
      const text = stream.text;
      expect(text).to.match(/^conformant\s+suite-conformant \(PS3\.15 B\.12\): all shall checks passed; 1 should\/may finding\(s\)$/m);
      expect(text).to.include('    5 check(s): 2 pass, 1 fail, 1 not applicable, 1 disabled');
      expect(text).to.match(/^not-conformant\s+suite-not-conformant .*: 1 shall check\(s\) failed$/m);
      expect(text).to.include('    3 check(s): 1 pass, 1 fail, 1 error');
      expect(text).to.match(/^incomplete\s+suite-incomplete /m);
      expect(stream.lines.at(-1)).to.equal('exit code 7, 1.2 s');
    });

    it('says so when the target could not be reached', function () {
      // Given a run whose target never became ready
      const run = makeRun([makeSuite('s', [checks.error('a', 'target-not-ready')])], { targetError: 'container exited with code 1' });

      // Then the run end names the target error
      expect(render(run).text).to.include('target error: container exited with code 1');
    });
  });

  it('never prints a passcode or a private key', function () {
    // Given a run whose verdicts and evidence carry secrets
    const stream = render(runWithSecrets());

    // Then none appears on the console
    for (const secret of SECRET_FRAGMENTS) expect(stream.text).to.not.include(secret);
  });
});
