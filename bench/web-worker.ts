/**
 * Figure 7 in a process of its own: the web console over a province-sized database.
 *   seed <db url> <members> <branches> <now iso>: one organisation; every member linked, fee group "other" from
 *     February; each branch has a secretary, a collector, a meeting a month held since March with everyone's
 *     attendance, and every member paid February to September; the year's review opened in every branch.
 *   measure <db url> <now iso> <requests>: starts the console, signs in a secretary, a collector, a member and the
 *     committee, asks every page <requests> times and prints { pages: {path: {p50, p95, max}}, overviewColdMs,
 *     assetsGzipBytes } (times in ms, measured by the client on loopback: the server's time plus a local round trip).
 */
import { gzipSync } from "node:zlib";
import { openDb } from "../src/db/client.ts";
import { seedOrganisation } from "./seed.ts";
import { DEFAULT_SPLIT } from "../src/domain/rating.ts";
import { createOutbox } from "../src/delivery/outbox.ts";
import { createLogger } from "../src/logging/logger.ts";
import { memberAsActor } from "../src/services/meetings.ts";
import { ASSETS } from "../src/web/assets.ts";
import { startWebServer } from "../src/web/server.ts";
import { APP_JS, STYLE } from "../src/web/views/layout.ts";
import { testServices } from "../test/support/services.ts";

const [mode, dbUrl, ...rest] = process.argv.slice(2);
const db = await openDb(dbUrl!);
const CHUNK = 5000;

async function inChunks<T>(rows: T[], write: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await write(rows.slice(i, i + CHUNK));
}

if (mode === "seed") {
  const [membersArg, branchesArg, nowIso] = rest;
  const members = Number(membersArg);
  const branches = Number(branchesArg);
  const now = new Date(nowIso!);
  const branchRows = await seedOrganisation(db, branches);
  const memberRows: { id: number; branchId: number }[] = [];
  for (let i = 0; i < members; i += CHUNK) {
    const created = await db.member.createManyAndReturn({
      data: Array.from({ length: Math.min(CHUNK, members - i) }, (_, j) => {
        const n = i + j;
        const inBranch = Math.floor(n / branches);
        return {
          branchId: branchRows[n % branches]!.id,
          fullName: `Đảng viên ${n}`,
          // The first of each branch is its secretary, the second its collector; one committee member in all.
          role:
            n === branches * 2 ? "committee" : inBranch === 0 ? "secretary" : inBranch === 1 ? "collector" : "member",
          feeGroup: "other",
          feesFromMonth: "2026-02",
          createdAt: new Date("2025-12-01T00:00:00Z"),
        } as const;
      }),
      select: { id: true, branchId: true },
    });
    memberRows.push(...created);
    await db.channelAccount.createMany({
      data: created.map((m) => ({
        channel: "telegram",
        externalId: String(m.id),
        chatId: String(m.id),
        memberId: m.id,
      })),
    });
  }
  const byBranch = new Map<number, number[]>();
  for (const m of memberRows) byBranch.set(m.branchId, [...(byBranch.get(m.branchId) ?? []), m.id]);
  // A meeting a month from March to November, held, with attendance (every seventh member absent).
  for (let month = 3; month <= 11; month++) {
    const meetings = await db.meeting.createManyAndReturn({
      data: branchRows.map((b) => ({
        branchId: b.id,
        kind: "regular",
        startsAt: new Date(Date.UTC(2026, month - 1, 5, 12, 30)),
        place: "Nhà văn hoá",
        status: "held",
      })),
      select: { id: true, branchId: true },
    });
    const responses = meetings.flatMap((m) =>
      (byBranch.get(m.branchId) ?? []).map((memberId, k) => ({
        meetingId: m.id,
        memberId,
        attendance: k % 7 === 3 ? "absent" : "present",
        recordedAt: new Date(Date.UTC(2026, month - 1, 5, 15)),
      })),
    );
    await inChunks(responses, (c) => db.response.createMany({ data: c as never }));
  }
  // One meeting ahead in every branch.
  await db.meeting.createMany({
    data: branchRows.map((b) => ({
      branchId: b.id,
      kind: "regular",
      startsAt: new Date(now.getTime() + 4 * 86_400_000),
      place: "Nhà văn hoá",
    })),
  });
  // Fees: the default table's "other" rate (0.3% of region 1's minimum wage, 15,930 đ) from February; February to
  // September paid.
  const rate = await db.feeRate.count();
  if (rate === 0) {
    const { ensureFeeTable } = await import("../src/services/fees.ts");
    await ensureFeeTable(db);
  }
  const entries = memberRows.flatMap((m) =>
    Array.from({ length: 8 }, (_, k) => {
      const month = `2026-${String(k + 2).padStart(2, "0")}`;
      return {
        memberId: m.id,
        branchId: m.branchId,
        month,
        amount: 15_930,
        kind: "payment",
        status: "confirmed",
        batch: `seed:${m.id}:${month}`,
        idempotencyKey: `seed:${m.id}:${month}`,
        recordedBy: "bench",
      };
    }),
  );
  await inChunks(entries, (c) => db.feeEntry.createMany({ data: c as never }));
  await db.reviewCampaign.createMany({
    data: branchRows.map((b) => ({
      branchId: b.id,
      year: 2026,
      deadline: new Date("2026-12-20T10:00:00Z"),
      split: JSON.stringify(DEFAULT_SPLIT),
      createdBy: "bench",
    })),
  });
  process.stdout.write(`${JSON.stringify({ seeded: members })}\n`);
} else {
  const [nowIso, requestsArg] = rest;
  const now = new Date(nowIso!);
  const clock = () => now;
  const outbox = createOutbox({ db, clock });
  const services = testServices(db, clock, outbox);
  const base = "http://127.0.0.1";
  const web = await startWebServer({
    services,
    logger: createLogger({ level: "silent", secrets: [] }),
    host: "127.0.0.1",
    port: 0,
    publicUrl: `${base}:1`,
    timeZone: "Asia/Ho_Chi_Minh",
    telegramToken: null,
  });
  const url = `${base}:${web.port}`;
  const signIn = async (where: object) => {
    const member = await db.member.findFirstOrThrow({ where });
    const link = await services.issueSignInLink(memberAsActor(member));
    const r = await services.signInWithLink(link.token);
    if (r.type !== "ok") throw new Error("sign-in failed");
    return { cookie: `chibo_session=${r.sessionId}`, member };
  };
  const secretary = await signIn({ role: "secretary" });
  const collector = await signIn({ role: "collector", branchId: secretary.member.branchId });
  const member = await signIn({ role: "member", branchId: secretary.member.branchId });
  const committee = await signIn({ role: "committee" });
  const meeting = await db.meeting.findFirstOrThrow({
    where: { branchId: secretary.member.branchId, status: "held" },
    orderBy: { startsAt: "desc" },
  });
  const get = async (path: string, cookie: string) => {
    const t0 = performance.now();
    const res = await fetch(`${url}${path}`, { headers: { cookie }, redirect: "manual" });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
    return performance.now() - t0;
  };
  // The overview's first computation (no snapshot yet), then every page.
  const overviewColdMs = await get("/dang-uy", committee.cookie);
  const pages: [string, string][] = [
    ["/", member.cookie],
    ["/dang-phi", member.cookie],
    ["/kiem-diem", member.cookie],
    ["/chi-bo", secretary.cookie],
    ["/chi-bo/sinh-hoat", secretary.cookie],
    [`/chi-bo/sinh-hoat/${meeting.id}`, secretary.cookie],
    ["/chi-bo/danh-sach", secretary.cookie],
    ["/thong-bao", secretary.cookie],
    ["/chi-bo/kiem-diem", secretary.cookie],
    ["/chi-bo/thu-dang-phi", collector.cookie],
    [`/chi-bo/thu-dang-phi/dang-vien/${member.member.id}`, collector.cookie],
    ["/dang-uy", committee.cookie],
    [`/dang-uy/chi-bo/${secretary.member.branchId}`, committee.cookie],
  ];
  const requests = Number(requestsArg);
  const result: Record<string, { p50: number; p95: number; max: number }> = {};
  for (const [path, cookie] of pages) {
    await get(path, cookie); // warm
    const times: number[] = [];
    for (let i = 0; i < requests; i++) times.push(await get(path, cookie));
    times.sort((a, b) => a - b);
    const at = (q: number) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)]!;
    result[path.replace(/\d+/g, "<id>")] = { p50: at(0.5), p95: at(0.95), max: times.at(-1)! };
  }
  // What a browser is sent besides the HTML: the console's script, its style and the charts' library, gzipped.
  const assetsGzipBytes =
    gzipSync(APP_JS).length + gzipSync(STYLE).length + [...ASSETS.values()].reduce((s, a) => s + a.gzip.length, 0);
  process.stdout.write(`${JSON.stringify({ pages: result, overviewColdMs, assetsGzipBytes })}\n`);
  await web.close();
}
await db.$disconnect();
