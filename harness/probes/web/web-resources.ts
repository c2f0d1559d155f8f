/**
 * What a DICOMweb request is made of: the path of each resource (PS3.18 §10, from the service root
 * and the study part15 found), the credentials of each variant, and the synthetic instance a STOW
 * sends. Discovery runs once per target with the declared credentials: a QIDO for one study, its
 * metadata for a series, an instance and the first BulkDataURI, and the patient names and IDs the
 * node holds — kept in memory as canaries for error bodies, never reported.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import dimse from 'dcmjs-dimse';
import { PrerequisiteNotMetError } from '../../core/probe.ts';
import type { RunningTarget, TargetWeb } from '../../core/target.ts';
import type { WEB_CREDENTIALS, WEB_RESOURCES } from '../../suite/schema.ts';
import { tokenFor } from '../dimse/jwt-variants.ts';
import { EXPLICIT_VR_LITTLE_ENDIAN, syntheticSecondaryCapture, uuidUid } from '../dimse/synthetic-instance.ts';
import { webExchange } from './web-client.ts';

export type WebResource = (typeof WEB_RESOURCES)[number];
export type WebCredentials = (typeof WEB_CREDENTIALS)[number];

export interface Discovered {
  studyUid: string;
  seriesUid?: string;
  instanceUid?: string;
  /** The path of the first BulkDataURI, on the target's own host (another host is never asked). */
  bulkDataPath?: string;
  canaries: string[];
}

export interface WebAddress {
  host: string;
  port: number;
  tls: boolean;
}

const discoveries = new WeakMap<RunningTarget, Promise<Discovered | { failed: string }>>();

export function pathOf(resource: WebResource, web: TargetWeb, d: Discovered | undefined): string {
  const root = web.root;
  if (resource === 'qido-studies' || resource === 'stow') return `${root}/studies`;
  if (resource === 'unknown-study') return `${root}/studies/${uuidUid()}/metadata`;
  if (!d) throw new PrerequisiteNotMetError('no study was found on the node to ask for');
  const study = `${root}/studies/${d.studyUid}`;
  switch (resource) {
    case 'wado-study':
      return study;
    case 'study-metadata':
      return `${study}/metadata`;
    case 'study-rendered':
      return `${study}/rendered`;
    case 'instance-rendered':
    case 'instance-thumbnail': {
      if (!d.seriesUid || !d.instanceUid) throw new PrerequisiteNotMetError('the study metadata named no series and instance');
      return `${study}/series/${d.seriesUid}/instances/${d.instanceUid}/${resource === 'instance-rendered' ? 'rendered' : 'thumbnail'}`;
    }
    case 'bulkdata':
      if (!d.bulkDataPath) throw new PrerequisiteNotMetError('the study metadata holds no BulkDataURI on this node');
      return d.bulkDataPath;
  }
}

/** Request headers (and query) for a credential variant. Tokens and passwords stay in memory. */
export async function credentialsFor(variant: WebCredentials, web: TargetWeb, forWrite: boolean): Promise<{ headers: Record<string, string>; query?: string }> {
  const auth = web.auth;
  if (variant === 'none' || auth.scheme === 'none') return { headers: {} };
  if (auth.scheme === 'basic') {
    const password = variant === 'valid' ? auth.password : `part15-wrong-${randomBytes(4).toString('hex')}`;
    return { headers: { authorization: `Basic ${Buffer.from(`${auth.username}:${password}`).toString('base64')}` } };
  }
  const issuer = { issuer: auth.issuer, audience: auth.audience, privateKeyPem: auth.privateKeyPem, publicKeyPem: auth.publicKeyPem };
  const scope = variant === 'no-scope' ? { scope: 'part15.none' } : { scope: forWrite ? `${auth.readScope} ${auth.writeScope}` : auth.readScope };
  const jwtVariant = variant === 'wrong' ? 'bad-signature' : variant === 'no-scope' || variant === 'valid-in-query' ? 'valid' : variant;
  const { token } = await tokenFor(jwtVariant, issuer, 'part15-dicomweb', undefined, scope);
  if (variant === 'valid-in-query') return { headers: {}, query: `access_token=${token}` };
  return { headers: { authorization: `Bearer ${token}` } };
}

/** The variants that only mean something for a Bearer scheme. */
export const BEARER_ONLY: readonly WebCredentials[] = ['expired', 'bad-signature', 'alg-none', 'wrong-audience', 'no-scope', 'valid-in-query'];

export function discover(target: RunningTarget, web: TargetWeb, address: WebAddress, signal: AbortSignal): Promise<Discovered | { failed: string }> {
  let p = discoveries.get(target);
  if (!p) {
    p = discoverOnce(web, address, signal);
    discoveries.set(target, p);
  }
  return p;
}

async function discoverOnce(web: TargetWeb, address: WebAddress, signal: AbortSignal): Promise<Discovered | { failed: string }> {
  const get = async (path: string): Promise<{ json: unknown } | { failed: string }> => {
    const { headers } = await credentialsFor('valid', web, false);
    const { outcome, body } = await webExchange({ ...address, method: 'GET', path, headers: { ...headers, accept: 'application/dicom+json' }, timeoutMs: 10_000, signal, canaries: [] });
    if (outcome.status !== 'response') return { failed: outcome.status };
    if (outcome.httpStatus >= 300) return { failed: `HTTP ${outcome.httpStatus}` };
    try {
      return { json: JSON.parse(body?.toString('utf8') ?? '') };
    } catch {
      return { failed: 'the answer is not JSON' };
    }
  };
  const studies = await get(`${web.root}/studies`);
  if ('failed' in studies) return { failed: `QIDO ${web.root}/studies with the declared credentials: ${studies.failed}` };
  const list = Array.isArray(studies.json) ? (studies.json as DicomJson[]) : [];
  const first = list.find((s) => typeof firstValue(s, '0020000D') === 'string');
  if (!first) return { failed: `QIDO ${web.root}/studies with the declared credentials found no study` };
  const canaries = new Set<string>();
  for (const s of list) for (const v of [personName(s, '00100010'), firstValue(s, '00100020')]) if (typeof v === 'string' && v.length >= 3) canaries.add(v);
  const found: Discovered = { studyUid: firstValue(first, '0020000D') as string, canaries: [...canaries] };
  const meta = await get(`${web.root}/studies/${found.studyUid}/metadata`);
  if (!('failed' in meta) && Array.isArray(meta.json)) {
    const instance = (meta.json as DicomJson[])[0];
    if (instance) {
      const series = firstValue(instance, '0020000E');
      const sop = firstValue(instance, '00080018');
      if (typeof series === 'string') found.seriesUid = series;
      if (typeof sop === 'string') found.instanceUid = sop;
      const uri = Object.values(instance).map((e) => e?.BulkDataURI).find((u): u is string => typeof u === 'string');
      if (uri) found.bulkDataPath = pathOnTarget(uri);
    }
  }
  return found;
}

type DicomJson = Record<string, { vr?: string; Value?: unknown[]; BulkDataURI?: string } | undefined>;

function firstValue(o: DicomJson, tag: string): unknown {
  return o[tag]?.Value?.[0];
}

function personName(o: DicomJson, tag: string): string | undefined {
  const v = firstValue(o, tag) as { Alphabetic?: string } | undefined;
  return v?.Alphabetic;
}

/** A BulkDataURI's path, only ever asked of the target itself: an absolute URI to elsewhere is reduced to its path. */
function pathOnTarget(uri: string): string | undefined {
  if (uri.startsWith('/')) return uri;
  try {
    const u = new URL(uri);
    return u.pathname + u.search;
  } catch {
    return undefined;
  }
}

/** A STOW-RS body: the synthetic Secondary Capture as one application/dicom part (PS3.18 §10.5). */
export async function stowBody(): Promise<{ body: Buffer; contentType: string }> {
  const instance = syntheticSecondaryCapture(64);
  // dcmjs-dimse writes the Part 10 file (preamble, meta group) only to a file: a private temp dir.
  const dir = mkdtempSync(join(tmpdir(), 'part15-stow-'));
  try {
    const file = join(dir, 'instance.dcm');
    const dataset = new dimse.Dataset(instance.elements, EXPLICIT_VR_LITTLE_ENDIAN);
    await new Promise<void>((resolve, reject) => dataset.toFile(file, (e?: Error) => (e ? reject(e) : resolve())));
    const part10 = readFileSync(file);
    const boundary = `part15-${randomBytes(8).toString('hex')}`;
    const body = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Type: application/dicom\r\n\r\n`), part10, Buffer.from(`\r\n--${boundary}--\r\n`)]);
    return { body, contentType: `multipart/related; type="application/dicom"; boundary=${boundary}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

