/**
 * Redaction at capture time. Evidence, logs and reports go through here; a secret that reaches
 * this function is replaced, never printed. Secrets are passcodes, tokens, private keys and
 * authorization headers. Key names are matched case-insensitively.
 */
const SECRET_KEY = /^(passcode|password|passwd|secret|secondaryfield|token|jwt|authorization|privatekey|private_key|key|keypem|passphrase|cakey)$/i;
const PEM_PRIVATE_KEY = /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g;
const JWT = /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g;
export const REDACTED = '[redacted]';

export function redactText(text: string): string {
  return text.replace(PEM_PRIVATE_KEY, REDACTED).replace(JWT, REDACTED);
}

export function redact<T>(value: T): T {
  return redactValue(value, new WeakSet()) as T;
}

function redactValue(value: unknown, seen: WeakSet<object>): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object') return value;
  if (Buffer.isBuffer(value)) return value;
  if (seen.has(value)) return '[circular]';
  // `seen` holds the ancestors only: an object reached twice without a cycle (shared) is copied twice.
  seen.add(value);
  try {
    if (Array.isArray(value)) return value.map((v) => redactValue(v, seen));
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = SECRET_KEY.test(k) && v !== undefined && v !== null && v !== '' ? REDACTED : redactValue(v, seen);
    }
    return out;
  } finally {
    seen.delete(value);
  }
}
