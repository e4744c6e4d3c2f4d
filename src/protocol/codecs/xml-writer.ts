// A minimal XML writer for AWS's query-protocol responses. AWS pretty-prints
// them: no XML declaration, two spaces per level, one element per line, a
// final newline (see the byte-exact capture in docs/FIDELITY.md, "awsQuery").

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** Text content escapes &, < and > only, as AWS's responses do; attribute values also escape ". */
export function escapeXml(text: string, attribute = false): string {
  return text.replace(attribute ? /[&<>"]/g : /[&<>]/g, (c) => ESCAPES[c]);
}

export class XmlWriter {
  private readonly lines: string[] = [];
  private depth = 0;

  /** Opens an element; `attributes` are written in the given order. */
  open(name: string, attributes: Record<string, string> = {}): this {
    const attrs = Object.entries(attributes)
      .map(([k, v]) => ` ${k}="${escapeXml(v, true)}"`)
      .join('');
    this.lines.push(`${this.indent()}<${name}${attrs}>`);
    this.depth++;
    return this;
  }

  close(name: string): this {
    this.depth--;
    this.lines.push(`${this.indent()}</${name}>`);
    return this;
  }

  /** An element holding only text; an empty text gives `<name/>`. */
  text(name: string, value: string): this {
    this.lines.push(value === '' ? `${this.indent()}<${name}/>` : `${this.indent()}<${name}>${escapeXml(value)}</${name}>`);
    return this;
  }

  empty(name: string): this {
    this.lines.push(`${this.indent()}<${name}/>`);
    return this;
  }

  toString(): string {
    return this.lines.join('\n') + '\n';
  }

  private indent(): string {
    return '  '.repeat(this.depth);
  }
}
