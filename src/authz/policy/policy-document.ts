// IAM policy documents: parsing and the checks IAM makes before it stores one,
// with IAM's MalformedPolicyDocument texts (as recorded by moto and
// localstack, whose validators were written against AWS). Three kinds:
// identity policies (user and role inline policies), role trust policies and
// STS session policies.

export type PolicyKind = 'identity' | 'trust' | 'session';

export type Effect = 'Allow' | 'Deny';

/** A Principal / NotPrincipal element: "*" or values per principal type. */
export type PrincipalElement = '*' | { AWS?: string[]; Service?: string[]; Federated?: string[]; CanonicalUser?: string[] };

/** operator (e.g. StringEquals, ForAnyValue:StringLikeIfExists) → condition key → values. */
export type ConditionBlock = Record<string, Record<string, string[]>>;

export interface Statement {
  sid?: string;
  effect: Effect;
  action?: string[];
  notAction?: string[];
  resource?: string[];
  notResource?: string[];
  principal?: PrincipalElement;
  notPrincipal?: PrincipalElement;
  condition: ConditionBlock;
}

export interface PolicyDocument {
  version: string;
  statements: Statement[];
}

export class MalformedPolicy extends Error {}

const TOP_ELEMENTS = new Set(['Version', 'Id', 'Statement']);
const STATEMENT_ELEMENTS = new Set(['Sid', 'Effect', 'Action', 'NotAction', 'Resource', 'NotResource', 'Principal', 'NotPrincipal', 'Condition']);
const PRINCIPAL_TYPES = new Set(['AWS', 'Service', 'Federated', 'CanonicalUser']);
const SYNTAX = 'Syntax errors in policy.';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isObject(value: Json | undefined): value is { [key: string]: Json } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function syntax(ok: boolean): void {
  if (!ok) throw new MalformedPolicy(SYNTAX);
}

/** A string or a list of strings, as a list. */
function strings(value: Json | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return [value];
  syntax(Array.isArray(value) && value.every((v) => typeof v === 'string'));
  return value as string[];
}

/** Condition values may also be written as booleans or numbers ("aws:SecureTransport": false). */
function conditionValues(value: Json): string[] {
  const list = Array.isArray(value) ? value : [value];
  syntax(list.every((v) => typeof v === 'string' || typeof v === 'boolean' || typeof v === 'number'));
  return list.map(String);
}

function principal(value: Json | undefined): PrincipalElement | undefined {
  if (value === undefined) return undefined;
  if (value === '*') return '*';
  syntax(isObject(value));
  const out: Exclude<PrincipalElement, '*'> = {};
  for (const [type, values] of Object.entries(value as Record<string, Json>)) {
    syntax(PRINCIPAL_TYPES.has(type));
    out[type as keyof typeof out] = strings(values);
  }
  return out;
}

function statement(raw: Json): Statement {
  syntax(isObject(raw));
  const s = raw as Record<string, Json>;
  syntax(Object.keys(s).every((k) => STATEMENT_ELEMENTS.has(k)));
  syntax(!('Action' in s && 'NotAction' in s) && !('Resource' in s && 'NotResource' in s) && !('Principal' in s && 'NotPrincipal' in s));
  syntax(typeof s.Effect === 'string' && ['allow', 'deny'].includes(s.Effect.toLowerCase()));
  syntax(s.Sid === undefined || typeof s.Sid === 'string');
  const condition: ConditionBlock = {};
  if (s.Condition !== undefined) {
    syntax(isObject(s.Condition));
    for (const [operator, entries] of Object.entries(s.Condition as Record<string, Json>)) {
      syntax(isObject(entries));
      condition[operator] = Object.fromEntries(
        Object.entries(entries as Record<string, Json>).map(([key, values]) => [key, conditionValues(values)]),
      );
    }
  }
  return {
    sid: s.Sid as string | undefined,
    effect: s.Effect as Effect,
    action: strings(s.Action),
    notAction: strings(s.NotAction),
    resource: strings(s.Resource),
    notResource: strings(s.NotResource),
    principal: principal(s.Principal),
    notPrincipal: principal(s.NotPrincipal),
    condition,
  };
}

function parseSyntax(text: string): { version?: string; statements: Statement[] } {
  let json: Json;
  try {
    json = JSON.parse(text) as Json;
  } catch {
    throw new MalformedPolicy(SYNTAX);
  }
  syntax(isObject(json));
  const doc = json as Record<string, Json>;
  syntax(Object.keys(doc).every((k) => TOP_ELEMENTS.has(k)));
  syntax(doc.Version === undefined || doc.Version === '2008-10-17' || doc.Version === '2012-10-17');
  syntax(doc.Id === undefined || typeof doc.Id === 'string');
  const raw = doc.Statement;
  syntax(isObject(raw) || (Array.isArray(raw) && raw.length > 0));
  return { version: doc.Version as string | undefined, statements: (Array.isArray(raw) ? raw : [raw as Json]).map(statement) };
}

const ACTION = /^(\*|[a-zA-Z0-9.-]+:[^:]*)$/;

function checkAction(action: string): void {
  const parts = action.split(':');
  if (parts.length === 1 && action !== '*') {
    throw new MalformedPolicy('Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.');
  }
  if (parts.length > 2) throw new MalformedPolicy('Actions/Condition can contain only one colon.');
  if (!ACTION.test(action)) throw new MalformedPolicy(`Vendor ${parts[0]} is not valid`);
}

function checkResource(resource: string): void {
  if (resource !== '*' && !resource.startsWith('arn:')) {
    throw new MalformedPolicy(`Resource ${resource} must be in ARN format or "*".`);
  }
}

/** Parses and checks a policy document; throws MalformedPolicy with IAM's message. */
export function parsePolicy(text: string, kind: PolicyKind): PolicyDocument {
  const { version, statements } = parseSyntax(text);
  if (version !== '2012-10-17') throw new MalformedPolicy('Policy document must be version 2012-10-17 or greater.');
  if (statements.some((s) => s.effect !== 'Allow' && s.effect !== 'Deny')) throw new MalformedPolicy('The policy failed legacy parsing');
  const sids = statements.map((s) => s.sid).filter((sid) => sid);
  if (new Set(sids).size !== sids.length) throw new MalformedPolicy('Statement IDs (SID) in a single policy must be unique.');
  if (statements.some((s) => !(s.action ?? s.notAction)?.length)) throw new MalformedPolicy('Policy statement must contain actions.');
  for (const s of statements) {
    if (kind === 'trust') {
      if (s.resource || s.notResource) throw new MalformedPolicy('Has prohibited field Resource.');
      if (!s.principal && !s.notPrincipal) throw new MalformedPolicy('Missing required field Principal');
      if (!(s.action ?? s.notAction)!.every((a) => a === '*' || a.toLowerCase().startsWith('sts:'))) {
        throw new MalformedPolicy('Trust Policy statement actions can only be sts:AssumeRole, sts:AssumeRoleWithSAML,  and sts:AssumeRoleWithWebIdentity');
      }
    } else {
      if (s.principal || s.notPrincipal) throw new MalformedPolicy('Policy document should not specify a principal.');
      if (!(s.resource ?? s.notResource)?.length) throw new MalformedPolicy('Policy statement must contain resources.');
      (s.resource ?? s.notResource)!.forEach(checkResource);
    }
    (s.action ?? s.notAction)!.forEach(checkAction);
  }
  return { version, statements };
}

/** A policy that allows everything (what the account root's identity amounts to). */
export const ALLOW_ALL: PolicyDocument = {
  version: '2012-10-17',
  statements: [{ effect: 'Allow', action: ['*'], resource: ['*'], condition: {} }],
};
