/**
 * Builds one mocha `describe` per suite and one `it` per check, synchronously, from suites that are
 * already loaded. The target starts in the root `before`; if it cannot, the failure is stored, not
 * thrown, so every check still gets a record (error: target-not-ready) and the summary stays whole.
 * Each `it` takes its check's record from the scheduler, puts it in the verdict store, attaches the
 * evidence for mochawesome, and maps the verdict onto mocha's three states:
 *   pass → return · fail → AssertionError · error → HarnessError · inconclusive / n.a. / disabled → skip.
 */
import { AssertionError } from 'chai';
import Mocha from 'mocha';
import addContext from 'mochawesome/addContext.js';
import { VALUES_SHOWN_WARNING } from '../core/run-record.ts';
import { HarnessError } from '../core/errors.ts';
import type { CheckRecord } from '../core/run-record.ts';
import type { RunningTarget, TargetSpec } from '../core/target.ts';
import type { Suite } from '../suite/load-suite.ts';
import { CheckScheduler } from './check-scheduler.ts';
import { checkRecordBase, type RunLimits } from './run-check.ts';
import type { VerdictStore } from './verdict-store.ts';

export interface RegisteredRun {
  /** The running target, once started (for the caller's cleanup on interruption). */
  running(): RunningTarget | undefined;
}

export function registerSuites(
  root: Mocha.Suite,
  suites: readonly Suite[],
  spec: TargetSpec,
  store: VerdictStore,
  signal: AbortSignal,
  limits: RunLimits,
  onTargetStarted: (t: RunningTarget) => void = () => {},
): RegisteredRun {
  let running: RunningTarget | undefined;
  const scheduler = new CheckScheduler(suites, signal, limits);

  root.beforeAll(`start target ${spec.name}`, async function () {
    try {
      running = await spec.start(signal);
      onTargetStarted(running);
      scheduler.start(running);
    } catch (e) {
      store.targetError = (e as Error).message;
    }
  });
  root.afterAll(`stop target ${spec.name}`, async function () {
    await running?.stop();
  });

  for (const suite of suites) {
    const describe = Mocha.Suite.create(root, `${suite.profile.section} — ${suite.profile.name}${suite.profile.status === 'retired' ? ' (retired)' : ''}`);
    for (const check of suite.checks) {
      describe.addTest(
        new Mocha.Test(`${check.id}: ${check.title} [${check.requirement.level}, ${check.requirement.ref}]`, async function (this: Mocha.Context) {
          const record: CheckRecord = running
            ? await scheduler.resultFor(suite.id, check.id)
            : {
                ...checkRecordBase(suite, check),
                status: 'judged',
                verdict: { kind: 'error', reason: 'target-not-ready', summary: `target ${spec.name} did not start: ${store.targetError ?? 'unknown'}` },
                evidence: [],
                startedAt: new Date().toISOString(),
                durationMs: 0,
              };
          store.record(record);
          addContext(this, { title: 'requirement', value: { ...record.requirement, suite: suite.id, check: check.id } });
          addContext(this, { title: 'verdict', value: record.verdict ?? { status: record.status, reason: record.statusReason } });
          if (record.evidence.length > 0) addContext(this, { title: 'evidence', value: record.evidence });
          if (record.remedy && record.verdict?.kind === 'fail') addContext(this, { title: 'remedy', value: record.remedy });
          if (limits.showValues && record.evidence.some((e) => e.kind === 'association' && e.operations?.find?.values)) {
            addContext(this, { title: 'values shown', value: VALUES_SHOWN_WARNING });
          }
          mapToMocha(this, record);
        }),
      );
    }
  }
  return { running: () => running };
}

function mapToMocha(ctx: Mocha.Context, record: CheckRecord): void {
  if (record.status !== 'judged') ctx.skip();
  const v = record.verdict!;
  switch (v.kind) {
    case 'pass':
      return;
    case 'fail':
      throw new AssertionError(`${v.summary}\n  expected: ${v.expected}\n  observed: ${v.observed}`);
    case 'error':
      throw new HarnessError(`error (${v.reason}): ${v.summary}`);
    case 'inconclusive':
      ctx.skip();
  }
}
