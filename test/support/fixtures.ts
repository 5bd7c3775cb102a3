/** Builds a small organisation for tests: one ward committee, branches, members. */
import type { Db } from "../../src/db/client.ts";
import type { Role } from "../../src/services/members.ts";

export interface MemberSpec {
  fullName: string;
  role?: Role;
  phone?: string;
  exemption?: "none" | "temporary" | "full";
}

/**
 * When seeded members joined the roster, unless a test says: a fixed day of the tests' calendar (their clocks run
 * in late 2026), never the machine's date, which would move what they owe (fees count from that month).
 */
export const SEEDED_AT = new Date("2026-11-01T00:00:00Z");

export async function seedBranch(
  db: Db,
  opts: { code?: string; name?: string; members: MemberSpec[]; orgName?: string; createdAt?: Date },
) {
  const org = await db.organisation.upsert({
    where: { name: opts.orgName ?? "Đảng bộ phường Test" },
    create: { name: opts.orgName ?? "Đảng bộ phường Test" },
    update: {},
  });
  const branch = await db.branch.create({
    data: { organisationId: org.id, code: opts.code ?? "cb1", name: opts.name ?? "Chi bộ Tổ dân phố 1" },
  });
  const members = [];
  for (const m of opts.members) {
    members.push(
      await db.member.create({
        data: {
          branchId: branch.id,
          fullName: m.fullName,
          role: m.role ?? "member",
          phone: m.phone ?? null,
          exemption: m.exemption ?? "none",
          createdAt: opts.createdAt ?? SEEDED_AT,
        },
      }),
    );
  }
  return { org, branch, members };
}

export async function linkTelegram(db: Db, memberId: number, userId: number) {
  return db.channelAccount.create({
    data: { channel: "telegram", externalId: String(userId), chatId: String(userId), memberId },
  });
}
