/**
 * `npm run demo`: try chibo without a Telegram token. Starts a local Telegram
 * Bot API emulator, a demo branch in data/demo.db, the real bot pointed at the
 * emulator, and a terminal in which you type as a member or as the secretary.
 */
import { demoTexts as d } from "../texts/demo.ts";
import { rmSync } from "node:fs";
import { createServer } from "node:net";
import { createInterface } from "node:readline/promises";
import TelegramServerModule from "telegram-test-api";
import type { TelegramServer } from "telegram-test-api/lib/telegramServer.js";
import { createApp } from "../app.ts";
import { loadBotConfig } from "../config/config.ts";
import { applyMigrations, openDb, sqlitePath } from "../db/client.ts";
import { createLogger } from "../logging/logger.ts";
import { operatorActor } from "../services/deps.ts";
import { fromLocal, localParts, formatDateTime } from "../domain/time.ts";
import { memberAsActor } from "../services/meetings.ts";
import { seedHistory } from "./history.ts";

const TOKEN = "100000001:DEMO_token_not_a_real_one_0123456789";
const TZ = "Asia/Ho_Chi_Minh";
const DB_URL = "file:./data/demo.db";

interface DemoUser {
  id: number;
  name: string;
  role: string;
}
const USERS: DemoUser[] = [
  { id: 1, name: "Nguyễn Văn Hùng", role: "bí thư" },
  { id: 2, name: "Trần Thị Lan", role: "đảng viên" },
  { id: 3, name: "Lê Văn Minh", role: "đảng viên, chưa liên kết" },
  { id: 4, name: "Phạm Thị Hoa", role: "thu đảng phí" },
  { id: 5, name: "Đỗ Văn Quang", role: "văn phòng đảng ủy" },
];
/** The roster's "Chức vụ" for each demo role. */
const POSTS: Record<string, string> = {
  "bí thư": "Bí thư",
  "thu đảng phí": "Thu đảng phí",
  "văn phòng đảng ủy": "Đảng ủy",
};

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const a = s.address();
      s.close(() => resolve(typeof a === "object" && a ? a.port : 0));
    });
  });
}

const out = (line = "") => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  const server: TelegramServer = new (TelegramServerModule as unknown as typeof TelegramServer)({
    port: await freePort(),
    host: "127.0.0.1",
    storeTimeout: 3600,
  });
  await server.start();
  for (const suffix of ["", "-wal", "-shm"]) rmSync(`${sqlitePath(DB_URL)}${suffix}`, { force: true });
  await applyMigrations(DB_URL);
  const db = await openDb(DB_URL);

  // The demo runs on its own clock so that ":tua" can jump ahead to reminder time.
  let offsetMs = 0;
  const clock = () => new Date(Date.now() + offsetMs);
  const webPort = await freePort();
  const webUrl = `http://127.0.0.1:${webPort}`;
  const config = loadBotConfig({
    WEB_PUBLIC_URL: webUrl,
    WEB_PORT: String(webPort),
    TELEGRAM_BOT_TOKEN: TOKEN,
    TELEGRAM_API_ROOT: server.config.apiURL,
    DATABASE_URL: DB_URL,
    QUIET_HOURS: "off",
    TELEGRAM_PER_CHAT_INTERVAL_MS: "0",
    // The demo may run beside a real bot: its status server takes any free port.
    STATUS_PORT: "0",
    LOG_LEVEL: "silent",
  });
  const logger = createLogger({ level: "silent", secrets: [TOKEN] });

  // "Sign in as" without a token: the demo's own page, never part of the real bot.
  const app = createApp({
    config,
    db,
    logger,
    clock,
    schedule: false,
    webOpenRoutes: [
      {
        path: /^\/demo\/(\d)$/,
        redirect: async ([n]) => {
          const user = USERS[Number(n) - 1];
          const member = user && (await db.member.findFirst({ where: { fullName: user.name } }));
          if (!member) return null;
          const link = await app.services.issueSignInLink(memberAsActor(member));
          return `/s/${link.token}`;
        },
      },
    ],
  });
  const { services } = app;
  const staff = operatorActor("demo");

  // Seed through the same use cases staff and secretaries use: one ward committee, one branch,
  // three members from a roster; two link their Telegram with an invite code, the third gets a code to try.
  const org = await services.createOrganisation(staff, "Đảng bộ phường Demo");
  const branch = await services.createBranch(staff, {
    organisationId: org.id,
    code: "demo",
    name: "Chi bộ Tổ dân phố 1",
    kind: "residential",
  });
  await services.importRoster({
    branchId: branch.id,
    actor: staff.label,
    sheet: {
      headers: ["Họ và tên", "Điện thoại", "Chức vụ", "Nhóm đảng phí"],
      rows: USERS.map((u, i) => ({
        row: i + 2,
        cells: [u.name, `09110000${u.id.toString().padStart(2, "0")}`, POSTS[u.role] ?? "Đảng viên", "Khác"],
      })),
    },
  });
  const members = await services.branchMembers(staff, branch.id);
  const memberOf = (u: DemoUser) => members.find((m) => m.fullName === u.name)!;
  const invites = await services.issueInvites(staff, { branchId: branch.id });
  for (const u of USERS.filter((x) => x.id !== 3)) {
    const code = invites.find((i) => i.memberId === memberOf(u).id)!.code;
    await services.linkWithCode({ channel: "telegram", externalId: String(u.id), chatId: String(u.id) }, code);
  }
  const invite = invites.find((i) => i.memberId === memberOf(USERS[2]!).id)!;
  const p = localParts(clock(), TZ);
  const meetingDay = new Date(Date.UTC(p.year, p.month - 1, p.day + 5));
  const startsAt = fromLocal(
    {
      year: meetingDay.getUTCFullYear(),
      month: meetingDay.getUTCMonth() + 1,
      day: meetingDay.getUTCDate(),
      hour: 19,
      minute: 30,
    },
    TZ,
  );
  await services.scheduleMeeting(staff, {
    branchId: branch.id,
    kind: "regular",
    startsAt,
    place: "Nhà văn hoá tổ dân phố 1",
    agenda: "Sinh hoạt chi bộ định kỳ",
  });

  await seedHistory(app, staff, {
    organisationId: org.id,
    branchId: branch.id,
    travel: (ms) => (offsetMs += ms),
  });

  await app.start();

  let current = USERS[1]!;
  let lastButtons: { text: string; data: string; messageId: number }[] = [];
  const clients = new Map(
    USERS.map((u) => [
      u.id,
      server.getClient(TOKEN, {
        userId: u.id,
        chatId: u.id,
        firstName: u.name.split(" ").at(-1) ?? u.name,
        type: "private",
      }),
    ]),
  );
  const read = new Set<number>();

  function showNew(): number {
    let shown = 0;
    for (const update of server.storage.botMessages) {
      if (read.has(update.messageId)) continue;
      read.add(update.messageId);
      const chat = Number(update.message.chat_id);
      const user = USERS.find((u) => u.id === chat);
      const markup = update.message.reply_markup as
        { inline_keyboard?: { text: string; callback_data: string }[][]; keyboard?: { text: string }[][] } | undefined;
      out(`\n🤖 → ${user?.name ?? chat}:`);
      out(
        String(update.message.text)
          .split("\n")
          .map((l) => `   ${l}`)
          .join("\n"),
      );
      const buttons = (markup?.inline_keyboard ?? []).flat();
      if (buttons.length > 0) {
        buttons.forEach((b, i) => out(`   [${i + 1}] ${b.text}`));
        if (chat === current.id)
          lastButtons = buttons.map((b) => ({ text: b.text, data: b.callback_data, messageId: update.messageId }));
      }
      if (markup?.keyboard) out(d.shareContactHint);
      shown++;
    }
    return shown;
  }

  async function settle(): Promise<void> {
    // Wait until the bot's answers stop arriving.
    let quiet = 0;
    for (let i = 0; i < 60 && quiet < 4; i++) {
      await new Promise((r) => setTimeout(r, 100));
      quiet = showNew() > 0 ? 0 : quiet + 1;
    }
  }

  out(d.intro);
  out(
    d.console(
      webUrl,
      USERS.filter((u) => u.id !== 3).map((u) => ({ n: u.id, name: u.name, role: u.role })),
    ),
  );
  out(d.sample(formatDateTime(startsAt, TZ), USERS[2]!.name, invite!.code));
  out(d.commands);
  USERS.forEach((u, i) => out(d.speakAs(i + 1, u.name, u.role)));
  for (const line of d.help) out(line);

  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
  const prompt = () => `\n[${current.name}] > `;
  if (process.stdin.isTTY) {
    rl.setPrompt(prompt());
    rl.prompt();
  }
  for await (const raw of rl) {
    const line = raw.trim();
    if (!process.stdin.isTTY) out(`${prompt().trim()} ${line}`);
    const client = clients.get(current.id)!;
    if (line === ":thoat" || line === ":q") break;
    const pick = /^:(\d)$/.exec(line);
    if (pick && USERS[Number(pick[1]) - 1]) {
      current = USERS[Number(pick[1]) - 1]!;
      lastButtons = [];
    } else if (/^\d+$/.test(line) && lastButtons[Number(line) - 1]) {
      const b = lastButtons[Number(line) - 1]!;
      out(d.pressed(b.text));
      await client.sendCallback(client.makeCallbackQuery(b.data, { message: { message_id: b.messageId } as never }));
    } else if (line === ":lienhe") {
      await client.sendMessage(
        client.makeMessage("", {
          contact: { phone_number: `+8491100000${current.id}`, first_name: current.name, user_id: current.id },
        } as never),
      );
    } else if (/^:tua \d+$/.test(line)) {
      offsetMs += Number(line.split(" ")[1]) * 86_400_000;
      out(d.clock(formatDateTime(clock(), TZ)));
      await app.jobs.planReminders();
    } else if (line.startsWith("/")) {
      await client.sendCommand(client.makeCommand(line));
    } else if (line !== "") {
      await client.sendMessage(client.makeMessage(line));
    }
    await settle();
    if (process.stdin.isTTY) {
      rl.setPrompt(prompt());
      rl.prompt();
    }
  }
  rl.close();
  await app.stop();
  await server.stop();
  await db.$disconnect();
  out(d.bye);
  process.exit(0);
}

main().catch((e: unknown) => {
  process.stderr.write(`demo failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
