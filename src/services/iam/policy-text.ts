// Policy documents as IAM stores and returns them. IAM keeps the text as
// submitted and returns it URL-encoded "compliant with RFC 3986" (GetUserPolicy,
// GetRolePolicy, and a role's AssumeRolePolicyDocument); botocore decodes it
// again, the JavaScript SDK does not.
import { uriEncode } from '../../identity/sigv4/canonical.ts';
import { MalformedPolicy, parsePolicy, type PolicyKind } from '../../authz/policy/policy-document.ts';
import { errors } from './errors.ts';

export function encodePolicy(document: string): string {
  return uriEncode(document);
}

/** Checks a document before it is stored; IAM's MalformedPolicyDocument on failure. */
export function checkPolicy(document: string, kind: PolicyKind): void {
  try {
    parsePolicy(document, kind);
  } catch (error) {
    if (error instanceof MalformedPolicy) throw errors.malformedPolicy(error.message);
    throw error;
  }
}

/** IAM's policy size quotas do not count whitespace. */
export function policySize(document: string): number {
  return JSON.stringify(JSON.parse(document)).length;
}
