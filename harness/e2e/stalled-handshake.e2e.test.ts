/**
 * DTLS-06 with the suite's own check, on scripted peers so it takes seconds: a node that never drops
 * a half-sent ClientHello fails, one that drops it at once passes. (Against DCMTK, which drops it
 * after its 60 s socket timeout, the full-length check runs in stalled-handshake.int.test.ts.)
 */
import { expect } from 'chai';
import { startScriptedPeer, type ScriptedPeer } from '../../fixtures/peers/scripted-peer.ts';
import { TestPki } from '../pki/test-pki.ts';
import { loopbackTarget } from './testing/loopback-target.ts';
import { runCheck } from '../run/run-check.ts';
import { loadAllSuites } from '../suite/load-suite.ts';
import type { Check } from '../suite/schema.ts';

const suite = loadAllSuites().find((s) => s.id === 'dimse-over-tls')!;
const asDefined = suite.checks.find((c) => c.id === 'stalled-handshake-bounded')!;
/** The suite's check with its bounds scaled down (3 s wait, 2 s limit) so a test can run it. */
const scaledDown: Check = {
  ...asDefined,
  steps: asDefined.steps.map((s) => ({ ...s, params: { ...s.params, waitMs: 3000 } }) as typeof s),
  expect: { ...asDefined.expect, withinMs: 2000 } as Check['expect'],
};

describe('DTLS-06: a stalled handshake is dropped in bounded time (scripted peers)', function () {
  this.timeout(30_000);
  let pki: TestPki;
  const peers: ScriptedPeer[] = [];
  const targetAt = (port: number) => loopbackTarget('scripted-peer', port, pki);

  before(async function () {
    pki = await TestPki.create({ runTag: 'stall' });
  });
  after(async function () {
    await Promise.all(peers.map((p) => p.close()));
  });

  it('is a slow check: without --include-slow it is reported as disabled, with the reason', async function () {
    const record = await runCheck(suite, asDefined, targetAt(1), { signal: new AbortController().signal });
    expect(record.status).to.equal('disabled');
    expect(record.statusReason).to.match(/--include-slow/);
    expect(record.verdict).to.equal(undefined);
  });

  it('fails on a peer that holds the half-open handshake forever', async function () {
    // Given a peer that accepts and never answers nor closes
    const peer = await startScriptedPeer('silent');
    peers.push(peer);
    // When the (scaled-down) check runs
    const record = await runCheck(suite, scaledDown, targetAt(peer.port), { signal: new AbortController().signal, includeSlow: true });
    // Then it fails: the connection was still open when part15 stopped waiting
    expect([record.verdict?.kind, record.verdict?.reason]).to.deep.equal(['fail', 'requirement-not-met']);
    const ev = record.evidence[0]!;
    expect(ev.kind === 'stall' && ev.outcome.status).to.equal('still-open');
  });

  it('passes on a peer that drops it at once', async function () {
    const peer = await startScriptedPeer('close-immediately');
    peers.push(peer);
    const record = await runCheck(suite, scaledDown, targetAt(peer.port), { signal: new AbortController().signal, includeSlow: true });
    expect([record.verdict?.kind, record.verdict?.reason]).to.deep.equal(['pass', 'requirement-met']);
  });
});
