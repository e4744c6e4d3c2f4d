// Named hooks on the stages of the pipeline. Observers (audit, metrics,
// logging) attach here instead of to handlers.
import type { SqlExecutor } from '../storage/db/database.ts';
import type { RequestContext } from './context.ts';

export interface PipelineHooks {
  /** The service and operation are known (ctx.operation may be unset for unknown operations). */
  routed?(ctx: RequestContext): void;
  /** The caller is known. */
  authenticated?(ctx: RequestContext): void;
  /**
   * Inside the transaction of a mutating call, after the handler's changes and
   * before the commit; ctx.output is set. A throw rolls the change back.
   */
  committing?(ctx: RequestContext, tx: SqlExecutor): Promise<void>;
  /** The outcome (ctx.output or ctx.error) is known; awaited before the response is sent. */
  completed?(ctx: RequestContext): Promise<void>;
}

export async function runCommitting(hooks: PipelineHooks[], ctx: RequestContext, tx: SqlExecutor): Promise<void> {
  for (const h of hooks) if (h.committing) await h.committing(ctx, tx);
}

export async function runCompleted(hooks: PipelineHooks[], ctx: RequestContext): Promise<void> {
  for (const h of hooks) if (h.completed) await h.completed(ctx);
}

export function runSync(hooks: PipelineHooks[], stage: 'routed' | 'authenticated', ctx: RequestContext): void {
  for (const h of hooks) h[stage]?.(ctx);
}
