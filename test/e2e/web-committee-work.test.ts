/**
 * The committee's work on the console, in Debian's Chromium (offline): the
 * secretary keeps the branch's Party development list (add, steps, a wrong date
 * refused), the committee staff set a target, record the admission decision,
 * change a setting and the calendar, and assign a committee member to a branch;
 * another branch's secretary is refused. Each write is checked in the database
 * and where people see it.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { launchChromium, signedInPage, startWebHarness } from "../support/browser.ts";
import { forget, givenBranch, type World } from "../support/given.ts";
import type { ChatUser, Harness } from "../support/telegram-harness.ts";

let browser: Browser;
let h: Harness;
let base: string;
let a: World;
let sec: ChatUser, uy: ChatUser, secB: ChatUser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => browser?.close());

beforeEach(async () => {
  // Thursday 04/06/2026, 09:00 in Hà Nội.
  ({ h, base } = await startWebHarness({ now: "2026-06-04T02:00:00Z" }));
  [sec, uy, secB] = [h.user(7601), h.user(7602), h.user(7603)];
  a = await givenBranch(h, {
    people: [
      { fullName: "Phạm Văn Hùng", post: "Bí thư", user: sec },
      { fullName: "Lê Thị Mai" },
      { fullName: "Nguyễn Văn An" },
      { fullName: "Trần Văn Dự", status: "Dự bị" },
    ],
  });
  await givenBranch(h, {
    code: "cqdu",
    name: "Chi bộ Cơ quan Đảng ủy",
    people: [{ fullName: "Đỗ Văn Ủy", post: "Đảng ủy", user: uy }],
  });
  await givenBranch(h, {
    code: "tdp6",
    name: "Chi bộ Tổ dân phố 6",
    people: [{ fullName: "Bí Thư Sáu", post: "Bí thư", user: secB }],
  });
  await forget(h, [sec, uy, secB]);
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

async function recordStep(page: Page, step: string, date: string) {
  await page.locator("select[name=step]").selectOption({ label: step });
  await page.getByLabel("Ngày (dd/mm/yyyy)").fill(date);
  await page.getByRole("button", { name: "Ghi bước này" }).click();
}

describe("Party development on the console", () => {
  test("the secretary's list and steps; the committee's target and decision; the clock the secretary then sees", async () => {
    const page = await signedIn(sec);
    await page.getByRole("link", { name: "Phát triển đảng viên" }).click();
    expect(await page.locator("main, body").first().textContent()).toContain("Chưa có ai trong danh sách.");
    await page.getByLabel("Họ và tên").fill("Đỗ Thị Lan");
    await page.getByLabel("Ngày sinh").fill("12/05/2000");
    await page.getByLabel("Người giới thiệu thứ nhất").selectOption({ label: "Lê Thị Mai" });
    await page.getByLabel("Người giới thiệu thứ hai").selectOption({ label: "Trần Văn Dự" });
    await page.getByLabel("Đảng viên được phân công giúp đỡ").selectOption({ label: "Nguyễn Văn An" });
    await page.getByRole("button", { name: "Thêm vào danh sách" }).click();
    await expect.poll(() => notice(page)).toContain("Đã thêm Đỗ Thị Lan.");
    const lan = await h.db.candidate.findFirstOrThrow({ where: { fullName: "Đỗ Thị Lan" } });
    expect(lan).toMatchObject({ birthDate: "2000-05-12", branchId: a.branch.id });
    // A probationary member as introducer is flagged.
    expect(await page.locator("[data-section=warnings]").textContent()).toContain(
      "Người giới thiệu Trần Văn Dự chưa là đảng viên chính thức",
    );

    await recordStep(page, "Chi bộ đưa vào danh sách cảm tình Đảng", "10/01/2026");
    await expect.poll(() => notice(page)).toContain("Đã ghi: Chi bộ đưa vào danh sách cảm tình Đảng.");
    // Out of order: refused in Vietnamese, nothing written.
    await recordStep(page, "Chi bộ ra nghị quyết đề nghị kết nạp", "16/03/2026");
    await expect.poll(() => notice(page)).toContain("Chưa có bước trước: Hoàn thành hồ sơ xin vào Đảng.");
    expect((await h.db.candidate.findUniqueOrThrow({ where: { id: lan.id } })).branchResolutionAt).toBeNull();
    await page.goto(`${base}/chi-bo/phat-trien/${lan.id}`);
    // The committee's decision is not offered to the secretary.
    const offered = await page.locator("select[name=step]").locator("option").allTextContents();
    expect(offered).not.toContain("Quyết định kết nạp");
    await recordStep(page, "Giấy chứng nhận lớp bồi dưỡng nhận thức về Đảng", "20/01/2026");
    await recordStep(page, "Hoàn thành hồ sơ xin vào Đảng", "01/03/2026");
    await recordStep(page, "Chi bộ ra nghị quyết đề nghị kết nạp", "16/03/2026");
    await expect
      .poll(() => page.locator("[data-section=clocks]").textContent())
      .toContain("Cấp ủy xét quyết định kết nạp (60 ngày làm việc): hạn 11/06/2026, còn 5 ngày làm việc: sắp đến hạn");
    // Edit: only the note changes; the rest is kept.
    await page.getByLabel("Ghi chú").fill("Đoàn viên ưu tú");
    await page.getByRole("button", { name: "Lưu", exact: true }).click();
    await expect.poll(() => notice(page)).toContain("Đã lưu.");
    expect(await h.db.candidate.findUniqueOrThrow({ where: { id: lan.id } })).toMatchObject({
      note: "Đoàn viên ưu tú",
      helperId: a.member("Nguyễn Văn An").id,
    });

    // The committee: the overview, a target, the decision.
    const staff = await signedIn(uy);
    await staff.goto(`${base}/dang-uy/phat-trien`);
    const row = staff.locator(`[data-section=development] tr[data-branch="${a.branch.id}"]`);
    expect(await row.textContent()).toContain("0 / chưa giao");
    await staff.locator("select[name=branch]").selectOption({ label: "Chi bộ Tổ dân phố 5" });
    await staff.getByLabel("Số đảng viên mới").fill("2");
    await staff.getByRole("button", { name: "Giao chỉ tiêu" }).click();
    await expect.poll(() => notice(staff)).toContain("Đã giao Chi bộ Tổ dân phố 5 chỉ tiêu 2.");
    expect(await row.textContent()).toContain("0 / 2");
    await row.getByRole("link").click();
    await staff.getByRole("link", { name: "Đỗ Thị Lan" }).click();
    await recordStep(staff, "Quyết định kết nạp", "02/06/2026");
    await expect.poll(() => notice(staff)).toContain("Đã ghi: Quyết định kết nạp.");
    await staff.close();

    // The secretary now sees the ceremony's clock: 30 working days after 02/06 end on 14/07.
    await page.reload();
    expect(await page.locator("[data-section=clocks]").textContent()).toContain(
      "Tổ chức lễ kết nạp (30 ngày làm việc): hạn 14/07/2026",
    );
    await page.close();

    // Another branch's secretary: refused on the page and on a write.
    const other = await signedIn(secB);
    const res = await other.request.get(`${base}/chi-bo/phat-trien/${lan.id}`);
    expect(res.status()).toBe(403);
    await other.close();
  });

  test("the committee's settings and calendar, and a committee member put in charge of a branch", async () => {
    const staff = await signedIn(uy);
    await staff.getByRole("link", { name: "Thiết lập" }).click();
    const minutes = staff.locator("[data-setting=meetingMinMinutes]");
    await minutes.getByRole("textbox").fill("60");
    await minutes.getByRole("button", { name: "Lưu" }).click();
    await expect
      .poll(() => notice(staff))
      .toContain("Đã lưu: Buổi sinh hoạt đạt chất lượng: thời lượng tối thiểu (phút).");
    expect(await staff.locator("[data-setting=meetingMinMinutes]").textContent()).toContain("Đảng ủy đã đặt");
    const stored = await h.db.organisationSetting.findMany();
    expect(stored.map((s) => [s.key, s.value])).toEqual([["meetingMinMinutes", "60"]]);
    // A value out of range is refused.
    await staff.locator("[data-setting=meetingAttendanceAbove]").getByRole("textbox").fill("120%");
    await staff.locator("[data-setting=meetingAttendanceAbove]").getByRole("button", { name: "Lưu" }).click();
    await expect.poll(() => notice(staff)).toContain("không hợp lệ");
    expect(await h.db.organisationSetting.count()).toBe(1);
    await staff.goto(`${base}/dang-uy/thiet-lap`);

    expect(await staff.locator("[data-section=calendar-days]").textContent()).toContain("Tết Nguyên đán");
    await staff.getByLabel("Ngày (dd/mm/yyyy)").fill("01/09/2026");
    await staff.getByLabel("Tên").fill("Quốc khánh");
    await staff.getByRole("button", { name: "Thêm", exact: true }).click();
    await expect.poll(() => notice(staff)).toContain("Đã lưu ngày.");
    expect(await staff.locator("[data-section=calendar-days]").textContent()).toContain("01/09/2026nghỉQuốc khánh");

    await staff.getByRole("link", { name: "Phụ trách chi bộ" }).click();
    await staff.locator("select[name=branch]").selectOption({ label: "Chi bộ Tổ dân phố 5" });
    await staff.getByLabel("Cấp ủy viên").selectOption({ label: "Bí Thư Sáu — Chi bộ Tổ dân phố 6" });
    await staff.getByRole("button", { name: "Phân công" }).click();
    await expect.poll(() => notice(staff)).toContain("Đã phân công đồng chí Bí Thư Sáu phụ trách Chi bộ Tổ dân phố 5.");
    const row = staff.locator("[data-section=liaisons] tbody tr");
    expect(await row.textContent()).toContain("Bí Thư Sáu");
    // Now he is invited to that branch's meetings.
    await h.app.services.scheduleMeeting(a.actor("Phạm Văn Hùng"), {
      branchId: a.branch.id,
      kind: "regular",
      startsAt: new Date("2026-06-10T12:30:00Z"),
      place: "Nhà văn hoá",
      agenda: "",
    });
    await h.settle();
    expect((await secB.expectOne()).text).toContain("cấp ủy viên phụ trách Chi bộ Tổ dân phố 5");
    await row.getByRole("button", { name: "Thôi phụ trách" }).click();
    await expect.poll(() => notice(staff)).toContain("Đã thôi phân công phụ trách Chi bộ Tổ dân phố 5.");
    expect(await h.db.branchLiaison.count({ where: { until: null } })).toBe(0);
    await staff.close();

    // The secretary cannot open the committee's pages.
    await sec.drain();
    const page = await signedIn(sec);
    expect((await page.request.get(`${base}/dang-uy/thiet-lap`)).status()).toBe(403);
    await page.close();
  });

  test("the 4 tốt criteria from the sample, a value entered, the ranking; the secretary proposes, the committee decides; the reports", async () => {
    const staff = await signedIn(uy);
    await staff.getByRole("link", { name: "Chi bộ 4 tốt" }).click();
    await staff.getByRole("button", { name: "Dùng bộ tiêu chí mẫu" }).click();
    await expect.poll(() => notice(staff)).toContain("Đã tạo bộ tiêu chí từ bộ mẫu: 12 tiêu chí.");
    const tasks = await h.db.scoreIndicator.findFirstOrThrow({ where: { source: "manual", group: 1 } });
    const political = staff.locator(`[data-section=indicators] tr[data-indicator="${tasks.id}"]`);
    expect(await political.textContent()).toContain("chưa có số liệu");
    await staff
      .locator("select[name=indicator]")
      .selectOption({ label: "1. Lãnh đạo hoàn thành các chỉ tiêu nhiệm vụ chính trị năm của đơn vị" });
    await staff.locator("select[name=branch]").first().selectOption({ label: "Chi bộ Tổ dân phố 5" });
    await staff.getByLabel("Giá trị").fill("có");
    await staff.getByLabel("Ghi chú (căn cứ)").fill("Báo cáo tổng kết năm");
    await staff.getByRole("button", { name: "Ghi", exact: true }).click();
    await expect.poll(() => notice(staff)).toContain("Đã ghi giá trị.");
    const stored = await h.db.scoreValue.findMany();
    expect(stored.map((v) => [v.branchId, v.value, v.note])).toEqual([[a.branch.id, 1, "Báo cáo tổng kết năm"]]);
    // 15 of 100 points for tdp5 so far (nothing else has data): it ranks first.
    const first = staff.locator("[data-section=ranking] tbody tr").first();
    expect(await first.textContent()).toContain("Chi bộ Tổ dân phố 5");
    expect(await first.textContent()).toContain("15");
    // The committee changes a target on the page: 90% → 80% for meetings up to standard; the rest is kept.
    const standard = await h.db.scoreIndicator.findFirstOrThrow({ where: { source: "meetings_up_to_standard" } });
    const quality = staff.locator(`[data-section=indicators] tr[data-indicator="${standard.id}"]`);
    await quality.getByText("Sửa", { exact: true }).click();
    expect(await quality.getByLabel("Chỉ tiêu", { exact: true }).inputValue()).toBe("90%");
    await quality.getByLabel("Chỉ tiêu", { exact: true }).fill("80%");
    await quality.getByRole("button", { name: "Lưu tiêu chí" }).click();
    await expect
      .poll(() => notice(staff))
      .toContain("Đã sửa tiêu chí: Buổi sinh hoạt đạt chất lượng theo HD 12-HD/BTCTW.");
    const edited = await h.db.scoreIndicator.findFirstOrThrow({ where: { source: "meetings_up_to_standard" } });
    expect(edited).toMatchObject({ target: 0.8, weight: 10, group: 2, kind: "percent" });
    // A wrong value is refused.
    await staff.goto(`${base}/dang-uy/4-tot`);
    await staff.getByLabel("Giá trị").fill("hơi hơi");
    await staff.getByRole("button", { name: "Ghi", exact: true }).click();
    await expect.poll(() => notice(staff)).toContain('Giá trị "hơi hơi" không hợp lệ.');
    const xlsx = await staff.request.get(`${base}/dang-uy/4-tot-2026.xlsx`);
    expect(xlsx.status()).toBe(200);
    expect(xlsx.headers()["content-type"]).toContain("spreadsheetml");

    // The secretary proposes; the score and conditions allow at most "không hoàn thành" (15 < 50).
    const page = await signedIn(sec);
    await page.getByRole("link", { name: "Xếp loại chi bộ" }).click();
    expect(await page.locator("[data-section=score]").textContent()).toContain(
      'Điểm theo bộ tiêu chí "chi bộ 4 tốt": 15/100',
    );
    await page.getByLabel("Hoàn thành 100% nhiệm vụ").check();
    await page.getByRole("button", { name: "Đề xuất" }).click();
    await expect.poll(() => notice(page)).toContain("Đã đề xuất Không hoàn thành nhiệm vụ (15 điểm).");
    const docx = await page.request.get(`${base}/chi-bo/xep-loai/bao-cao-2026.docx`);
    expect(docx.status()).toBe(200);
    await page.close();

    // The committee decides; a level above what the score allows is refused.
    await staff.goto(`${base}/dang-uy/xep-loai`);
    const row = staff.locator(`[data-section=ratings] tr[data-branch="${a.branch.id}"]`);
    expect(await row.textContent()).toContain("Không hoàn thành nhiệm vụ");
    await row.getByLabel("Mức xếp loại").selectOption({ label: "Hoàn thành nhiệm vụ" });
    await row.getByRole("button", { name: "Quyết định" }).click();
    await expect.poll(() => notice(staff)).toContain("cao hơn mức điểm và điều kiện cho phép");
    await staff.goto(`${base}/dang-uy/xep-loai`);
    await staff
      .locator(`[data-section=ratings] tr[data-branch="${a.branch.id}"]`)
      .getByRole("button", { name: "Quyết định" })
      .click();
    await expect
      .poll(() => notice(staff))
      .toContain("Chi bộ Tổ dân phố 5: Đảng ủy quyết định Không hoàn thành nhiệm vụ.");
    expect((await h.db.branchRating.findFirstOrThrow()).decidedLevel).toBe("khong_hoan_thanh");

    // The reports upward from the overview page.
    await staff.goto(`${base}/dang-uy`);
    const links = staff.locator("[data-section=reports] a");
    expect(await links.allTextContents()).toEqual([
      "Báo cáo tháng 06/2026 (Excel)",
      "Báo cáo tháng 06/2026 (Word)",
      "Báo cáo năm 2026 (Excel)",
      "Báo cáo năm 2026 (Word)",
    ]);
    for (const href of await links.evaluateAll((as) => as.map((x) => x.getAttribute("href")))) {
      const res = await staff.request.get(`${base}${href}`);
      expect(res.status(), href!).toBe(200);
    }
    await staff.close();
  });
});
