/**
 * A worked example the committee can check by hand: three branches and their
 * year 2026, then the "chi bộ 4 tốt" scorecard on the sample criteria set, the
 * ranking, the workbook's cells, the organisations' rating with its quota, the
 * branch's review report, and the Party development clocks. Every expected figure
 * below is computed in the comments from the data, not read back from the code.
 *
 * The year (members pay 15.930 đ a month from February, when the 2026 fee rule
 * starts; "today" is Monday 11/01/2027):
 *  - tdp1, 10 members: a regular meeting on the 5th of every month and a thematic
 *    one each quarter, 120 and 90 minutes, full records; everyone present except
 *    one excused absence in March. All fees paid within their month. Its
 *    committee member in charge came to 6 meetings. Levels: 2 xuất sắc, 7 tốt,
 *    1 hoàn thành. Target 2 admissions; 2 ceremonies in 2026.
 *  - tdp2, 10 members: 12 regular meetings of 80 minutes (short of 90), one
 *    thematic meeting of 90 minutes in the first quarter; everyone present. Fees
 *    all paid on 10/12 for the whole year. Its committee member came to 3.
 *    Levels: 6 tốt, 3 hoàn thành, 1 không hoàn thành. Target 1; none admitted.
 *  - tdp3, 5 members: regular meetings in 10 months (none in July, August),
 *    90 minutes, one member absent without reason each time; no thematic
 *    meeting; one member never pays. No campaign, no target, no one in charge.
 */
import ExcelJS from "exceljs";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import type { Db } from "../../src/db/client.ts";
import { createOutbox, type Outbox } from "../../src/delivery/outbox.ts";
import type { Level } from "../../src/domain/rating.ts";
import type { Services } from "../../src/services/application.ts";
import { operatorActor } from "../../src/services/deps.ts";
import { memberAsActor } from "../../src/services/meetings.ts";
import { cli } from "../support/cli.ts";
import { testClock, type TestClock } from "../support/clock.ts";
import { freshDb } from "../support/db.ts";
import { testServices } from "../support/services.ts";
import { docText, unzipEntry } from "../support/zip.ts";

let db: Db;
let clock: TestClock;
let outbox: Outbox;
let services: Services;
const STAFF = operatorActor("Văn phòng Đảng ủy");
const run = (...argv: string[]) => cli({ db, clock, outbox }, ...argv);
const ids: Record<string, number> = {};
const members: Record<string, number[]> = {};

/** Local Hà Nội wall time as an instant. */
const at = (day: string, hhmm: string) => new Date(`${day}T${hhmm}:00+07:00`);
const pad = (n: number) => String(n).padStart(2, "0");

async function meeting(
  branch: string,
  kind: "regular" | "thematic",
  day: string,
  minutes: number,
  outcomes: Map<number, "present" | "excused" | "unexcused">,
): Promise<number> {
  const start = at(day, "19:30");
  const m = await db.meeting.create({
    data: {
      branchId: ids[branch]!,
      kind,
      startsAt: start,
      place: "Nhà văn hoá",
      status: "held",
      startedAt: start,
      endedAt: new Date(start.getTime() + minutes * 60_000),
      chairName: "Bí thư",
      minutesBy: "Thư ký",
      content: "Diễn biến",
      resolution: "Nghị quyết",
      speakers: JSON.stringify(["Đảng viên A", "Đảng viên B"]),
      prepared: true,
    },
  });
  await db.response.createMany({
    data: [...outcomes].map(([memberId, o]) => ({
      meetingId: m.id,
      memberId,
      attendance: o === "present" ? "present" : "absent",
      answer: o === "excused" ? "leave_accepted" : o === "present" ? "attending" : null,
      reason: o === "excused" ? "Ốm" : null,
    })),
  });
  return m.id;
}

const everyone = (branch: string, except: Record<number, "excused" | "unexcused"> = {}) =>
  new Map(members[branch]!.map((id, i) => [id, except[i] ?? ("present" as const)]));

async function pay(branch: string, memberIndex: number, month: string, paidOn: string) {
  const memberId = members[branch]![memberIndex]!;
  await db.feeEntry.create({
    data: {
      memberId,
      branchId: ids[branch]!,
      month,
      amount: 15_930,
      batch: `${memberId}-${month}`,
      idempotencyKey: `${memberId}-${month}`,
      recordedBy: "test",
      createdAt: at(paidOn, "10:00"),
    },
  });
}

async function campaign(branch: string, levels: Level[]) {
  const c = await db.reviewCampaign.create({
    data: { branchId: ids[branch]!, year: 2026, deadline: at("2026-12-20", "23:00"), split: "{}", createdBy: "test" },
  });
  await db.selfReview.createMany({
    data: levels.map((finalLevel, i) => ({
      campaignId: c.id,
      memberId: members[branch]![i]!,
      form: "2C",
      status: "submitted" as const,
      finalLevel,
    })),
  });
}

async function liaison(branch: string, name: string, attendedMeetings: number[]) {
  const home = await db.member.create({ data: { branchId: ids.cqdu!, fullName: name, role: "committee" } });
  await db.branchLiaison.create({
    data: { branchId: ids[branch]!, memberId: home.id, since: at("2026-01-01", "00:00") },
  });
  await db.guestResponse.createMany({
    data: attendedMeetings.map((meetingId) => ({ meetingId, memberId: home.id, attendance: "present" as const })),
  });
}

beforeEach(async () => {
  ({ db } = await freshDb());
  clock = testClock("2027-01-11T02:00:00Z");
  outbox = createOutbox({ db, clock });
  services = testServices(db, clock, outbox);
  await services.ensureFeeTable();
  const org = await db.organisation.create({ data: { name: "Đảng bộ phường Hòa Bình" } });
  for (const [code, name, size] of [
    ["tdp1", "Chi bộ Tổ dân phố 1", 10],
    ["tdp2", "Chi bộ Tổ dân phố 2", 10],
    ["tdp3", "Chi bộ Tổ dân phố 3", 5],
    ["cqdu", "Chi bộ Cơ quan Đảng ủy", 0],
  ] as const) {
    const b = await db.branch.create({ data: { organisationId: org.id, code, name } });
    ids[code] = b.id;
    members[code] = [];
    for (let i = 0; i < size; i++) {
      const m = await db.member.create({
        data: {
          branchId: b.id,
          fullName: `Đảng viên ${code.toUpperCase()}-${pad(i + 1)}`,
          role: i === 0 ? "secretary" : "member",
          feeGroup: "other",
          feesFromMonth: "2026-01",
          createdAt: at("2025-06-01", "08:00"),
        },
      });
      members[code]!.push(m.id);
    }
  }

  // tdp1: 12 regular (120 min) + 4 thematic (90 min); one excused absence in March.
  const tdp1: number[] = [];
  for (let month = 1; month <= 12; month++)
    tdp1.push(
      await meeting(
        "tdp1",
        "regular",
        `2026-${pad(month)}-05`,
        120,
        everyone("tdp1", month === 3 ? { 9: "excused" } : {}),
      ),
    );
  for (const month of [1, 4, 7, 10])
    tdp1.push(await meeting("tdp1", "thematic", `2026-${pad(month)}-20`, 90, everyone("tdp1")));
  // tdp2: 12 regular of 80 minutes, one thematic of 90 in January.
  const tdp2: number[] = [];
  for (let month = 1; month <= 12; month++)
    tdp2.push(await meeting("tdp2", "regular", `2026-${pad(month)}-05`, 80, everyone("tdp2")));
  tdp2.push(await meeting("tdp2", "thematic", "2026-01-20", 90, everyone("tdp2")));
  // tdp3: 10 regular of 90 minutes, the last member absent without reason each time.
  for (const month of [1, 2, 3, 4, 5, 6, 9, 10, 11, 12])
    await meeting("tdp3", "regular", `2026-${pad(month)}-05`, 90, everyone("tdp3", { 4: "unexcused" }));

  // Fees, February to December (January has no rate yet).
  for (let month = 2; month <= 12; month++) {
    const m = `2026-${pad(month)}`;
    for (let i = 0; i < 10; i++) await pay("tdp1", i, m, `${m}-10`);
    for (let i = 0; i < 10; i++) await pay("tdp2", i, m, "2026-12-10");
    for (let i = 0; i < 4; i++) await pay("tdp3", i, m, `${m}-10`);
  }

  await campaign("tdp1", ["xuat_sac", "xuat_sac", "tot", "tot", "tot", "tot", "tot", "tot", "tot", "hoan_thanh"]);
  await campaign("tdp2", [
    "tot",
    "tot",
    "tot",
    "tot",
    "tot",
    "tot",
    "hoan_thanh",
    "hoan_thanh",
    "hoan_thanh",
    "khong_hoan_thanh",
  ]);
  await liaison("tdp1", "Đồng chí Phụ Trách Một", tdp1.slice(0, 6));
  await liaison("tdp2", "Đồng chí Phụ Trách Hai", tdp2.slice(0, 3));
  await db.admissionTarget.createMany({
    data: [
      { branchId: ids.tdp1!, year: 2026, target: 2 },
      { branchId: ids.tdp2!, year: 2026, target: 1 },
    ],
  });
});
afterEach(async () => db.$disconnect());

/** A candidate of tdp1 through the steps, as the office records them on the command line. */
async function candidate(name: string, steps: [string, string][]): Promise<string[]> {
  const added = await run("candidate", "add", "--branch", "tdp1", "--name", name, "--born", "01/01/1995");
  const id = /#(\d+)/.exec(added.lines.join())![1]!;
  let last: string[] = [];
  for (const [step, day] of steps) {
    const r = await run("candidate", "step", id, step, day);
    expect(r.code, r.lines.join("\n")).toBe(0);
    last = r.lines;
  }
  return last;
}

describe("the committee's year, checked by hand", () => {
  test("Party development clocks: a probation ending on mùng 1 Tết, a late ceremony; admissions against target", async () => {
    // Lan: ceremony 17/02/2025, so probation ends on 17/02/2026, mùng 1 Tết. The 30 working days for the branch start
    // after Tết (16–20/02 off): 23/02 is the first; the 30th is 03/04. The branch resolved on 20/03: on time. The
    // committee's 30 working days from 20/03 skip 27/04, 30/04 and 01/05 and end on 06/05; it decided 10/04: on time.
    const lan = await candidate("Đỗ Thị Lan", [
      ["cam-tinh", "10/01/2024"],
      ["chung-nhan", "20/01/2024"],
      ["ho-so", "01/06/2024"],
      ["nghi-quyet", "01/07/2024"],
      ["quyet-dinh", "02/01/2025"],
      ["ket-nap", "17/02/2025"],
      ["kiem-diem", "15/01/2026"],
      ["nghi-quyet-chinh-thuc", "20/03/2026"],
      ["chinh-thuc", "10/04/2026"],
    ]);
    expect(lan).toContain("  Hết thời gian dự bị: 17/02/2026");
    expect(lan).toContain(
      "  ⏱ Chi bộ xét công nhận chính thức (30 ngày làm việc): hạn 03/04/2026, làm ngày 20/03/2026, sau 20 ngày làm việc: đúng hạn",
    );
    expect(lan).toContain(
      "  ⏱ Cấp ủy quyết định công nhận chính thức (30 ngày làm việc): hạn 06/05/2026, làm ngày 10/04/2026, sau 15 ngày làm việc: đúng hạn",
    );
    // Tuấn: decision 02/03/2026; 30 working days end on 13/04; the ceremony on 14/04 is the 31st: late.
    const tuan = await candidate("Vũ Minh Tuấn", [
      ["cam-tinh", "10/01/2025"],
      ["chung-nhan", "20/01/2025"],
      ["ho-so", "01/10/2025"],
      ["nghi-quyet", "05/01/2026"],
      ["quyet-dinh", "02/03/2026"],
      ["ket-nap", "14/04/2026"],
    ]);
    expect(tuan).toContain(
      "  ⏱ Tổ chức lễ kết nạp (30 ngày làm việc): hạn 13/04/2026, làm ngày 14/04/2026, sau 31 ngày làm việc: TRỄ HẠN",
    );
    // Hoa: decision 06/04/2026; 30 working days (27/04, 30/04, 01/05 off) end on 21/05; the ceremony on 05/05 is the
    // 18th (07/04 … 29/04 give 16, then 04/05 and 05/05): on time.
    const hoa = await candidate("Trần Thị Hoa", [
      ["cam-tinh", "10/01/2025"],
      ["chung-nhan", "20/01/2025"],
      ["ho-so", "01/10/2025"],
      ["nghi-quyet", "15/01/2026"],
      ["quyet-dinh", "06/04/2026"],
      ["ket-nap", "05/05/2026"],
    ]);
    expect(hoa).toContain(
      "  ⏱ Tổ chức lễ kết nạp (30 ngày làm việc): hạn 21/05/2026, làm ngày 05/05/2026, sau 18 ngày làm việc: đúng hạn",
    );
    // Two ceremonies in 2026 against tdp1's target of 2 (Lan's was in 2025); one late clock in 2026 (Tuấn's).
    const overview = await run("development", "overview", "--year", "2026");
    expect(overview.lines).toContain("tdp1 | Chi bộ Tổ dân phố 1 | 2/2 | 0 | 0 | 2 | 0 | 1");
    expect(overview.lines).toContain("tdp2 | Chi bộ Tổ dân phố 2 | 0/1 | 0 | 0 | 0 | 0 | 0");
  });

  test("the scorecard on the sample criteria set, its ranking and workbook; the rating and its quota; the report", async () => {
    expect((await run("scorecard", "sample")).lines).toEqual([
      "Đã tạo bộ tiêu chí từ bộ mẫu: 12 tiêu chí. Xem: scorecard criteria",
    ]);
    // The committee's own indicators (political tasks, discipline, unity), per branch.
    const criteria = await services.scoreCriteria(STAFF);
    const manual = criteria.filter((c) => c.source === "manual").map((c) => c.id);
    expect(manual).toHaveLength(3);
    const [tasks, discipline, unity] = manual as [number, number, number];
    for (const [indicator, branch, value] of [
      [tasks, "tdp1", "có"],
      [tasks, "tdp2", "có"],
      [tasks, "tdp3", "không"],
      [discipline, "tdp1", "có"],
      [discipline, "tdp2", "có"],
      [discipline, "tdp3", "có"],
      [unity, "tdp1", "có"],
      [unity, "tdp2", "không"],
      [unity, "tdp3", "có"],
    ] as const) {
      const r = await run(
        "scorecard",
        "value",
        String(indicator),
        "--branch",
        branch,
        "--value",
        value,
        "--year",
        "2026",
      );
      expect(r.code, r.lines.join()).toBe(0);
    }
    // Two ceremonies for tdp1 (see the other test) as rows of their own here.
    for (const [name, day] of [
      ["Vũ Minh Tuấn", "2026-04-14"],
      ["Trần Thị Hoa", "2026-05-05"],
    ] as const)
      await db.candidate.create({
        data: {
          branchId: ids.tdp1!,
          fullName: name,
          birthDate: "1995-01-01",
          decisionAt: "2026-03-02",
          ceremonyAt: day,
        },
      });

    /*
     * By hand, weights (sum 100) and targets of the sample set:
     *   G1 political tasks (yes/no, 15); admissions vs target (100%, 10)
     *   G2 regular months (100%, 10); meetings up to standard (90%, 10); thematic quarters (100%, 5);
     *      attendance (90%, 5); the committee member's attendance (100%, 5)
     *   G3 no discipline (yes/no, 10); fees on time (100%, 10); unity (yes/no, 5)
     *   G4 good or above (80%, 10); nobody failing (yes/no, 5)
     * tdp1: every indicator met → 100. Attendance 159/160 = 99,375%.
     * tdp2: 15 + 0 (0/1 admitted) + 10 (12/12 months) + 10 × (1/13 ÷ 0,9) = 0,8547 + 5 × 1/4 = 1,25 + 5 (100%)
     *       + 5 × 3/6 = 2,5 + 10 + 10 × 10/110 = 0,9091 (only December on time) + 0 (unity: không)
     *       + 10 × (60% ÷ 80%) = 7,5 + 0 (one không hoàn thành) = 53,0138 → 53
     * tdp3: 0 + 0 (no target: no figure) + 10 × 10/12 = 8,3333 + 0 (none up to standard: 80% present and an
     *       unexcused absence) + 0 (no thematic) + 5 × (80% ÷ 90%) = 4,4444 + 0 (no one in charge) + 10
     *       + 10 × 44/55 = 8 + 5 + 0 + 0 (no campaign) = 35,7778 → 35,8
     */
    const view = await services.branchScorecards(STAFF, { year: 2026 });
    const byCode = Object.fromEntries(view.rows.map((r) => [r.code, r]));
    expect(byCode.tdp1!.figures).toEqual({
      regular_months: 1,
      meetings_up_to_standard: 1,
      thematic_quarters: 1,
      attendance: 159 / 160,
      fees_on_time: 1,
      good_or_above: 0.9,
      no_failing_members: 1,
      admissions_vs_target: 1,
      liaison_attendance: 1,
    });
    expect(byCode.tdp2!.figures).toEqual({
      regular_months: 1,
      meetings_up_to_standard: 1 / 13,
      thematic_quarters: 0.25,
      attendance: 1,
      fees_on_time: 10 / 110,
      good_or_above: 0.6,
      no_failing_members: 0,
      admissions_vs_target: 0,
      liaison_attendance: 0.5,
    });
    expect(byCode.tdp3!.figures).toEqual({
      regular_months: 10 / 12,
      meetings_up_to_standard: 0,
      thematic_quarters: 0,
      attendance: 0.8,
      fees_on_time: 0.8,
      good_or_above: null,
      no_failing_members: null,
      admissions_vs_target: null,
      liaison_attendance: null,
    });
    expect(view.rows.map((r) => [r.rank, r.code, r.score])).toEqual([
      [1, "tdp1", 100],
      [2, "tdp2", 53],
      [3, "tdp3", 35.8],
      [4, "cqdu", expect.any(Number)],
    ]);
    expect((await run("scorecard", "show", "--year", "2026")).lines.slice(0, 4)).toEqual([
      "Chi bộ 4 tốt năm 2026: hạng | mã | chi bộ | điểm",
      "1 | tdp1 | Chi bộ Tổ dân phố 1 | 100",
      "2 | tdp2 | Chi bộ Tổ dân phố 2 | 53",
      "3 | tdp3 | Chi bộ Tổ dân phố 3 | 35,8",
    ]);
    // tdp2's meetings of 80 minutes are not up to standard; the thematic one of 90 is.
    const quality = await run("meeting", "quality", "--branch", "tdp2", "--year", "2026");
    expect(quality.lines[0]).toBe(
      "Chi bộ Tổ dân phố 2, năm 2026: 13 buổi sinh hoạt đã điểm danh, 1 buổi đạt chất lượng",
    );
    expect(quality.lines).toContain("    ✗ Thời lượng: 80 phút (tối thiểu 90)");

    // The workbook the committee opens: the ranking with each group's points, then each indicator per branch.
    const file = `${process.env.TMPDIR ?? "/tmp"}/scorecard-${process.pid}-${Date.now()}.xlsx`;
    expect((await run("scorecard", "xlsx", "--out", file, "--year", "2026")).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ranking = wb.worksheets[0]!;
    const row = (n: number) => (ranking.getRow(n).values as unknown[]).slice(1);
    expect(row(2)).toEqual(["Thứ hạng", "Mã", "Chi bộ", "Tổng điểm", "Nhóm 1", "Nhóm 2", "Nhóm 3", "Nhóm 4"]);
    // tdp2: G1 15; G2 10 + 0,8547 + 1,25 + 5 + 2,5 = 19,6; G3 10 + 0,9091 = 10,9; G4 7,5.
    expect(row(3)).toEqual([1, "tdp1", "Chi bộ Tổ dân phố 1", 100, 25, 35, 25, 15]);
    expect(row(4)).toEqual([2, "tdp2", "Chi bộ Tổ dân phố 2", 53, 15, 19.6, 10.9, 7.5]);
    expect(row(5)).toEqual([3, "tdp3", "Chi bộ Tổ dân phố 3", 35.8, 0, 12.8, 23, 0]);
    const detail = wb.worksheets[1]!;
    const fees = (detail.getRow(11).values as unknown[]).slice(1);
    expect(fees.slice(0, 7)).toEqual([3, "Đảng viên đóng đảng phí đúng hạn", 1, 10, 1, 10 / 110, 0.8]);
    expect(detail.getRow(11).getCell(6).numFmt).toBe("0.0%");
    expect((detail.getRow(3).values as unknown[]).slice(1, 8)).toEqual([
      1,
      "Lãnh đạo hoàn thành các chỉ tiêu nhiệm vụ chính trị năm của đơn vị",
      "Đạt",
      15,
      "Đạt",
      "Đạt",
      "Chưa đạt",
    ]);

    // The rating: tdp1 100 with every task done and 30% exceeded → xuất sắc; tdp2 53 → hoàn thành at most.
    const secretary1 = await db.member.findUniqueOrThrow({ where: { id: members.tdp1![0]! } });
    const p1 = await services.proposeRating(memberAsActor(secretary1), {
      branchId: ids.tdp1!,
      year: 2026,
      conditions: { allTasksDone: true, exceeded30: true, disciplined: false, lateAtMost20: true },
    });
    expect(p1).toEqual({ score: 100, highest: "xuat_sac", level: "xuat_sac" });
    const tooHigh = await run(
      "rating",
      "propose",
      "--branch",
      "tdp2",
      "--year",
      "2026",
      "--all-tasks",
      "--level",
      "tot",
    );
    expect(tooHigh.lines.join()).toContain('Mức "Hoàn thành tốt nhiệm vụ" cao hơn mức điểm và điều kiện cho phép');
    expect((await run("rating", "propose", "--branch", "tdp2", "--year", "2026", "--all-tasks")).lines).toEqual([
      "Chi bộ Tổ dân phố 2: 53 điểm; đề xuất Hoàn thành nhiệm vụ (mức cao nhất được: Hoàn thành nhiệm vụ).",
    ]);
    await run("rating", "propose", "--branch", "tdp3", "--year", "2026");
    // A secretary cannot decide, not even for the own branch.
    await expect(
      services.decideRating(memberAsActor(secretary1), { branchId: ids.tdp1!, year: 2026, level: "xuat_sac" }),
    ).rejects.toThrow("không có quyền");
    for (const [branch, level] of [
      ["tdp1", "xuat_sac"],
      ["tdp2", "hoan_thanh"],
      ["tdp3", "khong_hoan_thanh"],
    ])
      expect((await run("rating", "decide", "--branch", branch!, "--year", "2026", "--level", level!)).code).toBe(0);
    const list = await run("rating", "list", "--year", "2026");
    expect(list.lines).toContain(
      "tdp1 | Chi bộ Tổ dân phố 1 | 100 | đề xuất: Hoàn thành xuất sắc nhiệm vụ | quyết định: Hoàn thành xuất sắc nhiệm vụ",
    );
    expect(list.lines).toContain(
      "tdp3 | Chi bộ Tổ dân phố 3 | 35,8 | đề xuất: Không hoàn thành nhiệm vụ | quyết định: Không hoàn thành nhiệm vụ",
    );
    // One xuất sắc against no tốt: 20% of 0 allows none.
    expect(list.lines.at(-1)).toBe("Xuất sắc 1, tốt 0: tối đa 0 xuất sắc (20% số hoàn thành tốt) — VƯỢT TỶ LỆ.");

    // The committee's yearly report: each branch's row, as the office sends it upward.
    const yearly = `${process.env.TMPDIR ?? "/tmp"}/yearly-${process.pid}-${Date.now()}.xlsx`;
    expect((await run("committee", "report", "--year", "2026", "--out", yearly)).code).toBe(0);
    const ywb = new ExcelJS.Workbook();
    await ywb.xlsx.readFile(yearly);
    const sheet = ywb.worksheets[0]!;
    const cells = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1);
    expect(cells(1)).toEqual(["BÁO CÁO TÌNH HÌNH CÁC CHI BỘ NĂM 2026"]);
    // 110 fee months of 15.930 đ = 1.752.300 đ; tdp3 collected 44 of its 55.
    expect(cells(4)).toEqual([
      "Chi bộ Tổ dân phố 1",
      10,
      16,
      4,
      16,
      159 / 160,
      1_752_300,
      1_752_300,
      2,
      2,
      0,
      6,
      100,
      1,
      "Hoàn thành xuất sắc nhiệm vụ",
    ]);
    expect(cells(5)).toEqual([
      "Chi bộ Tổ dân phố 2",
      10,
      13,
      1,
      1,
      1,
      1_752_300,
      1_752_300,
      0,
      0,
      0,
      3,
      53,
      2,
      "Hoàn thành nhiệm vụ",
    ]);
    expect(cells(6)).toEqual([
      "Chi bộ Tổ dân phố 3",
      5,
      10,
      0,
      0,
      0.8,
      700_920,
      876_150,
      0,
      0,
      0,
      0,
      35.8,
      3,
      "Không hoàn thành nhiệm vụ",
    ]);
    // March: one meeting in each branch (tdp1's with 9 of 10, the only one up to standard); the average of 90%,
    // 100% and 80% is 90%; fees for March: 24 members paid 15.930 đ of the 25 due.
    const monthly = `${process.env.TMPDIR ?? "/tmp"}/monthly-${process.pid}-${Date.now()}.docx`;
    expect((await run("committee", "report", "--year", "2026", "--month", "3", "--out", monthly)).code).toBe(0);
    const { readFile: read } = await import("node:fs/promises");
    const march = docText(await unzipEntry(await read(monthly), "word/document.xml")).split("\n");
    for (const line of [
      "ĐẢNG BỘ PHƯỜNG HÒA BÌNH",
      "BÁO CÁO TÌNH HÌNH CÁC CHI BỘ THÁNG 03/2026",
      "- Số chi bộ: 4; số đảng viên: 27.",
      "- Số buổi sinh hoạt: 3 (chuyên đề: 0); đạt chất lượng: 1; tỷ lệ dự họp bình quân: 90%.",
      "- Đảng phí đã thu: 382.320 đ / phải thu: 398.250 đ.",
      "- Kết nạp: 0; đang theo dõi: 2; thời hạn đã quá: 0.",
      "- Lượt cấp ủy viên phụ trách dự sinh hoạt chi bộ: 2.",
    ])
      expect(march, line).toContain(line);

    // tdp2's review report, pre-filled.
    const report = `${process.env.TMPDIR ?? "/tmp"}/report-${process.pid}-${Date.now()}.docx`;
    expect((await run("rating", "report", "--branch", "tdp2", "--year", "2026", "--out", report)).code).toBe(0);
    const { readFile } = await import("node:fs/promises");
    const lines = docText(await unzipEntry(await readFile(report), "word/document.xml")).split("\n");
    for (const line of [
      "BÁO CÁO KIỂM ĐIỂM TẬP THỂ",
      "Chi bộ Tổ dân phố 2, năm 2026",
      "- Số đảng viên: 10.",
      "- Số buổi sinh hoạt đã tổ chức: 13, trong đó 1 buổi đạt chất lượng; sinh hoạt chuyên đề: 1 buổi.",
      "- Tỷ lệ đảng viên dự sinh hoạt: 100%.",
      "- Tỷ lệ tháng đảng phí đóng đúng hạn: 9,1%.",
      "- Tỷ lệ đảng viên xếp loại hoàn thành tốt nhiệm vụ trở lên: 60%.",
      "- Kết nạp đảng viên so với chỉ tiêu: 0%.",
      "- Nhóm 2. Sinh hoạt chuyên đề mỗi quý một lần: 25% — 1,3/5 điểm",
      "Tổng điểm: 53/100",
      "Chi bộ đề xuất: Hoàn thành nhiệm vụ",
      "Đảng ủy quyết định: Hoàn thành nhiệm vụ",
    ])
      expect(lines, line).toContain(line);
  });
});
