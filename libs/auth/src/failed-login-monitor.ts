export interface FailedLoginMonitorOptions {
  /** Failures from one client within the window that deserve a warning. */
  threshold: number;
  windowMs: number;
  /** Clients remembered at once; past it the one that failed longest ago is forgotten. */
  maxClients?: number;
}

export interface FailedLogin {
  /** Failures of this client within the window, this one included (counted up to the threshold). */
  failuresInWindow: number;
  /** Set when this failure takes the client to the threshold: at most one warning per client per window. */
  warning?: { failuresSinceLastWarning: number };
}

interface ClientFailures {
  /** Times of the latest failures, oldest first; never more than the threshold. */
  times: number[];
  lastWarnedAt?: number;
  sinceLastWarning: number;
}

/**
 * Counts rejected tokens per client in a sliding window, so that guessing, a leaked-token replay
 * or a misconfigured client shows up in the log as a warning rather than as noise.
 * Memory is bounded: a few numbers per client, and a bounded number of clients.
 */
export class FailedLoginMonitor {
  private readonly clients = new Map<string, ClientFailures>();
  private readonly maxClients: number;

  constructor(
    private readonly options: FailedLoginMonitorOptions,
    private readonly now: () => number = Date.now,
  ) {
    this.maxClients = options.maxClients ?? 10_000;
  }

  record(client: string): FailedLogin {
    const now = this.now();
    const { threshold, windowMs } = this.options;
    const failures = this.clients.get(client) ?? { times: [], sinceLastWarning: 0 };
    failures.times = failures.times.filter((time) => time > now - windowMs);
    failures.times.push(now);
    if (failures.times.length > threshold) failures.times.shift();
    failures.sinceLastWarning += 1;
    // Re-inserted so that the map stays ordered by latest failure, oldest first.
    this.clients.delete(client);
    this.clients.set(client, failures);
    this.forgetOldest();

    const result: FailedLogin = { failuresInWindow: failures.times.length };
    const quietForAWindow = failures.lastWarnedAt === undefined || now - failures.lastWarnedAt >= windowMs;
    if (failures.times.length >= threshold && quietForAWindow) {
      result.warning = { failuresSinceLastWarning: failures.sinceLastWarning };
      failures.lastWarnedAt = now;
      failures.sinceLastWarning = 0;
    }
    return result;
  }

  get threshold(): number {
    return this.options.threshold;
  }

  get windowMs(): number {
    return this.options.windowMs;
  }

  private forgetOldest(): void {
    for (const client of this.clients.keys()) {
      if (this.clients.size <= this.maxClients) return;
      this.clients.delete(client);
    }
  }
}
