// Reads awsQuery request parameters into a typed input by walking the model
// (https://smithy.io/2.0/aws/protocols/aws-query-protocol.html): structure
// members by name (or xmlName), `Name.B` for nested structures, lists as
// `Name.member.N` (`Name.N` when xmlFlattened), maps as
// `Name.entry.N.key` / `Name.entry.N.value`, and an empty list as `Name=`.
// Parameters the model does not know are ignored, as AWS does.
import { ApiError } from '../errors.ts';
import type { Member, Shape } from '../model/shapes.ts';
import { INTEGER_TYPES, NUMBER_TYPES } from '../model/shapes.ts';
import { parseTimestamp, type TimestampFormat } from './timestamps.ts';

interface ParamNode {
  value?: string;
  children: Map<string, ParamNode>;
}

function tree(params: Iterable<[string, string]>): ParamNode {
  const root: ParamNode = { children: new Map() };
  for (const [key, value] of params) {
    let node = root;
    for (const part of key.split('.')) {
      let child = node.children.get(part);
      if (!child) {
        child = { children: new Map() };
        node.children.set(part, child);
      }
      node = child;
    }
    node.value = value;
  }
  return root;
}

/** The typed input of an operation from its (already decoded) parameters. */
export function readQueryInput(params: Iterable<[string, string]>, shape: Shape): Record<string, unknown> {
  return readStructure(tree(params), shape);
}

function xmlName(member: Member, fallback: string): string {
  return (member.traits['smithy.api#xmlName'] as string | undefined) ?? fallback;
}

function readStructure(node: ParamNode, shape: Shape): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const member of shape.members) {
    const child = node.children.get(xmlName(member, member.name));
    if (child) out[member.name] = readValue(child, member);
  }
  return out;
}

/** Children named 1, 2, 3… in numeric order. */
function indexed(node: ParamNode | undefined): ParamNode[] {
  if (!node) return [];
  return [...node.children.entries()]
    .filter(([key]) => /^[1-9]\d*$/.test(key))
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([, child]) => child);
}

function readValue(node: ParamNode, member: Member): unknown {
  const target = member.target;
  const flattened = member.has('smithy.api#xmlFlattened');
  switch (target.type) {
    case 'structure':
    case 'union':
      return readStructure(node, target);
    case 'list':
    case 'set': {
      const element = target.listMember;
      const items = flattened ? node : node.children.get(xmlName(element, 'member'));
      return indexed(items).map((child) => readValue(child, element));
    }
    case 'map': {
      const entries = flattened ? node : node.children.get('entry');
      const keyName = xmlName(target.mapKey, 'key');
      const valueName = xmlName(target.mapValue, 'value');
      const out: Record<string, unknown> = {};
      for (const entry of indexed(entries)) {
        const key = entry.children.get(keyName)?.value;
        const value = entry.children.get(valueName);
        if (key !== undefined && value) out[key] = readValue(value, target.mapValue);
      }
      return out;
    }
    default:
      return readScalar(node.value ?? '', member);
  }
}

function malformed(member: Member, raw: string): never {
  // AWS's text for an unconvertible query parameter was not found; this one
  // names the parameter and value (docs/FIDELITY.md, "awsQuery").
  throw new ApiError('ValidationError', `Invalid value '${raw}' for parameter ${member.name}.`, { status: 400 });
}

function readScalar(raw: string, member: Member): unknown {
  const type = member.target.type;
  if (type === 'string' || type === 'enum') return raw;
  if (type === 'boolean') {
    if (raw === 'true' || raw === 'false') return raw === 'true';
    return malformed(member, raw);
  }
  if (type === 'timestamp') {
    const format = member.trait<TimestampFormat>('smithy.api#timestampFormat') ?? 'date-time';
    return parseTimestamp(raw, format) ?? malformed(member, raw);
  }
  if (type === 'blob') {
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(raw) || raw.length % 4 !== 0) return malformed(member, raw);
    return Buffer.from(raw, 'base64');
  }
  if (NUMBER_TYPES.has(type)) {
    const value = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(value)) return malformed(member, raw);
    if (INTEGER_TYPES.has(type) && !Number.isInteger(value)) return malformed(member, raw);
    return value;
  }
  return raw;
}
