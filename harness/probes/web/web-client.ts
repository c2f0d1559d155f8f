/**
 * One HTTP(S) request on its own connection, answered with the facts the web checks judge: the
 * status, the headers that matter, how many body bytes, and whether a canary (a patient name or ID
 * the node holds) is in the body — never the body itself. Redirects are not followed. At most
 * MAX_BODY bytes are read; the rest is counted and dropped.
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { TLSSocket } from 'node:tls';
import type { WebOutcome } from '../../core/evidence.ts';

const MAX_BODY = 4 << 20;

export interface WebRequest {
  host: string;
  port: number;
  tls: boolean;
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
  timeoutMs: number;
  signal: AbortSignal;
  /** Strings whose presence in the body is recorded (as a yes/no). */
  canaries: readonly string[];
  clientCertificate?: { certPem: string; keyPem: string };
}

export async function webRequest(r: WebRequest): Promise<WebOutcome> {
  return (await webExchange(r)).outcome;
}

/** The same request, also handing back the body read (discovery reads the node's JSON; evidence never holds it). */
export function webExchange(r: WebRequest): Promise<{ outcome: WebOutcome; body?: Buffer }> {
  return new Promise((resolve) => {
    const started = Date.now();
    let done = false;
    const finish = (o: WebOutcome, body?: Buffer) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      req.destroy();
      resolve({ outcome: o, ...(body ? { body } : {}) });
    };
    const options = {
      host: r.host,
      port: r.port,
      method: r.method,
      path: r.path,
      headers: { ...r.headers, ...(r.body ? { 'content-length': String(r.body.length) } : {}), connection: 'close' },
      agent: false as const,
      ...(r.tls
        ? {
            // The server certificate is judged by the TLS suites, not here: a web check must not fail on it.
            rejectUnauthorized: false,
            minVersion: 'TLSv1.2' as const,
            ...(r.clientCertificate ? { cert: r.clientCertificate.certPem, key: r.clientCertificate.keyPem } : {}),
          }
        : {}),
    };
    const onResponse = (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      let kept = 0;
      let total = 0;
      res.on('data', (c: Buffer) => {
        total += c.length;
        if (kept < MAX_BODY) {
          chunks.push(c);
          kept += c.length;
        }
      });
      const end = () => {
        const body = Buffer.concat(chunks);
        const h = res.headers;
        const socket = res.socket as TLSSocket | null;
        finish({
          status: 'response',
          httpStatus: res.statusCode ?? 0,
          headers: {
            ...(h['www-authenticate'] ? { wwwAuthenticate: String(h['www-authenticate']) } : {}),
            ...(h['strict-transport-security'] ? { strictTransportSecurity: String(h['strict-transport-security']) } : {}),
            ...(h.location ? { location: String(h.location) } : {}),
            ...(h['content-type'] ? { contentType: String(h['content-type']) } : {}),
          },
          bodyBytes: total,
          canaryInBody: r.canaries.some((c) => c.length > 0 && body.includes(c)),
          ...(r.tls && socket?.getProtocol?.() ? { tls: { version: socket.getProtocol()! } } : {}),
        }, body);
      };
      res.on('end', end);
      res.on('error', end);
      res.on('aborted', end);
    };
    const req = (r.tls ? httpsRequest : httpRequest)(options, onResponse);
    const timer = setTimeout(() => finish({ status: 'no-response', afterMs: Date.now() - started }), r.timeoutMs);
    r.signal.addEventListener('abort', () => finish({ status: 'no-response', afterMs: Date.now() - started }), { once: true });
    req.on('error', (e: NodeJS.ErrnoException) => {
      const message = e.message.split('\n')[0]!;
      if (e.code === 'ECONNREFUSED') finish({ status: 'connection-refused', message });
      else if (e.code === 'HPE_INVALID_CONSTANT' || e.code?.startsWith('HPE_')) finish({ status: 'not-http', message });
      else if (r.tls && (e.code?.startsWith('ERR_SSL') || /alert|handshake|wrong version|SSL/i.test(message))) finish({ status: 'tls-rejected', message });
      else finish({ status: 'closed', message: e.code ? `${e.code}: ${message}` : message });
    });
    if (r.body) req.write(r.body);
    req.end();
  });
}
