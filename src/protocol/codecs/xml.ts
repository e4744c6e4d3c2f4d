// A small XML reader and writer for the restXml protocol. The reader accepts
// well-formed documents made of elements, attributes, text, CDATA, comments
// and processing instructions; it refuses DOCTYPE declarations, so no entity
// expansion (and no billion-laughs document) can reach it. Namespace prefixes
// are kept as written in element and attribute names.

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** The element's character data (text and CDATA of direct children, concatenated). */
  text: string;
}

export class XmlSyntaxError extends Error {}

const NAME = /[A-Za-z_:][-A-Za-z0-9_:.]*/y;
const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function parseXml(source: string): XmlElement {
  const parser = new Parser(source);
  parser.skipProlog();
  const root = parser.element();
  parser.skipMisc();
  if (!parser.atEnd()) parser.fail('content after the root element');
  return root;
}

class Parser {
  private pos = 0;

  constructor(private readonly src: string) {}

  atEnd(): boolean {
    return this.pos >= this.src.length;
  }

  fail(what: string): never {
    throw new XmlSyntaxError(`Malformed XML at offset ${this.pos}: ${what}`);
  }

  skipProlog(): void {
    if (this.src.charCodeAt(0) === 0xfeff) this.pos = 1;
    this.skipMisc();
  }

  /** Whitespace, comments and processing instructions (the XML declaration among them). */
  skipMisc(): void {
    for (;;) {
      this.skipSpace();
      if (this.src.startsWith('<?', this.pos)) this.skipPast('?>');
      else if (this.src.startsWith('<!--', this.pos)) this.skipPast('-->');
      else if (this.src.startsWith('<!', this.pos)) this.fail('DOCTYPE and other declarations are not accepted');
      else return;
    }
  }

  element(): XmlElement {
    if (this.src[this.pos] !== '<') this.fail('expected an element');
    this.pos++;
    const name = this.name();
    const attributes: Record<string, string> = {};
    for (;;) {
      this.skipSpace();
      const c = this.src[this.pos];
      if (c === '/' && this.src[this.pos + 1] === '>') {
        this.pos += 2;
        return { name, attributes, children: [], text: '' };
      }
      if (c === '>') {
        this.pos++;
        break;
      }
      const attr = this.name();
      this.skipSpace();
      if (this.src[this.pos] !== '=') this.fail(`expected '=' after attribute ${attr}`);
      this.pos++;
      this.skipSpace();
      const quote = this.src[this.pos];
      if (quote !== '"' && quote !== "'") this.fail('expected a quoted attribute value');
      const end = this.src.indexOf(quote, this.pos + 1);
      if (end < 0) this.fail('unterminated attribute value');
      attributes[attr] = this.decode(this.src.slice(this.pos + 1, end));
      this.pos = end + 1;
    }
    const children: XmlElement[] = [];
    let text = '';
    for (;;) {
      if (this.atEnd()) this.fail(`unclosed element <${name}>`);
      if (this.src.startsWith('</', this.pos)) {
        this.pos += 2;
        const closing = this.name();
        if (closing !== name) this.fail(`</${closing}> closes <${name}>`);
        this.skipSpace();
        if (this.src[this.pos] !== '>') this.fail('expected >');
        this.pos++;
        return { name, attributes, children, text };
      }
      if (this.src.startsWith('<![CDATA[', this.pos)) {
        const end = this.src.indexOf(']]>', this.pos);
        if (end < 0) this.fail('unterminated CDATA section');
        text += this.src.slice(this.pos + 9, end);
        this.pos = end + 3;
      } else if (this.src.startsWith('<!--', this.pos)) {
        this.skipPast('-->');
      } else if (this.src.startsWith('<?', this.pos)) {
        this.skipPast('?>');
      } else if (this.src[this.pos] === '<') {
        children.push(this.element());
      } else {
        const end = this.src.indexOf('<', this.pos);
        text += this.decode(this.src.slice(this.pos, end < 0 ? this.src.length : end));
        this.pos = end < 0 ? this.src.length : end;
      }
    }
  }

  private name(): string {
    NAME.lastIndex = this.pos;
    const m = NAME.exec(this.src);
    if (!m) this.fail('expected a name');
    this.pos += m![0].length;
    return m![0];
  }

  private skipSpace(): void {
    while (this.pos < this.src.length && ' \t\r\n'.includes(this.src[this.pos])) this.pos++;
  }

  private skipPast(terminator: string): void {
    const end = this.src.indexOf(terminator, this.pos);
    if (end < 0) this.fail(`expected ${terminator}`);
    this.pos = end + terminator.length;
  }

  private decode(raw: string): string {
    if (!raw.includes('&')) return raw;
    return raw.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);?/g, (whole, ref: string) => {
      if (!whole.endsWith(';')) this.fail(`unterminated reference ${whole}`);
      if (ref[0] === '#') {
        const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
        if (!(code >= 0 && code <= 0x10ffff)) this.fail(`bad character reference ${whole}`);
        return String.fromCodePoint(code);
      }
      const value = ENTITIES[ref];
      if (value === undefined) this.fail(`unknown entity ${whole}`);
      return value;
    });
  }
}

/** The element's first child with this name. */
export function childNamed(element: XmlElement, name: string): XmlElement | undefined {
  return element.children.find((c) => c.name === name);
}

export function escapeXml(text: string): string {
  return text.replace(/[<>&"'\r]/g, (c) => `&${{ '<': 'lt', '>': 'gt', '&': 'amp', '"': 'quot', "'": 'apos', '\r': '#13' }[c]};`);
}

/** An element to write: children, or text (`''` writes `<a></a>`), or neither (`<a/>`). */
export interface XmlNode {
  name: string;
  attributes?: Record<string, string>;
  children?: XmlNode[];
  text?: string;
}

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';

function openTag(node: XmlNode): string {
  const attrs = Object.entries(node.attributes ?? {})
    .map(([k, v]) => ` ${k}="${escapeXml(v)}"`)
    .join('');
  return `<${node.name}${attrs}`;
}

/** Serialises without whitespace between elements, as AWS's XML services do. */
export function renderXml(node: XmlNode): string {
  if (!node.children?.length && node.text === undefined) return `${openTag(node)}/>`;
  const inner = node.children?.length ? node.children.map(renderXml).join('') : escapeXml(node.text!);
  return `${openTag(node)}>${inner}</${node.name}>`;
}

/**
 * Serialises one element per line, two spaces per level, with a final
 * newline and no declaration: how AWS's query services (IAM, STS) answer.
 */
export function renderXmlIndented(node: XmlNode): string {
  const lines = (n: XmlNode, pad: string): string[] => {
    if (!n.children?.length && n.text === undefined) return [`${pad}${openTag(n)}/>`];
    if (!n.children?.length) return [`${pad}${openTag(n)}>${escapeXml(n.text!)}</${n.name}>`];
    return [`${pad}${openTag(n)}>`, ...n.children.flatMap((c) => lines(c, `${pad}  `)), `${pad}</${n.name}>`];
  };
  return lines(node, '').join('\n') + '\n';
}
