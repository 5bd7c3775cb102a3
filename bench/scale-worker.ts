/**
 * Figure 5 in processes of its own so peak memory is the planning's alone.
 *   seed <db url> <members> <branches> <now iso>: one organisation, everyone linked, one meeting per branch
 *   plan <db url> <now iso>: plans the reminders due now (the first meetings' rows written, the others' left for the
 *     dispatcher), then the scheduler's next run a minute later, then writes every meeting's rows as the dispatcher
 *     would, a top-up at a time, and prints { ms, queued, waiting, nextMs, nextQueued, writeAllMs, written, topUps,
 *     longestTopUpMs, rows, rssMB }
 */
import { pino } from "pino";
import { startCheckpointer } from "../src/db/checkpointer.ts";
import { isPostgresql, openDb } from "../src/db/client.ts";
import { postgresqlDate, sqlDate } from "../src/db/hot-queries.ts";
import { createOutbox } from "../src/delivery/outbox.ts";
import { planReminders, writeWaitingReminders } from "../src/services/scheduled/plan-reminders.ts";
import { parseLeadTimes } from "../src/domain/reminders.ts";

const [mode, dbUrl, ...rest] = process.argv.slice(2);
const db = await openDb(dbUrl!);

if (mode === "seed") {
  const [membersArg, branchesArg, nowIso] = rest;
  const members = Number(membersArg);
  const branches = Number(branchesArg);
  const now = new Date(nowIso!);
  const postgresql = isPostgresql(db);
  // One statement per table: the ORM would take minutes for a million rows (and on PostgreSQL its large inserts
  // overlap queries on one connection). `p` adds a parameter: "?" on SQLite, "$n" with a cast on PostgreSQL.
  const insert = async (build: (p: (value: unknown, type?: string) => string) => string) => {
    const values: unknown[] = [];
    const sql = build((value, type) => {
      values.push(value instanceof Date ? (postgresql ? postgresqlDate(value) : sqlDate(value)) : value);
      return postgresql ? `$${values.length}${type ? `::${type}` : ""}` : "?";
    });
    await db.$executeRawUnsafe(sql, ...values);
  };
  const enumValue = (value: string, type: string) => (postgresql ? `'${value}'::"${type}"` : `'${value}'`);
  const org = await db.organisation.create({ data: { name: "Tỉnh mẫu" } });
  await insert(
    (p) =>
      `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ${p(branches, "int")}) ` +
      `INSERT INTO "Branch" ("organisationId", "code", "name") SELECT ${p(org.id, "int")}, 'b' || i, 'Chi bộ ' || i ` +
      `FROM n ORDER BY i`,
  );
  const ids = await db.branch.aggregate({ where: { organisationId: org.id }, _min: { id: true }, _max: { id: true } });
  const first = ids._min.id!;
  // Member k goes to branch k mod n, as if added branch by branch: that needs the branch ids to follow each other.
  if (ids._max.id! - first + 1 !== branches) throw new Error("branch ids are not consecutive");
  // Meetings are 3 days ahead, at the usual hours (14:00 to 20:00), so their 3d@08:00 reminders are all due at `now`
  // (08:00); they were set a week before.
  const hours = [6, 9, 10.5, 11, 11.5, 12];
  const set = new Date(now.getTime() - 7 * 86_400_000);
  await insert(
    (p) =>
      `INSERT INTO "Meeting" ("branchId", "kind", "startsAt", "place", "createdAt", "updatedAt") ` +
      `SELECT "id", ${enumValue("regular", "MeetingKind")}, CASE ("id" - ${p(first, "int")}) % ${hours.length} ` +
      hours
        .map((h, i) => `WHEN ${i} THEN ${p(new Date(now.getTime() + 3 * 86_400_000 + h * 3_600_000), "timestamp(3)")}`)
        .join(" ") +
      ` END, 'Nhà văn hoá', ${p(set, "timestamp(3)")}, ${p(set, "timestamp(3)")} FROM "Branch" ` +
      `WHERE "organisationId" = ${p(org.id, "int")} ORDER BY "id"`,
  );
  await insert(
    (p) =>
      `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ${p(members, "int")}) ` +
      `INSERT INTO "Member" ("branchId", "fullName", "updatedAt") SELECT ${p(first, "int")} + (i % ${p(branches, "int")}), ` +
      `'Đảng viên ' || i, ${p(set, "timestamp(3)")} FROM n`,
  );
  await insert(
    () =>
      `INSERT INTO "ChannelAccount" ("channel", "externalId", "chatId", "memberId") ` +
      `SELECT ${enumValue("telegram", "Channel")}, CAST("id" AS TEXT), CAST("id" AS TEXT), "id" FROM "Member" ` +
      `ORDER BY "Member"."id"`,
  );
  // A database in use has its statistics (PostgreSQL's autovacuum gathers them after large changes): without them
  // the planner would read a table loaded seconds ago as if it were empty.
  if (postgresql) await db.$executeRawUnsafe("ANALYZE");
  process.stdout.write(`${JSON.stringify({ seeded: members })}\n`);
} else {
  // As the bot runs: SQLite's checkpoints in a worker thread of their own (src/db/checkpointer.ts).
  const checkpointer = await startCheckpointer(db, { logger: pino({ level: "warn" }) });
  const now = new Date(rest[0]!);
  const rules = {
    timeZone: "Asia/Ho_Chi_Minh",
    leadTimes: parseLeadTimes("3d@08:00,0d@07:00"),
    nudge: null,
    nudgeEnabled: false,
  };
  const plan = (at: Date, previousRun: Date | null) =>
    planReminders({
      ...rules,
      db,
      outbox: createOutbox({ db, clock: () => at }),
      clock: () => at,
      quietHours: null,
      previousRun,
    });
  const started = performance.now();
  const result = await plan(now, null);
  const ms = performance.now() - started;
  // The scheduler's next run, a minute later, while most meetings' rows are still to be written: nothing new is due,
  // and only the meetings whose turn it is are looked at again (a fifteenth of them).
  const next = new Date(now.getTime() + 60_000);
  const again = performance.now();
  const nextResult = await plan(next, now);
  const nextMs = performance.now() - again;
  // Then every meeting's rows, as the dispatcher has them written when its queue runs low (60 meetings at a time;
  // in operation spread over the hours the sending takes): the total, and the longest single top-up.
  const writing = performance.now();
  let topUps = 0;
  let longestTopUpMs = 0;
  let written = 0;
  for (;;) {
    const t = performance.now();
    const w = await writeWaitingReminders({ ...rules, db, clock: () => next }, 60);
    if (w.meetings === 0) break;
    longestTopUpMs = Math.max(longestTopUpMs, performance.now() - t);
    topUps++;
    written += w.pending + w.skipped;
  }
  const writeAllMs = performance.now() - writing;
  const rows = await db.outbox.count({ where: { kind: "meeting_reminder" } });
  process.stdout.write(
    `${JSON.stringify({
      ms,
      queued: result.queued,
      waiting: result.waiting,
      nextMs,
      nextQueued: nextResult.queued,
      writeAllMs,
      written,
      topUps,
      longestTopUpMs,
      rows,
      rssMB: process.resourceUsage().maxRSS / 1024,
    })}\n`,
  );
  await checkpointer.stop();
}
await db.$disconnect();
