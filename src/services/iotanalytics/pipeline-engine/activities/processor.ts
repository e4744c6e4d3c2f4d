// The shape every processing activity compiles to.
import type { PipelineDeps } from '../deps.ts';
import type { JsonObject } from '../json.ts';
import type { Notes } from '../report.ts';

/**
 * Processes one batch. It may change the messages it is given (the engine
 * owns them) and returns the batch for the next activity.
 */
export type Processor = (messages: JsonObject[], deps: PipelineDeps, notes: Notes) => JsonObject[] | Promise<JsonObject[]>;
