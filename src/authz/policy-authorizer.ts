// The IAM authorizer: collects the policies that apply to a caller (its
// identity-based policies, its session policy, a role's trust policy) and
// evaluates them with evaluate.ts. The account root and the server acting for
// itself (AWSService) are always allowed; sts:GetCallerIdentity and
// sts:GetSessionToken need no permission and cannot be denied, as in AWS
// ("you cannot use policies to control authentication operations").
import type { Caller } from '../identity/caller.ts';
import { AuthError } from '../identity/sigv4/parse.ts';
import { denialMessage, type AuthorizationRequest, type Authorizer } from './authorizer.ts';
import { evaluate, evaluateTrust, type Decision } from './policy/evaluate.ts';
import { ALLOW_ALL, parsePolicy, type PolicyDocument, type PolicyKind } from './policy/policy-document.ts';
import { conditionContext, principalFacts } from './request-context.ts';

/** Where the authorizer finds policies; documents are JSON text, as stored. */
export interface PolicySource {
  /** The inline policies of an IAM user or role, by unique id (AIDA…, AROA…). */
  inlinePolicies(principalId: string): Promise<string[]>;
  /** A role's trust policy, by role ARN; undefined when there is no such role. */
  trustPolicy(roleArn: string): Promise<string | undefined>;
  /** The session policy of temporary credentials, by access key id. */
  sessionPolicy(accessKeyId: string): Promise<string | undefined>;
}

const UNCONTROLLED = new Set(['sts:getcalleridentity', 'sts:getsessiontoken']);

/** Actions that a role's trust policy governs, with the role as the resource. */
const TRUST_ACTIONS = new Set(['sts:assumerole', 'sts:setsourceidentity', 'sts:tagsession']);

function reason(decision: Extract<Decision, { allowed: false }>, action: string): string {
  const type = decision.policyType === 'identity-based' ? 'an identity-based' : decision.policyType === 'session' ? 'a session' : 'a resource-based';
  return decision.explicit
    ? `with an explicit deny in ${type} policy`
    : `because no ${decision.policyType} policy allows the ${action} action`;
}

export class PolicyAuthorizer implements Authorizer {
  private readonly parsed = new Map<string, PolicyDocument | null>();

  constructor(private readonly source: PolicySource) {}

  async authorize(request: AuthorizationRequest): Promise<string | undefined> {
    const { caller, action } = request;
    if (UNCONTROLLED.has(action.toLowerCase())) return undefined;
    this.checkCredentialScope(caller, action);
    if (caller.type === 'Root' || caller.type === 'AWSService') return undefined;

    const context = conditionContext(caller, request.environment, request.conditionKeys);
    const identity = await this.identityPolicies(caller);
    const session = await this.sessionPolicies(caller);
    for (const resource of request.resources) {
      const facts = { action, resource, context };
      const decision = evaluate(facts, { identity, session });
      if (TRUST_ACTIONS.has(action.toLowerCase()) && resource.includes(':role/')) {
        const denial = await this.trustDenial(request, resource, facts, decision);
        if (denial) return denial;
      } else if (!decision.allowed) {
        return denialMessage(request, resource, reason(decision, action));
      }
    }
    return undefined;
  }

  /**
   * A role may be assumed when its trust policy names the caller, or names the
   * caller's account and an identity-based policy allows the action. AWS then
   * says only "… is not authorized to perform: sts:AssumeRole on resource: <role>".
   */
  private async trustDenial(request: AuthorizationRequest, resource: string, facts: Parameters<typeof evaluate>[0], decision: Decision): Promise<string | undefined> {
    if (!decision.allowed && decision.explicit) return denialMessage(request, resource, reason(decision, request.action));
    const text = await this.source.trustPolicy(resource);
    const trust = text === undefined ? undefined : this.parse(text, 'trust');
    const grant = trust ? evaluateTrust(trust, facts, principalFacts(request.caller)) : 'none';
    if (grant === 'denied') return denialMessage(request, resource, reason({ allowed: false, explicit: true, policyType: 'resource-based' }, request.action));
    if (grant === 'named' || (grant === 'account' && decision.allowed)) return undefined;
    return denialMessage(request, resource);
  }

  /**
   * Temporary credentials from GetSessionToken (without MFA) and
   * GetFederationToken cannot call IAM at all; IAM answers them as if the
   * token were invalid (InvalidClientTokenId, "The security token included in
   * the request is invalid", without a final period).
   */
  private checkCredentialScope(caller: Caller, action: string): void {
    const sessionToken = caller.session !== undefined && caller.session.issuer === undefined;
    if ((sessionToken || caller.type === 'FederatedUser') && action.toLowerCase().startsWith('iam:')) {
      throw new AuthError({ kind: 'invalidToken', message: 'The security token included in the request is invalid', accessKeyId: caller.accessKeyId });
    }
  }

  private async identityPolicies(caller: Caller): Promise<PolicyDocument[]> {
    const issuer = caller.session?.issuer;
    if (issuer?.type === 'Root') return [ALLOW_ALL];
    const owner = issuer ? issuer.principalId : caller.type === 'IAMUser' ? caller.principalId : undefined;
    if (!owner) return [];
    const texts = await this.source.inlinePolicies(owner);
    return texts.map((t) => this.parse(t, 'identity')).filter((p): p is PolicyDocument => p !== undefined);
  }

  /** Role sessions may carry a session policy; federated users always have one, possibly none at all. */
  private async sessionPolicies(caller: Caller): Promise<PolicyDocument[] | undefined> {
    if (caller.type !== 'AssumedRole' && caller.type !== 'FederatedUser') return undefined;
    const text = caller.accessKeyId ? await this.source.sessionPolicy(caller.accessKeyId) : undefined;
    const policy = text === undefined ? undefined : this.parse(text, 'session');
    if (policy) return [policy];
    return caller.type === 'FederatedUser' ? [] : undefined;
  }

  /** Stored documents were checked when written; one that no longer parses counts as absent. */
  private parse(text: string, kind: PolicyKind): PolicyDocument | undefined {
    const key = `${kind}\n${text}`;
    if (!this.parsed.has(key)) {
      let policy: PolicyDocument | null = null;
      try {
        policy = parsePolicy(text, kind);
      } catch {
        policy = null;
      }
      if (this.parsed.size >= 1024) this.parsed.clear();
      this.parsed.set(key, policy);
    }
    return this.parsed.get(key) ?? undefined;
  }
}
