/**
 * Figure 5 in processes of its own so peak memory is the planning's alone.
 *   seed <db url> <members> <branches> <now iso>: one ward-sized organisation per 3,000 branches,
 *     everyone linked, one meeting each
 *   plan <db url> <now iso>: plans the reminders due now and prints { ms, queued, rssMB }
 */
import { openDb } from "../src/db/client.ts";
import { seedOrganisation } from "./seed.ts";
import { createOutbox } from "../src/delivery/outbox.ts";
import { planReminders } from "../src/services/scheduled/plan-reminders.ts";
import { parseLeadTimes } from "../src/domain/reminders.ts";

const [mode, dbUrl, ...rest] = process.argv.slice(2);
const db = await openDb(dbUrl!);

if (mode === "seed") {
  const [membersArg, branchesArg, nowIso] = rest;
  const members = Number(membersArg);
  const branches = Number(branchesArg);
  const now = new Date(nowIso!);
  const branchRows = await seedOrganisation(db, branches);
  // Meetings are 3 days ahead, at the usual hours (14:00 to 20:00), so their 3d@08:00 reminders are all due at `now`
  // (08:00).
  const hours = [6, 9, 10.5, 11, 11.5, 12];
  await db.meeting.createMany({
    data: branchRows.map((b, i) => ({
      branchId: b.id,
      kind: "regular",
      startsAt: new Date(now.getTime() + 3 * 86_400_000 + hours[i % hours.length]! * 3_600_000),
      place: "Nhà văn hoá",
    })),
  });
  const CHUNK = 5000;
  for (let i = 0; i < members; i += CHUNK) {
    const created = await db.member.createManyAndReturn({
      data: Array.from({ length: Math.min(CHUNK, members - i) }, (_, j) => ({
        branchId: branchRows[(i + j) % branches]!.id,
        fullName: `Đảng viên ${i + j}`,
      })),
      select: { id: true },
    });
    await db.channelAccount.createMany({
      data: created.map((m) => ({
        channel: "telegram",
        externalId: String(m.id),
        chatId: String(m.id),
        memberId: m.id,
      })),
    });
  }
  process.stdout.write(`${JSON.stringify({ seeded: members })}\n`);
} else {
  const now = new Date(rest[0]!);
  const outbox = createOutbox({ db, clock: () => now });
  const started = performance.now();
  const result = await planReminders({
    db,
    outbox,
    clock: () => now,
    timeZone: "Asia/Ho_Chi_Minh",
    quietHours: null,
    leadTimes: parseLeadTimes("3d@08:00,0d@07:00"),
    nudge: null,
    nudgeEnabled: false,
  });
  const ms = performance.now() - started;
  process.stdout.write(
    `${JSON.stringify({ ms, queued: result.queued, rssMB: process.resourceUsage().maxRSS / 1024 })}\n`,
  );
}
await db.$disconnect();
