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
