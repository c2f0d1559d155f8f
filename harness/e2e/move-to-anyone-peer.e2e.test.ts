/**
 * EXP-07 (C-MOVE) can fail: a node that reports a C-MOVE of the synthetic instance to a destination
 * it cannot know as done. Neither dcmqrscp (0xA801) nor Orthanc (0xC000) does that, so a scripted
 * dcmjs-dimse SCP takes that side (fixtures/peers/move-to-anyone-peer.ts); the pass side is shown on
 * the reference nodes (exposure-reference-nodes.int.test.ts).
 */
import { expect } from 'chai';
import { startMoveToAnyonePeer, type RunningPeer } from '../../fixtures/peers/move-to-anyone-peer.ts';
import type { RunningTarget } from '../core/target.ts';
import { TestPki } from '../pki/test-pki.ts';
import { runCheck } from '../run/run-check.ts';
import { loadAllSuites } from '../suite/load-suite.ts';

describe('EXP-07: a node that moves to anyone (scripted SCP)', function () {
  this.timeout(30_000);
  const suite = loadAllSuites().find((s) => s.id === 'exposure')!;
  let peer: RunningPeer;
  let target: RunningTarget;
  before(async function () {
    peer = await startMoveToAnyonePeer();
    const pki = await TestPki.create({ runTag: 'move' });
    target = {
      name: 'move-to-anyone',
      description: 'scripted SCP on 127.0.0.1',
      kind: 'external',
      endpoints: { dimse: { host: '127.0.0.1', port: peer.port, calledAeTitle: 'ANY-SCP' } },
      pki,
      maxConnections: 1,
      stop: async () => {},
    };
  });
  after(async function () {
    await peer.close();
  });

  it('fails the C-MOVE check, with the completed sub-operation as evidence', async function () {
    // Given a node that answers every C-MOVE with one completed sub-operation
    const check = suite.checks.find((c) => c.id === 'move-refused-for-unknown-peer')!;
    // When the suite's check runs against it
    const record = await runCheck(suite, check, target, { signal: new AbortController().signal });
    // Then it fails, and the evidence shows the stored synthetic instance and the move's counts
    expect(record.verdict?.kind, JSON.stringify(record.verdict)).to.equal('fail');
    const ev = record.evidence[0]!;
    expect(ev.kind).to.equal('association');
    if (ev.kind !== 'association') return;
    expect(ev.operations?.store?.status).to.equal(0);
    expect(ev.operations?.move?.completed).to.equal(1);
    expect(ev.requested.retrieve?.sopInstanceUid).to.equal(ev.requested.store?.sopInstanceUid);
    expect(ev.requested.retrieve?.destinationAeTitle).to.match(/^P15-[0-9A-F]{10}$/);
    expect(record.remedy).to.be.a('string');
  });

  it('gives an empty wildcard C-FIND "inconclusive", never a pass (a node without data answers so)', async function () {
    const check = suite.checks.find((c) => c.id === 'wildcard-study-root-find-no-leak')!;
    const record = await runCheck(suite, check, target, { signal: new AbortController().signal });
    expect(record.verdict?.kind).to.equal('inconclusive');
    expect(record.verdict?.reason).to.equal('ambiguous-observation');
  });
});
