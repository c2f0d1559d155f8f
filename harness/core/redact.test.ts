import { expect } from 'chai';
import { redact, redactText, REDACTED } from './redact.ts';

/** Test-only key material: shape matters, not validity. */
const PRIVATE_KEYS = {
  pkcs8: ['-----BEGIN PRIVATE KEY-----', 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj', '-----END PRIVATE KEY-----'].join('\n'),
  rsa: ['-----BEGIN RSA PRIVATE KEY-----', 'MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun', '-----END RSA PRIVATE KEY-----'].join('\n'),
  ec: ['-----BEGIN EC PRIVATE KEY-----', 'MHcCAQEEIBYr3yQ5kLhJ8b0rV2Z1nVwq6Hq0k8G0hG4sX2T1xYzAoGCCqGSM49', '-----END EC PRIVATE KEY-----'].join('\n'),
  encrypted: ['-----BEGIN ENCRYPTED PRIVATE KEY-----', 'MIIFHDBOBgkqhkiG9w0BBQ0wQTApBgkqhkiG9w0BBQwwHAQI3+Y0wYpFcW0CAggA', '-----END ENCRYPTED PRIVATE KEY-----'].join('\n'),
};
const CERTIFICATE = ['-----BEGIN CERTIFICATE-----', 'MIIDazCCAlOgAwIBAgIUb3Jg4Q0m9k7lW3X8b4i4dYx0mQwwDQYJKoZIhvcNAQEL', '-----END CERTIFICATE-----'].join('\n');
/** header {"alg":"HS256","typ":"JWT"} . payload {"sub":"alice"} . signature */
const JWT = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhbGljZSJ9.3q2-7wZ3Vh9bq6Xk1mYc0FzN6w8pT0yD2xR4aJkLmNo';

describe('redact', function () {
  describe('secret keys', function () {
    for (const key of ['passcode', 'password', 'token', 'authorization', 'Authorization', 'privateKey', 'private_key', 'caKey', 'passphrase', 'secret']) {
      it(`replaces the value of "${key}"`, function () {
        // Given an object with that key next to an ordinary one
        const input = { [key]: 'hunter2', username: 'alice' };

        // When redacted
        const out = redact(input);

        // Then the secret is gone and the rest is kept
        expect(out).to.deep.equal({ [key]: REDACTED, username: 'alice' });
      });
    }

    it('finds secret keys at any depth, inside arrays too', function () {
      // Given a user-identity request nested in an evidence-like object
      const input = {
        requested: { userIdentity: { type: 2, username: 'alice', passcode: 'secret-1' } },
        headers: [{ name: 'accept', value: 'application/dicom+json' }, { authorization: 'Basic YWxpY2U6c2VjcmV0' }],
      };

      // When redacted
      const out = redact(input);

      // Then only the secrets changed
      expect(out).to.deep.equal({
        requested: { userIdentity: { type: 2, username: 'alice', passcode: REDACTED } },
        headers: [{ name: 'accept', value: 'application/dicom+json' }, { authorization: REDACTED }],
      });
    });

    it('leaves certificate fields such as keyType and keyBits alone (only whole key names match)', function () {
      // Given a certificate summary
      const summary = { keyType: 'RSA', keyBits: 2048, namedCurve: 'prime256v1', signatureAlgorithm: 'sha256WithRSAEncryption', tokenCount: 3 };

      // Then nothing in it is treated as a secret
      expect(redact(summary)).to.deep.equal(summary);
    });
  });

  describe('secrets inside text', function () {
    for (const [name, pem] of Object.entries(PRIVATE_KEYS)) {
      it(`replaces a ${name} PEM private key inside a message, keeping the words around it`, function () {
        // Given an error message quoting a private key
        const message = `cannot load key ${pem} for client auth`;

        // When redacted (as text and as a field value)
        const out = redact({ message });

        // Then the key block is replaced and the sentence remains
        expect(out.message).to.equal(`cannot load key ${REDACTED} for client auth`);
        expect(redactText(message)).to.equal(out.message);
      });
    }

    it('replaces a JWT inside text', function () {
      // Given a log line with a bearer token
      const line = `GET /dicom-web/studies Authorization: Bearer ${JWT} → 200`;

      // Then the token is gone
      expect(redactText(line)).to.equal(`GET /dicom-web/studies Authorization: Bearer ${REDACTED} → 200`);
    });

    it('keeps certificates: they are public and evidence needs them', function () {
      // Given a message with a certificate and a private key
      const text = `chain:\n${CERTIFICATE}\nkey:\n${PRIVATE_KEYS.pkcs8}`;

      // When redacted
      const out = redactText(text);

      // Then the certificate is intact and only the key is replaced
      expect(out).to.equal(`chain:\n${CERTIFICATE}\nkey:\n${REDACTED}`);
    });

    it('replaces two keys in one text separately, not the text between them', function () {
      // Given two keys with a sentence between them
      const text = `${PRIVATE_KEYS.rsa} and then ${PRIVATE_KEYS.ec}`;

      // Then the words between survive
      expect(redactText(text)).to.equal(`${REDACTED} and then ${REDACTED}`);
    });
  });

  describe('structure', function () {
    it('is safe on circular structures', function () {
      // Given an object that contains itself
      const a: Record<string, unknown> = { name: 'a', password: 'p' };
      a.self = a;
      a.list = [a];

      // When redacted
      const out = redact(a);

      // Then it returns, with the cycle cut and the secret replaced
      expect(out).to.deep.equal({ name: 'a', password: REDACTED, self: '[circular]', list: ['[circular]'] });
    });

    it('copies an object that is shared (reached twice without a cycle) in both places', function () {
      // Given two evidence records that share one endpoint object
      const endpoint = { host: '127.0.0.1', port: 11202 };
      const evidence = [
        { kind: 'tls-handshake', endpoint },
        { kind: 'association', endpoint },
      ];

      // When redacted
      const out = redact(evidence);

      // Then both keep the endpoint (a shared object is not a cycle)
      expect(out).to.deep.equal([
        { kind: 'tls-handshake', endpoint: { host: '127.0.0.1', port: 11202 } },
        { kind: 'association', endpoint: { host: '127.0.0.1', port: 11202 } },
      ]);
    });

    it('leaves Buffers untouched, even one whose bytes spell a private key', function () {
      // Given raw bytes received from a peer
      const bytes = Buffer.from([0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x46]);
      const keyBytes = Buffer.from(PRIVATE_KEYS.pkcs8);

      // When redacted inside an object
      const out = redact({ bytes, keyBytes });

      // Then they are the same Buffers, byte for byte
      expect(out.bytes).to.equal(bytes);
      expect(Buffer.isBuffer(out.keyBytes)).to.equal(true);
      expect(out.keyBytes.equals(Buffer.from(PRIVATE_KEYS.pkcs8))).to.equal(true);
    });

    it('does not change its input, and passes numbers, booleans and null through', function () {
      // Given an object with a secret and plain values
      const input = { password: 'p', port: 104, tls: true, alert: null, note: undefined };

      // When redacted
      const out = redact(input);

      // Then the input is unchanged and the plain values are copied as they were
      expect(input.password).to.equal('p');
      expect(out).to.deep.equal({ password: REDACTED, port: 104, tls: true, alert: null, note: undefined });
    });
  });
});
