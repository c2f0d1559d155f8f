/**
 * A strict RFC 5424 (§6) syslog message parser, for audit messages (PS3.15 A.6/A.7; catalogue
 * AUD-SYS-01 … 05). Pure, on bytes (lengths and the BOM are byte matters). It never throws on bad
 * input: it returns what it could read and every rule broken, each with the field it concerns, so
 * a check can judge a message by the rules it cares about.
 *
 *   SYSLOG-MSG = HEADER SP STRUCTURED-DATA [SP MSG]
 *   HEADER     = PRI VERSION SP TIMESTAMP SP HOSTNAME SP APP-NAME SP PROCID SP MSGID
 *   PRI        = "<" PRIVAL ">"   (0…191 = facility × 8 + severity)
 *   MSG        = MSG-ANY / MSG-UTF8;  MSG-UTF8 = BOM UTF-8-STRING  (BOM = EF BB BF)
 */

export interface SyslogProblem {
  field: 'pri' | 'version' | 'timestamp' | 'hostname' | 'app-name' | 'procid' | 'msgid' | 'structured-data' | 'msg' | 'header';
  message: string;
}

export interface SdElement {
  id: string;
  params: Array<{ name: string; value: string }>;
}

export interface SyslogMessage {
  facility?: number;
  severity?: number;
  version?: number;
  /** As written; undefined for the NILVALUE "-". */
  timestamp?: string;
  hostname?: string;
  appName?: string;
  procId?: string;
  msgId?: string;
  structuredData: SdElement[];
  /** The MSG part without its BOM; undefined when the message has none. */
  msg?: Buffer;
  msgHasBom: boolean;
  /** The rules the message breaks; empty for a conformant message. */
  problems: SyslogProblem[];
}

const SP = 0x20;
const NIL = '-';
const PRINTUSASCII = /^[\x21-\x7e]+$/;
/** RFC 5424 §6.2.3: FULL-DATE "T" FULL-TIME, ≤ 6 fractional digits, "Z" or ±hh:mm; upper-case T and Z. */
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})$/;
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

export function parseSyslogMessage(bytes: Buffer): SyslogMessage {
  const out: SyslogMessage = { structuredData: [], msgHasBom: false, problems: [] };
  const problem = (field: SyslogProblem['field'], message: string) => out.problems.push({ field, message });
  let at = 0;

  // PRI
  const pri = /^<(\d{1,3})>/.exec(bytes.subarray(0, 5).toString('latin1'));
  if (!pri) {
    problem('pri', 'the message does not start with "<PRIVAL>" (1-3 digits)');
    return out;
  }
  const prival = Number(pri[1]);
  if (prival > 191 || (pri[1]!.length > 1 && pri[1]!.startsWith('0'))) problem('pri', `PRIVAL "${pri[1]}" is not 0…191 without leading zeros`);
  out.facility = prival >> 3;
  out.severity = prival & 7;
  at = pri[0].length;

  // VERSION, then six space-separated header fields
  const nextToken = (): string | undefined => {
    const end = bytes.indexOf(SP, at);
    if (end < 0) return undefined;
    const token = bytes.subarray(at, end).toString('latin1');
    at = end + 1;
    return token;
  };
  const version = nextToken();
  if (version === undefined) {
    problem('header', 'the header ends before VERSION');
    return out;
  }
  if (!/^[1-9]\d{0,2}$/.test(version)) problem('version', `VERSION "${version}" is not a number without leading zero`);
  else if (version !== '1') problem('version', `VERSION ${version}: RFC 5424 defines 1`);
  out.version = Number(version);

  const fields: Array<[SyslogProblem['field'], number]> = [
    ['timestamp', 0],
    ['hostname', 255],
    ['app-name', 48],
    ['procid', 128],
    ['msgid', 32],
  ];
  const values: Partial<Record<SyslogProblem['field'], string>> = {};
  for (const [field, max] of fields) {
    const token = nextToken();
    if (token === undefined) {
      problem('header', `the header ends before ${field.toUpperCase()}`);
      return out;
    }
    if (token === '') problem(field, `${field.toUpperCase()} is empty (two spaces in a row)`);
    values[field] = token;
    if (token === NIL) continue;
    if (field === 'timestamp') {
      const m = TIMESTAMP.exec(token);
      if (!m) problem('timestamp', `"${token}" is not an RFC 5424 TIMESTAMP (YYYY-MM-DDThh:mm:ss[.ffffff](Z|±hh:mm), upper-case T and Z)`);
      else if (Number(m[6]) > 59) problem('timestamp', `second ${m[6]}: leap seconds are not allowed`);
      continue;
    }
    if (!PRINTUSASCII.test(token)) problem(field, `${field.toUpperCase()} must be printable US-ASCII (33…126)`);
    if (token.length > max) problem(field, `${field.toUpperCase()} has ${token.length} characters; at most ${max}`);
  }
  const defined = (v: string | undefined) => (v === undefined || v === NIL ? undefined : v);
  const ts = defined(values.timestamp);
  if (ts !== undefined) out.timestamp = ts;
  const host = defined(values.hostname);
  if (host !== undefined) out.hostname = host;
  const app = defined(values['app-name']);
  if (app !== undefined) out.appName = app;
  const proc = defined(values.procid);
  if (proc !== undefined) out.procId = proc;
  const msgid = defined(values.msgid);
  if (msgid !== undefined) out.msgId = msgid;

  // STRUCTURED-DATA
  if (bytes[at] === 0x2d /* - */) {
    at += 1;
  } else if (bytes[at] === 0x5b /* [ */) {
    const sd = parseStructuredData(bytes, at);
    out.structuredData = sd.elements;
    for (const p of sd.problems) problem('structured-data', p);
    at = sd.end;
  } else {
    problem('structured-data', 'STRUCTURED-DATA must be "-" or start with "["');
    return out;
  }

  // [SP MSG]
  if (at === bytes.length) return out;
  if (bytes[at] !== SP) {
    problem('msg', 'STRUCTURED-DATA must be followed by a space before MSG');
    return out;
  }
  let msg = bytes.subarray(at + 1);
  if (msg.subarray(0, 3).equals(BOM)) {
    out.msgHasBom = true;
    msg = msg.subarray(3);
    if (!isValidUtf8(msg)) problem('msg', 'MSG after the BOM is not valid UTF-8');
  } else if (msg.some((b) => b > 0x7f)) {
    problem('msg', 'MSG holds non-ASCII bytes without the UTF-8 BOM (RFC 5424 §6.4)');
  }
  out.msg = msg;
  return out;
}

function parseStructuredData(bytes: Buffer, start: number): { elements: SdElement[]; problems: string[]; end: number } {
  const elements: SdElement[] = [];
  const problems: string[] = [];
  let at = start;
  const text = (from: number, to: number) => bytes.subarray(from, to).toString('utf8');
  while (bytes[at] === 0x5b) {
    at += 1;
    const idEnd = findAny(bytes, at, [SP, 0x5d]);
    if (idEnd < 0) {
      problems.push('an SD-ELEMENT is not closed with "]"');
      return { elements, problems, end: bytes.length };
    }
    const id = text(at, idEnd);
    if (!/^[\x21-\x7e]{1,32}$/.test(id) || /[=\] "]/.test(id)) problems.push(`SD-ID "${id}" is not 1…32 printable characters without = ] " or space`);
    const element: SdElement = { id, params: [] };
    at = idEnd;
    while (bytes[at] === SP) {
      at += 1;
      const eq = bytes.indexOf(0x3d, at);
      if (eq < 0 || bytes[eq + 1] !== 0x22) {
        problems.push(`SD-PARAM in "${id}" is not name="value"`);
        return { elements, problems, end: bytes.length };
      }
      const name = text(at, eq);
      let value = '';
      let i = eq + 2;
      for (; i < bytes.length && bytes[i] !== 0x22; i++) {
        if (bytes[i] === 0x5c && i + 1 < bytes.length && [0x22, 0x5c, 0x5d].includes(bytes[i + 1]!)) i++;
        value += String.fromCharCode(bytes[i]!);
      }
      if (i >= bytes.length) {
        problems.push(`PARAM-VALUE of "${name}" in "${id}" is not closed with a quote`);
        return { elements, problems, end: bytes.length };
      }
      element.params.push({ name, value: Buffer.from(value, 'latin1').toString('utf8') });
      at = i + 1;
    }
    if (bytes[at] !== 0x5d) {
      problems.push(`SD-ELEMENT "${id}" is not closed with "]"`);
      return { elements, problems, end: bytes.length };
    }
    at += 1;
    elements.push(element);
  }
  return { elements, problems, end: at };
}

function findAny(bytes: Buffer, from: number, targets: number[]): number {
  for (let i = from; i < bytes.length; i++) if (targets.includes(bytes[i]!)) return i;
  return -1;
}

function isValidUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}
