import { expect } from 'chai';
import {
  ERROR_REASONS,
  EXIT_USAGE,
  exitCodeFor,
  FAIL_REASONS,
  INCONCLUSIVE_REASONS,
  PASS_REASONS,
  verdict,
  VERDICT_KINDS,
  type VerdictKind,
} from './verdict.ts';

describe('exitCodeFor', function () {
  /** Verdict kinds of a run → exit code: 1 any fail, 2 any error, 4 any inconclusive, OR-ed. */
  const TABLE: Array<{ kinds: VerdictKind[]; code: number }> = [
    { kinds: [], code: 0 },
    { kinds: ['pass'], code: 0 },
    { kinds: ['pass', 'pass', 'pass'], code: 0 },
    { kinds: ['fail'], code: 1 },
    { kinds: ['error'], code: 2 },
    { kinds: ['inconclusive'], code: 4 },
    { kinds: ['fail', 'error'], code: 3 },
    { kinds: ['fail', 'inconclusive'], code: 5 },
    { kinds: ['error', 'inconclusive'], code: 6 },
    { kinds: ['fail', 'error', 'inconclusive'], code: 7 },
    { kinds: ['inconclusive', 'pass', 'error', 'pass', 'fail'], code: 7 },
    { kinds: ['fail', 'fail', 'fail', 'pass'], code: 1 },
    { kinds: ['pass', 'inconclusive', 'inconclusive'], code: 4 },
  ];

  for (const row of TABLE) {
    it(`[${row.kinds.join(', ')}] → ${row.code}`, function () {
      // Given the verdict kinds of a run
      // When the exit code is computed
      const code = exitCodeFor(row.kinds);

      // Then it is the OR of the bits of the kinds present
      expect(code).to.equal(row.code);
    });
  }

  it('accepts any iterable (a Set, a generator) and gives the same code', function () {
    // Given the same kinds as an array, a Set and a generator
    const kinds: VerdictKind[] = ['pass', 'fail', 'inconclusive'];
    function* gen() {
      yield* kinds;
    }

    // Then all three give 5
    expect([exitCodeFor(kinds), exitCodeFor(new Set(kinds)), exitCodeFor(gen())]).to.deep.equal([5, 5, 5]);
  });

  it('keeps the usage code 64 apart from every verdict combination', function () {
    // Given every verdict combination's exit code (0-7)
    const all = exitCodeFor(VERDICT_KINDS);

    // Then EX_USAGE shares no bit with them
    expect(all).to.equal(7);
    expect(EXIT_USAGE).to.equal(64);
    expect(EXIT_USAGE & all).to.equal(0);
  });
});

describe('verdict constructors', function () {
  it('give each kind its fixed reason and fields', function () {
    // Given one verdict of each kind
    const pass = verdict.pass('ok');
    const fail = verdict.fail('accepted TLS 1.0', 'refused with protocol_version', 'established TLSv1');
    const inconclusive = verdict.inconclusive('no-response', 'no answer');
    const errorWithout = verdict.error('bug-in-harness', 'crashed');
    const errorWith = verdict.error('fixture-missing', 'no file', { name: 'HarnessError', message: 'no file', code: 'ERR_FIXTURE_MISSING' });

    // Then kind, reason and the kind's own fields are set, and nothing else
    expect(pass).to.deep.equal({ kind: 'pass', reason: 'requirement-met', summary: 'ok' });
    expect(fail).to.deep.equal({ kind: 'fail', reason: 'requirement-not-met', summary: 'accepted TLS 1.0', expected: 'refused with protocol_version', observed: 'established TLSv1' });
    expect(inconclusive).to.deep.equal({ kind: 'inconclusive', reason: 'no-response', summary: 'no answer' });
    expect(errorWithout).to.deep.equal({ kind: 'error', reason: 'bug-in-harness', summary: 'crashed' });
    expect(errorWithout).not.to.have.property('error');
    expect(errorWith).to.deep.include({ error: { name: 'HarnessError', message: 'no file', code: 'ERR_FIXTURE_MISSING' } });
  });

  it('keep the reason vocabularies of the four kinds disjoint', function () {
    // Given every reason of every kind
    const all = [...PASS_REASONS, ...FAIL_REASONS, ...INCONCLUSIVE_REASONS, ...ERROR_REASONS];

    // Then a reason alone tells the kind
    expect(new Set(all).size).to.equal(all.length);
    expect(INCONCLUSIVE_REASONS).to.include.members(['no-response', 'connection-refused', 'ambiguous-observation', 'prerequisite-not-met']);
  });
});
