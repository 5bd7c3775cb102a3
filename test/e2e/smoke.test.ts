import { afterAll, beforeAll, expect, test } from "vitest";
import { startHarness, type Harness } from "../support/telegram-harness.ts";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ now: "2026-11-22T03:00:00Z" });
});
afterAll(async () => h?.stop());

test("unlinked user gets linking instructions", async () => {
  const u = h.user(5001);
  await u.say("/start");
  const m = await u.expectOne();
  expect(m.text).toContain("chưa được liên kết");
});

test("a stop right after the start ends at once (polling had not begun yet when start returned)", async () => {
  const quick = await startHarness({ now: "2026-11-22T03:00:00Z" });
  const stopped = await Promise.race([
    quick.stop().then(() => "stopped"),
    new Promise((r) => setTimeout(() => r("still running after 5 s"), 5000)),
  ]);
  expect(stopped).toBe("stopped");
});
