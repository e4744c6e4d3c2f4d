// HTTP bindings shared by the REST protocols (restJson1, restXml): members
// bound to URI labels, query parameters and headers, read from and written to
// their string forms.
import { frameworkErrors } from '../errors.ts';
import type { RawRequest } from '../http-types.ts';
import type { Member, Shape } from '../model/shapes.ts';
import { INTEGER_TYPES, NUMBER_TYPES } from '../model/shapes.ts';
import { formatTimestamp, parseTimestamp, type TimestampFormat } from './timestamps.ts';

export const LABEL = 'smithy.api#httpLabel';
export const QUERY = 'smithy.api#httpQuery';
export const QUERY_PARAMS = 'smithy.api#httpQueryParams';
export const HEADER = 'smithy.api#httpHeader';
export const PREFIX_HEADERS = 'smithy.api#httpPrefixHeaders';
export const PAYLOAD = 'smithy.api#httpPayload';
export const RESPONSE_CODE = 'smithy.api#httpResponseCode';

const BOUND = [LABEL, QUERY, QUERY_PARAMS, HEADER, PREFIX_HEADERS, RESPONSE_CODE];

/** Members carried in the body (not bound to the URI, query or headers). */
export function bodyMembers(shape: Shape): Member[] {
  return shape.members.filter((m) => !BOUND.some((t) => t in m.traits));
}

export function payloadMember(shape: Shape): Member | undefined {
  return shape.members.find((m) => PAYLOAD in m.traits);
}

/** Reads URI labels, query parameters and headers into typed input members. */
export function readBoundMembers(
  req: RawRequest,
  shape: Shape,
  labels: Record<string, string>,
  out: Record<string, unknown>,
): void {
  for (const member of shape.members) {
    const t = member.traits;
    if (LABEL in t) {
      const raw = labels[member.name];
      if (raw !== undefined) out[member.name] = fromString(raw, member, 'date-time');
    } else if (QUERY in t) {
      const name = t[QUERY] as string;
      const values = req.query.filter(([k]) => k === name).map(([, v]) => v);
      if (values.length === 0) continue;
      const target = member.target;
      out[member.name] =
        target.type === 'list' || target.type === 'set'
          ? values.map((v) => fromString(v, target.listMember, 'date-time'))
          : fromString(values[0], member, 'date-time');
    } else if (QUERY_PARAMS in t) {
      const bound = new Set(shape.members.filter((m) => QUERY in m.traits).map((m) => m.traits[QUERY] as string));
      const map: Record<string, string> = {};
      for (const [k, v] of req.query) if (!bound.has(k) && !(k in map)) map[k] = v;
      if (Object.keys(map).length > 0) out[member.name] = map;
    } else if (HEADER in t) {
      const raw = req.headers[(t[HEADER] as string).toLowerCase()];
      if (raw === undefined) continue;
      const target = member.target;
      out[member.name] =
        target.type === 'list' || target.type === 'set'
          ? raw.split(',').map((v) => fromString(v.trim(), target.listMember, 'http-date'))
          : fromString(raw, member, 'http-date');
    } else if (PREFIX_HEADERS in t) {
      const prefix = (t[PREFIX_HEADERS] as string).toLowerCase();
      const map: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (k.startsWith(prefix)) map[k.slice(prefix.length)] = v;
      if (Object.keys(map).length > 0) out[member.name] = map;
    }
  }
}

/** Converts a label, query or header string to the member's type. */
export function fromString(raw: string, member: Member, defaultFormat: TimestampFormat): unknown {
  const type = member.target.type;
  const fail = (expected: string): never => {
    throw frameworkErrors.serialization(`Value '${raw}' for '${member.name}' is not ${expected}`);
  };
  if (type === 'boolean') {
    if (raw === 'true') return true;
    if (raw === 'false') return false;
    return fail('a boolean');
  }
  if (NUMBER_TYPES.has(type)) {
    const n = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(n)) return fail('a number');
    if (INTEGER_TYPES.has(type) && !Number.isInteger(n)) return fail('an integer');
    return n;
  }
  if (type === 'timestamp') {
    const format = member.trait<TimestampFormat>('smithy.api#timestampFormat') ?? defaultFormat;
    return parseTimestamp(raw, format) ?? fail(`a ${format} timestamp`);
  }
  if (type === 'blob') return Buffer.from(raw, 'base64');
  return raw;
}

/** Writes output members bound to headers; returns the headers. */
export function writeBoundHeaders(shape: Shape, output: Record<string, unknown>): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const member of shape.members) {
    const value = output[member.name];
    if (value === undefined || value === null) continue;
    if (HEADER in member.traits) {
      headers[(member.traits[HEADER] as string).toLowerCase()] = toString(value, member, 'http-date');
    } else if (PREFIX_HEADERS in member.traits) {
      const prefix = (member.traits[PREFIX_HEADERS] as string).toLowerCase();
      for (const [k, v] of Object.entries(value as Record<string, string>)) headers[prefix + k.toLowerCase()] = v;
    }
  }
  return headers;
}

export function toString(value: unknown, member: Member, defaultFormat: TimestampFormat): string {
  if (value instanceof Date) {
    const format = member.trait<TimestampFormat>('smithy.api#timestampFormat') ?? defaultFormat;
    return String(formatTimestamp(value, format));
  }
  if (Array.isArray(value)) return value.map((v) => toString(v, member.target.listMember, defaultFormat)).join(', ');
  if (Buffer.isBuffer(value)) return value.toString('base64');
  return String(value);
}

/** The status an output's httpResponseCode member asks for, if any. */
export function responseCode(shape: Shape | undefined, output: Record<string, unknown> | undefined): number | undefined {
  const member = shape?.members.find((m) => RESPONSE_CODE in m.traits);
  const code = member && output?.[member.name];
  return typeof code === 'number' ? code : undefined;
}
