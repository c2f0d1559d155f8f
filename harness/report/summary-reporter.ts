/**
 * The conformance summary: a stable JSON document for machines and a Markdown page shaped like
 * the Security section of a DICOM Conformance Statement (PS3.2) for people. Both are written from
 * the RunRecord alone. The Markdown says, in so many words, that these are observations of one
 * run against one node: a reader must not mistake it for the vendor's own statement.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Evidence } from '../core/evidence.ts';
import type { CheckRecord, CheckStatus, ConformanceReporter, RequirementLevel, RunRecord, SuiteOutcome, SuiteRecord, TargetInfo } from '../core/run-record.ts';
import { VALUES_SHOWN_WARNING } from '../core/run-record.ts';
import { redact } from '../core/redact.ts';
import type { SerializedError, VerdictKind } from '../core/verdict.ts';
import { allChecks, isFinding, reasonOf, resultLabel, runExitCode, tally, verdictOf, type CheckTotals } from './check-tally.ts';
import { evidenceDigest, oneLine } from './evidence-digest.ts';

/** Bumped when a field is removed or changes meaning; adding a field does not bump it. */

export const SUMMARY_SCHEMA_VERSION = 1;

export interface SummaryCheck {
  id: string;
  catalogueId: string;
  level: RequirementLevel;
  clause: string;
  title: string;
  status: CheckStatus;
  /** Present only when status is 'judged'. */
  verdict?: VerdictKind;
  /** The verdict's reason code, or why the check was not applicable / disabled. */
  reason: string;
  summary: string;
  expected?: string;
  observed?: string;
  /** On a fail: the profile or setting that closes it (the suite's `remedy:`). */
  remedy?: string;
  error?: SerializedError;
  isFinding: boolean;
  startedAt: string;
  durationMs: number;
  evidence: Evidence[];
}

export interface SummarySuite {
  id: string;
  sourceFile: string;
  profile: SuiteRecord['profile'];
  outcome: SuiteOutcome;
  outcomeReason: string;
  totals: CheckTotals;
  /** Ids of failed should/may checks. */
  findings: string[];
  checks: SummaryCheck[];
}

export interface SummaryJson {
  schemaVersion: number;
  target: TargetInfo;
  runId: string;
  tool: RunRecord['tool'];
  startedAt: string;
  durationMs: number;
  targetError?: string;
  valuesShown?: true;
  valuesShownWarning?: string;
  exitCode: number;
  totals: CheckTotals;
  suites: SummarySuite[];
}

export function renderSummaryJson(run: RunRecord): SummaryJson {
  const summary: SummaryJson = {
    schemaVersion: SUMMARY_SCHEMA_VERSION,
    target: run.target,
    runId: run.runId,
    tool: run.tool,
    startedAt: run.startedAt,
    durationMs: run.durationMs,
    ...(run.targetError !== undefined ? { targetError: run.targetError } : {}),
    ...(run.valuesShown ? { valuesShown: true, valuesShownWarning: VALUES_SHOWN_WARNING } : {}),
    exitCode: runExitCode(run),
    totals: tally(allChecks(run)),
    suites: run.suites.map(summarizeSuite),
  };
  // Evidence is redacted at capture; redacting the whole document again costs little and also
  // covers verdict text that quotes the target.
  return redact(summary);
}

function summarizeSuite(suite: SuiteRecord): SummarySuite {
  return {
    id: suite.id,
    sourceFile: suite.sourceFile,
    profile: suite.profile,
    outcome: suite.outcome,
    outcomeReason: suite.outcomeReason,
    totals: tally(suite.checks),
    findings: suite.checks.filter(isFinding).map((c) => c.checkId),
    checks: suite.checks.map(summarizeCheck),
  };
}

function summarizeCheck(check: CheckRecord): SummaryCheck {
  const verdict = verdictOf(check);
  return {
    id: check.checkId,
    catalogueId: check.requirement.catalogueId,
    level: check.requirement.level,
    clause: check.requirement.ref,
    title: check.title,
    status: check.status,
    ...(verdict ? { verdict: verdict.kind } : {}),
    reason: reasonOf(check),
    summary: verdict?.summary ?? `${check.status}${check.statusReason ? `: ${check.statusReason}` : ''}`,
    ...(verdict?.kind === 'fail' ? { expected: verdict.expected, observed: verdict.observed, ...(check.remedy ? { remedy: check.remedy } : {}) } : {}),
    ...(verdict?.kind === 'error' && verdict.error ? { error: verdict.error } : {}),
    isFinding: isFinding(check),
    startedAt: check.startedAt,
    durationMs: check.durationMs,
    evidence: redact(check.evidence),
  };
}

// ---------------------------------------------------------------------------------------------
// Markdown

const SUPPORT_AS_OBSERVED: Record<SuiteOutcome, string> = {
  conformant: 'Supported (conformant)',
  'not-conformant': 'Not supported (not conformant)',
  incomplete: 'Not established (incomplete)',
};

export function renderSummaryMarkdown(run: RunRecord): string {
  const lines: string[] = [];
  const totals = tally(allChecks(run));
  lines.push(`# PS3.15 security conformance observations: ${inline(run.target.name)}`, '');
  lines.push(
    ...table(
      ['Item', 'Value'],
      [
        ['Target', run.target.name],
        ['Description', run.target.description],
        ['Target kind', run.target.kind],
        ['Endpoints', Object.entries(run.target.endpoints).map(([n, e]) => `${n} ${e.host}:${e.port}${e.calledAeTitle ? ` (${e.calledAeTitle})` : ''}`).join('; ') || '—'],
        ['Run id', run.runId],
        ['Date', run.startedAt],
        ['Duration', `${(run.durationMs / 1000).toFixed(1)} s`],
        ['Tool', `${run.tool.name} ${run.tool.version}`],
        ['Exit code', String(runExitCode(run))],
        ['Checks', `${totalsText(totals)}`],
      ],
    ),
    '',
  );
  lines.push(
    '> The verdicts below are observations made by this run of the tool against this node, with the configuration in effect at that time.',
    '> They are not a conformance claim by the product\'s vendor, and they do not replace the vendor\'s DICOM Conformance Statement.',
    '',
  );
  if (run.valuesShown) {
    lines.push(`**${VALUES_SHOWN_WARNING}**`, '');
  }
  if (run.targetError !== undefined) {
    lines.push(`**The target could not be started or reached:** ${inline(run.targetError)}. Every check carries an error verdict.`, '');
  }

  lines.push('## Security', '', '### Security Profiles', '');
  lines.push(
    ...table(
      ['Profile', 'PS3.15 section', 'Status', 'Support as observed', 'Basis'],
      run.suites.map((s) => [s.profile.name, s.profile.section, s.profile.status, SUPPORT_AS_OBSERVED[s.outcome], s.outcomeReason]),
    ),
    '',
  );
  if (run.suites.length === 0) lines.push('No profile was tested in this run.', '');

  for (const suite of run.suites) lines.push(...renderSuiteSection(suite));
  return `${lines.join('\n').trimEnd()}\n`;
}

function renderSuiteSection(suite: SuiteRecord): string[] {
  const lines: string[] = [];
  lines.push(`#### ${inline(suite.profile.name)}`, '');
  lines.push(
    `${inline(suite.profile.section)}, edition ${inline(suite.profile.edition)}, ${inline(suite.profile.status)}. ` +
      `Suite \`${suite.id}\` (${inline(suite.sourceFile)}). ` +
      `Support as observed: **${SUPPORT_AS_OBSERVED[suite.outcome]}** — ${inline(suite.outcomeReason)}.`,
    '',
  );
  lines.push(
    ...table(
      ['Check', 'Clause', 'Level', 'Verdict', 'Observation'],
      suite.checks.map((c) => [`\`${c.checkId}\` ${c.title}`, c.requirement.ref, c.requirement.level, resultLabel(c), observationOf(c)]),
    ),
    '',
  );

  const remedies = suite.checks.filter((c) => verdictOf(c)?.kind === 'fail' && c.remedy);
  if (remedies.length > 0) {
    lines.push('##### What would close the failures', '', ...bulletList(remedies, (c) => `\`${c.checkId}\`: ${inline(c.remedy!)}`), '');
  }
  const findings = suite.checks.filter(isFinding);
  const open = suite.checks.filter((c) => ['inconclusive', 'error'].includes(resultLabel(c)));
  const notApplicable = suite.checks.filter((c) => c.status === 'not-applicable');
  const disabled = suite.checks.filter((c) => c.status === 'disabled');

  lines.push('##### Findings (should/may not met)', '');
  lines.push(
    ...bulletList(findings, (c) => {
      const v = verdictOf(c);
      const detail = v?.kind === 'fail' ? ` Expected: ${inline(v.expected)}. Observed: ${inline(v.observed)}.` : '';
      return `\`${c.checkId}\` (${c.requirement.level}, ${inline(c.requirement.ref)}): ${inline(v?.summary ?? '')}.${detail}`;
    }),
    '',
  );
  lines.push('##### Not established', '');
  lines.push(...bulletList(open, (c) => `\`${c.checkId}\` (${c.requirement.level}): ${resultLabel(c)}, ${inline(reasonOf(c))}: ${inline(verdictOf(c)?.summary ?? '')}`), '');
  lines.push('##### Not applicable', '');
  lines.push(...bulletList(notApplicable, (c) => `\`${c.checkId}\`: ${inline(c.statusReason ?? 'no reason given')}`), '');
  if (disabled.length > 0) {
    lines.push('##### Disabled', '');
    lines.push(...bulletList(disabled, (c) => `\`${c.checkId}\`: ${inline(c.statusReason ?? 'no reason given')}`), '');
  }
  return lines;
}

/** One line saying what was seen: the observed value on a fail, the reason when nothing was judged. */
function observationOf(check: CheckRecord): string {
  const verdict = verdictOf(check);
  if (!verdict) return check.statusReason ?? check.status;
  if (verdict.kind === 'fail') return `${verdict.summary} (observed: ${verdict.observed})`;
  if (verdict.kind === 'pass') return verdict.summary || (evidenceDigest(check.evidence)[0] ?? '');
  return `${verdict.reason}: ${verdict.summary}`;
}

function totalsText(t: CheckTotals): string {
  return `${t.pass} pass, ${t.fail} fail, ${t.inconclusive} inconclusive, ${t.error} error, ${t.notApplicable} not applicable, ${t.disabled} disabled`;
}

function bulletList<T>(items: readonly T[], describe: (item: T) => string): string[] {
  return items.length === 0 ? ['None.'] : items.map((item) => `- ${describe(item)}`);
}

function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string[] {
  const row = (cells: readonly string[]) => `| ${cells.map(cell).join(' | ')} |`;
  return [row(header), `|${header.map(() => '---').join('|')}|`, ...rows.map(row)];
}

/** A table cell: one line, `|` escaped so it does not split the cell. */
function cell(text: string): string {
  return inline(text).replace(/\|/g, '\\|');
}

/**
 * Running text from records: redacted, on one line, and with `<` escaped so GitHub does not take
 * target-supplied text for HTML.
 */
function inline(text: string): string {
  return oneLine(text, 400).replace(/</g, '&lt;');
}

// ---------------------------------------------------------------------------------------------

export class SummaryReporter implements ConformanceReporter {
  constructor(private readonly dir: string) {}

  async onRunEnd(run: RunRecord): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    await writeFile(join(this.dir, 'summary.json'), `${JSON.stringify(renderSummaryJson(run), null, 2)}\n`, 'utf8');
    await writeFile(join(this.dir, 'summary.md'), renderSummaryMarkdown(run), 'utf8');
  }
}
