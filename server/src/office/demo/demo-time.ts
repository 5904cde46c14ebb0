/**
 * The live demo's time: simulated milliseconds, which a speed factor maps onto the
 * injected clock (1 = real time; a test runs an hour in seconds). Every wait of the demo
 * goes through sleep(), so nothing in it reads the wall clock itself.
 */
import type { Clock } from '@turnero/domain/types';

export interface DemoTime {
  /** Simulated ms since the demo started. */
  elapsed(): number;
  /** Waits this many simulated ms (resolves early once stopped). */
  sleep(simulatedMs: number): Promise<void>;
  /** Waits this many real ms, whatever the speed (the server asked to wait); resolves early once stopped. */
  sleepReal(realMs: number): Promise<void>;
  stop(): void;
}

export function scaledTime(clock: Clock, speed: number): DemoTime {
  const started = clock.now().getTime();
  const sleepers = new Set<() => void>();
  let stopped = false;
  const sleepReal = (ms: number): Promise<void> => {
    if (stopped) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, Math.max(0, ms));
      timer.unref?.();
      sleepers.add(wake);
    });
  };
  return {
    elapsed: () => (clock.now().getTime() - started) * speed,
    sleep: (ms) => sleepReal(ms / speed),
    sleepReal,
    stop() {
      stopped = true;
      for (const wake of [...sleepers]) wake();
    },
  };
}
