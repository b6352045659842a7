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
