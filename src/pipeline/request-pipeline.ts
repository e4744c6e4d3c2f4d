// The request pipeline, written out in one place:
//
//   route → authenticate → deserialize → validate → authorize → invoke → serialize
//
// Authorization runs after validation because the resources an IAM policy is
// evaluated against can come from the request body (CreateChannel names its
// channel there); see docs/ARCHITECTURE.md. Every outcome, success or failure
// at any stage, passes the `completed` hook before the response is sent, so
// the audit recorder sees every request.
import { randomUUID } from 'node:crypto';
import type { Authenticator } from '../identity/authenticator.ts';
import { AuthError } from '../identity/sigv4/parse.ts';
import { hasSignature, peekScope } from '../identity/sigv4/parse.ts';
import type { Authorizer } from '../authz/authorizer.ts';
import type { Clock } from '../lib/clock.ts';
import type { Logger } from '../lib/logger.ts';
import { ApiError, frameworkErrors } from '../protocol/errors.ts';
import type { RawRequest, RawResponse } from '../protocol/http-types.ts';
import { validateInput, validationMessage } from '../protocol/validation/validate.ts';
import { serviceCaller } from '../identity/caller.ts';
import type { Database, SqlExecutor } from '../storage/db/database.ts';
import type { RequestContext } from './context.ts';
import { runCommitting, runCompleted, runSync, type PipelineHooks } from './hooks.ts';
import { isNotImplemented, type OperationContext, type OperationEntry, type OperationSpec, type ServiceInvocation } from './operation.ts';
import type { ServiceRegistry } from './service-registry.ts';

export interface PipelineDeps {
  registry: ServiceRegistry;
  authenticator: Authenticator;
  authorizer: Authorizer;
  database: Database;
  clock: Clock;
  accountId: string;
  /** Region for requests whose signature names none (unsigned operations). */
  defaultRegion: string;
  hooks: PipelineHooks[];
  logger: Logger;
}

/** A call the service makes itself, as AWS's services did (a dataset's schedule firing). */
export interface ServiceCall extends ServiceInvocation {
  /** The service's SigV4 signing name, e.g. iotanalytics. */
  service: string;
  operation: string;
  input: Record<string, unknown>;
  region: string;
  /** The acting service principal, CloudTrail's invokedBy, e.g. iotanalytics.amazonaws.com. */
  invokedBy: string;
}

export class RequestPipeline {
  constructor(private readonly deps: PipelineDeps) {}

  async handle(raw: RawRequest): Promise<RawResponse> {
    const ctx: RequestContext = {
      requestId: randomUUID(),
      raw,
      receivedAt: this.deps.clock.now(),
      sourceIp: raw.remoteAddress,
      userAgent: raw.headers['user-agent'],
      recordedInTransaction: false,
    };
    let response: RawResponse;
    try {
      const spec = await this.route(ctx);
      await this.authenticate(ctx, spec);
      if (!spec) throw ctx.service!.protocol.unknownOperation(raw);
      if (isNotImplemented(spec)) {
        throw new ApiError('NotImplementedException', `${spec.name} is not implemented yet by Open IoT Analytics: ${spec.notImplemented}. See docs/COVERAGE.md.`, { status: 501 });
      }
      ctx.spec = spec;
      this.deserialize(ctx);
      this.validate(ctx);
      const opCtx = this.operationContext(ctx);
      await this.authorize(ctx, spec, opCtx);
      await this.invoke(ctx, spec, opCtx);
      response = ctx.service!.protocol.serialize(ctx.operation!, ctx.output, ctx.requestId);
    } catch (error) {
      ctx.error = this.toApiError(error, ctx);
      response = this.renderError(ctx);
    }
    ctx.status = response.status;
    ctx.completedAt ??= this.deps.clock.now();
    try {
      await runCompleted(this.deps.hooks, ctx);
    } catch (error) {
      // A request whose failure could not be recorded is not answered as a success.
      this.deps.logger.error('completed hook failed', { requestId: ctx.requestId, error: String(error) });
      ctx.error = frameworkErrors.internal();
      response = this.renderError(ctx);
    }
    response.headers['x-amzn-requestid'] = ctx.requestId;
    return response;
  }

  /**
   * Runs an operation as the service itself (CloudTrail userIdentity
   * AWSService, invokedBy and sourceIPAddress the service principal, as AWS
   * records calls services make for you). It passes the same stages as an
   * API call but the wire ones: validation, authorization (AWSService is
   * always allowed), the handler with its transaction, and every hook, so the
   * audit record is written exactly as for a request. Resolves to the
   * output; rejects with the ApiError the call ended with.
   */
  async invokeAsService(call: ServiceCall): Promise<Record<string, unknown> | undefined> {
    const service = this.deps.registry.bySigning(call.service);
    const spec = service?.operations.get(call.operation);
    if (!service || !spec || isNotImplemented(spec)) throw new Error(`${call.service} has no operation ${call.operation} to invoke`);
    const raw: RawRequest = { method: 'POST', path: '/', rawQuery: '', query: [], headers: {}, body: Buffer.alloc(0), remoteAddress: call.invokedBy };
    const ctx: RequestContext = {
      requestId: randomUUID(),
      raw,
      receivedAt: this.deps.clock.now(),
      sourceIp: call.invokedBy,
      userAgent: call.invokedBy,
      recordedInTransaction: false,
      service,
      operation: service.model.operations.get(call.operation),
      spec,
      region: call.region,
      caller: serviceCaller(this.deps.accountId, call.invokedBy),
      input: call.input,
    };
    try {
      this.validate(ctx);
      const opCtx = { ...this.operationContext(ctx), serviceInvocation: { cause: call.cause, scheduledFor: call.scheduledFor } };
      await this.authorize(ctx, spec, opCtx);
      await this.invoke(ctx, spec, opCtx);
      ctx.status = ctx.operation?.http?.code ?? 200;
    } catch (error) {
      ctx.error = this.toApiError(error, ctx);
      ctx.status = ctx.error.status ?? 400;
    }
    ctx.completedAt ??= this.deps.clock.now();
    await runCompleted(this.deps.hooks, ctx);
    if (ctx.error) throw ctx.error;
    return ctx.output;
  }

  private async route(ctx: RequestContext): Promise<OperationEntry | undefined> {
    const resolution = this.deps.registry.resolve(ctx.raw);
    // A request no service claims: signed, it names an operation nobody has;
    // unsigned, AWS's front ends ask for authentication first.
    if (!resolution) {
      if (hasSignature(ctx.raw)) throw frameworkErrors.unknownOperation();
      throw new ApiError('MissingAuthenticationTokenException', 'Missing Authentication Token', { status: 403 });
    }
    ctx.service = resolution.service;
    ctx.operation = resolution.routed?.operation;
    if (!ctx.operation && ctx.service.protocol.addresses?.(ctx.raw)) throw ctx.service.protocol.unknownOperation(ctx.raw);
    ctx.labels = resolution.routed?.labels;
    runSync(this.deps.hooks, 'routed', ctx);
    return ctx.operation ? ctx.service.operations.get(ctx.operation.name) : undefined;
  }

  private async authenticate(ctx: RequestContext, spec: OperationEntry | undefined): Promise<void> {
    const service = ctx.service!;
    ctx.claimedAccessKeyId = peekScope(ctx.raw)?.accessKeyId;
    if (spec && !isNotImplemented(spec) && spec.unsigned && !hasSignature(ctx.raw)) {
      ctx.region = service.recordRegion ?? this.deps.defaultRegion;
      ctx.caller = { type: 'Unknown', accountId: this.deps.accountId };
      return;
    }
    const authenticated = await this.deps.authenticator.authenticate(ctx.raw, service.model.signingName, {
      s3: service.s3Signing,
    });
    ctx.caller = authenticated.caller;
    ctx.region = authenticated.region;
    runSync(this.deps.hooks, 'authenticated', ctx);
  }

  private deserialize(ctx: RequestContext): void {
    const routed = { operation: ctx.operation!, labels: ctx.labels };
    ctx.input = ctx.service!.protocol.deserialize(ctx.raw, routed);
  }

  private validate(ctx: RequestContext): void {
    const shape = ctx.operation!.input;
    if (!shape) return;
    const violations = validateInput(ctx.input!, shape);
    if (violations.length > 0) {
      const members = [...new Set(violations.map((v) => v.member))];
      throw ctx.service!.validationError(validationMessage(violations), members);
    }
  }

  private async authorize(ctx: RequestContext, spec: OperationSpec, opCtx: OperationContext): Promise<void> {
    ctx.resources = (await spec.resources?.(ctx.input, opCtx)) ?? [];
    const action = spec.action ?? `${ctx.service!.model.arnNamespace}:${spec.name}`;
    const resources = ctx.resources.length > 0 ? ctx.resources.map((r) => r.arn) : ['*'];
    const conditionKeys = Object.fromEntries(
      Object.entries(spec.conditionKeys?.(ctx.input) ?? {}).filter((e): e is [string, string] => e[1] !== undefined),
    );
    // Global services (IAM, STS) see us-east-1 as aws:RequestedRegion, whatever the client signed for.
    const region = ctx.service!.recordRegion ?? ctx.region!;
    const environment = { sourceIp: ctx.sourceIp, time: ctx.receivedAt, secureTransport: ctx.raw.tls !== undefined, region };
    const denial = await this.deps.authorizer.authorize({ caller: ctx.caller!, action, resources, environment, conditionKeys });
    if (denial) throw ctx.service!.protocol.accessDenied(denial);
  }

  private async invoke(ctx: RequestContext, spec: OperationSpec, opCtx: OperationContext): Promise<void> {
    const output = await spec.handler(ctx.input, opCtx);
    ctx.output = (output ?? undefined) as Record<string, unknown> | undefined;
    ctx.completedAt ??= this.deps.clock.now();
  }

  private operationContext(ctx: RequestContext): OperationContext {
    const { database, clock, hooks } = this.deps;
    let mutated = false;
    return {
      requestId: ctx.requestId,
      region: ctx.region!,
      accountId: ctx.caller?.accountId ?? this.deps.accountId,
      caller: ctx.caller!,
      receivedAt: ctx.receivedAt,
      clock,
      userAgent: ctx.userAgent,
      sourceIp: ctx.sourceIp,
      origin: ctx.raw.headers.host && `${ctx.raw.tls ? 'https' : 'http'}://${ctx.raw.headers.host}`,
      mutate: async <T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> => {
        if (mutated) throw new Error(`${ctx.operation?.name} called mutate twice`);
        mutated = true;
        try {
          return await database.transaction(async (tx) => {
            const output = await fn(tx);
            ctx.output = (output ?? undefined) as Record<string, unknown> | undefined;
            ctx.completedAt = clock.now();
            ctx.status = ctx.operation?.http?.code ?? 200;
            await runCommitting(hooks, ctx, tx);
            return output;
          });
        } catch (error) {
          // The rollback took the audit record with it; `completed` records the failure.
          ctx.recordedInTransaction = false;
          throw error;
        }
      },
    };
  }

  private toApiError(error: unknown, ctx: RequestContext): ApiError {
    if (error instanceof ApiError) return error;
    if (error instanceof AuthError) {
      ctx.claimedAccessKeyId ??= error.failure.accessKeyId;
      return ctx.service ? ctx.service.protocol.authError(error.failure) : new ApiError('AccessDenied', error.message, { status: 403 });
    }
    this.deps.logger.error('unhandled error', {
      requestId: ctx.requestId,
      operation: ctx.operation?.name,
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
    return frameworkErrors.internal();
  }

  private renderError(ctx: RequestContext): RawResponse {
    const error = ctx.error!;
    if (ctx.service) return ctx.service.protocol.serializeError(error, ctx.requestId, ctx.operation);
    return {
      status: error.status ?? 400,
      headers: { 'content-type': 'application/json', 'x-amzn-errortype': error.code },
      body: JSON.stringify({ __type: error.code, message: error.message }),
    };
  }
}
