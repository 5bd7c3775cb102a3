/**
 * In webhook mode every instance accepts updates, and a platform may deliver one update to two of them (a retry after
 * a timeout): each instance has its own connection (pool), and the update is claimed by exactly one.
 */
import { afterEach, expect, test } from "vitest";
import { openDb, type Db } from "../../src/db/client.ts";
import { hotQueries } from "../../src/db/hot-queries.ts";
import { freshDatabaseUrl } from "../support/db.ts";

const opened: Db[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) await db.$disconnect();
});

test("the same update delivered to two instances at once is handled by one", async () => {
  const url = await freshDatabaseUrl();
  const [a, b] = [await openDb(url), await openDb(url)];
  opened.push(a, b);
  const at = new Date("2026-11-24T08:00:00Z");
  for (let update = 1; update <= 50; update++) {
    // How the bot starts an update (one statement on PostgreSQL): claim, sender, dialog state.
    const start = { channel: "telegram" as const, updateKey: String(update), at, externalId: "7", chatId: "7" };
    const claims = await Promise.all([hotQueries(a).beginUpdate(start), hotQueries(b).beginUpdate(start)]);
    expect(
      claims.filter((c) => c.fresh),
      `update ${update}`,
    ).toHaveLength(1);
  }
  expect(await a.inboundSeen.count()).toBe(50);
});
