// Safe XML text → element tree (fast-xml-parser), typed accessors that fail with clear errors, and XML text writing.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { GatewayError } from '../qualification-gateway';

/** An element's children by name: one occurrence as a value, repeated ones as an array in document order. */
export type XmlNode = { [name: string]: XmlValue | XmlValue[] | undefined };
export type XmlValue = string | XmlNode;

/** Result files are a few KB; anything far larger is not an answer we understand. */
export const MAX_XML_CHARS = 1024 * 1024;

const parser = new XMLParser({
  ignoreAttributes: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  parseTagValue: false,
  // Leading spaces are data: a 6-digit insurer number arrives as "  123456" (§2.2).
  trimValues: false,
  processEntities: true,
  htmlEntities: false,
});

/** Every occurrence of a child element (own properties only: names like "constructor" are data here). */
function occurrences(parent: XmlNode, name: string): XmlValue[] {
  if (!Object.hasOwn(parent, name)) return [];
  const value = parent[name];
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

export function malformed(message: string, cause?: unknown): GatewayError {
  return new GatewayError('gateway.malformed-response', message, undefined, cause ? { cause } : undefined);
}

/** Parse XML text and return the root element named `rootName`. Throws only GatewayError. */
export function parseXmlRoot(text: string, rootName: string, what: string): XmlNode {
  if (text.trim() === '') throw malformed(`${what}が空です。書き込み途中のファイルかもしれません。`);
  if (text.length > MAX_XML_CHARS) throw malformed(`${what}が大きすぎます（${text.length} 文字）。`);
  // No DTDs: they are never part of an OQS file and entity expansion could make parsing explode.
  if (/<!DOCTYPE|<!ENTITY/i.test(text))
    throw malformed(`${what}に DOCTYPE 宣言があります。受け付けられません。`);
  let tree: unknown;
  try {
    const verdict = XMLValidator.validate(text);
    if (verdict !== true) {
      const { msg, line, col } = verdict.err;
      const where = typeof line === 'number' ? `${line}行${typeof col === 'number' ? `${col}桁` : ''}: ` : '';
      throw malformed(
        `${what}が XML として壊れています（${where}${msg}）。書き込み途中のファイルかもしれません。`,
      );
    }
    tree = parser.parse(text);
  } catch (cause) {
    if (cause instanceof GatewayError) throw cause;
    throw malformed(`${what}を XML として読めません。`, cause);
  }
  if (!isNode(tree)) throw malformed(`${what}が空です。`);
  const names = Object.keys(tree).filter((name) => name !== '#text');
  const roots = occurrences(tree, rootName);
  if (roots.length === 0 || names.length !== 1) {
    throw malformed(
      `${what}のルート要素が ${rootName} ではありません（${names.slice(0, 3).join(', ') || 'なし'}）。`,
    );
  }
  return asNode(roots, rootName, what);
}

function isNode(value: unknown): value is XmlNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function single(values: XmlValue[], name: string, what: string): XmlValue | undefined {
  if (values.length === 0) return undefined;
  if (values.length > 1)
    throw malformed(`${what}: 要素 ${name} が ${values.length} 回現れます（1回のはずです）。`);
  return values[0];
}

function asNode(values: XmlValue[], name: string, what: string): XmlNode {
  const value = single(values, name, what);
  if (value === undefined) throw malformed(`${what}: 要素 ${name} がありません。`);
  if (typeof value === 'string') {
    if (value.trim() === '') return {};
    throw malformed(`${what}: 要素 ${name} に子要素ではなく文字列があります。`);
  }
  return value;
}

/** A group element (children expected), or undefined when absent. */
export function childNode(parent: XmlNode, name: string, what: string): XmlNode | undefined {
  const values = occurrences(parent, name);
  return values.length > 0 ? asNode(values, name, what) : undefined;
}

/** A repeated group element (0..n). */
export function childNodes(parent: XmlNode, name: string, what: string): XmlNode[] {
  return occurrences(parent, name).map((value) => {
    if (typeof value === 'string') {
      if (value.trim() === '') return {};
      throw malformed(`${what}: 要素 ${name} に子要素ではなく文字列があります。`);
    }
    return value;
  });
}

/** A text element, or undefined when absent. */
export function childText(parent: XmlNode, name: string, what: string): string | undefined {
  const value = single(occurrences(parent, name), name, what);
  if (value === undefined || typeof value === 'string') return value;
  if (Object.keys(value).every((key) => key === '#text')) return '';
  throw malformed(`${what}: 要素 ${name} は文字列のはずが、子要素を含んでいます。`);
}

/** Every text child of a node (for groups whose members are not known in advance). */
export function allTextChildren(node: XmlNode, what: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of Object.keys(node)) {
    if (name === '#text') continue;
    const text = childText(node, name, what);
    if (text !== undefined) out[name] = text;
  }
  return out;
}

const escapes: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** XML 1.0 cannot carry most C0 controls (nor U+FFFE / U+FFFF) at all. */
function allowedInXml(char: string): boolean {
  const code = char.charCodeAt(0);
  if (code < 0x20) return code === 0x09 || code === 0x0a || code === 0x0d;
  return code !== 0xfffe && code !== 0xffff;
}

/** Escape text content; characters XML cannot carry are dropped rather than written into a file nobody can read. */
export function escapeXml(text: string): string {
  let out = '';
  for (const char of text) {
    if (!allowedInXml(char)) continue;
    out += escapes[char] ?? char;
  }
  return out;
}

/** Writes indented elements; the eligibility system's own files are indented the same way. */
export class XmlWriter {
  private readonly lines: string[];

  constructor(encodingName: string) {
    this.lines = [`<?xml version="1.0" encoding="${encodingName}" standalone="no"?>`];
  }

  private depth = 0;

  open(name: string): void {
    this.lines.push(`${'  '.repeat(this.depth)}<${name}>`);
    this.depth += 1;
  }

  close(name: string): void {
    this.depth -= 1;
    this.lines.push(`${'  '.repeat(this.depth)}</${name}>`);
  }

  text(name: string, value: string | undefined): void {
    if (value === undefined) return;
    this.lines.push(`${'  '.repeat(this.depth)}<${name}>${escapeXml(value)}</${name}>`);
  }

  toString(): string {
    return this.lines.join('\n') + '\n';
  }
}
