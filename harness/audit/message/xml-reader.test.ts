import { expect } from 'chai';
import { MAX_XML_DEPTH, readXml } from './xml-reader.ts';

const refused = (xml: string) => {
  const r = readXml(xml);
  if (r.ok) throw new Error(`accepted: ${xml}`);
  return r;
};

describe('the strict XML reader (audit messages; catalogue AUD-FMT-01, AUD-FMT-11)', function () {
  it('reads elements, attributes, text, CDATA and references, with lines and offsets', function () {
    const xml = '\uFEFF<?xml version="1.0" encoding="UTF-8"?>\r\n<!-- c -->\r\n<A x="1 &amp; &#x41;&#66;&lt;" y=\'q"\'>\r\n  <B>t&gt;<![CDATA[<raw>&amp;]]></B><?pi data?>\r\n  <C/>\r\n</A>\r\n';
    const r = readXml(xml);
    if (!r.ok) throw new Error(r.message);
    const root = r.document.root;
    expect(root.name).to.equal('A');
    expect(root.attributes).to.deep.equal([{ name: 'x', value: '1 & AB<' }, { name: 'y', value: 'q"' }]);
    expect(root.children.map((c) => [c.name, c.line, c.text])).to.deep.equal([['B', 4, 't><raw>&amp;'], ['C', 5, '']]);
    expect(r.document.text.includes('\r')).to.equal(false);
    const b = root.children[0]!;
    expect(r.document.text.slice(b.start, b.end)).to.equal('<B>t&gt;<![CDATA[<raw>&amp;]]></B>');
    expect(r.document.text.slice(b.start, b.startTagEnd)).to.equal('<B>');
  });

  it('normalizes literal white space in attribute values but keeps character references', function () {
    const r = readXml('<a v="x\ty\nz&#10;"/>');
    if (!r.ok) throw new Error(r.message);
    expect(r.document.root.attributes[0]!.value).to.equal('x y z\n');
  });

  const cases: Array<[string, string, RegExp]> = [
    ['"<" in an attribute value (injected markup)', '<AuditMessage a="<x>"/>', /"<" is not allowed in the value of attribute a/],
    ['a bare "&"', '<a>fish & chips</a>', /"&" must start an entity/],
    ['an undefined entity', '<a>&nbsp;</a>', /undefined entity &nbsp;/],
    ['a character reference to a control character', '<a>&#1;</a>', /not an XML character/],
    ['a raw control character', '<a>\u0001</a>', /U\+0001 is not allowed/],
    ['a lone surrogate', '<a>\uD800</a>', /U\+D800 is not allowed/],
    ['"]]>" in text', '<a>]]></a>', /"]]>" is not allowed/],
    ['two root elements', '<a/><b/>', /exactly one root element/],
    ['text after the root', '<a/>x', /content after the root/],
    ['a mismatched end tag', '<a><b></a></b>', /end tag <\/a> does not match <b>/],
    ['an unclosed element', '<a><b></b>', /end of document inside element <a>/],
    ['a repeated attribute', '<a x="1" x="2"/>', /attribute x is repeated/],
    ['attributes without white space between them', '<a x="1"y="2"/>', /white space, ">" or "\/>" expected/],
    ['an unquoted attribute', '<a x=1/>', /a quoted value expected/],
    ['"--" inside a comment', '<a><!-- a -- b --></a>', /"--" inside a comment/],
    ['an XML declaration not at the start', ' <?xml version="1.0"?><a/>', /only allowed at the very start/],
    ['a malformed XML declaration', '<?xml encoding="UTF-8"?><a/>', /malformed XML declaration/],
    ['no root element', '<!-- only a comment -->', /no root element/],
  ];
  for (const [what, xml, message] of cases) {
    it(`refuses ${what}`, function () {
      expect(refused(xml).message).to.match(message);
    });
  }

  it('reports the line of the error', function () {
    expect(refused('<a>\n<b>\n</c>\n</a>').line).to.equal(3);
  });

  it('refuses a DOCTYPE without reading it, so no entity is expanded (billion laughs, XXE)', function () {
    const lol = ['<!ENTITY l0 "lol">', ...Array.from({ length: 9 }, (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`)].join('\n');
    const started = performance.now();
    const r = refused(`<?xml version="1.0"?>\n<!DOCTYPE a [\n${lol}\n<!ENTITY x SYSTEM "file:///etc/passwd">\n]>\n<a>&l9;&x;</a>`);
    expect(r.doctype).to.equal(true);
    expect(r.line).to.equal(2);
    expect(r.message).to.match(/DOCTYPE is refused/);
    expect(performance.now() - started).to.be.below(50);
  });

  it('bounds nesting depth', function () {
    const deep = '<a>'.repeat(MAX_XML_DEPTH + 1) + '</a>'.repeat(MAX_XML_DEPTH + 1);
    expect(refused(deep).message).to.match(/nested deeper than 64/);
    const ok = readXml('<a>'.repeat(MAX_XML_DEPTH) + '</a>'.repeat(MAX_XML_DEPTH));
    expect(ok.ok).to.equal(true);
  });
});
