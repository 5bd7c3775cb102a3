/**
 * Party development as the branch and the committee live it: the committee's
 * office keeps the list on the command line, the secretary reads it with
 * /phattrien, the morning job reminds the secretary and the helper as a clock
 * nears its day (once), the ceremony makes the probationary member's record, and
 * a day off entered by the committee moves the clocks. Dates counted by hand on
 * the 2026 calendar (Tết 16–20/02, 27/04 off for Giỗ Tổ, 30/04 and 01/05).
 */
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { cli } from "../support/cli.ts";
import { forget, givenBranch, STAFF, type World } from "../support/given.ts";
import { startHarness, type ChatUser, type Harness } from "../support/telegram-harness.ts";

let h: Harness;
let world: World;
let hung: ChatUser;
let mai: ChatUser;
let an: ChatUser;
const run = async (...argv: string[]) => {
  const result = await cli({ db: h.db, clock: h.clock, outbox: h.app.outbox }, ...argv);
  return { ...result, text: result.lines.join("\n") };
};

beforeEach(async () => {
  // Thursday 04/06/2026, 08:00 in Hà Nội.
  h = await startHarness({ now: "2026-06-04T01:00:00Z" });
  [hung, mai, an] = [h.user(7101), h.user(7102), h.user(7103)];
  world = await givenBranch(h, {
    people: [
      { fullName: "Phạm Văn Hùng", post: "Bí thư", user: hung },
      { fullName: "Lê Thị Mai", user: mai },
      { fullName: "Nguyễn Văn An", user: an },
      { fullName: "Trần Văn Dự", status: "Dự bị" },
    ],
  });
});
afterEach(async () => h.stop());

async function lanWithResolution(): Promise<number> {
  const added = await run(
    "candidate",
    "add",
    "--branch",
    "tdp5",
    "--name",
    "Đỗ Thị Lan",
    "--born",
    "12/05/2000",
    "--introducer",
    "Lê Thị Mai",
    "Nguyễn Văn An",
    "--helper",
    "Lê Thị Mai",
  );
  expect(added.code).toBe(0);
  const id = Number(/#(\d+)/.exec(added.text)?.[1]);
  for (const [step, day] of [
    ["cam-tinh", "10/01/2026"],
    ["chung-nhan", "20/01/2026"],
    ["ho-so", "01/03/2026"],
    ["nghi-quyet", "16/03/2026"],
  ])
    expect((await run("candidate", "step", String(id), step!, day!)).code).toBe(0);
  return id;
}

describe("Party development", () => {
  test("the decision clock: 60 working days from 16/03 end on 11/06; the secretary and the helper are reminded once", async () => {
    const id = await lanWithResolution();
    const shown = await run("candidate", "show", String(id));
    expect(shown.text).toContain("Đỗ Thị Lan (sinh 12/05/2000): Chi bộ đề nghị kết nạp");
    expect(shown.text).toContain("Người giới thiệu: Lê Thị Mai, Nguyễn Văn An");
    expect(shown.text).toContain(
      "Cấp ủy xét quyết định kết nạp (60 ngày làm việc): hạn 11/06/2026, còn 5 ngày làm việc: sắp đến hạn",
    );

    await h.app.jobs.planDevelopmentReminders();
    await h.settle();
    const [toHung] = await hung.expect(1);
    const [toMai] = await mai.expect(1);
    for (const m of [toHung!, toMai!]) {
      expect(m.text).toContain("Chi bộ Tổ dân phố 5");
      expect(m.text).toContain("Đỗ Thị Lan");
      expect(m.text).toContain("hạn 11/06/2026, còn 5 ngày làm việc: sắp đến hạn");
    }
    // An introduced her but is not her helper: nothing for him. The next morning's run repeats nothing.
    await h.app.jobs.planDevelopmentReminders();
    await h.settle();
    expect(await an.drain()).toEqual([]);
    expect(await hung.drain()).toEqual([]);

    // Chat: the secretary's /phattrien shows the same clock.
    await hung.say("/phattrien");
    const [list] = await hung.expect(1);
    expect(list!.text).toContain("Phát triển đảng viên, chi bộ Chi bộ Tổ dân phố 5: 1 người đang theo dõi");
    expect(list!.text).toContain("• Đỗ Thị Lan: Chi bộ đề nghị kết nạp");
    expect(list!.text).toContain("hạn 11/06/2026, còn 5 ngày làm việc");
    // /bontot: the branch's score so far, and what it has not reached (no criteria set yet: nothing).
    await hung.say("/bontot");
    expect((await hung.expect(1))[0]!.text).toContain('Điểm "chi bộ 4 tốt" từ đầu năm 2026: 0/100.');
    // A member who is not a leader is refused.
    await an.say("/phattrien");
    expect((await an.expect(1))[0]!.text).toContain("không có quyền");

    // The committee declares 10/06 a day off: the day moves to 12/06, and a new reminder names it.
    expect((await run("holiday", "add", "10/06/2026", "--name", "Nghỉ bù")).code).toBe(0);
    expect((await run("candidate", "show", String(id))).text).toContain("hạn 12/06/2026, còn 5 ngày làm việc");
    await h.app.jobs.planDevelopmentReminders();
    await h.settle();
    expect((await hung.expect(1))[0]!.text).toContain("hạn 12/06/2026");
    const rows = await h.db.outbox.count({ where: { kind: "development_reminder" } });
    expect(rows).toBe(4);
  });

  test("the decision, a late ceremony, the member's record; official status makes the member official; removal", async () => {
    const id = await lanWithResolution();
    // The secretary cannot record the committee's decision; the office can.
    await expect(
      h.app.services.recordCandidateStep(world.actor("Phạm Văn Hùng"), id, "decision", "2026-04-02"),
    ).rejects.toThrow("không có quyền");
    // A day before the branch's resolution is refused in Vietnamese, and nothing is written.
    const early = await run("candidate", "step", String(id), "quyet-dinh", "15/03/2026");
    expect(early.code).toBe(1);
    expect(early.text).toContain('Ngày này trước ngày của bước "Chi bộ ra nghị quyết đề nghị kết nạp" (16/03/2026)');
    expect((await run("candidate", "step", String(id), "ket-nap", "01/04/2026")).text).toContain(
      "Chưa có bước trước: Quyết định kết nạp",
    );
    expect((await run("candidate", "step", String(id), "hop-chi-bo", "01/04/2026")).text).toContain(
      'Không có bước "hop-chi-bo"',
    );
    expect((await run("candidate", "step", String(id), "quyet-dinh", "31/02/2026")).text).toContain(
      'Ngày "31/02/2026" không hợp lệ',
    );

    // Decision 02/04; 30 working days (27/04, 30/04, 01/05 off) end on 19/05; the ceremony on 20/05 is late.
    expect((await run("candidate", "step", String(id), "quyet-dinh", "02/04/2026")).code).toBe(0);
    const ceremony = await run("candidate", "step", String(id), "ket-nap", "20/05/2026");
    expect(ceremony.code).toBe(0);
    expect(ceremony.text).toContain(
      "Tổ chức lễ kết nạp (30 ngày làm việc): hạn 19/05/2026, làm ngày 20/05/2026, sau 31 ngày làm việc: TRỄ HẠN",
    );
    expect(ceremony.text).toContain("Hết thời gian dự bị: 20/05/2027");
    const memberId = Number(/số hiệu (\d+)/.exec(ceremony.text)?.[1]);
    const member = await h.db.member.findUniqueOrThrow({ where: { id: memberId } });
    expect(member).toMatchObject({ fullName: "Đỗ Thị Lan", status: "probationary", feesFromMonth: "2026-05" });
    expect(member.branchId).toBe(world.branch.id);
    const overview = await run("development", "overview", "--year", "2026");
    expect(overview.text).toContain("tdp5 | Chi bộ Tổ dân phố 5 | 1/chưa giao | 0 | 0 | 1 | 0 | 1");
    expect((await run("development", "target", "--branch", "tdp5", "--count", "3", "--year", "2026")).code).toBe(0);
    expect((await run("development", "overview", "--year", "2026")).text).toContain("| 1/3 |");

    // Official status cannot come before the branch's resolution on it.
    expect((await run("candidate", "step", String(id), "chinh-thuc", "01/06/2026")).text).toContain(
      "Chưa có bước trước: Chi bộ ra nghị quyết đề nghị công nhận đảng viên chính thức",
    );
    // Another, admitted a year earlier: probation ended 05/05/2026; the branch resolved 20/05, the committee
    // decided 01/06.
    const tuan = await h.app.services.addCandidate(STAFF, world.branch.id, {
      fullName: "Vũ Minh Tuấn",
      birthDate: "1998-02-01",
      introducer1Id: world.member("Lê Thị Mai").id,
      introducer2Id: world.member("Nguyễn Văn An").id,
      helperId: world.member("Nguyễn Văn An").id,
    });
    const steps: [string, string][] = [
      ["chung-nhan", "10/10/2024"],
      ["cam-tinh", "15/10/2024"],
      ["ho-so", "01/12/2024"],
      ["nghi-quyet", "10/01/2025"],
      ["quyet-dinh", "01/04/2025"],
      ["ket-nap", "05/05/2025"],
      ["kiem-diem", "20/04/2026"],
      ["nghi-quyet-chinh-thuc", "20/05/2026"],
      ["chinh-thuc", "01/06/2026"],
    ];
    let last = "";
    for (const [step, day] of steps) {
      const r = await run("candidate", "step", String(tuan.id), step, day);
      expect(r.code, r.text).toBe(0);
      last = r.text;
    }
    expect(last).toContain("Vũ Minh Tuấn (sinh 01/02/1998): Đảng viên chính thức");
    // 30 working days after 05/05/2026 end on 16/06: the branch's resolution of 20/05 is on time.
    expect(last).toContain("Chi bộ xét công nhận chính thức (30 ngày làm việc): hạn 16/06/2026, làm ngày 20/05/2026");
    const tuanRow = await h.db.candidate.findUniqueOrThrow({ where: { id: tuan.id } });
    const official = await h.db.member.findUniqueOrThrow({ where: { id: tuanRow.memberId! } });
    expect(official).toMatchObject({ fullName: "Vũ Minh Tuấn", status: "official" });

    await h.app.services.closeCandidate(STAFF, id, { reason: "Vi phạm tư cách", date: "2026-06-01" });
    expect((await h.db.member.findUniqueOrThrow({ where: { id: memberId } })).leftAt).not.toBeNull();
    const closed = await run("candidate", "step", String(id), "kiem-diem", "02/06/2026");
    expect(closed.text).toContain("đã được đưa ra khỏi danh sách");

    // Her data: the export has her admission record; erasing her leaves its dates and nothing of her.
    const data = await h.app.services.memberDataExport(STAFF, memberId);
    expect(JSON.stringify(data)).toContain('"ceremonyAt":"2026-05-20"');
    expect(JSON.stringify(data)).toContain('"birthDate":"2000-05-12"');
    await h.app.services.eraseMember(STAFF, memberId);
    const kept = await h.db.candidate.findUniqueOrThrow({ where: { id } });
    expect(kept).toMatchObject({ ceremonyAt: "2026-05-20", birthDate: "", closedReason: null });
    expect(JSON.stringify(kept)).not.toContain("Lan");
    expect((await run("development", "overview", "--year", "2026")).text).toContain("| 1/3 |");
  });

  test("committee settings: a committee that allows 45 working days sees its own clock", async () => {
    const id = await lanWithResolution();
    const set = await run("committee", "set", "admissionDecisionWorkingDays", "45");
    expect(set.text).toContain("Đã đặt: Thời hạn cấp ủy quyết định kết nạp (ngày làm việc) = 45");
    // 45 working days after 16/03: 11/06 less 15 working days = 21/05.
    expect((await run("candidate", "show", String(id))).text).toContain(
      "(45 ngày làm việc): hạn 21/05/2026, quá 10 ngày làm việc: QUÁ HẠN",
    );
    expect((await run("committee", "set", "admissionDecisionWorkingDays", "0")).text).toContain("không hợp lệ");
    expect((await run("committee", "set", "noSuchKey", "1")).text).toContain('Không có thiết lập "noSuchKey"');
    const listed = await run("committee", "settings");
    expect(listed.text).toContain("* admissionDecisionWorkingDays = 45");
    expect(listed.text).toContain("  meetingAttendanceAbove = 0,85");
    expect((await run("committee", "unset", "admissionDecisionWorkingDays")).code).toBe(0);
    expect((await run("candidate", "show", String(id))).text).toContain("hạn 11/06/2026");
  });

  test("the calendar lists a year's days off and says when Tết is missing", async () => {
    const y2026 = await run("holiday", "list", "--year", "2026");
    expect(y2026.text).toContain("17/02/2026 nghỉ: Tết Nguyên đán");
    expect(y2026.text).toContain("27/04/2026 nghỉ: Nghỉ bù Giỗ Tổ Hùng Vương");
    expect(y2026.text).not.toContain("chưa có Tết");
    const y2027 = await run("holiday", "list", "--year", "2027");
    expect(y2027.text).toContain("Lịch năm 2027 chưa có Tết Nguyên đán");
    expect((await run("holiday", "add", "2027-02-08", "--name", "Tết Nguyên đán")).code).toBe(0);
    expect((await run("holiday", "list", "--year", "2027")).text).toContain(
      "08/02/2027 nghỉ: Tết Nguyên đán (đã thêm)",
    );
    expect((await run("holiday", "remove", "08/02/2027")).text).toContain("Đã bỏ ngày");
    const audit = await h.db.auditLog.findMany({ where: { action: { startsWith: "calendar." } } });
    expect(audit.map((a) => a.action)).toEqual(["calendar.set", "calendar.remove"]);
  });

  test("a month before probation ends, the probationary member, the helper and the secretary are reminded", async () => {
    const tuan = await h.app.services.addCandidate(STAFF, world.branch.id, {
      fullName: "Vũ Minh Tuấn",
      birthDate: "1998-02-01",
      helperId: world.member("Lê Thị Mai").id,
    });
    for (const [step, day] of [
      ["chung-nhan", "10/10/2024"],
      ["cam-tinh", "15/10/2024"],
      ["ho-so", "01/12/2024"],
      ["nghi-quyet", "10/01/2025"],
      ["quyet-dinh", "01/04/2025"],
      ["ket-nap", "20/06/2025"],
    ])
      expect((await run("candidate", "step", String(tuan.id), step!, day!)).code).toBe(0);
    // His member record, linked on Telegram as he would link it.
    const memberId = (await h.db.candidate.findUniqueOrThrow({ where: { id: tuan.id } })).memberId!;
    const tuanChat = h.user(7104);
    const [invite] = await h.app.services.issueInvites(STAFF, { branchId: world.branch.id, memberIds: [memberId] });
    const id = String(tuanChat.userId);
    expect(
      (await h.app.services.linkWithCode({ channel: "telegram", externalId: id, chatId: id }, invite!.code)).type,
    ).toBe("linked");
    await forget(h, [hung, mai, tuanChat]);

    // Probation ends on Saturday 20/06/2026; from 21/05 the reviews are due; on 04/06 11 working days are left.
    await h.app.jobs.planDevelopmentReminders();
    await h.settle();
    expect((await tuanChat.expectOne()).text).toContain(
      "Thời gian dự bị của đồng chí kết thúc ngày 20/06/2026. Xin đồng chí viết bản tự kiểm điểm",
    );
    for (const user of [hung, mai])
      expect((await user.expectOne()).text).toContain(
        "Tự kiểm điểm và nhận xét trước khi hết dự bị: hạn 20/06/2026, còn 11 ngày làm việc: sắp đến hạn",
      );
    expect(await an.drain()).toEqual([]);
  });
});
