import { expect } from 'chai';
import { alertFromNodeError, TLS_ALERTS, tlsAlert } from './tls-alerts.ts';

/** First lines of real Node 20 / OpenSSL 3.0 errors (the probe keeps only the first line). */
const openssl = (lib: string, reason: string, n: number) =>
  `C0D7B1E8C57F0000:error:${lib}:SSL routines:ssl3_read_bytes:${reason}:../deps/openssl/openssl/ssl/record/rec_layer_s3.c:1605:SSL alert number ${n}\n`;

describe('alertFromNodeError', function () {
  describe('from the message ("SSL alert number N")', function () {
    const TABLE = [
      { message: openssl('0A00042E', 'tlsv1 alert protocol version', 70), code: 70, name: 'protocol_version' },
      { message: openssl('0A000410', 'sslv3 alert handshake failure', 40), code: 40, name: 'handshake_failure' },
      { message: openssl('0A00045C', 'tlsv13 alert certificate required', 116), code: 116, name: 'certificate_required' },
      { message: openssl('0A000415', 'sslv3 alert certificate expired', 45), code: 45, name: 'certificate_expired' },
      { message: openssl('0A000418', 'tlsv1 alert unknown ca', 48), code: 48, name: 'unknown_ca' },
    ];
    for (const row of TABLE) {
      it(`alert number ${row.code} → ${row.name}`, function () {
        // Given an error as Node's TLS socket emits it
        // When its alert is read
        const alert = alertFromNodeError({ message: row.message, code: 'ERR_SSL_WHATEVER' });

        // Then the number decides, whatever the code says
        expect(alert).to.deep.equal({ code: row.code, name: row.name });
      });
    }

    it('names an alert number it does not know as unknown_alert_N, keeping the number', function () {
      // Given a peer sending an unassigned alert number
      const alert = alertFromNodeError({ message: openssl('0A000000', 'unknown alert', 199) });

      // Then the number is kept
      expect(alert).to.deep.equal({ code: 199, name: 'unknown_alert_199' });
    });
  });

  describe('from the error code', function () {
    const TABLE = [
      { code: 'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION', alert: { code: 70, name: 'protocol_version' } },
      { code: 'ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED', alert: { code: 116, name: 'certificate_required' } },
      { code: 'ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE', alert: { code: 40, name: 'handshake_failure' } },
      { code: 'ERR_SSL_SSLV3_ALERT_CERTIFICATE_EXPIRED', alert: { code: 45, name: 'certificate_expired' } },
      { code: 'ERR_SSL_TLSV1_ALERT_UNKNOWN_CA', alert: { code: 48, name: 'unknown_ca' } },
      { code: 'ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE', alert: { code: 42, name: 'bad_certificate' } },
    ];
    for (const row of TABLE) {
      it(`${row.code} → ${row.alert.code} ${row.alert.name}`, function () {
        // Given an error whose message carries no alert number
        // When its alert is read
        const alert = alertFromNodeError({ message: 'Client network socket disconnected', code: row.code });

        // Then the code names it
        expect(alert).to.deep.equal(row.alert);
      });
    }
  });

  describe('no alert', function () {
    const TABLE: Array<{ name: string; err: { message?: string; code?: string } }> = [
      { name: 'a reset', err: { message: 'read ECONNRESET', code: 'ECONNRESET' } },
      { name: 'a socket closed during the handshake', err: { message: 'Client network socket disconnected before secure TLS connection was established', code: 'ECONNRESET' } },
      { name: 'a non-TLS peer (wrong version number, no alert)', err: { message: 'C0D7B1E8C57F0000:error:0A00010B:SSL routines:ssl3_get_record:wrong version number', code: 'ERR_SSL_WRONG_VERSION_NUMBER' } },
      { name: 'a local refusal', err: { message: 'error:0A0000B9:SSL routines::no cipher match', code: 'ERR_SSL_NO_CIPHER_MATCH' } },
      { name: 'an alert code with a name no RFC gives', err: { code: 'ERR_SSL_TLSV1_ALERT_SOMETHING_NEW' } },
      { name: 'an empty error', err: {} },
    ];
    for (const row of TABLE) {
      it(`${row.name} → undefined`, function () {
        // Given an error that reports no alert from the peer
        // Then none is invented
        expect(alertFromNodeError(row.err)).to.equal(undefined);
      });
    }
  });
});

describe('tlsAlert', function () {
  it('names the alerts the harness judges by', function () {
    // Given the alert numbers TARGETS.md §8 observes
    // Then each has its RFC name
    expect([40, 45, 48, 70, 116].map((n) => tlsAlert(n).name)).to.deep.equal([
      'handshake_failure', 'certificate_expired', 'unknown_ca', 'protocol_version', 'certificate_required',
    ]);
  });

  it('has one number per name', function () {
    // Given the alert table
    const names = Object.values(TLS_ALERTS);

    // Then names are unique, so a name read from an error code maps back to one number
    expect(new Set(names).size).to.equal(names.length);
  });
});
