/** Command line → typed command. Anything not understood is a UsageError (exit 64), never a crash. */
import { parseArgs } from 'node:util';
import { UsageError } from '../core/errors.ts';

export interface HostPort {
  host: string;
  port: number;
}

export type Command =
  | { name: 'help' }
  | { name: 'version' }
  | { name: 'list'; json: boolean }
  | { name: 'validate'; files: string[] }
  | { name: 'demo'; reportDir?: string }
  | {
      name: 'run';
      targetFile?: string;
      external?: {
        name: string;
        dimseTls?: HostPort;
        dimse?: HostPort;
        dicomweb?: string;
        calledAe: string;
        /** The calling AE title the node accepts from part15 (its peer list). */
        callingAe?: string;
        ca?: string;
        clientCert?: string;
        clientKey?: string;
        caKey?: string;
      };
      suites?: string[];
      reportDir?: string;
      maxConnections?: number;
      probeTimeoutMs?: number;
      includeSlow?: boolean;
      /** Lab use only: query evidence keeps the values a node returns (patient data on a real node). */
      showValues?: boolean;
    };

export function parseCommandLine(argv: readonly string[]): Command {
  const [command, ...rest] = argv;
  switch (command) {
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      return { name: 'help' };
    case '--version':
    case 'version':
      return { name: 'version' };
    case 'list': {
      const { values } = parse(rest, { json: { type: 'boolean' } }, false);
      return { name: 'list', json: values.json === true };
    }
    case 'validate': {
      const { positionals } = parse(rest, {}, true);
      if (positionals.length === 0) throw new UsageError('validate needs at least one file (*.suite.yaml or *.target.yaml)');
      return { name: 'validate', files: positionals };
    }
    case 'demo': {
      const { values } = parse(rest, { 'report-dir': { type: 'string' } }, false);
      return { name: 'demo', ...(values['report-dir'] ? { reportDir: String(values['report-dir']) } : {}) };
    }
    case 'run':
      return parseRun(rest);
    default:
      throw new UsageError(`unknown command "${command}"; expected run, demo, list, validate or help`);
  }
}

type Options = NonNullable<Parameters<typeof parseArgs>[0]>['options'];

function parse(args: readonly string[], options: NonNullable<Options>, allowPositionals: boolean) {
  try {
    return parseArgs({ args: [...args], options, allowPositionals, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message.replace(/\. To specify a positional argument.*$/s, ''));
  }
}

function parseRun(args: readonly string[]): Command {
  const { values } = parse(
    args,
    {
      target: { type: 'string' },
      'dimse-tls': { type: 'string' },
      dimse: { type: 'string' },
      dicomweb: { type: 'string' },
      'called-ae': { type: 'string' },
      'calling-ae': { type: 'string' },
      ca: { type: 'string' },
      'client-cert': { type: 'string' },
      'client-key': { type: 'string' },
      'ca-key': { type: 'string' },
      name: { type: 'string' },
      suite: { type: 'string' },
      'report-dir': { type: 'string' },
      'max-connections': { type: 'string' },
      'probe-timeout': { type: 'string' },
      'include-slow': { type: 'boolean' },
      'show-values': { type: 'boolean' },
    },
    false,
  );
  const str = (k: string) => (values[k] === undefined ? undefined : String(values[k]));
  const suites = str('suite')
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const maxConnections = str('max-connections') === undefined ? undefined : positiveInt('--max-connections', str('max-connections')!, 16);
  const probeTimeoutMs = str('probe-timeout') === undefined ? undefined : positiveInt('--probe-timeout', str('probe-timeout')!, 120_000);
  if (probeTimeoutMs !== undefined && probeTimeoutMs < 100) throw new UsageError('--probe-timeout is in milliseconds and must be at least 100');
  const common = {
    ...(suites ? { suites } : {}),
    ...(str('report-dir') ? { reportDir: str('report-dir')! } : {}),
    ...(maxConnections ? { maxConnections } : {}),
    ...(probeTimeoutMs ? { probeTimeoutMs } : {}),
    ...(values['include-slow'] === true ? { includeSlow: true } : {}),
    ...(values['show-values'] === true ? { showValues: true } : {}),
  };
  const externalFlags = ['dimse-tls', 'dimse', 'dicomweb', 'called-ae', 'calling-ae', 'ca', 'client-cert', 'client-key', 'ca-key', 'name'].filter((k) => values[k] !== undefined);
  if (str('target')) {
    if (externalFlags.length > 0) throw new UsageError(`--target cannot be combined with --${externalFlags[0]}: describe the node either in the file or on the command line`);
    return { name: 'run', targetFile: str('target')!, ...common };
  }
  if (!str('dimse-tls') && !str('dimse') && !str('dicomweb')) {
    throw new UsageError('run needs --target FILE, or an endpoint: --dimse-tls HOST:PORT, --dimse HOST:PORT or --dicomweb URL');
  }
  const calledAe = str('called-ae') ?? (str('dimse-tls') || str('dimse') ? undefined : 'ANY-SCP');
  if (!calledAe) throw new UsageError('--called-ae is required with --dimse-tls/--dimse (the AE title of the node)');
  for (const [flag, ae] of [['--called-ae', calledAe], ['--calling-ae', str('calling-ae')]] as const) {
    if (ae !== undefined && (ae.length > 16 || !/^[\x20-\x5b\x5d-\x7e]+$/.test(ae))) throw new UsageError(`${flag} must be 1-16 printable ASCII characters without backslash`);
  }
  const pkiFlags = ['ca', 'client-cert', 'client-key'].filter((k) => str(k) !== undefined);
  if (pkiFlags.length > 0 && pkiFlags.length < 3) {
    throw new UsageError('--ca, --client-cert and --client-key go together (the CA the node trusts, and a client identity it issued)');
  }
  if (str('ca-key') && pkiFlags.length === 0) throw new UsageError('--ca-key needs --ca, --client-cert and --client-key');
  const dicomweb = str('dicomweb');
  if (dicomweb !== undefined) {
    let url: URL;
    try {
      url = new URL(dicomweb);
    } catch {
      throw new UsageError(`--dicomweb must be a URL such as https://127.0.0.1:8443/dicom-web, not "${dicomweb}"`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new UsageError('--dicomweb must be an http: or https: URL');
  }
  return {
    name: 'run',
    external: {
      name: str('name') ?? 'external-node',
      calledAe,
      ...(str('calling-ae') ? { callingAe: str('calling-ae')! } : {}),
      ...(str('dimse-tls') ? { dimseTls: hostPort('--dimse-tls', str('dimse-tls')!) } : {}),
      ...(str('dimse') ? { dimse: hostPort('--dimse', str('dimse')!) } : {}),
      ...(dicomweb ? { dicomweb } : {}),
      ...(str('ca') ? { ca: str('ca')!, clientCert: str('client-cert')!, clientKey: str('client-key')! } : {}),
      ...(str('ca-key') ? { caKey: str('ca-key')! } : {}),
    },
    ...common,
  };
}

export function hostPort(flag: string, value: string): HostPort {
  const m = /^(\[[0-9a-fA-F:]+\]|[^:\s]+):(\d{1,5})$/.exec(value);
  if (!m) throw new UsageError(`${flag} must be HOST:PORT (e.g. 127.0.0.1:2762 or [::1]:2762), not "${value}"`);
  const port = Number(m[2]);
  if (port < 1 || port > 65535) throw new UsageError(`${flag}: port ${port} is out of range 1-65535`);
  return { host: m[1]!.replace(/^\[|\]$/g, ''), port };
}

function positiveInt(flag: string, value: string, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new UsageError(`${flag} must be a whole number from 1 to ${max}, not "${value}"`);
  return n;
}
