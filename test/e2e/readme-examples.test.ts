/**
 * Every `npm run cli -- …` line of README.md runs as written, in the order a
 * reader meets them, against a fresh database, from a folder holding the roster
 * file the README names. Each must succeed; the files it writes are opened.
 */
import { testServices } from "../support/services.ts";
import { operatorActor } from "../../src/services/deps.ts";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, expect, test } from "vitest";
import { applyMigrations, type Db } from "../../src/db/client.ts";
import { createOutbox } from "../../src/delivery/outbox.ts";
import { runCli } from "../../src/cli/program.ts";
import { backupDatabase } from "../../src/db/backup.ts";
import { emptyDatabaseUrl, freshDb } from "../support/db.ts";
import { copyDatabase } from "../../src/db/copy.ts";
import { testClock } from "../support/clock.ts";

/** Splits a shell command line into words: quotes, backslash line continuations, trailing comments. */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  let word: string | null = null;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === quote) quote = null;
      else word = (word ?? "") + c;
    } else if (c === '"' || c === "'") {
      quote = c;
      word ??= "";
    } else if (c === "#" && word === null) break;
    else if (/\s/.test(c)) {
      if (word !== null) words.push(word);
      word = null;
    } else word = (word ?? "") + c;
  }
  if (quote) throw new Error(`unclosed quote in: ${line}`);
  if (word !== null) words.push(word);
  return words;
}

/** The `npm run cli -- …` commands of the README's sh blocks, continuation lines joined. */
function readmeCommands(): string[][] {
  const readme = readFileSync(resolve(import.meta.dirname, "../../README.md"), "utf8");
  const commands: string[][] = [];
  for (const block of readme.matchAll(/```sh\n([\s\S]*?)```/g)) {
    const lines = block[1]!.replace(/\\\n\s*/g, " ").split("\n");
    for (const line of lines) {
      const words = shellWords(line);
      if (words.slice(0, 4).join(" ") === "npm run cli --") commands.push(words.slice(4));
    }
  }
  return commands;
}

let db: Db;
let url: string;
let dir: string;
const cwd = process.cwd();

beforeAll(async () => {
  ({ db, url } = await freshDb());
  dir = mkdtempSync(join(tmpdir(), "chibo-readme-"));
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Danh sách");
  ws.addRow(["DANH SÁCH ĐẢNG VIÊN CHI BỘ TỔ DÂN PHỐ 5"]);
  ws.addRow(["STT", "Họ và tên", "Điện thoại", "Chức vụ", "Tình trạng"]);
  ws.addRow([1, "Nguyễn Văn An", "0912345678", "Đảng viên", "Chính thức"]);
  ws.addRow([2, "Trần Thị Bình", "0912345679", "Chi ủy viên thu đảng phí", "Chính thức"]);
  ws.addRow([3, "Lê Văn Cường", "", "Đảng viên", "Dự bị"]);
  await wb.xlsx.writeFile(join(dir, "danh-sach-tdp5.xlsx"));
  process.chdir(dir);
});
afterAll(async () => {
  process.chdir(cwd);
  await db?.$disconnect();
});

test("every command-line example in README.md runs as written", async () => {
  const commands = readmeCommands();
  expect(commands.length).toBeGreaterThan(30);
  const clock = testClock("2026-11-23T03:00:00Z");
  const outbox = createOutbox({ db, clock });
  for (const argv of commands) {
    if (argv[0] === "report" && argv[1] === "announcement") {
      // An announcement is sent in chat (/thongbao); the README reports on the first one.
      const branch = await db.branch.findUniqueOrThrow({ where: { code: "tdp5" } });
      await db.announcement.create({
        data: {
          organisationId: branch.organisationId,
          branchId: branch.id,
          text: "Họp chi bộ",
          audience: JSON.stringify({ branchIds: [branch.id], audience: "all" }),
          status: "sent",
          sendAt: clock(),
        },
      });
    }
    const lines: string[] = [];
    const code = await runCli(
      {
        services: testServices(db, clock, outbox),
        actor: operatorActor("Văn phòng Đảng ủy"),
        clock,
        timeZone: "Asia/Ho_Chi_Minh",
        botUsername: async () => "chibo_tdp5_bot",
        out: (l) => lines.push(l),
        migrate: () => applyMigrations(url),
        backup: (file) => backupDatabase(url, file),
        // The README's PostgreSQL server stands for one the test makes: a new, empty database of the suite's kind.
        copy: async (from, to) => {
          expect(to).toMatch(/^postgresql:\/\//);
          return copyDatabase(from ?? url, await emptyDatabaseUrl(), clock());
        },
      },
      argv,
    );
    expect(code, `npm run cli -- ${argv.join(" ")}\n${lines.join("\n")}`).toBe(0);
    expect(lines.join("\n")).not.toMatch(/\b(Error|Created|Wrote|member\(s\))\b/);
  }
  // The files the examples wrote are there and open.
  for (const f of [
    "dang-vien.xlsx",
    "kiem-diem-2026.xlsx",
    "so-thu-2026.xlsx",
    "nhat-ky.xlsx",
    "thong-bao-1.xlsx",
    "khao-sat.xlsx",
    "ket-qua-khao-sat-1.xlsx",
    "chi-bo-4-tot-2026.xlsx",
    "bao-cao-nam-2026.xlsx",
  ]) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, f));
    expect(wb.worksheets.length, f).toBeGreaterThan(0);
  }
  for (const f of [
    "bkd-nguyen-van-an.docx",
    "bien-ban-1.docx",
    "bao-cao-kiem-diem-tdp5-2026.docx",
    "bao-cao-thang-11-2026.docx",
  ])
    expect(readFileSync(join(dir, f)).subarray(0, 2).toString(), f).toBe("PK");
  expect(existsSync(join(dir, "diem-danh-1-cac-buoi-sinh-hoat-nam-2026.csv"))).toBe(true);
  expect(readFileSync(join(dir, "chibo-2026-11-24.db")).subarray(0, 15).toString()).toBe("SQLite format 3");
  expect((await db.member.findFirstOrThrow({ where: { phone: "0912345678" } })).role).toBe("secretary");
});
