/**
 * The web console as members use it, in Debian's Chromium (headless, offline):
 * sign in with the one-time link from chat (Zalo here), answer a meeting, ask
 * leave (the secretary is told in chat, as from chat), sign out; opened from
 * Telegram as a Mini App with the init data Telegram signs; and what it
 * refuses: a used link, a forged form, another branch's meeting, tampered or
 * old init data, a page loading anything from another host.
 */
import { createHmac } from "node:crypto";
import type { Browser, Page } from "playwright-core";
import { launchChromium, startWebHarness } from "../support/browser.ts";
import { sign } from "@tma.js/init-data-node";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import {
  freePort,
  startHarness,
  TEST_TOKEN,
  type ChatUser,
  type Harness,
  type ZaloUser,
} from "../support/telegram-harness.ts";
import { questionsFromDrafts, surveyQuestionnaire } from "../../src/domain/survey.ts";
import { forget, givenBranch, givenZaloLink, STAFF, type World } from "../support/given.ts";

let browser: Browser;
let h: Harness;
let w: World;
let base: string;
let sec: ChatUser, lanT: ChatUser;
let lan: ZaloUser;
const requests: string[] = [];

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => browser?.close());

beforeEach(async () => {
  ({ h, base } = await startWebHarness({
    now: "2026-11-23T03:00:00Z",
    zalo: true,
  }));
  [sec, lanT] = [h.user(7801), h.user(7802)];
  w = await givenBranch(h, {
    people: [
      { fullName: "Bí Thư Mai", post: "Bí thư", user: sec },
      { fullName: "Trần Thị Lan", user: lanT },
    ],
  });
  lan = h.zaloUser("9b9b9b9b9b");
  await givenZaloLink(h, w, "Trần Thị Lan", "9b9b9b9b9b");
  await h.app.services.scheduleMeeting(STAFF, {
    branchId: w.branch.id,
    kind: "regular",
    startsAt: new Date("2026-12-03T12:30:00Z"),
    place: "Nhà văn hoá tổ 5",
    agenda: "Triển khai nghị quyết",
  });
  await forget(h, [sec, lanT]);
  await lan.drain();
  requests.length = 0;
});
afterEach(async () => h?.stop());

async function openPage(): Promise<Page> {
  const page = await browser.newPage();
  page.on("request", (r) => requests.push(r.url()));
  return page;
}

async function signInLink(): Promise<string> {
  lan.say("web");
  const m = await lan.expectOne();
  const url = /(http:\/\/127\.0\.0\.1:\d+\/s\/[A-Za-z0-9_-]{43})/.exec(m.text)?.[1];
  expect(url, m.text).toBeDefined();
  return url!;
}

describe("signed in with the link from chat", () => {
  test("the member answers a meeting and asks leave; the secretary is told in chat; sign out ends it", async () => {
    const page = await openPage();
    const link = await signInLink();
    await page.goto(link);
    await expect
      .poll(() => page.locator("h1").textContent())
      .toBe("Xin chào đồng chí Trần Thị Lan — Chi bộ Tổ dân phố 5");
    const meeting = page.locator("article").first();
    expect(await meeting.textContent()).toContain("Nhà văn hoá tổ 5");
    expect(await meeting.textContent()).toContain("Trả lời của đồng chí: Chưa trả lời");

    await meeting.getByRole("button", { name: "Có mặt" }).click();
    await page.waitForURL(/[?&]m=/);
    expect(await page.textContent("[role=status]")).toContain("Cảm ơn đồng chí đã xác nhận có mặt");
    expect(await page.locator("article .answer").first().textContent()).toBe("Trả lời của đồng chí: Có mặt");
    const response = await h.db.response.findFirstOrThrow({ where: { memberId: w.member("Trần Thị Lan").id } });
    expect(response.answer).toBe("attending");

    await page.getByLabel("Lý do xin vắng").first().fill("Đi công tác tỉnh ngoài");
    await page.getByRole("button", { name: "Xin vắng" }).first().click();
    await page.waitForURL((u) => u.searchParams.get("m")?.startsWith("Đã gửi") ?? false);
    expect(await page.textContent("[role=status]")).toContain("Đã gửi đơn xin vắng tới bí thư chi bộ");
    const told = await sec.expectOne();
    expect(told.text).toContain("Trần Thị Lan");
    expect(told.text).toContain("Đi công tác tỉnh ngoài");
    expect(told.buttons.map((b) => b.text)).toContain("Chấp thuận");

    // Nothing the pages loaded came from another host.
    expect(requests.filter((u) => !u.startsWith(base))).toEqual([]);

    await page.getByRole("button", { name: "Đăng xuất" }).click();
    await expect.poll(() => page.locator("h1").textContent()).toBe("Đăng nhập bảng điều khiển");
    await page.goto(base);
    expect(await page.textContent("h1")).toBe("Đăng nhập bảng điều khiển");
    // The link worked once.
    expect((await page.goto(link))!.status()).toBe(410);
    await page.close();
  });

  test("a forged form, another branch's meeting, an unlinked member: refused, nothing written", async () => {
    const other = await givenBranch(h, { code: "khac", name: "Chi bộ khác", people: [{ fullName: "Người Khác" }] });
    const foreign = await h.app.services.scheduleMeeting(STAFF, {
      branchId: other.branch.id,
      kind: "regular",
      startsAt: new Date("2026-12-04T12:30:00Z"),
      place: "Nơi khác",
      agenda: "",
    });
    const page = await openPage();
    await page.goto(await signInLink());
    await expect.poll(() => page.locator("h1").textContent()).toContain("Xin chào");
    const csrf = await page.locator("input[name=csrf]").first().inputValue();
    const post = (body: string) =>
      page.evaluate(
        async (b) =>
          (
            await fetch("/rsvp", {
              method: "POST",
              body: b,
              headers: { "content-type": "application/x-www-form-urlencoded" },
            })
          ).status,
        body,
      );
    // Without the CSRF token, or with a wrong one.
    expect(await post(`meeting=${foreign.meeting.id}&answer=yes`)).toBe(403);
    const wrong = `${csrf[0] === "A" ? "B" : "A"}${csrf.slice(1)}`; // differs from the real token in its first character
    expect(await post(`csrf=${wrong}&meeting=1&answer=yes`)).toBe(403);
    // Another branch's meeting, with a valid token: the service refuses it.
    // (Browser code as text: the tests are compiled without the DOM's types.)
    await page.evaluate(
      `(() => { const f = document.querySelector("form[action='/rsvp']");
        f.querySelector("input[name=meeting]").value = "${foreign.meeting.id}"; f.submit(); })()`,
    );
    await page.waitForURL(/[?&]m=/);
    expect(await page.textContent("[role=status]")).toContain("Đồng chí không thuộc danh sách của buổi sinh hoạt này");
    expect(await h.db.response.count({ where: { meetingId: foreign.meeting.id } })).toBe(0);
    // A cross-site form: refused by its origin.
    const status = await fetch(`${base}/rsvp`, {
      method: "POST",
      headers: { origin: "https://evil.example", "content-type": "application/x-www-form-urlencoded" },
      body: `csrf=${csrf}&meeting=1&answer=yes`,
    });
    expect(status.status).toBe(403);
    // Unlinked everywhere: the session ends.
    await h.app.services.unlinkMember(STAFF, w.member("Trần Thị Lan").id, "web-test-unlink");
    await page.goto(base);
    expect(await page.textContent("h1")).toBe("Đăng nhập bảng điều khiển");
    await page.close();
  });
});

describe("the secretary's branch dashboard", () => {
  test("the next meeting's answers, the year's attendance, fees, members; a member gets 403", async () => {
    const meeting = (await h.app.services.upcomingMeetings(w.branch.id, h.clock(), 1))[0]!;
    await h.app.services.answerAttending(w.actor("Trần Thị Lan"), {
      memberId: w.member("Trần Thị Lan").id,
      meetingId: meeting.id,
    });
    await sec.say("/web");
    const m = await sec.expectOne();
    const link = /(http:\/\/127\.0\.0\.1:\d+\/s\/[A-Za-z0-9_-]{43})/.exec(m.text)![1]!;
    const page = await openPage();
    await page.goto(link);
    await expect.poll(() => page.locator("h1").textContent()).toContain("Bí Thư Mai");
    await page.getByRole("link", { name: "Chi bộ", exact: true }).click();
    await expect.poll(() => page.locator("h1").textContent()).toBe("Bảng điều khiển chi bộ: Chi bộ Tổ dân phố 5");
    const next = await page.locator("[data-section=next]").textContent();
    expect(next).toContain("Nhà văn hoá tổ 5");
    expect(next).toContain("✅ Có mặt (1): Trần Thị Lan");
    expect(next).toContain("❔ Chưa trả lời (1): Bí Thư Mai");
    expect(await page.locator("[data-section=fees]").textContent()).toMatch(/^Đã thu 0 ?đ \/ phải thu /);
    const members = await page.locator("[data-section=members] tbody tr").allTextContents();
    expect(members.join("\n")).toContain("Trần Thị Lan");
    expect(requests.filter((u) => !u.startsWith(base))).toEqual([]);
    // The post handed over: the session ends at once (not even the member's pages stay open).
    await h.app.services.setRole(STAFF, { memberId: w.member("Bí Thư Mai").id, role: "member" });
    await page.reload();
    expect(await page.locator("h1").textContent()).toBe("Đăng nhập bảng điều khiển");
    expect(await h.db.webSession.count({ where: { memberId: w.member("Bí Thư Mai").id } })).toBe(0);
    await page.close();

    // A member without the post: refused.
    const other = await openPage();
    await other.goto(await signInLink());
    await expect.poll(() => other.locator("h1").textContent()).toContain("Trần Thị Lan");
    expect(await other.getByRole("link", { name: "Chi bộ", exact: true }).count()).toBe(0);
    expect((await other.goto(`${base}/chi-bo`))!.status()).toBe(403);
    await other.close();
  });
});

describe("a survey's results in the console", () => {
  test("its creator sees a chart per question; a member who did not create it is refused", async () => {
    const q = questionsFromDrafts([{ kind: "single", text: "Buổi nào phù hợp?", options: ["Sáng", "Tối"] }]);
    if (!q.ok) throw new Error("questions");
    const { survey } = await h.app.services.createSurvey(w.actor("Bí Thư Mai"), {
      title: "Chọn buổi họp mặt",
      definition: surveyQuestionnaire("Chọn buổi họp mặt", [{ title: "", questions: q.questions }]),
      anonymous: false,
      audience: { branchIds: [w.branch.id], audience: "all" },
      deadline: new Date("2026-11-30T10:00:00Z"),
      senderLabel: w.branch.name,
    });
    for (const [name, value] of [
      ["Trần Thị Lan", "2"],
      ["Bí Thư Mai", "2"],
    ] as const) {
      const actor = w.actor(name);
      const step = await h.app.services.stepSurvey(actor, survey.id, {
        kind: "input",
        input: { kind: "choice", value },
      });
      expect(step.type).toBe("ok");
      await h.app.services.submitSurvey(actor, survey.id);
    }
    await forget(h, [sec, lanT]);
    await lan.drain(); // the invitation, on Zalo
    await sec.say("/web");
    const link = /(http:\/\/127\.0\.0\.1:\d+\/s\/[A-Za-z0-9_-]{43})/.exec((await sec.expectOne()).text)![1]!;
    const page = await openPage();
    await page.goto(link);
    await expect.poll(() => page.locator("h1").textContent()).toContain("Bí Thư Mai");
    await page.getByRole("link", { name: "Chọn buổi họp mặt" }).click();
    await expect.poll(() => page.locator("h1").textContent()).toBe("Chọn buổi họp mặt");
    const figure = page.locator("figure[data-question]").first();
    expect(await figure.locator("figcaption").textContent()).toBe("1. Buổi nào phù hợp?");
    expect(await figure.locator("svg text").allTextContents()).toEqual(["Sáng", "0 (0%)", "Tối", "2 (100%)"]);
    expect(await page.locator("[data-section=report]").textContent()).toContain("đã trả lời 2");
    expect(requests.filter((u) => !u.startsWith(base))).toEqual([]);
    await page.close();

    const other = await openPage();
    await other.goto(await signInLink());
    await expect.poll(() => other.locator("h1").textContent()).toContain("Trần Thị Lan");
    expect((await other.goto(`${base}/khao-sat/${survey.id}`))!.status()).toBe(403);
    expect((await other.goto(`${base}/khao-sat/999999`))!.status()).toBe(404);
    await other.close();
  });
});

describe("opened from Telegram as a Mini App", () => {
  const initData = (userId: number, at = new Date()) =>
    sign({ user: { id: userId, first_name: "Lan" }, query_id: "AAF" }, TEST_TOKEN, at);

  test("the init data signs the member in; the page takes Telegram's colours", async () => {
    const page = await openPage();
    const theme = JSON.stringify({ bg_color: "#102030", text_color: "#ffffff" });
    await page.goto(
      `${base}/#tgWebAppData=${encodeURIComponent(initData(7802))}&tgWebAppThemeParams=${encodeURIComponent(theme)}`,
    );
    await expect
      .poll(() => page.locator("h1").textContent())
      .toBe("Xin chào đồng chí Trần Thị Lan — Chi bộ Tổ dân phố 5");
    expect(requests.filter((u) => !u.startsWith(base))).toEqual([]);
    await expect.poll(() => page.evaluate("getComputedStyle(document.body).backgroundColor")).toBe("rgb(16, 32, 48)");
    await page.close();
  });

  test("Telegram's documented check, computed here, agrees; tampered, old or unlinked init data is refused", async () => {
    const good = initData(7802);
    // The check as Telegram documents it: HMAC-SHA256 of the sorted fields under HMAC-SHA256("WebAppData", token).
    const params = new URLSearchParams(good);
    const hash = params.get("hash");
    params.delete("hash");
    const check = [...params]
      .map(([k, v]) => `${k}=${v}`)
      .sort()
      .join("\n");
    const secret = createHmac("sha256", "WebAppData").update(TEST_TOKEN).digest();
    expect(createHmac("sha256", secret).update(check).digest("hex")).toBe(hash);

    const tma = (data: string) => fetch(`${base}/tma`, { method: "POST", headers: { authorization: `tma ${data}` } });
    const ok = await tma(good);
    expect(ok.status).toBe(204);
    expect(ok.headers.get("set-cookie")).toMatch(
      /^chibo_session=[A-Za-z0-9_-]{43}; HttpOnly; SameSite=Strict; Path=\//,
    );
    expect((await tma(good.replace("7802", "7801"))).status).toBe(401);
    expect((await tma(initData(7802, new Date(Date.now() - 2 * 3600_000)))).status).toBe(401);
    expect((await tma(initData(99999))).status).toBe(401);
    expect((await tma("")).status).toBe(401);
    // Stored: only hashes of the session id.
    const cookie = /chibo_session=([^;]+)/.exec(ok.headers.get("set-cookie")!)![1]!;
    expect(JSON.stringify(await h.db.webSession.findMany())).not.toContain(cookie);
  });
});

describe("behind https, Telegram opens the console inside the chat", () => {
  test("the chat's menu button and /web's button open the console as a Mini App; Zalo gets the link only", async () => {
    await h.stop();
    const port = await freePort();
    h = await startHarness({
      now: "2026-11-23T03:00:00Z",
      zalo: true,
      env: { WEB_PUBLIC_URL: "https://console.chibo.example", WEB_PORT: String(port) },
    });
    const menu = h.proxy.calls.find((c) => c.method === "setChatMenuButton");
    expect(menu?.body).toEqual({
      menu_button: { type: "web_app", text: "Mở bảng điều khiển", web_app: { url: "https://console.chibo.example/" } },
    });
    const world = await givenBranch(h, { people: [{ fullName: "Trần Thị Lan", user: h.user(7902) }] });
    await givenZaloLink(h, world, "Trần Thị Lan", "7a7a7a7a7a");
    const tg = h.user(7902);
    const zl = h.zaloUser("7a7a7a7a7a");
    await forget(h, [tg]);
    await zl.drain();
    await tg.say("/web");
    const m = await tg.expectOne();
    expect(m.text).toMatch(/https:\/\/console\.chibo\.example\/s\/[A-Za-z0-9_-]{43}/);
    expect(m.replyMarkup).toEqual({
      inline_keyboard: [[{ text: "Mở bảng điều khiển", web_app: { url: "https://console.chibo.example/" } }]],
    });
    zl.say("web");
    const z = await zl.expectOne();
    expect(z.text).toMatch(/https:\/\/console\.chibo\.example\/s\/[A-Za-z0-9_-]{43}/);
  });
});
