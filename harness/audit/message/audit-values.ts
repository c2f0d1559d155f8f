/**
 * Value-level readers for audit message fields, shared by the rules and by the harness when it
 * correlates a message with what it did (catalogue AUD-FMT-08, AUD-FMT-10): AE titles out of an
 * AlternativeUserID, strict base64, and xsd:boolean.
 */
import type { ActiveParticipant } from './audit-xml.ts';

export type DecodedBase64 = { ok: true; bytes: Buffer } | { ok: false; reason: string };

/**
 * xsd:base64Binary, strictly (XML Schema Part 2 §3.2.16): white space is ignored (the type
 * collapses it), then groups of four from the base64 alphabet, "=" padding only at the end, and
 * the unused bits before the padding zero. Node's Buffer.from(…, 'base64') accepts anything; this
 * does not.
 */
export function decodeBase64Strict(text: string): DecodedBase64 {
  const s = text.replace(/[ \t\r\n]/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s)) {
    const bad = /[^A-Za-z0-9+/=]/.exec(s);
    return { ok: false, reason: bad ? `character "${bad[0]}" is not in the base64 alphabet` : '"=" padding only at the end, at most two' };
  }
  if (s.length % 4 !== 0) return { ok: false, reason: `${s.length} base64 characters is not a multiple of 4` };
  if (s.endsWith('==') && !/[AQgw]==$/.test(s)) return { ok: false, reason: 'non-zero bits before "==" padding (not canonical base64)' };
  if (/[^=]=$/.test(s) && !/[AEIMQUYcgkosw048]=$/.test(s)) return { ok: false, reason: 'non-zero bits before "=" padding (not canonical base64)' };
  return { ok: true, bytes: Buffer.from(s, 'base64') };
}

/**
 * The AE titles an AlternativeUserID names (PS3.15 A.5.2.2: "AETITLES=aetitle1;aetitle2;…"; the
 * PS3.17 example's singular "AETITLE=" is read too). AE title padding spaces are dropped. Empty
 * when the AlternativeUserID is absent or is not of that form.
 */
export function aeTitlesOf(participant: Pick<ActiveParticipant, 'alternativeUserId'>): string[] {
  const m = /^AETITLES?=(.*)$/is.exec(participant.alternativeUserId?.trim() ?? '');
  if (!m) return [];
  return m[1]!.split(';').map((t) => t.trim()).filter((t) => t !== '');
}

/** xsd:boolean true ("true" or "1", white space collapsed). */
export function isTrue(value: string | undefined): boolean {
  const v = value?.trim();
  return v === 'true' || v === '1';
}
