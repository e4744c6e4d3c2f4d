// What a service supplies for each model operation: a handler with the facts
// the pipeline needs around it (read-only or not, the resources it touches, its
// event category), or an explicit marker that it is not built yet.
import type { Caller } from '../identity/caller.ts';
import type { Clock } from '../lib/clock.ts';
import type { SqlExecutor } from '../storage/db/database.ts';

/** A resource an operation acts on: the IAM resource of its authorization and a CloudTrail `resources` entry. */
export interface ResourceRef {
  arn: string;
  /** CloudTrail resource type, e.g. AWS::IoTAnalytics::Channel. */
  type: string;
}

export interface OperationContext {
  readonly requestId: string;
  readonly region: string;
  readonly accountId: string;
  readonly caller: Caller;
  /** When the request arrived, by the server's clock. */
  readonly receivedAt: Date;
  readonly clock: Clock;
  readonly userAgent?: string;
  readonly sourceIp: string;
  /** `scheme://host` as the client addressed the server (what URLs handed back to it start with). */
  readonly origin?: string;
  /** Set when the service itself makes the call (RequestPipeline.invokeAsService). */
  readonly serviceInvocation?: ServiceInvocation;
  /**
   * Runs the operation's changes in one transaction. The audit record of the
   * call is written in that same transaction, so a change can never be
   * committed without its record. Call it at most once, with everything that
   * must change; do slow I/O before it. The function's result is the output.
   */
  mutate<T extends object | void>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
}

/** Why the service acts on its own, e.g. a dataset's schedule firing. */
export interface ServiceInvocation {
  /** What caused the call, in the service's terms (e.g. SCHEDULE, DATASET). */
  cause: string;
  /** The time the call stands for (a schedule's fire time), which can be earlier than when it ran. */
  scheduledFor?: Date;
}

export type EventCategory = 'Management' | 'Data';

export interface OperationSpec<I = any, O = any> {
  readonly name: string;
  /** CloudTrail `readOnly`: true for Describe/List/Get-style operations. */
  readonly readOnly: boolean;
  /** Data-plane calls (e.g. BatchPutMessage) are CloudTrail data events. */
  readonly category?: EventCategory;
  /** The IAM action when it is not `<arnNamespace>:<name>` (e.g. S3 ListObjects is s3:ListBucket). */
  readonly action?: string;
  /**
   * AWS accepts the operation without a signature (STS AssumeRoleWithWebIdentity):
   * an unsigned request reaches the handler with an 'Unknown' caller.
   */
  readonly unsigned?: boolean;
  /**
   * The resources this call addresses, from its validated input (IAM looks a
   * user up to put its path into the ARN, hence the promise).
   */
  resources?(input: I, ctx: OperationContext): ResourceRef[] | Promise<ResourceRef[]>;
  /** The call's own IAM condition keys (e.g. sts:ExternalId), absent values left out. */
  conditionKeys?(input: I): Record<string, string | undefined>;
  handler(input: I, ctx: OperationContext): Promise<O>;
}

export interface NotImplemented {
  readonly name: string;
  readonly notImplemented: string;
}

export type OperationEntry = OperationSpec | NotImplemented;

export function isNotImplemented(entry: OperationEntry): entry is NotImplemented {
  return 'notImplemented' in entry;
}

export function defineOperation<I, O>(spec: OperationSpec<I, O>): OperationSpec<I, O> {
  return spec;
}

/** Marks a model operation as not built yet; `plan` says where it will come from (shown in COVERAGE.md). */
export function notImplemented(name: string, plan: string): NotImplemented {
  return { name, notImplemented: plan };
}
