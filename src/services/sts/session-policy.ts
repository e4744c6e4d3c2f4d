// Session policies passed to AssumeRole and GetFederationToken, and the
// request members this server does not honour.
import { MalformedPolicy, parsePolicy } from '../../authz/policy/policy-document.ts';
import { errors } from './errors.ts';

/** AWS's limit for the plain text of session policies. */
const SESSION_POLICY_LIMIT = 2048;

/**
 * Checks a session policy and returns PackedPolicySize. AWS's packing
 * (compression) is not published; this reports the policy's length without
 * whitespace as a percentage of the 2,048-character limit, and refuses more
 * than 100 % as AWS refuses a packed policy that does not fit
 * (docs/FIDELITY.md, "STS").
 */
export function checkSessionPolicy(policy: string | undefined): number | undefined {
  if (policy === undefined) return undefined;
  try {
    parsePolicy(policy, 'session');
  } catch (error) {
    if (error instanceof MalformedPolicy) throw errors.malformedPolicy(error.message);
    throw error;
  }
  const percent = Math.ceil((JSON.stringify(JSON.parse(policy)).length * 100) / SESSION_POLICY_LIMIT);
  if (percent > 100) throw errors.packedPolicyTooLarge(percent);
  return percent;
}

/** Managed session policies, session tags, MFA and provided contexts are not built. */
export function refuseUnsupported(input: {
  PolicyArns?: unknown[];
  Tags?: unknown[];
  TransitiveTagKeys?: unknown[];
  ProvidedContexts?: unknown[];
  SerialNumber?: string;
  TokenCode?: string;
}): void {
  for (const member of ['PolicyArns', 'Tags', 'TransitiveTagKeys', 'ProvidedContexts'] as const) {
    if (input[member]?.length) throw errors.unsupported(member);
  }
  if (input.SerialNumber !== undefined || input.TokenCode !== undefined) throw errors.invalidMfa();
}
