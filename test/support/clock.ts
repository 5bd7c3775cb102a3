/** A business clock for tests: runs in real time from a start the test sets, and can jump. */
export interface TestClock {
  (): Date;
  set(at: Date | string): void;
  advance(ms: number): void;
}

export function testClock(start: Date | string): TestClock {
  let base = new Date(start).getTime();
  let setAt = performance.now();
  const clock = (() => new Date(base + (performance.now() - setAt))) as TestClock;
  clock.set = (at) => {
    base = new Date(at).getTime();
    setAt = performance.now();
  };
  clock.advance = (ms) => {
    base += ms;
  };
  return clock;
}
