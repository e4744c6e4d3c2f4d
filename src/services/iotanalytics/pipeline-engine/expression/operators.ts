// Operator semantics, copied from the AWS IoT SQL "Operators" page
// (https://docs.aws.amazon.com/iot/latest/developerguide/iot-sql-operators.html);
// each function names the table it follows. "Other value" rows give Undefined.
import { jsonEqual } from '../json.ts';
import type { BinaryOperator } from './parser.ts';
import {
  asDecimal,
  boolean,
  decimal,
  fromJson,
  int,
  string,
  toBoolean,
  toNumeric,
  toSqlString,
  UNDEFINED,
  type Numeric,
  type SqlValue,
} from './values.ts';

export function applyBinary(operator: BinaryOperator, left: SqlValue, right: SqlValue): SqlValue {
  switch (operator) {
    case 'AND':
    case 'OR':
      return logical(operator, left, right);
    case '=':
      return equality(left, right, true);
    case '<>':
      return equality(left, right, false);
    case '<':
    case '<=':
    case '>':
    case '>=':
      return ordering(operator, left, right);
    case 'IN':
      return membership(left, right);
    case '+':
      return plus(left, right);
    case '-':
    case '*':
    case '/':
    case '%':
      return arithmetic(operator, left, right);
  }
}

/** NOT table: a Boolean, or a "true"/"false" string; anything else is Undefined. */
export function not(operand: SqlValue): SqlValue {
  const b = toBoolean(operand);
  return b === undefined ? UNDEFINED : boolean(!b);
}

/** Unary minus (not tabled by AWS): numbers and numeric strings negate, like `0 - x`. */
export function negate(operand: SqlValue): SqlValue {
  const n = toNumeric(operand);
  if (!n) return UNDEFINED;
  return n.type === 'Int' ? int(-n.value) : decimal(n.value.negate());
}

// AND / OR tables: both operands must be Booleans or "true"/"false" strings,
// otherwise the result is Undefined, so `false AND x` with x missing is
// Undefined rather than false.
function logical(operator: 'AND' | 'OR', left: SqlValue, right: SqlValue): SqlValue {
  const l = toBoolean(left);
  const r = toBoolean(right);
  if (l === undefined || r === undefined) return UNDEFINED;
  return boolean(operator === 'AND' ? l && r : l || r);
}

// "=" and "<>" tables: Int and Decimal compare by value; other types compare
// only with their own type ("Mismatched Type": = false, <> true, so '5' = 5
// is false); Undefined on either side gives Undefined; Null = Null.
export function equals(left: SqlValue, right: SqlValue): boolean | undefined {
  if (left.type === 'Undefined' || right.type === 'Undefined') return undefined;
  const l = left.type === 'Int' || left.type === 'Decimal' ? left : undefined;
  const r = right.type === 'Int' || right.type === 'Decimal' ? right : undefined;
  if (l && r) return asDecimal(l).compare(asDecimal(r)) === 0;
  if (left.type !== right.type) return false;
  if (left.type === 'Null') return true;
  if (left.type === 'Array' || left.type === 'Object') return jsonEqual(left.value, (right as typeof left).value);
  return (left as { value: unknown }).value === (right as { value: unknown }).value;
}

function equality(left: SqlValue, right: SqlValue, wantEqual: boolean): SqlValue {
  const eq = equals(left, right);
  return eq === undefined ? UNDEFINED : boolean(eq === wantEqual);
}

// ">", ">=", "<", "<=" tables: "Both operands are converted to a Decimal, and
// then compared"; strings that do not convert, and every other type, give Undefined.
function ordering(operator: '<' | '<=' | '>' | '>=', left: SqlValue, right: SqlValue): SqlValue {
  const l = toNumeric(left);
  const r = toNumeric(right);
  if (!l || !r) return UNDEFINED;
  const c = asDecimal(l).compare(asDecimal(r));
  return boolean(operator === '<' ? c < 0 : operator === '<=' ? c <= 0 : operator === '>' ? c > 0 : c >= 0);
}

// IN: "check if a value matches any value in an array", matching as `=` does.
// A right operand that is not an Array gives Undefined.
function membership(left: SqlValue, right: SqlValue): SqlValue {
  if (left.type === 'Undefined' || right.type !== 'Array') return UNDEFINED;
  return boolean(right.value.some((item) => equals(left, fromJson(item)) === true));
}

// "+" table: a String on either side concatenates with the other operand's
// string form (Null and Undefined have none, giving Undefined); Int + Int is
// Int; Int/Decimal mixes are Decimal. Strings are never added as numbers.
function plus(left: SqlValue, right: SqlValue): SqlValue {
  if (left.type === 'String' || right.type === 'String') {
    const l = toSqlString(left);
    const r = toSqlString(right);
    return l === undefined || r === undefined ? UNDEFINED : string(l + r);
  }
  const l = left.type === 'Int' || left.type === 'Decimal' ? left : undefined;
  const r = right.type === 'Int' || right.type === 'Decimal' ? right : undefined;
  return l && r ? compute('+', l, r) : UNDEFINED;
}

// "-", "*", "/", "%" tables: Int with Int stays Int; Int/Decimal mixes are
// Decimal; numeric strings convert, and then the result is Decimal.
function arithmetic(operator: '-' | '*' | '/' | '%', left: SqlValue, right: SqlValue): SqlValue {
  const l = toNumeric(left);
  const r = toNumeric(right);
  return l && r ? compute(operator, l, r) : UNDEFINED;
}

/**
 * Int / Int truncates towards zero and Int % Int keeps the dividend's sign,
 * as the Java engine behind IoT SQL does; dividing by zero is Undefined. The
 * guide's own math example relies on Int division: (tempF - 32) / 2 with
 * tempF = 50 gives 9.
 */
export function compute(operator: '+' | '-' | '*' | '/' | '%', l: Numeric, r: Numeric): SqlValue {
  if (l.type === 'Int' && r.type === 'Int') {
    const [a, b] = [l.value, r.value];
    switch (operator) {
      case '+':
        return int(a + b);
      case '-':
        return int(a - b);
      case '*':
        return int(a * b);
      case '/':
        return b === 0n ? UNDEFINED : int(a / b);
      case '%':
        return b === 0n ? UNDEFINED : int(a % b);
    }
  }
  const [a, b] = [asDecimal(l), asDecimal(r)];
  const result =
    operator === '+' ? a.add(b) : operator === '-' ? a.sub(b) : operator === '*' ? a.mul(b) : operator === '/' ? a.div(b) : a.rem(b);
  return result === undefined ? UNDEFINED : decimal(result);
}
