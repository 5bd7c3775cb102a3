/**
 * Surveys from the command line, as committee staff use it: a sample file to
 * fill in, a survey created from an Excel or YAML file (a bad file names each
 * bad row and creates nothing), a survey to every branch of the organisation
 * with its per-branch breakdown, and the results file opened and read.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { parse as parseCsv } from "csv-parse/sync";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import type { Db } from "../../src/db/client.ts";
import { createOutbox, type Outbox } from "../../src/delivery/outbox.ts";
import { isComplete, answer, type EngineState } from "../../src/domain/questionnaire.ts";
import { memberAsActor } from "../../src/services/meetings.ts";
import { surveyDefinition } from "../../src/services/surveys.ts";
import { freshDb } from "../support/db.ts";
import { testClock, type TestClock } from "../support/clock.ts";
import { cli } from "../support/cli.ts";
import { linkTelegram, seedBranch } from "../support/fixtures.ts";
import { testServices } from "../support/services.ts";

let db: Db;
let clock: TestClock;
let outbox: Outbox;
const run = (...argv: string[]) => cli({ db, clock, outbox }, ...argv);
const tmp = (name: string) => join(tmpdir(), `${process.pid}-${Math.random().toString(36).slice(2)}-${name}`);

beforeEach(async () => {
  ({ db } = await freshDb());
  clock = testClock("2026-11-22T03:00:00Z");
  outbox = createOutbox({ db, clock });
  const one = await seedBranch(db, {
    code: "cb1",
    name: "Chi bộ Khu phố 1",
    members: [
      { fullName: "Bí Thư Một", role: "secretary" },
      { fullName: "An" },
      { fullName: "Bình" },
      { fullName: "Chi" },
    ],
  });
  const two = await seedBranch(db, {
    code: "cb2",
    name: "Chi bộ Khu phố 2",
    members: [{ fullName: "Bí Thư Hai", role: "secretary" }, { fullName: "Dũng" }],
  });
  let chat = 100;
  for (const m of [...one.members, ...two.members]) await linkTelegram(db, m.id, chat++);
});
afterEach(async () => db.$disconnect());

async function writeXlsx(rows: (string | number)[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Câu hỏi");
  for (const r of rows) ws.addRow(r);
  const path = tmp("khao-sat.xlsx");
  await wb.xlsx.writeFile(path);
  return path;
}

/** A member answers through the same use cases chat calls, one input per question. */
async function answerAs(fullName: string, surveyId: number, inputs: string[]): Promise<void> {
  const s = testServices(db, clock, outbox);
  const member = await db.member.findFirstOrThrow({ where: { fullName } });
  const actor = memberAsActor(member);
  const access = await s.surveyForMember(actor, surveyId);
  if (access.type !== "ok") throw new Error(access.type);
  let state: EngineState = access.state;
  for (const text of inputs) {
    const r = answer(access.def, state, { kind: "text", text });
    if (!r.ok) throw new Error(`${fullName}: ${text}: ${r.error.code}`);
    state = r.state;
  }
  expect(isComplete(access.def, state)).toBe(true);
  await s.saveSurveyState(actor, surveyId, state);
  await s.submitSurvey(actor, surveyId);
}

describe("a survey from a file", () => {
  test("the sample file opens with the header and one question of each kind, and creates a survey as it is", async () => {
    const sample = tmp("mau.xlsx");
    expect((await run("survey", "sample", "--out", sample)).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(sample);
    const ws = wb.worksheets[0]!;
    expect((ws.getRow(1).values as unknown[]).slice(1, 3)).toEqual(["Loại", "Câu hỏi"]);
    expect(ws.rowCount).toBe(8);

    const dry = await run(
      "survey",
      "create",
      "--from",
      sample,
      "--title",
      "Ngày hội đại đoàn kết",
      "--branch",
      "cb1",
      "--deadline",
      "30/11/2026 17:00",
      "--dry-run",
    );
    expect(dry.code).toBe(0);
    expect(dry.lines[0]).toContain(
      "Khảo sát «Ngày hội đại đoàn kết» (có ghi tên), hạn 17:00 Thứ Hai, 30/11/2026: 4 người",
    );
    expect(dry.lines).toContain("  4. Đồng chí tham gia được việc gì? [Chọn nhiều, tối đa 2]");
    expect(await db.survey.count()).toBe(0);

    const made = await run(
      "survey",
      "create",
      "--from",
      sample,
      "--title",
      "Ngày hội đại đoàn kết",
      "--branch",
      "cb1",
      "--deadline",
      "30/11/2026 17:00",
    );
    expect(made.code).toBe(0);
    expect(made.lines.at(-1)).toContain("Đã tạo khảo sát #1: gửi 4 người (4 tin đang được gửi)");
    const survey = await db.survey.findFirstOrThrow();
    const def = surveyDefinition(survey);
    const q2 = def.sections[0]!.questions[1]!;
    expect(q2).toMatchObject({ type: "number", min: 0, max: 10, showIf: { question: "q1", equals: true } });
    expect(await db.outbox.count({ where: { kind: "survey_invite" } })).toBe(4);
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "survey.create" } });
    expect(audit.actor).toBe("cli:Văn phòng Đảng ủy");
  });

  test("a bad Excel file: every bad row is named, and nothing is created", async () => {
    const path = await writeXlsx([
      ["Khảo sát chuẩn bị Đại hội"],
      ["Loại", "Câu hỏi", "Lựa chọn", "Tối thiểu", "Tối đa", "Bắt buộc", "Chỉ hỏi nếu"],
      ["Chọn một", "Đồng chí chọn buổi nào?", "Sáng"],
      ["Hộp kiểm", "Câu lạ"],
      ["Số", "Bao nhiêu người?", "", "mười", "5"],
      ["Văn bản", "Góp ý", "", "", "", "có lẽ"],
      ["Có/không", "Đồng ý?", "", "", "", "", "9 = Có"],
      ["Có/không", "", "", "", "", "", ""],
    ]);
    const r = await run(
      "survey",
      "create",
      "--from",
      path,
      "--title",
      "X",
      "--branch",
      "cb1",
      "--deadline",
      "30/11/2026 17:00",
    );
    expect(r.code).toBe(1);
    expect(r.lines).toEqual([
      "Dòng 3: cần từ 2 đến 12 lựa chọn, cách nhau bởi dấu «;»",
      expect.stringMatching(/^Dòng 4: loại câu hỏi «Hộp kiểm» không có/),
      "Dòng 5: «Tối thiểu» phải là số nguyên (đang là «mười»)",
      "Dòng 6: «Bắt buộc» phải là «có» hoặc «không» (đang là «có lẽ»)",
      "Dòng 7: «Chỉ hỏi nếu» phải trỏ tới một câu hỏi đứng trước (câu 9 không phù hợp)",
      "Dòng 8: thiếu nội dung câu hỏi",
      "Lỗi: Tệp khảo sát có 6 lỗi; chưa tạo khảo sát nào. Sửa các dòng trên rồi chạy lại.",
    ]);
    expect(await db.survey.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });

  test("a YAML file: title and anonymity from the file, bad rows named by their line", async () => {
    const bad = tmp("khao-sat.yaml");
    writeFileSync(
      bad,
      [
        "tieu_de: Góp ý dự thảo",
        "an_danh: true",
        "cau_hoi:",
        "  - loai: thang điểm",
        "    cau_hoi: Dự thảo rõ ràng không?",
        "  - loai: chọn nhiều",
        "    cau_hoi: Phần nào cần sửa?",
        "    lua_chon: [Phần I, Phần II]",
        "    toi_da: 3",
      ].join("\n"),
    );
    const refused = await run("survey", "create", "--from", bad, "--branch", "cb1", "--deadline", "30/11/2026 17:00");
    expect(refused.code).toBe(1);
    expect(refused.lines[0]).toBe("Dòng 6: «Tối đa» phải là số lựa chọn được chọn, từ 1 đến số lựa chọn");

    writeFileSync(bad, readFileSync(bad, "utf8").replace("toi_da: 3", "toi_da: 2"));
    const ok = await run("survey", "create", "--from", bad, "--branch", "cb1", "--deadline", "30/11/2026 17:00");
    expect(ok.code).toBe(0);
    expect(await db.survey.findFirstOrThrow()).toMatchObject({ title: "Góp ý dự thảo", anonymous: true });
  });
});

describe("a survey to every branch", () => {
  test("results per branch, small anonymous groups hidden, and the files read back", async () => {
    const yaml = tmp("ks.yaml");
    writeFileSync(
      yaml,
      [
        "cau_hoi:",
        "  - loai: có/không",
        "    cau_hoi: Chi bộ đã tổ chức học Nghị quyết chưa?",
        "  - loai: thang điểm",
        "    cau_hoi: Mức độ hiểu Nghị quyết",
      ].join("\n"),
    );
    const made = await run(
      "survey",
      "create",
      "--from",
      yaml,
      "--title",
      "Học tập Nghị quyết",
      "--org",
      "Đảng bộ phường Test",
      "--anonymous",
      "--deadline",
      "30/11/2026 17:00",
    );
    expect(made.code).toBe(0);
    const survey = await db.survey.findFirstOrThrow();
    for (const [name, yes, scale] of [
      ["An", "có", "4"],
      ["Bình", "có", "5"],
      ["Chi", "không", "3"],
      ["Dũng", "có", "2"],
    ] as const)
      await answerAs(name, survey.id, [yes, scale]);

    const results = await run("survey", "results", String(survey.id), "--out", tmp("kq.xlsx"));
    expect(results.code).toBe(0);
    const text = results.lines.join("\n");
    expect(text).toContain("Gửi 6 người · đã đến 0 · đã trả lời 4");
    expect(text).toContain("• Có: 3 (75%)");
    expect(text).toContain("Điểm trung bình 3,5/5 (4 người)");
    expect(text).toContain("— Chi bộ Khu phố 1: 3 phiếu");
    expect(text).toContain("— Chi bộ Khu phố 2: 1 phiếu\n  (Dưới 3 phiếu: không hiển thị");

    const csvPath = tmp("kq.csv");
    expect((await run("survey", "results", String(survey.id), "--out", csvPath)).code).toBe(0);
    const rows = parseCsv(readFileSync(csvPath, "utf8").replace(/^\uFEFF/, "")) as string[][];
    expect(rows[0]).toEqual(["Chi bộ", "1. Chi bộ đã tổ chức học Nghị quyết chưa?", "2. Mức độ hiểu Nghị quyết"]);
    expect(
      rows
        .slice(1)
        .map((r) => r.slice(1).join("|"))
        .sort(),
    ).toEqual(["Có|2", "Có|4", "Có|5", "Không|3"]);

    const list = await run("survey", "list");
    expect(list.lines).toEqual([expect.stringMatching(/^#1\tHọc tập Nghị quyết\tđang mở, hạn .*\t4\/6 đã trả lời$/)]);
    expect((await run("survey", "close", "1")).lines[0]).toContain("Đã kết thúc khảo sát");
    expect((await run("survey", "close", "1")).code).toBe(1);
    expect((await run("survey", "extend", "1", "--deadline", "05/12/2026 17:00")).code).toBe(0);
    expect((await db.survey.findFirstOrThrow()).status).toBe("open");
  });
});
