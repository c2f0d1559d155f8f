/**
 * For this folder's tests: the fixtures, and whether xmllint is here. Paths go through REPO_ROOT
 * because `npm test` runs the compiled copy under .build/, where the XML files are not copied.
 * Without xmllint (Debian libxml2-utils, installed by harness/engine/ensure-host.sh) the schema
 * tests skip, except under CI=true, where a skipped validator would hide a regression.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../../paths.ts';

export const MESSAGE_SOURCE_DIR = join(REPO_ROOT, 'harness', 'audit', 'message');

export function fixture(name: string): string {
  return readFileSync(join(MESSAGE_SOURCE_DIR, 'fixtures', name), 'utf8');
}

let xmllintHere: boolean | undefined;

export function requireXmllint(test: Mocha.Context): void {
  xmllintHere ??= spawnSync('xmllint', ['--version']).status === 0;
  if (xmllintHere) return;
  if (process.env.CI === 'true') throw new Error('CI=true and xmllint is missing (apt-get install libxml2-utils): the schema tests must not be skipped');
  test.skip();
}
