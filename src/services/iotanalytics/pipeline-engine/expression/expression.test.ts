// Expression language: parsing, evaluation and AWS IoT SQL's type rules.
// Each row is [expression, message, expected], where expected is the result
// type and its string form ("Int 9", "Decimal 9.25", "Undefined").
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { JsonObject } from '../json.ts';
import { evaluate } from './evaluate.ts';
import { parseExpression } from './parser.ts';
import { ExpressionSyntaxError } from './tokenizer.ts';
import { toSqlString, type SqlValue } from './values.ts';

type Row = [expression: string, message: JsonObject, expected: string];

function show(value: SqlValue): string {
  if (value.type === 'Undefined' || value.type === 'Null') return value.type;
  return `${value.type} ${toSqlString(value)}`;
}

function check(rows: Row[]): void {
  for (const [expression, message, expected] of rows) {
    assert.equal(show(evaluate(parseExpression(expression), message)), expected, `${expression} with ${JSON.stringify(message)}`);
  }
}

describe('expressions: examples from the IoT Analytics user guide', () => {
  it('filter and math activity examples', () => {
    check([
      // "Filter activity": "filter": "temp > 40 AND hum < 20"
      ['temp > 40 AND hum < 20', { temp: 50, hum: 10 }, 'Boolean true'],
      ['temp > 40 AND hum < 20', { temp: 50, hum: 40 }, 'Boolean false'],
      // "Math activity": "(tempF - 32) / 2" with {"tempF": 50} gives "tempC": 9
      ['(tempF - 32) / 2', { tempF: 50 }, 'Int 9'],
      // "RunPipelineActivity": "((temp - 32) * 5.0) / 9.0" → tempC 20 and 0
      ['((temp - 32) * 5.0) / 9.0', { humidity: 52, temp: 68 }, 'Decimal 20'],
      ['((temp - 32) * 5.0) / 9.0', { humidity: 52, temp: 32 }, 'Decimal 0'],
      // AWS CLI update-pipeline example: "(((temp - 32) * 5.0) / 9.0) + 273.15"
      ['(((temp - 32) * 5.0) / 9.0) + 273.15', { temp: 68 }, 'Decimal 293.15'],
    ]);
  });

  it('function examples of the math activity page', () => {
    check([
      ['abs(-5)', {}, 'Int 5'],
      ['acos(0)', {}, 'Decimal 1.5707963267948966'],
      ['asin(0)', {}, 'Decimal 0'],
      ['atan(0)', {}, 'Decimal 0'],
      ['atan2(1, 0)', {}, 'Decimal 1.5707963267948966'],
      ['ceil(1.2)', {}, 'Int 2'],
      // The math page prints "ceil(11.2) = -1", a typo; the IoT SQL page has ceil(-1.2) = -1.
      ['ceil(-1.2)', {}, 'Int -1'],
      ['cos(0)', {}, 'Decimal 1'],
      ['cosh(2.3)', {}, 'Decimal 5.037220649268761'],
      ['exp(1)', {}, `Decimal ${Math.E}`],
      ['ln(exp(1))', {}, 'Decimal 1'],
      ['log(100)', {}, 'Decimal 2'],
      ['mod(8, 3)', {}, 'Int 2'],
      ['power(2, 5)', {}, 'Decimal 32'],
      ['Round(1.2)', {}, 'Int 1'],
      ['Round(1.5)', {}, 'Int 2'],
      ['Round(1.7)', {}, 'Int 2'],
      ['Round(-1.1)', {}, 'Int -1'],
      ['Round(-1.5)', {}, 'Int -2'],
      ['sign(-7)', {}, 'Int -1'],
      ['sign(0)', {}, 'Int 0'],
      ['sign(13)', {}, 'Int 1'],
      ['sin(0)', {}, 'Decimal 0'],
      ['sinh(2.3)', {}, 'Decimal 4.936961805545957'],
      ['sqrt(9)', {}, 'Decimal 3'],
      ['tan(3)', {}, 'Decimal -0.1425465430742778'],
      ['tanh(2.3)', {}, 'Decimal 0.9800963962661914'],
      ['trunc(2.3, 0)', {}, 'Decimal 2'],
      ['trunc(2.3123, 2)', {}, 'Decimal 2.31'],
      ['trunc(2.888, 2)', {}, 'Decimal 2.88'],
      ['trunc(2.00, 5)', {}, 'Decimal 2'],
      ['trunc(2.3948173, 2)', {}, 'Decimal 2.39'],
    ]);
  });

  it('examples from the AWS IoT SQL functions and data types pages', () => {
    check([
      ['floor(1.2)', {}, 'Int 1'],
      ['floor(-1.2)', {}, 'Int -2'],
      ['isNull(5)', {}, 'Boolean false'],
      ['isNull(Null)', {}, 'Boolean true'],
      ['isUndefined(5)', {}, 'Boolean false'],
      ['isUndefined(floor([1,2,3]))', {}, 'Boolean true'],
      // "Conversions": "abs("-5.123") is treated as abs(-5.123)"
      ["abs('-5.123')", {}, 'Decimal 5.123'],
      // "Data types": in {"foo": null}, foo is Null and bar is Undefined
      ['foo', { foo: null }, 'Null'],
      ['bar', { foo: null }, 'Undefined'],
    ]);
  });
});

describe('expressions: type rules of the IoT SQL operator tables', () => {
  it('arithmetic keeps Int with Int and goes Decimal otherwise', () => {
    check([
      ['1 + 2', {}, 'Int 3'],
      ['1 + 2.5', {}, 'Decimal 3.5'],
      ['0.1 + 0.2', {}, 'Decimal 0.3'],
      ['0.1 + 0.2 = 0.3', {}, 'Boolean true'],
      ['7 / 2', {}, 'Int 3'],
      ['-7 / 2', {}, 'Int -3'],
      ['7.0 / 2', {}, 'Decimal 3.5'],
      ['x / 4', { x: 10.5 }, 'Decimal 2.625'],
      ['7 % 3', {}, 'Int 1'],
      ['-7 % 3', {}, 'Int -1'],
      ['mod(-7, 3)', {}, 'Int -1'],
      ['7.5 % 2', {}, 'Decimal 1.5'],
      ['1 / 0', {}, 'Undefined'],
      ['1.5 / 0', {}, 'Undefined'],
      ['1 % 0', {}, 'Undefined'],
      ['2 * 3 + 4 * 5', {}, 'Int 26'],
      ['2 * (3 + 4) * 5', {}, 'Int 70'],
      ['10 - 4 - 3', {}, 'Int 3'],
      ['-temp', { temp: 4 }, 'Int -4'],
      ['- -3', {}, 'Int 3'],
    ]);
  });

  it('converts numeric strings, except for + which concatenates', () => {
    check([
      ["'5' - 3", {}, 'Decimal 2'],
      ["'5' * '2'", {}, 'Decimal 10'],
      ["'x' - 1", {}, 'Undefined'],
      ["'5E-1' * 2", {}, 'Decimal 1.0'],
      ["' 5' - 1", {}, 'Undefined'],
      ["'+5' - 1", {}, 'Undefined'],
      ["-'5'", {}, 'Decimal -5'],
      ["'a' + 1", {}, 'String a1'],
      ["1.5 + 'a'", {}, 'String 1.5a'],
      ["'v' + true", {}, 'String vtrue'],
      ["'a' + arr", { arr: [1, 'b'] }, 'String a[1,"b"]'],
      ["'a' + null", {}, 'Undefined'],
      ["'a' + missing", {}, 'Undefined'],
      ['true + 1', {}, 'Undefined'],
      ['-true', {}, 'Undefined'],
      ['null - 1', {}, 'Undefined'],
      ['obj * 2', { obj: {} }, 'Undefined'],
    ]);
  });

  it('orders numbers and numeric strings only', () => {
    check([
      ["'10' > 9", {}, 'Boolean true'],
      ['2 >= 2.0', {}, 'Boolean true'],
      ['1.5 < 1', {}, 'Boolean false'],
      ['1 <= 1', {}, 'Boolean true'],
      ["'abc' > 1", {}, 'Undefined'],
      ['true > false', {}, 'Undefined'],
      ['null < 1', {}, 'Undefined'],
      ['missing < 1', {}, 'Undefined'],
    ]);
  });

  it('compares for equality without converting between types', () => {
    check([
      ['1 = 1.0', {}, 'Boolean true'],
      ["'5' = 5", {}, 'Boolean false'],
      ["'5' <> 5", {}, 'Boolean true'],
      ["'5' != 5", {}, 'Boolean true'],
      ["'a' = 'a'", {}, 'Boolean true'],
      ["true = 'true'", {}, 'Boolean false'],
      ['true = true', {}, 'Boolean true'],
      ['null = null', {}, 'Boolean true'],
      ['null <> null', {}, 'Boolean false'],
      ['missing = 1', {}, 'Undefined'],
      ['1 <> missing', {}, 'Undefined'],
      ['a = b', { a: [1, 2], b: [1, 2] }, 'Boolean true'],
      ['a = b', { a: [1, 2], b: [2, 1] }, 'Boolean false'],
      ['a = b', { a: { x: 1, y: [2] }, b: { y: [2], x: 1 } }, 'Boolean true'],
      ['a <> b', { a: { x: 1 }, b: { x: 2 } }, 'Boolean true'],
      ['a = [1, 2]', { a: [1, 2] }, 'Boolean true'],
    ]);
  });

  it('combines Booleans and "true"/"false" strings; anything else is Undefined', () => {
    check([
      ["true AND 'TRUE'", {}, 'Boolean true'],
      ["'false' OR false", {}, 'Boolean false'],
      ['true OR false AND false', {}, 'Boolean true'],
      ['(true OR false) AND false', {}, 'Boolean false'],
      ['1 AND true', {}, 'Undefined'],
      ['missing AND false', {}, 'Undefined'],
      ["NOT 'False'", {}, 'Boolean true'],
      ['NOT 1 = 2', {}, 'Boolean true'],
      ['NOT NOT true', {}, 'Boolean true'],
      ['NOT 1', {}, 'Undefined'],
      ['NOT missing', {}, 'Undefined'],
    ]);
  });

  it('IN matches against the items of an array', () => {
    // IoT SQL "IN operator" example: 3 in arr with {"arr":[1, 2, 3, "three", 5.7, null]}
    const message = { arr: [1, 2, 3, 'three', 5.7, null] };
    check([
      ['3 in arr', message, 'Boolean true'],
      ["'three' IN arr", message, 'Boolean true'],
      ['3.0 IN arr', message, 'Boolean true'],
      ['5.7 IN arr', message, 'Boolean true'],
      ['null IN arr', message, 'Boolean true'],
      ['4 IN arr', message, 'Boolean false'],
      ["'3' IN arr", message, 'Boolean false'],
      ['2 IN [1, 2]', {}, 'Boolean true'],
      ['x IN [1, 2]', { x: 3 }, 'Boolean false'],
      ['3 IN 3', {}, 'Undefined'],
      ['missing IN arr', message, 'Undefined'],
      ['NOT 4 IN arr', message, 'Boolean true'],
    ]);
  });

  it('functions convert strings and give Undefined for other types or imaginary results', () => {
    check([
      ["round('2.5')", {}, 'Int 3'],
      ["ceil('1.01')", {}, 'Int 2'],
      ['ceil(5)', {}, 'Int 5'],
      ['abs(-2.50)', {}, 'Decimal 2.50'],
      ["sqrt('x')", {}, 'Undefined'],
      ['ceil(true)', {}, 'Undefined'],
      ['abs(null)', {}, 'Undefined'],
      ['abs(missing)', {}, 'Undefined'],
      ['abs(arr)', { arr: [1] }, 'Undefined'],
      ["sign('-0.5')", {}, 'Int -1'],
      ["trunc('2.388', 1)", {}, 'Decimal 2.3'],
      ["trunc(2.388, '1')", {}, 'Undefined'],
      ['trunc(2.388, 1.9)', {}, 'Decimal 2.3'],
      ['trunc(-2.388, 1)', {}, 'Decimal -2.3'],
      ['trunc(5, 2)', {}, 'Int 5'],
      ['trunc(5, 2.5)', {}, 'Decimal 5'],
      ['trunc(2.5, -1)', {}, 'Decimal 2'],
      ['trunc(1.23456789, 40)', {}, 'Decimal 1.23456789'],
      ['sqrt(-1)', {}, 'Undefined'],
      ['acos(2)', {}, 'Undefined'],
      ['ln(0)', {}, 'Undefined'],
      ['log(-1)', {}, 'Undefined'],
      ['power(2, 0.5)', {}, 'Decimal 1.4142135623730951'],
      ["power('2', 10)", {}, 'Decimal 1024'],
      ['mod(7.5, 2)', {}, 'Decimal 1.5'],
      ["mod('8', 3)", {}, 'Decimal 2'],
      ['mod(1, 0)', {}, 'Undefined'],
      ['isNull(missing)', {}, 'Boolean false'],
      ['isUndefined(missing)', {}, 'Boolean true'],
      ['ISNULL(x)', { x: null }, 'Boolean true'],
    ]);
  });
});

describe('expressions: attribute references', () => {
  const message = {
    device: { id: 'device-123', coord: [47.6152543, -122.3354883], nested: [[1, 2], [3, 4]] },
    light: 90,
    and: 1,
    'odd name': 2,
  };

  it('follows dots and array indexes; anything missing is Undefined', () => {
    check([
      ['device.id', message, 'String device-123'],
      ['device.coord[0]', message, 'Decimal 47.6152543'],
      ['device.coord[1] < 0', message, 'Boolean true'],
      ['device.nested[1][0]', message, 'Int 3'],
      ['device.coord[2]', message, 'Undefined'],
      ['device.id.x', message, 'Undefined'],
      ['device.id[0]', message, 'Undefined'],
      ['light[0]', message, 'Undefined'],
      ['missing.deep.path', message, 'Undefined'],
      ['Light', message, 'Undefined'],
      ['device', message, 'Object {"id":"device-123","coord":[47.6152543,-122.3354883],"nested":[[1,2],[3,4]]}'],
    ]);
  });

  it('quotes names with backticks, and reads keywords and function names case-insensitively', () => {
    check([
      ['`and` + 1', message, 'Int 2'],
      ['`odd name`', message, 'Int 2'],
      ['`device`.`id`', message, 'String device-123'],
      ['light > 50 and light < 100', message, 'Boolean true'],
      ['TRUE', {}, 'Boolean true'],
      ['NuLl', {}, 'Null'],
      ['ROUND(light / 7)', message, 'Int 12'],
    ]);
  });

  it('reads string literals in single or double quotes, with doubled quotes inside', () => {
    check([
      ["'it''s'", {}, "String it's"],
      ['"say ""hi"""', {}, 'String say "hi"'],
      ["'a' + \"b\"", {}, 'String ab'],
      ["''", {}, 'String '],
    ]);
  });
});

describe('expressions: syntax errors', () => {
  it('names what is wrong and where', () => {
    const table: [string, string][] = [
      ['', 'Empty expression at position 1'],
      ['   ', 'Empty expression at position 1'],
      ['temp >', 'Expected an operand but found the end of the expression at position 7'],
      ['(temp', "Expected ')' but found the end of the expression at position 6"],
      ['temp > 40 hum', "Unexpected 'hum' after a complete expression at position 11"],
      ['temp > 40)', "Unexpected ')' after a complete expression at position 10"],
      ['temp # 3', "Unexpected character '#' at position 6"],
      ['a ! b', "Unexpected character '!' at position 3"],
      ["name = 'abc", 'Unterminated string literal at position 8'],
      ['`abc', 'Unterminated quoted identifier at position 1'],
      ['``', 'Empty quoted identifier at position 1'],
      ['foo(1)', "Unknown function 'foo' at position 1"],
      ['trunc(1)', 'Function trunc takes 2 arguments but was given 1 at position 1'],
      ['abs(1, 2)', 'Function abs takes 1 argument but was given 2 at position 1'],
      ['abs(1,)', "Expected an operand but found ')' at position 7"],
      ['a[x]', "Expected an array index (a non-negative integer) but found 'x' at position 3"],
      ['a[1.5]', "Expected an array index (a non-negative integer) but found '1.5' at position 3"],
      ['a[1', "Expected ']' but found the end of the expression at position 4"],
      ['a.', "Expected an attribute name after '.' but found the end of the expression at position 3"],
      ['a.5', "Expected an attribute name after '.' but found '5' at position 3"],
      ['AND', "Expected an operand but found 'AND' at position 1"],
      ['temp > 1 AND', 'Expected an operand but found the end of the expression at position 13'],
      ['12abc', "Malformed number '12a' at position 1"],
      ['1.2.3', "Malformed number '1.2.' at position 1"],
      ['1 +* 2', "Expected an operand but found '*' at position 4"],
      ['[1, 2', "Expected ']' but found the end of the expression at position 6"],
      ['temp BETWEEN 1 AND 2', "Unexpected 'BETWEEN' after a complete expression at position 6"],
      ['temp IS NULL', "Unexpected 'IS' after a complete expression at position 6"],
    ];
    for (const [text, message] of table) {
      assert.throws(
        () => parseExpression(text),
        (e: unknown) => e instanceof ExpressionSyntaxError && e.message === message,
        `${JSON.stringify(text)} should fail with: ${message}`,
      );
    }
  });
});
