/**
 * `part15 demo` end to end: every bundled reference node in a container, every suite, a table.
 * It exits 0 when every node was judged (the negative controls are expected to fail their checks).
 */
import { expect } from 'chai';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REFERENCE_TARGETS_DIR } from '../paths.ts';
import type { SummaryJson } from '../report/summary-reporter.ts';
import { requireDocker } from './testing/docker-available.ts';
import { runCli } from './testing/run-cli.ts';

describe('part15 demo (all reference nodes, all suites)', function () {
  this.timeout(600_000);
  let dir: string;

  before(function () {
    requireDocker(this);
    dir = mkdtempSync(join(tmpdir(), 'part15-demo-'));
  });
  after(function () {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('judges every node, exits 0, and the table shows the positive control conformant and the negative ones not', async function () {
    // When the demo runs
    const res = await runCli(["demo", "--report-dir", dir], 580_000);
    // Then it exits 0 and writes a table naming every reference node
    expect(res.code, res.stderr.slice(-2000)).to.equal(0);
    const names = readdirSync(REFERENCE_TARGETS_DIR).filter((f) => f.endsWith('.target.yaml')).map((f) => f.replace('.target.yaml', ''));
    const table = readFileSync(join(dir, 'demo.md'), 'utf8');
    for (const name of names) expect(table, name).to.include(`| ${name} |`);
    expect(res.stdout).to.equal(`${table}`);
    // And every node has its own complete reports, judged without errors
    for (const name of names) {
      for (const f of ['junit.xml', 'summary.json', 'summary.md', 'mochawesome.html']) expect(existsSync(join(dir, name, f)), `${name}/${f}`).to.equal(true);
      const summary = JSON.parse(readFileSync(join(dir, name, 'summary.json'), 'utf8')) as SummaryJson;
      expect(summary.totals.error, name).to.equal(0);
    }
    const b12 = (name: string) => (JSON.parse(readFileSync(join(dir, name, 'summary.json'), 'utf8')) as SummaryJson).suites.find((s) => s.id === 'b12-bcp195-rfc8996-9325')!.outcome;
    expect(b12('dcmtk-bcp195-nd')).to.equal('conformant');
    for (const negative of ['dcmtk-bcp195', 'dcmtk-aes-retired', 'dcmtk-null-retired', 'dcmtk-plain-on-tls-port']) expect(b12(negative), negative).to.equal('not-conformant');
    // And the exposure table shows the wide-open Orthanc leaking and the hardened one closed, side by side
    const exposureRow = (name: string) => table.split('\n').filter((l) => l.startsWith(`| ${name} |`))[1] ?? '';
    expect(exposureRow("orthanc-wide-open")).to.match(/✘ \*\*leaks\*\* [2-9] matches/);
    expect(exposureRow('orthanc-hardened')).to.not.include('✘');
    expect(exposureRow('orthanc-hardened').match(/✔ closed/g)).to.have.length(10);
  });
});
