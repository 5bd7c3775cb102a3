/**
 * The leader lease on the database the suite runs on: one holder at a time, even when many ask at the same instant;
 * it passes on only when it has run out, or at once when its holder was a process of this machine that is gone; a
 * clean stop gives it back.
 */
import { spawn } from "node:child_process";
import { hostname } from "node:os";
import { afterEach, beforeEach, expect, test } from "vitest";
import type { Db } from "../../src/db/client.ts";
import {
  createLeadership,
  LEADER_LEASE,
  takeLease,
  takeLeaseOfDeadProcess,
} from "../../src/coordination/leadership.ts";
import { createLogger } from "../../src/logging/logger.ts";
import { freshDb } from "../support/db.ts";

let db: Db;
beforeEach(async () => {
  ({ db } = await freshDb());
});
afterEach(async () => db.$disconnect());

const at = (s: number) => new Date(Date.UTC(2026, 10, 24, 8, 0, s));
const TTL = 15_000;

test("one holder at a time; it passes on only once it has run out", async () => {
  expect(await takeLease(db, LEADER_LEASE, "a", at(0), TTL)).toBe(true);
  expect(await takeLease(db, LEADER_LEASE, "b", at(5), TTL)).toBe(false);
  expect(await takeLease(db, LEADER_LEASE, "a", at(10), TTL)).toBe(true); // renewed until 25 s
  expect(await takeLease(db, LEADER_LEASE, "b", at(20), TTL)).toBe(false);
  expect(await takeLease(db, LEADER_LEASE, "b", at(26), TTL)).toBe(true);
  expect(await takeLease(db, LEADER_LEASE, "a", at(27), TTL)).toBe(false);
  expect(await db.lease.findUniqueOrThrow({ where: { name: LEADER_LEASE } })).toMatchObject({ holder: "b" });
});

test("twenty instances asking at the same instant: exactly one leads", async () => {
  for (const round of [0, 100]) {
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => takeLease(db, LEADER_LEASE, `i${round}-${i}`, at(round), TTL)),
    );
    expect(answers.filter(Boolean)).toHaveLength(1);
  }
});

test("a lease held by a process of this machine that is gone is taken at once; a live one's is not", async () => {
  const child = spawn(process.execPath, ["-e", "0"]);
  await new Promise((r) => child.once("exit", r));
  await takeLease(db, LEADER_LEASE, `${hostname()}:${child.pid}:dead`, at(0), TTL);
  expect(await takeLeaseOfDeadProcess(db, LEADER_LEASE, "new", at(1), TTL)).toBe(true);

  await db.lease.deleteMany();
  await takeLease(db, LEADER_LEASE, `${hostname()}:${process.ppid}:alive`, at(0), TTL);
  expect(await takeLeaseOfDeadProcess(db, LEADER_LEASE, "new", at(1), TTL)).toBe(false);
  await db.lease.deleteMany();
  await takeLease(db, LEADER_LEASE, `elsewhere.example:${child.pid}:x`, at(0), TTL);
  expect(await takeLeaseOfDeadProcess(db, LEADER_LEASE, "new", at(1), TTL)).toBe(false);
});

test("the leader starts its work once; a standby does not; a clean stop gives the lease back", async () => {
  const logger = createLogger({ level: "silent", secrets: [] });
  const work: string[] = [];
  const make = (holder: string) =>
    createLeadership({
      db,
      logger,
      holder,
      ttlMs: 60_000,
      onGain: async (takenOver) => void work.push(`${holder} leads${takenOver ? " (took over)" : ""}`),
      onLose: async () => void work.push(`${holder} lost`),
    });
  const a = make("a");
  const b = make("b");
  await a.start();
  await b.start();
  expect([a.leading(), b.leading()]).toEqual([true, false]);
  await a.stop(async () => void work.push("a stops its work"));
  expect(await db.lease.count()).toBe(0);
  await b.stop(async () => void work.push("b stops its work"));
  expect(work).toEqual(["a leads", "a stops its work"]);
});
