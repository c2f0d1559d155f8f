import { expect } from 'chai';
import { parseSyslogMessage } from './rfc5424.ts';
import { MIN_FRAME_LIMIT, OctetCountingFramer } from './rfc5425-framer.ts';

const BOM = '\u{FEFF}';
/**
 * An audit message as an IHE ATNA sender writes it (PS3.15 A.6, ITI-20): PRI <85> = facility 10
 * (security/authorization) × 8 + severity 5 (notice), VERSION 1, TIMESTAMP with fraction and Z,
 * HOSTNAME, APP-NAME, PROCID, MSGID IHE+RFC-3881, no STRUCTURED-DATA, then BOM + UTF-8 XML.
 */
const ATNA = `<85>1 2026-11-26T12:10:46.672Z node.example part15-ref 4711 IHE+RFC-3881 - ${BOM}<AuditMessage><EventIdentification EventActionCode="E"/></AuditMessage>`;

const problemsOf = (text: string | Buffer) => parseSyslogMessage(Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8')).problems.map((p) => p.field);

describe('RFC 5424 syslog messages (strict; catalogue AUD-SYS-01 … 05)', function () {
  it('reads a conformant ATNA audit message field by field', function () {
    const m = parseSyslogMessage(Buffer.from(ATNA, 'utf8'));
    expect(m.problems).to.deep.equal([]);
    expect([m.facility, m.severity, m.version]).to.deep.equal([10, 5, 1]);
    expect([m.timestamp, m.hostname, m.appName, m.procId, m.msgId]).to.deep.equal(['2026-11-26T12:10:46.672Z', 'node.example', 'part15-ref', '4711', 'IHE+RFC-3881']);
    expect(m.msgHasBom).to.equal(true);
    expect(m.msg!.toString('utf8')).to.match(/^<AuditMessage>/);
  });

  it('takes NILVALUEs and structured data with escapes', function () {
    const m = parseSyslogMessage(Buffer.from('<86>1 - - - - - [exampleSDID@32473 iut="3" eventSource="App\\"lication" eventID="1011\\]"][x@1 a="b"]', 'utf8'));
    expect(m.problems).to.deep.equal([]);
    expect([m.timestamp, m.hostname, m.msgId, m.msg]).to.deep.equal([undefined, undefined, undefined, undefined]);
    expect(m.structuredData).to.deep.equal([
      { id: 'exampleSDID@32473', params: [{ name: 'iut', value: '3' }, { name: 'eventSource', value: 'App"lication' }, { name: 'eventID', value: '1011]' }] },
      { id: 'x@1', params: [{ name: 'a', value: 'b' }] },
    ]);
  });

  it('names each rule a message breaks, by field', function () {
    expect(problemsOf(ATNA.replace('<85>', '<192>'))).to.deep.equal(['pri']);
    expect(problemsOf(ATNA.replace('<85>', '<085>'))).to.deep.equal(['pri']);
    expect(problemsOf(ATNA.replace('<85>1', '<85>2'))).to.deep.equal(['version']);
    expect(problemsOf(ATNA.replace('12:10:46.672Z', '12:10:46.6721234Z'))).to.deep.equal(['timestamp']); // 7 fraction digits
    expect(problemsOf(ATNA.replace('2026-11-26T', '2026-11-26t'))).to.deep.equal(['timestamp']);
    expect(problemsOf(ATNA.replace('12:10:46', '23:59:60'))).to.deep.equal(['timestamp']); // leap second
    expect(problemsOf(ATNA.replace('IHE+RFC-3881', 'X'.repeat(33)))).to.deep.equal(['msgid']);
    expect(problemsOf(ATNA.replace('part15-ref', 'a'.repeat(49)))).to.deep.equal(['app-name']);
    expect(problemsOf(ATNA.replace(BOM, ''))).to.deep.equal([]); // ASCII-only MSG needs no BOM
    expect(problemsOf(ATNA.replace(BOM, '').replace('"E"', '"É"'))).to.deep.equal(['msg']); // non-ASCII without BOM
    expect(problemsOf(Buffer.concat([Buffer.from('<85>1 - h a p m - \xef\xbb\xbf', 'latin1'), Buffer.from([0xc3, 0x28])]))).to.deep.equal(['msg']); // BOM, then invalid UTF-8
    expect(problemsOf('<85>1 - h a p m [bad')).to.deep.equal(['structured-data']);
    expect(problemsOf('85>1 - h a p m -')).to.deep.equal(['pri']);
    expect(problemsOf('<85>1 - h a')).to.deep.equal(['header']);
  });
});

describe('RFC 5425 octet-counting framing (AUD-TLS-03/04)', function () {
  const frame = (msg: string) => {
    const b = Buffer.from(msg, 'utf8');
    return Buffer.concat([Buffer.from(`${b.length} `, 'ascii'), b]);
  };

  it('cuts frames by octets, not characters, across arbitrary chunks', function () {
    const stream = Buffer.concat([frame(ATNA), frame('<85>1 - - - - - é')]);
    const framer = new OctetCountingFramer();
    const out: Buffer[] = [];
    for (let i = 0; i < stream.length; i += 7) out.push(...framer.feed(stream.subarray(i, i + 7)));
    expect(out.map((b) => b.toString('utf8'))).to.deep.equal([ATNA, '<85>1 - - - - - é']);
    expect(framer.fault).to.equal(undefined);
    expect(framer.pendingOctets).to.equal(0);
  });

  it('accepts a frame of 32 768 octets (PS3.15 A.6), and refuses a far larger one without buffering it', function () {
    const big = `<85>1 - - - - - ${'x'.repeat(MIN_FRAME_LIMIT - 16)}`;
    expect(Buffer.byteLength(big)).to.equal(MIN_FRAME_LIMIT);
    expect(new OctetCountingFramer(MIN_FRAME_LIMIT).feed(frame(big))).to.have.length(1);
    const framer = new OctetCountingFramer(MIN_FRAME_LIMIT);
    expect(framer.feed(Buffer.from('999999999 <85>1'))).to.deep.equal([]);
    expect(framer.fault).to.deep.equal({ kind: 'frame-too-large', announced: 999_999_999, limit: MIN_FRAME_LIMIT });
    expect(framer.pendingOctets).to.equal(0);
    expect(framer.feed(frame(ATNA))).to.deep.equal([]); // stopped for good
  });

  it('tells LF framing (RFC 6587) and bad lengths apart, and keeps a half frame pending', function () {
    const lf = new OctetCountingFramer();
    lf.feed(Buffer.from(`${ATNA}\n`, 'utf8'));
    expect(lf.fault?.kind).to.equal('non-transparent-framing');
    for (const bad of ['012 <85>1', 'abc <85>1', '0 ']) {
      const f = new OctetCountingFramer();
      f.feed(Buffer.from(bad));
      expect(f.fault?.kind, bad).to.equal('bad-msg-len');
    }
    const half = new OctetCountingFramer();
    expect(half.feed(frame(ATNA).subarray(0, 40))).to.deep.equal([]);
    expect([half.fault, half.pendingOctets, half.pendingAnnouncedOctets]).to.deep.equal([undefined, 40, Buffer.byteLength(ATNA)]);
    const digitsOnly = new OctetCountingFramer();
    digitsOnly.feed(Buffer.from('12'));
    expect([digitsOnly.pendingOctets, digitsOnly.pendingAnnouncedOctets]).to.deep.equal([2, undefined]); // MSG-LEN not complete yet
  });

  it('refuses a limit below what PS3.15 A.6 requires receivers to take', function () {
    expect(() => new OctetCountingFramer(8192)).to.throw(RangeError);
  });
});
