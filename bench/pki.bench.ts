/**
 * Benchmark (not a test): the per-run test PKI. Times TestPki.create() and then every client
 * certificate plus both server credentials, 5 runs in one process; prints each run and the medians.
 * Run 1 is the cold one (module JIT, first forge use), which is what a real `part15` run pays.
 *
 *   npx tsx bench/pki.bench.ts
 */
import { CLIENT_CERTIFICATE_KINDS, TestPki } from '../harness/pki/test-pki.ts';

const RUNS = 5;
const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

const createMs: number[] = [];
const certsMs: number[] = [];
const totalMs: number[] = [];
for (let run = 1; run <= RUNS; run++) {
  const start = performance.now();
  const pki = await TestPki.create({ runTag: `bench-${run}` });
  const created = performance.now();
  for (const name of CLIENT_CERTIFICATE_KINDS) pki.clientCertificate(name);
  pki.serverCredential('rsa-2048');
  pki.serverCredential('rsa-1024');
  const done = performance.now();
  createMs.push(created - start);
  certsMs.push(done - created);
  totalMs.push(done - start);
  console.log(`run ${run}: create ${(created - start).toFixed(0)} ms, 10 certificates ${(done - created).toFixed(1)} ms, total ${(done - start).toFixed(0)} ms`);
}
console.log(
  `median of ${RUNS}: create ${median(createMs).toFixed(0)} ms, certificates ${median(certsMs).toFixed(1)} ms, total ${median(totalMs).toFixed(0)} ms`,
);
