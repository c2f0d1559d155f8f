#!/usr/bin/env node
// Runs the TypeScript CLI. From source through tsx (ts-node does not work on Node 20 with these
// pins: LIBS.md §0) — or, when PART15_FROM_BUILD=1 (npm test sets it after compiling), from the
// compiled copy under .build/, so tests do not depend on an on-the-fly transpiler.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const built = fileURLToPath(new URL('../.build/harness/cli/main.js', import.meta.url));
if (process.env.PART15_FROM_BUILD === '1' && existsSync(built)) {
  await import(built);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../harness/cli/main.ts');
}
