import { expect } from 'chai';
import type { CheckRecord, ConformanceReporter, RunRecord } from '../core/run-record.ts';
import { ReporterMultiplexer, type ReporterError } from './multiplexer.ts';
import { checks, mixedRun } from './testing/run-record-factory.ts';

/** Writes down every event it gets. */
class RecordingReporter implements ConformanceReporter {
  readonly events: string[] = [];
  onRunBegin(info: { runId: string }): void {
    this.events.push(`begin ${info.runId}`);
  }
  onCheckEnd(record: CheckRecord): void {
    this.events.push(`check ${record.checkId}`);
  }
  async onRunEnd(run: RunRecord): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 1));
    this.events.push(`end ${run.runId}`);
  }
}

/** Throws synchronously from every hook. */
class ThrowingReporter implements ConformanceReporter {
  onRunBegin(): void {
    throw new Error('begin broke');
  }
  onCheckEnd(): void {
    throw new Error('check broke');
  }
  onRunEnd(): void {
    throw new Error('end broke');
  }
}

/** Fails asynchronously: a rejected promise from onRunEnd, and from onCheckEnd though typed as sync. */
class RejectingReporter implements ConformanceReporter {
  onCheckEnd(): void {
    return Promise.reject(new Error('async check broke')) as unknown as void;
  }
  async onRunEnd(): Promise<void> {
    await Promise.resolve();
    throw new Error('async end broke');
  }
}

const beginInfo = (run: RunRecord) => ({ runId: run.runId, target: run.target, suites: run.suites.map((s) => ({ id: s.id, checkCount: s.checks.length })) });

async function replay(multiplexer: ReporterMultiplexer, run: RunRecord, records: CheckRecord[]): Promise<void> {
  multiplexer.onRunBegin(beginInfo(run));
  for (const record of records) multiplexer.onCheckEnd(record);
  await multiplexer.onRunEnd(run);
}

describe('ReporterMultiplexer', function () {
  const run = mixedRun();
  const records = [checks.pass('a'), checks.fail('b')];
  const expectedEvents = ['begin run-0001', 'check a', 'check b', 'end run-0001'];

  it('sends every event to every reporter, in order', async function () {
    // Given two well-behaved reporters
    const first = new RecordingReporter();
    const second = new RecordingReporter();

    // When a run is replayed through the multiplexer
    const multiplexer = new ReporterMultiplexer([first, second]);
    await replay(multiplexer, run, records);

    // Then both saw the same events and nothing was caught
    expect(first.events).to.deep.equal(expectedEvents);
    expect(second.events).to.deep.equal(expectedEvents);
    expect(multiplexer.errors).to.deep.equal([]);
    expect(multiplexer.hasErrors).to.equal(false);
  });

  it('keeps delivering to the others when a reporter throws synchronously, and records each error', async function () {
    // Given a throwing reporter placed before and after working ones
    const before = new RecordingReporter();
    const after = new RecordingReporter();
    const multiplexer = new ReporterMultiplexer([before, new ThrowingReporter(), after]);

    // When a run is replayed (onRunEnd must not reject)
    await replay(multiplexer, run, records);

    // Then the others got every event, and each throw is written down with reporter and hook
    expect(before.events).to.deep.equal(expectedEvents);
    expect(after.events).to.deep.equal(expectedEvents);
    expect(multiplexer.errors.map((e) => [e.reporter, e.hook, (e.error as Error).message])).to.deep.equal([
      ['ThrowingReporter', 'onRunBegin', 'begin broke'],
      ['ThrowingReporter', 'onCheckEnd', 'check broke'],
      ['ThrowingReporter', 'onCheckEnd', 'check broke'],
      ['ThrowingReporter', 'onRunEnd', 'end broke'],
    ]);
  });

  it('catches rejected promises, including from hooks typed as synchronous', async function () {
    // Given a reporter whose onCheckEnd and onRunEnd reject
    const working = new RecordingReporter();
    const multiplexer = new ReporterMultiplexer([new RejectingReporter(), working]);

    // When a run is replayed
    await replay(multiplexer, run, records);

    // Then every rejection is recorded by the time onRunEnd resolves, and the other reporter is unaffected
    expect(working.events).to.deep.equal(expectedEvents);
    const caught = multiplexer.errors.map((e) => `${e.hook}: ${(e.error as Error).message}`).sort();
    expect(caught).to.deep.equal(['onCheckEnd: async check broke', 'onCheckEnd: async check broke', 'onRunEnd: async end broke']);
  });

  it('names a plain-object reporter by its position', async function () {
    // Given an object literal reporter that throws
    const plain: ConformanceReporter = {
      onRunBegin() {
        throw new Error('plain broke');
      },
    };
    const multiplexer = new ReporterMultiplexer([new RecordingReporter(), plain]);

    // When the run begins
    multiplexer.onRunBegin(beginInfo(run));

    // Then the error names it reporter[1]
    expect(multiplexer.errors.map((e) => e.reporter)).to.deep.equal(['reporter[1]']);
  });

  it('accepts reporters that implement only some hooks', async function () {
    // Given a reporter with only onRunEnd
    let ended = false;
    const multiplexer = new ReporterMultiplexer([{ onRunEnd: () => void (ended = true) }]);

    // When a whole run is replayed
    await replay(multiplexer, run, records);

    // Then it was called where it listens and nothing was caught elsewhere
    expect(ended).to.equal(true);
    expect(multiplexer.errors).to.have.length(0);
  });

  it('reports each error to onReporterError as caught, even if that callback throws', async function () {
    // Given an error callback that records, then throws itself
    const seen: ReporterError[] = [];
    const working = new RecordingReporter();
    const multiplexer = new ReporterMultiplexer([new ThrowingReporter(), working], {
      onReporterError: (error) => {
        seen.push(error);
        throw new Error('logger broke too');
      },
    });

    // When a run is replayed
    await replay(multiplexer, run, records);

    // Then the callback saw every error and the run still reached the other reporter
    expect(seen.map((e) => e.hook)).to.deep.equal(['onRunBegin', 'onCheckEnd', 'onCheckEnd', 'onRunEnd']);
    expect(working.events).to.deep.equal(expectedEvents);
  });
});
