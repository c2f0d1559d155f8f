/**
 * The evaluators, table-driven over fixtures/observations/*.json (STYLE.md §B.5.2). Each row is an
 * expectation as a suite author writes it (parsed with the zod Expectation schema, so defaults
 * apply) plus the observation file(s) per step, and the typed verdict kind and reason it must give.
 * Summaries are for people: no assertion here reads them to decide anything.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import type { Evidence, EvidenceKind } from '../core/evidence.ts';
import type { Judgement, Verdict, VerdictKind, VerdictReason } from '../core/verdict.ts';
import { FIXTURES_DIR } from '../paths.ts';
import { describeOffer } from '../probes/tls/hello/client-hello.ts';
import { ServerFlightParser } from '../probes/tls/hello/server-flight.ts';
import { Expectation, type ExpectationKind } from '../suite/schema.ts';
import { evaluateExpectation } from './evaluate-check.ts';

const OBSERVATIONS_DIR = join(FIXTURES_DIR, 'observations');

/** One recorded observation, re-labelled with the step name the row gives it. */
function observation(file: string, step: string): Evidence {
  const ev = JSON.parse(readFileSync(join(OBSERVATIONS_DIR, file), 'utf8')) as Evidence;
  return { ...ev, step };
}

function evidenceOf(observations: Record<string, string>): Map<string, Evidence> {
  return new Map(Object.entries(observations).map(([step, file]) => [step, observation(file, step)]));
}

/** A YAML-like expectation → the typed value the loader would hand over (defaults applied). */
const parse = (yaml: Record<string, unknown>): Expectation => Expectation.parse(yaml);

interface RowBase {
  /** What the row shows, in words. */
  name: string;
  /** The `expect:` of a check, without `that:` (added from the table's key). */
  params: Record<string, unknown>;
  /** Step name → observation file. */
  observations: Record<string, string>;
}
/** A row judged with a verdict, or one the check does not apply to (no verdict at all). */
type Row = RowBase & ({ kind: VerdictKind; reason: VerdictReason } | { kind: 'not-applicable' });

const hello = (file: string) => ({ hello: file });
const assoc = (file: string) => ({ assoc: file });
/** A cleartext association plus a TLS handshake on the same port (no-cleartext-dicom with tlsStep). */
const assocWithTls = (assocFile: string, tlsFile: string) => ({ assoc: assocFile, tls: tlsFile });
const STRICT = { step: 'assoc', tlsStep: 'tls' };
/** no-plain-dicom: one cleartext attempt and the node's own service (alive). */
const plainWithAlive = (plainFile: string, aliveFile: string) => ({ plain: plainFile, alive: aliveFile });
const PLAIN = { steps: ['plain'], aliveStep: 'alive' };
const ident = (file: string) => ({ id: file });
/** audit.capture evidence: one stimulus (`a`), or two (`a`, `b`) for the checks that judge every message. */
const aud = (file: string) => ({ a: file });
const aud2 = (a: string, b: string) => ({ a, b });
/** malformed-identity-refused: a well-formed request before and after the malformed one. */
const malformed = (badFile: string, afterFile = 'uid-refnode-b5-before-accepted.json') => ({ before: 'uid-refnode-b5-before-accepted.json', bad: badFile, after: afterFile });
const MALFORMED = { steps: ['bad'], beforeStep: 'before', afterStep: 'after' };
const preferred = (only13: string, both: string) => ({ only13, both });
const PREFERRED = { onlyStep: 'only13', step: 'both', version: 'TLSv1.3' };
/** A check gated on the server's key type: the key is read from `key`, the judged offer is `hello`. */
const keyed = (keyFile: string, helloFile: string) => ({ key: keyFile, hello: helloFile });
/** hello-downgrade-sentinel: a TLS 1.3 hello (`support`) and a TLS 1.2-only hello (`hello`) to the same server. */
const sentinel = (supportFile: string, helloFile: string) => ({ support: supportFile, hello: helloFile });
const SENTINEL = { supportStep: 'support', step: 'hello' };
/** TLS_DHE_RSA_WITH_AES_256_GCM_SHA384 etc.: the 4 BCP 195 suites storescp +py accepts (TARGETS.md §0.1). */
const BCP195_GCM = ['TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256', 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384', 'TLS_DHE_RSA_WITH_AES_128_GCM_SHA256', 'TLS_DHE_RSA_WITH_AES_256_GCM_SHA384'];

const TABLE: Record<ExpectationKind, Row[]> = {
  'tls-established': [
    { name: 'TLS 1.2 established as demanded', params: { step: 'hello', version: 'TLSv1.2' }, observations: hello('tls12-established-dhe.json'), kind: 'pass', reason: 'requirement-met' },
    { name: 'any version established when none is demanded', params: { step: 'hello' }, observations: hello('tls10-accepted-px.json'), kind: 'pass', reason: 'requirement-met' },
    { name: 'refused with alert 70', params: { step: 'hello', version: 'TLSv1.2' }, observations: hello('tls10-refused-alert70.json'), kind: 'fail', reason: 'requirement-not-met' },
    { name: 'established, but with another version than demanded', params: { step: 'hello', version: 'TLSv1.2' }, observations: hello('tls13-chosen-12-13-offered.json'), kind: 'fail', reason: 'requirement-not-met' },
    { name: 'the port does not speak TLS', params: { step: 'hello' }, observations: hello('tls-not-tls.json'), kind: 'fail', reason: 'requirement-not-met' },
    { name: 'client certificate refused after the TLS 1.3 handshake', params: { step: 'hello' }, observations: hello('tls13-client-cert-required-116.json'), kind: 'fail', reason: 'requirement-not-met' },
    { name: 'silence', params: { step: 'hello' }, observations: hello('tls-no-response.json'), kind: 'inconclusive', reason: 'no-response' },
    { name: 'nothing listens', params: { step: 'hello' }, observations: hello('tls-connection-refused.json'), kind: 'inconclusive', reason: 'connection-refused' },
    { name: 'our own TLS stack could not make the offer', params: { step: 'hello' }, observations: hello('tls-local-error.json'), kind: 'error', reason: 'suite-invalid' },
    { name: 'an RSA-only check on a server with an EC P-256 key', params: { step: 'hello', version: 'TLSv1.2', serverKeyType: 'RSA', keyStep: 'key' }, observations: keyed('tls-established-ec-p256.json', 'tls12-static-rsa-refused-alert40.json'), kind: 'not-applicable' },
  ],
  'tls-rejected': [
    { name: 'TLS 1.0 refused with protocol_version, as demanded', params: { step: 'hello', alerts: ['protocol_version'] }, observations: hello('tls10-refused-alert70.json'), kind: 'pass', reason: 'requirement-met' },
    { name: 'missing client certificate refused with alert 116 after the handshake', params: { step: 'hello' }, observations: hello('tls13-client-cert-required-116.json'), kind: 'pass', reason: 'requirement-met' },
    { name: 'static-RSA suite refused with alert 40 when any alert will do', params: { step: 'hello' }, observations: hello('tls12-static-rsa-refused-alert40.json'), kind: 'pass', reason: 'requirement-met' },
    { name: 'TLS 1.0 accepted', params: { step: 'hello', alerts: ['protocol_version'] }, observations: hello('tls10-accepted-px.json'), kind: 'fail', reason: 'requirement-not-met' },
    { name: 'the port does not speak TLS', params: { step: 'hello' }, observations: hello('tls-not-tls.json'), kind: 'fail', reason: 'requirement-not-met' },
    { name: 'alert 40 where only protocol_version counts', params: { step: 'hello', alerts: ['protocol_version'] }, observations: hello('tls12-static-rsa-refused-alert40.json'), kind: 'inconclusive', reason: 'ambiguous-observation' },
    { name: 'reset without any alert', params: { step: 'hello' }, observations: hello('tls-rejected-reset-no-alert.json'), kind: 'inconclusive', reason: 'ambiguous-observation' },
    { name: 'reset without any alert, protocol_version demanded', params: { step: 'hello', alerts: ['protocol_version'] }, observations: hello('tls-rejected-reset-no-alert.json'), kind: 'inconclusive', reason: 'ambiguous-observation' },
    { name: 'silence is no refusal', params: { step: 'hello' }, observations: hello('tls-no-response.json'), kind: 'inconclusive', reason: 'no-response' },
    { name: 'nothing listens', params: { step: 'hello', alerts: ['protocol_version'] }, observations: hello('tls-connection-refused.json'), kind: 'inconclusive', reason: 'connection-refused' },
    { name: 'our own TLS stack could not make the offer', params: { step: 'hello' }, observations: hello('tls-local-error.json'), kind: 'error', reason: 'suite-invalid' },
  ],
  'tls-version-preferred': [
    { name: 'TLS 1.3 supported and chosen', params: PREFERRED, observations: preferred('tls13-only-established.json', 'tls13-chosen-12-13-offered.json'), kind: 'pass', reason: 'requirement-met' },
    { name: 'TLS 1.3 refused alone with alert 70: nothing to prefer', params: PREFERRED, observations: preferred('tls13-only-refused-alert70.json', 'tls12-chosen-pz.json'), kind: 'pass', reason: 'requirement-met' },
    { name: 'TLS 1.3 works alone, but TLS 1.2 chosen when both offered', params: PREFERRED, observations: preferred('tls13-only-established.json', 'tls12-chosen-12-13-offered.json'), kind: 'fail', reason: 'requirement-not-met' },
    { name: 'TLS 1.3 works alone, but the wider offer is refused', params: PREFERRED, observations: preferred('tls13-only-established.json', 'tls10-refused-alert70.json'), kind: 'fail', reason: 'requirement-not-met' },
    { name: 'the port does not speak TLS', params: PREFERRED, observations: preferred('tls-not-tls.json', 'tls-not-tls.json'), kind: 'fail', reason: 'requirement-not-met' },
    { name: 'TLS 1.3 alone answered with a reset: support cannot be told', params: PREFERRED, observations: preferred('tls13-only-reset-no-alert.json', 'tls12-chosen-pz.json'), kind: 'inconclusive', reason: 'ambiguous-observation' },
    { name: 'TLS 1.3 alone refused with another alert than 70', params: PREFERRED, observations: preferred('tls12-static-rsa-refused-alert40.json', 'tls12-chosen-pz.json'), kind: 'inconclusive', reason: 'ambiguous-observation' },
    { name: 'silence on the TLS-1.3-only offer', params: PREFERRED, observations: preferred('tls-no-response.json', 'tls13-chosen-12-13-offered.json'), kind: 'inconclusive', reason: 'no-response' },
    { name: 'silence on the wider offer', params: PREFERRED, observations: preferred('tls13-only-established.json', 'tls-no-response.json'), kind: 'inconclusive', reason: 'no-response' },
    { name: 'silence on the wider offer, even when 1.3 was refused alone', params: PREFERRED, observations: preferred('tls13-only-refused-alert70.json', 'tls-no-response.json'), kind: 'inconclusive', reason: 'no-response' },
    { name: 'nothing listens', params: PREFERRED, observations: preferred('tls-connection-refused.json', 'tls-connection-refused.json'), kind: 'inconclusive', reason: 'connection-refused' },
    { name: 'our own TLS stack could not make the 1.3-only offer', params: PREFERRED, observations: preferred('tls-local-error.json', 'tls13-chosen-12-13-offered.json'), kind: 'error', reason: 'suite-invalid' },
  ],
  'tls-server-key-strength': [
    { name: 'RSA 2048', params: { step: 'hello' }, observations: hello('tls12-established-dhe.json'), kind: 'pass', reason: 'requirement-met' },
    { name: 'EC P-256', params: { step: 'hello' }, observations: hello('tls-established-ec-p256.json'), kind: 'pass', reason: 'requirement-met' },
    { name: 'RSA 1024', params: { step: 'hello' }, observations: hello('tls-established-rsa1024-leaf.json'), kind: 'fail', reason: 'requirement-not-met' },
    { name: 'RSA 2048 below a raised minimum of 3072', params: { step: 'hello', minRsaBits: 3072 }, observations: hello('tls12-established-dhe.json'), kind: 'fail', reason: 'requirement-not-met' },
    { name: 'EC P-256 below a raised minimum of 384', params: { step: 'hello', minEcBits: 384 }, observations: hello('tls-established-ec-p256.json'), kind: 'fail', reason: 'requirement-not-met' },
    { name: 'the port does not speak TLS: no certificate', params: { step: 'hello' }, observations: hello('tls-not-tls.json'), kind: 'fail', reason: 'requirement-not-met' },
    { name: 'key size could not be read', params: { step: 'hello' }, observations: hello('tls-established-keybits-missing.json'), kind: 'inconclusive', reason: 'ambiguous-observation' },
    { name: 'no handshake, so no certificate to judge', params: { step: 'hello' }, observations: hello('tls10-refused-alert70.json'), kind: 'inconclusive', reason: 'prerequisite-not-met' },
    { name: 'silence', params: { step: 'hello' }, observations: hello('tls-no-response.json'), kind: 'inconclusive', reason: 'no-response' },
    { name: 'our own TLS stack could not make the offer', params: { step: 'hello' }, observations: hello('tls-local-error.json'), kind: 'error', reason: 'suite-invalid' },
  ],
  'tls-server-signature-hashes': [
    { name: 'every certificate SHA-256', params: { step: 'hello' }, observations: hello('tls12-established-dhe.json'), kind: 'pass', reason: 'requirement-met' },
    { name: 'SHA-1 only on the self-signed root (trust anchor exempt)', params: { step: 'hello' }, observations: hello('tls-established-sha1-root-only.json'), kind: 'pass', reason: 'requirement-met' },
    { name: 'SHA-1 on the intermediate', params: { step: 'hello' }, observations: hello('tls-established-sha1-intermediate.json'), kind: 'fail', reason: 'requirement-not-met' },
    { name: 'SHA-1 on the root, trust anchor included', params: { step: 'hello', includeTrustAnchor: true }, observations: hello('tls-established-sha1-root-only.json'), kind: 'fail', reason: 'requirement-not-met' },
    { name: 'the port does not speak TLS: no certificate', params: { step: 'hello' }, observations: hello('tls-not-tls.json'), kind: 'fail', reason: 'requirement-not-met' },
    { name: 'no handshake, so no certificate to judge', params: { step: 'hello' }, observations: hello('tls13-client-cert-required-116.json'), kind: 'inconclusive', reason: 'prerequisite-not-met' },
    { name: 'silence', params: { step: 'hello' }, observations: hello('tls-no-response.json'), kind: 'inconclusive', reason: 'no-response' },
    { name: 'nothing listens', params: { step: 'hello' }, observations: hello('tls-connection-refused.json'), kind: 'inconclusive', reason: 'connection-refused' },
    { name: 'our own TLS stack could not make the offer', params: { step: 'hello' }, observations: hello('tls-local-error.json'), kind: 'error', reason: 'suite-invalid' },
  ],
  'tls-server-certificate-usable': [
    { name: 'X.509 v3, valid at the handshake, EKU serverAuth + clientAuth', params: { step: 'hello' }, observations: hello('tls12-established-dhe.json'), kind: 'pass', reason: 'requirement-met' },
    { name: 'no EKU extension at all (any purpose)', params: { step: 'hello' }, observations: hello('tls-established-ec-p256.json'), kind: 'pass', reason: 'requirement-met' },
    { name: 'leaf expired two days before the handshake (evidence.startedAt)', params: { step: 'hello' }, observations: hello('tls-established-leaf-expired.json'), kind: 'fail', reason: 'requirement-not-met' },
    { name: 'EKU clientAuth only: a client certificate installed as the server certificate', params: { step: 'hello' }, observations: hello('tls-established-eku-client-only.json'), kind: 'fail', reason: 'requirement-not-met' },
    { name: 'X.509 v1 leaf', params: { step: 'hello' }, observations: hello('tls-established-x509v1.json'), kind: 'fail', reason: 'requirement-not-met' },
    { name: 'the port does not speak TLS: no certificate', params: { step: 'hello' }, observations: hello('tls-not-tls.json'), kind: 'fail', reason: 'requirement-not-met' },
    { name: 'no handshake, so no certificate to judge', params: { step: 'hello' }, observations: hello('tls10-refused-alert70.json'), kind: 'inconclusive', reason: 'prerequisite-not-met' },
    { name: 'silence', params: { step: 'hello' }, observations: hello('tls-no-response.json'), kind: 'inconclusive', reason: 'no-response' },
    { name: 'our own TLS stack could not make the offer', params: { step: 'hello' }, observations: hello('tls-local-error.json'), kind: 'error', reason: 'suite-invalid' },
  ],
  // ---- tls.hello evidence: no `error` rows, since a raw ClientHello has no local TLS stack to fail (no local-error outcome)
  'hello-accepted': [
    { name: '+py: TLS 1.2 DHE suite accepted, as demanded', params: { step: 'hello', version: 'TLSv1.2' }, observations: hello('hello-py-tls12-dhe2048.json'), kind: 'pass', reason: 'requirement-met' },
    { name: '+px: any ServerHello when no version is demanded (static RSA chosen)', params: { step: 'hello' }, observations: hello('hello-px-static-rsa-chosen.json'), kind: 'pass', reason: 'requirement-met' },
    { name: '+py: TLS 1.3 accepted', params: { step: 'hello', version: 'TLSv1.3' }, observations: hello('hello-py-tls13.json'), kind: 'pass', reason: 'requirement-met' },
    { name: 'a HelloRetryRequest is a TLS 1.3 acceptance (the server asks for another key share)', params: { step: 'hello', version: 'TLSv1.3' }, observations: hello('hello-hrr-secp384r1.json'), kind: 'pass', reason: 'requirement-met' },
    { name: 'RSA-key server accepts the RSA-only suite (key seen on another hello)', params: { step: 'hello', serverKeyType: 'RSA', keyStep: 'key' }, observations: keyed('hello-py-tls12-dhe2048.json', 'hello-py-tls12-dhe2048.json'), kind: 'pass', reason: 'requirement-met' },
    { name: '+py: static-RSA suite refused with alert 40', params: { step: 'hello', version: 'TLSv1.2' }, observations: hello('hello-py-static-rsa-alert40.json'), kind: 'fail', reason: 'requirement-not-met' },
    { name: '+pz: TLS 1.3 refused with alert 70', params: { step: 'hello', version: 'TLSv1.3' }, observations: hello('hello-pz-tls13-alert70.json'), kind: 'fail', reason: 'requirement-not-met' },
    { name: 'accepted, but with TLS 1.2 where 1.3 is demanded', params: { step: 'hello', version: 'TLSv1.3' }, observations: hello('hello-py-tls12-dhe2048.json'), kind: 'fail', reason: 'requirement-not-met' },
    { name: 'reset without a TLS record', params: { step: 'hello' }, observations: hello('hello-reset.json'), kind: 'fail', reason: 'requirement-not-met' },
    { name: 'the port answers HTTP', params: { step: 'hello' }, observations: hello('hello-not-tls-http400.json'), kind: 'fail', reason: 'requirement-not-met' },
    { name: 'the key could not be seen (alert on the key step): judged as usual', params: { step: 'hello', serverKeyType: 'RSA', keyStep: 'key' }, observations: keyed('hello-py-static-rsa-alert40.json', 'hello-py-static-rsa-alert40.json'), kind: 'fail', reason: 'requirement-not-met' },
    { name: 'silence', params: { step: 'hello' }, observations: hello('hello-no-response.json'), kind: 'inconclusive', reason: 'no-response' },
    { name: 'nothing listens', params: { step: 'hello', version: 'TLSv1.2' }, observations: hello('hello-connection-refused.json'), kind: 'inconclusive', reason: 'connection-refused' },
    { name: 'an RSA-only suite on a server with an EC P-256 key', params: { step: 'hello', serverKeyType: 'RSA', keyStep: 'key' }, observations: keyed('hello-pz-ec-p256-ecdsa.json', 'hello-py-static-rsa-alert40.json'), kind: 'not-applicable' },
    { name: 'an ECDSA suite on a server with an RSA key', params: { step: 'hello', serverKeyType: 'EC', keyStep: 'key' }, observations: keyed('hello-py-tls12-dhe2048.json', 'hello-py-static-rsa-alert40.json'), kind: 'not-applicable' },
  ],
  'hello-refused': [
    { name: '+py: TLS 1.0 refused with protocol_version, as demanded', params: { step: 'hello', alerts: ['protocol_version'] }, observations: hello('hello-py-tls10-alert70.json'), kind: 'pass', reason: 'requirement-met' },
    { name: '+py: TLS 1.2 with TLS_FALLBACK_SCSV refused with inappropriate_fallback', params: { step: 'hello', alerts: ['inappropriate_fallback'] }, observations: hello('hello-py-fallback-scsv-alert86.json'), kind: 'pass', reason: 'requirement-met' },
    { name: '+py: static-RSA suite refused with alert 40 when any alert will do', params: { step: 'hello' }, observations: hello('hello-py-static-rsa-alert40.json'), kind: 'pass', reason: 'requirement-met' },
    { name: 'a HelloRetryRequest is no refusal: the server is willing to negotiate', params: { step: 'hello' }, observations: hello('hello-hrr-secp384r1.json'), kind: 'fail', reason: 'requirement-not-met' },
    { name: '+px: static-RSA suite accepted', params: { step: 'hello' }, observations: hello('hello-px-static-rsa-chosen.json'), kind: 'fail', reason: 'requirement-not-met' },
    { name: 'a ServerHello where only inappropriate_fallback is the refusal', params: { step: 'hello', alerts: ['inappropriate_fallback'] }, observations: hello('hello-pz-tls12-dhe2048.json'), kind: 'fail', reason: 'requirement-not-met' },
    { name: 'alert 40 where only protocol_version counts', params: { step: 'hello', alerts: ['protocol_version'] }, observations: hello('hello-py-static-rsa-alert40.json'), kind: 'inconclusive', reason: 'ambiguous-observation' },
    { name: 'reset without an alert', params: { step: 'hello' }, observations: hello('hello-reset.json'), kind: 'inconclusive', reason: 'ambiguous-observation' },
    { name: 'an HTTP answer is no TLS refusal', params: { step: 'hello' }, observations: hello('hello-not-tls-http400.json'), kind: 'inconclusive', reason: 'ambiguous-observation' },
    { name: 'silence is no refusal', params: { step: 'hello', alerts: ['protocol_version'] }, observations: hello('hello-no-response.json'), kind: 'inconclusive', reason: 'no-response' },
  ],
  'hello-suite-chosen': [
    { name: '+py: the DHE GCM suite chosen', params: { step: 'hello', among: BCP195_GCM }, observations: hello('hello-py-tls12-dhe2048.json'), kind: 'pass', reason: 'requirement-met' },
    { name: 'the demanded suite given as a code point', params: { step: 'hello', among: ['0x009F'] }, observations: hello('hello-py-tls12-dhe2048.json'), kind: 'pass', reason: 'requirement-met' },
    { name: 'EC-key server chooses the ECDSA suite', params: { step: 'hello', among: ['TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256'], serverKeyType: 'EC', keyStep: 'key' }, observations: keyed('hello-pz-ec-p256-ecdsa.json', 'hello-pz-ec-p256-ecdsa.json'), kind: 'pass', reason: 'requirement-met' },
    { name: '+px: TLS_RSA_WITH_AES_128_CBC_SHA chosen over the forward-secret suites offered after it', params: { step: 'hello', among: BCP195_GCM }, observations: hello('hello-px-static-rsa-chosen.json'), kind: 'fail', reason: 'requirement-not-met' },
    { name: 'the whole offer refused with an alert: the demanded suite was offered and not taken', params: { step: 'hello', among: ['TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256'] }, observations: hello('hello-py-secp192r1-only-alert40.json'), kind: 'fail', reason: 'requirement-not-met' },
    { name: 'the whole offer refused with fallback alert 86', params: { step: 'hello', among: BCP195_GCM }, observations: hello('hello-py-fallback-scsv-alert86.json'), kind: 'fail', reason: 'requirement-not-met' },
    { name: 'reset: no ServerHello to read', params: { step: 'hello', among: BCP195_GCM }, observations: hello('hello-reset.json'), kind: 'inconclusive', reason: 'prerequisite-not-met' },
    { name: 'HTTP answer: no ServerHello to read', params: { step: 'hello', among: BCP195_GCM }, observations: hello('hello-not-tls-http400.json'), kind: 'inconclusive', reason: 'prerequisite-not-met' },
    { name: 'silence', params: { step: 'hello', among: BCP195_GCM }, observations: hello('hello-no-response.json'), kind: 'inconclusive', reason: 'no-response' },
    { name: 'an ECDSA suite on a server with an RSA key', params: { step: 'hello', among: ['TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256'], serverKeyType: 'EC', keyStep: 'key' }, observations: keyed('hello-py-tls12-dhe2048.json', 'hello-py-secp192r1-only-alert40.json'), kind: 'not-applicable' },
  ],
  'hello-extension': [
    { name: 'renegotiation_info echoed', params: { step: 'hello', extension: 'renegotiation_info', present: true }, observations: hello('hello-py-tls12-dhe2048.json'), kind: 'pass', reason: 'requirement-met' },
    { name: 'extended_master_secret echoed', params: { step: 'hello', extension: 'extended_master_secret', present: true }, observations: hello('hello-py-tls12-dhe2048.json'), kind: 'pass', reason: 'requirement-met' },
    { name: 'truncated_hmac not echoed', params: { step: 'hello', extension: 'truncated_hmac', present: false }, observations: hello('hello-py-tls12-dhe2048.json'), kind: 'pass', reason: 'requirement-met' },
    { name: 'ec_point_formats echoed with an ECDHE suite', params: { step: 'hello', extension: 'ec_point_formats', present: true }, observations: hello('hello-py-tls12-ecdhe-x25519.json'), kind: 'pass', reason: 'requirement-met' },
    { name: 'truncated_hmac echoed', params: { step: 'hello', extension: 'truncated_hmac', present: false }, observations: hello('hello-truncated-hmac-echoed.json'), kind: 'fail', reason: 'requirement-not-met' },
    { name: 'ec_point_formats missing: OpenSSL sends it only with an ECC suite, not with DHE', params: { step: 'hello', extension: 'ec_point_formats', present: true }, observations: hello('hello-py-tls12-dhe2048.json'), kind: 'fail', reason: 'requirement-not-met' },
    { name: 'renegotiation_info missing from a TLS 1.3 ServerHello (it is a TLS 1.2 extension)', params: { step: 'hello', extension: 'renegotiation_info', present: true }, observations: hello('hello-py-tls13.json'), kind: 'fail', reason: 'requirement-not-met' },
    { name: 'refused with an alert: no ServerHello to read', params: { step: 'hello', extension: 'truncated_hmac', present: false }, observations: hello('hello-py-static-rsa-alert40.json'), kind: 'inconclusive', reason: 'prerequisite-not-met' },
    { name: 'reset: no ServerHello to read', params: { step: 'hello', extension: 'renegotiation_info', present: true }, observations: hello('hello-reset.json'), kind: 'inconclusive', reason: 'prerequisite-not-met' },
    { name: 'silence', params: { step: 'hello', extension: 'truncated_hmac', present: false }, observations: hello('hello-no-response.json'), kind: 'inconclusive', reason: 'no-response' },
  ],
  'hello-downgrade-sentinel': [
    { name: '+py speaks TLS 1.3 and marks its TLS 1.2 answer (DHE) with the sentinel', params: SENTINEL, observations: sentinel('hello-py-tls13.json', 'hello-py-tls12-dhe2048.json'), kind: 'pass', reason: 'requirement-met' },
    { name: '+py speaks TLS 1.3 and marks its TLS 1.2 answer (ECDHE) with the sentinel', params: SENTINEL, observations: sentinel('hello-py-tls13.json', 'hello-py-tls12-ecdhe-x25519.json'), kind: 'pass', reason: 'requirement-met' },
    { name: 'a HelloRetryRequest shows TLS 1.3 support too', params: SENTINEL, observations: sentinel('hello-hrr-secp384r1.json', 'hello-py-tls12-dhe2048.json'), kind: 'pass', reason: 'requirement-met' },
    { name: 'TLS 1.3 spoken, but the TLS 1.2 answer lacks the sentinel', params: SENTINEL, observations: sentinel('hello-py-tls13.json', 'hello-pz-tls12-dhe2048.json'), kind: 'fail', reason: 'requirement-not-met' },
    { name: 'the TLS 1.3 hello got no answer: support cannot be told', params: SENTINEL, observations: sentinel('hello-no-response.json', 'hello-pz-tls12-dhe2048.json'), kind: 'inconclusive', reason: 'no-response' },
    { name: 'the TLS 1.3 hello was reset: support cannot be told', params: SENTINEL, observations: sentinel('hello-reset.json', 'hello-pz-tls12-dhe2048.json'), kind: 'inconclusive', reason: 'ambiguous-observation' },
    { name: 'TLS 1.3 spoken, but the TLS 1.2-only hello was refused: no ServerHello to read', params: SENTINEL, observations: sentinel('hello-py-tls13.json', 'hello-py-static-rsa-alert40.json'), kind: 'inconclusive', reason: 'prerequisite-not-met' },
    { name: 'TLS 1.3 refused (alert 70) but the TLS 1.2 hello got no answer: silence is not passed over', params: SENTINEL, observations: sentinel('hello-pz-tls13-alert70.json', 'hello-no-response.json'), kind: 'inconclusive', reason: 'no-response' },
    { name: '+pz refuses TLS 1.3 with alert 70: it owes no sentinel', params: SENTINEL, observations: sentinel('hello-pz-tls13-alert70.json', 'hello-pz-tls12-dhe2048.json'), kind: 'not-applicable' },
  ],
  'hello-dhe-min-bits': [
    { name: '+py: DHE 2048', params: { step: 'hello' }, observations: hello('hello-py-tls12-dhe2048.json'), kind: 'pass', reason: 'requirement-met' },
    { name: '+py with 1024-bit DH parameters', params: { step: 'hello' }, observations: hello('hello-py-dhe1024.json'), kind: 'fail', reason: 'requirement-not-met' },
    { name: 'DHE 2048 below a raised minimum of 3072', params: { step: 'hello', minBits: 3072 }, observations: hello('hello-py-tls12-dhe2048.json'), kind: 'fail', reason: 'requirement-not-met' },
    { name: 'static RSA chosen: no DHE ServerKeyExchange', params: { step: 'hello' }, observations: hello('hello-px-static-rsa-chosen.json'), kind: 'inconclusive', reason: 'prerequisite-not-met' },
    { name: 'ECDHE chosen: no DHE ServerKeyExchange', params: { step: 'hello' }, observations: hello('hello-py-tls12-ecdhe-x25519.json'), kind: 'inconclusive', reason: 'prerequisite-not-met' },
    { name: 'reset', params: { step: 'hello' }, observations: hello('hello-reset.json'), kind: 'inconclusive', reason: 'ambiguous-observation' },
    { name: 'silence', params: { step: 'hello' }, observations: hello('hello-no-response.json'), kind: 'inconclusive', reason: 'no-response' },
    { name: 'nothing listens', params: { step: 'hello' }, observations: hello('hello-connection-refused.json'), kind: 'inconclusive', reason: 'connection-refused' },
    { name: 'the offer refused with alert 40: the server negotiates no DHE suite', params: { step: 'hello' }, observations: hello('hello-py-static-rsa-alert40.json'), kind: 'not-applicable' },
  ],
  'hello-ecdhe-min-bits': [
    { name: '+py: ECDHE x25519', params: { step: 'hello' }, observations: hello('hello-py-tls12-ecdhe-x25519.json'), kind: 'pass', reason: 'requirement-met' },
    { name: 'secp224r1 at a minimum of 224', params: { step: 'hello', minBits: 224 }, observations: hello('hello-ecdhe-secp224r1.json'), kind: 'pass', reason: 'requirement-met' },
    { name: '+py refuses an offer of secp192r1 alone with alert 40', params: { step: 'hello', minBits: 224 }, observations: hello('hello-py-secp192r1-only-alert40.json'), kind: 'pass', reason: 'requirement-met' },
    { name: 'secp192r1 chosen where 224 bits are the minimum', params: { step: 'hello', minBits: 224 }, observations: hello('hello-ecdhe-secp192r1.json'), kind: 'fail', reason: 'requirement-not-met' },
    { name: 'secp224r1 below the default 256', params: { step: 'hello' }, observations: hello('hello-ecdhe-secp224r1.json'), kind: 'fail', reason: 'requirement-not-met' },
    { name: 'DHE chosen: no ECDHE ServerKeyExchange', params: { step: 'hello' }, observations: hello('hello-py-tls12-dhe2048.json'), kind: 'inconclusive', reason: 'prerequisite-not-met' },
    { name: 'TLS 1.3: the key exchange group is not in a ServerKeyExchange', params: { step: 'hello' }, observations: hello('hello-py-tls13.json'), kind: 'inconclusive', reason: 'prerequisite-not-met' },
    { name: 'HTTP answer', params: { step: 'hello' }, observations: hello('hello-not-tls-http400.json'), kind: 'inconclusive', reason: 'ambiguous-observation' },
    { name: 'silence', params: { step: 'hello' }, observations: hello('hello-no-response.json'), kind: 'inconclusive', reason: 'no-response' },
  ],
  'hello-no-compression': [
    { name: '+py: compression null', params: { step: 'hello' }, observations: hello('hello-py-tls12-dhe2048.json'), kind: 'pass', reason: 'requirement-met' },
    { name: 'refused with an alert: nothing compressed', params: { step: 'hello' }, observations: hello('hello-py-static-rsa-alert40.json'), kind: 'pass', reason: 'requirement-met' },
    { name: 'DEFLATE (1) chosen', params: { step: 'hello' }, observations: hello('hello-compression-deflate.json'), kind: 'fail', reason: 'requirement-not-met' },
    { name: 'reset', params: { step: 'hello' }, observations: hello('hello-reset.json'), kind: 'inconclusive', reason: 'ambiguous-observation' },
    { name: 'HTTP answer', params: { step: 'hello' }, observations: hello('hello-not-tls-http400.json'), kind: 'inconclusive', reason: 'ambiguous-observation' },
    { name: 'silence', params: { step: 'hello' }, observations: hello('hello-no-response.json'), kind: 'inconclusive', reason: 'no-response' },
    { name: 'nothing listens', params: { step: 'hello' }, observations: hello('hello-connection-refused.json'), kind: 'inconclusive', reason: 'connection-refused' },
  ],
  'association-accepted': [
    { name: 'accepted, C-ECHO status 0 as demanded', params: { step: 'assoc', echoStatus: 0 }, observations: assoc('assoc-accepted-echo0.json'), kind: 'pass', reason: 'requirement-met' },
    { name: 'accepted, no echo status demanded', params: { step: 'assoc' }, observations: assoc('assoc-accepted-echo0.json'), kind: 'pass', reason: 'requirement-met' },
    { name: 'accepted, but C-ECHO status 0x0110', params: { step: 'assoc', echoStatus: 0 }, observations: assoc('assoc-accepted-echo-0110.json'), kind: 'fail', reason: 'requirement-not-met' },
    { name: 'accepted, but no C-ECHO response', params: { step: 'assoc', echoStatus: 0 }, observations: assoc('assoc-accepted-no-echo-response.json'), kind: 'fail', reason: 'requirement-not-met' },
    { name: 'A-ASSOCIATE-RJ 1/1/3', params: { step: 'assoc' }, observations: assoc('assoc-rejected-1-1-3.json'), kind: 'fail', reason: 'requirement-not-met' },
    { name: 'A-ABORT', params: { step: 'assoc' }, observations: assoc('assoc-aborted.json'), kind: 'fail', reason: 'requirement-not-met' },
    { name: 'TLS refused with alert 116', params: { step: 'assoc' }, observations: assoc('assoc-tls-rejected-116.json'), kind: 'fail', reason: 'requirement-not-met' },
    { name: 'silence', params: { step: 'assoc' }, observations: assoc('assoc-no-response.json'), kind: 'inconclusive', reason: 'no-response' },
    { name: 'nothing listens', params: { step: 'assoc', echoStatus: 0 }, observations: assoc('assoc-connection-refused.json'), kind: 'inconclusive', reason: 'connection-refused' },
    { name: 'our own TLS stack could not make the request', params: { step: 'assoc' }, observations: assoc('assoc-local-error.json'), kind: 'error', reason: 'suite-invalid' },
  ],
  'association-refused': [
    { name: 'A-ASSOCIATE-RJ 1/1/3', params: { step: 'assoc' }, observations: assoc('assoc-rejected-1-1-3.json'), kind: 'pass', reason: 'requirement-met' },
    { name: 'A-ABORT', params: { step: 'assoc' }, observations: assoc('assoc-aborted.json'), kind: 'pass', reason: 'requirement-met' },
    { name: 'TLS refused with alert 116', params: { step: 'assoc' }, observations: assoc('assoc-tls-rejected-116.json'), kind: 'pass', reason: 'requirement-met' },
    { name: 'closed without any PDU', params: { step: 'assoc' }, observations: assoc('assoc-closed-no-pdu.json'), kind: 'pass', reason: 'requirement-met' },
    { name: 'accepted', params: { step: 'assoc' }, observations: assoc('assoc-accepted-echo0.json'), kind: 'fail', reason: 'requirement-not-met' },
    { name: 'accepted even though the C-ECHO failed', params: { step: 'assoc' }, observations: assoc('assoc-accepted-echo-0110.json'), kind: 'fail', reason: 'requirement-not-met' },
    { name: 'a truncated PDU tells nothing', params: { step: 'assoc' }, observations: assoc('assoc-protocol-violation.json'), kind: 'inconclusive', reason: 'ambiguous-observation' },
    { name: 'silence is no refusal', params: { step: 'assoc' }, observations: assoc('assoc-no-response.json'), kind: 'inconclusive', reason: 'no-response' },
    { name: 'nothing listens', params: { step: 'assoc' }, observations: assoc('assoc-connection-refused.json'), kind: 'inconclusive', reason: 'connection-refused' },
    { name: 'our own TLS stack could not make the request', params: { step: 'assoc' }, observations: assoc('assoc-local-error.json'), kind: 'error', reason: 'suite-invalid' },
  ],
  'close-notify-after-release': [
    { name: 'DCMTK answers our close_notify with its own', params: { step: 'release' }, observations: { release: 'close-notify-answered-dcmtk.json' }, kind: 'pass', reason: 'requirement-met' },
    { name: 'FIN after the A-RELEASE-RP, no close_notify', params: { step: 'release' }, observations: { release: 'close-notify-missing-abrupt.json' }, kind: 'fail', reason: 'requirement-not-met' },
    { name: 'the association never got released', params: { step: 'release' }, observations: { release: 'close-not-released.json' }, kind: 'inconclusive', reason: 'prerequisite-not-met' },
    { name: 'no TLS 1.2 session', params: { step: 'release' }, observations: { release: 'close-tls-rejected.json' }, kind: 'inconclusive', reason: 'prerequisite-not-met' },
    { name: 'silence', params: { step: 'release' }, observations: { release: 'close-no-response.json' }, kind: 'inconclusive', reason: 'no-response' },
    { name: 'nothing listens', params: { step: 'release' }, observations: { release: 'close-connection-refused.json' }, kind: 'inconclusive', reason: 'connection-refused' },
  ],
  'dropped-within': [
    { name: 'DCMTK drops a stalled handshake after 61 s, within 90 s', params: { step: 'stall', withinMs: 90000 }, observations: { stall: 'stall-dropped-after-61s.json' }, kind: 'pass', reason: 'requirement-met' },
    { name: 'dropped, but only after 95 s', params: { step: 'stall', withinMs: 90000 }, observations: { stall: 'stall-dropped-after-95s.json' }, kind: 'fail', reason: 'requirement-not-met' },
    { name: 'still held when part15 stopped waiting', params: { step: 'stall', withinMs: 90000 }, observations: { stall: 'stall-still-open.json' }, kind: 'fail', reason: 'requirement-not-met' },
    { name: 'the connection never opened', params: { step: 'stall', withinMs: 90000 }, observations: { stall: 'stall-no-response.json' }, kind: 'inconclusive', reason: 'no-response' },
    { name: 'nothing listens', params: { step: 'stall', withinMs: 90000 }, observations: { stall: 'stall-connection-refused.json' }, kind: 'inconclusive', reason: 'connection-refused' },
  ],
  'no-cleartext-dicom': [
    { name: 'closed without any PDU', params: { step: 'assoc' }, observations: assoc('assoc-closed-no-pdu.json'), kind: 'pass', reason: 'requirement-met' },
    { name: 'answered with a TLS alert record', params: { step: 'assoc' }, observations: assoc('assoc-non-dicom-reply-tls-alert.json'), kind: 'pass', reason: 'requirement-met' },
    { name: 'cleartext association accepted', params: { step: 'assoc' }, observations: assoc('assoc-plain-accepted-on-tls-port.json'), kind: 'fail', reason: 'requirement-not-met' },
    { name: 'cleartext A-ASSOCIATE-RJ', params: { step: 'assoc' }, observations: assoc('assoc-plain-rejected-on-tls-port.json'), kind: 'fail', reason: 'requirement-not-met' },
    { name: 'cleartext A-ABORT', params: { step: 'assoc' }, observations: assoc('assoc-aborted.json'), kind: 'fail', reason: 'requirement-not-met' },
    { name: 'silence', params: { step: 'assoc' }, observations: assoc('assoc-no-response.json'), kind: 'inconclusive', reason: 'no-response' },
    { name: 'nothing listens', params: { step: 'assoc' }, observations: assoc('assoc-connection-refused.json'), kind: 'inconclusive', reason: 'connection-refused' },
    { name: 'our own stack could not make the request', params: { step: 'assoc' }, observations: assoc('assoc-local-error.json'), kind: 'error', reason: 'suite-invalid' },
    { name: 'closed on cleartext while the same port completes TLS', params: STRICT, observations: assocWithTls('assoc-closed-no-pdu.json', 'tls12-established-dhe.json'), kind: 'pass', reason: 'requirement-met' },
    { name: 'closed on cleartext, but TLS is refused with a bare reset too (a port that drops everything)', params: STRICT, observations: assocWithTls('assoc-closed-no-pdu.json', 'tls-rejected-reset-no-alert.json'), kind: 'inconclusive', reason: 'prerequisite-not-met' },
    { name: 'closed on cleartext, and the port is not TLS at all', params: STRICT, observations: assocWithTls('assoc-closed-no-pdu.json', 'tls-not-tls.json'), kind: 'inconclusive', reason: 'prerequisite-not-met' },
    { name: 'cleartext accepted: fails whatever the TLS step saw', params: STRICT, observations: assocWithTls('assoc-plain-accepted-on-tls-port.json', 'tls-rejected-reset-no-alert.json'), kind: 'fail', reason: 'requirement-not-met' },
  ],
  'association-rejected': [
    { name: 'Orthanc hardened: unknown calling AE, A-ASSOCIATE-RJ reason 3', params: { step: 'assoc', reason: 'calling-AE-title-not-recognized' }, observations: assoc('exp-orthanc-hardened-calling-rj-3.json'), kind: 'pass', reason: 'requirement-met' },
    { name: 'a different RJ reason still passes (nodes differ, TARGETS.md §0.11)', params: { step: 'assoc', reason: 'calling-AE-title-not-recognized' }, observations: assoc('exp-orthanc-hardened-called-rj-7.json'), kind: 'pass', reason: 'requirement-met' },
    { name: 'Orthanc wide open: the unknown AE is accepted', params: { step: 'assoc' }, observations: assoc('exp-orthanc-open-plain-accepted.json'), kind: 'fail', reason: 'requirement-not-met' },
    { name: 'an A-ABORT in answer to the request is a refusal', params: { step: 'assoc' }, observations: assoc('assoc-aborted.json'), kind: 'pass', reason: 'requirement-met' },
    { name: 'accepted, then aborted (Orthanc defaults at its C-FIND) is no refusal of the association', params: { step: 'assoc' }, observations: assoc('exp-orthanc-defaults-find-aborted.json'), kind: 'fail', reason: 'requirement-not-met' },
    { name: "TLS refused part15's valid certificate: the AE layer was never asked", params: { step: 'assoc' }, observations: assoc('exp-tls-refused-valid-cert-edited.json'), kind: 'inconclusive', reason: 'prerequisite-not-met' },
    { name: 'closed without a PDU decides nothing', params: { step: 'assoc' }, observations: assoc('exp-orthanc-hardened-plain-closed.json'), kind: 'inconclusive', reason: 'ambiguous-observation' },
    { name: 'a transient reject (local limit exceeded) is congestion, not access control', params: { step: 'assoc' }, observations: assoc('exp-dcmqr-transient-rj-local-limit-edited.json'), kind: 'inconclusive', reason: 'ambiguous-observation' },
    { name: 'our own stack could not make the request', params: { step: 'assoc' }, observations: assoc('assoc-local-error.json'), kind: 'error', reason: 'suite-invalid' },
  ],
  'operation-denied': [
    { name: 'Orthanc wide open: wildcard Patient Root C-FIND returns matches', params: { step: 'assoc', operation: 'find' }, observations: assoc('exp-orthanc-open-find-patient-root-leak.json'), kind: 'fail', reason: 'requirement-not-met' },
    { name: 'Orthanc defaults: C-FIND answered with an A-ABORT is no leak (findscu exits 0 here)', params: { step: 'assoc', operation: 'find' }, observations: assoc('exp-orthanc-defaults-find-aborted.json'), kind: 'pass', reason: 'requirement-met' },
    { name: 'Orthanc hardened: no client certificate, refused with alert 116', params: { step: 'assoc', operation: 'find' }, observations: assoc('exp-orthanc-hardened-find-no-cert-alert116.json'), kind: 'pass', reason: 'requirement-met' },
    { name: 'no client certificate, refused by a bare reset: ambiguous', params: { step: 'assoc', operation: 'find' }, observations: assoc('exp-find-no-cert-reset-edited.json'), kind: 'inconclusive', reason: 'ambiguous-observation' },
    { name: "TLS refused part15's valid certificate: prerequisite, not a refusal of the operation", params: { step: 'assoc', operation: 'find' }, observations: assoc('exp-tls-refused-valid-cert-edited.json'), kind: 'inconclusive', reason: 'prerequisite-not-met' },
    { name: 'C-FIND failure status, no match', params: { step: 'assoc', operation: 'find' }, observations: assoc('exp-find-refused-a700-edited.json'), kind: 'pass', reason: 'requirement-met' },
    { name: 'C-FIND Success with no match: an empty node answers the same', params: { step: 'assoc', operation: 'find' }, observations: assoc('exp-dcmqr-empty-find-success-no-match.json'), kind: 'inconclusive', reason: 'ambiguous-observation' },
    { name: 'storescp: no query/retrieve context accepted', params: { step: 'assoc', operation: 'find' }, observations: assoc('exp-storescp-plain-find-no-context.json'), kind: 'not-applicable' },
    { name: 'Orthanc hardened: association rejected before the C-STORE', params: { step: 'assoc', operation: 'store' }, observations: assoc('exp-orthanc-hardened-store-rj-3.json'), kind: 'pass', reason: 'requirement-met' },
    { name: 'Orthanc wide open: synthetic instance stored', params: { step: 'assoc', operation: 'store' }, observations: assoc('exp-orthanc-open-store-success.json'), kind: 'fail', reason: 'requirement-not-met' },
    { name: 'storescp +py: stored from any AE with a valid certificate', params: { step: 'assoc', operation: 'store' }, observations: assoc('exp-storescp-py-store-over-tls-valid-cert.json'), kind: 'fail', reason: 'requirement-not-met' },
    { name: 'the store answer survives a later A-ABORT (Orthanc defaults: stored, then C-GET aborted)', params: { step: 'assoc', operation: 'store' }, observations: assoc('exp-orthanc-defaults-get-aborted-after-store.json'), kind: 'fail', reason: 'requirement-not-met' },
    { name: 'Orthanc defaults: C-GET answered with an A-ABORT', params: { step: 'assoc', operation: 'get' }, observations: assoc('exp-orthanc-defaults-get-aborted-after-store.json'), kind: 'pass', reason: 'requirement-met' },
    { name: 'Orthanc wide open: C-ECHO answered', params: { step: 'assoc', operation: 'echo' }, observations: assoc('exp-orthanc-open-echo-success.json'), kind: 'fail', reason: 'requirement-not-met' },
    { name: 'Orthanc wide open: C-GET delivers the instance', params: { step: 'assoc', operation: 'get' }, observations: assoc('exp-orthanc-open-get-delivered.json'), kind: 'fail', reason: 'requirement-not-met' },
    { name: 'Orthanc wide open: C-MOVE to an unknown destination fails 0xC000', params: { step: 'assoc', operation: 'move' }, observations: assoc('exp-orthanc-open-move-c000.json'), kind: 'pass', reason: 'requirement-met' },
    { name: 'storescp +py: no C-MOVE context', params: { step: 'assoc', operation: 'move' }, observations: assoc('exp-storescp-py-move-no-context.json'), kind: 'not-applicable' },
    { name: 'closed without a PDU decides nothing', params: { step: 'assoc', operation: 'echo' }, observations: assoc('exp-orthanc-hardened-plain-closed.json'), kind: 'inconclusive', reason: 'ambiguous-observation' },
    { name: 'a transient reject is no refusal of the operation', params: { step: 'assoc', operation: 'echo' }, observations: assoc('exp-dcmqr-transient-rj-local-limit-edited.json'), kind: 'inconclusive', reason: 'ambiguous-observation' },
    { name: 'our own stack could not make the request', params: { step: 'assoc', operation: 'echo' }, observations: assoc('assoc-local-error.json'), kind: 'error', reason: 'suite-invalid' },
  ],
  'no-plain-dicom': [
    { name: 'Orthanc wide open: the DICOM port accepts a cleartext association', params: PLAIN, observations: plainWithAlive('exp-orthanc-open-plain-accepted.json', 'exp-orthanc-open-plain-accepted.json'), kind: 'fail', reason: 'requirement-not-met' },
    { name: 'Orthanc hardened: cleartext closed while the node answers DICOM over TLS', params: PLAIN, observations: plainWithAlive('exp-orthanc-hardened-plain-closed.json', 'exp-orthanc-hardened-calling-rj-3.json'), kind: 'pass', reason: 'requirement-met' },
    { name: 'port 104 refused while the TLS port answers', params: PLAIN, observations: plainWithAlive('exp-port104-connection-refused.json', 'exp-orthanc-tls-lax-accepted-tls.json'), kind: 'pass', reason: 'requirement-met' },
    { name: 'port 104 refused, but the node itself is down too', params: PLAIN, observations: plainWithAlive('exp-port104-connection-refused.json', 'assoc-connection-refused.json'), kind: 'inconclusive', reason: 'connection-refused' },
    { name: "port 104 refused, and the node's own port only closes: nothing shows the node is up", params: PLAIN, observations: plainWithAlive('exp-port104-connection-refused.json', 'exp-orthanc-hardened-plain-closed.json'), kind: 'inconclusive', reason: 'prerequisite-not-met' },
    { name: 'a second, cleartext storescp on 11112 beside the TLS port', params: PLAIN, observations: plainWithAlive('exp-storescp-side-door-11112-accepted.json', 'exp-orthanc-tls-lax-accepted-tls.json'), kind: 'fail', reason: 'requirement-not-met' },
    { name: 'A-ASSOCIATE-RJ in clear: the port speaks cleartext DICOM', params: PLAIN, observations: plainWithAlive('assoc-plain-rejected-on-tls-port.json', 'exp-orthanc-tls-lax-accepted-tls.json'), kind: 'fail', reason: 'requirement-not-met' },
    { name: 'a silent port is no closed port', params: PLAIN, observations: plainWithAlive('assoc-no-response.json', 'exp-orthanc-tls-lax-accepted-tls.json'), kind: 'inconclusive', reason: 'no-response' },
    { name: 'our own stack could not make the cleartext request', params: PLAIN, observations: plainWithAlive('assoc-local-error.json', 'exp-orthanc-tls-lax-accepted-tls.json'), kind: 'error', reason: 'suite-invalid' },
  ],
  'identity-accepted': [
    { name: 'reference node B.5: the declared user and passcode accepted', params: { step: 'id' }, observations: ident('uid-refnode-b5-type2-one-empty-response.json'), kind: 'pass', reason: 'requirement-met' },
    { name: 'storescp accepts a made-up identity (no credentials declared): the acceptance is observed', params: { step: 'id' }, observations: ident('uid-storescp-wrong-passcode-accepted.json'), kind: 'pass', reason: 'requirement-met' },
    { name: 'reference node B.5 rejects a username alone (a B.4 claim it does not make)', params: { step: 'id' }, observations: ident('uid-refnode-b5-type1-rejected.json'), kind: 'fail', reason: 'requirement-not-met' },
    { name: 'silence', params: { step: 'id' }, observations: ident('uid-no-response-edited.json'), kind: 'inconclusive', reason: 'no-response' },
    { name: 'our own stack could not make the request', params: { step: 'id' }, observations: ident('uid-local-error-edited.json'), kind: 'error', reason: 'suite-invalid' },
  ],
  'identity-response': [
    { name: 'reference node B.5: exactly one empty 0x59 when asked', params: { step: 'id', expected: 'one-empty' }, observations: ident('uid-refnode-b5-type2-one-empty-response.json'), kind: 'pass', reason: 'requirement-met' },
    { name: 'storescp: accepted, asked for a response, none came (TARGETS.md §0.7)', params: { step: 'id', expected: 'one-empty' }, observations: ident('uid-storescp-type2-rsp-no-response.json'), kind: 'fail', reason: 'requirement-not-met' },
    { name: 'storescp: no identity sent, no 0x59 came', params: { step: 'id', expected: 'none' }, observations: ident('uid-storescp-no-identity-accepted.json'), kind: 'pass', reason: 'requirement-met' },
    { name: 'a 0x59 nobody asked for', params: { step: 'id', expected: 'none' }, observations: ident('uid-refnode-b5-type2-one-empty-response.json'), kind: 'fail', reason: 'requirement-not-met' },
    { name: 'a rejection carries no unrequested 0x59', params: { step: 'id', expected: 'none' }, observations: ident('uid-refnode-b5-type1-rejected.json'), kind: 'pass', reason: 'requirement-met' },
    { name: 'a rejection has no response to judge', params: { step: 'id', expected: 'one-empty' }, observations: ident('uid-refnode-b5-type1-rejected.json'), kind: 'inconclusive', reason: 'prerequisite-not-met' },
    { name: 'our own stack could not make the request', params: { step: 'id', expected: 'none' }, observations: ident('uid-local-error-edited.json'), kind: 'error', reason: 'suite-invalid' },
  ],
  'identity-rejected': [
    { name: 'reference node B.5: a wrong passcode rejected (1, 2, 1)', params: { step: 'id' }, observations: ident('uid-refnode-b5-wrong-passcode-rj-1-2-1.json'), kind: 'pass', reason: 'requirement-met' },
    { name: 'reference node B.5: a passcode in cleartext rejected', params: { step: 'id' }, observations: ident('uid-refnode-b5-cleartext-passcode-rejected.json'), kind: 'pass', reason: 'requirement-met' },
    { name: 'reference node: an alg none token rejected', params: { step: 'id' }, observations: ident('uid-refnode-b5-alg-none-rejected.json'), kind: 'pass', reason: 'requirement-met' },
    { name: 'storescp accepts a wrong passcode (TARGETS.md §4.4)', params: { step: 'id' }, observations: ident('uid-storescp-wrong-passcode-accepted.json'), kind: 'fail', reason: 'requirement-not-met' },
    { name: 'an A-ABORT also refuses', params: { step: 'id' }, observations: ident('uid-refnode-b5-item-length-too-long-aborted.json'), kind: 'pass', reason: 'requirement-met' },
    { name: 'silence is no refusal', params: { step: 'id' }, observations: ident('uid-no-response-edited.json'), kind: 'inconclusive', reason: 'no-response' },
    { name: 'our own stack could not make the request', params: { step: 'id' }, observations: ident('uid-local-error-edited.json'), kind: 'error', reason: 'suite-invalid' },
  ],
  'identity-rejection-encoding': [
    { name: 'reference node B.5: rejected-permanent, ACSE related (1, 2, 1)', params: { step: 'id' }, observations: ident('uid-refnode-b5-wrong-passcode-rj-1-2-1.json'), kind: 'pass', reason: 'requirement-met' },
    { name: 'transient (2, 2, 1), as pynetdicom answers', params: { step: 'id' }, observations: ident('uid-refnode-transient-rj-2-2-1.json'), kind: 'fail', reason: 'requirement-not-met' },
    { name: 'accepted: no rejection to judge', params: { step: 'id' }, observations: ident('uid-storescp-wrong-passcode-accepted.json'), kind: 'inconclusive', reason: 'prerequisite-not-met' },
    { name: 'our own stack could not make the request', params: { step: 'id' }, observations: ident('uid-local-error-edited.json'), kind: 'error', reason: 'suite-invalid' },
  ],
  'malformed-identity-refused': [
    { name: 'reference node B.5: aborted (2, 6), and it answers afterwards', params: MALFORMED, observations: malformed('uid-refnode-b5-item-length-too-long-aborted.json'), kind: 'pass', reason: 'requirement-met' },
    { name: 'dcmjs-dimse alone (--lenient-identity) accepts an item-length past its fields', params: MALFORMED, observations: malformed('uid-refnode-lenient-item-length-too-long-accepted.json'), kind: 'fail', reason: 'requirement-not-met' },
    { name: 'no answer to the malformed request, while the node serves the next (DCMTK logs and leaves it)', params: MALFORMED, observations: malformed('uid-no-response-edited.json'), kind: 'inconclusive', reason: 'ambiguous-observation' },
    { name: 'the node stops answering afterwards: crashed or hung', params: MALFORMED, observations: malformed('uid-refnode-b5-item-length-too-long-aborted.json', 'uid-connection-refused-edited.json'), kind: 'fail', reason: 'requirement-not-met' },
    { name: 'our own stack could not make the malformed request', params: MALFORMED, observations: malformed('uid-local-error-edited.json'), kind: 'error', reason: 'suite-invalid' },
  ],
  'audit-event-recorded': [
    { name: 'reference node: the C-STORE audited as 110104, success', params: { step: 'a', events: ['110104'], outcome: 'success' }, observations: aud('aud-refnode-store.json'), kind: 'pass', reason: 'requirement-met' },
    { name: 'reference node: an unknown-CA certificate raises 110113/110126, failure', params: { step: 'a', events: ['110113:110126'], outcome: 'failure' }, observations: aud('aud-refnode-untrusted-cert.json'), kind: 'pass', reason: 'requirement-met' },
    { name: 'reference node: a wrong passcode audited as 110114, failure', params: { step: 'a', events: ['110114', '110113'], outcome: 'failure' }, observations: aud('aud-refnode-identity-failure.json'), kind: 'pass', reason: 'requirement-met' },
    { name: 'storescp declared to audit: the store happened, nothing arrived', params: { step: 'a', events: ['110104'] }, observations: aud('aud-dcmtk-store-silent.json'), kind: 'fail', reason: 'requirement-not-met' },
    { name: '--audit-fault wrong-event-id: the store audited as 110103', params: { step: 'a', events: ['110104'] }, observations: aud('aud-wrong-event-id-store.json'), kind: 'fail', reason: 'requirement-not-met' },
    { name: 'the right event with the wrong outcome', params: { step: 'a', events: ['110104'], outcome: 'failure' }, observations: aud('aud-refnode-store.json'), kind: 'fail', reason: 'requirement-not-met' },
    { name: 'once: a single 110104 per transport passes', params: { step: 'a', events: ['110104'], once: true }, observations: aud('aud-refnode-store.json'), kind: 'pass', reason: 'requirement-met' },
    { name: 'storescp answers no C-FIND: nothing to audit', params: { step: 'a', events: ['110112'] }, observations: aud('aud-dcmtk-find-no-cfind.json'), kind: 'inconclusive', reason: 'prerequisite-not-met' },
  ],
  'audit-no-alarm': [
    { name: 'reference node: an accepted association, no alarm', params: { step: 'a' }, observations: aud('aud-refnode-association.json'), kind: 'pass', reason: 'requirement-met' },
    { name: 'a Security Alert in the window of a legitimate action', params: { step: 'a' }, observations: aud('aud-refnode-untrusted-cert.json'), kind: 'fail', reason: 'requirement-not-met' },
    { name: 'a node that sent nothing in the whole run: its silence shows nothing', params: { step: 'a' }, observations: aud('aud-dcmtk-association-nothing-in-run.json'), kind: 'inconclusive', reason: 'ambiguous-observation' },
  ],
  'audit-messages-conform': [
    { name: 'reference node: store and find messages keep every rule', params: { steps: ['a', 'b'], rules: ['AUD-SYS-01', 'AUD-SYS-02', 'AUD-SYS-03', 'AUD-SYS-05', 'AUD-FMT-01', 'AUD-FMT-02', 'AUD-FMT-03', 'AUD-FMT-04', 'AUD-FMT-05', 'AUD-FMT-06', 'AUD-FMT-07', 'AUD-FMT-08', 'AUD-FMT-09'] }, observations: aud2('aud-refnode-store.json', 'aud-refnode-find.json'), kind: 'pass', reason: 'requirement-met' },
    { name: '--audit-fault no-bom, judged strictly', params: { steps: ['a', 'b'], rules: ['AUD-SYS-04'], strict: true }, observations: aud2('aud-no-bom-store.json', 'aud-refnode-find.json'), kind: 'fail', reason: 'requirement-not-met' },
    { name: '--audit-fault schema-break', params: { steps: ['a', 'b'], rules: ['AUD-FMT-02'] }, observations: aud2('aud-schema-break-store.json', 'aud-refnode-find.json'), kind: 'fail', reason: 'requirement-not-met' },
    { name: 'MSGID DICOM+RFC3881 where IHE+RFC-3881 is demanded', params: { steps: ['a', 'b'], rules: ['AUD-SYS-03'], msgId: 'IHE+RFC-3881' }, observations: aud2('aud-refnode-store.json', 'aud-refnode-find.json'), kind: 'fail', reason: 'requirement-not-met' },
    { name: 'the IHE variant sends IHE+RFC-3881', params: { steps: ['a', 'b'], rules: ['AUD-SYS-03'], msgId: 'IHE+RFC-3881' }, observations: aud2('aud-ihe-store.json', 'aud-ihe-store.json'), kind: 'pass', reason: 'requirement-met' },
    { name: 'Orthanc declared to audit: the stimuli happened, nothing arrived', params: { steps: ['a', 'b'], rules: ['AUD-FMT-02'] }, observations: aud2('aud-dcmtk-store-silent.json', 'aud-orthanc-find-silent.json'), kind: 'fail', reason: 'requirement-not-met' },
    { name: 'no stimulus happened and nothing arrived', params: { steps: ['a'], rules: ['AUD-FMT-02'] }, observations: aud('aud-dcmtk-find-no-cfind.json'), kind: 'inconclusive', reason: 'prerequisite-not-met' },
  ],
  'audit-transport': [
    { name: 'reference node: octet-counted frames', params: { steps: ['a'], property: 'octet-counting' }, observations: aud('aud-refnode-store-tls.json'), kind: 'pass', reason: 'requirement-met' },
    { name: '--audit-fault lf-framing: LF framing recorded as a framing fault', params: { steps: ['a'], property: 'octet-counting' }, observations: aud('aud-lf-framing-store-tls.json'), kind: 'fail', reason: 'requirement-not-met' },
    { name: 'reference node: a trusted client certificate', params: { steps: ['a'], property: 'client-certificate' }, observations: aud('aud-refnode-store-tls.json'), kind: 'pass', reason: 'requirement-met' },
    { name: '--audit-fault no-client-cert', params: { steps: ['a'], property: 'client-certificate' }, observations: aud('aud-no-client-cert-store-tls.json'), kind: 'fail', reason: 'requirement-not-met' },
    { name: 'reference node: TLS 1.3', params: { steps: ['a'], property: 'tls-version' }, observations: aud('aud-refnode-store-tls.json'), kind: 'pass', reason: 'requirement-met' },
    { name: 'reference node: messages over TLS', params: { steps: ['a'], property: 'tls-used' }, observations: aud('aud-refnode-store-tls.json'), kind: 'pass', reason: 'requirement-met' },
    { name: 'storescp declared to audit over TLS: nothing came', params: { steps: ['a'], property: 'tls-used' }, observations: aud('aud-dcmtk-store-tls-silent.json'), kind: 'fail', reason: 'requirement-not-met' },
    { name: 'reference node: one message per datagram', params: { steps: ['a'], property: 'one-message-per-datagram' }, observations: aud('aud-refnode-store-udp.json'), kind: 'pass', reason: 'requirement-met' },
    { name: 'no stimulus happened', params: { steps: ['a'], property: 'client-certificate' }, observations: aud('aud-dcmtk-find-no-cfind.json'), kind: 'inconclusive', reason: 'prerequisite-not-met' },
  ],
  'audit-query-matches': [
    { name: 'reference node: the Query message decodes to the canary PatientID', params: { step: 'a' }, observations: aud('aud-refnode-find.json'), kind: 'pass', reason: 'requirement-met' },
    { name: 'Orthanc declared to audit: the C-FIND was answered, no Query message came', params: { step: 'a' }, observations: aud('aud-orthanc-find-silent.json'), kind: 'fail', reason: 'requirement-not-met' },
    { name: 'storescp answers no C-FIND: nothing to audit', params: { step: 'a' }, observations: aud('aud-dcmtk-find-no-cfind.json'), kind: 'inconclusive', reason: 'prerequisite-not-met' },
  ],
  'web-refused': [
    { name: 'Orthanc hardened: QIDO and STOW without credentials, 401 with a Basic challenge', params: { steps: ['a', 'b'] }, observations: { a: 'web-orthanc-hardened-qido-401.json', b: 'web-orthanc-hardened-stow-401.json' }, kind: 'pass', reason: 'requirement-met' },
    { name: 'Orthanc wide open: QIDO answered 200 without credentials (TARGETS.md §8.3 A6)', params: { steps: ['a', 'b'] }, observations: { a: 'web-orthanc-hardened-qido-401.json', b: 'web-orthanc-wide-open-qido-200.json' }, kind: 'fail', reason: 'requirement-not-met' },
    { name: 'a cleartext request to an HTTPS port ends without an HTTP answer', params: { steps: ['a'] }, observations: { a: 'web-orthanc-hardened-clear-closed.json' }, kind: 'inconclusive', reason: 'ambiguous-observation' },
  ],
  'web-token-refused': [
    { name: 'reference node: an expired token, 401 invalid_token', params: { step: 'a', status: 401, error: 'invalid_token', exact: true }, observations: { a: 'web-refnode-expired-401-invalid-token.json' }, kind: 'pass', reason: 'requirement-met' },
    { name: 'reference node: a token without the scope, 403 insufficient_scope', params: { step: 'a', status: 403, error: 'insufficient_scope', exact: true }, observations: { a: 'web-refnode-no-scope-403.json' }, kind: 'pass', reason: 'requirement-met' },
    { name: 'a 403 where 401 invalid_token is demanded exactly', params: { step: 'a', status: 401, error: 'invalid_token', exact: true }, observations: { a: 'web-refnode-no-scope-403.json' }, kind: 'fail', reason: 'requirement-not-met' },
    { name: 'the same 403, judged as any refusal', params: { step: 'a', status: 401, error: 'invalid_token' }, observations: { a: 'web-refnode-no-scope-403.json' }, kind: 'pass', reason: 'requirement-met' },
    { name: 'an expired token answered 200 with data', params: { step: 'a', status: 401, error: 'invalid_token' }, observations: { a: 'web-accepted-expired-token-edited.json' }, kind: 'fail', reason: 'requirement-not-met' },
    { name: 'a cleartext request that ends without an HTTP answer', params: { step: 'a', status: 401 }, observations: { a: 'web-orthanc-hardened-clear-closed.json' }, kind: 'inconclusive', reason: 'ambiguous-observation' },
  ],
  'web-no-data-in-clear': [
    { name: 'Orthanc hardened: cleartext to its HTTPS port gets no reply; HTTPS answers', params: { step: 'a', aliveStep: 'b' }, observations: { a: 'web-orthanc-hardened-clear-closed.json', b: 'web-orthanc-hardened-alive-401.json' }, kind: 'pass', reason: 'requirement-met' },
    { name: 'Orthanc wide open: 200 over HTTP (TARGETS.md §8.3 A5)', params: { step: 'a', aliveStep: 'b' }, observations: { a: 'web-orthanc-wide-open-clear-200.json', b: 'web-orthanc-wide-open-qido-200.json' }, kind: 'fail', reason: 'requirement-not-met' },
    { name: 'a closed cleartext port, and the web service silent too', params: { step: 'a', aliveStep: 'b' }, observations: { a: 'web-orthanc-hardened-clear-closed.json', b: 'web-no-response-edited.json' }, kind: 'inconclusive', reason: 'no-response' },
    { name: 'a closed cleartext port, and the web service closing too', params: { step: 'a', aliveStep: 'b' }, observations: { a: 'web-orthanc-hardened-clear-closed.json', b: 'web-orthanc-hardened-clear-closed.json' }, kind: 'inconclusive', reason: 'prerequisite-not-met' },
    { name: 'no cleartext port at all (refused) while HTTPS answers: nothing in clear', params: { step: 'a', aliveStep: 'b' }, observations: { a: 'web-connection-refused-edited.json', b: 'web-orthanc-hardened-alive-401.json' }, kind: 'pass', reason: 'requirement-met' },
    { name: 'refused in clear and refused on HTTPS: the node may be down', params: { step: 'a', aliveStep: 'b' }, observations: { a: 'web-connection-refused-edited.json', b: 'web-connection-refused-edited.json' }, kind: 'inconclusive', reason: 'connection-refused' },
  ],
  'web-header': [
    { name: 'reference node: HSTS on HTTPS', params: { step: 'a', header: 'strict-transport-security' }, observations: { a: 'web-refnode-hsts.json' }, kind: 'pass', reason: 'requirement-met' },
    { name: 'Orthanc hardened: no HSTS (1.10.1 has no setting for it)', params: { step: 'a', header: 'strict-transport-security' }, observations: { a: 'web-orthanc-hardened-no-hsts.json' }, kind: 'fail', reason: 'requirement-not-met' },
    { name: 'Orthanc wide open serves plain HTTP: an HTTPS header does not apply', params: { step: 'a', header: 'strict-transport-security' }, observations: { a: 'web-orthanc-wide-open-http.json' }, kind: 'not-applicable' },
    { name: 'a cleartext request that ends without an answer', params: { step: 'a', header: 'strict-transport-security' }, observations: { a: 'web-orthanc-hardened-tls-closed-as-https-edited.json' }, kind: 'inconclusive', reason: 'ambiguous-observation' },
  ],
  'web-no-basic-in-clear': [
    { name: 'Orthanc hardened: no HTTP answer in clear at all', params: { step: 'a' }, observations: { a: 'web-orthanc-hardened-clear-closed.json' }, kind: 'pass', reason: 'requirement-met' },
    { name: 'Orthanc basic-over-http: 401 with a Basic challenge over HTTP', params: { step: 'a' }, observations: { a: 'web-orthanc-basic-over-http-clear-401-basic.json' }, kind: 'fail', reason: 'requirement-not-met' },
    { name: 'silence', params: { step: 'a' }, observations: { a: 'web-no-response-edited.json' }, kind: 'inconclusive', reason: 'no-response' },
  ],
  'web-no-canary-in-errors': [
    { name: 'reference node: 401 bodies without the patient', params: { steps: ['a', 'b'] }, observations: { a: 'web-refnode-unknown-study-404.json', b: 'web-refnode-expired-401-invalid-token.json' }, kind: 'pass', reason: 'requirement-met' },
    { name: 'an error body naming the patient', params: { steps: ['a', 'b'] }, observations: { a: 'web-refnode-unknown-study-404.json', b: 'web-error-body-names-patient-edited.json' }, kind: 'fail', reason: 'requirement-not-met' },
    { name: 'Orthanc wide open refuses nothing: no error body to read', params: { steps: ['a'] }, observations: { a: 'web-orthanc-wide-open-qido-200.json' }, kind: 'inconclusive', reason: 'prerequisite-not-met' },
  ],
  'web-distinct-ports': [
    { name: 'Orthanc hardened: DICOM TLS and HTTPS on their own ports', params: { steps: ['a', 'b'] }, observations: { a: 'web-orthanc-hardened-tls-dicom.json', b: 'web-orthanc-hardened-tls-web.json' }, kind: 'pass', reason: 'requirement-met' },
    { name: 'one port declared as both', params: { steps: ['a', 'b'] }, observations: { a: 'web-orthanc-hardened-tls-web.json', b: 'web-orthanc-hardened-tls-web.json' }, kind: 'fail', reason: 'requirement-not-met' },
    { name: 'the DICOM port did not answer', params: { steps: ['a', 'b'] }, observations: { a: 'tls-no-response.json', b: 'web-orthanc-hardened-tls-web.json' }, kind: 'inconclusive', reason: 'no-response' },
    { name: 'the DICOM port refused the handshake: nothing to compare', params: { steps: ['a', 'b'] }, observations: { a: 'tls10-refused-alert70.json', b: 'web-orthanc-hardened-tls-web.json' }, kind: 'inconclusive', reason: 'prerequisite-not-met' },
    { name: 'our own stack could not make the handshake', params: { steps: ['a', 'b'] }, observations: { a: 'tls-local-error.json', b: 'web-orthanc-hardened-tls-web.json' }, kind: 'error', reason: 'suite-invalid' },
  ],
};

/** Which probe's evidence each expectation reads. */
const EVIDENCE_READ_BY: Record<ExpectationKind, EvidenceKind> = {
  'tls-established': 'tls-handshake',
  'tls-rejected': 'tls-handshake',
  'tls-version-preferred': 'tls-handshake',
  'tls-server-key-strength': 'tls-handshake',
  'tls-server-signature-hashes': 'tls-handshake',
  'tls-server-certificate-usable': 'tls-handshake',
  'hello-accepted': 'tls-hello',
  'hello-refused': 'tls-hello',
  'hello-suite-chosen': 'tls-hello',
  'hello-extension': 'tls-hello',
  'hello-downgrade-sentinel': 'tls-hello',
  'hello-dhe-min-bits': 'tls-hello',
  'hello-ecdhe-min-bits': 'tls-hello',
  'hello-no-compression': 'tls-hello',
  'association-accepted': 'association',
  'association-refused': 'association',
  'dropped-within': 'stall',
  'close-notify-after-release': 'tls-close',
  'no-cleartext-dicom': 'association',
  'association-rejected': 'association',
  'operation-denied': 'association',
  'no-plain-dicom': 'association',
  'identity-accepted': 'user-identity',
  'identity-response': 'user-identity',
  'identity-rejected': 'user-identity',
  'identity-rejection-encoding': 'user-identity',
  'malformed-identity-refused': 'user-identity',
  'audit-event-recorded': 'audit',
  'audit-no-alarm': 'audit',
  'audit-messages-conform': 'audit',
  'audit-transport': 'audit',
  'audit-query-matches': 'audit',
  'web-refused': 'web',
  'web-token-refused': 'web',
  'web-no-data-in-clear': 'web',
  'web-header': 'web',
  'web-no-basic-in-clear': 'web',
  'web-no-canary-in-errors': 'web',
  'web-distinct-ports': 'tls-handshake',
};

/** The smallest `expect:` a suite author may write for each kind, plus variants whose options matter. */
const YAML_VARIANTS: Record<ExpectationKind, Array<Record<string, unknown>>> = {
  'tls-established': [{ step: 's1' }, { step: 's1', version: 'TLSv1.2' }, { step: 's1', version: 'TLSv1.2', serverKeyType: 'RSA', keyStep: 's2' }],
  'tls-rejected': [{ step: 's1' }, { step: 's1', alerts: ['protocol_version'] }],
  'tls-version-preferred': [{ onlyStep: 's1', step: 's2', version: 'TLSv1.3' }],
  'tls-server-key-strength': [{ step: 's1' }],
  'tls-server-signature-hashes': [{ step: 's1' }, { step: 's1', includeTrustAnchor: true }],
  'tls-server-certificate-usable': [{ step: 's1' }],
  'hello-accepted': [{ step: 's1' }, { step: 's1', version: 'TLSv1.2' }, { step: 's1', serverKeyType: 'RSA', keyStep: 's2' }, { step: 's1', serverKeyType: 'EC', keyStep: 's2' }],
  'hello-refused': [{ step: 's1' }, { step: 's1', alerts: ['protocol_version'] }],
  'hello-suite-chosen': [{ step: 's1', among: ['TLS_DHE_RSA_WITH_AES_256_GCM_SHA384'] }, { step: 's1', among: ['0xC02B'], serverKeyType: 'EC', keyStep: 's2' }],
  'hello-extension': [{ step: 's1', extension: 'truncated_hmac', present: false }, { step: 's1', extension: 'renegotiation_info', present: true }],
  'hello-downgrade-sentinel': [{ supportStep: 's1', step: 's2' }],
  'hello-dhe-min-bits': [{ step: 's1' }],
  'hello-ecdhe-min-bits': [{ step: 's1' }, { step: 's1', minBits: 224 }],
  'hello-no-compression': [{ step: 's1' }],
  'association-accepted': [{ step: 's1' }, { step: 's1', echoStatus: 0 }],
  'association-refused': [{ step: 's1' }],
  'dropped-within': [{ step: 's1', withinMs: 90000 }],
  'close-notify-after-release': [{ step: 's1' }],
  'no-cleartext-dicom': [{ step: 's1' }], // the tlsStep variant mixes evidence kinds: see its explicit rows
  'association-rejected': [{ step: 's1' }, { step: 's1', reason: 'called-AE-title-not-recognized' }],
  'operation-denied': [{ step: 's1', operation: 'find' }, { step: 's1', operation: 'store' }],
  'no-plain-dicom': [{ steps: ['s1'], aliveStep: 's1' }],
  'identity-accepted': [{ step: 's1' }],
  'identity-response': [{ step: 's1', expected: 'none' }, { step: 's1', expected: 'one-empty' }],
  'identity-rejected': [{ step: 's1' }],
  'identity-rejection-encoding': [{ step: 's1' }],
  'malformed-identity-refused': [{ steps: ['s1'], beforeStep: 's1', afterStep: 's1' }],
  'audit-event-recorded': [{ step: 's1', events: ['110104'] }, { step: 's1', events: ['110113:110126'], outcome: 'failure', once: true }],
  'audit-no-alarm': [{ step: 's1' }],
  'audit-messages-conform': [{ steps: ['s1', 's2'], rules: ['AUD-FMT-02'] }, { steps: ['s1'], rules: ['AUD-SYS-03'], msgId: 'IHE+RFC-3881', strict: true }],
  'audit-transport': [{ steps: ['s1'], property: 'octet-counting' }, { steps: ['s1', 's2'], property: 'one-message-per-datagram' }],
  'audit-query-matches': [{ step: 's1' }],
  'web-refused': [{ steps: ['s1'] }, { steps: ['s1', 's2'] }],
  'web-token-refused': [{ step: 's1', status: 401 }, { step: 's1', status: 403, error: 'insufficient_scope', exact: true }],
  'web-no-data-in-clear': [{ step: 's1', aliveStep: 's2' }],
  'web-header': [{ step: 's1', header: 'strict-transport-security' }],
  'web-no-basic-in-clear': [{ step: 's1' }],
  'web-no-canary-in-errors': [{ steps: ['s1', 's2'] }],
  'web-distinct-ports': [{ steps: ['s1', 's2'] }],
};

/**
 * Where a refused connection on one step IS the answer the check wants (a cleartext port that does
 * not exist serves no data), guarded by another step showing the node is up: that position is not
 * held to "silence never passes" for connection-refused (its rows show both sides).
 */
const REFUSAL_IS_THE_ANSWER: Partial<Record<ExpectationKind, string>> = { 'web-no-data-in-clear': 's1' };

const SILENT: Record<EvidenceKind, Array<{ file: string; reason: 'no-response' | 'connection-refused' }>> = {
  'tls-handshake': [
    { file: 'tls-no-response.json', reason: 'no-response' },
    { file: 'tls-connection-refused.json', reason: 'connection-refused' },
  ],
  association: [
    { file: 'assoc-no-response.json', reason: 'no-response' },
    { file: 'assoc-connection-refused.json', reason: 'connection-refused' },
  ],
  'tls-hello': [
    { file: 'hello-no-response.json', reason: 'no-response' },
    { file: 'hello-connection-refused.json', reason: 'connection-refused' },
  ],
  stall: [
    { file: 'stall-no-response.json', reason: 'no-response' },
    { file: 'stall-connection-refused.json', reason: 'connection-refused' },
  ],
  'tls-close': [
    { file: 'close-no-response.json', reason: 'no-response' },
    { file: 'close-connection-refused.json', reason: 'connection-refused' },
  ],
  'user-identity': [
    { file: 'uid-no-response-edited.json', reason: 'no-response' },
    { file: 'uid-connection-refused-edited.json', reason: 'connection-refused' },
  ],
  // The node did not answer the stimulus: no audit can be asked of it.
  web: [
    { file: 'web-no-response-edited.json', reason: 'no-response' },
    { file: 'web-connection-refused-edited.json', reason: 'connection-refused' },
  ],
  audit: [
    { file: 'aud-no-response-edited.json', reason: 'no-response' },
    { file: 'aud-connection-refused-edited.json', reason: 'connection-refused' },
  ],
};

/** Every kind the schema knows, read from the schema itself (not from the tables above). */
const SCHEMA_KINDS: ExpectationKind[] = Expectation.options.map((o) => o.shape.that.value);

const observationFiles = () => readdirSync(OBSERVATIONS_DIR).filter((f) => f.endsWith('.json')).sort();
const filesOfKind = (kind: EvidenceKind) => observationFiles().filter((f) => observation(f, 'x').kind === kind);

/** Every field of an expectation that names a step (a test below checks this against the schema). */
const STEP_FIELDS = ['onlyStep', 'supportStep', 'keyStep', 'tlsStep', 'aliveStep', 'beforeStep', 'afterStep', 'step'] as const;
/** The step names an expectation reads (single fields, and the `steps` list of no-plain-dicom). */
const stepsOf = (e: Expectation): string[] => [
  ...STEP_FIELDS.map((f) => (e as Partial<Record<(typeof STEP_FIELDS)[number], string>>)[f]).filter((s): s is string => s !== undefined),
  ...('steps' in e ? e.steps : []),
];

/** Kinds whose evaluator may answer "not applicable" (and only from what a target showed, never from silence). */
const MAY_BE_NOT_APPLICABLE: readonly ExpectationKind[] = ['tls-established', 'hello-accepted', 'hello-suite-chosen', 'hello-downgrade-sentinel', 'hello-dhe-min-bits', 'operation-denied', 'web-header'];
/** Evidence kinds with a `local-error` outcome (our own TLS stack refused to make the offer): only they can give an `error` row. */
const HAS_LOCAL_ERROR: Record<EvidenceKind, boolean> = { 'tls-handshake': true, association: true, 'tls-hello': false, stall: false, 'tls-close': false, 'user-identity': true, audit: false, web: false };
/** Per evidence kind: a decisive observation (for "missing evidence"), and one of another probe (for "wrong kind"). */
const DECISIVE: Record<EvidenceKind, string> = { 'tls-handshake': 'tls13-only-established.json', association: 'assoc-accepted-echo0.json', 'tls-hello': 'hello-py-tls12-dhe2048.json', stall: 'stall-dropped-after-61s.json', 'tls-close': 'close-notify-answered-dcmtk.json', 'user-identity': 'uid-refnode-b5-wrong-passcode-rj-1-2-1.json', audit: 'aud-refnode-store.json', web: 'web-orthanc-hardened-qido-401.json' };
const OF_ANOTHER_PROBE: Record<EvidenceKind, string> = { 'tls-handshake': 'assoc-accepted-echo0.json', association: 'tls12-established-dhe.json', 'tls-hello': 'tls12-established-dhe.json', stall: 'tls12-established-dhe.json', 'tls-close': 'tls12-established-dhe.json', 'user-identity': 'tls12-established-dhe.json', audit: 'tls12-established-dhe.json', web: 'tls12-established-dhe.json' };

/** "Does not apply": no verdict at all, with a reason for people. */
function expectNotApplicable(j: Judgement) {
  expect(j.kind, 'not applicable, not a verdict').to.equal('not-applicable');
  if (j.kind === 'not-applicable') expect(j.reason).to.be.a('string').and.not.equal('');
}

function expectVerdict(j: Judgement, kind: VerdictKind, reason: VerdictReason) {
  expect(j.kind, 'a verdict, not "not applicable"').to.not.equal('not-applicable');
  const v = j as Verdict;
  expect({ kind: v.kind, reason: v.reason }).to.deep.equal({ kind, reason });
  expect(v.summary).to.be.a('string').and.not.equal('');
  if (v.kind === 'fail') {
    expect(v.expected).to.be.a('string').and.not.equal('');
    expect(v.observed).to.be.a('string').and.not.equal('');
  }
}

describe('evaluateExpectation', function () {
  describe('the tables', function () {
    it('have a table for exactly the expectation kinds the schema knows', function () {
      // Given the kinds read from the zod schema
      // Then every kind has a table, and no table is for an unknown kind
      expect(Object.keys(TABLE).sort()).to.deep.equal([...SCHEMA_KINDS].sort());
      expect(Object.keys(YAML_VARIANTS).sort()).to.deep.equal([...SCHEMA_KINDS].sort());
      expect(Object.keys(EVIDENCE_READ_BY).sort()).to.deep.equal([...SCHEMA_KINDS].sort());
    });

    it('know every step field of the schema (stepsOf)', function () {
      // Given every field of every expectation that names a step
      const fields = new Set(Expectation.options.flatMap((o) => Object.keys(o.shape).filter((k) => k === 'step' || k.endsWith('Step'))));

      // Then stepsOf reads each of them
      expect([...fields].sort()).to.deep.equal([...STEP_FIELDS].sort());
    });

    for (const that of Object.keys(TABLE) as ExpectationKind[]) {
      const withError = HAS_LOCAL_ERROR[EVIDENCE_READ_BY[that]];
      it(`give "${that}" at least one pass, fail, inconclusive${withError ? ' and error' : ''} row${MAY_BE_NOT_APPLICABLE.includes(that) ? ', and a not-applicable one' : ''}`, function () {
        // Given the rows of this kind
        const kinds = new Set<string>(TABLE[that].map((r) => r.kind));

        // Then each verdict kind its evidence can lead to is covered (error only where our own stack can fail: local-error)
        const verdicts = ['fail', 'inconclusive', 'pass', ...(withError ? ['error'] : [])].sort();
        expect([...kinds].filter((k) => k !== 'not-applicable').sort()).to.deep.equal(verdicts);
        // And "not applicable" has a row exactly where the evaluator can give it
        expect(kinds.has('not-applicable'), 'not-applicable row').to.equal(MAY_BE_NOT_APPLICABLE.includes(that));
      });
    }

    it('use every observation file, and only files that exist', function () {
      // Given the files under fixtures/observations and the files the rows name
      const used = new Set([
        ...Object.values(TABLE).flatMap((rows) => rows.flatMap((r) => Object.values(r.observations))),
        ...Object.values(SILENT).flatMap((files) => files.map((f) => f.file)),
      ]);

      // Then they are the same set: no stale fixture, no missing one
      expect([...used].sort()).to.deep.equal(observationFiles());
    });

    it('hold observations shaped as the probes record them', function () {
      for (const file of observationFiles()) {
        // Given one recorded observation
        const ev = JSON.parse(readFileSync(join(OBSERVATIONS_DIR, file), 'utf8')) as Record<string, unknown> & Evidence;

        // Then the common fields are present and typed, and the kind-specific request part exists
        expect(ev.kind, file).to.be.oneOf(['tls-handshake', 'association', 'tls-hello', 'stall', 'tls-close', 'user-identity', 'audit', 'web']);
        expect(ev.step, file).to.match(/^[a-z][a-zA-Z0-9_]*$/);
        expect(new Date(ev.startedAt).toISOString(), file).to.equal(ev.startedAt);
        expect(ev.durationMs, file).to.be.a('number').and.at.least(0);
        expect(ev.endpoint.host, file).to.equal('127.0.0.1');
        expect(ev.endpoint.port, file).to.be.within(1, 65535);
        if (ev.kind === 'tls-handshake') {
          expect(ev.offered.ciphers, file).to.match(/@SECLEVEL=0$/);
          expect(ev.outcome.status, file).to.be.oneOf(['established', 'rejected', 'not-tls', 'no-response', 'connection-refused', 'local-error']);
        } else if (ev.kind === 'tls-hello') {
          expect(ev.offered.cipherSuites.length, file).to.be.at.least(1);
          expect(ev.sentHex, file).to.match(/^16030[01][0-9a-f]{4}01/); // a handshake record holding a ClientHello
          expect(ev.receivedHex, file).to.match(/^([0-9a-f]{2})*$/);
          expect(ev.outcome.status, file).to.be.oneOf(['server-hello', 'alert', 'closed', 'protocol-violation', 'no-response', 'connection-refused']);
          // The decoded parts agree with the bytes: `offered` is the ClientHello sent, and the outcome is what the
          // received bytes decode to (hand edits must keep both in step)
          expect(ev.offered, file).to.deep.equal(describeOffer(Buffer.from(ev.sentHex, 'hex')));
          if (ev.outcome.status === 'server-hello' || ev.outcome.status === 'alert' || ev.outcome.status === 'protocol-violation') {
            const parser = new ServerFlightParser();
            const decided = parser.feed(Buffer.from(ev.receivedHex, 'hex')) ?? parser.end();
            expect(decided, file).to.deep.equal(ev.outcome);
          } else {
            expect(ev.receivedHex, file).to.equal('');
          }
        } else if (ev.kind === 'tls-close') {
          expect(ev.outcome.status, file).to.be.oneOf(['released', 'not-released', 'tls-rejected', 'no-response', 'connection-refused']);
        } else if (ev.kind === 'stall') {
          expect(ev.sentHex, file).to.equal('16030100c8010000c40303'); // half a ClientHello, as the probe sends it
          expect(ev.outcome.status, file).to.be.oneOf(['closed', 'still-open', 'no-response', 'connection-refused']);
        } else if (ev.kind === 'web') {
          // Never a credential or a body: the path shows no token, the outcome holds no header but the chosen ones
          expect(JSON.stringify(ev), file).to.not.match(/eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\./);
          expect(JSON.stringify(ev), file).to.not.include('part15-lab-only');
          expect(ev.outcome.status, file).to.be.oneOf(['response', 'closed', 'not-http', 'tls-rejected', 'no-response', 'connection-refused']);
          if (ev.outcome.status === 'response') expect(Object.keys(ev.outcome.headers).every((h) => ['wwwAuthenticate', 'strictTransportSecurity', 'location', 'contentType'].includes(h)), file).to.equal(true);
        } else if (ev.kind === 'audit') {
          // Recorded from a run: the stimulus, its verdict-free outcome, and each message read (never judged here)
          expect(ev.stimulus, file).to.be.oneOf(['node-start', 'association', 'store', 'find', 'unknown-calling-ae', 'untrusted-client-certificate', 'identity-failure']);
          expect(ev.windowMs, file).to.be.at.least(500);
          for (const m of ev.messages) {
            expect(m.transport, file).to.be.oneOf(['tls', 'udp']);
            expect(m.schema, file).to.be.oneOf(['valid', 'invalid', 'unavailable', 'no-xml']);
            for (const p of m.problems) expect(p.rule, file).to.match(/^(AUD|ATNA)-[A-Z]{3}-\d{2}$/);
          }
          expect(JSON.stringify(ev), file).to.not.include('part15-lab-only');
        } else if (ev.kind === 'user-identity') {
          // Never a secret: the request is described by kinds, and no string in the file looks like a token
          const text = JSON.stringify(ev);
          expect(text, file).to.not.match(/eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\./);
          expect(text, file).to.not.include('part15-lab-only');
          if (ev.requested.identity !== 'none') expect(ev.requested.identity.subItemBytes, file).to.be.at.least(10);
          expect(ev.outcome.status, file).to.be.oneOf([
            'accepted', 'rejected', 'aborted', 'tls-rejected', 'closed', 'non-dicom-reply', 'protocol-violation', 'no-response', 'connection-refused', 'local-error',
          ]);
        } else {
          // One abstract syntax per operation the step asked for (Verification for an association-only step).
          const syntaxes = ev.requested.abstractSyntaxes;
          expect(syntaxes.length, file).to.be.at.least(1);
          if (ev.requested.find) expect(syntaxes, file).to.include(ev.requested.find.sopClassUid);
          if (ev.requested.store) expect(syntaxes, file).to.include('1.2.840.10008.5.1.4.1.1.7');
          if (ev.requested.retrieve) expect(syntaxes, file).to.include(ev.requested.retrieve.operation === 'move' ? '1.2.840.10008.5.1.4.1.2.2.2' : '1.2.840.10008.5.1.4.1.2.2.3');
          if (!ev.requested.find && !ev.requested.store && !ev.requested.retrieve) expect(syntaxes, file).to.deep.equal(['1.2.840.10008.1.1']);
          // Query evidence names attributes; values only ever appear with --show-values, never in these fixtures.
          if (ev.operations?.find) expect(ev.operations.find.values, file).to.equal(undefined);
          expect(ev.requested.callingAeTitle.length, file).to.be.within(1, 16);
          expect(ev.outcome.status, file).to.be.oneOf([
            'accepted', 'rejected', 'aborted', 'tls-rejected', 'closed', 'non-dicom-reply', 'protocol-violation', 'no-response', 'connection-refused', 'local-error',
          ]);
        }
      }
    });
  });

  for (const that of Object.keys(TABLE) as ExpectationKind[]) {
    describe(`that: ${that}`, function () {
      for (const row of TABLE[that]) {
        const files = Object.entries(row.observations).map(([s, f]) => `${s}=${f}`).join(', ');
        it(`${row.name} → ${row.kind}${row.kind === 'not-applicable' ? '' : ` (${row.reason})`} [${files}]`, function () {
          // Given the expectation as written in a suite, and the recorded observation(s)
          const expectation = parse({ that, ...row.params });
          const evidence = evidenceOf(row.observations);

          // When evaluated
          const v = evaluateExpectation(expectation, evidence);

          // Then the typed verdict is the one the row demands (or none, where the check does not apply)
          if (row.kind === 'not-applicable') expectNotApplicable(v);
          else expectVerdict(v, row.kind, row.reason);
        });
      }
    });
  }

  describe('defaults from the schema', function () {
    it('tls-server-key-strength defaults to RSA 2048 / EC 256, so 1024 fails and 2048 passes', function () {
      // Given the expectation written with no minimum at all
      const e = parse({ that: 'tls-server-key-strength', step: 'hello' });

      // Then the defaults are in force
      expect(e).to.include({ minRsaBits: 2048, minEcBits: 256 });
      expect(evaluateExpectation(e, evidenceOf(hello('tls-established-rsa1024-leaf.json'))).kind).to.equal('fail');
      expect(evaluateExpectation(e, evidenceOf(hello('tls12-established-dhe.json'))).kind).to.equal('pass');
    });

    it('tls-server-signature-hashes defaults to forbidding md5 and sha1, trust anchor exempt', function () {
      // Given the expectation written with only its step
      const e = parse({ that: 'tls-server-signature-hashes', step: 'hello' });

      // Then forbidden and includeTrustAnchor carry their defaults
      expect(e).to.deep.include({ forbidden: ['md5', 'sha1'], includeTrustAnchor: false });
    });

    it('a fail names the offending certificate in observed, and the rule in expected', function () {
      // Given the legacy chain with a SHA-1 intermediate
      const v = evaluateExpectation(parse({ that: 'tls-server-signature-hashes', step: 'hello' }), evidenceOf(hello('tls-established-sha1-intermediate.json')));

      // Then observed is about the intermediate only (the SHA-256 leaf and root are not blamed)
      expect(v.kind).to.equal('fail');
      if (v.kind !== 'fail') return;
      expect(v.observed).to.include('Radiology Issuing CA 1').and.include('sha1WithRSAEncryption');
      expect(v.observed).not.to.include('pacs01');
      expect(v.expected).to.include('sha1');
    });
  });

  describe('missing evidence', function () {
    for (const that of SCHEMA_KINDS) {
      for (const yaml of YAML_VARIANTS[that]) {
        const e = parse({ that, ...yaml });

        it(`${that} ${JSON.stringify(yaml)}: no evidence for a step → error bug-in-harness`, function () {
          // Given evidence for every step but one (for each step in turn)
          for (const missing of stepsOf(e)) {
            const present = stepsOf(e).filter((s) => s !== missing);
            const evidence = evidenceOf(Object.fromEntries(present.map((s) => [s, DECISIVE[EVIDENCE_READ_BY[that]]])));

            // When evaluated
            const v = evaluateExpectation(e, evidence);

            // Then it is the harness's fault, never a verdict on the target
            expectVerdict(v, 'error', 'bug-in-harness');
          }
        });

        it(`${that} ${JSON.stringify(yaml)}: evidence of the wrong kind → error bug-in-harness`, function () {
          // Given every step answered by the other probe's evidence
          const evidence = evidenceOf(Object.fromEntries(stepsOf(e).map((s) => [s, OF_ANOTHER_PROBE[EVIDENCE_READ_BY[that]]])));

          // Then the evaluator does not judge it
          expectVerdict(evaluateExpectation(e, evidence), 'error', 'bug-in-harness');
        });
      }
    }
  });

  describe('silence is never a pass, nor "not applicable" (every expectation kind, every step position)', function () {
    for (const that of SCHEMA_KINDS) {
      for (const yaml of YAML_VARIANTS[that]) {
        const e = parse({ that, ...yaml });
        const evidenceKind = EVIDENCE_READ_BY[that];

        for (const silent of SILENT[evidenceKind]) {
          it(`${that} ${JSON.stringify(yaml)}: ${silent.reason} on every step → inconclusive ${silent.reason}`, function () {
            // Given silence on every step the expectation reads
            const evidence = evidenceOf(Object.fromEntries(stepsOf(e).map((s) => [s, silent.file])));

            // When evaluated
            const v = evaluateExpectation(e, evidence);

            // Then it is inconclusive for that very reason
            expectVerdict(v, 'inconclusive', silent.reason);
          });

          it(`${that} ${JSON.stringify(yaml)}: ${silent.reason} on one step, anything on the others → never pass, never not-applicable`, function () {
            const others = filesOfKind(evidenceKind);
            for (const quiet of stepsOf(e)) {
              if (silent.reason === 'connection-refused' && REFUSAL_IS_THE_ANSWER[that] === quiet) continue;
              for (const other of others) {
                // Given silence on one step and a recorded observation on every other step
                const evidence = evidenceOf(Object.fromEntries(stepsOf(e).map((s) => [s, s === quiet ? silent.file : other])));

                // When evaluated
                const v = evaluateExpectation(e, evidence);

                // Then silence did not become a pass, nor a reason to skip the check
                expect(v.kind, `silent ${quiet}, others ${other}`).to.be.oneOf(['inconclusive', 'fail', 'error']);
              }
            }
          });
        }
      }
    }
  });
});

describe('tls-established for one server key type (serverKeyType + keyStep)', function () {
  const e = parse({ that: 'tls-established', step: 'hello', version: 'TLSv1.2', serverKeyType: 'RSA', keyStep: 'key' });

  it('is not applicable to a server whose certificate key is EC — no verdict, never a pass', function () {
    // Given a server that showed an EC P-256 certificate, and an RSA-only suite refused
    const j = evaluateExpectation(e, evidenceOf({ key: 'tls-established-ec-p256.json', hello: 'tls12-static-rsa-refused-alert40.json' }));
    // Then the check does not apply, with the key type as the reason
    expect(j.kind).to.equal('not-applicable');
    if (j.kind === 'not-applicable') expect(j.reason).to.include('EC');
  });

  it('is judged as usual on a server with an RSA key', function () {
    expectVerdict(evaluateExpectation(e, evidenceOf({ key: 'tls12-established-dhe.json', hello: 'tls12-established-dhe.json' })), 'pass', 'requirement-met');
    expectVerdict(evaluateExpectation(e, evidenceOf({ key: 'tls12-established-dhe.json', hello: 'tls12-static-rsa-refused-alert40.json' })), 'fail', 'requirement-not-met');
  });

  it('is judged as usual when the key could not be seen (a port without TLS must not escape as "not applicable")', function () {
    expectVerdict(evaluateExpectation(e, evidenceOf({ key: 'tls-rejected-reset-no-alert.json', hello: 'tls-rejected-reset-no-alert.json' })), 'fail', 'requirement-not-met');
  });
});

describe('tls.hello and certificate semantics that are easy to get wrong', function () {
  const judge = (yaml: Record<string, unknown>, observations: Record<string, string>) => evaluateExpectation(parse(yaml), evidenceOf(observations));

  it('hello-suite-chosen: the whole offer refused with an alert is a fail (the demanded suite was offered and not taken)', function () {
    const j = judge({ that: 'hello-suite-chosen', step: 'hello', among: ['TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256'] }, hello('hello-py-secp192r1-only-alert40.json'));
    expectVerdict(j, 'fail', 'requirement-not-met');
  });

  it('hello-refused: a HelloRetryRequest is a fail (the server is willing to negotiate)', function () {
    expectVerdict(judge({ that: 'hello-refused', step: 'hello' }, hello('hello-hrr-secp384r1.json')), 'fail', 'requirement-not-met');
  });

  describe('hello-downgrade-sentinel', function () {
    const e = { that: 'hello-downgrade-sentinel', ...SENTINEL };

    it('TLS 1.3 hello refused with an alert → not applicable (the server owes no sentinel)', function () {
      expectNotApplicable(judge(e, sentinel('hello-pz-tls13-alert70.json', 'hello-pz-tls12-dhe2048.json')));
    });

    it('TLS 1.3 hello unanswered → inconclusive no-response, not "not applicable"', function () {
      expectVerdict(judge(e, sentinel('hello-no-response.json', 'hello-pz-tls12-dhe2048.json')), 'inconclusive', 'no-response');
    });

    it('TLS 1.3 hello refused, TLS 1.2 hello unanswered → inconclusive (silence is never a reason to skip)', function () {
      expectVerdict(judge(e, sentinel('hello-pz-tls13-alert70.json', 'hello-connection-refused.json')), 'inconclusive', 'connection-refused');
    });

    it('TLS 1.3 spoken and the TLS 1.2 answer lacks the sentinel → fail', function () {
      expectVerdict(judge(e, sentinel('hello-py-tls13.json', 'hello-pz-tls12-dhe2048.json')), 'fail', 'requirement-not-met');
    });
  });

  describe('hello-dhe-min-bits', function () {
    it('alert → not applicable (no DHE suite negotiated)', function () {
      expectNotApplicable(judge({ that: 'hello-dhe-min-bits', step: 'hello' }, hello('hello-py-static-rsa-alert40.json')));
    });

    it('DHE 1024 → fail at the default minimum of 2048', function () {
      const e = parse({ that: 'hello-dhe-min-bits', step: 'hello' });
      expect(e).to.include({ minBits: 2048 });
      expectVerdict(evaluateExpectation(e, evidenceOf(hello('hello-py-dhe1024.json'))), 'fail', 'requirement-not-met');
    });
  });

  describe('hello-ecdhe-min-bits', function () {
    const e = { that: 'hello-ecdhe-min-bits', step: 'hello', minBits: 224 };

    it('secp192r1 with minBits 224 → fail', function () {
      expectVerdict(judge(e, hello('hello-ecdhe-secp192r1.json')), 'fail', 'requirement-not-met');
    });

    it('x25519 → pass', function () {
      expectVerdict(judge(e, hello('hello-py-tls12-ecdhe-x25519.json')), 'pass', 'requirement-met');
    });

    it('alert → pass (refusing the weak group is what is demanded)', function () {
      expectVerdict(judge(e, hello('hello-py-secp192r1-only-alert40.json')), 'pass', 'requirement-met');
    });
  });

  describe('tls-server-certificate-usable judges validity at evidence.startedAt, not at the wall clock', function () {
    const e = parse({ that: 'tls-server-certificate-usable', step: 'hello' });

    it('a leaf that expired before the handshake → fail', function () {
      expectVerdict(evaluateExpectation(e, evidenceOf(hello('tls-established-leaf-expired.json'))), 'fail', 'requirement-not-met');
    });

    it('the same leaf, seen by a handshake while it was still valid → pass', function () {
      // Given the same observation, recorded a day before the leaf's notAfter
      const ev = observation('tls-established-leaf-expired.json', 'hello');
      if (ev.kind !== 'tls-handshake' || ev.outcome.status !== 'established') throw new Error('fixture is not an established handshake');
      const notAfter = new Date(ev.outcome.peerChain[0]!.notAfter).getTime();
      const earlier = { ...ev, startedAt: new Date(notAfter - 86_400_000).toISOString() };

      // Then it passes: only the evidence's own time decides
      expectVerdict(evaluateExpectation(e, new Map([['hello', earlier]])), 'pass', 'requirement-met');
    });
  });

  it('hello-suite-chosen with a suite name part15 does not know → error suite-invalid, never a throw', function () {
    // Given a name the schema lets through (TLS_ + letters) but that is in no registry part15 carries
    const e = parse({ that: 'hello-suite-chosen', step: 'hello', among: ['TLS_NOT_A_REAL_SUITE'] });

    // Then the harness says the suite cannot be judged as written
    expectVerdict(evaluateExpectation(e, evidenceOf(hello('hello-py-tls12-dhe2048.json'))), 'error', 'suite-invalid');
  });
});
