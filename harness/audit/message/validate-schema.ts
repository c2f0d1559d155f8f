/**
 * Validates an audit message against the A.5.1.1 schema (catalogue AUD-FMT-02) with libxml2's
 * RELAX NG validator: `xmllint --noout --nonet --relaxng audit-message.rng -` (Debian
 * libxml2-utils), the message on stdin, so no temporary file and no path in what it reports.
 *
 * No validator is not a pass: a missing xmllint, an unreadable schema or a timeout is
 * 'unavailable', never 'valid'. A DOCTYPE is refused before xmllint sees it: entities are never
 * expanded, by anyone.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from '../../paths.ts';

export const AUDIT_SCHEMA_RNG = join(REPO_ROOT, 'harness', 'audit', 'message', 'schema', 'audit-message.rng');
/** The edition of the shipped schema, for reports (catalogue AUD-FMT-02: "edition pinned in report"). */
export const AUDIT_SCHEMA_EDITION = 'DICOM PS3.15 2023b §A.5.1.1';

export type SchemaValidation =
  | { kind: 'valid' }
  /** problems: "line N: message", as xmllint reports them, without file names. */
  | { kind: 'invalid'; problems: string[] }
  | { kind: 'unavailable'; reason: string };

export interface ValidateOptions {
  /** The xmllint executable (default: "xmllint" on PATH). */
  xmllint?: string;
  /** The RELAX NG (XML syntax) schema (default: the shipped audit-message.rng). */
  schema?: string;
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const MAX_STDERR = 1 << 20;

/** Strings are sent as UTF-8; pass the received bytes instead when the message declares another encoding. */
export async function validateAuditSchema(xml: string | Uint8Array, options: ValidateOptions = {}): Promise<SchemaValidation> {
  const bytes = typeof xml === 'string' ? Buffer.from(xml, 'utf8') : Buffer.from(xml.buffer, xml.byteOffset, xml.byteLength);
  const doctypeLine = doctypeInProlog(bytes.toString('utf8'));
  if (doctypeLine !== undefined) return { kind: 'invalid', problems: [`line ${doctypeLine}: a DOCTYPE is refused (not validated, entities never expanded): PS3.15 A.5 messages have no DTD`] };
  const run = await runXmllint(bytes, options);
  if (run.kind === 'unavailable') return run;
  if (run.code === 0) return { kind: 'valid' };
  const problems = problemsOf(run.stderr);
  if (problems.length > 0) return { kind: 'invalid', problems };
  const said = run.stderr.trim().split('\n').filter((l) => l !== '- fails to validate').join(' / ');
  if (run.code === 3 || run.code === 1) return { kind: 'invalid', problems: [`line 1: ${said || 'does not match the schema (xmllint gave no detail)'}`] };
  return { kind: 'unavailable', reason: `xmllint exited with status ${run.code}: ${withoutPaths(said, options.schema ?? AUDIT_SCHEMA_RNG) || 'no message'}` };
}

type Run = { kind: 'ran'; code: number; stderr: string } | { kind: 'unavailable'; reason: string };

function runXmllint(input: Buffer, options: ValidateOptions): Promise<Run> {
  const schema = options.schema ?? AUDIT_SCHEMA_RNG;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return new Promise((resolve) => {
    let stderr = '';
    let settled = false;
    const settle = (r: Run) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(r);
    };
    const child = spawn(options.xmllint ?? 'xmllint', ['--noout', '--nonet', '--relaxng', schema, '-'], { stdio: ['pipe', 'ignore', 'pipe'] });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      settle({ kind: 'unavailable', reason: `xmllint did not finish within ${timeoutMs} ms` });
    }, timeoutMs);
    child.on('error', (e: NodeJS.ErrnoException) =>
      settle({ kind: 'unavailable', reason: e.code === 'ENOENT' ? `xmllint not found (${options.xmllint ?? 'xmllint'}; Debian package libxml2-utils)` : `xmllint could not run: ${e.message}` }),
    );
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      if (stderr.length < MAX_STDERR) stderr += chunk;
    });
    child.on('close', (code, signal) => {
      if (code === null) settle({ kind: 'unavailable', reason: `xmllint ended by signal ${signal}` });
      else settle({ kind: 'ran', code, stderr });
    });
    child.stdin.on('error', () => {}); // xmllint may exit before reading everything (schema error); its status says why
    child.stdin.end(input);
  });
}

/** "-:5: element X: Relax-NG validity error : text" → "line 5: element X: text"; context and summary lines dropped. */
function problemsOf(stderr: string): string[] {
  const problems: string[] = [];
  for (const line of stderr.split('\n')) {
    const m = /^-:(\d+): (.*)$/.exec(line);
    if (!m) continue;
    const text = m[2]!
      .replace(/^parser error : /, 'not well-formed: ')
      .replace(/Relax-NG validity error : /, '')
      .replace(/ : /g, ': ')
      .trim();
    problems.push(`line ${m[1]}: ${text}`);
  }
  return problems;
}

const withoutPaths = (text: string, schema: string) => text.split(schema).join('audit-message.rng').split(REPO_ROOT).join('.');

/** The line of a DOCTYPE declaration in the prolog (after the XML declaration, comments, PIs), if any. */
function doctypeInProlog(text: string): number | undefined {
  let at = text.startsWith('\uFEFF') ? 1 : 0;
  for (;;) {
    while (/\s/.test(text[at] ?? '')) at++;
    if (text.startsWith('<?', at)) {
      const end = text.indexOf('?>', at);
      if (end < 0) return undefined;
      at = end + 2;
    } else if (text.startsWith('<!--', at)) {
      const end = text.indexOf('-->', at);
      if (end < 0) return undefined;
      at = end + 3;
    } else if (/^<!DOCTYPE/i.test(text.slice(at, at + 9))) {
      return text.slice(0, at).split(/\r\n|\r|\n/).length;
    } else {
      return undefined;
    }
  }
}
