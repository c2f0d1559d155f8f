/** The demo's target × suite table (Markdown, readable in a terminal too). */
import type { RunRecord } from '../core/run-record.ts';
import type { LoadedTarget } from '../suite/load-target.ts';

export function renderDemoTable(runs: readonly RunRecord[], files: readonly LoadedTarget[]): string {
  const suiteIds = [...new Set(runs.flatMap((r) => r.suites.map((s) => s.id)))];
  const lines = [
    `| target | demonstrates | ${suiteIds.join(' | ')} |`,
    `|---|---|${suiteIds.map(() => '---').join('|')}|`,
  ];
  for (const run of runs) {
    const file = files.find((f) => f.name === run.target.name);
    const cells = suiteIds.map((id) => {
      if (run.targetError) return 'could not start';
      const s = run.suites.find((x) => x.id === id);
      if (!s) return '—';
      const n = (k: string) => s.checks.filter((c) => c.verdict?.kind === k).length;
      const counts: Array<[number, string]> = [
        [n('pass'), 'pass'],
        [n('fail'), 'fail'],
        [n('inconclusive'), 'inconclusive'],
        [n('error'), 'error'],
        [s.checks.filter((c) => c.status !== 'judged').length, 'n/a or disabled'],
      ];
      // Only the counts that are not zero: the table has a column per suite and must stay readable.
      return `**${s.outcome}** (${counts.filter(([k]) => k > 0).map(([k, what]) => `${k} ${what}`).join(', ')})`;
    });
    lines.push(`| ${run.target.name} | ${(file?.demonstrates ?? '').replace(/\|/g, '\\|')} | ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

/** The exposure suite's doors, in the order a scanner tries them, and their column titles. */
const EXPOSURE_COLUMNS: Array<[string, string]> = [
  ['no-cleartext-association', 'cleartext association'],
  ['unknown-calling-ae-rejected', 'unknown calling AE'],
  ['wrong-called-ae-rejected', 'wrong called AE'],
  ['echo-refused-for-unknown-peer', 'C-ECHO'],
  ['wildcard-patient-root-find-no-leak', 'wildcard C-FIND (Patient Root)'],
  ['wildcard-study-root-find-no-leak', 'wildcard C-FIND (Study Root)'],
  ['store-refused-for-unknown-peer', 'C-STORE'],
  ['move-refused-for-unknown-peer', 'C-MOVE'],
  ['get-refused-for-unknown-peer', 'C-GET'],
  ['no-cleartext-dicom-on-well-known-ports', 'ports 104/11112'],
];
const SYMBOL: Record<string, string> = { pass: '✔ closed', fail: '✘ open', inconclusive: '? inconclusive', error: '! error' };

/**
 * Who leaks: one row per node that the exposure suite judged, the doors as columns. A failed
 * wildcard C-FIND shows how many matches came back (never what they were).
 */
export function renderExposureTable(runs: readonly RunRecord[]): string {
  const judged = runs.filter((r) => r.suites.some((s) => s.id === 'exposure' && s.checks.some((c) => c.status === 'judged')));
  if (judged.length === 0) return '';
  const lines = [
    `| target | ${EXPOSURE_COLUMNS.map(([, title]) => title).join(' | ')} |`,
    `|---|${EXPOSURE_COLUMNS.map(() => '---').join('|')}|`,
  ];
  for (const run of judged) {
    const suite = run.suites.find((s) => s.id === 'exposure')!;
    const cells = EXPOSURE_COLUMNS.map(([id]) => {
      const c = suite.checks.find((x) => x.checkId === id);
      if (!c) return '—';
      if (c.status !== 'judged') return 'n/a';
      const kind = c.verdict!.kind;
      const find = c.evidence.find((e) => e.kind === 'association' && e.operations?.find);
      if (kind === 'fail' && find?.kind === 'association' && find.operations!.find!.matches > 0) {
        const n = find.operations!.find!.matches;
        return `✘ **leaks** ${n} match${n === 1 ? '' : 'es'}`;
      }
      return SYMBOL[kind]!;
    });
    lines.push(`| ${run.target.name} | ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}
