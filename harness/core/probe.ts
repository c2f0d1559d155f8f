import type { Evidence } from './evidence.ts';
import { HarnessError } from './errors.ts';
import type { RunningTarget } from './target.ts';

export interface ProbeContext {
  /** Aborted when the run is interrupted; probes close their connections. */
  signal: AbortSignal;
  /** --show-values (lab use only): query probes keep the values a node returns, not only their names. */
  showValues?: boolean;
}

/** Probes report what they saw. They throw only HarnessError (the harness's own faults). */
export interface Probe<P, E extends Evidence = Evidence> {
  readonly id: string;
  run(target: RunningTarget, stepName: string, params: P, ctx: ProbeContext): Promise<E>;
}

/**
 * The target does not claim what the step tests (e.g. no JWT issuer declared for the JWT checks):
 * the check is not applicable, with this reason. Never a pass.
 */
export class NotApplicableError extends HarnessError {
  constructor(message: string) {
    super(message, { code: 'ERR_NOT_APPLICABLE' });
  }
}

/**
 * The run lacks something the step needs (an endpoint, a CA key to mint a negative certificate).
 * Becomes verdict inconclusive / prerequisite-not-met, never a pass.
 */
export class PrerequisiteNotMetError extends HarnessError {
  constructor(message: string) {
    super(message, { code: 'ERR_FIXTURE_MISSING' });
  }
}
