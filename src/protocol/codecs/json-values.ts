// Converts between JSON documents and typed values (Date for timestamps,
// Buffer for blobs) by walking the model. Shared by restJson1 and awsJson.
// Unknown members are ignored and JSON null counts as absent, as AWS's JSON
// services do; a value of the wrong JSON type is a SerializationException.
import { frameworkErrors } from '../errors.ts';
import type { Member, Shape } from '../model/shapes.ts';
import { INTEGER_TYPES, NUMBER_TYPES } from '../model/shapes.ts';
import { formatTimestamp, parseTimestamp, type TimestampFormat } from './timestamps.ts';

export interface JsonCodecOptions {
  /** restJson1 honours `smithy.api#jsonName`; awsJson does not. */
  useJsonName: boolean;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export function wireName(member: Member, options: JsonCodecOptions): string {
  return (options.useJsonName && (member.traits['smithy.api#jsonName'] as string | undefined)) || member.name;
}

/**
 * Coral's (Jackson's) words for a JSON token of the wrong type, e.g.
 * "STRING_VALUE can not be converted to an Integer",
 * "Start of structure or map found where not expected.".
 */
function mismatch(expected: string, value: unknown): never {
  if (Array.isArray(value)) throw frameworkErrors.serialization('Start of list found where not expected');
  if (value !== null && typeof value === 'object') {
    throw frameworkErrors.serialization('Start of structure or map found where not expected.');
  }
  const token =
    typeof value === 'string' ? 'STRING_VALUE' : typeof value === 'number' ? 'NUMBER_VALUE' : value === true ? 'TRUE_VALUE' : 'FALSE_VALUE';
  throw frameworkErrors.serialization(`${token} can not be converted to ${expected}`);
}

/** Reads a JSON object into a structure's members (only those present in `members`). */
export function readStructure(
  json: unknown,
  shape: Shape,
  options: JsonCodecOptions,
  path = '',
  members: Member[] = shape.members,
): Record<string, unknown> {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) mismatch('a Structure', json);
  const source = json as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const member of members) {
    const raw = source[wireName(member, options)];
    if (raw === undefined || raw === null) continue;
    out[member.name] = readValue(raw, member, options, path ? `${path}.${member.name}` : member.name);
  }
  if (shape.type === 'union' && Object.keys(out).length !== 1) {
    throw frameworkErrors.serialization(
      `Union '${path || shape.name}' must have exactly one member set, found ${Object.keys(out).length}`,
    );
  }
  return out;
}

export function readValue(raw: unknown, member: Member, options: JsonCodecOptions, path: string): unknown {
  const target = member.target;
  switch (target.type) {
    case 'structure':
    case 'union':
      return readStructure(raw, target, options, path);
    case 'list':
    case 'set': {
      if (!Array.isArray(raw)) mismatch('a List', raw);
      const element = target.listMember;
      return (raw as unknown[]).map((item, i) =>
        item === null ? null : readValue(item, element, options, `${path}.${i + 1}.member`),
      );
    }
    case 'map': {
      if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) mismatch('a Map', raw);
      const out: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
        if (value === null) continue;
        out[key] = readValue(value, target.mapValue, options, `${path}.${key}.member`);
      }
      return out;
    }
    case 'string':
    case 'enum':
      if (typeof raw !== 'string') mismatch('a String', raw);
      return raw;
    case 'boolean':
      if (typeof raw !== 'boolean') mismatch('a Boolean', raw);
      return raw;
    case 'blob':
      if (typeof raw !== 'string') mismatch('a ByteBuffer', raw);
      return decodeBase64(raw as string, path);
    case 'timestamp': {
      const format = member.trait<TimestampFormat>('smithy.api#timestampFormat') ?? 'epoch-seconds';
      const date = parseTimestamp(raw, format);
      if (!date) mismatch('a Date', raw);
      return date;
    }
    case 'document':
      return raw;
    default:
      if (NUMBER_TYPES.has(target.type)) {
        const javaType = JAVA_NUMBER_TYPES[target.type] ?? 'a Double';
        if (typeof raw !== 'number' || !Number.isFinite(raw)) mismatch(javaType, raw);
        if (INTEGER_TYPES.has(target.type) && !Number.isInteger(raw)) mismatch(javaType, raw);
        return raw;
      }
      return raw;
  }
}

const JAVA_NUMBER_TYPES: Partial<Record<string, string>> = {
  byte: 'a Byte',
  short: 'a Short',
  integer: 'an Integer',
  intEnum: 'an Integer',
  long: 'a Long',
  bigInteger: 'a BigInteger',
  float: 'a Float',
  double: 'a Double',
  bigDecimal: 'a BigDecimal',
};

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function decodeBase64(text: string, path: string): Buffer {
  // Most blobs carry no whitespace: test before copying (BatchPutMessage decodes 100 per call).
  const compact = /\s/.test(text) ? text.replace(/\s+/g, '') : text;
  if (compact.length % 4 !== 0 || !BASE64.test(compact)) {
    throw frameworkErrors.serialization(`Value at '${path}' is not valid base64`);
  }
  return Buffer.from(compact, 'base64');
}

/** Writes a typed structure as a JSON object; absent members are omitted. */
export function writeStructure(
  value: Record<string, unknown>,
  shape: Shape,
  options: JsonCodecOptions,
  members: Member[] = shape.members,
): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const member of members) {
    const v = value[member.name];
    if (v === undefined || v === null) continue;
    out[wireName(member, options)] = writeValue(v, member, options);
  }
  return out;
}

export function writeValue(value: unknown, member: Member, options: JsonCodecOptions): Json {
  const target = member.target;
  switch (target.type) {
    case 'structure':
    case 'union':
      return writeStructure(value as Record<string, unknown>, target, options);
    case 'list':
    case 'set':
      return (value as unknown[]).map((item) => (item === null ? null : writeValue(item, target.listMember, options)));
    case 'map': {
      const out: Record<string, Json> = {};
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        if (v !== undefined) out[k] = v === null ? null : writeValue(v, target.mapValue, options);
      }
      return out;
    }
    case 'blob':
      return Buffer.from(value as Uint8Array).toString('base64');
    case 'timestamp':
      return formatTimestamp(
        value as Date,
        member.trait<TimestampFormat>('smithy.api#timestampFormat') ?? 'epoch-seconds',
      ) as Json;
    default:
      return value as Json;
  }
}
