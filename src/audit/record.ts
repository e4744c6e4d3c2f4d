// The CloudTrail record of one API call, built from what the pipeline learnt
// about the request (reference §1). Pure: the same context gives the same
// record. Fields appear in the order AWS writes them.
import { peekScope } from '../identity/sigv4/parse.ts';
import type { RequestContext } from '../pipeline/context.ts';
import { isNotImplemented, type EventCategory, type OperationSpec } from '../pipeline/operation.ts';
import { requestParameters, responseElements, type JsonObject } from './parameters.ts';
import { isoSeconds } from './time.ts';
import { userIdentity, type UserIdentity } from './user-identity.ts';

/** The record format written (AWS's 2023 example of a plain API call; every field we emit exists since 1.08). */
export const EVENT_VERSION = '1.09';

/** userAgent, errorCode, errorMessage and requestID are cut to 1 KB, as CloudTrail does. */
const SHORT_FIELD_LIMIT_BYTES = 1024;

export interface RecordResource {
  ARN: string;
  accountId: string;
  type: string;
}

export interface TlsDetails {
  tlsVersion: string;
  cipherSuite: string;
  clientProvidedHostHeader?: string;
}

export interface CloudTrailRecord {
  eventVersion: string;
  userIdentity: UserIdentity;
  eventTime: string;
  eventSource: string;
  eventName: string;
  awsRegion: string;
  sourceIPAddress: string;
  userAgent?: string;
  errorCode?: string;
  errorMessage?: string;
  requestParameters: JsonObject | null;
  responseElements: JsonObject | null;
  requestID: string;
  eventID: string;
  readOnly: boolean;
  resources?: RecordResource[];
  eventType: 'AwsApiCall';
  managementEvent: boolean;
  recipientAccountId: string;
  eventCategory: EventCategory;
  tlsDetails?: TlsDetails;
}

export interface RecordEnvironment {
  /** The account the server serves: recipientAccountId. */
  accountId: string;
  /** awsRegion when neither the service nor the request names one. */
  defaultRegion: string;
  /** A fresh UUID for this event. */
  eventId: string;
}

/** Requests are recorded once the service and the operation are known; unroutable ones are not. */
export function isRecordable(ctx: RequestContext): boolean {
  return ctx.service !== undefined && ctx.operation !== undefined;
}

/** Whether the call reads only: from the operation's spec, else (operations not built yet) from its name. */
export function isReadOnly(ctx: RequestContext): boolean {
  return operationSpec(ctx)?.readOnly ?? /^(Describe|Get|List|Lookup|Sample)/.test(ctx.operation!.name);
}

export function eventCategory(ctx: RequestContext): EventCategory {
  return operationSpec(ctx)?.category ?? 'Management';
}

/** The operation's spec, also when the request failed before the pipeline set ctx.spec; undefined for operations not built yet. */
function operationSpec(ctx: RequestContext): OperationSpec | undefined {
  const entry = ctx.spec ?? ctx.service!.operations.get(ctx.operation!.name);
  return entry && !isNotImplemented(entry) ? entry : undefined;
}

export function buildRecord(ctx: RequestContext, env: RecordEnvironment): CloudTrailRecord {
  const service = ctx.service!;
  const operation = ctx.operation!;
  const readOnly = isReadOnly(ctx);
  const category = eventCategory(ctx);
  const error = ctx.error;
  const resources = (ctx.resources ?? []).map((r) => ({ ARN: r.arn, accountId: arnAccount(r.arn) || env.accountId, type: r.type }));
  const tls = ctx.raw.tls;
  return {
    eventVersion: EVENT_VERSION,
    userIdentity: userIdentity(ctx.caller, ctx.claimedAccessKeyId, env.accountId),
    eventTime: isoSeconds(ctx.completedAt ?? ctx.receivedAt),
    eventSource: service.model.eventSource,
    eventName: operation.name,
    awsRegion: service.recordRegion ?? ctx.region ?? claimedRegion(ctx) ?? env.defaultRegion,
    sourceIPAddress: ctx.sourceIp,
    ...(ctx.userAgent !== undefined && { userAgent: truncate(ctx.userAgent) }),
    ...(error && { errorCode: truncate(error.code), errorMessage: truncate(error.message) }),
    requestParameters: requestParameters(ctx.input, operation.input),
    responseElements: error || readOnly ? null : responseElements(ctx.output, operation.output),
    requestID: truncate(ctx.requestId),
    eventID: env.eventId,
    readOnly,
    ...(resources.length > 0 && { resources }),
    eventType: 'AwsApiCall',
    managementEvent: category === 'Management',
    recipientAccountId: env.accountId,
    eventCategory: category,
    ...(tls && {
      tlsDetails: {
        tlsVersion: tls.version,
        cipherSuite: tls.cipherSuite,
        ...(ctx.raw.headers.host !== undefined && { clientProvidedHostHeader: ctx.raw.headers.host }),
      },
    }),
  };
}

/**
 * The region a request that failed authentication signed for, so that its
 * record lands in the event history the caller looks at; ignored unless it
 * looks like a region.
 */
function claimedRegion(ctx: RequestContext): string | undefined {
  const region = peekScope(ctx.raw)?.region;
  return region && /^[a-z0-9-]{1,64}$/.test(region) ? region : undefined;
}

/** The account field of an ARN (arn:partition:service:region:account:resource). */
function arnAccount(arn: string): string {
  return arn.split(':', 5)[4] ?? '';
}

function truncate(text: string): string {
  const bytes = Buffer.from(text);
  if (bytes.length <= SHORT_FIELD_LIMIT_BYTES) return text;
  // Cut on a character boundary: drop a partial UTF-8 sequence at the end.
  let end = SHORT_FIELD_LIMIT_BYTES;
  while (end > 0 && (bytes[end] & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end).toString('utf8');
}
