// Evaluates a parsed expression against one message.
import type { JsonObject, JsonValue } from '../json.ts';
import { getAt } from '../paths.ts';
import { FUNCTIONS } from './functions.ts';
import { applyBinary, negate, not } from './operators.ts';
import type { Expression } from './parser.ts';
import { fromJson, toJson, type SqlValue } from './values.ts';

export function evaluate(expression: Expression, message: JsonObject): SqlValue {
  switch (expression.kind) {
    case 'literal':
      return expression.value;
    case 'attribute':
      // A missing attribute, an index out of range or a step into a
      // non-object is Undefined ("the key "bar" returns Undefined").
      return fromJson(getAt(message, expression.path));
    case 'array':
      // Array literals (IoT SQL "Literals"); Undefined items have no JSON form and are left out.
      return {
        type: 'Array',
        value: expression.items.map((item) => toJson(evaluate(item, message))).filter((v): v is JsonValue => v !== undefined),
      };
    case 'negate':
      return negate(evaluate(expression.operand, message));
    case 'not':
      return not(evaluate(expression.operand, message));
    case 'binary':
      return applyBinary(expression.operator, evaluate(expression.left, message), evaluate(expression.right, message));
    case 'call':
      return FUNCTIONS[expression.name].apply(expression.args.map((arg) => evaluate(arg, message)));
  }
}
