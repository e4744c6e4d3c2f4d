// The value types of AWS IoT SQL and the conversions between them, copied
// from "Data types" → "Conversions"
// (https://docs.aws.amazon.com/iot/latest/developerguide/iot-sql-data-types.html).
import type { JsonObject, JsonValue } from '../json.ts';
import { Decimal } from './decimal.ts';

export type SqlValue =
  | { type: 'Int'; value: bigint }
  | { type: 'Decimal'; value: Decimal }
  | { type: 'String'; value: string }
  | { type: 'Boolean'; value: boolean }
  | { type: 'Array'; value: JsonValue[] }
  | { type: 'Object'; value: JsonObject }
  | { type: 'Null' }
  | { type: 'Undefined' };

export type SqlType = SqlValue['type'];

export const UNDEFINED: SqlValue = { type: 'Undefined' };
export const NULL: SqlValue = { type: 'Null' };
export const int = (value: bigint): SqlValue => ({ type: 'Int', value });
export const decimal = (value: Decimal): SqlValue => ({ type: 'Decimal', value });
export const string = (value: string): SqlValue => ({ type: 'String', value });
export const boolean = (value: boolean): SqlValue => ({ type: 'Boolean', value });

/** A number an operator or function can compute with. */
export type Numeric = { type: 'Int'; value: bigint } | { type: 'Decimal'; value: Decimal };

/**
 * Message values enter the language here. JSON does not keep `10.0` apart
 * from `10` once parsed, and AWS IoT SQL version 2016-03-23 itself treats
 * whole numbers such as 10.0 as Int ("Data types", Decimal row), so every
 * whole number is an Int.
 */
export function fromJson(value: JsonValue | undefined): SqlValue {
  if (value === undefined) return UNDEFINED;
  if (value === null) return NULL;
  switch (typeof value) {
    case 'number':
      return Number.isInteger(value) ? int(BigInt(value)) : decimal(Decimal.fromNumber(value));
    case 'string':
      return string(value);
    case 'boolean':
      return boolean(value);
  }
  return Array.isArray(value) ? { type: 'Array', value } : { type: 'Object', value };
}

/** Back to JSON; Undefined has no JSON form ("it isn't representable in JSON"). */
export function toJson(value: SqlValue): JsonValue | undefined {
  switch (value.type) {
    case 'Int':
      return Number(value.value);
    case 'Decimal':
      return value.value.toNumber();
    case 'String':
    case 'Boolean':
    case 'Array':
    case 'Object':
      return value.value;
    case 'Null':
      return null;
    case 'Undefined':
      return undefined;
  }
}

// "AWS IoT attempts to parse strings matching the regular expression:
// ^-?\d+(\.\d+)?((?i)E-?\d+)?$" ("Conversions", To Decimal).
const DECIMAL_STRING = /^-?\d+(\.\d+)?([eE]-?\d+)?$/;

/** Int and Decimal as they are, strings that look like numbers as Decimal; anything else is no number. */
export function toNumeric(value: SqlValue): Numeric | undefined {
  if (value.type === 'Int' || value.type === 'Decimal') return value;
  if (value.type === 'String' && DECIMAL_STRING.test(value.value)) return { type: 'Decimal', value: Decimal.parse(value.value)! };
  return undefined;
}

export function asDecimal(n: Numeric): Decimal {
  return n.type === 'Int' ? Decimal.of(n.value) : n.value;
}

/** "To Boolean": Booleans, and the strings "true"/"false" in any case. */
export function toBoolean(value: SqlValue): boolean | undefined {
  if (value.type === 'Boolean') return value.value;
  if (value.type === 'String') {
    const lower = value.value.toLowerCase();
    if (lower === 'true' || lower === 'false') return lower === 'true';
  }
  return undefined;
}

/** "To String": Null and Undefined have no string form. */
export function toSqlString(value: SqlValue): string | undefined {
  switch (value.type) {
    case 'Int':
    case 'Decimal':
    case 'Boolean':
      return value.value.toString();
    case 'String':
      return value.value;
    case 'Array':
    case 'Object':
      return JSON.stringify(value.value);
    case 'Null':
    case 'Undefined':
      return undefined;
  }
}
