/**
 * Figure 5 in processes of its own so peak memory is the planning's alone.
 *   seed <db url> <members> <branches> <now iso>: one ward-sized organisation per 3,000 branches,
 *     everyone linked, one meeting each
 *   plan <db url> <now iso>: plans the reminders due now and prints { ms, queued, rssMB }
 */
import { isPostgresql, openDb } from "../src/db/client.ts";
import { sqlDate } from "../src/db/hot-queries.ts";
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
  // One statement per table (the ORM would take minutes for a million rows). Branch ids of a fresh database follow
  // each other; member k goes to branch k mod n, as if added branch by branch.
  const first = branchRows[0]!.id;
  if (branchRows.some((b, i) => b.id !== first + i)) throw new Error("branch ids are not consecutive");
  const postgresql = isPostgresql(db);
  const [p1, p2, p3, p4] = postgresql ? ["$1", "$2", "$3", "$4::timestamp(3)"] : ["?", "?", "?", "?"];
  await db.$executeRawUnsafe(
    `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ${p1}) ` +
      `INSERT INTO "Member" ("branchId", "fullName", "updatedAt") SELECT ${p2} + (i % ${p3}), 'Đảng viên ' || i, ${p4} FROM n`,
    members,
    first,
    branches,
    postgresql ? now.toISOString().replace("Z", "") : sqlDate(now),
  );
  await db.$executeRawUnsafe(
    `INSERT INTO "ChannelAccount" ("channel", "externalId", "chatId", "memberId") ` +
      `SELECT ${postgresql ? `'telegram'::"Channel"` : "'telegram'"}, CAST("id" AS TEXT), CAST("id" AS TEXT), "id" FROM "Member" ORDER BY "Member"."id"`,
  );
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
