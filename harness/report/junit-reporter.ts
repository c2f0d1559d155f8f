/**
 * JUnit XML from the verdict records (STYLE.md B.4), never from mocha's state: mocha's xunit
 * folds error into failure and has no word for inconclusive. Mapping:
 *   fail           → <failure type="fail">   expected/observed as text
 *   error          → <error type="{reason}">
 *   inconclusive   → <skipped message="inconclusive: {reason}: {summary}">
 *   not-applicable → <skipped message="not-applicable: {statusReason}">
 *   disabled       → <skipped message="disabled: {statusReason}">
 *   pass           → nothing
 * CI dashboards thus show an inconclusive check as skipped — never as passed.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { CheckRecord, ConformanceReporter, RunRecord, SuiteRecord } from '../core/run-record.ts';
import { redactText } from '../core/redact.ts';
import { allChecks, reasonOf, tally, verdictOf, type CheckTotals } from './check-tally.ts';
import { evidenceDigest } from './evidence-digest.ts';
import { xmlElement, type XmlAttributes } from './xml-escape.ts';

const INDENT = '  ';

export function renderJUnit(run: RunRecord): string {
  const checks = allChecks(run);
  const root = xmlElement(
    'testsuites',
    [['name', `part15 ${run.target.name}`], ...countAttributes(tally(checks), checks.length), ['time', seconds(run.durationMs)], ['timestamp', run.startedAt]],
    { children: run.suites.map((suite) => renderTestSuite(suite, run)) },
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n${root}\n`;
}

export class JUnitReporter implements ConformanceReporter {
  constructor(private readonly outputFile: string) {}

  async onRunEnd(run: RunRecord): Promise<void> {
    await mkdir(dirname(this.outputFile), { recursive: true });
    await writeFile(this.outputFile, renderJUnit(run), 'utf8');
  }
}

function countAttributes(totals: CheckTotals, tests: number): XmlAttributes {
  // Everything that is not a pass, fail or error is "skipped": JUnit has no word for the rest.
  return [
    ['tests', tests],
    ['failures', totals.fail],
    ['errors', totals.error],
    ['skipped', totals.inconclusive + totals.notApplicable + totals.disabled],
  ];
}

function renderTestSuite(suite: SuiteRecord, run: RunRecord): string {
  const indent = INDENT;
  const suiteTimeMs = suite.checks.reduce((sum, c) => sum + c.durationMs, 0);
  const firstStart = suite.checks.map((c) => c.startedAt).sort()[0] ?? run.startedAt;
  const properties = renderProperties(
    [
      ['profile', suite.profile.name],
      ['section', suite.profile.section],
      ['edition', suite.profile.edition],
      ['profileStatus', suite.profile.status],
      ['outcome', suite.outcome],
      ['outcomeReason', suite.outcomeReason],
      ['sourceFile', suite.sourceFile],
      ['targetError', run.targetError],
    ],
    indent + INDENT,
  );
  return xmlElement(
    'testsuite',
    [['name', suite.id], ...countAttributes(tally(suite.checks), suite.checks.length), ['time', seconds(suiteTimeMs)], ['timestamp', firstStart]],
    { children: [properties, ...suite.checks.map((c) => renderTestCase(c, indent + INDENT))] },
    indent,
  );
}

function renderTestCase(check: CheckRecord, indent: string): string {
  const inner = indent + INDENT;
  const verdict = verdictOf(check);
  const properties = renderProperties(
    [
      ['suite', check.suiteId],
      ['check', check.checkId],
      ['catalogueId', check.requirement.catalogueId],
      ['level', check.requirement.level],
      ['clause', check.requirement.ref],
      ['status', check.status],
      ['verdict', verdict?.kind],
      ['reason', reasonOf(check)],
    ],
    inner,
  );
  const outcome = renderOutcomeElement(check, inner);
  const digest = evidenceDigest(check.evidence);
  const systemOut = digest.length > 0 ? xmlElement('system-out', [], { text: digest.join('\n') }, inner) : undefined;
  return xmlElement(
    'testcase',
    [['classname', check.suiteId], ['name', safe(`${check.checkId}: ${check.title}`)], ['time', seconds(check.durationMs)]],
    { children: [properties, ...(outcome ? [outcome] : []), ...(systemOut ? [systemOut] : [])] },
    indent,
  );
}

function renderOutcomeElement(check: CheckRecord, indent: string): string | undefined {
  const verdict = verdictOf(check);
  if (!verdict) {
    return xmlElement('skipped', [['message', safe(`${check.status}: ${check.statusReason ?? 'no reason given'}`)]], {}, indent);
  }
  switch (verdict.kind) {
    case 'pass':
      return undefined;
    case 'fail':
      return xmlElement('failure', [['type', 'fail'], ['message', safe(verdict.summary)]], { text: safe(`expected: ${verdict.expected}\nobserved: ${verdict.observed}${check.remedy ? `\nremedy: ${check.remedy}` : ''}`) }, indent);
    case 'error': {
      const cause = verdict.error ? `${verdict.error.name}${verdict.error.code ? ` [${verdict.error.code}]` : ''}: ${verdict.error.message}` : undefined;
      return xmlElement('error', [['type', verdict.reason], ['message', safe(verdict.summary)]], cause ? { text: safe(cause) } : {}, indent);
    }
    case 'inconclusive':
      return xmlElement('skipped', [['message', safe(`inconclusive: ${verdict.reason}: ${verdict.summary}`)]], {}, indent);
  }
}

function renderProperties(entries: ReadonlyArray<readonly [string, string | undefined]>, indent: string): string {
  const properties = entries
    .filter((entry): entry is readonly [string, string] => entry[1] !== undefined)
    .map(([name, value]) => xmlElement('property', [['name', name], ['value', safe(value)]], {}, indent + INDENT));
  return xmlElement('properties', [], { children: properties }, indent);
}

/** Verdict text is written by the harness, but may quote the target: redact it like evidence. */
function safe(text: string): string {
  return redactText(text);
}

function seconds(ms: number): string {
  return (Math.max(0, ms) / 1000).toFixed(3);
}
