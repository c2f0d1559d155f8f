/**
 * Pure evaluators for DICOMweb security (PS3.18 §8.5, RFC 6750, RFC 7617, RFC 9325; catalogue
 * WEB-01 … WEB-11): what http.request (and, for the port rule, tls.handshake) saw. A closed or silent
 * connection never passes a "refused" check: it is inconclusive unless the node is shown to be up.
 */
import type { TlsHandshakeEvidence, WebEvidence, WebOutcome } from '../core/evidence.ts';
import { verdict, type Judgement, type Verdict } from '../core/verdict.ts';
import type { Expectation } from '../suite/schema.ts';

type Of<K extends Expectation['that']> = Extract<Expectation, { that: K }>;

export function describeWeb(ev: WebEvidence): string {
  const o = ev.outcome;
  const what = `${ev.request.method} ${ev.request.scheme}://…${ev.request.path} (${ev.request.resource}, credentials ${ev.request.credentials})`;
  switch (o.status) {
    case 'response': {
      const challenge = o.headers.wwwAuthenticate ? `, WWW-Authenticate: ${o.headers.wwwAuthenticate}` : '';
      const location = o.headers.location ? `, Location: ${o.headers.location.replace(/access_token=[^&]*/g, 'access_token=[redacted]')}` : '';
      return `${what} → ${o.httpStatus}${challenge}${location}, ${o.bodyBytes} bytes${o.headers.contentType ? ` ${o.headers.contentType}` : ''}${o.canaryInBody ? ', holding a patient name or ID of the node' : ''}`;
    }
    case 'no-response':
      return `${what} → no answer within ${o.afterMs} ms`;
    default:
      return `${what} → ${o.status}: ${o.message}`;
  }
}

/** Silence and refused connections decide nothing. */
function undecided(ev: WebEvidence): Verdict | undefined {
  if (ev.outcome.status === 'no-response') return verdict.inconclusive('no-response', describeWeb(ev));
  if (ev.outcome.status === 'connection-refused') return verdict.inconclusive('connection-refused', describeWeb(ev));
  return undefined;
}

const isChallenge = (o: WebOutcome) => o.status === 'response' && o.headers.wwwAuthenticate !== undefined && o.headers.wwwAuthenticate.trim() !== '';

/** Without valid credentials: 401 with a challenge (or a declared 404), never data (WEB-05, WEB-08). */
export function webRefused(_x: Of<'web-refused'>, evs: readonly WebEvidence[]): Verdict {
  const problems: string[] = [];
  for (const ev of evs) {
    const open = undecided(ev);
    if (open) return open;
    const o = ev.outcome;
    if (o.status !== 'response') return verdict.inconclusive('ambiguous-observation', `the connection ended without an HTTP answer: ${describeWeb(ev)}`);
    if (o.httpStatus === 401 && isChallenge(o)) continue;
    if (o.httpStatus === 404 && ev.hidesWith404) continue;
    if (o.httpStatus >= 200 && o.httpStatus < 300) problems.push(`served without valid credentials: ${describeWeb(ev)}`);
    else if (o.httpStatus === 401) problems.push(`401 without a WWW-Authenticate challenge (PS3.18 §8.5, RFC 9110 §15.5.2): ${describeWeb(ev)}`);
    else problems.push(`not 401 with a challenge${ev.hidesWith404 ? ' nor 404' : ''}: ${describeWeb(ev)}`);
  }
  if (problems.length > 0) {
    return verdict.fail(`${problems.length} of ${evs.length} request${evs.length === 1 ? '' : 's'} without valid credentials not refused as PS3.18 asks`, `401 with a WWW-Authenticate challenge${evs[0]?.hidesWith404 ? ' (or 404: the declared hiding policy)' : ''}, never data`, problems.join(' | '));
  }
  return verdict.pass(`${evs.length} request${evs.length === 1 ? '' : 's'} refused: ${evs.map((e) => `${e.request.resource} ${e.outcome.status === 'response' ? e.outcome.httpStatus : ''}`).join(', ')}`);
}

/** A broken or insufficient token refused (WEB-06, WEB-07, WEB-09). */
export function webTokenRefused(x: Of<'web-token-refused'>, ev: WebEvidence): Verdict {
  const open = undecided(ev);
  if (open) return open;
  const o = ev.outcome;
  if (o.status !== 'response') return verdict.inconclusive('ambiguous-observation', `the connection ended without an HTTP answer: ${describeWeb(ev)}`);
  const expected = `${x.status}${x.error ? ` with WWW-Authenticate: Bearer … error="${x.error}"` : ''} (RFC 6750 §3.1)`;
  if (o.httpStatus < 400) return verdict.fail(`the node accepted a ${ev.request.credentials} token`, expected, describeWeb(ev));
  const errorSeen = /error="?([a-z_]+)"?/i.exec(o.headers.wwwAuthenticate ?? '')?.[1];
  const exact = o.httpStatus === x.status && (x.error === undefined || errorSeen === x.error);
  if (x.exact && !exact) return verdict.fail(`the refusal of a ${ev.request.credentials} token is not the one RFC 6750 defines`, expected, describeWeb(ev));
  return verdict.pass(`${ev.request.credentials} token refused: ${describeWeb(ev)}${exact ? '' : ` (RFC 6750 would say ${expected})`}`);
}

/** Cleartext HTTP serves no data (WEB-03). */
export function webNoDataInClear(_x: Of<'web-no-data-in-clear'>, ev: WebEvidence, alive: WebEvidence): Verdict {
  if (ev.outcome.status === 'no-response') return verdict.inconclusive('no-response', describeWeb(ev));
  const o = ev.outcome;
  if (o.status === 'response' && o.httpStatus >= 200 && o.httpStatus < 300) {
    return verdict.fail('the node serves DICOMweb in cleartext', 'no data over cleartext HTTP: a redirect to HTTPS, a refusal, or no HTTP at all (RFC 9325 §3.2)', describeWeb(ev));
  }
  if (alive.outcome.status !== 'response') {
    const silent = undecided(alive);
    return silent ?? verdict.inconclusive('prerequisite-not-met', `the node's web service did not answer either (${describeWeb(alive)}): a closed cleartext port shows nothing`);
  }
  if (o.status === 'response' && o.httpStatus >= 300 && o.httpStatus < 400) {
    const toHttps = o.headers.location?.startsWith('https://') ?? false;
    return verdict.pass(`redirected${toHttps ? ' to HTTPS' : ''} without data: ${describeWeb(ev)}`);
  }
  return verdict.pass(`no data in cleartext: ${describeWeb(ev)}`);
}

/** A header every HTTPS answer should carry (WEB-04: HSTS). */
export function webHeader(x: Of<'web-header'>, ev: WebEvidence): Judgement {
  if (ev.request.scheme === 'http') return { kind: 'not-applicable', reason: 'the node serves DICOMweb without TLS: an HTTPS header does not apply (web-no-data-in-clear judges the cleartext)' };
  const open = undecided(ev);
  if (open) return open;
  const o = ev.outcome;
  if (o.status !== 'response') return verdict.inconclusive('ambiguous-observation', `no HTTP answer to read a header from: ${describeWeb(ev)}`);
  const value = x.header === 'strict-transport-security' ? o.headers.strictTransportSecurity : undefined;
  if (value === undefined) return verdict.fail(`no ${x.header} header`, `${x.header} on HTTPS answers (RFC 9325 §3.2, RFC 6797)`, describeWeb(ev));
  return verdict.pass(`${x.header}: ${value}`);
}

/** Basic credentials are never asked for in cleartext (WEB-10, RFC 7617 §4). */
export function webNoBasicInClear(_x: Of<'web-no-basic-in-clear'>, ev: WebEvidence): Verdict {
  const open = undecided(ev);
  if (open) return open;
  const o = ev.outcome;
  if (o.status === 'response' && /\bbasic\b/i.test(o.headers.wwwAuthenticate ?? '')) {
    return verdict.fail('the node asks for a Basic password over cleartext HTTP', 'no Basic challenge without TLS (RFC 7617 §4: the password travels in clear)', describeWeb(ev));
  }
  return verdict.pass(`no Basic challenge in cleartext: ${describeWeb(ev)}`);
}

/** Error bodies name no patient the node holds (WEB-11). */
export function webNoCanaryInErrors(_x: Of<'web-no-canary-in-errors'>, evs: readonly WebEvidence[]): Verdict {
  // A request that got no answer is an error body not read: nothing may pass over it.
  const silent = evs.map(undecided).find((v) => v !== undefined);
  if (silent) return silent;
  const errors = evs.filter((e) => e.outcome.status === 'response' && e.outcome.httpStatus >= 400);
  const leaking = errors.filter((e) => e.outcome.status === 'response' && e.outcome.canaryInBody);
  if (leaking.length > 0) return verdict.fail('an error answer names a patient the node holds', 'error bodies that explain the error without patient data (PS3.18 §8.5)', leaking.map(describeWeb).join(' | '));
  if (errors.length === 0) return verdict.inconclusive('prerequisite-not-met', 'no request was refused, so there was no error body to read');
  return verdict.pass(`${errors.length} error answer${errors.length === 1 ? '' : 's'} without a patient name or ID (${errors.reduce((n, e) => n + (e.outcome.status === 'response' ? e.outcome.bodyBytes : 0), 0)} bytes read)`);
}

/** DICOMweb and DICOM TLS on separate ports (WEB-02). */
export function webDistinctPorts(_x: Of<'web-distinct-ports'>, dicom: TlsHandshakeEvidence, web: TlsHandshakeEvidence): Verdict {
  for (const [which, e] of [['DICOM', dicom], ['web', web]] as const) {
    const o = e.outcome;
    if (o.status === 'local-error') return verdict.error('suite-invalid', `part15's own TLS stack could not make the ${which} handshake: ${o.message}`);
    if (o.status === 'no-response') return verdict.inconclusive('no-response', `the ${which} TLS port did not answer within ${o.afterMs} ms`);
    if (o.status === 'connection-refused') return verdict.inconclusive('connection-refused', `the ${which} TLS port refused the connection: ${o.message}`);
  }
  if (dicom.outcome.status !== 'established' || web.outcome.status !== 'established') {
    return verdict.inconclusive('prerequisite-not-met', `both ports must complete a TLS handshake to be compared (DICOM ${dicom.outcome.status}, web ${web.outcome.status})`);
  }
  if (dicom.endpoint.port === web.endpoint.port && dicom.endpoint.host === web.endpoint.host) {
    return verdict.fail('DICOM and DICOMweb share one TLS port', 'a DICOMweb TLS port distinct from the DICOM TLS port (PS3.15 B.9–B.11)', `both on ${web.endpoint.host}:${web.endpoint.port}`);
  }
  return verdict.pass(`DICOM TLS on ${dicom.endpoint.port}, DICOMweb TLS on ${web.endpoint.port}`);
}
