/**
 * audit.capture — cause one auditable event (a stimulus) and keep the audit messages the node sent
 * for it. The stimulus runs once per run, alone (AuditChannel.exclusive), and every check that
 * reads it gets the same observation; a check then keeps only the transport it asks about.
 *
 * Which messages belong to a stimulus: those that arrive from its start until the node has been
 * quiet for `settleMs` after the first one, or until the target's audit window ends, and that do
 * not name the fresh calling AE title of another stimulus. The probe never judges what it kept.
 */
import type { AuditConnectionSeen, AuditEvidence, CapturedAuditMessage } from '../../core/evidence.ts';
import { HarnessError } from '../../core/errors.ts';
import { NotApplicableError, type Probe, type ProbeContext } from '../../core/probe.ts';
import type { RunningTarget } from '../../core/target.ts';
import { auditChannelOf, type AuditChannel } from '../../audit/audit-channel.ts';
import type { CapturedMessage } from '../../audit/collector/syslog-collectors.ts';
import { readCapturedMessage } from '../../audit/read-captured-message.ts';
import type { AuditCaptureParams } from '../../suite/schema.ts';
import { applyStimulus, type StimulusResult } from './audit-stimuli.ts';

const POLL_MS = 50;

interface Observation {
  stimulus: StimulusResult;
  startedAt: Date;
  listenedMs: number;
  messages: CapturedAuditMessage[];
  connections: AuditConnectionSeen[];
  unrelatedMessages: number;
  messagesInRun: number;
}

export const auditCaptureProbe: Probe<AuditCaptureParams, AuditEvidence> = {
  id: 'audit.capture',
  async run(target, stepName, params, ctx) {
    if (!target.audit) throw new NotApplicableError('the target declares no audit support (no audit: block in its target file)');
    const audit = auditChannelOf(target);
    if (!audit) throw new HarnessError(`target ${target.name} declares audit support but no collector was opened for it`);
    if (params.transport !== 'any' && !audit.declaration.transports.includes(params.transport)) {
      throw new NotApplicableError(`the target declares no audit messages over ${params.transport === 'tls' ? 'syslog TLS (A.6)' : 'syslog UDP (A.7)'}`);
    }
    const declared = audit.declaration.triggers?.[params.stimulus];
    let seen: Observation;
    try {
      if (declared === 'not-audited') throw new NotApplicableError(`the target's Conformance Statement says it does not audit this (audit.triggers.${params.stimulus}: not-audited)`);
      if (params.stimulus === 'node-start' && !audit.startedByHarness) throw new NotApplicableError('part15 did not start this node, so it cannot see what the node sent at start-up');
      // What the node sent while starting is read first, before any stimulus can be mixed into it.
      if (audit.startedByHarness && params.stimulus !== 'node-start') await audit.once('node-start', () => audit.exclusive(() => observe(target, audit, { ...params, stimulus: 'node-start' }, ctx)));
      seen = await audit.once(params.stimulus, () => audit.exclusive(() => observe(target, audit, params, ctx)));
    } catch (e) {
      if (!(e instanceof NotApplicableError) || !params.optional) throw e;
      seen = { stimulus: { happened: false, outcome: `not applicable: ${e.message}` }, startedAt: new Date(), listenedMs: 0, messages: [], connections: [], unrelatedMessages: 0, messagesInRun: audit.messages().length };
    }
    const messages = seen.messages.filter((m) => params.transport === 'any' || m.transport === params.transport);
    return {
      kind: 'audit',
      step: stepName,
      startedAt: seen.startedAt.toISOString(),
      durationMs: seen.listenedMs,
      endpoint: collectorAddress(audit, params.transport),
      stimulus: params.stimulus,
      transport: params.transport,
      declaredTransports: [...audit.declaration.transports],
      ...(seen.stimulus.callingAeTitle ? { callingAeTitle: seen.stimulus.callingAeTitle } : {}),
      ...(seen.stimulus.canaryPatientId ? { canaryPatientId: seen.stimulus.canaryPatientId } : {}),
      stimulusHappened: seen.stimulus.happened,
      stimulusOutcome: seen.stimulus.outcome,
      ...(seen.stimulus.evidence ? { stimulusEvidence: seen.stimulus.evidence } : {}),
      ...(declared && declared !== 'not-audited' ? { declaredEvents: declared } : {}),
      windowMs: audit.declaration.windowMs,
      listenedMs: seen.listenedMs,
      messages,
      connections: params.transport === 'udp' ? [] : seen.connections,
      unrelatedMessages: seen.unrelatedMessages,
      messagesInRun: seen.messagesInRun,
    };
  },
};

async function observe(target: RunningTarget, audit: AuditChannel, params: AuditCaptureParams, ctx: ProbeContext): Promise<Observation> {
  const windowMs = audit.declaration.windowMs;
  let startedAt: Date;
  let stimulus: StimulusResult;
  let listenFrom: number;
  let hardEnd = Infinity;
  if (params.stimulus === 'node-start') {
    // The node audits its own start while part15 starts it: listen from the collectors' opening
    // until the window after readiness ends or another stimulus begins, whichever is first.
    startedAt = audit.openedAt;
    listenFrom = audit.openedAt.getTime();
    hardEnd = audit.firstStimulusAt?.getTime() ?? Infinity;
    stimulus = { happened: true, outcome: 'part15 started the node' };
  } else {
    startedAt = new Date();
    audit.firstStimulusAt ??= startedAt;
    listenFrom = startedAt.getTime();
    stimulus = await applyStimulus(params.stimulus, target, { endpoint: params.endpoint, timeoutMs: params.timeoutMs }, ctx);
    if (stimulus.callingAeTitle && stimulus.callingAeTitle !== target.endpoints.dimseTls?.callingAeTitle && stimulus.callingAeTitle !== target.endpoints.dimse?.callingAeTitle) {
      audit.stimulusAeTitles.add(stimulus.callingAeTitle);
    }
  }
  const stimulusEnd = params.stimulus === 'node-start' ? (audit.readyAt ?? audit.openedAt).getTime() : Date.now();
  const belongs = (m: CapturedMessage) => {
    const at = Date.parse(m.receivedAt);
    return at >= listenFrom && at < hardEnd && !namesOtherStimulus(m, audit, stimulus.callingAeTitle);
  };
  let deadline = Math.min(stimulusEnd + windowMs, hardEnd);
  let settled = false;
  while (Date.now() < deadline && !ctx.signal.aborted) {
    const first = audit.messages().find(belongs);
    if (first && !settled) {
      settled = true;
      deadline = Math.min(deadline, Math.max(Date.now(), Date.parse(first.receivedAt)) + params.settleMs);
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
  const listenedUntil = Math.min(Date.now(), hardEnd);
  const inWindow = audit.messages().filter((m) => Date.parse(m.receivedAt) >= listenFrom && Date.parse(m.receivedAt) <= listenedUntil);
  const mine = inWindow.filter(belongs);
  const messages = await Promise.all(mine.map((m) => readCapturedMessage(m)));
  const used = new Set(mine.map((m) => m.connection).filter((c) => c !== undefined));
  const connections = audit
    .connections()
    .map((c, index) => ({ c, index }))
    .filter(({ c, index }) => used.has(index) || (Date.parse(c.openedAt) >= listenFrom && Date.parse(c.openedAt) <= listenedUntil))
    .map(({ c, index }): AuditConnectionSeen => ({
      index,
      openedAt: c.openedAt,
      ...(c.protocol ? { protocol: c.protocol } : {}),
      ...(c.cipher ? { cipher: c.cipher } : {}),
      clientCertificate: c.clientCertificate,
      ...(c.framingFault ? { framingFault: { kind: c.framingFault.kind, message: describeFault(c.framingFault) } } : {}),
      ...(c.pendingOctetsAtClose !== undefined ? { pendingOctetsAtClose: c.pendingOctetsAtClose } : {}),
      ...(c.closedAt ? { closedAt: c.closedAt } : {}),
    }));
  return { stimulus, startedAt, listenedMs: Math.max(0, listenedUntil - stimulusEnd), messages, connections, unrelatedMessages: inWindow.length - mine.length, messagesInRun: audit.messages().length };
}

/** A message naming the fresh AE title of some other stimulus is that stimulus' message. */
function namesOtherStimulus(m: CapturedMessage, audit: AuditChannel, mine: string | undefined): boolean {
  const text = m.message.msg?.toString('utf8');
  if (!text) return false;
  for (const ae of audit.stimulusAeTitles) if (ae !== mine && text.includes(ae)) return true;
  return false;
}

function collectorAddress(audit: AuditChannel, transport: AuditCaptureParams['transport']) {
  const e = transport === 'udp' ? audit.endpoints.udp : (audit.endpoints.tls ?? audit.endpoints.udp);
  return { host: e?.host ?? '127.0.0.1', port: e?.port ?? 0 };
}

function describeFault(f: { kind: string } & Record<string, unknown>): string {
  if (typeof f.detail === 'string') return f.detail;
  if (f.kind === 'frame-too-large') return `a frame announced ${String(f.announced)} octets, over the collector's limit of ${String(f.limit)}`;
  return JSON.stringify(f);
}
