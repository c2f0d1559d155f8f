import { randomBytes } from 'node:crypto';

/** e.g. 20261126T130812Z-3f9a: sortable, unique enough, safe in paths and Docker labels. */
export function newRunId(now = new Date()): string {
  return `${now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}-${randomBytes(2).toString('hex')}`;
}
