// The engine's two kinds of failure. Neither is an ApiError: callers decide
// what each becomes (CreatePipeline answers InvalidRequestException for a
// definition error; ingestion keeps the batch for another try on an activity
// failure).

/** The activities do not form a pipeline the engine can run, or an expression or path is malformed. */
export class PipelineDefinitionError extends Error {
  override name = 'PipelineDefinitionError';
}

/**
 * An activity could not process its batch. Thrown for the whole batch, so no
 * message is half-processed or lost: the caller still holds the input.
 * `code` follows the EventBridge "IoT Analytics Pipeline Failure
 * Notification", whose detail carries error-code LAMBDA_FAILURE;
 * ENRICHMENT_FAILURE is ours, for a thing directory that cannot be read.
 */
export class PipelineActivityError extends Error {
  override name = 'PipelineActivityError';
  constructor(
    readonly code: 'LAMBDA_FAILURE' | 'ENRICHMENT_FAILURE',
    readonly activityName: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
