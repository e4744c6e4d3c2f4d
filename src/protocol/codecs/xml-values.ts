// Converts between XML elements and typed values (Date for timestamps, Buffer
// for blobs) by walking the model, following Smithy's XML binding rules
// (https://smithy.io/2.0/spec/protocol-traits.html#xml-bindings): element
// names from xmlName or the member name, lists wrapped in their member's name
// ("member" by default) unless xmlFlattened, maps as <entry><key/><value/>,
// xmlAttribute members as attributes, xmlNamespace as xmlns attributes.
import { frameworkErrors } from '../errors.ts';
import type { Member, Shape } from '../model/shapes.ts';
import { INTEGER_TYPES, NUMBER_TYPES } from '../model/shapes.ts';
import { formatTimestamp, parseTimestamp, type TimestampFormat } from './timestamps.ts';
import type { XmlElement, XmlNode } from './xml.ts';

const XML_NAME = 'smithy.api#xmlName';
const FLATTENED = 'smithy.api#xmlFlattened';
const ATTRIBUTE = 'smithy.api#xmlAttribute';
const NAMESPACE = 'smithy.api#xmlNamespace';

export function elementName(member: Member): string {
  return (member.traits[XML_NAME] as string | undefined) ?? member.name;
}

/** The root element name of a structure written as a document: its xmlName, else its shape name. */
export function rootName(shape: Shape): string {
  return (shape.traits[XML_NAME] as string | undefined) ?? shape.name;
}

/** xmlns attributes a member (or its target shape) declares. */
export function namespaceAttributes(member: Member | undefined, shape: Shape): Record<string, string> {
  const ns = (member?.traits[NAMESPACE] ?? shape.traits[NAMESPACE]) as { uri: string; prefix?: string } | undefined;
  if (!ns) return {};
  return { [ns.prefix ? `xmlns:${ns.prefix}` : 'xmlns']: ns.uri };
}

// ---- reading ----

export function readXmlStructure(element: XmlElement, shape: Shape, members: Member[] = shape.members): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const member of members) {
    const name = elementName(member);
    if (ATTRIBUTE in member.traits) {
      const value = element.attributes[name];
      if (value !== undefined) out[member.name] = readScalar(value, member);
      continue;
    }
    const target = member.target;
    if (FLATTENED in member.traits && (target.type === 'list' || target.type === 'set')) {
      const items = element.children.filter((c) => c.name === name);
      if (items.length > 0) out[member.name] = items.map((item) => readXmlValue(item, target.listMember));
      continue;
    }
    if (FLATTENED in member.traits && target.type === 'map') {
      const entries = element.children.filter((c) => c.name === name);
      if (entries.length > 0) out[member.name] = readMapEntries(entries, target);
      continue;
    }
    const child = element.children.find((c) => c.name === name);
    if (child) out[member.name] = readXmlValue(child, member);
  }
  return out;
}

export function readXmlValue(element: XmlElement, member: Member): unknown {
  const target = member.target;
  switch (target.type) {
    case 'structure':
    case 'union':
      return readXmlStructure(element, target);
    case 'list':
    case 'set': {
      const itemName = elementName(target.listMember);
      return element.children.filter((c) => c.name === itemName).map((c) => readXmlValue(c, target.listMember));
    }
    case 'map':
      return readMapEntries(element.children.filter((c) => c.name === 'entry'), target);
    default:
      return readScalar(element.text, member);
  }
}

function readMapEntries(entries: XmlElement[], map: Shape): Record<string, unknown> {
  const keyName = elementName(map.mapKey);
  const valueName = elementName(map.mapValue);
  const out: Record<string, unknown> = {};
  for (const entry of entries) {
    const key = entry.children.find((c) => c.name === keyName);
    const value = entry.children.find((c) => c.name === valueName);
    if (key && value) out[key.text] = readXmlValue(value, map.mapValue);
  }
  return out;
}

function readScalar(text: string, member: Member): unknown {
  const type = member.target.type;
  const fail = (expected: string): never => {
    throw frameworkErrors.serialization(`Value '${text}' at '${member.name}' is not ${expected}`);
  };
  if (type === 'boolean') {
    if (text === 'true') return true;
    if (text === 'false') return false;
    return fail('a boolean');
  }
  if (NUMBER_TYPES.has(type)) {
    const n = Number(text);
    if (text.trim() === '' || Number.isNaN(n)) return fail('a number');
    if (INTEGER_TYPES.has(type) && !Number.isInteger(n)) return fail('an integer');
    return n;
  }
  if (type === 'timestamp') {
    const format = member.trait<TimestampFormat>('smithy.api#timestampFormat') ?? 'date-time';
    return parseTimestamp(text, format) ?? fail(`a ${format} timestamp`);
  }
  if (type === 'blob') return Buffer.from(text, 'base64');
  return text;
}

// ---- writing ----

/** The child elements and attributes of a structure's members (absent members are omitted). */
export function writeXmlMembers(
  value: Record<string, unknown>,
  shape: Shape,
  members: Member[] = shape.members,
): { children: XmlNode[]; attributes: Record<string, string> } {
  const children: XmlNode[] = [];
  const attributes: Record<string, string> = {};
  for (const member of members) {
    const v = value[member.name];
    if (v === undefined || v === null) continue;
    const name = elementName(member);
    if (ATTRIBUTE in member.traits) {
      attributes[name] = scalarText(v, member);
      continue;
    }
    const target = member.target;
    if (FLATTENED in member.traits && (target.type === 'list' || target.type === 'set')) {
      for (const item of v as unknown[]) {
        if (item !== null && item !== undefined) children.push(writeXmlValue(name, item, target.listMember, member));
      }
      continue;
    }
    if (FLATTENED in member.traits && target.type === 'map') {
      for (const [key, item] of Object.entries(v as Record<string, unknown>)) children.push(mapEntry(name, key, item, target));
      continue;
    }
    children.push(writeXmlValue(name, v, member));
  }
  return { children, attributes };
}

/** One element named `name` holding `value`, typed by `member` (`owner` supplies namespace traits of flattened items). */
export function writeXmlValue(name: string, value: unknown, member: Member, owner: Member = member): XmlNode {
  const target = member.target;
  switch (target.type) {
    case 'structure':
    case 'union': {
      const { children, attributes } = writeXmlMembers(value as Record<string, unknown>, target);
      return { name, attributes: { ...namespaceAttributes(owner, target), ...attributes }, children };
    }
    case 'list':
    case 'set': {
      const itemName = elementName(target.listMember);
      const items = (value as unknown[]).filter((item) => item !== null && item !== undefined);
      return { name, children: items.map((item) => writeXmlValue(itemName, item, target.listMember)) };
    }
    case 'map':
      return {
        name,
        children: Object.entries(value as Record<string, unknown>).map(([k, v]) => mapEntry('entry', k, v, target)),
      };
    default:
      return { name, text: scalarText(value, member) };
  }
}

function mapEntry(name: string, key: string, value: unknown, map: Shape): XmlNode {
  return {
    name,
    children: [
      { name: elementName(map.mapKey), text: key },
      writeXmlValue(elementName(map.mapValue), value, map.mapValue),
    ],
  };
}

function scalarText(value: unknown, member: Member): string {
  if (value instanceof Date) {
    return String(formatTimestamp(value, member.trait<TimestampFormat>('smithy.api#timestampFormat') ?? 'date-time'));
  }
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  return String(value);
}
