/**
 * /dulieu on Zalo, which carries no files: the member gets a link that works
 * once and for ten minutes, served by the bot's own web server; the data never
 * goes out as chat text, the token is stored only as a hash, and the message
 * that carried the link keeps no text once sent.
 */
import { startWebHarness } from "../support/browser.ts";
import { afterEach, beforeEach, expect, test } from "vitest";
import { type Harness, type ZaloUser } from "../support/telegram-harness.ts";
import { givenBranch, givenZaloLink, type World } from "../support/given.ts";

let h: Harness;
let w: World;
let zl: ZaloUser;
let base: string;

beforeEach(async () => {
  ({ h, base } = await startWebHarness({
    now: "2026-11-23T03:00:00Z",
    zalo: true,
  }));
  w = await givenBranch(h, {
    people: [
      { fullName: "Bí Thư Mai", post: "Bí thư" },
      { fullName: "Hoàng Thị Thu", phone: "0912000111" },
    ],
  });
  zl = h.zaloUser("7a7a7a7a7a");
  await givenZaloLink(h, w, "Hoàng Thị Thu", "7a7a7a7a7a");
  await zl.drain();
});
afterEach(async () => h?.stop());

async function linkFromChat(): Promise<string> {
  zl.say("dulieu");
  const m = await zl.expectOne();
  expect(m.text).toContain("Họ và tên: Hoàng Thị Thu");
  const url = /(http:\/\/127\.0\.0\.1:\d+\/d\/[A-Za-z0-9_-]{43})/.exec(m.text)?.[1];
  expect(url, m.text).toBeDefined();
  return url!;
}

test("the link gives the whole data file once; a second use, or a late one, is refused in Vietnamese", async () => {
  const url = await linkFromChat();
  const res = await fetch(url);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-disposition")).toBe('attachment; filename="du-lieu-cua-toi.json"');
  expect(res.headers.get("cache-control")).toBe("no-store");
  expect(res.headers.get("referrer-policy")).toBe("no-referrer");
  const data = (await res.json()) as { member: { fullName: string; phone: string }; tables: Record<string, unknown[]> };
  expect(data.member).toMatchObject({ fullName: "Hoàng Thị Thu", phone: "0912000111" });
  expect(data.tables.ChannelAccount).toHaveLength(1);
  expect(data.tables.WebToken).toHaveLength(1);

  const again = await fetch(url);
  expect(again.status).toBe(410);
  expect(await again.text()).toContain("Liên kết này chỉ dùng được một lần và trong 10 phút");

  const late = await linkFromChat();
  h.clock.advance(10 * 60_000 + 1);
  expect((await fetch(late)).status).toBe(410);

  // Audited as the member's own export.
  const audits = await h.db.auditLog.findMany({ where: { action: "member.data_export" } });
  expect(audits.map((a) => JSON.parse(a.details))).toContainEqual({ via: "link" });
});

test("nothing in the database gives the link back, and the data never went out as chat text", async () => {
  const url = await linkFromChat();
  await h.settle();
  const token = url.split("/d/")[1]!;
  const rows = JSON.stringify(await h.db.$queryRawUnsafe(`SELECT * FROM "WebToken"`));
  expect(rows).not.toContain(token);
  const outbox = await h.db.outbox.findMany({ where: { chatId: "7a7a7a7a7a" } });
  for (const o of outbox) {
    expect(o.payload).not.toContain(token);
    expect(o.payload).not.toContain('"tables"');
  }
  // Another member's token, a made-up one, or anything else: refused, with nothing served.
  expect((await fetch(`${base}/d/${"A".repeat(43)}`)).status).toBe(410);
  expect((await fetch(`${base}/d/..%2f..%2fetc`)).status).toBe(410);
  expect((await fetch(`${base}/khac`)).status).toBe(404);
  expect((await fetch(url, { method: "POST" })).status).toBe(404); // only GET serves a link
  expect((await fetch(url, { method: "PUT" })).status).toBe(405);
  expect((await fetch(url)).status).toBe(200);
});
