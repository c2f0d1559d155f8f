#!/usr/bin/env node
// Runs the TypeScript CLI through tsx (ts-node does not work on Node 20 with these pins: LIBS.md §0).
import { register } from 'tsx/esm/api';
register();
await import('../harness/cli/main.ts');
