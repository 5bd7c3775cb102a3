/**
 * Moving an install to another database as an administrator does it: `db copy` on the command line, from a SQLite
 * file that has been in use to the database this suite runs on (a PostgreSQL server in the "postgresql" project, a
 * new SQLite file in the other). Every table arrives row for row with its types; new rows get new ids after the
 * copied ones; a target that holds data, a running bot and a different secret are refused in Vietnamese.
 */
import { copyFileSync, readFileSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { resolve } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { openDb, type Db } from "../../src/db/client.ts";
import { createOutbox } from "../../src/delivery/outbox.ts";
import { cli } from "../support/cli.ts";
import { emptyDatabaseUrl, onPostgresql } from "../support/db.ts";
import { seedBranch } from "../support/fixtures.ts";
import { runCliProcess } from "../support/processes.ts";
import { testServices } from "../support/services.ts";
import { STAFF } from "../support/given.ts";

const dir = resolve(import.meta.dirname, "../../.tmp/test");
let source: Db;
let sourceUrl: string;
let secret: string;

beforeAll(async () => {
  const file = resolve(dir, `${randomUUID()}.db`);
  copyFileSync(resolve(dir, "template.db"), file);
  sourceUrl = `file:${file}`;
  // The SQLite install keeps its own key file; on PostgreSQL the same key is given as INVITE_CODE_SECRET.
  const saved = process.env.INVITE_CODE_SECRET;
  delete process.env.INVITE_CODE_SECRET;
  source = await openDb(sourceUrl);
  if (saved !== undefined) process.env.INVITE_CODE_SECRET = saved;
  secret = readFileSync(`${file}.secret`, "utf8").trim();

  // A branch that has lived a little: members, a meeting with its notices, a leave request, invites, criteria.
  const clock = () => new Date("2026-11-20T03:00:00Z");
  const outbox = createOutbox({ db: source, clock });
  const services = testServices(source, clock, outbox);
  const { branch, members } = await seedBranch(source, {
    code: "tdp5",
    name: "Chi bộ Tổ dân phố 5",
    members: [
      { fullName: "Nguyễn Văn An", role: "secretary" },
      { fullName: "Trần Thị Bình" },
      { fullName: "Lê Văn Cường" },
    ],
  });
  // Two have linked their Telegram; the third gets an invite below.
  for (const [i, m] of members.slice(0, 2).entries())
    await source.channelAccount.create({
      data: { channel: "telegram", externalId: String(7100 + i), chatId: String(7100 + i), memberId: m.id },
    });
  const { meeting } = await services.scheduleMeeting(STAFF, {
    branchId: branch.id,
    kind: "regular",
    startsAt: new Date("2026-12-03T12:30:00Z"),
    place: "Nhà văn hoá",
    agenda: "Nghị quyết tháng 12",
  });
  await services.requestLeave(STAFF, { memberId: members[1]!.id, meetingId: meeting.id, reason: "Đi công tác" });
  const run = (...argv: string[]) => cli({ db: source, clock, outbox }, ...argv);
  expect((await run("invite", "--branch", "tdp5")).code).toBe(0);
  expect((await run("scorecard", "sample")).code).toBe(0);
  expect((await run("holiday", "add", "04/01/2027", "--name", "Nghỉ bù")).code).toBe(0);
  // A log long enough to be read in several pages, with gaps in its ids as deleted rows leave them.
  await source.auditLog.createMany({
    data: Array.from({ length: 2_600 }, (_, i) => ({ actor: "cli", action: "test.filler", details: `{"n":${i}}` })),
  });
  const ids = (await source.auditLog.findMany({ where: { action: "test.filler" }, select: { id: true } })).map(
    (r) => r.id,
  );
  await source.auditLog.deleteMany({ where: { id: { in: ids.filter((_, i) => i % 7 === 3) } } });
});
afterAll(async () => {
  await source?.$disconnect();
});

type Delegate = { findMany(args: object): Promise<object[]>; count(): Promise<number> };
const MODELS = [
  "organisation",
  "branch",
  "member",
  "meeting",
  "response",
  "outbox",
  "auditLog",
  "inviteCode",
  "scoreIndicator",
  "calendarDay",
  "channelAccount",
] as const;

/** Every row of a model, with Prisma's types (dates, yes/no, enums), in id order. */
async function rowsOf(db: Db, model: string): Promise<object[]> {
  const d = Reflect.get(db, model) as Delegate;
  const sample = (await d.findMany({ take: 1 }))[0] as Record<string, unknown> | undefined;
  const key = sample && "id" in sample ? "id" : sample ? Object.keys(sample)[0]! : "id";
  return d.findMany({ orderBy: { [key]: "asc" } });
}

test("every table arrives with its rows and types; new ids follow the copied ones; a second copy is refused", async () => {
  const target = await emptyDatabaseUrl();
  const env = { DATABASE_URL: sourceUrl, ...(onPostgresql() ? { INVITE_CODE_SECRET: secret } : {}) };
  const copied = await runCliProcess(["db", "copy", "--to", target], env);
  expect(copied.stderr).toBe("");
  expect(copied.code).toBe(0);
  const lines = copied.stdout.trim().split("\n");
  expect(lines).toContain("Member: 3 dòng");
  expect(lines).toContain("Organisation: 1 dòng");
  expect(lines.at(-1)).toMatch(/^Đã chép \d+ dòng sang .+; số dòng từng bảng khớp với nguồn\./);
  // The password of a PostgreSQL address is never printed.
  if (onPostgresql()) expect(copied.stdout).not.toContain(new URL(target).password || "\u0000");

  const saved = process.env.INVITE_CODE_SECRET;
  process.env.INVITE_CODE_SECRET = secret;
  const copy = await openDb(target);
  try {
    if (saved === undefined) delete process.env.INVITE_CODE_SECRET;
    else process.env.INVITE_CODE_SECRET = saved;
    for (const model of MODELS) {
      const rows = await rowsOf(source, model);
      expect(rows.length, model).toBeGreaterThan(0);
      expect(await rowsOf(copy, model), model).toEqual(rows);
    }
    // The id counters moved past the copied rows.
    const lastAudit = (await source.auditLog.findFirstOrThrow({ orderBy: { id: "desc" } })).id;
    const fresh = await copy.auditLog.create({ data: { actor: "test", action: "test.after_copy" } });
    expect(fresh.id).toBe(lastAudit + 1);
  } finally {
    await copy.$disconnect();
  }

  // Copying again into the same database is refused: it holds data now.
  const again = await runCliProcess(["db", "copy", "--to", target], env);
  expect(again.code).toBe(1);
  expect(again.stdout + again.stderr).toContain("Cơ sở dữ liệu đích đã có dữ liệu (bảng");
});

test("refused while a bot runs on the source, and with a secret other than the source's", async () => {
  const target = await emptyDatabaseUrl();
  const env = { DATABASE_URL: sourceUrl, ...(onPostgresql() ? { INVITE_CODE_SECRET: secret } : {}) };
  await source.heartbeat.create({ data: { holder: "bot-test", seenAt: new Date() } });
  try {
    const running = await runCliProcess(["db", "copy", "--to", target], env);
    expect(running.code).toBe(1);
    expect(running.stdout + running.stderr).toContain(
      "Bot đang chạy trên cơ sở dữ liệu nguồn: dừng bot trước khi chép",
    );
  } finally {
    await source.heartbeat.deleteMany();
  }
  if (onPostgresql()) {
    const other = await runCliProcess(["db", "copy", "--to", target], {
      ...env,
      INVITE_CODE_SECRET: "not-the-secret-of-this-install",
    });
    expect(other.code).toBe(1);
    expect(other.stdout + other.stderr).toContain("INVITE_CODE_SECRET khác khoá của nguồn");
  }
});
