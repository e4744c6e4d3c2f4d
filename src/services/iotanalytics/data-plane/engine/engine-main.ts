// The data plane's worker thread: builds the engine from the main thread's
// configuration, keeps its clock at the time the main thread reports, and
// passes log lines back to the main thread's logger.
import { parentPort, workerData } from 'node:worker_threads';
import { ManualClock } from '../../../../lib/clock.ts';
import type { Logger } from '../../../../lib/logger.ts';
import { DataPlaneEngine, type EngineInit } from './engine.ts';
import type { FromEngine, ToEngine } from './engine-thread.ts';

const port = parentPort!;
const init = workerData as EngineInit & { now: number };
const clock = new ManualClock(init.now);
const send = (message: FromEngine) => port.postMessage(message);
const forward = (level: 'debug' | 'info' | 'warn' | 'error') => (message: string, fields?: Record<string, unknown>) => send({ log: { level, message, fields } });
const logger: Logger = { debug: forward('debug'), info: forward('info'), warn: forward('warn'), error: forward('error') };
const engine = new DataPlaneEngine(init, clock, logger);

port.on('message', (message: ToEngine) => {
  clock.set(message.now);
  switch (message.type) {
    case 'start':
      engine.start().then(() => send({ started: true }), (error: unknown) => send({ failed: String(error) }));
      break;
    case 'stop':
      engine.stop().then(() => send({ stopped: true }), (error: unknown) => send({ failed: String(error) }));
      break;
    case 'ingested':
      engine.ingested(message.region, message.name);
      break;
    case 'pipelineChanged':
      engine.pipelineChanged(message.region, message.name);
      break;
    case 'tick':
      break;
  }
});
