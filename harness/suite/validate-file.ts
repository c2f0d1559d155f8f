/** `part15 validate <file>…`: validates suite and target files, by file name. */
import { InputError, type InputProblem } from '../core/errors.ts';
import { loadSuite } from './load-suite.ts';
import { loadTarget } from './load-target.ts';

export type FileKind = 'suite' | 'target';

export function kindOfFile(file: string): FileKind | undefined {
  if (file.endsWith('.suite.yaml')) return 'suite';
  if (file.endsWith('.target.yaml')) return 'target';
  return undefined;
}

/** Problems of all files together; an empty list means every file is valid. */
export function validateFiles(files: readonly string[]): { problems: InputProblem[]; valid: string[] } {
  const problems: InputProblem[] = [];
  const valid: string[] = [];
  for (const file of files) {
    const kind = kindOfFile(file);
    if (!kind) {
      problems.push({ file, path: '', message: 'not a part15 file: expected a name ending in .suite.yaml or .target.yaml' });
      continue;
    }
    try {
      if (kind === 'suite') loadSuite(file);
      else loadTarget(file);
      valid.push(file);
    } catch (e) {
      if (e instanceof InputError) problems.push(...e.problems);
      else throw e;
    }
  }
  return { problems, valid };
}
