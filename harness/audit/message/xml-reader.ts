/**
 * A strict, bounded reader for XML 1.0 documents without a DTD, for audit messages (PS3.15 A.5).
 *
 * Why not a general parser: the message under test is the evidence. A lenient parser (fast-xml-parser
 * 5.12.1 accepts `<a b="<"/>`, `&undefined;`, two root elements and control characters) would call
 * an audit-log injection (catalogue AUD-FMT-11) well-formed. This reader follows the XML 1.0 grammar
 * for what an audit message can contain: XML declaration, comments, processing instructions,
 * elements, attributes, character data, CDATA, the five predefined entities and character
 * references. A DOCTYPE is refused, never read, so no entity is ever expanded (no XXE, no
 * "billion laughs"). Namespaces are not interpreted: names are kept as written.
 *
 * It never throws on bad input: it returns the first error with its line. Bounded: one pass,
 * nesting depth and input size are capped.
 */

export interface XmlElement {
  name: string;
  /** In document order; values after entity and attribute-value normalization. */
  attributes: Array<{ name: string; value: string }>;
  children: XmlElement[];
  /** Character data directly inside this element (CDATA included), descendants excluded. */
  text: string;
  /** 1-based line of the element's "<". */
  line: number;
  /** Offsets in `XmlDocument.text`: start of the start tag, end of the start tag, end of the element. */
  start: number;
  startTagEnd: number;
  end: number;
}

export interface XmlDocument {
  root: XmlElement;
  /** The text the offsets refer to: the input without a BOM and with line ends normalized (XML 1.0 §2.11). */
  text: string;
}

export type XmlReadResult =
  | { ok: true; document: XmlDocument }
  | { ok: false; line: number; message: string; doctype: boolean };

export const MAX_XML_CHARS = 4 * 1024 * 1024;
export const MAX_XML_DEPTH = 64;

const NAME_START = ':A-Z_a-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C-\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD\\u{10000}-\\u{EFFFF}';
const NAME_REST = `${NAME_START}\\-.0-9\\u00B7\\u0300-\\u036F\\u203F-\\u2040`;
const NAME = new RegExp(`[${NAME_START}][${NAME_REST}]*`, 'uy');
/** XML 1.0 Char: anything else (C0 controls but tab/LF/CR, lone surrogates, U+FFFE/FFFF) is not XML. */
const NOT_CHAR = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', apos: "'", quot: '"' };

class ReadError extends Error {
  constructor(readonly at: number, message: string, readonly doctype = false) {
    super(message);
  }
}

export function readXml(input: string): XmlReadResult {
  let text = input.startsWith('\uFEFF') ? input.slice(1) : input;
  text = text.replace(/\r\n?/g, '\n');
  const lines = lineStarts(text);
  const lineOf = (at: number) => {
    let lo = 0;
    let hi = lines.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lines[mid]! <= at) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  try {
    if (text.length > MAX_XML_CHARS) throw new ReadError(0, `the document is larger than ${MAX_XML_CHARS} characters`);
    const bad = NOT_CHAR.exec(text);
    if (bad) throw new ReadError(bad.index, `character U+${bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} is not allowed in XML 1.0`);
    const root = new Reader(text, lineOf).document();
    return { ok: true, document: { root, text } };
  } catch (e) {
    if (!(e instanceof ReadError)) throw e;
    return { ok: false, line: lineOf(Math.min(e.at, text.length)), message: e.message, doctype: e.doctype };
  }
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

class Reader {
  private at = 0;

  constructor(private readonly text: string, private readonly lineOf: (at: number) => number) {}

  document(): XmlElement {
    if (this.text.startsWith('<?xml') && /[\s?]/.test(this.text[5] ?? '')) this.xmlDeclaration();
    this.misc();
    if (this.text.startsWith('<!DOCTYPE', this.at)) throw new ReadError(this.at, 'a DOCTYPE is refused: audit messages have no DTD, and entities are never expanded', true);
    if (this.text[this.at] !== '<') throw new ReadError(this.at, this.at >= this.text.length ? 'no root element' : 'text before the root element');
    const root = this.element();
    this.misc();
    if (this.at < this.text.length) {
      if (this.text.startsWith('<!DOCTYPE', this.at)) throw new ReadError(this.at, 'a DOCTYPE is refused: audit messages have no DTD, and entities are never expanded', true);
      throw new ReadError(this.at, 'content after the root element (an XML document has exactly one root element)');
    }
    return root;
  }

  private xmlDeclaration(): void {
    const decl = /^<\?xml\s+version\s*=\s*(["'])1\.[0-9]+\1(\s+encoding\s*=\s*(["'])[A-Za-z][A-Za-z0-9._-]*\3)?(\s+standalone\s*=\s*(["'])(yes|no)\5)?\s*\?>/.exec(this.text);
    if (!decl) throw new ReadError(0, 'malformed XML declaration');
    this.at = decl[0].length;
  }

  /** Comments, processing instructions and white space outside the root element. */
  private misc(): void {
    for (;;) {
      while (/[ \t\n]/.test(this.text[this.at] ?? '')) this.at++;
      if (this.text.startsWith('<!--', this.at)) this.comment();
      else if (this.text.startsWith('<?', this.at)) this.processingInstruction();
      else return;
    }
  }

  private comment(): void {
    const end = this.text.indexOf('--', this.at + 4);
    if (end < 0) throw new ReadError(this.at, 'unterminated comment');
    if (this.text[end + 2] !== '>') throw new ReadError(end, '"--" inside a comment');
    this.at = end + 3;
  }

  private processingInstruction(): void {
    const start = this.at;
    this.at += 2;
    const target = this.name('processing instruction target');
    if (target.toLowerCase() === 'xml') throw new ReadError(start, 'an XML declaration is only allowed at the very start of the document');
    const end = this.text.indexOf('?>', this.at);
    if (end < 0) throw new ReadError(start, 'unterminated processing instruction');
    if (end > this.at && !/[ \t\n]/.test(this.text[this.at]!)) throw new ReadError(this.at, 'white space expected after the processing instruction target');
    this.at = end + 2;
  }

  private name(what: string): string {
    NAME.lastIndex = this.at;
    const m = NAME.exec(this.text);
    if (!m) throw new ReadError(this.at, `${what} expected`);
    this.at += m[0].length;
    return m[0];
  }

  private skipSpace(): boolean {
    const from = this.at;
    while (/[ \t\n]/.test(this.text[this.at] ?? '')) this.at++;
    return this.at > from;
  }

  /** An element and everything in it, iteratively (explicit stack, bounded depth). */
  private element(): XmlElement {
    const stack: XmlElement[] = [];
    let root: XmlElement | undefined;
    for (;;) {
      const top = stack[stack.length - 1];
      if (top === undefined && root) return root;
      if (this.at >= this.text.length) throw new ReadError(this.text.length, `end of document inside element <${top!.name}>`);
      const c = this.text[this.at];
      if (c !== '<') {
        top!.text += this.charData();
      } else if (this.text.startsWith('</', this.at)) {
        const at = this.at;
        this.at += 2;
        const name = this.name('element name');
        this.skipSpace();
        if (this.text[this.at] !== '>') throw new ReadError(this.at, `">" expected to close </${name}`);
        this.at++;
        if (!top || name !== top.name) throw new ReadError(at, `end tag </${name}> does not match <${top?.name ?? ''}>`);
        top.end = this.at;
        stack.pop();
      } else if (this.text.startsWith('<!--', this.at)) {
        if (!top) throw new ReadError(this.at, 'element expected');
        this.comment();
      } else if (this.text.startsWith('<![CDATA[', this.at)) {
        if (!top) throw new ReadError(this.at, 'element expected');
        const end = this.text.indexOf(']]>', this.at + 9);
        if (end < 0) throw new ReadError(this.at, 'unterminated CDATA section');
        top.text += this.text.slice(this.at + 9, end);
        this.at = end + 3;
      } else if (this.text.startsWith('<?', this.at)) {
        if (!top) throw new ReadError(this.at, 'element expected');
        this.processingInstruction();
      } else if (this.text.startsWith('<!', this.at)) {
        throw new ReadError(this.at, 'markup declarations are not allowed inside an element');
      } else {
        if (stack.length >= MAX_XML_DEPTH) throw new ReadError(this.at, `elements nested deeper than ${MAX_XML_DEPTH}`);
        const { element, empty } = this.startTag();
        if (top) top.children.push(element);
        else root = element;
        if (!empty) stack.push(element);
      }
    }
  }

  private startTag(): { element: XmlElement; empty: boolean } {
    const start = this.at;
    this.at++;
    const name = this.name('element name');
    const element: XmlElement = { name, attributes: [], children: [], text: '', line: this.lineOf(start), start, startTagEnd: 0, end: 0 };
    for (;;) {
      const spaced = this.skipSpace();
      if (this.text.startsWith('/>', this.at)) {
        this.at += 2;
        element.startTagEnd = element.end = this.at;
        return { element, empty: true };
      }
      if (this.text[this.at] === '>') {
        this.at++;
        element.startTagEnd = this.at;
        return { element, empty: false };
      }
      if (this.at >= this.text.length) throw new ReadError(start, `unterminated start tag <${name}`);
      if (!spaced) throw new ReadError(this.at, `white space, ">" or "/>" expected in <${name}>`);
      const attrAt = this.at;
      const attr = this.name('attribute name');
      this.skipSpace();
      if (this.text[this.at] !== '=') throw new ReadError(this.at, `"=" expected after attribute ${attr}`);
      this.at++;
      this.skipSpace();
      const value = this.attributeValue(attr);
      if (element.attributes.some((a) => a.name === attr)) throw new ReadError(attrAt, `attribute ${attr} is repeated in <${name}>`);
      element.attributes.push({ name: attr, value });
    }
  }

  private attributeValue(attr: string): string {
    const quote = this.text[this.at];
    if (quote !== '"' && quote !== "'") throw new ReadError(this.at, `a quoted value expected for attribute ${attr}`);
    this.at++;
    let value = '';
    for (;;) {
      const c = this.text[this.at];
      if (c === undefined) throw new ReadError(this.at, `unterminated value of attribute ${attr}`);
      if (c === quote) {
        this.at++;
        return value;
      }
      if (c === '<') throw new ReadError(this.at, `"<" is not allowed in the value of attribute ${attr} (it must be escaped as &lt;)`);
      if (c === '&') value += this.reference();
      else {
        // Attribute-value normalization (XML 1.0 §3.3.3): literal white space becomes a space;
        // white space from character references is kept.
        value += c === '\t' || c === '\n' ? ' ' : c;
        this.at++;
      }
    }
  }

  private charData(): string {
    const end = this.text.indexOf('<', this.at);
    const stop = end < 0 ? this.text.length : end;
    let out = '';
    while (this.at < stop) {
      const amp = this.text.indexOf('&', this.at);
      const chunkEnd = amp < 0 || amp > stop ? stop : amp;
      const chunk = this.text.slice(this.at, chunkEnd);
      const cdataEnd = chunk.indexOf(']]>');
      if (cdataEnd >= 0) throw new ReadError(this.at + cdataEnd, '"]]>" is not allowed in character data');
      out += chunk;
      this.at = chunkEnd;
      if (this.at < stop) out += this.reference();
    }
    return out;
  }

  /** `&name;` (the five predefined entities only) or a character reference; this.at is on "&". */
  private reference(): string {
    const start = this.at;
    const m = /&(#x[0-9A-Fa-f]+|#[0-9]+|[^;\s&<]*);/y;
    m.lastIndex = start;
    const r = m.exec(this.text);
    if (!r) throw new ReadError(start, '"&" must start an entity or character reference (escape it as &amp;)');
    this.at = start + r[0].length;
    const body = r[1]!;
    if (body.startsWith('#')) {
      const code = body[1] === 'x' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      const ch = code <= 0x10ffff ? String.fromCodePoint(code) : '';
      if (!ch || NOT_CHAR.test(ch)) throw new ReadError(start, `character reference &${body}; is not an XML character`);
      return ch;
    }
    const replacement = PREDEFINED[body];
    if (replacement === undefined) throw new ReadError(start, `undefined entity &${body}; (only &lt; &gt; &amp; &apos; &quot; exist without a DTD)`);
    return replacement;
  }
}
