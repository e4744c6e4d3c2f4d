// The pipeline engine: runs IoT Analytics pipeline activities over batches of
// messages. Pure apart from the injected LambdaInvoker and ThingDirectory;
// createLambdaInvoker and createFileThingDirectory are the implementations
// the server wires. docs/PIPELINES.md describes the language and the files.
export { compilePipeline, runPipeline, type CompiledPipeline, type PipelineRunResult } from './pipeline.ts';
export { runPipelineActivity, type RunPipelineActivityResult } from './run-pipeline-activity.ts';
export { parseExpression } from './expression/parser.ts';
export { ExpressionSyntaxError } from './expression/tokenizer.ts';
export { PipelineActivityError, PipelineDefinitionError } from './errors.ts';
export { formatNote, type ActivityNote, type ActivityReport, type ActivityType } from './report.ts';
export type { LambdaEvent, LambdaInvoker, PipelineDeps, ThingDescription, ThingDirectory } from './deps.ts';
export type { JsonObject, JsonValue } from './json.ts';
export { createLambdaInvoker, type LambdaInvokerOptions } from './lambda-invoker.ts';
export { createFileThingDirectory, createThingDirectory, type ThingScope, type ThingsDocument } from './thing-directory.ts';
