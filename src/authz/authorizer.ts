// Authorization decides whether a caller may perform an action on resources.
// The pipeline asks after validating the input (resource ARNs can come from
// the body) and before invoking the handler.
import type { Caller } from '../identity/caller.ts';

export interface AuthorizationRequest {
  caller: Caller;
  /** e.g. iotanalytics:CreateChannel */
  action: string;
  /** Resource ARNs; ['*'] when the action has no resource. */
  resources: string[];
}

export interface Authorizer {
  /** Resolves to the denial message, or undefined when allowed. */
  authorize(request: AuthorizationRequest): Promise<string | undefined>;
}

/** AWS's wording, e.g. "User: arn:… is not authorized to perform: iotanalytics:CreateChannel on resource: arn:…". */
export function denialMessage(request: AuthorizationRequest, resource: string, reason?: string): string {
  const who = request.caller.arn ?? request.caller.principalId ?? 'anonymous';
  return `User: ${who} is not authorized to perform: ${request.action} on resource: ${resource}${reason ? ` ${reason}` : ''}`;
}

/**
 * Until IAM policies are evaluated (issue #3), only the root user and the
 * server acting for itself exist, and both are always allowed.
 */
export const rootOnlyAuthorizer: Authorizer = {
  async authorize(request) {
    const { type } = request.caller;
    if (type === 'Root' || type === 'AWSService') return undefined;
    return denialMessage(request, request.resources[0], 'because no identity-based policy allows the action');
  },
};
