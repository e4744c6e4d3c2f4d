// The policy evaluation logic of IAM for requests within one account
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html),
// for the policy types this server has: identity-based policies, session
// policies, and role trust policies (the resource-based policy of a role).
// Pure: the caller collects the policies and the request context.
//
//   1. An explicit Deny in any applicable policy denies.
//   2. Otherwise an identity-based Allow is needed …
//   3. … and, when the session has session policies, a session-policy Allow too.
//   4. Otherwise the request is implicitly denied.
//
// A statement whose Condition uses an unsupported operator fails closed: it
// never allows, and it always denies.
import { evaluateConditions, type ConditionContext } from './conditions.ts';
import { matches, matchesIgnoreCase } from './patterns.ts';
import type { PolicyDocument, PrincipalElement, Statement } from './policy-document.ts';

export type PolicyType = 'identity-based' | 'session' | 'resource-based';

export interface RequestFacts {
  /** e.g. iotanalytics:CreateChannel */
  action: string;
  /** A resource ARN, or '*' for actions without resources. */
  resource: string;
  context: ConditionContext;
}

export type Decision =
  | { allowed: true }
  | { allowed: false; explicit: boolean; policyType: PolicyType };

export interface Policies {
  identity: PolicyDocument[];
  /** Present (possibly empty) when the caller's session has session policies. */
  session?: PolicyDocument[];
}

type StatementMatch = 'applies' | 'doesNotApply' | 'unsupported';

function matchesAction(s: Statement, action: string): boolean {
  if (s.action) return s.action.some((a) => matchesIgnoreCase(a, action));
  return !s.notAction!.some((a) => matchesIgnoreCase(a, action));
}

function matchesResource(s: Statement, resource: string, context: ConditionContext): boolean {
  if (!s.resource && !s.notResource) return true; // trust policies have none
  if (s.resource) return s.resource.some((r) => matches(r, resource, context));
  return !s.notResource!.some((r) => matches(r, resource, context));
}

function statementMatch(s: Statement, facts: RequestFacts): StatementMatch {
  if (!matchesAction(s, facts.action) || !matchesResource(s, facts.resource, facts.context)) return 'doesNotApply';
  const condition = evaluateConditions(s.condition, facts.context);
  return condition === 'match' ? 'applies' : condition === 'unsupported' ? 'unsupported' : 'doesNotApply';
}

function denies(policies: PolicyDocument[], facts: RequestFacts, extra: (s: Statement) => boolean = () => true): boolean {
  return policies.some((p) =>
    p.statements.some((s) => s.effect === 'Deny' && extra(s) && statementMatch(s, facts) !== 'doesNotApply'),
  );
}

function allows(policies: PolicyDocument[], facts: RequestFacts): boolean {
  return policies.some((p) => p.statements.some((s) => s.effect === 'Allow' && statementMatch(s, facts) === 'applies'));
}

/** Identity-based and session policies for one action on one resource. */
export function evaluate(facts: RequestFacts, policies: Policies): Decision {
  if (denies(policies.identity, facts)) return { allowed: false, explicit: true, policyType: 'identity-based' };
  if (policies.session && denies(policies.session, facts)) return { allowed: false, explicit: true, policyType: 'session' };
  if (!allows(policies.identity, facts)) return { allowed: false, explicit: false, policyType: 'identity-based' };
  if (policies.session && !allows(policies.session, facts)) return { allowed: false, explicit: false, policyType: 'session' };
  return { allowed: true };
}

/**
 * Who is asking, as a trust policy's Principal element can name them: the
 * caller's own ARN, the role ARN behind a role session, and the account (as
 * its root ARN or its bare id).
 */
export interface PrincipalFacts {
  accountId: string;
  /** ARNs that name this principal itself (user ARN; session ARN and role ARN). */
  arns: string[];
}

/** How a trust policy grants: to the caller by name, or to the caller's whole account. */
export type TrustGrant = 'named' | 'account' | 'none' | 'denied';

function principalMatch(element: PrincipalElement, who: PrincipalFacts): 'named' | 'account' | undefined {
  if (element === '*') return 'account';
  const values = element.AWS ?? [];
  if (values.some((v) => who.arns.includes(v))) return 'named';
  if (values.some((v) => v === '*' || v === who.accountId || v === `arn:aws:iam::${who.accountId}:root`)) return 'account';
  return undefined;
}

function principalOf(s: Statement, who: PrincipalFacts): 'named' | 'account' | undefined {
  if (s.principal) return principalMatch(s.principal, who);
  return principalMatch(s.notPrincipal!, who) === undefined ? 'account' : undefined;
}

/**
 * A role trust policy for sts:AssumeRole (and sts:SetSourceIdentity, …). A
 * grant to the caller by name suffices on its own within the account; a grant
 * to the account (or to "*") still needs an identity-based Allow.
 */
export function evaluateTrust(trust: PolicyDocument, facts: RequestFacts, who: PrincipalFacts): TrustGrant {
  const about = (s: Statement) => principalOf(s, who) !== undefined;
  if (denies([trust], facts, about)) return 'denied';
  const grants = trust.statements
    .filter((s) => s.effect === 'Allow' && statementMatch(s, facts) === 'applies')
    .map((s) => principalOf(s, who));
  if (grants.includes('named')) return 'named';
  return grants.includes('account') ? 'account' : 'none';
}
