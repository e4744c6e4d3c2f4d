// The main thread's handle on the data plane's thread: starts it, tells it
// the time (now and then, and with every message) and the news, and stops
// it. If the thread dies it is started again; the new engine first cleans
// up what the old one left half-done.
import { Worker } from 'node:worker_threads';
import type { Clock } from '../../../../lib/clock.ts';
import type { Logger } from '../../../../lib/logger.ts';
import type { EngineInit } from './engine.ts';

export type ToEngine =
  | { type: 'start' | 'stop' | 'tick'; now: number }
  | { type: 'ingested' | 'pipelineChanged'; now: number; region: string; name: string };

export type FromEngine =
  | { started: true }
  | { stopped: true }
  | { failed: string }
  | { log: { level: 'debug' | 'info' | 'warn' | 'error'; message: string; fields?: Record<string, unknown> } };

const ENTRY = new URL('./engine-entry.mjs', import.meta.url);
/** How often the engine learns the time when nothing else happens. */
const TICK_MS = 100;

export class EngineThread {
  private worker: Worker | undefined;
  private ticker: NodeJS.Timeout | undefined;
  private waiting: { resolve(): void; reject(error: Error): void } | undefined;
  private stopping = false;

  constructor(
    private readonly init: EngineInit,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    this.stopping = false;
    await this.launch();
    this.ticker = setInterval(() => this.send({ type: 'tick', now: this.now() }), TICK_MS);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    clearInterval(this.ticker);
    const worker = this.worker;
    if (!worker) return;
    await this.request({ type: 'stop', now: this.now() }).catch((error: Error) => this.logger.error('the data-plane thread did not stop cleanly', { error: error.message }));
    this.worker = undefined;
    await worker.terminate();
  }

  notify(type: 'ingested' | 'pipelineChanged', region: string, name: string): void {
    this.send({ type, now: this.now(), region, name });
  }

  private now(): number {
    return this.clock.now().getTime();
  }

  private send(message: ToEngine): void {
    this.worker?.postMessage(message);
  }

  private launch(): Promise<void> {
    const worker = new Worker(ENTRY, { workerData: { ...this.init, now: this.now() } });
    this.worker = worker;
    worker.on('message', (message: FromEngine) => this.receive(message));
    worker.on('error', (error) => this.logger.error('the data-plane thread failed', { error: error.stack ?? String(error) }));
    worker.on('exit', (code) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      this.waiting?.reject(new Error(`The data-plane thread exited (${code})`));
      this.waiting = undefined;
      if (!this.stopping) {
        this.logger.error('the data-plane thread exited; starting it again', { code });
        this.launch().catch((error: Error) => this.logger.error('the data-plane thread could not start again', { error: error.message }));
      }
    });
    return this.request({ type: 'start', now: this.now() });
  }

  private request(message: ToEngine): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.send(message);
    });
  }

  private receive(message: FromEngine): void {
    if ('log' in message) this.logger[message.log.level](message.log.message, message.log.fields);
    else if ('failed' in message) {
      this.waiting?.reject(new Error(message.failed));
      this.waiting = undefined;
    } else {
      this.waiting?.resolve();
      this.waiting = undefined;
    }
  }
}
