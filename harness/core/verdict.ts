/**
 * The four verdicts. They are decided once, in harness/evaluate, carried as typed values to every
 * report, and never re-derived from message text (Playwright's classifyResultError is the anti-pattern).
 *
 *  pass / fail  — the target's behaviour decided it.
 *  inconclusive — the probe ran, but what it saw decides nothing (silence, an ambiguous refusal,
 *                 a prerequisite the run does not have). The evidence's problem.
 *  error        — the harness could not run the check as written. Our problem.
 *
 * Nothing that is not an observed, matching behaviour is ever a pass.
 */
export type VerdictKind = 'pass' | 'fail' | 'inconclusive' | 'error';
export const VERDICT_KINDS: readonly VerdictKind[] = ['pass', 'fail', 'inconclusive', 'error'];

export const INCONCLUSIVE_REASONS = [
  /** The target accepted the connection (or nothing at all) and never answered within the time limit. */
  'no-response',
  /** Nothing listens: the TCP connection was refused on a port that should answer. */
  'connection-refused',
  /** The run lacks something the check needs (e.g. no CA key to mint negative client certificates). */
  'prerequisite-not-met',
  /** The target answered, but the answer cannot tell pass from fail (e.g. a TLS refusal that is not alert 70). */
  'ambiguous-observation',
] as const;
export type InconclusiveReason = (typeof INCONCLUSIVE_REASONS)[number];

export const FAIL_REASONS = [
  /** The target did what the requirement forbids or did not do what it demands. */
  'requirement-not-met',
] as const;
export type FailReason = (typeof FAIL_REASONS)[number];

export const ERROR_REASONS = [
  /** The target could not be started or never became ready. */
  'target-not-ready',
  /** The check needs an endpoint, file or fixture that does not exist. */
  'fixture-missing',
  /** The check or its parameters cannot be run as written. */
  'suite-invalid',
  /** An unexpected exception inside the harness. */
  'bug-in-harness',
  /** The check exceeded its own time limit as a whole. */
  'check-timeout',
] as const;
export type ErrorReason = (typeof ERROR_REASONS)[number];

export const PASS_REASONS = ['requirement-met'] as const;
export type PassReason = (typeof PASS_REASONS)[number];

export type VerdictReason = PassReason | FailReason | InconclusiveReason | ErrorReason;

export type Verdict =
  | { kind: 'pass'; reason: PassReason; summary: string }
  | { kind: 'fail'; reason: FailReason; summary: string; expected: string; observed: string }
  | { kind: 'inconclusive'; reason: InconclusiveReason; summary: string }
  | { kind: 'error'; reason: ErrorReason; summary: string; error?: SerializedError };

export interface SerializedError {
  name: string;
  message: string;
  code?: string;
}

export const verdict = {
  pass: (summary: string): Verdict => ({ kind: 'pass', reason: 'requirement-met', summary }),
  fail: (summary: string, expected: string, observed: string): Verdict => ({
    kind: 'fail',
    reason: 'requirement-not-met',
    summary,
    expected,
    observed,
  }),
  inconclusive: (reason: InconclusiveReason, summary: string): Verdict => ({ kind: 'inconclusive', reason, summary }),
  error: (reason: ErrorReason, summary: string, error?: SerializedError): Verdict => ({
    kind: 'error',
    reason,
    summary,
    ...(error ? { error } : {}),
  }),
};

/**
 * What evaluating an expectation yields: a verdict, or "this check does not apply to this target"
 * when only the observation shows it (e.g. an RSA-only suite on a server with an EC key). Not
 * applicable is no verdict and never counts as a pass.
 */
export type NotApplicable = { kind: 'not-applicable'; reason: string };
export type Judgement = Verdict | NotApplicable;

/**
 * Exit code of a run: bitwise OR of 1 (any fail), 2 (any error), 4 (any inconclusive); 0 when every
 * judged check passed. 64 is reserved for usage and input errors (sysexits EX_USAGE).
 */
export function exitCodeFor(kinds: Iterable<VerdictKind>): number {
  let code = 0;
  for (const k of kinds) {
    if (k === 'fail') code |= 1;
    else if (k === 'error') code |= 2;
    else if (k === 'inconclusive') code |= 4;
  }
  return code;
}
export const EXIT_USAGE = 64;
