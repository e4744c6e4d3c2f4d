// Compiled pipelines by their definition, so a busy pipeline is compiled
// once, and an updated one again.
import type { PipelineActivity } from '@aws-sdk/client-iotanalytics';
import { compilePipeline, type CompiledPipeline } from '../../pipeline-engine/index.ts';

const MAX_COMPILED = 256;

export class CompiledPipelines {
  private readonly cache = new Map<string, CompiledPipeline>();

  get(activities: PipelineActivity[]): CompiledPipeline {
    const key = JSON.stringify(activities);
    let compiled = this.cache.get(key);
    if (!compiled) {
      if (this.cache.size >= MAX_COMPILED) this.cache.delete(this.cache.keys().next().value!);
      compiled = compilePipeline(activities);
      this.cache.set(key, compiled);
    }
    return compiled;
  }
}
