// Runs tasks one after another, in the order they were queued, one queue per
// key: the background jobs (trail delivery, digest writing) queue each trail's
// runs so that a run started by the timer and one asked for by a request
// never overlap.

class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  /** Runs `task` after every task queued before it; its failure does not stop the tasks after it. */
  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task);
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Resolves once every task queued so far has finished. */
  async idle(): Promise<void> {
    await this.tail;
  }
}

/**
 * One SerialQueue per key (a trail's ARN): a key's tasks run one at a time,
 * different keys' side by side, so a task that hangs holds up only its own
 * key. A key's queue is dropped once nothing is queued on it.
 */
export class KeyedSerialQueues {
  private readonly queues = new Map<string, { queue: SerialQueue; pending: number }>();

  /** Runs `task` after every task queued before it under `key`. */
  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const entry = this.queues.get(key) ?? { queue: new SerialQueue(), pending: 0 };
    this.queues.set(key, entry);
    entry.pending++;
    return entry.queue.run(async () => {
      try {
        return await task();
      } finally {
        if (--entry.pending === 0 && this.queues.get(key) === entry) this.queues.delete(key);
      }
    });
  }

  /** Whether a task of `key` is queued or running. */
  busy(key: string): boolean {
    return this.queues.has(key);
  }

  /** Resolves once every task queued so far, under any key, has finished. */
  async idle(): Promise<void> {
    await Promise.all([...this.queues.values()].map((entry) => entry.queue.idle()));
  }
}
