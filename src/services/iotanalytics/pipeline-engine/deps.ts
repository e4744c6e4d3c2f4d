// What the engine reaches outside itself through. The engine does no I/O of
// its own; the server wires implementations (lambda-invoker.ts,
// thing-directory.ts) or tests pass their own.
import type { JsonObject } from './json.ts';

/**
 * What a Lambda function receives: a message, or, for a payload that is not
 * a JSON object, the payload's bytes as a base64 string (the user guide's
 * "Lambda function example 2" decodes such strings).
 */
export type LambdaEvent = JsonObject | string;

export interface LambdaInvoker {
  /**
   * Runs the function on one batch and resolves with what it returned
   * (expected: an array of JSON objects). Rejects when the function cannot
   * be run or fails; the engine turns that into a LAMBDA_FAILURE.
   */
  invoke(lambdaName: string, events: LambdaEvent[]): Promise<unknown>;
}

/** AWS IoT DescribeThing's response, as the deviceRegistryEnrich example shows it. */
export interface ThingDescription {
  defaultClientId: string;
  thingName: string;
  thingId: string;
  thingArn: string;
  thingTypeName?: string;
  attributes: Record<string, string>;
  version: number;
  billingGroupName?: string;
}

export interface ThingDirectory {
  /** Undefined when there is no such thing. */
  describeThing(thingName: string): Promise<ThingDescription | undefined>;
  /** The classic (unnamed) shadow document, or undefined when the thing has none. */
  getThingShadow(thingName: string): Promise<JsonObject | undefined>;
}

export interface PipelineDeps {
  lambda: LambdaInvoker;
  things: ThingDirectory;
}
