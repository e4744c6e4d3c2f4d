// RunPipelineActivity: "Simulates the results of running a pipeline activity
// on a message payload" (API reference). Stateless; touches no resources.
import type { PipelineActivity } from '@aws-sdk/client-iotanalytics';
import { activityType, compileActivity } from './activities/compile-activity.ts';
import type { PipelineDeps } from './deps.ts';
import { PipelineActivityError, PipelineDefinitionError } from './errors.ts';
import { execute } from './execute.ts';
import { formatNote, Notes } from './report.ts';

export interface RunPipelineActivityResult {
  /** Each output message as compact JSON, e.g. {"humidity":52,"temp":68,"tempC":20}. */
  payloads: Uint8Array[];
  /** Empty when nothing went wrong, as in the user guide's example; otherwise one line per problem. */
  logResult: string;
}

const MIN_PAYLOADS = 1;
const MAX_PAYLOADS = 10;

/**
 * Throws PipelineDefinitionError (for InvalidRequestException) for a channel
 * or datastore activity ("This must not be a channel activity or a data store
 * activity"), for 0 or more than 10 payloads, and for a malformed activity.
 *
 * The model documents logResult as "In case the pipeline activity fails, the
 * log message that is generated", so a failing Lambda (or thing directory)
 * is not an API error: the call returns no payloads and the failure in
 * logResult. Messages dropped on the way (not JSON, filtered out with a
 * non-Boolean result, …) are named in logResult too; a filter that is simply
 * false drops its message without a word, like the real pipeline.
 */
export async function runPipelineActivity(
  activity: PipelineActivity,
  payloads: Uint8Array[],
  deps: PipelineDeps,
): Promise<RunPipelineActivityResult> {
  const type = activityType(activity);
  if (type === 'channel' || type === 'datastore') {
    throw new PipelineDefinitionError(`The pipeline activity to run must not be a ${type} activity`);
  }
  if (payloads.length < MIN_PAYLOADS || payloads.length > MAX_PAYLOADS) {
    throw new PipelineDefinitionError(`Between ${MIN_PAYLOADS} and ${MAX_PAYLOADS} payloads are required; got ${payloads.length}`);
  }
  const step = compileActivity(activity);
  const intake = new Notes();
  try {
    const { messages, reports } = await execute([step], payloads, deps, intake);
    const encoder = new TextEncoder();
    const notes = [...intake.list(), ...reports.flatMap((r) => r.notes)];
    return {
      payloads: messages.map((message) => encoder.encode(JSON.stringify(message))),
      logResult: notes.map(formatNote).join('\n'),
    };
  } catch (error) {
    if (error instanceof PipelineActivityError) return { payloads: [], logResult: error.message };
    throw error;
  }
}
