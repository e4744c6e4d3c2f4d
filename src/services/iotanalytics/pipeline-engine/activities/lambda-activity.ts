// The lambda activity: "The AWS Lambda function used in this activity must
// receive and return an array of JSON objects"; "batchSize determines how many
// messages your Lambda function receives on each invocation" (user guide,
// "AWS Lambda activity").
import type { LambdaEvent } from '../deps.ts';
import { PipelineActivityError } from '../errors.ts';
import { isJsonObject, type JsonObject } from '../json.ts';
import type { Processor } from './processor.ts';

/**
 * Batches run one after another, in order. The function may return more or
 * fewer messages than it got (the 2019 guide lets it filter). Items that are
 * not JSON objects are dropped with a note; a function that fails, or returns
 * something other than an array, fails the whole batch with LAMBDA_FAILURE so
 * the caller keeps every input message.
 */
export function lambda(activityName: string, lambdaName: string, batchSize: number): Processor {
  return async (messages, deps, notes) => {
    const events = messages as LambdaEvent[];
    const output: JsonObject[] = [];
    for (let start = 0; start < events.length; start += batchSize) {
      let result: unknown;
      try {
        result = await deps.lambda.invoke(lambdaName, events.slice(start, start + batchSize));
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new PipelineActivityError('LAMBDA_FAILURE', activityName, `Lambda function ${lambdaName} failed: ${reason}`, { cause: error });
      }
      if (!Array.isArray(result)) {
        throw new PipelineActivityError('LAMBDA_FAILURE', activityName, `Lambda function ${lambdaName} did not return an array`);
      }
      for (const item of jsonCopy(result, activityName, lambdaName)) {
        if (isJsonObject(item)) output.push(item);
        else notes.add(`Lambda function ${lambdaName} returned an item that is not a JSON object; it was dropped`);
      }
    }
    return output;
  };
}

// A module function can return anything JavaScript has (undefined members,
// Dates, class instances); what goes on is what JSON would carry.
function jsonCopy(result: unknown[], activityName: string, lambdaName: string): unknown[] {
  try {
    return JSON.parse(JSON.stringify(result)) as unknown[];
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new PipelineActivityError('LAMBDA_FAILURE', activityName, `Lambda function ${lambdaName} returned a value that is not JSON: ${reason}`);
  }
}
