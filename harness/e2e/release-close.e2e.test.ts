/**
 * DTLS-02 with the suite's own check: a node that answers part15's close_notify with its own passes
 * (as DCMTK does: reference-nodes.int.test.ts); one that drops TCP right after the A-RELEASE-RP
 * fails. No third-party node here closes abruptly, hence the scripted peer.
 */
import { expect } from 'chai';
import { startReleasePeer } from '../../fixtures/peers/dicom-tls-release-peer.ts';
import { TestPki } from '../pki/test-pki.ts';
import { loopbackTarget } from './testing/loopback-target.ts';
import { runCheck } from '../run/run-check.ts';
import { loadAllSuites } from '../suite/load-suite.ts';

describe('DTLS-02: close_notify after the release (scripted DICOM-over-TLS peers)', function () {
  this.timeout(30_000);
  const suite = loadAllSuites().find((s) => s.id === 'dimse-over-tls')!;
  const check = suite.checks.find((c) => c.id === 'graceful-release-with-close-notify')!;
  let pki: TestPki;
  before(async function () {
    pki = await TestPki.create({ runTag: 'release' });
  });
  const targetAt = (port: number) => loopbackTarget('release-peer', port, pki);

  for (const [behaviour, verdict] of [['polite', 'pass'], ['abrupt', 'fail']] as const) {
    it(`${behaviour} peer: ${verdict}`, async function () {
      // Given a peer that accepts, releases, and then closes ${behaviour}ly
      const peer = await startReleasePeer(behaviour, pki.serverCredential('rsa-2048'));
      try {
        // When the suite's check runs against it
        const record = await runCheck(suite, check, targetAt(peer.port), { signal: new AbortController().signal });
        // Then the verdict follows from the records it sent after the release
        expect(record.verdict?.kind, JSON.stringify(record)).to.equal(verdict);
        const ev = record.evidence[0]!;
        expect(ev.kind === 'tls-close' && ev.outcome.status === 'released' && ev.outcome.closeNotify).to.equal(verdict === 'pass');
      } finally {
        await peer.close();
      }
    });
  }
});
