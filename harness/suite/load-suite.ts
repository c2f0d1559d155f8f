/**
 * suites/*.suite.yaml → typed, validated Suite. Every problem is reported at once, each with
 * file, line, column, field path and what was expected (InputError, exit code 64).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { InputError, type InputProblem } from '../core/errors.ts';
import { CATALOGUE_FILE, SUITES_DIR } from '../paths.ts';
import { problemsFromZod, readYamlFile, formatPath, type YamlSource, type FieldPath } from './read-yaml-file.ts';
import { SuiteFile, type Check, type DimseAssociateParams, type Expectation, type Step } from './schema.ts';
import { parseSuiteRef } from '../probes/tls/hello/cipher-suites.ts';

export interface Suite extends SuiteFile {
  sourceFile: string;
}

let catalogueIds: Set<string> | undefined;
export function knownCatalogueIds(): Set<string> {
  catalogueIds ??= new Set((JSON.parse(readFileSync(CATALOGUE_FILE, 'utf8')) as { ids: string[] }).ids);
  return catalogueIds;
}

export function loadSuite(file: string): Suite {
  const source = readYamlFile(file);
  const parsed = SuiteFile.safeParse(source.data);
  if (!parsed.success) throw new InputError(problemsFromZod(source, parsed.error.issues));
  const problems = crossFieldProblems(source, parsed.data);
  if (!basename(file).endsWith('.suite.yaml')) {
    problems.push({ file, path: '', message: 'a suite file name must end in .suite.yaml' });
  } else if (basename(file) !== `${parsed.data.id}.suite.yaml`) {
    problems.push({ file, ...source.locate(['id']), path: 'id', message: `must equal the file name without .suite.yaml ("${basename(file, '.suite.yaml')}")` });
  }
  if (problems.length > 0) throw new InputError(problems);
  return { ...parsed.data, sourceFile: file };
}

/** Every suite under suites/ (or `dir`), sorted by id. Problems of all files are reported together. */
export function loadAllSuites(dir: string = SUITES_DIR): Suite[] {
  const files = readdirSync(dir).filter((f) => f.endsWith('.suite.yaml')).sort();
  const suites: Suite[] = [];
  const problems: InputProblem[] = [];
  for (const f of files) {
    try {
      suites.push(loadSuite(join(dir, f)));
    } catch (e) {
      if (e instanceof InputError) problems.push(...e.problems);
      else throw e;
    }
  }
  if (problems.length > 0) throw new InputError(problems);
  return suites;
}

/** Which probe each expectation reads, so a reference to a step of the wrong kind is caught at load. */
const PROBE_READ_BY: Record<Expectation['that'], Step['probe']> = {
  'tls-established': 'tls.handshake',
  'tls-rejected': 'tls.handshake',
  'tls-version-preferred': 'tls.handshake',
  'tls-server-key-strength': 'tls.handshake',
  'tls-server-signature-hashes': 'tls.handshake',
  'tls-server-certificate-usable': 'tls.handshake',
  'hello-accepted': 'tls.hello',
  'hello-refused': 'tls.hello',
  'hello-suite-chosen': 'tls.hello',
  'hello-extension': 'tls.hello',
  'hello-downgrade-sentinel': 'tls.hello',
  'hello-dhe-min-bits': 'tls.hello',
  'hello-ecdhe-min-bits': 'tls.hello',
  'hello-no-compression': 'tls.hello',
  'dropped-within': 'tls.stall',
  'close-notify-after-release': 'dimse.release-close',
  'association-accepted': 'dimse.associate',
  'association-refused': 'dimse.associate',
  'association-rejected': 'dimse.associate',
  'operation-denied': 'dimse.associate',
  'no-plain-dicom': 'dimse.associate',
  'identity-accepted': 'dimse.user-identity',
  'identity-response': 'dimse.user-identity',
  'identity-rejected': 'dimse.user-identity',
  'identity-rejection-encoding': 'dimse.user-identity',
  'malformed-identity-refused': 'dimse.user-identity',
  'no-cleartext-dicom': 'dimse.associate',
  'audit-event-recorded': 'audit.capture',
  'audit-no-alarm': 'audit.capture',
  'audit-messages-conform': 'audit.capture',
  'audit-transport': 'audit.capture',
  'audit-query-matches': 'audit.capture',
  'web-refused': 'http.request',
  'web-token-refused': 'http.request',
  'web-no-data-in-clear': 'http.request',
  'web-header': 'http.request',
  'web-no-basic-in-clear': 'http.request',
  'web-no-canary-in-errors': 'http.request',
  'web-distinct-ports': 'tls.handshake',
};

function crossFieldProblems(source: YamlSource, suite: SuiteFile): InputProblem[] {
  const problems: InputProblem[] = [];
  const at = (path: FieldPath, message: string) => problems.push({ file: source.file, ...source.locate(path), path: formatPath(path), message });
  const seenChecks = new Map<string, number>();
  const catalogue = knownCatalogueIds();
  suite.checks.forEach((check: Check, i) => {
    const first = seenChecks.get(check.id);
    if (first !== undefined) at(['checks', i, 'id'], `duplicate check id "${check.id}" (first used by checks[${first}])`);
    else seenChecks.set(check.id, i);
    if (!catalogue.has(check.requirement.catalogueId)) {
      at(['checks', i, 'requirement', 'catalogueId'], `unknown catalogueId "${check.requirement.catalogueId}"; expected an id from PART15-CATALOGUE.md (see suites/catalogue.json)`);
    }
    const steps = new Map<string, Step>();
    check.steps.forEach((s, j) => {
      if (steps.has(s.as)) at(['checks', i, 'steps', j, 'as'], `duplicate step name "${s.as}"`);
      steps.set(s.as, s);
      if (s.probe === 'tls.handshake' && versionRank(s.params.minVersion) > versionRank(s.params.maxVersion)) {
        at(['checks', i, 'steps', j, 'params', 'minVersion'], `minVersion ${s.params.minVersion} is above maxVersion ${s.params.maxVersion}`);
      }
      if (s.probe === 'tls.hello') {
        for (const field of ['cipherSuites', 'allTls12SuitesExcept'] as const) {
          (s.params[field] ?? []).forEach((ref, k) => {
            try {
              parseSuiteRef(ref);
            } catch {
              at(['checks', i, 'steps', j, 'params', field, k], `unknown cipher suite "${ref}"; expected an IANA name from harness/probes/tls/hello/cipher-suites.ts or a code point such as 0xC02F`);
            }
          });
        }
      }
      if (s.probe === 'tls.handshake' && s.params.ciphers?.split(':').every((c) => c.startsWith('TLS_')) && s.params.minVersion !== 'TLSv1.3') {
        at(['checks', i, 'steps', j, 'params', 'ciphers'], 'a list of TLS 1.3 suites (TLS_*) alone needs minVersion TLSv1.3; add TLS 1.2 suites or raise minVersion');
      }
    });
    const refs: Array<[string | [string, number], string, Step['probe']]> =
      check.expect.that === 'no-plain-dicom'
        ? [...check.expect.steps.map((name, k): [[string, number], string, Step['probe']] => [['steps', k], name, 'dimse.associate']), ['aliveStep', check.expect.aliveStep, 'dimse.associate']]
        : check.expect.that === 'malformed-identity-refused'
          ? [
              ...check.expect.steps.map((name, k): [[string, number], string, Step['probe']] => [['steps', k], name, 'dimse.user-identity']),
              ['beforeStep', check.expect.beforeStep, 'dimse.user-identity'],
              ['afterStep', check.expect.afterStep, 'dimse.user-identity'],
            ]
          : check.expect.that === 'audit-messages-conform' || check.expect.that === 'audit-transport'
            ? check.expect.steps.map((name, k): [[string, number], string, Step['probe']] => [['steps', k], name, 'audit.capture'])
            : check.expect.that === 'web-refused' || check.expect.that === 'web-no-canary-in-errors' || check.expect.that === 'web-distinct-ports'
            ? check.expect.steps.map((name, k): [[string, number], string, Step['probe']] => [['steps', k], name, PROBE_READ_BY[check.expect.that]])
            : [['step', check.expect.step, PROBE_READ_BY[check.expect.that]]];
    if (check.expect.that === 'operation-denied') {
      const { operation, step: name } = check.expect;
      const step = steps.get(name);
      if (step?.probe === 'dimse.associate' && !stepPerforms(step.params, operation)) {
        at(['checks', i, 'expect', 'operation'], `step "${name}" sends no ${operation.toUpperCase()} request; ${OPERATION_PARAM[operation]}`);
      }
    }
    if (check.expect.that === 'tls-version-preferred') refs.push(['onlyStep', check.expect.onlyStep, 'tls.handshake']);
    if (check.expect.that === 'hello-downgrade-sentinel') refs.push(['supportStep', check.expect.supportStep, 'tls.hello']);
    if (check.expect.that === 'no-cleartext-dicom' && check.expect.tlsStep) refs.push(['tlsStep', check.expect.tlsStep, 'tls.handshake']);
    if (check.expect.that === 'web-no-data-in-clear') refs.push(['aliveStep', check.expect.aliveStep, 'http.request']);
    const x = check.expect;
    if (x.that === 'hello-suite-chosen') {
      x.among.forEach((ref, k) => {
        try {
          parseSuiteRef(ref);
        } catch {
          at(['checks', i, 'expect', 'among', k], `unknown cipher suite "${ref}"; expected an IANA name from harness/probes/tls/hello/cipher-suites.ts or a code point such as 0xC02F`);
        }
      });
    }
    if ((x.that === 'tls-established' || x.that === 'hello-accepted' || x.that === 'hello-suite-chosen') && (x.serverKeyType === undefined) !== (x.keyStep === undefined)) {
      at(['checks', i, 'expect', x.serverKeyType ? 'serverKeyType' : 'keyStep'], 'serverKeyType and keyStep go together');
    }
    if (check.expect.that === 'tls-established' && check.expect.keyStep) refs.push(['keyStep', check.expect.keyStep, 'tls.handshake']);
    if ((check.expect.that === 'hello-accepted' || check.expect.that === 'hello-suite-chosen') && check.expect.keyStep) {
      refs.push(['keyStep', check.expect.keyStep, 'tls.hello']);
    }
    for (const [field, name, probe] of refs) {
      const target = steps.get(name);
      const path = ['checks', i, 'expect', ...(Array.isArray(field) ? field : [field])];
      if (!target) at(path, `no step named "${name}" in this check; expected one of ${[...steps.keys()].map((k) => `"${k}"`).join(', ')}`);
      else if (target.probe !== probe) at(path, `expectation "${check.expect.that}" reads a ${probe} step here, but "${name}" is ${target.probe}`);
    }
  });
  return problems;
}

function versionRank(v: string): number {
  return ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'].indexOf(v);
}

const OPERATION_PARAM: Record<'echo' | 'store' | 'find' | 'move' | 'get', string> = {
  echo: 'expected echo: true on that step',
  store: 'expected storeBytes on that step',
  find: 'expected find: { model: … } on that step',
  move: 'expected retrieve: { operation: move } on that step',
  get: 'expected retrieve: { operation: get } on that step',
};

function stepPerforms(p: DimseAssociateParams, operation: keyof typeof OPERATION_PARAM): boolean {
  switch (operation) {
    case 'echo':
      return p.echo;
    case 'store':
      return p.storeBytes !== undefined;
    case 'find':
      return p.find !== undefined;
    case 'move':
    case 'get':
      return p.retrieve?.operation === operation;
  }
}
