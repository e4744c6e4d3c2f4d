// Everything the pipeline learns about one request, stage by stage. Hooks
// read it; the audit recorder turns it into a CloudTrail record.
import type { Caller } from '../identity/caller.ts';
import type { ApiError } from '../protocol/errors.ts';
import type { RawRequest } from '../protocol/http-types.ts';
import type { OperationModel } from '../protocol/model/service-model.ts';
import type { OperationSpec, ResourceRef } from './operation.ts';
import type { ServiceDefinition } from './service-definition.ts';

export interface RequestContext {
  readonly requestId: string;
  readonly raw: RawRequest;
  readonly receivedAt: Date;
  readonly sourceIp: string;
  readonly userAgent?: string;
  service?: ServiceDefinition;
  operation?: OperationModel;
  spec?: OperationSpec;
  /** URI label values found by routing (REST protocols). */
  labels?: Record<string, string>;
  /** From the SigV4 credential scope. */
  region?: string;
  caller?: Caller;
  /** The access key a request claimed, also when authentication failed. */
  claimedAccessKeyId?: string;
  input?: Record<string, unknown>;
  resources?: ResourceRef[];
  output?: Record<string, unknown>;
  error?: ApiError;
  status?: number;
  completedAt?: Date;
  /** Set once the audit record was written in the operation's own transaction. */
  recordedInTransaction: boolean;
}
