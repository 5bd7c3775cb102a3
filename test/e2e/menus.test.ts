/**
 * Telegram's command menu: members see theirs; secretaries and collectors see their own commands too, and the menu
 * follows role changes.
 */
import { afterEach, beforeEach, expect, test } from "vitest";
import { startHarness, type Harness } from "../support/telegram-harness.ts";
import { linkTelegram, seedBranch } from "../support/fixtures.ts";
import { cli } from "../support/cli.ts";

let h: Harness;

beforeEach(async () => {
  h = await startHarness({ now: "2026-11-22T03:00:00Z" });
  const { members } = await seedBranch(h.db, {
    code: "mn",
    members: [{ fullName: "Bí Thư Một", role: "secretary" }, { fullName: "Đảng Viên Hai" }],
  });
  await linkTelegram(h.db, members[0]!.id, 8101);
  await linkTelegram(h.db, members[1]!.id, 8102);
});
afterEach(async () => h?.stop());

const menuCalls = () => h.proxy.calls.filter((c) => c.method === "setMyCommands" || c.method === "deleteMyCommands");
const commandsOf = (c: { body: Record<string, unknown> }) =>
  ((c.body.commands ?? []) as { command: string }[]).map((x) => x.command);
const settle = () => h.settle();

test("the default menu holds the members' commands; the secretary's chat gets the leaders' too", async () => {
  await h.app.jobs.syncCommandMenus(); // start-up ran it before the branch existed
  await settle();
  const calls = menuCalls();
  const defaults = calls.filter((c) => c.method === "setMyCommands" && !c.body.scope);
  expect(commandsOf(defaults.at(-1)!)).toEqual([
    "lichhop",
    "dangphi",
    "kiemdiem",
    "bankiemdiem",
    "khaosat",
    "khaibao",
    "kenh",
    "dulieu",
    "web",
    "trogiup",
    "huy",
    "huylienket",
  ]);
  const scoped = calls.filter((c) => (c.body.scope as { chat_id?: number } | undefined)?.chat_id !== undefined);
  expect(scoped.map((c) => (c.body.scope as { chat_id: number }).chat_id)).toEqual([8101]);
  expect(commandsOf(scoped[0]!)).toEqual(
    expect.arrayContaining(["lichhop", "taohop", "diemdanh", "thongbao", "thuphi", "baocao"]),
  );
  expect(commandsOf(scoped[0]!).length).toBeLessThanOrEqual(100);
});

test("a role change on the command line moves the menu; running the job again sends nothing", async () => {
  await h.app.jobs.syncCommandMenus(); // the secretary's menu, as the branch starts
  await settle();
  const before = menuCalls().length;
  expect(
    (
      await cli(
        { db: h.db, clock: h.clock, outbox: h.app.outbox },
        "member",
        "role",
        "--branch",
        "mn",
        "--member",
        "Đảng Viên Hai",
        "--role",
        "collector",
      )
    ).code,
  ).toBe(0);
  await h.app.jobs.syncCommandMenus();
  await settle();
  const collector = menuCalls().slice(before);
  expect(collector).toHaveLength(1);
  expect((collector[0]!.body.scope as { chat_id: number }).chat_id).toBe(8102);
  expect(commandsOf(collector[0]!)).toEqual([
    "lichhop",
    "dangphi",
    "kiemdiem",
    "bankiemdiem",
    "khaosat",
    "khaibao",
    "kenh",
    "dulieu",
    "web",
    "trogiup",
    "huy",
    "huylienket",
    "thuphi",
    "mucdong",
    "thuthang",
    "canhbao",
    "xuatphi",
  ]);

  expect(
    (
      await cli(
        { db: h.db, clock: h.clock, outbox: h.app.outbox },
        "member",
        "role",
        "--branch",
        "mn",
        "--member",
        "Đảng Viên Hai",
        "--role",
        "member",
      )
    ).code,
  ).toBe(0);
  await h.app.jobs.syncCommandMenus();
  await h.app.jobs.syncCommandMenus();
  await settle();
  const back = menuCalls().slice(before + 1);
  expect(back.map((c) => [c.method, (c.body.scope as { chat_id: number }).chat_id])).toEqual([
    ["deleteMyCommands", 8102],
  ]);
});
