/** The only place a probe is registered. A step's `probe:` id selects its implementation here. */
import type { Evidence } from '../core/evidence.ts';
import type { ProbeContext } from '../core/probe.ts';
import type { RunningTarget } from '../core/target.ts';
import type { Step } from '../suite/schema.ts';
import { auditCaptureProbe } from './audit/audit-capture-probe.ts';
import { httpRequestProbe } from './web/http-request-probe.ts';
import { dimseAssociateProbe } from './dimse/associate-probe.ts';
import { dimseReleaseCloseProbe } from './dimse/release-close-probe.ts';
import { dimseUserIdentityProbe } from './dimse/user-identity-probe.ts';
import { tlsHelloProbe } from './tls/hello/client-hello-probe.ts';
import { tlsHandshakeProbe } from './tls/tls-handshake-probe.ts';
import { tlsStallProbe } from './tls/tls-stall-probe.ts';

export function runStep(target: RunningTarget, step: Step, ctx: ProbeContext): Promise<Evidence> {
  switch (step.probe) {
    case 'tls.handshake':
      return tlsHandshakeProbe.run(target, step.as, step.params, ctx);
    case 'tls.hello':
      return tlsHelloProbe.run(target, step.as, step.params, ctx);
    case 'tls.stall':
      return tlsStallProbe.run(target, step.as, step.params, ctx);
    case 'dimse.associate':
      return dimseAssociateProbe.run(target, step.as, step.params, ctx);
    case 'dimse.release-close':
      return dimseReleaseCloseProbe.run(target, step.as, step.params, ctx);
    case 'dimse.user-identity':
      return dimseUserIdentityProbe.run(target, step.as, step.params, ctx);
    case 'audit.capture':
      return auditCaptureProbe.run(target, step.as, step.params, ctx);
    case 'http.request':
      return httpRequestProbe.run(target, step.as, step.params, ctx);
  }
}
