// Polls until a condition holds. Tests wait for asynchronous effects this way
// (an event becoming visible, the data plane catching up) instead of
// asserting how long they take. A probe that throws is tried again; the last
// error is reported if the deadline passes.
export interface EventuallyOptions {
  /** Default 20 s: a safety net against hanging, not a speed check. */
  timeoutMs?: number;
  intervalMs?: number;
}

export async function eventually<T>(check: () => Promise<T | undefined | false>, what: string, options: EventuallyOptions = {}): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 20_000);
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 50));
  }
}
