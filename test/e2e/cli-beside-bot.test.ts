/**
 * The admin command line as staff run it: a separate process on the database a
 * running bot holds. It never migrates on its own, says so in Vietnamese when
 * the schema is behind, and `db migrate` brings it up to date.
 */
import { statSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { tmpdir } from "node:os";
import { resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import TelegramServerModule from "telegram-test-api";
import type { TelegramServer } from "telegram-test-api/lib/telegramServer.js";
import { openDb, type Db } from "../../src/db/client.ts";
import { emptyDatabaseUrl, freshDatabaseUrl, migrationNames, onPostgresql } from "../support/db.ts";
import { seedBranch } from "../support/fixtures.ts";
import { runCliProcess, startBot, type BotProcess } from "../support/processes.ts";
import { freePort, TEST_TOKEN } from "../support/telegram-harness.ts";

let server: TelegramServer;
let bot: BotProcess;
let db: Db;
let url: string;

beforeAll(async () => {
  server = new (TelegramServerModule as unknown as typeof TelegramServer)({
    port: await freePort(),
    host: "127.0.0.1",
    storeTimeout: 3600,
  });
  await server.start();
  url = await freshDatabaseUrl();
  db = await openDb(url);
  await seedBranch(db, {
    code: "tdp5",
    name: "Chi bộ Tổ dân phố 5",
    members: [{ fullName: "Nguyễn Văn An", role: "secretary" }, { fullName: "Trần Thị Bình" }],
  });
  bot = startBot({ TELEGRAM_BOT_TOKEN: TEST_TOKEN, TELEGRAM_API_ROOT: server.config.apiURL, DATABASE_URL: url });
  await bot.waitForLog("chibo is running");
});
afterAll(async () => {
  await bot?.stop();
  await db?.$disconnect();
  await server?.stop();
});

/** Each step starts a command-line process beside the bot: a busy machine needs more than the usual limit. */
const PROCESSES = 120_000;

describe("the command line beside a running bot", () => {
  test(
    "reads and writes the bot's database, every time, in Vietnamese",
    async () => {
      for (let i = 0; i < 4; i++) {
        const r = await runCliProcess(["members", "--branch", "tdp5"], { DATABASE_URL: url });
        expect(r.stderr).toBe("");
        expect(r.code).toBe(0);
        expect(r.stdout).toContain("Chi bộ Tổ dân phố 5: 2 đảng viên, 0 đã liên kết");
        expect(r.stdout).toMatch(/#\d+\tTrần Thị Bình\tĐảng viên\t-\tchưa liên kết/);
      }
      const role = await runCliProcess(
        ["member", "role", "--branch", "tdp5", "--member", "Tran Thi Binh", "--role", "collector"],
        { DATABASE_URL: url },
      );
      expect(role).toMatchObject({ stderr: "", code: 0, stdout: "Trần Thị Bình: Chi ủy viên thu đảng phí\n" });
      const pay = await runCliProcess(
        [
          "fee",
          "member",
          "--branch",
          "tdp5",
          "--member",
          "Nguyễn Văn An",
          "--group",
          "salary",
          "--base",
          "8.500.000",
          "--from",
          "02/2026",
        ],
        { DATABASE_URL: url },
      );
      expect(pay.stdout).toBe(
        "Nguyễn Văn An: Hưởng lương (đóng BHXH bắt buộc); mức đóng căn cứ 8.500.000 đ; đóng từ tháng 02/2026\n",
      );
      expect(await db.member.findFirstOrThrow({ where: { fullName: "Nguyễn Văn An" } })).toMatchObject({
        feeBase: 8_500_000,
        feesFromMonth: "2026-02",
      });
      // A file the command line writes holds personal data: owner only.
      const out = resolve(tmpdir(), `${randomUUID()}.xlsx`);
      expect(
        (await runCliProcess(["report", "members", "--branch", "tdp5", "--out", out], { DATABASE_URL: url })).code,
      ).toBe(0);
      expect(statSync(out).mode & 0o777).toBe(0o600);
      // The bot is still serving after the command line wrote beside it.
      expect(bot.child.exitCode).toBeNull();
      expect(bot.lines.join("\n")).not.toContain('"level":50');
    },
    PROCESSES,
  );

  test(
    "a database whose schema is behind is not migrated by the command line; db migrate does it",
    async () => {
      const empty = await emptyDatabaseUrl();
      const behind = await runCliProcess(["members", "--branch", "tdp5"], { DATABASE_URL: empty });
      expect(behind.code).toBe(1);
      const names = migrationNames();
      const n = names.length;
      expect(behind.stderr.trim()).toBe(
        `Cơ sở dữ liệu chưa được cập nhật (thiếu ${n} bản cập nhật). Khởi động ` +
          `bot (npm start) hoặc chạy: npm run cli -- db migrate`,
      );
      const migrate = await runCliProcess(["db", "migrate"], { DATABASE_URL: empty });
      expect(migrate.code).toBe(0);
      expect(migrate.stdout).toMatch(new RegExp(`^Đã cập nhật cơ sở dữ liệu \\(${n} bản cập nhật: ${names[0]}`));
      expect((await runCliProcess(["db", "migrate"], { DATABASE_URL: empty })).stdout).toBe(
        "Cơ sở dữ liệu đã ở phiên bản mới nhất.\n",
      );
      expect((await runCliProcess(["org", "list"], { DATABASE_URL: empty })).code).toBe(0);
      // Personal data: the database file is readable by its owner only.
      if (!onPostgresql()) {
        expect(statSync(empty.slice(5)).mode & 0o777).toBe(0o600);
        expect(statSync(`${empty.slice(5)}.secret`).mode & 0o777).toBe(0o600);
      }
    },
    PROCESSES,
  );

  test("commander's own mistakes are Vietnamese too", async () => {
    const r = await runCliProcess(["branch", "create", "--org", "X"], { DATABASE_URL: url });
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toContain("Lỗi: thiếu tuỳ chọn bắt buộc --code <mã>");
    const bad = await runCliProcess(["member", "role", "--branch", "tdp5", "--member", "An", "--role", "boss"], {
      DATABASE_URL: url,
    });
    expect(bad.stdout + bad.stderr).toContain(
      'Lỗi: tuỳ chọn --role <vai trò>: "boss" không hợp lệ; chọn một trong: ' +
        "member, secretary, deputy, collector, committee",
    );
    const help = await runCliProcess(["fee", "pay", "--help"], { DATABASE_URL: url });
    expect(help.stdout).toContain("Cách dùng: chibo fee pay [tuỳ chọn]");
    expect(help.stdout).toContain("Tuỳ chọn:");
    expect(help.stdout).not.toMatch(/\b(Usage|Options|display help)\b/);
  });
});
