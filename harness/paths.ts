import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The repository root (the folder holding package.json, suites/, fixtures/): found by walking up
 * from this module, so it is the same whether the module runs from source (tsx) or from the
 * compiled copy under .build/ (npm test).
 */
function findRepoRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'part15') return dir;
    if (dirname(dir) === dir) throw new Error(`part15: no package.json named part15 above ${from}`);
  }
}

export const REPO_ROOT = findRepoRoot(dirname(fileURLToPath(import.meta.url)));
export const SUITES_DIR = join(REPO_ROOT, 'suites');
export const FIXTURES_DIR = join(REPO_ROOT, 'fixtures');
export const REFERENCE_TARGETS_DIR = join(FIXTURES_DIR, 'targets');
export const CATALOGUE_FILE = join(SUITES_DIR, 'catalogue.json');
