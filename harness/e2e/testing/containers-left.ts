/** After container runs: docker lists no container carrying the label of any of these runs. */
import { expect } from 'chai';
import { execFileSync } from 'node:child_process';

export function expectNoContainerLeftBy(runIds: ReadonlyMap<string, { runId: string }>): void {
  for (const [target, { runId }] of runIds) {
    const left = execFileSync('docker', ['ps', '-aq', '--filter', `label=org.part15.run=${runId}`], { encoding: 'utf8' }).trim();
    expect(left, target).to.equal('');
  }
}
