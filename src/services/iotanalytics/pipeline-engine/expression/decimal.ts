// Exact decimal numbers for the expression language.
//
// AWS IoT SQL ("Data types", https://docs.aws.amazon.com/iot/latest/developerguide/iot-sql-data-types.html):
// "Decimal: A Decimal with a precision of 34 digits". The rules engine runs on
// Java's BigDecimal, so `0.1 + 0.2 = 0.3` holds there while it does not with
// doubles. We copy that: values are unscaled BigInt × 10^-scale, and every
// result is rounded to 34 significant digits with HALF_EVEN, as Java's
// MathContext.DECIMAL128 does.

const PRECISION = 34;

const TEN = 10n;
const pow10 = (n: number): bigint => TEN ** BigInt(n);
const digitCount = (n: bigint): number => (n < 0n ? -n : n).toString().length;
const abs = (n: bigint): bigint => (n < 0n ? -n : n);

// Accepts what JavaScript's String(number) and decimal literals produce:
// "-12", "3.25", "1e-7", "1.5e+21".
const NUMBER_TEXT = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;

export class Decimal {
  private constructor(
    readonly unscaled: bigint,
    readonly scale: number,
  ) {}

  static of(unscaled: bigint, scale = 0): Decimal {
    return new Decimal(unscaled, scale).rounded();
  }

  static parse(text: string): Decimal | undefined {
    const m = NUMBER_TEXT.exec(text);
    if (!m) return undefined;
    const [, sign, whole, fraction = '', exponent = '0'] = m;
    const unscaled = BigInt(sign + whole + fraction);
    return Decimal.of(unscaled, fraction.length - Number(exponent));
  }

  /** The decimal a finite double stands for, by its shortest round-trip text. */
  static fromNumber(n: number): Decimal {
    if (!Number.isFinite(n)) throw new RangeError(`not a finite number: ${n}`);
    return Decimal.parse(String(n))!;
  }

  get isZero(): boolean {
    return this.unscaled === 0n;
  }

  sign(): -1 | 0 | 1 {
    return this.unscaled < 0n ? -1 : this.unscaled > 0n ? 1 : 0;
  }

  negate(): Decimal {
    return new Decimal(-this.unscaled, this.scale);
  }

  abs(): Decimal {
    return this.unscaled < 0n ? this.negate() : this;
  }

  add(other: Decimal): Decimal {
    const [a, b, scale] = align(this, other);
    return Decimal.of(a + b, scale);
  }

  sub(other: Decimal): Decimal {
    return this.add(other.negate());
  }

  mul(other: Decimal): Decimal {
    return Decimal.of(this.unscaled * other.unscaled, this.scale + other.scale);
  }

  /**
   * Division to 34 significant digits (HALF_EVEN). An exact quotient keeps
   * the scale Java prefers (dividend scale - divisor scale, trailing zeros
   * stripped down to it), so `10.0 / 4` is 2.5. Undefined for a zero divisor.
   */
  div(other: Decimal): Decimal | undefined {
    if (other.isZero) return undefined;
    if (this.isZero) return new Decimal(0n, Math.max(0, this.scale - other.scale));
    // Enough extra digits that the quotient carries PRECISION + 2 digits, then a
    // sticky digit records whether anything was left over, so rounding is exact.
    const shift = Math.max(0, PRECISION + 3 + digitCount(other.unscaled) - digitCount(this.unscaled));
    const numerator = this.unscaled * pow10(shift);
    let quotient = numerator / other.unscaled;
    let scale = this.scale - other.scale + shift;
    if (numerator % other.unscaled !== 0n) {
      const negative = this.unscaled < 0n !== other.unscaled < 0n;
      quotient = quotient * TEN + (negative ? -1n : 1n);
      scale += 1;
      return Decimal.of(quotient, scale);
    }
    return new Decimal(quotient, scale).stripTrailingZeros(this.scale - other.scale).rounded();
  }

  /** Remainder with the sign of the dividend (Java's BigDecimal.remainder). */
  rem(other: Decimal): Decimal | undefined {
    if (other.isZero) return undefined;
    const [a, b, scale] = align(this, other);
    return Decimal.of(a % b, scale);
  }

  compare(other: Decimal): -1 | 0 | 1 {
    const [a, b] = align(this, other);
    return a < b ? -1 : a > b ? 1 : 0;
  }

  isInteger(): boolean {
    return this.scale <= 0 || this.unscaled % pow10(this.scale) === 0n;
  }

  /** Cuts to `places` decimal places, towards zero. */
  truncate(places: number): Decimal {
    if (this.scale <= places) return this;
    return new Decimal(this.unscaled / pow10(this.scale - places), places);
  }

  /** The integer part, towards zero. */
  toBigInt(): bigint {
    if (this.scale <= 0) return this.unscaled * pow10(-this.scale);
    return this.unscaled / pow10(this.scale);
  }

  floor(): bigint {
    const whole = this.toBigInt();
    return this.isInteger() || this.unscaled > 0n ? whole : whole - 1n;
  }

  ceil(): bigint {
    const whole = this.toBigInt();
    return this.isInteger() || this.unscaled < 0n ? whole : whole + 1n;
  }

  /** Nearest integer, halves away from zero (Java's RoundingMode.HALF_UP). */
  roundHalfUp(): bigint {
    if (this.scale <= 0) return this.toBigInt();
    const divisor = pow10(this.scale);
    const whole = this.unscaled / divisor;
    const twice = abs(this.unscaled % divisor) * 2n;
    if (twice < divisor) return whole;
    return this.unscaled < 0n ? whole - 1n : whole + 1n;
  }

  /** Removes trailing zeros, but keeps at least `minScale` decimal places. */
  stripTrailingZeros(minScale = Number.NEGATIVE_INFINITY): Decimal {
    const { unscaled, scale } = this;
    if (unscaled === 0n) return new Decimal(0n, Math.max(0, Math.min(scale, minScale)));
    // Counted on the digits: one BigInt division per zero is slow for the
    // 30-odd zeros an exact quotient carries.
    const digits = unscaled.toString();
    let zeros = 0;
    while (zeros < scale - minScale && zeros < digits.length - 1 && digits.charCodeAt(digits.length - 1 - zeros) === 0x30) zeros++;
    if (zeros === 0) return this;
    return new Decimal(BigInt(digits.slice(0, digits.length - zeros)), scale - zeros);
  }

  toNumber(): number {
    return Number(this.toString());
  }

  /** Java's BigDecimal.toString: plain unless the exponent is very small or the scale negative. */
  toString(): string {
    const sign = this.unscaled < 0n ? '-' : '';
    const digits = abs(this.unscaled).toString();
    const adjusted = digits.length - 1 - this.scale;
    if (this.scale >= 0 && adjusted >= -6) {
      if (this.scale === 0) return sign + digits;
      const padded = digits.padStart(this.scale + 1, '0');
      const point = padded.length - this.scale;
      return `${sign}${padded.slice(0, point)}.${padded.slice(point)}`;
    }
    const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${mantissa}E${adjusted >= 0 ? '+' : ''}${adjusted}`;
  }

  private rounded(): Decimal {
    const extra = digitCount(this.unscaled) - PRECISION;
    if (extra <= 0) return this;
    const divisor = pow10(extra);
    let quotient = this.unscaled / divisor;
    const twice = abs(this.unscaled % divisor) * 2n;
    if (twice > divisor || (twice === divisor && quotient % 2n !== 0n)) {
      quotient += this.unscaled < 0n ? -1n : 1n;
    }
    // 999… rounded up gains a digit; that digit is a trailing zero.
    if (digitCount(quotient) > PRECISION) return new Decimal(quotient / TEN, this.scale - extra - 1);
    return new Decimal(quotient, this.scale - extra);
  }
}

function align(a: Decimal, b: Decimal): [bigint, bigint, number] {
  const scale = Math.max(a.scale, b.scale);
  return [a.unscaled * pow10(scale - a.scale), b.unscaled * pow10(scale - b.scale), scale];
}
