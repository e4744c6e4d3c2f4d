// The Condition element
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html).
// Supported: the String, Numeric, Date, Bool, IpAddress, Arn and Null
// operators, the IfExists suffix and the ForAnyValue: / ForAllValues: set
// prefixes. Not supported: Binary operators; a condition using one is
// reported as unsupported, and the evaluator then fails closed.
import { BlockList, isIP } from 'node:net';
import type { ConditionBlock } from './policy-document.ts';
import { matches, substitute } from './patterns.ts';

/** Request context keys, lower-cased (condition keys are case-insensitive), each with its values. */
export type ConditionContext = Record<string, string[]>;

type Test = (policyValue: string, requestValue: string, context: ConditionContext) => boolean;

interface Operator {
  test: Test;
  /** Negated operators (StringNotEquals, …) are true when no policy value matches. */
  negated: boolean;
}

const number = (text: string) => (/^-?\d+(\.\d+)?$/.test(text.trim()) ? Number(text) : NaN);
const date = (text: string) => (/^\d+$/.test(text) ? Number(text) * 1000 : Date.parse(text));

function compare(parse: (t: string) => number, ok: (a: number, b: number) => boolean): Test {
  return (policyValue, requestValue) => {
    const [p, r] = [parse(policyValue), parse(requestValue)];
    return !Number.isNaN(p) && !Number.isNaN(r) && ok(r, p);
  };
}

function inCidr(policyValue: string, requestValue: string): boolean {
  const [address, bits] = policyValue.split('/');
  const family = isIP(address) === 6 ? 'ipv6' : isIP(address) === 4 ? 'ipv4' : undefined;
  const requestFamily = isIP(requestValue) === 6 ? 'ipv6' : isIP(requestValue) === 4 ? 'ipv4' : undefined;
  if (!family || family !== requestFamily) return false;
  const list = new BlockList();
  list.addSubnet(address, bits === undefined ? (family === 'ipv4' ? 32 : 128) : Number(bits), family);
  return list.check(requestValue, family);
}

/** ARNs are compared per colon-separated part (the resource part keeps its colons). */
function arnLike(policyValue: string, requestValue: string, context: ConditionContext): boolean {
  const split = (arn: string) => {
    const parts = arn.split(':');
    return parts.length < 6 ? undefined : [...parts.slice(0, 5), parts.slice(5).join(':')];
  };
  const [p, r] = [split(policyValue), split(requestValue)];
  return !!p && !!r && p.every((part, i) => matches(part, r[i], context));
}

const stringEquals: Test = (p, r) => p === r;
const stringEqualsIgnoreCase: Test = (p, r) => p.toLowerCase() === r.toLowerCase();
const stringLike: Test = (p, r, ctx) => matches(p, r, ctx);
const numberTests = {
  Equals: compare(number, (a, b) => a === b),
  LessThan: compare(number, (a, b) => a < b),
  LessThanEquals: compare(number, (a, b) => a <= b),
  GreaterThan: compare(number, (a, b) => a > b),
  GreaterThanEquals: compare(number, (a, b) => a >= b),
};
const dateTests = {
  Equals: compare(date, (a, b) => a === b),
  LessThan: compare(date, (a, b) => a < b),
  LessThanEquals: compare(date, (a, b) => a <= b),
  GreaterThan: compare(date, (a, b) => a > b),
  GreaterThanEquals: compare(date, (a, b) => a >= b),
};

const OPERATORS: Record<string, Operator> = {
  StringEquals: { test: stringEquals, negated: false },
  StringNotEquals: { test: stringEquals, negated: true },
  StringEqualsIgnoreCase: { test: stringEqualsIgnoreCase, negated: false },
  StringNotEqualsIgnoreCase: { test: stringEqualsIgnoreCase, negated: true },
  StringLike: { test: stringLike, negated: false },
  StringNotLike: { test: stringLike, negated: true },
  NumericEquals: { test: numberTests.Equals, negated: false },
  NumericNotEquals: { test: numberTests.Equals, negated: true },
  NumericLessThan: { test: numberTests.LessThan, negated: false },
  NumericLessThanEquals: { test: numberTests.LessThanEquals, negated: false },
  NumericGreaterThan: { test: numberTests.GreaterThan, negated: false },
  NumericGreaterThanEquals: { test: numberTests.GreaterThanEquals, negated: false },
  DateEquals: { test: dateTests.Equals, negated: false },
  DateNotEquals: { test: dateTests.Equals, negated: true },
  DateLessThan: { test: dateTests.LessThan, negated: false },
  DateLessThanEquals: { test: dateTests.LessThanEquals, negated: false },
  DateGreaterThan: { test: dateTests.GreaterThan, negated: false },
  DateGreaterThanEquals: { test: dateTests.GreaterThanEquals, negated: false },
  Bool: { test: stringEqualsIgnoreCase, negated: false },
  IpAddress: { test: inCidr, negated: false },
  NotIpAddress: { test: inCidr, negated: true },
  ArnEquals: { test: arnLike, negated: false },
  ArnLike: { test: arnLike, negated: false },
  ArnNotEquals: { test: arnLike, negated: true },
  ArnNotLike: { test: arnLike, negated: true },
};

export type ConditionResult = 'match' | 'noMatch' | 'unsupported';

function evaluateOne(operatorName: string, key: string, policyValues: string[], context: ConditionContext): ConditionResult {
  let name = operatorName;
  let set: 'any' | 'all' | undefined;
  if (name.startsWith('ForAnyValue:')) [set, name] = ['any', name.slice('ForAnyValue:'.length)];
  else if (name.startsWith('ForAllValues:')) [set, name] = ['all', name.slice('ForAllValues:'.length)];
  const ifExists = name.endsWith('IfExists');
  if (ifExists) name = name.slice(0, -'IfExists'.length);
  const requestValues = context[key.toLowerCase()] ?? [];

  if (name === 'Null') {
    if (set || ifExists) return 'unsupported';
    const absent = requestValues.length === 0;
    return policyValues.some((v) => (v.toLowerCase() === 'true') === absent) ? 'match' : 'noMatch';
  }
  const operator = OPERATORS[name];
  if (!operator) return 'unsupported';
  if (requestValues.length === 0) {
    // A missing key: IfExists and ForAllValues hold, negated operators hold,
    // everything else fails.
    return ifExists || set === 'all' || (operator.negated && set !== 'any') ? 'match' : 'noMatch';
  }
  const values = policyValues.map((v) => substitute(v, context)).filter((v): v is string => v !== undefined);
  const holds = (requestValue: string) => {
    const any = values.some((v) => operator.test(v, requestValue, context));
    return operator.negated ? !any : any;
  };
  const result = set === 'all' ? requestValues.every(holds) : requestValues.some(holds);
  return result ? 'match' : 'noMatch';
}

/** All operators and keys of a Condition element must hold (AND); values of one key are alternatives (OR). */
export function evaluateConditions(block: ConditionBlock, context: ConditionContext): ConditionResult {
  let result: ConditionResult = 'match';
  for (const [operator, keys] of Object.entries(block)) {
    for (const [key, values] of Object.entries(keys)) {
      const one = evaluateOne(operator, key, values, context);
      if (one === 'unsupported') return 'unsupported';
      if (one === 'noMatch') result = 'noMatch';
    }
  }
  return result;
}
