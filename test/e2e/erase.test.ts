/**
 * Erase means gone: a member writes a distinctive marker through the paths a
 * member writes to (a leave reason with a phone number, the self-review, a
 * named survey's comment), the
 * secretary erases him/her in chat, and then the whole database, table by table
 * and as raw bytes of its files, holds neither the marker, nor the name, nor the phone.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { sqlitePath } from "../../src/db/client.ts";
import { startHarness, type ChatUser, type Harness } from "../support/telegram-harness.ts";
import { linkTelegram, seedBranch } from "../support/fixtures.ts";
import { cli } from "../support/cli.ts";
import { onPostgresql, tablesOf } from "../support/db.ts";

const MARKER = "MARKER7Q2X";
const NAME = "Trịnh Thị Bảo Ngọc";
const PHONE = "0987654321";
let h: Harness;
let sec: ChatUser, ngoc: ChatUser;

beforeAll(async () => {
  h = await startHarness({ now: "2026-11-23T03:00:00Z", env: { NUDGE_LEAD_TIME: "off" } });
  const { members } = await seedBranch(h.db, {
    code: "er",
    members: [
      { fullName: "Bí Thư Bảy", role: "secretary" },
      { fullName: NAME, phone: PHONE },
    ],
  });
  await linkTelegram(h.db, members[0]!.id, 8401);
  await linkTelegram(h.db, members[1]!.id, 8402);
  [sec, ngoc] = [h.user(8401), h.user(8402)];
});
afterAll(async () => h?.stop());

async function idle(): Promise<void> {
  for (let i = 0; i < 100 && (await h.db.outbox.count({ where: { status: { in: ["pending", "sending"] } } })) > 0; i++)
    await new Promise((r) => setTimeout(r, 40));
}

test("after /xoadangvien nothing in the database names the member or keeps what he/she wrote", async () => {
  const run = (...a: string[]) => cli({ db: h.db, clock: h.clock, outbox: h.app.outbox }, ...a);
  await run("meeting", "create", "--branch", "er", "--at", "28/11/2026 19:30", "--place", "Nhà văn hoá");
  await sec.expectOne();
  await ngoc.press("Xin vắng", await ngoc.expectOne());
  await ngoc.expectOne();
  await ngoc.say(`Bị ốm ${MARKER}, đang điều trị, SĐT ${PHONE}`);
  await ngoc.expectOne();
  expect((await sec.expectOne()).text).toContain(MARKER); // the request, as the secretary read it

  await run("review", "open", "--branch", "er", "--year", "2026", "--deadline", "05/12/2026 17:00");
  expect((await ngoc.expectOne()).text).toContain("Chi bộ mở đợt kiểm điểm"); // the invitation
  await sec.expectOne();
  await ngoc.say("/kiemdiem");
  await ngoc.press("Có", await ngoc.expectOne());
  await ngoc.expectOne();
  await ngoc.say(`Hưu trí, tổ ${MARKER} khu phố`);
  await ngoc.expectOne();

  const survey = join(tmpdir(), `${process.pid}-erase-survey.yaml`);
  writeFileSync(survey, "cau_hoi:\n  - loai: có/không\n    cau_hoi: Dự được?\n  - loai: văn bản\n    cau_hoi: Góp ý\n");
  await run(
    "survey",
    "create",
    "--from",
    survey,
    "--title",
    "Góp ý",
    "--branch",
    "er",
    "--deadline",
    "30/11/2026 17:00",
  );
  await sec.expectOne();
  await ngoc.press("Trả lời", await ngoc.expectOne());
  await ngoc.press("Có", await ngoc.expectOne());
  await ngoc.expectOne();
  await ngoc.say(`Cần sửa đường ${MARKER} ngõ 5`);
  await ngoc.press("Gửi câu trả lời", await ngoc.expectOne());
  await ngoc.expectOne();
  await idle();
  const before = JSON.stringify(await h.db.outbox.findMany());
  expect(before).toContain(MARKER);

  await sec.say("/xoadangvien");
  await sec.press(NAME, await sec.expectOne());
  await sec.press("Xoá", await sec.expectOne());
  expect((await sec.expectOne()).text).toContain("Đã xoá dữ liệu cá nhân");
  await idle();

  // Every table, row by row.
  const tables = await tablesOf(h.db);
  expect(tables).toEqual(
    expect.arrayContaining(["Member", "Outbox", "Response", "SelfReview", "AuditLog", "ChatSession", "ChoiceMenu"]),
  );
  for (const table of tables) {
    const rows = JSON.stringify(await h.db.$queryRawUnsafe(`SELECT * FROM "${table}"`), (_k, v: unknown) =>
      typeof v === "bigint" ? Number(v) : v,
    );
    for (const secret of [MARKER, NAME, PHONE]) expect(rows.includes(secret), `${secret} in ${table}`).toBe(false);
  }
  // The files themselves (SQLite: the database is one file and its log): no freed page keeps the old bytes.
  const file = onPostgresql() ? null : sqlitePath(h.dbUrl);
  for (const path of file ? [file, `${file}-wal`].filter(existsSync) : []) {
    const bytes = readFileSync(path);
    for (const secret of [MARKER, NAME, PHONE])
      expect(bytes.indexOf(Buffer.from(secret.normalize("NFC"), "utf8")), `${secret} in ${path}`).toBe(-1);
  }
  // The branch's totals stay: the answer and the review row remain, on an anonymous record.
  const erased = await h.db.member.findFirstOrThrow({ where: { fullName: { startsWith: "Đảng viên đã xoá" } } });
  expect(await h.db.response.count({ where: { memberId: erased.id, answer: "leave_requested" } })).toBe(1);
  expect(await h.db.selfReview.count({ where: { memberId: erased.id } })).toBe(1);
  // The survey's totals too: the yes/no answer stays as an anonymous sheet, the comment does not.
  expect(await h.db.surveyRecipient.count({ where: { memberId: erased.id } })).toBe(0);
  expect((await h.db.surveyAnswer.findMany()).map((a) => JSON.parse(a.answers))).toEqual([{ q1: true }]);
});
