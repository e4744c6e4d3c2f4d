// Authorization decides whether a caller may perform an action on resources.
// The pipeline asks after validating the input (resource ARNs can come from
// the body) and before invoking the handler.
import type { Caller } from '../identity/caller.ts';

/** Facts about the request itself, the source of the global aws:* condition keys. */
export interface RequestEnvironment {
  sourceIp: string;
  time: Date;
  secureTransport: boolean;
  /** The region the request was signed for (aws:RequestedRegion). */
  region: string;
}

export interface AuthorizationRequest {
  caller: Caller;
  /** e.g. iotanalytics:CreateChannel */
  action: string;
  /** Resource ARNs; ['*'] when the action has no resource. */
  resources: string[];
  environment?: RequestEnvironment;
  /** Service-specific condition keys of the call, e.g. sts:ExternalId. */
  conditionKeys?: Record<string, string>;
}

export interface Authorizer {
  /**
   * Resolves to the denial message, or undefined when allowed. Throws an
   * AuthError when the caller's credentials are not valid for the action at
   * all (as IAM answers temporary credentials without MFA).
   */
  authorize(request: AuthorizationRequest): Promise<string | undefined>;
}

/**
 * AWS's wording: "User: arn:… is not authorized to perform: iotanalytics:CreateChannel
 * on resource: arn:… because no identity-based policy allows the
 * iotanalytics:CreateChannel action". Actions without a resource leave out
 * "on resource: …", as in the IAM User Guide's examples.
 */
export function denialMessage(request: AuthorizationRequest, resource: string, reason?: string): string {
  const who = request.caller.arn ?? request.caller.principalId ?? 'anonymous';
  const on = resource === '*' ? '' : ` on resource: ${resource}`;
  return `User: ${who} is not authorized to perform: ${request.action}${on}${reason ? ` ${reason}` : ''}`;
}
