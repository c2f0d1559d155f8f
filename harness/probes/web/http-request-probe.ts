/**
 * http.request — one DICOMweb request (QIDO-RS, WADO-RS, metadata, rendered, thumbnail, bulkdata,
 * STOW-RS) with the credentials a step names, on the web endpoint or in cleartext. Evidence: the
 * status, the headers that matter, body size and type, whether a canary is in the body — never the
 * body, never a credential. Resources that need a study use what discovery found with the declared
 * credentials; without one the step is a missing prerequisite (inconclusive), never a pass.
 */
import type { WebEvidence } from '../../core/evidence.ts';
import { NotApplicableError, PrerequisiteNotMetError, type Probe } from '../../core/probe.ts';
import type { RunningTarget } from '../../core/target.ts';
import type { HttpRequestParams } from '../../suite/schema.ts';
import { declaredEndpointFor } from '../endpoint.ts';
import { evidenceBase } from '../evidence-base.ts';
import { webRequest } from './web-client.ts';
import { BEARER_ONLY, credentialsFor, discover, pathOf, stowBody, type WebAddress } from './web-resources.ts';

const NEEDS_NO_STUDY = new Set(['qido-studies', 'stow', 'unknown-study']);

export const httpRequestProbe: Probe<HttpRequestParams, WebEvidence> = {
  id: 'http.request',
  async run(target, stepName, params, ctx) {
    const web = target.web;
    if (!web) throw new NotApplicableError('the target declares no DICOMweb service (dicomweb: in its target file)');
    if (BEARER_ONLY.includes(params.credentials) && web.auth.scheme !== 'bearer') {
      throw new NotApplicableError(`the node's DICOMweb authentication is ${web.auth.scheme}: a ${params.credentials} token does not apply`);
    }
    // Without authentication "valid" means what the node asks for: nothing; "wrong" means nothing.
    if (params.credentials === 'wrong' && web.auth.scheme === 'none') {
      throw new NotApplicableError('the target declares no DICOMweb authentication: there are no credentials to get wrong');
    }
    const address = addressOf(target, params.endpoint);
    const home = addressOf(target, 'web');
    const found = await discover(target, web, home, ctx.signal);
    if ('failed' in found && !NEEDS_NO_STUDY.has(params.resource)) throw new PrerequisiteNotMetError(found.failed);
    const discovered = 'failed' in found ? undefined : found;
    const isStow = params.resource === 'stow';
    const path = pathOf(params.resource, web, discovered);
    const creds = await credentialsFor(params.credentials, web, isStow);
    const fullPath = creds.query ? `${path}${path.includes('?') ? '&' : '?'}${creds.query}` : path;
    const stow = isStow ? await stowBody() : undefined;
    const startedAt = new Date();
    const outcome = await webRequest({
      ...address,
      method: isStow ? 'POST' : 'GET',
      path: fullPath,
      headers: {
        ...creds.headers,
        accept: params.resource.endsWith('rendered') || params.resource === 'instance-thumbnail' ? 'image/png, image/jpeg, */*' : params.resource === 'wado-study' || params.resource === 'bulkdata' ? 'multipart/related; type="application/dicom", */*' : 'application/dicom+json, application/json, */*',
        ...(stow ? { 'content-type': stow.contentType } : {}),
      },
      ...(stow ? { body: stow.body } : {}),
      timeoutMs: params.timeoutMs,
      signal: ctx.signal,
      canaries: discovered?.canaries ?? [],
      ...clientCertificateOf(target),
    });
    return {
      kind: 'web',
      ...evidenceBase(stepName, startedAt, address),
      request: {
        method: isStow ? 'POST' : 'GET',
        resource: params.resource,
        scheme: address.tls ? 'https' : 'http',
        path: creds.query ? `${path}${path.includes('?') ? '&' : '?'}access_token=[redacted]` : path,
        credentials: params.credentials,
        authScheme: web.auth.scheme,
      },
      hidesWith404: web.hidesWith404,
      outcome,
    };
  },
};

/** web: HTTPS when declared, else HTTP; cleartext: the HTTP endpoint, else plain HTTP to the HTTPS port. */
function addressOf(target: RunningTarget, endpoint: HttpRequestParams['endpoint']): WebAddress {
  const name = declaredEndpointFor(target.endpoints, endpoint) as 'http' | 'https' | undefined;
  if (!name) throw new PrerequisiteNotMetError(`target ${target.name} declares no http or https endpoint`);
  const e = target.endpoints[name]!;
  return { host: e.host, port: e.port, tls: endpoint === 'web' && name === 'https' };
}

/** A node that asks for a client certificate on its web port gets part15's valid one. */
function clientCertificateOf(target: RunningTarget) {
  const c = target.pki.clientCertificate('valid');
  return 'unavailable' in c ? {} : { clientCertificate: c };
}
