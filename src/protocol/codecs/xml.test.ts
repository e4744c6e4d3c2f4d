import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseXml, renderXml, XmlSyntaxError } from './xml.ts';

describe('XML reader', () => {
  it('reads elements, attributes, entities, CDATA and skips the prolog and comments', () => {
    const root = parseXml(
      '\ufeff<?xml version="1.0" encoding="UTF-8"?>\n<!-- c --><A xmlns="urn:x" b=\'1 &amp; 2\'><B>x &lt; y &#65;&#x42;</B><!-- d --><C><![CDATA[<raw>]]></C><D/></A>\n',
    );
    assert.equal(root.name, 'A');
    assert.deepEqual(root.attributes, { xmlns: 'urn:x', b: '1 & 2' });
    assert.deepEqual(root.children.map((c) => [c.name, c.text]), [['B', 'x < y AB'], ['C', '<raw>'], ['D', '']]);
  });

  for (const [name, text] of [
    ['a DOCTYPE (no entity expansion)', '<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>'],
    ['mismatched tags', '<a><b></a></b>'],
    ['an unclosed element', '<a><b></b>'],
    ['an unknown entity', '<a>&nbsp;</a>'],
    ['two roots', '<a/><b/>'],
    ['no root', '   '],
  ]) {
    it(`rejects ${name}`, () => assert.throws(() => parseXml(text), XmlSyntaxError));
  }
});

describe('XML writer', () => {
  it('escapes text and attributes and tells empty text from no text', () => {
    assert.equal(
      renderXml({ name: 'R', attributes: { q: 'a"b' }, children: [{ name: 'T', text: '<&>' }, { name: 'E', text: '' }, { name: 'N' }] }),
      '<R q="a&quot;b"><T>&lt;&amp;&gt;</T><E></E><N/></R>',
    );
  });

  it('round-trips through the reader', () => {
    const text = 'line\r\nwith \'quotes\' & <tags> and ünïcödé';
    assert.equal(parseXml(renderXml({ name: 'K', text })).text, text);
  });
});
