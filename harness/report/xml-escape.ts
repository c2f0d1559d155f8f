/**
 * Just enough XML writing for the JUnit report, with no XML library: escaping, and a tiny element
 * builder. Text from the target (alert messages, AE titles, reject texts) ends up here, so
 * everything is escaped and every character XML 1.0 cannot carry is dropped rather than emitted —
 * one stray control byte would otherwise make the whole report unparseable for CI.
 */

/**
 * XML 1.0 §2.2 Char ::= #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
 * With the `u` flag a lone surrogate is one code point in D800–DFFF, so it is matched (and dropped) too.
 */
const ILLEGAL_XML_CHARS = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function stripIllegalXmlChars(text: string): string {
  return text.replace(ILLEGAL_XML_CHARS, '');
}

const TEXT_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  // A raw CR would be normalised to LF by any parser; keep it as written.
  '\r': '&#13;',
};

/** Escape for element content. */
export function escapeXmlText(text: string): string {
  return stripIllegalXmlChars(text).replace(/[&<>"'\r]/g, (c) => TEXT_ESCAPES[c]!);
}

const ATTRIBUTE_ESCAPES: Record<string, string> = {
  ...TEXT_ESCAPES,
  // Attribute-value normalisation (XML 1.0 §3.3.3) turns raw tab/LF/CR into spaces; character references survive.
  '\t': '&#9;',
  '\n': '&#10;',
};

/** Escape for an attribute value written between double quotes. */
export function escapeXmlAttribute(text: string): string {
  return stripIllegalXmlChars(text).replace(/[&<>"'\t\n\r]/g, (c) => ATTRIBUTE_ESCAPES[c]!);
}

/** Attributes in the order given; an undefined value leaves the attribute out. */
export type XmlAttributes = ReadonlyArray<readonly [name: string, value: string | number | undefined]>;

/**
 * One element as a string. `children` are already-rendered XML fragments (one per line, indented
 * here); `text` is raw text, escaped here. With neither, the element is self-closing.
 */
export function xmlElement(
  name: string,
  attributes: XmlAttributes,
  content: { children?: readonly string[]; text?: string } = {},
  indent = '',
): string {
  const attrs = attributes
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => ` ${key}="${escapeXmlAttribute(String(value))}"`)
    .join('');
  if (content.text !== undefined) return `${indent}<${name}${attrs}>${escapeXmlText(content.text)}</${name}>`;
  if (content.children && content.children.length > 0) {
    return [`${indent}<${name}${attrs}>`, ...content.children, `${indent}</${name}>`].join('\n');
  }
  return `${indent}<${name}${attrs}/>`;
}
