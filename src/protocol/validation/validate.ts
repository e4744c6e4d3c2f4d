// Constraint validation driven by Smithy traits (required, length, pattern,
// range, enum), producing AWS's message format:
//   "2 validation errors detected: Value 'a-b' at 'channelName' failed to
//    satisfy constraint: Member must satisfy regular expression pattern: ...;
//    Value null at 'x' failed to satisfy constraint: Member must not be null"
// Member paths follow AWS (Coral): member names with the first letter
// lower-cased (CloudTrail's `Name` is 'name'), nested members joined with '.',
// list elements as '<list>.<1-based index>.member'. Map entries are checked as
// AWS does: "Map keys must satisfy constraint: [...]" at the map's path.
// Patterns are quoted as AWS's own models write them: the Smithy models wrap
// each in '^…$', which AWS's messages do not show (STS: "Member must satisfy
// regular expression pattern: [\w+=,.@-]*"; docs/FIDELITY.md).
import type { Member, Shape } from '../model/shapes.ts';
import { NUMBER_TYPES } from '../model/shapes.ts';

interface LengthTrait {
  min?: number;
  max?: number;
}

const patternCache = new Map<string, RegExp>();

// Smithy patterns are ECMA-262, but AWS's models carry a few Java-isms: inline
// flags such as `(?s)` and escapes (`\:`) that only non-unicode mode accepts.
function compiled(pattern: string): RegExp {
  let re = patternCache.get(pattern);
  if (!re) {
    let flags = '';
    const source = pattern.replace(/\(\?([a-z]+)\)/g, (_, f: string) => {
      flags += f;
      return '';
    });
    try {
      re = new RegExp(source, flags + 'u');
    } catch {
      re = new RegExp(source, flags);
    }
    patternCache.set(pattern, re);
  }
  return re;
}

export interface Violation {
  /** The top-level input member it concerns, as the model names it (e.g. MaxResults). */
  member: string;
  /** AWS's text: "Value … at '…' failed to satisfy constraint: …". */
  text: string;
}

/** Returns AWS-format constraint violations of a deserialized input (empty when valid). */
export function validateInput(input: Record<string, unknown>, shape: Shape): Violation[] {
  const violations: Violation[] = [];
  for (const member of shape.members) {
    const texts: string[] = [];
    validateMember(input[member.name], member, memberPath('', member), texts);
    for (const text of texts) violations.push({ member: member.name, text });
  }
  return violations;
}

export function validationMessage(violations: Violation[]): string {
  const n = violations.length;
  return `${n} validation error${n === 1 ? '' : 's'} detected: ${violations.map((v) => v.text).join('; ')}`;
}

function memberPath(prefix: string, member: Member): string {
  const name = member.name[0].toLowerCase() + member.name.slice(1);
  return prefix ? `${prefix}.${name}` : name;
}

function validateStructure(value: Record<string, unknown>, shape: Shape, prefix: string, out: string[]): void {
  for (const member of shape.members) validateMember(value[member.name], member, memberPath(prefix, member), out);
}

function validateMember(value: unknown, member: Member, path: string, out: string[]): void {
  if (value === undefined || value === null) {
    if (member.required) out.push(`Value null at '${path}' failed to satisfy constraint: Member must not be null`);
    return;
  }
  validateValue(value, member, path, out);
}

function validateValue(value: unknown, member: Member, path: string, out: string[]): void {
  const target = member.target;
  for (const constraint of constraintsOf(value, member)) {
    out.push(`Value ${render(value, member)} at '${path}' failed to satisfy constraint: ${constraint}`);
  }
  switch (target.type) {
    case 'structure':
    case 'union':
      validateStructure(value as Record<string, unknown>, target, path, out);
      break;
    case 'list':
    case 'set': {
      const element = target.listMember;
      (value as unknown[]).forEach((item, i) => validateMember(item, element, `${path}.${i + 1}.member`, out));
      break;
    }
    case 'map': {
      const keyProblems = new Set<string>();
      const valueProblems = new Set<string>();
      for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
        constraintsOf(key, target.mapKey).forEach((c) => keyProblems.add(c));
        if (item !== null && item !== undefined) constraintsOf(item, target.mapValue).forEach((c) => valueProblems.add(c));
      }
      if (keyProblems.size > 0) {
        out.push(`Value ${render(value, member)} at '${path}' failed to satisfy constraint: Map keys must satisfy constraint: [${[...keyProblems].join(', ')}]`);
      }
      if (valueProblems.size > 0) {
        out.push(`Value ${render(value, member)} at '${path}' failed to satisfy constraint: Map value must satisfy constraint: [${[...valueProblems].join(', ')}]`);
      }
      break;
    }
    default:
      break;
  }
}

/** The pattern as AWS's messages quote it: without the '^…$' the Smithy models add. */
function quotedPattern(pattern: string): string {
  return pattern.startsWith('^') && pattern.endsWith('$') ? pattern.slice(1, -1) : pattern;
}

/** The constraints of the member's own traits that the value breaks, in AWS's words. */
function constraintsOf(value: unknown, member: Member): string[] {
  const target = member.target;
  const broken: string[] = [];
  const length = member.trait<LengthTrait>('smithy.api#length');
  if (length) {
    const size = sizeOf(value);
    if (size !== undefined) {
      if (length.min !== undefined && size < length.min) broken.push(`Member must have length greater than or equal to ${length.min}`);
      if (length.max !== undefined && size > length.max) broken.push(`Member must have length less than or equal to ${length.max}`);
    }
  }
  const pattern = member.trait<string>('smithy.api#pattern');
  if (pattern && typeof value === 'string' && !compiled(pattern).test(value)) {
    broken.push(`Member must satisfy regular expression pattern: ${quotedPattern(pattern)}`);
  }
  const range = member.trait<LengthTrait>('smithy.api#range');
  if (range && typeof value === 'number' && NUMBER_TYPES.has(target.type)) {
    if (range.min !== undefined && value < range.min) broken.push(`Member must have value greater than or equal to ${range.min}`);
    if (range.max !== undefined && value > range.max) broken.push(`Member must have value less than or equal to ${range.max}`);
  }
  const enumValues =
    target.type === 'enum'
      ? target.enumValues
      : member.trait<{ value: string }[]>('smithy.api#enum')?.map((e) => e.value);
  if (enumValues && typeof value === 'string' && !enumValues.includes(value)) {
    broken.push(`Member must satisfy enum value set: [${enumValues.join(', ')}]`);
  }
  return broken;
}

function sizeOf(value: unknown): number | undefined {
  if (typeof value === 'string') return [...value].length;
  if (Array.isArray(value)) return value.length;
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) return value.length;
  if (value && typeof value === 'object' && !(value instanceof Date)) return Object.keys(value).length;
  return undefined;
}

/** Renders a value the way AWS's (Java) validator does inside the message. */
function render(value: unknown, member: Member): string {
  if (member.sensitive) return `'*** Sensitive Data Redacted ***'`;
  if (Array.isArray(value)) return `'[${value.map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))).join(', ')}]'`;
  if (Buffer.isBuffer(value)) return `'java.nio.HeapByteBuffer[pos=0 lim=${value.length} cap=${value.length}]'`;
  if (value instanceof Date) return `'${value.toISOString()}'`;
  if (value && typeof value === 'object') return `'${JSON.stringify(value)}'`;
  return `'${String(value)}'`;
}
