/**
 * The secretary's and committee staff's tools must not lose or distort data:
 * re-importing a roster, re-issuing invites, the secretary post, the files a
 * secretary opens (CSV cells), and the forms in which staff type months and money.
 */
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import type { Db } from "../../src/db/client.ts";
import { createOutbox, type Outbox } from "../../src/delivery/outbox.ts";
import { linkByCode } from "../../src/services/linking.ts";
import { parseMoneyArg, parseMonthArg } from "../../src/cli/parse.ts";
import { freshDb } from "../support/db.ts";
import { testClock, type TestClock } from "../support/clock.ts";
import { cli } from "../support/cli.ts";
import { seedBranch } from "../support/fixtures.ts";

let db: Db;
let clock: TestClock;
let outbox: Outbox;
const run = (...argv: string[]) => cli({ db, clock, outbox }, ...argv);
const tmp = (name: string) => join(tmpdir(), `${process.pid}-${Math.random().toString(36).slice(2)}-${name}`);

beforeEach(async () => {
  ({ db } = await freshDb());
  clock = testClock("2026-11-22T03:00:00Z");
  outbox = createOutbox({ db, clock });
});
afterEach(async () => db.$disconnect());

describe("re-importing a roster", () => {
  const file = () => {
    const path = tmp("roster.csv");
    writeFileSync(
      path,
      "\uFEFFHọ và tên,Điện thoại,Chức vụ\nLê Minh Cường,0903111222,Đảng viên\nPhạm Thu Hà,0903111333,\n",
    );
    return path;
  };

  test("keeps what the file does not give, keeps diacritics, and names every change", async () => {
    await seedBranch(db, { code: "k1", members: [] });
    expect((await run("roster", "import", file(), "--branch", "k1")).code).toBe(0);
    expect((await run("member", "role", "--branch", "k1", "--member", "Phạm Thu Hà", "--role", "collector")).code).toBe(
      0,
    );
    expect((await run("fee", "member", "--branch", "k1", "--member", "Lê Minh Cường", "--group", "student")).code).toBe(
      0,
    );

    // The same file again: the fee group (a column the file lacks) and the collector role (an empty cell) stay.
    const again = await run("roster", "import", file(), "--branch", "k1");
    expect(again.lines.at(-1)).toBe(
      "Đã thêm 0, cập nhật 0, không đổi 2; 0 đảng viên của chi bộ không có trong tệp (giữ nguyên)",
    );
    expect(await db.member.findFirstOrThrow({ where: { fullName: "Lê Minh Cường" } })).toMatchObject({
      feeGroup: "student",
      role: "member",
    });
    expect(await db.member.findFirstOrThrow({ where: { fullName: "Phạm Thu Hà" } })).toMatchObject({
      role: "collector",
    });

    // A name typed without diacritics, matched by phone, never replaces the name with them; a role given is a named
    // change.
    const plain = tmp("plain.csv");
    writeFileSync(plain, "Họ và tên,Điện thoại,Chức vụ\nLe Minh Cuong,0903111222,Phó bí thư\n");
    const dry = await run("roster", "import", plain, "--branch", "k1", "--dry-run");
    expect(dry.lines).toEqual([
      "(Chạy thử: chưa ghi gì vào cơ sở dữ liệu)",
      "~ Lê Minh Cường (dòng 2):",
      "    Chức vụ: Đảng viên → Phó bí thư",
      "Đổi chức vụ: Lê Minh Cường: Đảng viên → Phó bí thư",
      'Dòng 2: giữ tên "Lê Minh Cường" (tệp ghi "Le Minh Cuong" không dấu)',
      "Sẽ thêm 0, sẽ cập nhật 1, không đổi 0; 1 đảng viên của chi bộ không có trong tệp (giữ nguyên)",
    ]);
    expect(await db.member.findFirstOrThrow({ where: { phone: "0903111222" } })).toMatchObject({
      fullName: "Lê Minh Cường",
      role: "member",
    });
    const real = await run("roster", "import", plain, "--branch", "k1");
    expect(real.lines).toContain("Đổi chức vụ: Lê Minh Cường: Đảng viên → Phó bí thư");
    expect(await db.member.findFirstOrThrow({ where: { phone: "0903111222" } })).toMatchObject({
      fullName: "Lê Minh Cường",
      role: "deputy",
      feeGroup: "student",
    });
    const auditRow = await db.auditLog.findFirstOrThrow({
      where: { action: "roster.import" },
      orderBy: { id: "desc" },
    });
    expect(JSON.parse(auditRow.details)).toMatchObject({ updated: 1, roleChanges: [{ from: "member", to: "deputy" }] });
  });

  test("a CSV with a title row above the headers is read like an XLSX", async () => {
    await seedBranch(db, { code: "k2", members: [] });
    const path = tmp("title.csv");
    writeFileSync(
      path,
      "\uFEFFDANH SÁCH ĐẢNG VIÊN CHI BỘ TỔ DÂN PHỐ 2\n\nSTT;Họ và tên;Điện " +
        "thoại\n1;Đỗ Văn Một;0904000001\n2;Hồ Thị Hai;\n",
    );
    const r = await run("roster", "import", path, "--branch", "k2");
    expect(r.code).toBe(0);
    expect(r.lines.at(-1)).toContain("Đã thêm 2");
    expect((await db.member.findMany({ orderBy: { id: "asc" } })).map((m) => [m.fullName, m.phone])).toEqual([
      ["Đỗ Văn Một", "0904000001"],
      ["Hồ Thị Hai", null],
    ]);
  });
});

describe("the secretary post", () => {
  test("a second secretary is refused unless the first is replaced; a file cannot make two", async () => {
    await seedBranch(db, {
      code: "s1",
      members: [{ fullName: "Nguyễn Văn An", role: "secretary" }, { fullName: "Trần Thị Bình" }],
    });
    const refused = await run("member", "role", "--branch", "s1", "--member", "Trần Thị Bình", "--role", "secretary");
    expect(refused.code).toBe(1);
    expect(refused.lines.at(-1)).toBe(
      "Lỗi: Chi bộ đã có bí thư là đồng chí Nguyễn Văn An. Muốn thay, dùng " +
        "tuỳ chọn --replace (đồng chí Nguyễn Văn An trở thành đảng viên).",
    );
    expect(await db.member.count({ where: { role: "secretary" } })).toBe(1);
    const replaced = await run(
      "member",
      "role",
      "--branch",
      "s1",
      "--member",
      "Trần Thị Bình",
      "--role",
      "secretary",
      "--replace",
    );
    expect(replaced.lines).toEqual([
      "Nguyễn Văn An thôi giữ chức vụ Bí thư (nay là Đảng viên)",
      "Trần Thị Bình: Bí thư",
    ]);
    expect((await db.member.findMany({ where: { role: "secretary" } })).map((m) => m.fullName)).toEqual([
      "Trần Thị Bình",
    ]);

    const path = tmp("two.csv");
    writeFileSync(path, "Họ và tên,Chức vụ\nNguyễn Văn An,Bí thư\n");
    const two = await run("roster", "import", path, "--branch", "s1");
    expect(two.code).toBe(1);
    expect(two.lines).toContain(
      "Dòng 0: chi bộ chỉ có một bí thư, nhưng sau khi nhập sẽ có 2: Nguyễn " +
        "Văn An, Trần Thị Bình. Sửa cột Chức vụ trong tệp, hoặc đổi vai trò bằng " +
        "lệnh member role trước.",
    );
    expect(await db.member.findFirstOrThrow({ where: { fullName: "Nguyễn Văn An" } })).toMatchObject({
      role: "member",
    });
  });
});

describe("invites", () => {
  test("a new code does not silently kill the one handed out before; the output says so", async () => {
    await seedBranch(db, { code: "i1", members: [{ fullName: "Vũ Văn Nam" }] });
    const first = await run("invite", "--branch", "i1");
    const code1 = first.lines[1]!.split("\t")[1]!;
    const second = await run("invite", "--branch", "i1");
    const [name, code2, link, note] = second.lines[1]!.split("\t");
    expect([name, link, note]).toEqual([
      "Vũ Văn Nam",
      `https://t.me/chibo_test_bot?start=${code2}`,
      "(mã cấp trước đó vẫn dùng được đến hạn)",
    ]);
    expect(code2).not.toBe(code1);
    const linked = await linkByCode(db, {
      account: { channel: "telegram", externalId: "77", chatId: "77" },
      code: code1,
      clock,
      maxFailuresPerHour: 5,
    });
    expect(linked).toMatchObject({ type: "linked", fullName: "Vũ Văn Nam" });
  });
});

describe("CSV files a secretary opens", () => {
  test("cells that a spreadsheet would run as formulas are neutralised in every CSV writer", async () => {
    const evil = ['=HYPERLINK("http://x","click")', "+cmd|' /C calc'!A0", "@SUM(1+1)", "-2+3"];
    const { members } = await seedBranch(db, { code: "c1", members: evil.map((fullName) => ({ fullName })) });
    for (const m of members)
      await db.member.update({ where: { id: m.id }, data: { feeGroup: "student", feesFromMonth: "2026-01" } });
    const membersCsv = tmp("members.csv");
    expect((await run("report", "members", "--branch", "c1", "--out", membersCsv)).code).toBe(0);
    const feeCsv = tmp("fees.csv");
    expect((await run("fee", "export", "--branch", "c1", "--year", "2026", "--out", feeCsv)).code).toBe(0);
    expect(
      (await run("review", "open", "--branch", "c1", "--year", "2026", "--deadline", "05/12/2026 17:00")).code,
    ).toBe(0);
    const reviewCsv = tmp("review.csv");
    expect((await run("review", "export", "--branch", "c1", "--year", "2026", "--out", reviewCsv)).code).toBe(0);
    for (const path of [membersCsv, feeCsv, reviewCsv]) {
      const text = readFileSync(path, "utf8");
      const cells = text.split(/\r?\n/).flatMap((line) => line.split(","));
      for (const name of evil) expect(text, path).toContain(`'${name.replaceAll('"', '""')}`);
      // No cell of the file starts with a formula character.
      expect(
        cells.filter((c) => /^"?[=+\-@]/.test(c)),
        path,
      ).toEqual([]);
    }
    // XLSX keeps the names as text, unchanged.
    const xlsx = tmp("members.xlsx");
    await run("report", "members", "--branch", "c1", "--out", xlsx);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    const names = [3, 4, 5, 6].map((r) => wb.worksheets[0]!.getRow(r).getCell(2).value);
    expect(names.sort()).toEqual([...evil].sort());
  });
});

describe("months and money as staff write them", () => {
  test("11/2026 and 2026-11 are one month; 8.500.000 and 8500000 one amount; mistakes are named", async () => {
    expect(parseMonthArg("11/2026", "--month")).toBe("2026-11");
    expect(parseMonthArg("2026-11", "--month")).toBe("2026-11");
    expect(parseMonthArg("3/2026", "--month")).toBe("2026-03");
    expect(() => parseMonthArg("13/2026", "--month")).toThrow(
      '--month "13/2026": tháng phải có dạng 11/2026 hoặc 2026-11',
    );
    expect(parseMoneyArg("8.500.000", "--base")).toBe(8_500_000);
    expect(parseMoneyArg("8500000", "--base")).toBe(8_500_000);
    expect(parseMoneyArg("8.500.000 đ", "--base")).toBe(8_500_000);
    expect(() => parseMoneyArg("8.5", "--base")).toThrow("số tiền phải là số đồng");
    await seedBranch(db, { code: "m1", members: [{ fullName: "Đinh Văn Tư" }] });
    await run(
      "fee",
      "member",
      "--branch",
      "m1",
      "--member",
      "Đinh Văn Tư",
      "--group",
      "salary",
      "--base",
      "8.500.000",
      "--from",
      "10/2026",
    );
    const status = await run("fee", "status", "--branch", "m1", "--month", "11/2026");
    expect(status.lines[0]).toBe("Chi bộ Tổ dân phố 1, tháng 11/2026: đã thu 0 đ / 85.000 đ");
    const paid = await run(
      "fee",
      "pay",
      "--branch",
      "m1",
      "--member",
      "Đinh Văn Tư",
      "--months",
      "10/2026,2026-11",
      "--amount",
      "170.000",
    );
    expect(paid.lines.at(-1)).toBe("Đã ghi 170.000 đ của Đinh Văn Tư: 10/2026, 11/2026");
    const ledger = await run("fee", "ledger", "--branch", "m1", "--member", "Đinh Văn Tư");
    expect(ledger.lines.map((l) => l.split("\t").slice(1, 6).join(" | "))).toEqual([
      "10/2026 | 85.000 đ | thu | đã xác nhận | dòng lệnh",
      "11/2026 | 85.000 đ | thu | đã xác nhận | dòng lệnh",
    ]);
    const arrears = await run("fee", "arrears", "--branch", "m1", "--year", "2026");
    expect(arrears.lines).toEqual(["Năm 2026 không có đảng viên nào cần lưu ý."]);
  });
});

describe("the audit log a secretary opens", () => {
  test("actions and details are Vietnamese sentences, not codes and JSON", async () => {
    await seedBranch(db, { code: "a1", members: [{ fullName: "Phan Văn Một" }, { fullName: "Phan Văn Hai" }] });
    await run("member", "role", "--branch", "a1", "--member", "Phan Văn Một", "--role", "secretary");
    await run("report", "members", "--branch", "a1", "--out", tmp("m.xlsx"));
    const file = tmp("audit.xlsx");
    expect((await run("report", "audit", "--branch", "a1", "--out", file)).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.worksheets[0]!;
    const rows = [3, 4].map((r) => (ws.getRow(r).values as unknown[]).slice(1).map(String));
    expect(rows.map((r) => r.slice(1, 5))).toEqual([
      ["Văn phòng Đảng ủy (dòng lệnh)", "Xuất báo cáo", "", "loại: danh sách đảng viên; tệp: XLSX"],
      ["Văn phòng Đảng ủy (dòng lệnh)", "Đổi chức vụ", "Phan Văn Một", "từ: Đảng viên; thành: Bí thư"],
    ]);
  });
});

describe("the review export", () => {
  test("each form's question under its own wording; full headers, numbered once", async () => {
    const { members } = await seedBranch(db, {
      code: "r9",
      members: [{ fullName: "Lãnh Đạo Phường" }, { fullName: "Hưu Trí Khu Phố" }],
    });
    await db.member.update({ where: { id: members[0]!.id }, data: { formKind: "2A" } });
    expect(
      (await run("review", "open", "--branch", "r9", "--year", "2026", "--deadline", "05/12/2026 17:00")).code,
    ).toBe(0);
    const campaign = await db.reviewCampaign.findFirstOrThrow();
    for (const [m, form, answer] of [
      [members[0]!, "2A", "Hoàn thành chỉ tiêu của phường"],
      [members[1]!, "2C", "Tham gia tổ hòa giải"],
    ] as const) {
      await db.selfReview.create({
        data: {
          campaignId: campaign.id,
          memberId: m.id,
          form,
          state: JSON.stringify({ version: 1, answers: { a1_duties: answer }, current: "a1_pledge", history: [] }),
        },
      });
    }
    const file = tmp("review.xlsx");
    expect((await run("review", "export", "--branch", "r9", "--year", "2026", "--out", file)).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.worksheets[0]!;
    const headers = (ws.getRow(2).values as unknown[]).slice(1).map(String);
    const col2A = headers.findIndex(
      (h) =>
        h.startsWith("A.I. 2. Kết quả thực hiện chức trách") && h.includes("người đứng đầu") && h.endsWith("(mẫu 2A)"),
    );
    const col2C = headers.findIndex(
      (h) => h.startsWith("A.I. 2. Thực hiện nhiệm vụ đảng viên") && h.endsWith("(mẫu 2C)"),
    );
    expect(col2A).toBeGreaterThan(0);
    expect(col2C).toBeGreaterThan(0);
    expect(headers.filter((h) => /^(\S+ )?\d+\. \d+\./.test(h))).toEqual([]);
    expect(headers.some((h) => h.endsWith("…"))).toBe(false);
    const byName = new Map(
      [3, 4].map((r) => {
        const v = (ws.getRow(r).values as unknown[]).slice(1);
        return [String(v[1]), v] as const;
      }),
    );
    expect(byName.get("Lãnh Đạo Phường")![col2A]).toBe("Hoàn thành chỉ tiêu của phường");
    expect(byName.get("Lãnh Đạo Phường")![col2C] ?? "").toBe("");
    expect(byName.get("Hưu Trí Khu Phố")![col2C]).toBe("Tham gia tổ hòa giải");
  });
});

describe("invite codes against guessing", () => {
  test(
    "stored keyed (a copy of the database gives no code back); wrong codes " + "are limited for all accounts together",
    async () => {
      const { members } = await seedBranch(db, {
        code: "g1",
        members: [{ fullName: "Hà Văn Khoá" }, { fullName: "Hà Văn Cũ" }],
      });
      const issued = await run("invite", "--branch", "g1", "--member", "Hà Văn Khoá");
      const code = issued.lines[1]!.split("\t")[1]!;
      const stored = await db.inviteCode.findFirstOrThrow({ where: { memberId: members[0]!.id } });
      expect(stored.codeHash).not.toBe(createHash("sha256").update(code).digest("hex"));
      expect(JSON.stringify(await db.inviteCode.findMany())).not.toContain(code);
      // A code issued before keyed hashes still works until it expires.
      await db.inviteCode.create({
        data: {
          memberId: members[1]!.id,
          codeHash: createHash("sha256").update("OLDCODE2").digest("hex"),
          expiresAt: new Date("2027-01-01T00:00:00Z"),
        },
      });
      const account = (id: string) => ({ channel: "telegram" as const, externalId: id, chatId: id });
      expect(
        await linkByCode(db, { account: account("900"), code: "oldcode2", clock, maxFailuresPerHour: 5 }),
      ).toMatchObject({ type: "linked", fullName: "Hà Văn Cũ" });
      // Five fresh accounts, four wrong codes each: the limit for everyone together is reached.
      for (let a = 0; a < 5; a++) {
        for (let i = 0; i < 4; i++)
          expect(
            await linkByCode(db, {
              account: account(`80${a}`),
              code: "ZZZZZZZZ",
              clock,
              maxFailuresPerHour: 5,
              maxFailuresPerHourEverywhere: 20,
            }),
          ).toEqual({ type: "invalid" });
      }
      expect(
        await linkByCode(db, {
          account: account("810"),
          code: "ZZZZZZZZ",
          clock,
          maxFailuresPerHour: 5,
          maxFailuresPerHourEverywhere: 20,
        }),
      ).toEqual({ type: "throttled" });
      expect(
        await linkByCode(db, {
          account: account("811"),
          code,
          clock,
          maxFailuresPerHour: 5,
          maxFailuresPerHourEverywhere: 20,
        }),
      ).toEqual({ type: "throttled" });
      clock.advance(3_600_001);
      expect(
        await linkByCode(db, {
          account: account("811"),
          code,
          clock,
          maxFailuresPerHour: 5,
          maxFailuresPerHourEverywhere: 20,
        }),
      ).toMatchObject({ type: "linked", fullName: "Hà Văn Khoá" });
    },
  );
});
