import { expect } from 'chai';
import { checks } from '../report/testing/run-record-factory.ts';
import { verdict } from './verdict.ts';
import { suiteOutcome, type CheckRecord, type SuiteOutcome } from './run-record.ts';

const should = { requirement: { level: 'should' as const } };
const may = { requirement: { level: 'may' as const } };

describe('suiteOutcome', function () {
  const TABLE: Array<{ name: string; checks: CheckRecord[]; outcome: SuiteOutcome; reasonIncludes: string }> = [
    { name: 'every shall check passed', checks: [checks.pass('a'), checks.pass('b')], outcome: 'conformant', reasonIncludes: 'all shall checks passed' },
    { name: 'a shall check failed', checks: [checks.pass('a'), checks.fail('b')], outcome: 'not-conformant', reasonIncludes: '1 shall check(s) failed' },
    { name: 'two shall checks failed, one inconclusive', checks: [checks.fail('a'), checks.fail('b'), checks.inconclusive('c')], outcome: 'not-conformant', reasonIncludes: '2 shall check(s) failed' },
    { name: 'only a should check failed', checks: [checks.pass('a'), checks.fail('b', should)], outcome: 'conformant', reasonIncludes: '1 should/may finding(s)' },
    { name: 'a should and a may check failed', checks: [checks.pass('a'), checks.fail('b', should), checks.fail('c', may)], outcome: 'conformant', reasonIncludes: '2 should/may finding(s)' },
    { name: 'a shall check inconclusive', checks: [checks.pass('a'), checks.inconclusive('b', 'no-response')], outcome: 'incomplete', reasonIncludes: '1 shall check(s) inconclusive or in error' },
    { name: 'a shall check in error', checks: [checks.pass('a'), checks.error('b', 'bug-in-harness')], outcome: 'incomplete', reasonIncludes: '1 shall check(s) inconclusive or in error' },
    { name: 'a should check inconclusive does not hold the suite open', checks: [checks.pass('a'), checks.inconclusive('b', 'no-response', should)], outcome: 'conformant', reasonIncludes: 'all shall checks passed' },
    { name: 'every check not applicable', checks: [checks.notApplicable('a'), checks.notApplicable('b')], outcome: 'not-conformant', reasonIncludes: 'no shall check applies' },
    { name: 'every check disabled', checks: [checks.disabled('a'), checks.disabled('b')], outcome: 'not-conformant', reasonIncludes: 'no shall check applies' },
    { name: 'shall checks not applicable, should checks passed', checks: [checks.notApplicable('a'), checks.pass('b', should), checks.pass('c', may)], outcome: 'not-conformant', reasonIncludes: 'no shall check applies' },
    { name: 'no checks at all', checks: [], outcome: 'not-conformant', reasonIncludes: 'no shall check applies' },
    { name: 'one shall pass among disabled and not-applicable ones', checks: [checks.pass('a'), checks.disabled('b'), checks.notApplicable('c')], outcome: 'conformant', reasonIncludes: 'all shall checks passed' },
  ];

  for (const row of TABLE) {
    it(`${row.name} → ${row.outcome}`, function () {
      // Given the suite's check records
      // When the suite outcome is computed
      const { outcome, reason } = suiteOutcome(row.checks);

      // Then the outcome is as required and the reason says why
      expect(outcome).to.equal(row.outcome);
      expect(reason).to.include(row.reasonIncludes);
    });
  }

  it('never counts a disabled or not-applicable check as a pass, even one carrying a stray pass verdict', function () {
    // Given shall checks that are disabled / not applicable but (wrongly) carry a pass verdict
    const stray = [
      checks.disabled('a', 'skip', { verdict: verdict.pass('should not be read') }),
      checks.notApplicable('b', 'no dimseTls endpoint', { verdict: verdict.pass('should not be read') }),
    ];

    // When the suite outcome is computed
    const { outcome } = suiteOutcome(stray);

    // Then the suite is not conformant: nothing was judged
    expect(outcome).to.equal('not-conformant');
  });

  it('does not let a should failure hide behind conformant when a shall check is open', function () {
    // Given a shall check inconclusive and a should check failed
    const { outcome } = suiteOutcome([checks.inconclusive('a', 'ambiguous-observation'), checks.fail('b', should)]);

    // Then the suite is incomplete, not conformant
    expect(outcome).to.equal('incomplete');
  });
});
