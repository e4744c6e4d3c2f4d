// Runs a batch of payloads through processing activities, in order.
import type { CompiledActivity } from './activities/compile-activity.ts';
import type { LambdaEvent, PipelineDeps } from './deps.ts';
import { isJsonObject, type JsonObject } from './json.ts';
import { Notes, type ActivityReport } from './report.ts';

export interface Execution {
  messages: JsonObject[];
  /** One report per processing activity, in order. */
  reports: ActivityReport[];
}

/**
 * Payloads that are not JSON objects are dropped before the first activity,
 * unless it is a lambda, which gets them as base64 strings ("Binary payloads
 * only work if the first activity is a Lambda"; the user guide's "Lambda
 * function example 2" base64-decodes each event). `intake` collects the
 * notes on dropped payloads. A PipelineActivityError from any activity
 * propagates and nothing of the batch is returned.
 */
export async function execute(steps: CompiledActivity[], payloads: Uint8Array[], deps: PipelineDeps, intake: Notes): Promise<Execution> {
  const rawAllowed = steps[0]?.takesRawPayloads ?? false;
  let current: LambdaEvent[] = [];
  for (const payload of payloads) {
    const message = decodeJsonObject(payload);
    if (message) current.push(message);
    else if (rawAllowed) current.push(Buffer.from(payload).toString('base64'));
    else intake.add('Payload is not a JSON object; the message was dropped');
  }
  const reports: ActivityReport[] = [];
  for (const step of steps) {
    const notes = new Notes();
    const messagesIn = current.length;
    const output = await step.process!(current as JsonObject[], deps, notes);
    current = withoutEmpty(output, notes);
    reports.push({ name: step.name, type: step.type, messagesIn, messagesOut: current.length, notes: notes.list() });
  }
  return { messages: current as JsonObject[], reports };
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function decodeJsonObject(payload: Uint8Array): JsonObject | undefined {
  try {
    const value: unknown = JSON.parse(utf8.decode(payload));
    return isJsonObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

// A message whose every attribute is gone is dropped (reference §5.1: "every
// attribute is removed"); nothing of it could be stored.
function withoutEmpty(messages: JsonObject[], notes: Notes): JsonObject[] {
  return messages.filter((message) => {
    if (Object.keys(message).length > 0) return true;
    notes.add('The message has no attributes left; it was dropped');
    return false;
  });
}
