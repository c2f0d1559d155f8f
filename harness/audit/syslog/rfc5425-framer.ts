/**
 * RFC 5425 §4.3 octet-counting framing on a syslog-over-TLS stream (PS3.15 A.6; catalogue
 * AUD-TLS-03/04): SYSLOG-FRAME = MSG-LEN SP SYSLOG-MSG, where MSG-LEN is the decimal number of
 * OCTETS of SYSLOG-MSG (not characters), with no leading zero. Bounded: a frame announced larger
 * than `maxFrameOctets` ends the stream with a clear fault instead of growing a buffer; PS3.15 A.6
 * requires at least 32 768 octets to be accepted, hence that floor on the limit.
 *
 * A sender using LF-terminated "non-transparent framing" (RFC 6587) starts a frame with "<": that
 * is reported as its own fault, the most common deviation.
 */

export const MIN_FRAME_LIMIT = 32_768;

export type FramingFault =
  | { kind: 'non-transparent-framing'; detail: string }
  | { kind: 'bad-msg-len'; detail: string }
  | { kind: 'frame-too-large'; announced: number; limit: number };

export class OctetCountingFramer {
  private buffered: Buffer = Buffer.alloc(0);
  private failed: FramingFault | undefined;

  constructor(private readonly maxFrameOctets = 1 << 20) {
    if (maxFrameOctets < MIN_FRAME_LIMIT) throw new RangeError(`the frame limit must be at least ${MIN_FRAME_LIMIT} octets (PS3.15 A.6)`);
  }

  /** The fault that stopped the stream, if any: after it, feed() returns nothing. */
  get fault(): FramingFault | undefined {
    return this.failed;
  }

  /** Bytes of an incomplete frame still waiting (a half frame at the end of a stream). */
  get pendingOctets(): number {
    return this.buffered.length;
  }

  /** The MSG-LEN the incomplete frame announced, once its digits and SP have arrived. */
  get pendingAnnouncedOctets(): number | undefined {
    const sp = this.buffered.indexOf(0x20);
    if (sp < 1 || sp > 10) return undefined;
    const text = this.buffered.subarray(0, sp).toString('latin1');
    return /^[1-9][0-9]*$/.test(text) ? Number(text) : undefined;
  }

  feed(chunk: Buffer): Buffer[] {
    if (this.failed) return [];
    this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
    const frames: Buffer[] = [];
    for (;;) {
      const sp = this.buffered.indexOf(0x20);
      const head = sp < 0 ? this.buffered : this.buffered.subarray(0, sp);
      if (head.length === 0 && sp < 0) break;
      if (head[0] === 0x3c /* < */) return this.stop(frames, { kind: 'non-transparent-framing', detail: 'a frame starts with "<": the sender omits MSG-LEN (RFC 6587 LF framing, not RFC 5425)' });
      if (!/^[0-9]*$/.test(head.toString('latin1'))) return this.stop(frames, { kind: 'bad-msg-len', detail: `MSG-LEN "${head.subarray(0, 16).toString('latin1')}" is not a decimal number` });
      if (head.length > 10) return this.stop(frames, { kind: 'bad-msg-len', detail: 'MSG-LEN has more than 10 digits' });
      if (sp < 0) break; // the length's digits are not all here yet
      const text = head.toString('latin1');
      if (text === '' || text.startsWith('0')) return this.stop(frames, { kind: 'bad-msg-len', detail: `MSG-LEN "${text}" must be a non-zero number without leading zero` });
      const length = Number(text);
      if (length > this.maxFrameOctets) return this.stop(frames, { kind: 'frame-too-large', announced: length, limit: this.maxFrameOctets });
      if (this.buffered.length < sp + 1 + length) break;
      frames.push(Buffer.from(this.buffered.subarray(sp + 1, sp + 1 + length)));
      this.buffered = this.buffered.subarray(sp + 1 + length);
    }
    return frames;
  }

  private stop(frames: Buffer[], fault: FramingFault): Buffer[] {
    this.failed = fault;
    this.buffered = Buffer.alloc(0);
    return frames;
  }
}
