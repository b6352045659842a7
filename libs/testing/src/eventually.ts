/**
 * Waits until `condition` holds, checking every 20 ms; fails after `timeoutMs`. Generous by default:
 * test files share one server, where a transaction of one (a database created, a batch committing
 * in a busy process) holds back what readers of all may see, for seconds on a loaded machine.
 */
export async function eventually(condition: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * Waits until the clock has passed `instant` (an ISO time or epoch ms): what is recorded next is
 * then strictly later than anything recorded at or before it.
 */
export async function untilTheClockPasses(instant: string | number): Promise<void> {
  const after = typeof instant === 'string' ? Date.parse(instant) : instant;
  await eventually(async () => Date.now() > after, 1_000);
}
