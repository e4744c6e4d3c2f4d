// A pipeline: the chain from its channel activity to its datastore activity.
import type { PipelineActivity } from '@aws-sdk/client-iotanalytics';
import { compileActivity, type CompiledActivity } from './activities/compile-activity.ts';
import type { PipelineDeps } from './deps.ts';
import { PipelineDefinitionError } from './errors.ts';
import { execute } from './execute.ts';
import type { JsonObject } from './json.ts';
import { Notes, type ActivityReport } from './report.ts';

export interface PipelineRunResult {
  /** The messages for the data store, in input order as far as activities keep it. */
  messages: JsonObject[];
  /** One report per activity, channel first and datastore last. */
  activities: ActivityReport[];
}

export interface CompiledPipeline {
  channelName: string;
  datastoreName: string;
  /** The activities in the order they run, channel first and datastore last. */
  activities: CompiledActivity[];
  /**
   * Runs one batch of raw channel payloads. Rejects with PipelineActivityError
   * when an activity fails; then no message of the batch has been processed
   * and the caller still holds all of them.
   */
  run(payloads: Uint8Array[], deps: PipelineDeps): Promise<PipelineRunResult>;
}

/**
 * Checks and prepares a pipeline's activities. "The list is a graph, not a
 * sequence" (reference §4): the run starts at the one channel activity and
 * follows `next` names to the one datastore activity. Throws
 * PipelineDefinitionError, with a message fit for InvalidRequestException,
 * for duplicate names, a `next` that names nothing, a cycle, an activity the
 * chain never reaches, and malformed expressions or paths.
 */
export function compilePipeline(activities: PipelineActivity[]): CompiledPipeline {
  const compiled = activities.map(compileActivity);
  const byName = new Map<string, CompiledActivity>();
  for (const activity of compiled) {
    if (byName.has(activity.name)) throw new PipelineDefinitionError(`Activity names must be unique; ${activity.name} is used twice`);
    byName.set(activity.name, activity);
  }
  const channel = only(compiled, 'channel');
  const datastore = only(compiled, 'datastore');
  const chain: CompiledActivity[] = [];
  for (let current: CompiledActivity | undefined = channel; current; ) {
    if (chain.includes(current)) throw new PipelineDefinitionError(`The activities form a cycle at ${current.name}`);
    chain.push(current);
    if (current === datastore) break;
    if (current.next === undefined) {
      throw new PipelineDefinitionError(`Activity ${current.name} has no next activity, so the chain never reaches the datastore activity`);
    }
    const next = byName.get(current.next);
    if (!next) throw new PipelineDefinitionError(`Activity ${current.name} names next activity ${current.next}, which does not exist`);
    current = next;
  }
  const unreached = compiled.find((activity) => !chain.includes(activity));
  if (unreached) throw new PipelineDefinitionError(`Activity ${unreached.name} is not on the chain from the channel activity to the datastore activity`);

  const steps = chain.slice(1, -1);
  return {
    channelName: channel.channelName!,
    datastoreName: datastore.datastoreName!,
    activities: chain,
    async run(payloads, deps) {
      const intake = new Notes();
      const { messages, reports } = await execute(steps, payloads, deps, intake);
      const accepted = reports[0]?.messagesIn ?? messages.length;
      return {
        messages,
        activities: [
          { name: channel.name, type: 'channel', messagesIn: payloads.length, messagesOut: accepted, notes: intake.list() },
          ...reports,
          { name: datastore.name, type: 'datastore', messagesIn: messages.length, messagesOut: messages.length, notes: [] },
        ],
      };
    },
  };
}

/** Compiles and runs in one go; prefer compilePipeline when running many batches. */
export function runPipeline(activities: PipelineActivity[], payloads: Uint8Array[], deps: PipelineDeps): Promise<PipelineRunResult> {
  return compilePipeline(activities).run(payloads, deps);
}

function only(activities: CompiledActivity[], type: 'channel' | 'datastore'): CompiledActivity {
  const found = activities.filter((a) => a.type === type);
  if (found.length !== 1) throw new PipelineDefinitionError(`A pipeline must have exactly one ${type} activity; found ${found.length}`);
  return found[0];
}
