import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Decimal } from './decimal.ts';

const d = (text: string) => Decimal.parse(text)!;

describe('Decimal', () => {
  it('parses decimal and exponent forms, and rejects the rest', () => {
    for (const [text, expected] of [
      ['0', '0'],
      ['-1.2', '-1.2'],
      ['5E-12', '5E-12'],
      ['1e21', '1E+21'],
      ['1.5e+3', '1.5E+3'],
      ['0.000001', '0.000001'],
      ['0.0000001', '1E-7'],
      ['47.6152543', '47.6152543'],
    ]) {
      assert.equal(d(text).toString(), expected, text);
    }
    for (const bad of ['', '.5', '1.', '+1', '1e', 'abc', ' 1']) assert.equal(Decimal.parse(bad), undefined, bad);
  });

  it('adds exactly where doubles do not', () => {
    assert.equal(d('0.1').add(d('0.2')).toString(), '0.3');
    assert.equal(d('1.10').sub(d('0.1')).toString(), '1.00');
    assert.equal(d('1.5').mul(d('-2')).toString(), '-3.0');
  });

  it('rounds to 34 significant digits, half to even', () => {
    assert.equal(d('1').div(d('3'))!.toString(), '0.3333333333333333333333333333333333');
    assert.equal(d('2').div(d('3'))!.toString(), '0.6666666666666666666666666666666667');
    // 35 digits ending in 5: ties go to the even neighbour.
    assert.equal(d('1234567890123456789012345678901234.5').add(d('0')).toString(), '1234567890123456789012345678901234');
    assert.equal(d('1234567890123456789012345678901235.5').add(d('0')).toString(), '1234567890123456789012345678901236');
    assert.equal(d('9999999999999999999999999999999999.9').add(d('0')).toString(), '1.000000000000000000000000000000000E+34');
  });

  it('keeps the preferred scale of exact quotients', () => {
    assert.equal(d('10.0').div(d('4'))!.toString(), '2.5');
    // Java prints 180 / 9.0 as 2E+1 (preferred scale -1); the value is 20.
    assert.equal(d('180').div(d('9.0'))!.toString(), '2E+1');
    assert.equal(d('180').div(d('9.0'))!.toNumber(), 20);
    assert.equal(d('95.0').div(d('9.0'))!.toString(), '10.55555555555555555555555555555556');
    assert.equal(d('-7').div(d('2'))!.toString(), '-3.5');
    assert.equal(d('1').div(d('0')), undefined);
  });

  it('takes remainders with the sign of the dividend', () => {
    assert.equal(d('8.5').rem(d('3'))!.toString(), '2.5');
    assert.equal(d('-7.5').rem(d('2'))!.toString(), '-1.5');
    assert.equal(d('1').rem(d('0')), undefined);
  });

  it('rounds to integers in each direction', () => {
    const table: [string, bigint, bigint, bigint, bigint][] = [
      // value, floor, ceil, roundHalfUp, toBigInt (truncate)
      ['1.2', 1n, 2n, 1n, 1n],
      ['1.5', 1n, 2n, 2n, 1n],
      ['-1.5', -2n, -1n, -2n, -1n],
      ['-1.1', -2n, -1n, -1n, -1n],
      ['2', 2n, 2n, 2n, 2n],
      ['1e3', 1000n, 1000n, 1000n, 1000n],
    ];
    for (const [text, floor, ceil, round, trunc] of table) {
      assert.deepEqual([d(text).floor(), d(text).ceil(), d(text).roundHalfUp(), d(text).toBigInt()], [floor, ceil, round, trunc], text);
    }
  });

  it('truncates and strips trailing zeros', () => {
    assert.equal(d('2.3948173').truncate(2).toString(), '2.39');
    assert.equal(d('-2.888').truncate(2).toString(), '-2.88');
    assert.equal(d('2.00').truncate(5).stripTrailingZeros(0).toString(), '2');
    assert.equal(d('20').stripTrailingZeros(0).toString(), '20');
    assert.equal(d('0.00').stripTrailingZeros().toString(), '0');
  });

  it('compares by value, whatever the scale', () => {
    assert.equal(d('2.0').compare(d('2')), 0);
    assert.equal(d('-0.5').compare(d('0.1')), -1);
    assert.equal(d('1E+2').compare(d('99.99')), 1);
  });

  it('turns doubles into the decimal they print as', () => {
    assert.equal(Decimal.fromNumber(0.1 + 0.2).toString(), '0.30000000000000004');
    assert.equal(Decimal.fromNumber(1e-7).toNumber(), 1e-7);
    assert.throws(() => Decimal.fromNumber(Number.NaN));
  });
});
