// Polls until a condition holds. Tests wait for asynchronous effects this way
// (e.g. an event becoming visible) instead of asserting how long they take.
export async function eventually<T>(probe: () => Promise<T | undefined>, options: { timeoutMs?: number; intervalMs?: number } = {}): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 5000);
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met before the deadline');
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 20));
  }
}
