import { expect } from 'chai';
import { escapeXmlAttribute, escapeXmlText, stripIllegalXmlChars, xmlElement } from './xml-escape.ts';

describe('xml-escape', function () {
  it('escapes the five XML metacharacters in text and attributes', function () {
    // Given text with every metacharacter
    const text = `<a href="x">&'</a>`;

    // Then both escapers replace each one with its entity
    const expected = '&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;';
    expect(escapeXmlText(text)).to.equal(expected);
    expect(escapeXmlAttribute(text)).to.equal(expected);
  });

  it('keeps tab, LF and CR in attributes as character references', function () {
    // Given whitespace an attribute parser would normalise to spaces
    // Then they are written as references, and LF stays raw in element text
    expect(escapeXmlAttribute('a\tb\nc\rd')).to.equal('a&#9;b&#10;c&#13;d');
    expect(escapeXmlText('a\tb\nc\rd')).to.equal('a\tb\nc&#13;d');
  });

  it('drops C0 controls, U+FFFE/U+FFFF and lone surrogates, but keeps astral characters', function () {
    // Given a mix of illegal characters and a legal emoji (a valid surrogate pair)
    const input = 'a\u0000b\u0008c\u001fd\ufffee\uffff f\ud800g\udc00h 🔒';

    // Then only the illegal ones are removed
    expect(stripIllegalXmlChars(input)).to.equal('abcde fgh 🔒');
  });

  it('builds self-closing, text and parent elements, leaving undefined attributes out', function () {
    // Given the three element shapes
    // Then each renders as expected
    expect(xmlElement('skipped', [['message', 'a<b'], ['type', undefined]])).to.equal('<skipped message="a&lt;b"/>');
    expect(xmlElement('system-out', [], { text: 'x & y' }, '  ')).to.equal('  <system-out>x &amp; y</system-out>');
    expect(xmlElement('properties', [], { children: ['  <property/>'] })).to.equal('<properties>\n  <property/>\n</properties>');
  });
});
