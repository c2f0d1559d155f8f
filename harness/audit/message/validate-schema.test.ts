import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AUDIT_SCHEMA_RNG, validateAuditSchema } from './validate-schema.ts';
import { fixture, MESSAGE_SOURCE_DIR, requireXmllint } from './test-support.ts';

const CONFORMANT = ['application-activity-110100.xml', 'instances-transferred-110104.xml', 'query-110112.xml', 'security-alert-110113.xml', 'user-authentication-110114.xml'];

describe('A.5.1.1 schema validation with xmllint (catalogue AUD-FMT-02)', function () {
  beforeEach(function () {
    requireXmllint(this);
  });

  for (const name of CONFORMANT) {
    it(`finds ${name} valid`, async function () {
      expect(await validateAuditSchema(fixture(name))).to.deep.equal({ kind: 'valid' });
    });
  }

  it('reports each schema error as "line N: …", without file names', async function () {
    const r = await validateAuditSchema(fixture('broken-aud-fmt-02-schema.xml'));
    expect(r).to.deep.equal({ kind: 'invalid', problems: ['line 13: element ParticipantObjectIdentification: Did not expect element ParticipantObjectIdentification there'] });
  });

  it('takes bytes as received', async function () {
    expect(await validateAuditSchema(Buffer.from(fixture('query-110112.xml'), 'utf8'))).to.deep.equal({ kind: 'valid' });
  });

  it('rejects the RFC 3881 spelling of coded values (code= instead of csd-code=)', async function () {
    const r = await validateAuditSchema(fixture('broken-aud-fmt-05-legacy-rfc3881.xml'));
    expect(r.kind).to.equal('invalid');
    expect(r.kind === 'invalid' && r.problems[0]).to.equal('line 5: element EventID: Element EventID failed to validate attributes');
  });

  it('reports XML that is not well-formed as invalid, with the parser\'s line', async function () {
    const r = await validateAuditSchema('<AuditMessage>\n<EventIdentification>\n</AuditMessage>');
    expect(r.kind).to.equal('invalid');
    expect(r.kind === 'invalid' && r.problems[0]).to.match(/^line 3: not well-formed: Opening and ending tag mismatch/);
  });

  it('refuses a DOCTYPE before xmllint is even started', async function () {
    // A missing xmllint would make the answer 'unavailable': 'invalid' shows it never ran.
    const r = await validateAuditSchema(fixture('broken-aud-fmt-01-doctype-entities.xml'), { xmllint: '/nonexistent/xmllint' });
    expect(r).to.deep.equal({ kind: 'invalid', problems: ['line 3: a DOCTYPE is refused (not validated, entities never expanded): PS3.15 A.5 messages have no DTD'] });
  });

  it('the committed audit-message.rng is what regenerate.sh makes from audit-message.rnc', function () {
    if (spawnSync('trang', []).error) this.skip(); // trang is a build-time tool only
    const dir = mkdtempSync(join(tmpdir(), 'part15-rng-'));
    try {
      const rnc = readFileSync(join(MESSAGE_SOURCE_DIR, 'schema', 'audit-message.rnc'), 'utf8');
      writeFileSync(join(dir, 'audit-message.rnc'), rnc.replaceAll('##', '#'));
      const run = spawnSync('trang', ['-I', 'rnc', '-O', 'rng', join(dir, 'audit-message.rnc'), join(dir, 'audit-message.rng')], { encoding: 'utf8' });
      expect(run.status, run.stderr).to.equal(0);
      expect(readFileSync(join(dir, 'audit-message.rng'), 'utf8')).to.equal(readFileSync(AUDIT_SCHEMA_RNG, 'utf8'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('A.5.1.1 schema validation without a validator', function () {
  it('is unavailable, never valid, when xmllint is missing', async function () {
    const r = await validateAuditSchema(fixture('query-110112.xml'), { xmllint: '/nonexistent/xmllint' });
    expect(r).to.deep.equal({ kind: 'unavailable', reason: 'xmllint not found (/nonexistent/xmllint; Debian package libxml2-utils)' });
  });

  it('is unavailable when the schema cannot be read', async function () {
    requireXmllint(this);
    const r = await validateAuditSchema(fixture('query-110112.xml'), { schema: join(tmpdir(), 'part15-no-such-schema.rng') });
    expect(r.kind).to.equal('unavailable');
    expect(r.kind === 'unavailable' && r.reason).to.match(/^xmllint exited with status 5: .*failed to compile/);
  });

  it('is unavailable when xmllint does not answer in time', async function () {
    const dir = mkdtempSync(join(tmpdir(), 'part15-xmllint-'));
    try {
      const slow = join(dir, 'xmllint');
      writeFileSync(slow, '#!/bin/sh\nexec sleep 5\n');
      chmodSync(slow, 0o755);
      const started = Date.now();
      const r = await validateAuditSchema(fixture('query-110112.xml'), { xmllint: slow, timeoutMs: 200 });
      expect(r).to.deep.equal({ kind: 'unavailable', reason: 'xmllint did not finish within 200 ms' });
      expect(Date.now() - started).to.be.below(2000);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
