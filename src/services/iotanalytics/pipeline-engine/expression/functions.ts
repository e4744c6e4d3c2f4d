// Functions, with the argument tables of the IoT Analytics guide's "Math
// activity operators and functions" page, which repeats those of the AWS IoT
// SQL "Functions" page (https://docs.aws.amazon.com/iot/latest/developerguide/iot-sql-functions.html).
// Common rules from those tables: Int, Decimal and numeric strings are
// accepted; Boolean, Array, Object, Null and Undefined give Undefined.
// Beyond the math list we offer floor, isNull and isUndefined from the IoT
// SQL page, because filters need them to test missing or null attributes.
import { Decimal } from './decimal.ts';
import { compute } from './operators.ts';
import { asDecimal, boolean, decimal, int, toNumeric, UNDEFINED, type Numeric, type SqlValue } from './values.ts';

export interface SqlFunction {
  arity: number;
  apply(args: SqlValue[]): SqlValue;
}

const toDouble = (n: Numeric): number => (n.type === 'Int' ? Number(n.value) : n.value.toNumber());

/**
 * "Decimal arguments are rounded to double precision before function
 * application" and the result is a "Decimal (with double precision)";
 * "Imaginary results are returned as Undefined" (NaN, and infinities, which
 * a Decimal cannot hold).
 */
function double(fn: (x: number) => number): SqlFunction {
  return {
    arity: 1,
    apply: ([x]) => {
      const n = toNumeric(x);
      return n ? doubleResult(fn(toDouble(n))) : UNDEFINED;
    },
  };
}

/** Two arguments that must both be numbers (numeric strings convert). */
function numeric2(fn: (a: Numeric, b: Numeric) => SqlValue): SqlFunction {
  return {
    arity: 2,
    apply: ([a, b]) => {
      const [l, r] = [toNumeric(a), toNumeric(b)];
      return l && r ? fn(l, r) : UNDEFINED;
    },
  };
}

function doubleResult(x: number): SqlValue {
  return Number.isFinite(x) ? decimal(Decimal.fromNumber(x)) : UNDEFINED;
}

/** ceil / floor / round: an Int stays itself; Decimals and numeric strings become an Int. */
function toInt(fn: (d: Decimal) => bigint): SqlFunction {
  return {
    arity: 1,
    apply: ([x]) => {
      const n = toNumeric(x);
      if (!n) return UNDEFINED;
      return n.type === 'Int' ? n : int(fn(n.value));
    },
  };
}

// "If the second argument is less than zero, it will be set to zero. If the
// second argument is greater than 34, it will be set to 34."
const MAX_TRUNC_PLACES = 34;

export const FUNCTIONS: Record<string, SqlFunction> = {
  // abs: Int → Int, Decimal → Decimal, String → Decimal. Example: abs(-5) = 5.
  abs: {
    arity: 1,
    apply: ([x]) => {
      const n = toNumeric(x);
      if (!n) return UNDEFINED;
      return n.type === 'Int' ? int(n.value < 0n ? -n.value : n.value) : decimal(n.value.abs());
    },
  },
  acos: double(Math.acos),
  asin: double(Math.asin),
  atan: double(Math.atan),
  // atan2(1, 0) = 1.5707963267948966, so the arguments are Java's (y, x).
  atan2: numeric2((y, x) => doubleResult(Math.atan2(toDouble(y), toDouble(x)))),
  ceil: toInt((d) => d.ceil()),
  cos: double(Math.cos),
  cosh: double(Math.cosh),
  exp: double(Math.exp),
  floor: toInt((d) => d.floor()),
  isnull: { arity: 1, apply: ([x]) => boolean(x.type === 'Null') },
  isundefined: { arity: 1, apply: ([x]) => boolean(x.type === 'Undefined') },
  ln: double(Math.log),
  log: double(Math.log10),
  // mod: "You can also use "%" as an infix operator for the same modulo functionality."
  mod: numeric2((a, b) => compute('%', a, b)),
  power: numeric2((a, b) => doubleResult(Math.pow(toDouble(a), toDouble(b)))),
  // round: "If the Decimal is equidistant from two Int values (for example,
  // 0.5), the Decimal is rounded up": Round(-1.5) = -2, so halves go away from zero.
  round: toInt((d) => d.roundHalfUp()),
  // sign: the result is always an Int (-1, 0 or 1).
  sign: {
    arity: 1,
    apply: ([x]) => {
      const n = toNumeric(x);
      return n ? int(BigInt(asDecimal(n).sign())) : UNDEFINED;
    },
  },
  sin: double(Math.sin),
  sinh: double(Math.sinh),
  sqrt: double(Math.sqrt),
  tan: double(Math.tan),
  tanh: double(Math.tanh),
  // trunc(Decimal, Int): Int with Int is "the source value"; otherwise the
  // first argument (numeric strings allowed) is cut to n places, n (an Int or
  // a Decimal "rounded down to the nearest Int", never a String) clamped to
  // 0–34, and "trailing zeros are stripped from the result": trunc(2.00, 5) = 2.
  trunc: {
    arity: 2,
    apply: ([x, places]) => {
      const n = toNumeric(x);
      if (!n || (places.type !== 'Int' && places.type !== 'Decimal')) return UNDEFINED;
      if (n.type === 'Int' && places.type === 'Int') return n;
      const p = places.type === 'Int' ? places.value : places.value.floor();
      const clamped = p < 0n ? 0 : p > BigInt(MAX_TRUNC_PLACES) ? MAX_TRUNC_PLACES : Number(p);
      return decimal(asDecimal(n).truncate(clamped).stripTrailingZeros(0));
    },
  },
};
