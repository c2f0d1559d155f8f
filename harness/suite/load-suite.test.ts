/**
 * Bad input → one clear, located message (file:line:column, field path, what was expected), as
 * InputError (exit code 64). Every file under fixtures/{suites,targets}/invalid/ has a row below;
 * the expected line and column were read off the fixture file, not copied from the output.
 */
import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { formatProblem, InputError, type InputProblem } from '../core/errors.ts';
import { FIXTURES_DIR, REFERENCE_TARGETS_DIR, SUITES_DIR } from '../paths.ts';
import { renderSchemas } from './json-schemas.ts';
import { loadAllSuites, loadSuite } from './load-suite.ts';
import { loadTarget } from './load-target.ts';
import { LEVELS, PROBE_IDS } from './schema.ts';
import { validateFiles } from './validate-file.ts';

const INVALID_SUITES_DIR = join(FIXTURES_DIR, 'suites', 'invalid');
const INVALID_TARGETS_DIR = join(FIXTURES_DIR, 'targets', 'invalid');
const SCHEMA_LINE = '# yaml-language-server: $schema=';

interface Expected {
  line: number;
  /** Omitted where the YAML library, not part15, decides the column of a syntax error. */
  column?: number;
  /** Exact formatted field path ('' for a YAML syntax error). */
  path: string;
  /** Fragments the message must contain: what was found and what was expected. */
  messageIncludes: string[];
}

/** file name → every problem expected in it (exactly these, in this order). */
const INVALID_SUITES: Record<string, Expected[]> = {
  // --- malformed YAML
  'yaml-bad-indentation.suite.yaml': [{ line: 16, path: '', messageIncludes: ['malformed YAML', 'same column'] }],
  'yaml-unclosed-flow-mapping.suite.yaml': [{ line: 12, column: 18, path: '', messageIncludes: ['malformed YAML', 'end with a }'] }],
  'yaml-duplicate-key.suite.yaml': [{ line: 12, column: 5, path: '', messageIncludes: ['malformed YAML', 'keys must be unique'] }],
  'yaml-tab-indentation.suite.yaml': [{ line: 6, path: '', messageIncludes: ['malformed YAML', 'Tabs are not allowed'] }],
  // --- unknown probe / expectation
  'unknown-probe.suite.yaml': [
    { line: 15, column: 16, path: 'checks[0].steps[0].probe', messageIncludes: ['unknown probe "tls.hanshake"', `expected one of ${PROBE_IDS.map((p) => `"${p}"`).join(', ')}`] },
  ],
  'unknown-expectation.suite.yaml': [
    { line: 18, column: 13, path: 'checks[0].expect.that', messageIncludes: ['unknown expectation "tls-accepted"', '"tls-established"', '"no-cleartext-dicom"'] },
  ],
  // --- wrong parameter type, unknown parameter
  'wrong-type-timeout.suite.yaml': [
    { line: 18, column: 22, path: 'checks[0].steps[0].params.timeoutMs', messageIncludes: ['expected number', 'found "fast"'] },
  ],
  'wrong-type-echo.suite.yaml': [{ line: 17, column: 17, path: 'checks[0].steps[0].params.echo', messageIncludes: ['expected boolean', 'found "yes"'] }],
  'unknown-param-field.suite.yaml': [{ line: 18, column: 11, path: 'checks[0].steps[0].params', messageIncludes: ["unknown field 'minVersoin'"] }],
  // --- bad enum values
  'bad-enum-level.suite.yaml': [
    { line: 13, column: 14, path: 'checks[0].requirement.level', messageIncludes: ['expected one of "shall", "should", "may"', 'found "must"'] },
  ],
  'bad-enum-min-version.suite.yaml': [
    {
      line: 16,
      column: 31,
      path: 'checks[0].steps[0].params.minVersion',
      messageIncludes: ['expected one of "TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"', 'found "TLSv1.4"'],
    },
  ],
  'bad-enum-client-certificate.suite.yaml': [
    { line: 17, column: 30, path: 'checks[0].steps[0].params.clientCertificate', messageIncludes: ['expected one of "none", "valid"', '"wrong-eku"', 'found "stolen"'] },
  ],
  // --- cross-field rules
  'duplicate-check-id.suite.yaml': [
    { line: 19, column: 9, path: 'checks[1].id', messageIncludes: ['duplicate check id "tls12-accepted"', 'first used by checks[0]'] },
  ],
  'duplicate-step-name.suite.yaml': [{ line: 17, column: 13, path: 'checks[0].steps[1].as', messageIncludes: ['duplicate step name "hello"'] }],
  'unknown-catalogue-id.suite.yaml': [
    { line: 12, column: 65, path: 'checks[0].requirement.catalogueId', messageIncludes: ['unknown catalogueId "B12-99"', 'PART15-CATALOGUE.md'] },
  ],
  'malformed-catalogue-id.suite.yaml': [
    { line: 15, column: 20, path: 'checks[0].requirement.catalogueId', messageIncludes: ['catalogueId must look like B12-04'] },
  ],
  'expect-missing-step.suite.yaml': [
    { line: 19, column: 13, path: 'checks[0].expect.step', messageIncludes: ['no step named "helo"', 'expected one of "hello"'] },
  ],
  'expect-wrong-probe-kind.suite.yaml': [
    { line: 19, column: 13, path: 'checks[0].expect.step', messageIncludes: ['"association-accepted" reads a dimse.associate step', '"hello" is tls.handshake'] },
  ],
  'min-version-above-max.suite.yaml': [
    { line: 17, column: 23, path: 'checks[0].steps[0].params.minVersion', messageIncludes: ['minVersion TLSv1.3 is above maxVersion TLSv1.2'] },
  ],
  'file-name-mismatch.suite.yaml': [{ line: 3, column: 5, path: 'id', messageIncludes: ['must equal the file name', '"file-name-mismatch"'] }],
  // --- shape
  'non-kebab-check-id.suite.yaml': [{ line: 10, column: 9, path: 'checks[0].id', messageIncludes: ['check id must be kebab-case'] }],
  // A missing field is located at the mapping that should hold it (the check, which starts at `id:`).
  'missing-requirement.suite.yaml': [{ line: 10, column: 5, path: 'checks[0].requirement', messageIncludes: ['missing', 'expected object'] }],
  'empty-checks.suite.yaml': [{ line: 9, column: 9, path: 'checks', messageIncludes: ['at least 1 item'] }],
  'edition-malformed.suite.yaml': [{ line: 7, column: 12, path: 'profile.edition', messageIncludes: ['edition must look like 2025e'] }],
};

const INVALID_TARGETS: Record<string, Expected[]> = {
  'yaml-unclosed-quote.target.yaml': [{ line: 5, column: 14, path: '', messageIncludes: ['malformed YAML', 'Missing closing "quote'] }],
  'external-missing-port.target.yaml': [{ line: 9, column: 5, path: 'endpoints.dimseTls.port', messageIncludes: ['missing', 'expected number'] }],
  'external-port-out-of-range.target.yaml': [
    { line: 8, column: 21, path: 'endpoints.dimseTls.port', messageIncludes: ['<=65535', 'found number 70000'] },
  ],
  'container-port-out-of-range.target.yaml': [{ line: 11, column: 11, path: 'endpoints.dimseTls.port', messageIncludes: ['<=65535'] }],
  'unknown-kind.target.yaml': [{ line: 3, column: 7, path: 'kind', messageIncludes: ['unknown kind "docker"', 'expected one of "container", "external"'] }],
  // No `kind:` at all: located at the document (line 3 is its first key).
  'missing-kind.target.yaml': [{ line: 3, column: 1, path: 'kind', messageIncludes: ['missing kind', 'expected one of "container", "external"'] }],
  'no-endpoints.target.yaml': [{ line: 7, column: 12, path: 'endpoints', messageIncludes: ['declare at least one endpoint'] }],
  'unknown-template.target.yaml': [
    { line: 10, column: 5, path: 'command[2]', messageIncludes: ['unknown template {{pki.nope}}', 'expected one of', '{{pki.caCert}}'] },
  ],
  'template-undeclared-endpoint.target.yaml': [
    { line: 9, column: 12, path: 'ready.command', messageIncludes: ['{{ports.dimse}} names an endpoint this target does not declare'] },
  ],
  // Every problem is reported at once.
  'external-pki-file-not-found.target.yaml': [
    { line: 10, column: 11, path: 'pki.caCert', messageIncludes: ['file not found', 'pki/ca.pem'] },
    { line: 11, column: 15, path: 'pki.clientCert', messageIncludes: ['file not found', 'pki/client.pem'] },
    { line: 12, column: 14, path: 'pki.clientKey', messageIncludes: ['file not found', 'pki/client-key.pem'] },
  ],
  'build-folder-not-found.target.yaml': [{ line: 8, column: 10, path: 'image.build', messageIncludes: ['folder not found', 'no-such-folder'] }],
  'audit-bad-trigger.target.yaml': [{ line: 11, column: 13, path: 'audit.triggers.store[0]', messageIncludes: ['DCM EventID such as 110104'] }],
  'audit-template-without-audit.target.yaml': [{ line: 7, column: 56, path: 'command[4]', messageIncludes: ['{{audit.tlsPort}} needs an audit: block'] }],
  'ae-title-too-long.target.yaml': [
    { line: 6, column: 16, path: 'calledAeTitle', messageIncludes: ['<=16 characters', 'found "PACS-UNDER-TEST-0001"'] },
  ],
};

const yamlFilesIn = (dir: string, suffix: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith(suffix))
    .sort();

function problemsOf(file: string): InputProblem[] {
  const { problems, valid } = validateFiles([file]);
  expect(valid, `${file} must not be valid`).to.deep.equal([]);
  return problems;
}

function assertProblems(file: string, problems: InputProblem[], expected: Expected[]) {
  const all = problems.map(formatProblem).join('\n');
  expect(problems, `problems of ${file}:\n${all}`).to.have.length(expected.length);
  expected.forEach((want, i) => {
    const got = problems[i]!;
    const shown = formatProblem(got);
    expect(got.file, shown).to.equal(file);
    expect(got.path, shown).to.equal(want.path);
    expect(got.line, shown).to.equal(want.line);
    expect(got.column, shown).to.be.a('number');
    if (want.column !== undefined) expect(got.column, shown).to.equal(want.column);
    for (const fragment of want.messageIncludes) expect(got.message, shown).to.include(fragment);
    expect(shown.startsWith(`${file}:${want.line}:${got.column}: `), shown).to.equal(true);
    if (want.path) expect(shown).to.include(`: ${want.path}: `);
    expect(shown, 'one line, no stack trace').not.to.include('\n');
  });
}

/** The InputError the loader throws (never another kind of error). */
function inputErrorOf(load: () => unknown): InputError {
  try {
    load();
  } catch (e) {
    expect(e, String(e)).to.be.instanceOf(InputError);
    return e as InputError;
  }
  throw new Error('expected an InputError, but the file loaded');
}

describe('suite and target files: bad input gives one located, clear message', () => {
  describe('fixtures/suites/invalid', () => {
    for (const [name, expected] of Object.entries(INVALID_SUITES)) {
      it(name, () => {
        const file = join(INVALID_SUITES_DIR, name);
        assertProblems(file, problemsOf(file), expected);
        const err = inputErrorOf(() => loadSuite(file));
        expect(err.code).to.equal('ERR_INPUT_INVALID');
        expect(err.message).to.equal(err.problems.map(formatProblem).join('\n'));
      });
    }
  });

  describe('fixtures/targets/invalid', () => {
    for (const [name, expected] of Object.entries(INVALID_TARGETS)) {
      it(name, () => {
        const file = join(INVALID_TARGETS_DIR, name);
        assertProblems(file, problemsOf(file), expected);
        const err = inputErrorOf(() => loadTarget(file));
        expect(err.code).to.equal('ERR_INPUT_INVALID');
      });
    }
  });

  it('has a table row for every invalid fixture file, and a file for every row', () => {
    expect(yamlFilesIn(INVALID_SUITES_DIR, '.yaml')).to.deep.equal(Object.keys(INVALID_SUITES).sort());
    expect(yamlFilesIn(INVALID_TARGETS_DIR, '.yaml')).to.deep.equal(Object.keys(INVALID_TARGETS).sort());
  });

  it('covers at least 20 invalid files (at least 16 suites and 8 targets)', () => {
    const suites = yamlFilesIn(INVALID_SUITES_DIR, '.suite.yaml').length;
    const targets = yamlFilesIn(INVALID_TARGETS_DIR, '.target.yaml').length;
    expect(suites).to.be.at.least(16);
    expect(targets).to.be.at.least(8);
    expect(suites + targets).to.be.at.least(20);
  });

  it('names the file in the id of every invalid suite except the file-name case', () => {
    for (const name of yamlFilesIn(INVALID_SUITES_DIR, '.suite.yaml')) {
      const id = /^id: (\S+)$/m.exec(readFileSync(join(INVALID_SUITES_DIR, name), 'utf8'))?.[1];
      if (name === 'file-name-mismatch.suite.yaml') expect(id).to.not.equal('file-name-mismatch');
      else expect(`${id}.suite.yaml`, name).to.equal(name);
    }
  });

  describe('messages say what was expected', () => {
    const only = (dir: string, name: string) => {
      const problems = problemsOf(join(dir, name));
      expect(problems).to.have.length(1);
      return problems[0]!.message;
    };
    it('an unknown probe lists the known probes', () => {
      const message = only(INVALID_SUITES_DIR, 'unknown-probe.suite.yaml');
      for (const probe of PROBE_IDS) expect(message).to.include(`"${probe}"`);
    });
    it('a bad enum value lists the allowed values', () => {
      const message = only(INVALID_SUITES_DIR, 'bad-enum-level.suite.yaml');
      for (const level of LEVELS) expect(message).to.include(`"${level}"`);
    });
    it('a missing required field says "missing"', () => {
      expect(only(INVALID_SUITES_DIR, 'missing-requirement.suite.yaml')).to.match(/^missing; expected object/);
      expect(only(INVALID_TARGETS_DIR, 'external-missing-port.target.yaml')).to.match(/^missing; expected number/);
    });
    it('a duplicate check id names its first use', () => {
      expect(only(INVALID_SUITES_DIR, 'duplicate-check-id.suite.yaml')).to.include('first used by checks[0]');
    });
    it('an unknown catalogueId says where the known ids are', () => {
      expect(only(INVALID_SUITES_DIR, 'unknown-catalogue-id.suite.yaml')).to.include('suites/catalogue.json');
    });
  });
});

describe('valid suite and target files', () => {
  const suiteFiles = yamlFilesIn(SUITES_DIR, '.suite.yaml');

  it('there is at least one suite under suites/', () => {
    expect(suiteFiles).to.not.be.empty;
  });

  for (const name of suiteFiles) {
    it(`suites/${name} loads`, () => {
      const file = join(SUITES_DIR, name);
      expect(validateFiles([file]).problems.map(formatProblem)).to.deep.equal([]);
      const suite = loadSuite(file);
      expect(`${suite.id}.suite.yaml`).to.equal(name);
      expect(suite.checks).to.not.be.empty;
    });
  }

  it('loadAllSuites() loads every suite under suites/', () => {
    expect(loadAllSuites().map((s) => `${s.id}.suite.yaml`)).to.deep.equal(suiteFiles);
  });

  const AUDIT_VARIANTS_DIR = join(REFERENCE_TARGETS_DIR, 'audit-variants');
  const bundledTargets = [...yamlFilesIn(REFERENCE_TARGETS_DIR, '.target.yaml'), ...yamlFilesIn(AUDIT_VARIANTS_DIR, '.target.yaml').map((f) => `audit-variants/${f}`)];
  for (const path of bundledTargets) {
    const name = path.split('/').pop()!;
    it(`fixtures/targets/${path} loads`, () => {
      const file = join(REFERENCE_TARGETS_DIR, path);
      expect(validateFiles([file]).problems.map(formatProblem)).to.deep.equal([]);
      const target = loadTarget(file);
      expect(`${target.name}.target.yaml`).to.equal(name);
    });
  }

  it('every suite file starts with the yaml-language-server $schema line, pointing at suite.schema.json', () => {
    const files = [
      ...suiteFiles.map((f) => join(SUITES_DIR, f)),
      ...yamlFilesIn(INVALID_SUITES_DIR, '.suite.yaml').map((f) => join(INVALID_SUITES_DIR, f)),
    ];
    for (const file of files) {
      const first = readFileSync(file, 'utf8').split('\n', 1)[0]!;
      expect(first.startsWith(SCHEMA_LINE), file).to.equal(true);
      expect(resolve(dirname(file), first.slice(SCHEMA_LINE.length)), file).to.equal(join(SUITES_DIR, 'suite.schema.json'));
    }
  });

  it('every target file starts with the yaml-language-server $schema line, pointing at target.schema.json', () => {
    const files = [
      ...bundledTargets.map((f) => join(REFERENCE_TARGETS_DIR, f)),
      ...yamlFilesIn(INVALID_TARGETS_DIR, '.target.yaml').map((f) => join(INVALID_TARGETS_DIR, f)),
    ];
    for (const file of files) {
      const first = readFileSync(file, 'utf8').split('\n', 1)[0]!;
      expect(first.startsWith(SCHEMA_LINE), file).to.equal(true);
      expect(resolve(dirname(file), first.slice(SCHEMA_LINE.length)), file).to.equal(join(SUITES_DIR, 'target.schema.json'));
    }
  });

  it('every invalid fixture says on line 2 what is wrong in it', () => {
    for (const dir of [INVALID_SUITES_DIR, INVALID_TARGETS_DIR]) {
      for (const name of yamlFilesIn(dir, '.yaml')) {
        expect(readFileSync(join(dir, name), 'utf8').split('\n')[1], name).to.match(/^# \S.{10,}/);
      }
    }
  });
});

describe('JSON Schemas', () => {
  for (const [name, text] of Object.entries(renderSchemas())) {
    it(`suites/${name} is up to date with schema.ts`, () => {
      const committed = readFileSync(join(SUITES_DIR, name), 'utf8');
      expect(committed === text, `suites/${name} is stale: run npm run schema`).to.equal(true);
    });
  }
});
