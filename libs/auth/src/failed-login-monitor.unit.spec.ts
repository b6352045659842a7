import { FailedLoginMonitor } from './failed-login-monitor';

describe('FailedLoginMonitor: rejected tokens per client in a sliding window', () => {
  let now: number;
  const monitor = (threshold = 3, windowMs = 60_000, maxClients?: number) =>
    new FailedLoginMonitor({ threshold, windowMs, maxClients }, () => now);

  beforeEach(() => {
    now = Date.parse('2026-03-02T09:00:00Z');
  });

  it('Given failures below the threshold, When recorded, Then each is counted and none warns', () => {
    const failures = monitor();
    expect([failures.record('10.0.0.1'), failures.record('10.0.0.1')]).toEqual([
      { failuresInWindow: 1 },
      { failuresInWindow: 2 },
    ]);
  });

  it('Given a client reaching the threshold, When the failure that reaches it is recorded, Then it warns once, and not again within the window', () => {
    const failures = monitor();
    failures.record('10.0.0.1');
    failures.record('10.0.0.1');
    expect(failures.record('10.0.0.1')).toEqual({ failuresInWindow: 3, warning: { failuresSinceLastWarning: 3 } });
    now += 1_000;
    expect(failures.record('10.0.0.1')).toEqual({ failuresInWindow: 3 });
  });

  it('Given failures spread wider than the window, When recorded, Then the old ones no longer count', () => {
    const failures = monitor();
    failures.record('10.0.0.1');
    now += 40_000;
    failures.record('10.0.0.1');
    now += 30_000; // the first failure is now 70 s old
    expect(failures.record('10.0.0.1')).toEqual({ failuresInWindow: 2 });
  });

  it('Given a client still failing a window after its warning, When it reaches the threshold again, Then it warns again with the failures since the last warning', () => {
    const failures = monitor();
    for (let i = 0; i < 3; i++) failures.record('10.0.0.1');
    for (let i = 0; i < 4; i++) {
      now += 10_000;
      failures.record('10.0.0.1');
    }
    now += 30_000; // 70 s after the warning
    expect(failures.record('10.0.0.1')).toEqual({ failuresInWindow: 3, warning: { failuresSinceLastWarning: 5 } });
  });

  it('Given two clients, When one fails, Then the other is not counted with it', () => {
    const failures = monitor();
    failures.record('10.0.0.1');
    failures.record('10.0.0.1');
    expect(failures.record('10.0.0.2')).toEqual({ failuresInWindow: 1 });
  });

  it('Given more clients than it remembers, When another fails, Then the one that failed longest ago is forgotten', () => {
    const failures = monitor(3, 60_000, 2);
    failures.record('10.0.0.1');
    failures.record('10.0.0.2');
    failures.record('10.0.0.1');
    failures.record('10.0.0.3'); // forgets 10.0.0.2, whose last failure is the oldest
    expect(failures.record('10.0.0.1')).toEqual({ failuresInWindow: 3, warning: { failuresSinceLastWarning: 3 } });
    expect(failures.record('10.0.0.2')).toEqual({ failuresInWindow: 1 });
  });
});
