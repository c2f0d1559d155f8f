/**
 * Reads a YAML file into plain data while keeping a map back to the source, so every problem found
 * later (by zod or by cross-field rules) can name file, line and column.
 */
import { readFileSync } from 'node:fs';
import { isCollection, isMap, isNode, isScalar, LineCounter, parseDocument, visit, type Document } from 'yaml';
import type { z } from 'zod';
import { InputError, type InputProblem } from '../core/errors.ts';

export type FieldPath = ReadonlyArray<string | number>;

export interface YamlSource {
  file: string;
  data: unknown;
  locate(path: FieldPath): { line: number; column: number } | undefined;
  /** Where the key `key` of the mapping at `path` is written. */
  locateKey?(path: FieldPath, key: string): { line: number; column: number } | undefined;
}

export function formatPath(path: FieldPath): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : out === '' ? String(part) : `.${String(part)}`;
  return out;
}

export function readYamlFile(file: string): YamlSource {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError([{ file, path: '', message: code === 'ENOENT' ? 'file not found' : `cannot read file (${code ?? String(e)})` }]);
  }
  return parseYamlText(file, text);
}

export function parseYamlText(file: string, text: string): YamlSource {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    // Only the first error: one syntax mistake (a tab, a bad indent) often yields several errors
    // after it that only repeat it. err.linePos is set only with prettyErrors, so use err.pos.
    const err = doc.errors[0]!;
    const opened = unclosedAt(doc, err.pos[0]);
    const pos = lineCounter.linePos(opened ?? err.pos[0]);
    const message = `malformed YAML: ${firstLine(err.message)}${opened !== undefined ? ' (opened here)' : ''}`;
    throw new InputError([{ file, line: pos.line, column: pos.col, path: '', message }]);
  }
  const data: unknown = doc.toJS();
  return {
    file,
    data,
    locate: (path) => locateInDocument(doc, lineCounter, path),
    locateKey: (path, key) => locateKeyInDocument(doc, lineCounter, path, key),
  };
}

/**
 * An unclosed quote or flow collection is noticed only where it should have ended (often the end
 * of the file): the start of the innermost quoted string or flow collection ending there.
 */
function unclosedAt(doc: Document, errorOffset: number): number | undefined {
  let start: number | undefined;
  visit(doc, (_key, node) => {
    const unclosable = (isScalar(node) && (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE')) || (isCollection(node) && node.flow === true);
    if (unclosable && node.range && node.range[1] === errorOffset && node.range[0] < errorOffset && (start === undefined || node.range[0] > start)) {
      start = node.range[0];
    }
  });
  return start;
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

/** The closest node that exists on `path` (a missing field is located at its parent). */
function locateInDocument(doc: Document, lc: LineCounter, path: FieldPath) {
  for (let n = path.length; n >= 0; n--) {
    const node = path.length === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
    const target = n === 0 ? doc.contents : node;
    if (isNode(target) && target.range) {
      const pos = lc.linePos(target.range[0]);
      return { line: pos.line, column: pos.col };
    }
  }
  return undefined;
}

/** The key `key` of the mapping at `path` (e.g. an unknown field), if it is there. */
function locateKeyInDocument(doc: Document, lc: LineCounter, path: FieldPath, key: string) {
  const map = path.length === 0 ? doc.contents : doc.getIn(path, true);
  if (!isMap(map)) return undefined;
  const pair = map.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === key);
  if (!isNode(pair?.key) || !pair.key.range) return undefined;
  const pos = lc.linePos(pair.key.range[0]);
  return { line: pos.line, column: pos.col };
}

/** Turns zod issues into located, readable problems. */
export function problemsFromZod(source: YamlSource, issues: readonly z.core.$ZodIssue[]): InputProblem[] {
  return issues.map((issue) => {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    // An unknown field is located at its own key, not at the start of the mapping holding it.
    const at = (issue.code === 'unrecognized_keys' ? source.locateKey?.(path, issue.keys[0]!) : undefined) ?? source.locate(path);
    return { file: source.file, ...at, path: formatPath(path), message: describeIssue(issue, source.data, path) };
  });
}

function describeIssue(issue: z.core.$ZodIssue, data: unknown, path: FieldPath): string {
  switch (issue.code) {
    case 'invalid_type': {
      const present = valueAt(data, path);
      if (present === undefined) return `missing; expected ${issue.expected}`;
      return `expected ${issue.expected}, found ${describeValue(present)}`;
    }
    case 'invalid_value':
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, found ${describeValue(valueAt(data, path))}`;
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `'${k}'`).join(', ')}`;
    case 'invalid_union': {
      const u = issue as z.core.$ZodIssueInvalidUnion & { discriminator?: string; options?: unknown[] };
      if (u.discriminator) {
        const found = valueAt(data, path);
        const what = u.discriminator === 'probe' ? 'probe' : u.discriminator === 'that' ? 'expectation' : u.discriminator;
        return `${found === undefined ? `missing ${what}` : `unknown ${what} ${describeValue(found)}`}; expected one of ${(u.options ?? []).map((o) => JSON.stringify(o)).join(', ')}`;
      }
      return issue.message;
    }
    case 'too_small':
      if (issue.origin === 'array') return `needs at least ${String(issue.minimum)} item(s)`;
      return `${issue.message.replace(/^Too small: /, '')}, found ${describeValue(valueAt(data, path))}`;
    case 'too_big':
      return `${issue.message.replace(/^Too big: /, '')}, found ${describeValue(valueAt(data, path))}`;
    default:
      return issue.message.replace(/^Invalid input: /, '');
  }
}

function valueAt(data: unknown, path: FieldPath): unknown {
  let cur: unknown = data;
  for (const p of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[p];
  }
  return cur;
}

function describeValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return `"${v.length > 60 ? v.slice(0, 60) + '…' : v}"`;
  return `${typeof v} ${String(v)}`;
}
