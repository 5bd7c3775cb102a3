/**
 * The web console as a branch's secretary, collector and the committee use it,
 * in Debian's Chromium (headless, offline), each write checked where members
 * see it: in chat. Meetings (create, move, leave decisions, the attendance grid
 * that /diemdanh then shows), a payment recorded and reversed (the member's
 * /dangphi agrees), an announcement's status as members press "Đã nhận", a
 * roster file shown as differences before it is applied, the invite sheet,
 * the review campaign's levels and its ZIP, the committee's overview of its
 * branches, and another branch's secretary refused everywhere.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import type { Browser, Page } from "playwright-core";
import { launchChromium, signedInPage, startWebHarness } from "../support/browser.ts";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { type ChatUser, type Harness } from "../support/telegram-harness.ts";
import { forget, givenBranch, STAFF, type World } from "../support/given.ts";
import { docText, unzipEntry } from "../support/zip.ts";

let browser: Browser;
let h: Harness;
let a: World, b: World;
let base: string;
let sec: ChatUser, lan: ChatUser, hoa: ChatUser, thu: ChatUser, uy: ChatUser, secB: ChatUser;
const requests: string[] = [];

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => browser?.close());

beforeEach(async () => {
  // Monday 23/11/2026 10:00 in Hà Nội.
  ({ h, base } = await startWebHarness({
    now: "2026-11-23T03:00:00Z",
    env: { TELEGRAM_BOT_USERNAME: "chibo_test_bot" },
  }));
  [sec, lan, hoa, thu, uy, secB] = [h.user(7801), h.user(7802), h.user(7803), h.user(7804), h.user(7805), h.user(7806)];
  a = await givenBranch(h, {
    people: [
      { fullName: "Bí Thư Mai", post: "Bí thư", user: sec },
      { fullName: "Trần Thị Lan", user: lan, feeGroup: "Khác" },
      { fullName: "Lê Văn Hoà", user: hoa, feeGroup: "Khác" },
      { fullName: "Ngô Thị Thu", post: "Thu đảng phí", user: thu },
      { fullName: "Đỗ Văn Ủy", post: "Đảng ủy", user: uy },
      { fullName: "Phan Văn Chưa", phone: "0912000111" },
    ],
  });
  b = await givenBranch(h, {
    code: "tdp6",
    name: "Chi bộ Tổ dân phố 6",
    people: [{ fullName: "Bí Thư Sáu", post: "Bí thư", user: secB }, { fullName: "Vũ Văn Bảy" }],
  });
  await forget(h, [sec, lan, hoa, thu, uy, secB]);
  requests.length = 0;
});
afterEach(async () => h?.stop());

/** A browser page signed in as `user`; the addresses it asks for are kept in `requests`. */
const signedIn = (user: ChatUser): Promise<Page> => signedInPage(browser, user, (url) => requests.push(url));

const notice = (page: Page) => page.locator("[role=status]").textContent();

/** What chat says to `user` after `command`, joined (the bot may answer in several messages). */
async function chat(user: ChatUser, command: string): Promise<string> {
  await user.say(command);
  await h.settle();
  return (await user.drain()).map((m) => `${m.text}\n${m.buttons.map((x) => x.text).join(" | ")}`).join("\n");
}

/** A file the page links to, fetched with the page's session. */
async function download(page: Page, path: string): Promise<Buffer> {
  const res = await page.request.get(`${base}${path}`);
  expect(res.status(), path).toBe(200);
  return Buffer.from(await res.body());
}

describe("meetings", () => {
  test("created and moved from the console, members told in chat; leave decided; the grid's attendance is what /diemdanh shows", async () => {
    let page = await signedIn(sec);
    await page.getByRole("link", { name: "Sinh hoạt", exact: true }).click();
    await page.getByLabel("Thời gian").first().fill("2026-12-03T19:30");
    await page.getByLabel("Địa điểm").first().fill("Nhà văn hoá tổ 5");
    await page.getByLabel("Nội dung").first().fill("Triển khai nghị quyết tháng 12");
    await page.getByRole("button", { name: "Lên lịch và báo đảng viên" }).click();
    await expect.poll(() => notice(page)).toMatch(/Đã lên lịch; đã báo \d+ đảng viên\./);
    const meeting = await h.db.meeting.findFirstOrThrow({ where: { branchId: a.branch.id } });
    expect(meeting.place).toBe("Nhà văn hoá tổ 5");
    expect(meeting.startsAt.toISOString()).toBe("2026-12-03T12:30:00.000Z");
    const told = await lan.expectOne();
    expect(told.text).toContain("Nhà văn hoá tổ 5");
    expect(told.text).toContain("19:30");

    // Moved by half an hour: members hear of it.
    await page.getByLabel("Thời gian").fill("2026-12-03T20:00");
    await page.getByRole("button", { name: "Lưu thay đổi và báo đảng viên" }).click();
    await expect.poll(() => notice(page)).toMatch(/Đã lưu thay đổi; đã báo \d+ đảng viên\./);
    expect((await lan.expectOne()).text).toContain("20:00");

    // Lan asks leave in chat; the secretary accepts it on the page; chat's /tinhhinh says so.
    await lan.press("Xin vắng");
    await lan.expectOne();
    await lan.say("Đi công tác tỉnh ngoài");
    await lan.expectOne();
    await forget(h, [sec]);
    await page.reload();
    const leave = page.locator("[data-section=leave]");
    expect(await leave.textContent()).toContain("Đi công tác tỉnh ngoài");
    await leave.getByRole("button", { name: "Chấp thuận", exact: true }).click();
    await expect.poll(() => notice(page)).toContain("Đã chấp thuận đơn xin vắng của đồng chí Trần Thị Lan");
    expect((await lan.expectOne()).text).toContain("chấp thuận");
    expect(await chat(sec, "/tinhhinh")).toContain("Trần Thị Lan – Đi công tác tỉnh ngoài (đã chấp thuận)");

    // The meeting has been held: the grid starts from what is known (Lan excused), Hoà is marked absent too.
    // Ten days on, the session has lapsed (12 hours idle): the secretary signs in again.
    h.clock.set("2026-12-03T15:00:00Z");
    await page.reload();
    expect(await page.locator("h1").textContent()).toBe("Đăng nhập bảng điều khiển");
    await page.close();
    page = await signedIn(sec);
    await page.goto(`${base}/chi-bo/sinh-hoat/${meeting.id}`);
    const grid = page.locator("[data-section=grid]");
    expect(await grid.getByLabel("Trần Thị Lan").isChecked()).toBe(false);
    expect(await grid.getByLabel("Lê Văn Hoà").isChecked()).toBe(true);
    await grid.getByLabel("Lê Văn Hoà").uncheck();
    await page.getByRole("button", { name: "Lưu điểm danh" }).click();
    await expect.poll(() => notice(page)).toMatch(/Đã lưu điểm danh: có mặt \d+\/\d+\./);
    const rows = await h.db.response.findMany({ where: { meetingId: meeting.id }, include: { member: true } });
    const mark = (name: string) => rows.find((r) => r.member.fullName === name)?.attendance;
    expect([mark("Trần Thị Lan"), mark("Lê Văn Hoà"), mark("Bí Thư Mai")]).toEqual(["absent", "absent", "present"]);
    const sheet = await chat(sec, "/diemdanh");
    expect(sheet).toContain("❌ Vắng: Lê Văn Hoà");
    expect(sheet).toContain("❌ Vắng: Trần Thị Lan");
    expect(sheet).toContain("✅ Có mặt: Bí Thư Mai");
    expect(requests.filter((u) => !u.startsWith(base))).toEqual([]);
    await page.close();
  });

  test("a wrong date or an empty place is refused in Vietnamese and nothing is created", async () => {
    const page = await signedIn(sec);
    await page.goto(`${base}/chi-bo/sinh-hoat`);
    await page.getByLabel("Thời gian").first().fill("2026-11-01T19:30");
    await page.getByLabel("Địa điểm").first().fill("Nhà văn hoá");
    await page.getByRole("button", { name: "Lên lịch và báo đảng viên" }).click();
    await expect.poll(() => page.locator("[role=alert]").textContent()).toContain("Thời gian họp đã qua");
    expect(await h.db.meeting.count()).toBe(0);
    await page.close();
  });
});

describe("fees, as the collector records them", () => {
  test("a payment recorded on the grid is what the member's /dangphi says; reversed, the month is owed again; the XLSX agrees", async () => {
    await h.app.services.setMemberFee(STAFF, a.member("Trần Thị Lan").id, { feesFromMonth: "2026-11" });
    const page = await signedIn(thu);
    await page.getByRole("link", { name: "Thu đảng phí" }).click();
    const row = page.locator(`[data-section=grid] tr[data-member="${a.member("Trần Thị Lan").id}"]`);
    expect(await row.locator('td[data-month="2026-11"]').textContent()).toBe("✗");
    await row.getByRole("link", { name: "Trần Thị Lan" }).click();
    await page.getByLabel(/11\/2026/).check();
    await page.getByRole("button", { name: "Ghi nhận đã thu" }).click();
    await expect.poll(() => notice(page)).toContain("của đồng chí Trần Thị Lan");
    expect((await lan.expectOne()).text).toContain("11/2026");
    expect(await chat(lan, "/dangphi")).toMatch(/11\/2026: [\d.]+ ?đ – đã đóng/);

    // The XLSX the collector downloads has the payment in November's cell.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await download(page, "/chi-bo/thu-dang-phi/so-dang-phi-2026.xlsx")) as never);
    const ledger = wb.worksheets[0]!;
    const texts: string[] = [];
    ledger.eachRow((r) => texts.push((r.values as unknown[]).map(String).join("|")));
    const lanRow = texts.find((t) => t.includes("Trần Thị Lan"));
    expect(lanRow).toBeDefined();
    expect(lanRow).toMatch(/\|\d{4,}\|/);

    // Reversed with a reason: owed again, in chat too.
    await page.getByLabel("Lý do huỷ khoản thu").fill("Ghi nhầm người");
    await page.getByRole("button", { name: "Huỷ khoản này" }).click();
    await expect.poll(() => notice(page)).toContain("Đã huỷ khoản thu");
    expect(await chat(lan, "/dangphi")).toMatch(/11\/2026: [\d.]+ ?đ – chưa đóng/);
    await page.goto(`${base}/chi-bo/thu-dang-phi`);
    expect(await row.locator('td[data-month="2026-11"]').textContent()).toBe("✗");
    // A member without the post is refused the grid.
    const member = await signedIn(hoa);
    expect((await member.goto(`${base}/chi-bo/thu-dang-phi`))!.status()).toBe(403);
    // …and sees his own months.
    await member.goto(`${base}/dang-phi`);
    expect(await member.locator("h1").textContent()).toBe("Đảng phí của tôi năm 2026");
    await page.close();
    await member.close();
  });
});

describe("announcements", () => {
  test("sent from the console; its status follows members pressing «Đã nhận»; a nudge reaches who has not", async () => {
    const page = await signedIn(sec);
    await page.getByRole("link", { name: "Thông báo", exact: true }).click();
    await page.getByLabel("Nội dung").fill("Mời các đồng chí dự lễ kỷ niệm ngày thành lập Đảng.");
    await page.getByRole("button", { name: "Gửi", exact: true }).click();
    await expect.poll(() => notice(page)).toMatch(/Đã xếp \d+ tin vào hàng gửi\./);
    await h.settle();
    const got = await lan.expectOne();
    expect(got.text).toContain("dự lễ kỷ niệm");
    await page.reload();
    const count = (state: string) => page.locator(`[data-section=counts] [data-state=${state}] b`).textContent();
    expect(await count("sent")).toBe("5");
    await lan.press("Đã nhận", got);
    await lan.expectOne();
    await page.reload();
    expect(await count("acknowledged")).toBe("1");
    expect(await count("sent")).toBe("4");
    expect(
      await page
        .locator("[data-section=recipients] tr", { hasText: "Trần Thị Lan" })
        .locator("td")
        .nth(1)
        .textContent(),
    ).toBe("Đã nhận");
    // The XLSX the secretary downloads says the same.
    const id = /\/thong-bao\/(\d+)/.exec(page.url())![1];
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await download(page, `/thong-bao/${id}.xlsx`)) as never);
    const lines: string[] = [];
    wb.worksheets[0]!.eachRow((r) => lines.push((r.values as unknown[]).slice(1).join("|")));
    expect(lines.find((l) => l.includes("Trần Thị Lan"))).toMatch(/^\d+\|Trần Thị Lan\|Đã nhận\|\d\d:\d\d/);
    expect(lines.find((l) => l.includes("Lê Văn Hoà"))).toMatch(/^\d+\|Lê Văn Hoà\|Đã gửi, chưa bấm nhận\|$/);
    await forget(h, [sec, hoa, thu, uy]);
    await page.getByRole("button", { name: /Nhắc lại 4 đồng chí/ }).click();
    await expect.poll(() => notice(page)).toBe("Đã nhắc lại 4 đồng chí.");
    await h.settle();
    expect((await hoa.expectOne()).text).toContain("dự lễ kỷ niệm");
    expect(await lan.drain()).toEqual([]);
    await page.close();
  });
});

describe("the roster", () => {
  test("an uploaded file is shown as differences, nothing written until «Áp dụng»; one member edited; search", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Danh sách");
    ws.addRow(["Họ và tên", "Điện thoại", "Chức vụ"]);
    ws.addRow(["Phan Văn Chưa", "0912 000 222", "Đảng viên"]);
    ws.addRow(["Hoàng Thị Mới", "0987 654 321", "Đảng viên"]);
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    const page = await signedIn(sec);
    await page.getByRole("link", { name: "Danh sách", exact: true }).click();
    await page.setInputFiles("input[type=file]", {
      name: "danh-sach.xlsx",
      mimeType: "application/octet-stream",
      buffer: file,
    });
    await page.getByRole("button", { name: "Xem trước" }).click();
    await expect.poll(() => page.locator("h1").textContent()).toBe("Xem trước khi cập nhật danh sách");
    expect(await page.locator("[data-section=created]").textContent()).toContain("Hoàng Thị Mới");
    const change = await page.locator("[data-section=changes] tbody tr").allTextContents();
    expect(change).toEqual(["Phan Văn ChưaĐiện thoại09120001110912000222"]);
    expect(await h.db.member.count({ where: { fullName: "Hoàng Thị Mới" } })).toBe(0);
    await page.getByRole("button", { name: "Áp dụng" }).click();
    await expect.poll(() => notice(page)).toBe("Đã cập nhật danh sách: thêm 1, sửa 1.");
    expect((await h.db.member.findFirstOrThrow({ where: { fullName: "Phan Văn Chưa" } })).phone).toBe("0912000222");
    expect(await h.db.member.count({ where: { fullName: "Hoàng Thị Mới", branchId: a.branch.id } })).toBe(1);

    // Search, then edit one member.
    await page.getByLabel("Tìm theo tên hoặc số điện thoại").fill("hoang thi");
    await page.getByRole("button", { name: "Tìm" }).click();
    expect(await page.locator("[data-section=roster] tbody tr").allTextContents()).toHaveLength(1);
    await page.getByRole("link", { name: "Hoàng Thị Mới" }).click();
    await page.getByLabel("Số điện thoại").fill("12345");
    await page.getByRole("button", { name: "Lưu" }).click();
    await expect.poll(() => page.locator("[role=alert]").textContent()).toContain("Số điện thoại không hợp lệ");
    await page.goBack();
    await page.getByLabel("Số điện thoại").fill("0987 000 999");
    await page.getByLabel("Đảng viên").selectOption("probationary");
    await page.getByRole("button", { name: "Lưu" }).click();
    await expect.poll(() => notice(page)).toBe("Đã lưu 2 thay đổi.");
    const edited = await h.db.member.findFirstOrThrow({ where: { fullName: "Hoàng Thị Mới" } });
    expect([edited.phone, edited.status]).toEqual(["0987000999", "probationary"]);
    await page.close();
  });

  test("a broken file is refused with its rows named; the invite sheet has a QR code per unlinked member", async () => {
    const page = await signedIn(sec);
    await page.goto(`${base}/chi-bo/danh-sach`);
    const csv = Buffer.from("Họ và tên;Điện thoại\nNguyễn Văn A;12\n");
    await page.setInputFiles("input[type=file]", { name: "ds.csv", mimeType: "text/csv", buffer: csv });
    await page.getByRole("button", { name: "Xem trước" }).click();
    await expect.poll(() => page.locator("h1").textContent()).toBe("Tệp chưa dùng được");
    expect(await page.locator("[data-section=errors] tbody tr").first().textContent()).toMatch(/^2/);
    await page.goto(`${base}/chi-bo/danh-sach`);
    await page.getByRole("button", { name: "Tạo phiếu mời" }).click();
    await expect.poll(() => page.locator("h1").textContent()).toBe("Phiếu mời liên kết");
    const cards = page.locator("[data-invite]");
    expect(await cards.count()).toBe(1);
    expect(await cards.first().textContent()).toContain("Phan Văn Chưa");
    expect(await cards.first().locator("svg").count()).toBe(1);
    const code = (await cards.first().locator("code").textContent())!;
    expect(await cards.first().textContent()).toContain(`https://t.me/chibo_test_bot?start=${code}`);
    await page.close();
  });
});

describe("the self-review campaign", () => {
  test("levels decided with the quota shown; every submitted review downloads as one ZIP of DOCX", async () => {
    const s = h.app.services;
    await s.openReview(a.actor("Bí Thư Mai"), {
      branchId: a.branch.id,
      year: 2026,
      deadline: new Date("2026-12-20T10:00:00Z"),
    });
    for (const name of ["Trần Thị Lan", "Lê Văn Hoà"]) {
      const member = await h.db.member.findFirstOrThrow({ where: { fullName: name }, include: { branch: true } });
      const r = await s.ownReview(a.actor(name), member);
      if (r.type !== "ok") throw new Error(r.type);
      // Nothing answered: the only level the form allows is the lowest; the branch decides the real one.
      await s.submitReview(a.actor(name), r.review.id, "khong_hoan_thanh");
    }
    await forget(h, [sec, lan, hoa, thu, uy]);
    const page = await signedIn(sec);
    await page.getByRole("link", { name: "Kiểm điểm", exact: true }).click();
    expect(await page.locator("[data-section=quota]").textContent()).toContain("Xuất sắc: 0/0");
    await page.getByLabel("Xếp loại của Trần Thị Lan").selectOption("tot");
    await page.locator("tr", { hasText: "Trần Thị Lan" }).getByRole("button", { name: "Ghi" }).click();
    await expect.poll(() => notice(page)).toBe("Đã ghi xếp loại của đồng chí Trần Thị Lan.");
    expect(await page.locator("tr", { hasText: "Trần Thị Lan" }).locator("[data-final]").textContent()).toBe(
      "Hoàn thành tốt nhiệm vụ",
    );
    expect(await page.locator("[data-section=quota]").textContent()).toContain("Hoàn thành tốt trở lên: 100%");
    const zip = await JSZip.loadAsync(await download(page, "/chi-bo/kiem-diem/tat-ca-2026.zip"));
    const names = Object.keys(zip.files).sort();
    expect(names).toEqual(["ban-kiem-diem-2026-Lê Văn Hoà.docx", "ban-kiem-diem-2026-Trần Thị Lan.docx"]);
    const docx = await zip.file(names[1]!)!.async("nodebuffer");
    expect(docText(await unzipEntry(docx, "word/document.xml"))).toContain("Trần Thị Lan");
    await page.close();
  });
});

describe("the committee", () => {
  test("every branch of the organisation at a glance with charts, one branch read only, the XLSX", async () => {
    await h.app.services.scheduleMeeting(STAFF, {
      branchId: b.branch.id,
      kind: "regular",
      startsAt: new Date("2026-11-24T12:30:00Z"),
      place: "Nhà văn hoá tổ 6",
      agenda: "",
    });
    h.clock.set("2026-11-25T03:00:00Z");
    await h.app.services.recordAttendance(
      b.actor("Bí Thư Sáu"),
      (await h.db.meeting.findFirstOrThrow({ where: { branchId: b.branch.id } })).id,
      [b.member("Vũ Văn Bảy").id],
      0.85,
    );
    await forget(h, [secB]);
    const page = await signedIn(uy);
    await page.getByRole("link", { name: "Đảng ủy" }).click();
    await page.waitForURL(`${base}/dang-uy`);
    const cells = async (name: string) =>
      page.locator("[data-section=overview] tbody tr", { hasText: name }).locator("td").allTextContents();
    // Branch 5: 6 members, 5 linked, no meeting held, fees due but none collected yet, nobody rated.
    expect(await cells("Chi bộ Tổ dân phố 5")).toEqual(["Chi bộ Tổ dân phố 5", "6", "83%", "0", "—", "0%", "—"]);
    // Branch 6: 2 members, 1 linked, one meeting held with 1 of 2 present, no fee group set (nothing due).
    expect(await cells("Chi bộ Tổ dân phố 6")).toEqual(["Chi bộ Tổ dân phố 6", "2", "50%", "1", "50%", "—", "—"]);
    await expect.poll(() => page.locator("[data-section=charts] canvas").count()).toBe(3);
    await page.getByRole("link", { name: "Chi bộ Tổ dân phố 6" }).click();
    expect(await page.locator("h1").textContent()).toBe("Chi bộ Tổ dân phố 6");
    expect(await page.locator("[data-section=attendance]").textContent()).toContain("24/11/2026");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await download(page, "/dang-uy/tong-hop-2026.xlsx")) as never);
    const sheet = wb.worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).value).toBe("CÁC CHI BỘ NĂM 2026");
    const header = (sheet.getRow(2).values as unknown[]).slice(1);
    expect(header.slice(0, 3)).toEqual(["Mã", "Chi bộ", "Đảng viên"]);
    const six = [3, 4]
      .map((r) => (sheet.getRow(r).values as unknown[]).slice(1))
      .find((r) => r[1] === "Chi bộ Tổ dân phố 6")!;
    expect(six.slice(0, 7)).toEqual(["tdp6", "Chi bộ Tổ dân phố 6", 2, 1, 0.5, 1, 0.5]);
    expect(requests.filter((u) => !u.startsWith(base))).toEqual([]);
    // A secretary is not the committee.
    const secretary = await signedIn(sec);
    expect((await secretary.goto(`${base}/dang-uy`))!.status()).toBe(403);
    await page.close();
    await secretary.close();
  });
});

describe("another branch's secretary", () => {
  test("is refused on every page and form of branch A, and nothing is written", async () => {
    const { meeting } = await h.app.services.scheduleMeeting(STAFF, {
      branchId: a.branch.id,
      kind: "regular",
      startsAt: new Date("2026-11-24T12:30:00Z"),
      place: "Nhà văn hoá tổ 5",
      agenda: "",
    });
    const ann = await h.app.services.sendAnnouncement(a.actor("Bí Thư Mai"), {
      text: "Thông báo của chi bộ 5",
      attachment: null,
      audience: { branchIds: [a.branch.id], audience: "all" },
      sendAt: null,
      senderLabel: "Chi bộ Tổ dân phố 5",
    });
    await forget(h, [sec, lan, hoa, thu, uy, secB]);
    const page = await signedIn(secB);
    const lanId = a.member("Trần Thị Lan").id;
    for (const path of [
      `/chi-bo/sinh-hoat/${meeting.id}`,
      `/thong-bao/${ann.announcement.id}`,
      `/chi-bo/thu-dang-phi/dang-vien/${lanId}`,
      `/chi-bo/danh-sach/${lanId}`,
      `/dang-uy/chi-bo/${a.branch.id}`,
    ]) {
      const status = (await page.goto(`${base}${path}`))!.status();
      expect([path, status]).toEqual([path, 403]);
    }
    await page.goto(`${base}/`);
    const csrf = await page.locator("input[name=csrf]").first().inputValue();
    const post = (path: string, body: string) =>
      page.evaluate(
        async ([p, b]) =>
          (
            await fetch(p!, {
              method: "POST",
              body: b,
              headers: { "content-type": "application/x-www-form-urlencoded" },
            })
          ).status,
        [path, `csrf=${csrf}&${body}`],
      );
    // The same session and token do write in its own branch (the refusals below are not a lapsed session).
    expect(await post(`/chi-bo/danh-sach/${b.member("Vũ Văn Bảy").id}`, "phone=0912%20333%20444")).toBe(200);
    expect((await h.db.member.findUniqueOrThrow({ where: { id: b.member("Vũ Văn Bảy").id } })).phone).toBe(
      "0912333444",
    );
    expect([
      `/chi-bo/sinh-hoat/${meeting.id}/diem-danh`,
      await post(`/chi-bo/sinh-hoat/${meeting.id}/diem-danh`, `present=${lanId}`),
    ]).toEqual([`/chi-bo/sinh-hoat/${meeting.id}/diem-danh`, 403]);
    expect([`/chi-bo/sinh-hoat/${meeting.id}/huy`, await post(`/chi-bo/sinh-hoat/${meeting.id}/huy`, "")]).toEqual([
      `/chi-bo/sinh-hoat/${meeting.id}/huy`,
      403,
    ]);
    expect([
      `/thong-bao/${ann.announcement.id}/nhac`,
      await post(`/thong-bao/${ann.announcement.id}/nhac`, ""),
    ]).toEqual([`/thong-bao/${ann.announcement.id}/nhac`, 403]);
    expect([`/chi-bo/danh-sach/${lanId}`, await post(`/chi-bo/danh-sach/${lanId}`, "fullName=Tên%20Khác")]).toEqual([
      `/chi-bo/danh-sach/${lanId}`,
      403,
    ]);
    expect(await post(`/chi-bo/thu-dang-phi/dang-vien/${lanId}/ghi`, "request=abcdefgh12&month=2026-11")).toBe(403);
    expect(await h.db.response.count({ where: { meetingId: meeting.id, attendance: { not: null } } })).toBe(0);
    expect((await h.db.meeting.findUniqueOrThrow({ where: { id: meeting.id } })).status).toBe("planned");
    expect((await h.db.member.findUniqueOrThrow({ where: { id: lanId } })).fullName).toBe("Trần Thị Lan");
    expect(await h.db.feeEntry.count()).toBe(0);
    await page.close();
  });
});

describe("a member's self-review on the web", () => {
  /** What Lan answers, question by question (the same as in chat, without chat's «xong»). */
  const ANSWERS = [
    "có",
    "Nghỉ hưu tại địa phương",
    "có",
    "Luôn trung thành với Đảng, chấp hành tốt chủ trương.",
    "Tham gia đầy đủ sinh hoạt tổ dân phố.",
    "Thực hiện tốt cam kết.",
    "Có lúc chưa sâu sát.",
    "Đã khắc phục",
    "không",
    "không",
    "Tích cực học tập.",
    "9",
    "9",
    "9",
    "46",
    "18",
    "không",
    "không",
    "không",
    "không",
    "có",
    "Hoàn thành tốt nhiệm vụ",
  ];

  async function answerOnPage(page: Page, text: string): Promise<void> {
    const form = page.locator("form[action='/kiem-diem/lam']");
    if ((await form.locator("input[type=radio]").count()) > 0) {
      const label = text === "có" ? "Có" : text === "không" ? "Không" : text;
      await form.getByLabel(label, { exact: true }).check();
    } else await form.locator("[name=value]").fill(text);
    await form.getByRole("button", { name: "Lưu và tiếp" }).click();
  }

  test("started on the web, continued in chat, finished and submitted on the web; a wrong answer is refused with its reason", async () => {
    await h.app.services.openReview(a.actor("Bí Thư Mai"), {
      branchId: a.branch.id,
      year: 2026,
      deadline: new Date("2026-12-20T10:00:00Z"),
    });
    await forget(h, [sec, lan, hoa, thu, uy]);
    const page = await signedIn(lan);
    await page.getByRole("link", { name: "Đảng phí của tôi" }).waitFor();
    await page.goto(`${base}/kiem-diem`);
    await page.getByRole("link", { name: "Làm bản kiểm điểm" }).click();
    expect(await page.locator("article[data-question]").textContent()).toContain("Trần Thị Lan");
    for (const text of ANSWERS.slice(0, 3)) await answerOnPage(page, text);
    expect(await page.locator("article[data-question]").textContent()).toContain("1. Về tư tưởng chính trị");

    // Chat picks up where the web stopped, and the web where chat stopped.
    await lan.say("/kiemdiem");
    expect((await lan.expectOne()).text).toContain("1. Về tư tưởng chính trị");
    await lan.say(ANSWERS[3]!);
    await lan.expectOne();
    await lan.say("xong");
    expect((await lan.expectOne()).text).toContain("2. Thực hiện nhiệm vụ đảng viên");
    await page.reload();
    expect(await page.locator("article[data-question]").textContent()).toContain("2. Thực hiện nhiệm vụ đảng viên");

    // An empty answer to a required question: its reason, the same question again, nothing saved.
    await answerOnPage(page, "");
    await expect.poll(() => page.locator("[role=alert]").textContent()).toBe("Câu trả lời không được để trống.");
    expect(await page.locator("article[data-question]").textContent()).toContain("2. Thực hiện nhiệm vụ đảng viên");
    for (const text of ANSWERS.slice(4)) await answerOnPage(page, text);
    await expect.poll(() => page.locator("h1").textContent()).toBe("Tóm tắt bản kiểm điểm năm 2026");
    expect(await page.locator("[data-section=totals]").textContent()).toContain("Tổng điểm: 27/30 + 64/70 = 91/100");
    await page.getByRole("button", { name: "Nộp bản kiểm điểm" }).click();
    await expect.poll(() => notice(page)).toContain("Đã nộp bản kiểm điểm. Tự xếp loại: Hoàn thành tốt nhiệm vụ");
    const review = await h.db.selfReview.findFirstOrThrow({ where: { memberId: a.member("Trần Thị Lan").id } });
    expect([review.status, review.proposedLevel]).toEqual(["submitted", "tot"]);
    const docx = await download(page, "/kiem-diem/ban-kiem-diem.docx");
    expect(docText(await unzipEntry(docx, "word/document.xml"))).toContain("Nghỉ hưu tại địa phương");
    await page.close();
  });
});
