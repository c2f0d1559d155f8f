import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (the folder holding package.json, suites/, fixtures/). */
export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const SUITES_DIR = join(REPO_ROOT, 'suites');
export const FIXTURES_DIR = join(REPO_ROOT, 'fixtures');
export const REFERENCE_TARGETS_DIR = join(FIXTURES_DIR, 'targets');
export const CATALOGUE_FILE = join(SUITES_DIR, 'catalogue.json');
