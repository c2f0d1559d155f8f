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
