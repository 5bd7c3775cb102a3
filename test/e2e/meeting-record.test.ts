/**
 * The record of a meeting as the secretary writes it on the console after the
 * meeting (Debian's Chromium, offline): the quality by HD 12-2018 recomputed as
 * she saves (80 minutes is short, 95 is enough), a wrong time refused in
 * Vietnamese with nothing written, the minutes opened as a Word document and
 * read line by line, and the command line's yearly list agreeing.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, expect, test } from "vitest";
import { launchChromium, signedInPage, startWebHarness } from "../support/browser.ts";
import { cli } from "../support/cli.ts";
import { forget, givenBranch, STAFF, type World } from "../support/given.ts";
import type { ChatUser, Harness } from "../support/telegram-harness.ts";
import { docText, unzipEntry } from "../support/zip.ts";

let browser: Browser;
let h: Harness;
let base: string;
let world: World;
let sec: ChatUser;
let uy: ChatUser;
let meetingId: number;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => browser?.close());

beforeEach(async () => {
  // Monday 16/11/2026 09:00 in Hà Nội; the meeting is on Thursday 19/11 at 19:30.
  ({ h, base } = await startWebHarness({ now: "2026-11-16T02:00:00Z" }));
  sec = h.user(7901);
  uy = h.user(7902);
  const names = [
    "Nguyễn Văn Bình",
    "Trần Thị Lan",
    "Lê Văn Hoà",
    "Phạm Thị Hồng",
    "Vũ Văn Nam",
    "Đỗ Thị Yến",
    "Hồ Văn Tâm",
  ];
  world = await givenBranch(h, {
    people: [{ fullName: "Bí Thư Mai", post: "Bí thư", user: sec }, ...names.map((fullName) => ({ fullName }))],
  });
  const { meeting } = await h.app.services.scheduleMeeting(STAFF, {
    branchId: world.branch.id,
    kind: "regular",
    startsAt: new Date("2026-11-19T12:30:00Z"),
    place: "Nhà văn hoá tổ 5",
    agenda: "Kiểm điểm công tác tháng 11; nhiệm vụ tháng 12",
  });
  meetingId = meeting.id;
  await givenBranch(h, {
    code: "cqdu",
    name: "Chi bộ Cơ quan Đảng ủy",
    people: [{ fullName: "Đỗ Văn Ủy", post: "Đảng ủy", user: uy }],
  });
  const services = h.app.services;
  await services.requestLeave(STAFF, { memberId: world.member("Trần Thị Lan").id, meetingId, reason: "Đi công tác" });
  // The evening after the meeting: 8 expected, Lan away with leave.
  h.clock.set("2026-11-19T15:00:00Z");
  await services.recordAttendance(STAFF, meetingId, [world.member("Trần Thị Lan").id], 0.85);
  await h.settle();
  await forget(h, [sec, uy]);
});
afterEach(async () => h?.stop());

/** Signed in as `user`; nothing the page loads may come from another host. */
async function signedIn(user: ChatUser): Promise<Page> {
  const foreign: string[] = [];
  const page = await signedInPage(browser, user, (url) => {
    if (!url.startsWith(base)) foreign.push(url);
  });
  page.on("close", () => expect(foreign).toEqual([]));
  return page;
}

const notice = (page: Page) => page.locator("[role=status], [role=alert]").first().textContent();

test("the secretary writes the minutes on the console; quality follows the record; the Word file reads as written", async () => {
  const page = await signedIn(sec);
  await page.goto(`${base}/chi-bo/sinh-hoat/${meetingId}`);
  const quality = page.locator("[data-section=quality]");
  // Before the record: attendance is known (7 of 8 = 87.5%), the duration is not.
  expect(await quality.textContent()).toContain("Chưa đủ dữ liệu để đánh giá");
  expect(await quality.textContent()).toContain("✓ Tỷ lệ dự họp: 87,5% (cần trên 85%)");

  await page.getByLabel("Bắt đầu lúc").fill("19:30");
  await page.getByLabel("Kết thúc lúc").fill("20:50");
  await page.getByLabel("Chủ trì").fill("Bí Thư Mai");
  await page.getByLabel("Thư ký", { exact: true }).fill("Phạm Thị Hồng");
  await page.getByLabel("Người phát biểu").fill("Nguyễn Văn Bình\nLê Văn Hoà\nVũ Văn Nam");
  await page.getByLabel("Diễn biến").fill("Đồng chí Bí thư báo cáo kết quả tháng 11.\nCác đồng chí thảo luận.");
  await page.getByLabel("Nghị quyết (kết luận)").fill("Hoàn thành thu đảng phí năm 2026 trước ngày 15/12.");
  await page.getByLabel("Chi ủy đã họp chuẩn bị").check();
  await page.getByRole("button", { name: "Lưu biên bản" }).click();
  await expect.poll(() => notice(page)).toContain("Đã lưu biên bản: CHƯA ĐẠT CHẤT LƯỢNG");
  expect(await quality.textContent()).toContain("✗ Thời lượng: 80 phút (tối thiểu 90)");

  // An end before the start is refused; what was saved stays.
  await page.getByLabel("Kết thúc lúc").fill("19:00");
  await page.getByRole("button", { name: "Lưu biên bản" }).click();
  await expect.poll(() => notice(page)).toContain("Giờ kết thúc phải sau giờ bắt đầu.");
  const kept = await h.db.meeting.findUniqueOrThrow({ where: { id: meetingId } });
  expect(kept.endedAt?.toISOString()).toBe("2026-11-19T13:50:00.000Z");

  await page.goto(`${base}/chi-bo/sinh-hoat/${meetingId}`);
  await page.getByLabel("Kết thúc lúc").fill("21:05");
  await page.getByRole("button", { name: "Lưu biên bản" }).click();
  await expect.poll(() => notice(page)).toContain("Đã lưu biên bản: ĐẠT CHẤT LƯỢNG");
  const text = await quality.textContent();
  expect(text).toContain("✓ Thời lượng: 95 phút (tối thiểu 90)");
  expect(text).toContain("✓ Số người phát biểu: 3 (tối thiểu 2)");
  // The form shows what was saved.
  expect(await page.getByLabel("Chủ trì").inputValue()).toBe("Bí Thư Mai");
  expect(await page.getByLabel("Người phát biểu").inputValue()).toBe("Nguyễn Văn Bình\nLê Văn Hoà\nVũ Văn Nam");

  const res = await page.request.get(`${base}/chi-bo/sinh-hoat/${meetingId}/bien-ban.docx`);
  expect(res.status()).toBe(200);
  const doc = docText(await unzipEntry(Buffer.from(await res.body()), "word/document.xml"));
  for (const line of [
    "ĐẢNG BỘ PHƯỜNG HÒA BÌNH",
    "CHI BỘ TỔ DÂN PHỐ 5",
    "ĐẢNG CỘNG SẢN VIỆT NAM",
    "Nhà văn hoá tổ 5, ngày 19 tháng 11 năm 2026",
    "BIÊN BẢN",
    "SINH HOẠT CHI BỘ THƯỜNG KỲ THÁNG 11/2026",
    "I. THỜI GIAN, ĐỊA ĐIỂM: bắt đầu lúc 19:30 ngày 19/11/2026, tại Nhà văn hoá tổ 5.",
    "- Tổng số đảng viên phải dự: 8; có mặt: 7; vắng: 1 (có lý do: 1; không lý do: 0).",
    "- Vắng có lý do: Trần Thị Lan (Đi công tác)",
    "- Vắng không lý do: không",
    "- Chủ trì: đồng chí Bí Thư Mai.",
    "- Thư ký: đồng chí Phạm Thị Hồng.",
    "Kiểm điểm công tác tháng 11; nhiệm vụ tháng 12",
    "Ý kiến phát biểu: Nguyễn Văn Bình; Lê Văn Hoà; Vũ Văn Nam.",
    "IV. NGHỊ QUYẾT (KẾT LUẬN) CỦA CHI BỘ",
    "Hoàn thành thu đảng phí năm 2026 trước ngày 15/12.",
    "Buổi sinh hoạt kết thúc lúc 21:05 cùng ngày (95 phút).",
  ])
    expect(doc.split("\n"), line).toContain(line);
  await page.close();

  const listed = await cli(
    { db: h.db, clock: h.clock, outbox: h.app.outbox },
    "meeting",
    "quality",
    "--branch",
    "tdp5",
    "--year",
    "2026",
  );
  expect(listed.lines).toContain("Chi bộ Tổ dân phố 5, năm 2026: 1 buổi sinh hoạt đã điểm danh, 1 buổi đạt chất lượng");
  expect(listed.lines).toContain(`#${meetingId} 19/11/2026: ĐẠT CHẤT LƯỢNG`);
  // The committee reads the branch's year and the same minutes.
  const staff = await signedIn(uy);
  await staff.goto(`${base}/dang-uy/chi-bo/${world.branch.id}`);
  expect(await staff.locator("[data-section=meeting-quality]").textContent()).toContain("19/11/2026: ĐẠT CHẤT LƯỢNG");
  const copy = await staff.request.get(`${base}/dang-uy/sinh-hoat/${meetingId}/bien-ban.docx`);
  expect(copy.status()).toBe(200);
  expect(docText(await unzipEntry(Buffer.from(await copy.body()), "word/document.xml"))).toContain(
    "Hoàn thành thu đảng phí năm 2026 trước ngày 15/12.",
  );
  await staff.close();
  const audit = await h.db.auditLog.findMany({ where: { action: "meeting.record" } });
  expect(audit.map((a) => JSON.parse(a.details).minutes)).toEqual([80, 95]);
});
