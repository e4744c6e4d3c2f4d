// Runs tasks one after another, in the order they were queued: background
// jobs (trail delivery, digest writing) use it so that a run started by the
// timer and one asked for by a request never overlap.

export class SerialQueue {
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
