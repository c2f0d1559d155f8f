/** TLS alert descriptions (RFC 8446 §6, RFC 5246 §7.2, RFC 7507, RFC 7301). */
export const TLS_ALERTS: Readonly<Record<number, string>> = {
  0: 'close_notify',
  10: 'unexpected_message',
  20: 'bad_record_mac',
  21: 'decryption_failed',
  22: 'record_overflow',
  30: 'decompression_failure',
  40: 'handshake_failure',
  41: 'no_certificate',
  42: 'bad_certificate',
  43: 'unsupported_certificate',
  44: 'certificate_revoked',
  45: 'certificate_expired',
  46: 'certificate_unknown',
  47: 'illegal_parameter',
  48: 'unknown_ca',
  49: 'access_denied',
  50: 'decode_error',
  51: 'decrypt_error',
  60: 'export_restriction',
  70: 'protocol_version',
  71: 'insufficient_security',
  80: 'internal_error',
  86: 'inappropriate_fallback',
  90: 'user_canceled',
  100: 'no_renegotiation',
  109: 'missing_extension',
  110: 'unsupported_extension',
  111: 'certificate_unobtainable',
  112: 'unrecognized_name',
  113: 'bad_certificate_status_response',
  114: 'bad_certificate_hash_value',
  115: 'unknown_psk_identity',
  116: 'certificate_required',
  120: 'no_application_protocol',
};

export function tlsAlert(code: number): { code: number; name: string } {
  return { code, name: TLS_ALERTS[code] ?? `unknown_alert_${code}` };
}

/**
 * The alert a Node/OpenSSL error reports, if any. OpenSSL puts "SSL alert number N" in the message
 * for alerts received from the peer; the error code names it too (ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION).
 */
export function alertFromNodeError(err: { message?: string; code?: string }): { code: number; name: string } | undefined {
  const byNumber = /alert number (\d+)/.exec(err.message ?? '');
  if (byNumber) return tlsAlert(Number(byNumber[1]));
  const byCode = /^ERR_SSL_(?:SSLV3|TLSV1|TLSV13)_ALERT_([A-Z_]+)$/.exec(err.code ?? '');
  if (byCode) {
    const name = byCode[1]!.toLowerCase();
    const entry = Object.entries(TLS_ALERTS).find(([, n]) => n === name);
    if (entry) return { code: Number(entry[0]), name };
  }
  return undefined;
}
