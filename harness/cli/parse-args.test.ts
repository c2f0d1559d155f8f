import { expect } from 'chai';
import { UsageError } from '../core/errors.ts';
import { hostPort, parseCommandLine } from './parse-args.ts';

/** Runs the parser and returns the UsageError it must throw. */
function usageError(argv: string[]): UsageError {
  try {
    parseCommandLine(argv);
  } catch (e) {
    expect(e, argv.join(' ')).to.be.instanceOf(UsageError);
    expect((e as UsageError).code).to.equal('ERR_USAGE');
    return e as UsageError;
  }
  throw new Error(`expected a UsageError for: ${argv.join(' ')}`);
}

const ENDPOINT = ['--dimse-tls', '127.0.0.1:2762', '--called-ae', 'STORESCP'];

describe('parseCommandLine', function () {
  describe('usage errors (UsageError, exit 64, with a message that says what to do)', function () {
    const TABLE: Array<{ name: string; argv: string[]; says: string[] }> = [
      { name: 'unknown command', argv: ['frobnicate'], says: ['unknown command "frobnicate"', 'run', 'validate'] },
      { name: 'unknown option', argv: ['run', '--bogus', ...ENDPOINT], says: ["'--bogus'"] },
      { name: 'option without its value', argv: ['run', '--dimse-tls'], says: ['--dimse-tls', 'missing'] },
      { name: 'positional argument where none is taken', argv: ['list', 'extra'], says: ["'extra'"] },
      { name: 'validate without a file', argv: ['validate'], says: ['at least one file'] },
      { name: 'run with neither a target file nor an endpoint', argv: ['run'], says: ['--target FILE', '--dimse-tls HOST:PORT'] },
      { name: '--target plus --dimse-tls', argv: ['run', '--target', 'node.target.yaml', '--dimse-tls', '127.0.0.1:2762'], says: ['--target cannot be combined with --dimse-tls'] },
      { name: '--target plus --called-ae', argv: ['run', '--target', 'node.target.yaml', '--called-ae', 'X'], says: ['--target cannot be combined with --called-ae'] },
      { name: 'missing --called-ae', argv: ['run', '--dimse-tls', '127.0.0.1:2762'], says: ['--called-ae is required'] },
      { name: '--called-ae longer than 16', argv: ['run', '--dimse-tls', '127.0.0.1:2762', '--called-ae', 'A_VERY_LONG_AE_TITLE'], says: ['--called-ae', '1-16'] },
      { name: '--called-ae with a backslash', argv: ['run', '--dimse-tls', '127.0.0.1:2762', '--called-ae', 'A\\B'], says: ['--called-ae', 'backslash'] },
      { name: '--ca without --client-key', argv: ['run', ...ENDPOINT, '--ca', 'ca.pem', '--client-cert', 'client.pem'], says: ['--ca, --client-cert and --client-key go together'] },
      { name: '--client-key alone', argv: ['run', ...ENDPOINT, '--client-key', 'client.key'], says: ['go together'] },
      { name: '--ca-key without --ca', argv: ['run', ...ENDPOINT, '--ca-key', 'ca.key'], says: ['--ca-key needs --ca'] },
      { name: 'HOST:PORT without a port', argv: ['run', '--dimse-tls', '127.0.0.1', '--called-ae', 'X'], says: ['--dimse-tls must be HOST:PORT', '"127.0.0.1"'] },
      { name: 'HOST:PORT with port 70000', argv: ['run', '--dimse-tls', '127.0.0.1:70000', '--called-ae', 'X'], says: ['--dimse-tls', 'port 70000 is out of range 1-65535'] },
      { name: 'HOST:PORT with port 0', argv: ['run', '--dimse', '127.0.0.1:0', '--called-ae', 'X'], says: ['--dimse', 'port 0 is out of range'] },
      { name: 'a bare host name', argv: ['run', '--dimse', 'localhost', '--called-ae', 'X'], says: ['--dimse must be HOST:PORT', '"localhost"'] },
      { name: 'a port without a host', argv: ['run', '--dimse-tls', ':2762', '--called-ae', 'X'], says: ['must be HOST:PORT'] },
      { name: 'an IPv6 address without brackets', argv: ['run', '--dimse-tls', '::1:2762', '--called-ae', 'X'], says: ['[::1]:2762'] },
      { name: '--dicomweb that is not a URL', argv: ['run', '--dicomweb', 'not a url', '--called-ae', 'X'], says: ['--dicomweb must be a URL', '"not a url"'] },
      { name: '--dicomweb with another scheme', argv: ['run', '--dicomweb', 'ftp://127.0.0.1/dicom-web', '--called-ae', 'X'], says: ['--dicomweb must be an http: or https: URL'] },
      { name: '--max-connections 0', argv: ['run', ...ENDPOINT, '--max-connections', '0'], says: ['--max-connections must be a whole number from 1 to 16', '"0"'] },
      { name: '--max-connections 17', argv: ['run', ...ENDPOINT, '--max-connections', '17'], says: ['from 1 to 16'] },
      { name: '--max-connections 2.5', argv: ['run', ...ENDPOINT, '--max-connections', '2.5'], says: ['whole number'] },
      { name: '--max-connections many', argv: ['run', ...ENDPOINT, '--max-connections', 'many'], says: ['"many"'] },
    ];

    for (const row of TABLE) {
      it(`${row.name}: ${row.argv.join(' ')}`, function () {
        // Given a command line the harness does not accept
        // When parsed
        const e = usageError(row.argv);

        // Then the message says what is wrong and how to write it
        for (const fragment of row.says) expect(e.message).to.include(fragment);
      });
    }
  });

  describe('commands', function () {
    it('help, version, list, validate, demo', function () {
      // Given the non-run commands
      // Then each parses to its typed command
      expect(parseCommandLine([])).to.deep.equal({ name: 'help' });
      expect(parseCommandLine(['--help'])).to.deep.equal({ name: 'help' });
      expect(parseCommandLine(['-h'])).to.deep.equal({ name: 'help' });
      expect(parseCommandLine(['--version'])).to.deep.equal({ name: 'version' });
      expect(parseCommandLine(['list'])).to.deep.equal({ name: 'list', json: false });
      expect(parseCommandLine(['list', '--json'])).to.deep.equal({ name: 'list', json: true });
      expect(parseCommandLine(['validate', 'a.suite.yaml', 'b.target.yaml'])).to.deep.equal({ name: 'validate', files: ['a.suite.yaml', 'b.target.yaml'] });
      expect(parseCommandLine(['demo', '--report-dir', 'out'])).to.deep.equal({ name: 'demo', reportDir: 'out' });
      expect(parseCommandLine(['demo'])).to.deep.equal({ name: 'demo' });
    });

    it('run with a target file', function () {
      // Given a target file, suites and a report folder
      const cmd = parseCommandLine(['run', '--target', 'fixtures/targets/dcmtk-bcp195.target.yaml', '--suite', 'b12-bcp195-rfc8996-9325', '--report-dir', 'reports/x']);

      // Then
      expect(cmd).to.deep.equal({
        name: 'run',
        targetFile: 'fixtures/targets/dcmtk-bcp195.target.yaml',
        suites: ['b12-bcp195-rfc8996-9325'],
        reportDir: 'reports/x',
      });
    });

    it('a full external command parses into the expected object', function () {
      // Given every external-node option
      const argv = [
        'run',
        '--name', 'hospital-pacs',
        '--dimse-tls', 'pacs.example.test:2762',
        '--dimse', '10.0.0.5:104',
        '--dicomweb', 'https://pacs.example.test:8443/dicom-web',
        '--called-ae', 'PACS01',
        '--ca', 'pki/ca.pem',
        '--client-cert', 'pki/client.pem',
        '--client-key', 'pki/client.key',
        '--ca-key', 'pki/ca.key',
        '--suite', 'b12-bcp195-rfc8996-9325,user-identity',
        '--report-dir', 'reports/pacs',
        '--max-connections', '4',
      ];

      // When parsed
      const cmd = parseCommandLine(argv);

      // Then every value lands where the runner reads it
      expect(cmd).to.deep.equal({
        name: 'run',
        external: {
          name: 'hospital-pacs',
          calledAe: 'PACS01',
          dimseTls: { host: 'pacs.example.test', port: 2762 },
          dimse: { host: '10.0.0.5', port: 104 },
          dicomweb: 'https://pacs.example.test:8443/dicom-web',
          ca: 'pki/ca.pem',
          clientCert: 'pki/client.pem',
          clientKey: 'pki/client.key',
          caKey: 'pki/ca.key',
        },
        suites: ['b12-bcp195-rfc8996-9325', 'user-identity'],
        reportDir: 'reports/pacs',
        maxConnections: 4,
      });
    });

    it('a minimal external command gets the default name and nothing else', function () {
      // Given only an endpoint and the called AE title
      const cmd = parseCommandLine(['run', ...ENDPOINT]);

      // Then optional parts are absent, not undefined-valued
      expect(cmd).to.deep.equal({ name: 'run', external: { name: 'external-node', calledAe: 'STORESCP', dimseTls: { host: '127.0.0.1', port: 2762 } } });
    });

    it('--suite a,b splits, trimming blanks and dropping empty entries', function () {
      // Given a comma list with spaces and an empty item
      const plain = parseCommandLine(['run', '--target', 't.target.yaml', '--suite', 'a,b']);
      const messy = parseCommandLine(['run', '--target', 't.target.yaml', '--suite', ' a , ,b ']);

      // Then both are [a, b]
      expect(plain).to.deep.include({ suites: ['a', 'b'] });
      expect(messy).to.deep.include({ suites: ['a', 'b'] });
    });
  });
});

describe('hostPort', function () {
  const TABLE = [
    { value: '127.0.0.1:2762', host: '127.0.0.1', port: 2762 },
    { value: '[::1]:2762', host: '::1', port: 2762 },
    { value: '[fe80::1]:11112', host: 'fe80::1', port: 11112 },
    { value: 'pacs.example.test:104', host: 'pacs.example.test', port: 104 },
    { value: 'h:65535', host: 'h', port: 65535 },
    { value: 'h:1', host: 'h', port: 1 },
  ];
  for (const row of TABLE) {
    it(`${row.value} → ${row.host} port ${row.port}`, function () {
      // Given a HOST:PORT value
      // Then host (brackets removed) and port are split out
      expect(hostPort('--dimse-tls', row.value)).to.deep.equal({ host: row.host, port: row.port });
    });
  }

  it('names the flag in its error', function () {
    // Given a bad value for --dimse
    // Then the error names --dimse, not another flag
    expect(() => hostPort('--dimse', 'nope')).to.throw(UsageError, '--dimse must be HOST:PORT');
  });
});
