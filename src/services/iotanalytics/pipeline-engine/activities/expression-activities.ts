// filter and math: the activities that evaluate an expression per message.
import { evaluate } from '../expression/evaluate.ts';
import type { Expression } from '../expression/parser.ts';
import { setMember } from '../json.ts';
import { toBoolean, toJson } from '../expression/values.ts';
import type { Processor } from './processor.ts';

/**
 * "Messages that satisfy the condition are passed to the next activity"
 * (FilterActivity). A condition is satisfied only by true, or by the string
 * "true" (IoT SQL's conversion to Boolean); false, Null, Undefined and every
 * other value drop the message.
 */
export function filter(condition: Expression): Processor {
  return (messages, _deps, notes) =>
    messages.filter((message) => {
      const result = evaluate(condition, message);
      if (toBoolean(result) === true) return true;
      if (result.type !== 'Boolean') notes.add(`Filter gave ${result.type}, not a Boolean; the message was dropped`);
      return false;
    });
}

/**
 * "computes an arithmetic expression using the message's attributes" and
 * writes it to `attribute` (a top-level name, taken literally). Undefined has
 * no JSON form, so the attribute is then not set ("when serialized to JSON,
 * the results are Undefined"); an existing attribute of that name stays as it was.
 * The guide says the expression "must return a number"; we store whatever
 * JSON value it gives rather than dropping the message.
 */
export function math(expression: Expression, attribute: string): Processor {
  return (messages, _deps, notes) => {
    for (const message of messages) {
      const value = toJson(evaluate(expression, message));
      if (value === undefined) notes.add(`Math expression gave Undefined; ${attribute} was not set`);
      else setMember(message, attribute, value);
    }
    return messages;
  };
}
