/**
 * The harness's own faults (jose style: one root, a stable code, an optional cause).
 * A target's behaviour is never an exception: probes return it as evidence.
 */
export type HarnessErrorCode =
  | 'ERR_HARNESS'
  | 'ERR_INPUT_INVALID'
  | 'ERR_USAGE'
  | 'ERR_TARGET_NOT_READY'
  | 'ERR_FIXTURE_MISSING'
  | 'ERR_NOT_APPLICABLE'
  | 'ERR_ENGINE_UNAVAILABLE';

export class HarnessError extends Error {
  readonly code: HarnessErrorCode;
  constructor(message: string, options?: { cause?: unknown; code?: HarnessErrorCode }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = options?.code ?? 'ERR_HARNESS';
  }
}

/** One problem in one input file, located by line/column and field path. */
export interface InputProblem {
  file: string;
  line?: number;
  column?: number;
  /** Dotted field path, e.g. `checks[3].steps[0].params.versions.min`. Empty for whole-file problems. */
  path: string;
  message: string;
}

export function formatProblem(p: InputProblem): string {
  const where = p.line !== undefined ? `${p.file}:${p.line}:${p.column ?? 1}` : p.file;
  return p.path ? `${where}: ${p.path}: ${p.message}` : `${where}: ${p.message}`;
}

/** A suite or target file (or command-line value) that is not what part15 accepts. Exit code 64. */
export class InputError extends HarnessError {
  readonly problems: InputProblem[];
  constructor(problems: InputProblem[]) {
    super(problems.map(formatProblem).join('\n'), { code: 'ERR_INPUT_INVALID' });
    this.problems = problems;
  }
}

/** A command line that part15 does not understand. Exit code 64. */
export class UsageError extends HarnessError {
  constructor(message: string) {
    super(message, { code: 'ERR_USAGE' });
  }
}

export class TargetNotReadyError extends HarnessError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, { ...options, code: 'ERR_TARGET_NOT_READY' });
  }
}

export class EngineUnavailableError extends HarnessError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, { ...options, code: 'ERR_ENGINE_UNAVAILABLE' });
  }
}
