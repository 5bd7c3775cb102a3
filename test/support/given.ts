/**
 * Builds the world a test starts from through the same use cases chat and the
 * command line call, so every test makes its own data and can run alone or in
 * any order. Nothing here goes through chat: the test's own steps do.
 */
import { operatorActor } from "../../src/services/deps.ts";
import { memberAsActor } from "../../src/services/meetings.ts";
import type { Actor } from "../../src/services/deps.ts";
import type { ChatUser, Harness } from "./telegram-harness.ts";

/** Committee staff as the tests' command line runs it. */
export const STAFF: Actor = operatorActor("Văn phòng Đảng ủy");

export interface PersonSpec {
  fullName: string;
  /** As the roster's "Chức vụ" column says it: "Bí thư", "Phó bí thư", "Thu đảng phí", "Đảng ủy"… */
  post?: string;
  phone?: string;
  /** "Chính thức" or "Dự bị". */
  status?: string;
  /** "Hưởng lương", "Hưu trí", "Học sinh, sinh viên", "Khác"… */
  feeGroup?: string;
  /** Linked on Telegram as this chat user. */
  user?: ChatUser;
}

export interface World {
  branch: { id: number; code: string; name: string; organisationId: number };
  /** The stored member called `fullName`. */
  member(fullName: string): { id: number; branchId: number; role: string; fullName: string };
  /** That member acting (as chat makes him/her act). */
  actor(fullName: string): Actor;
}

/** An organisation (made once per database), a branch, its roster, and the given people linked on Telegram. */
export async function givenBranch(
  h: Harness,
  opts: { code?: string; name?: string; orgName?: string; people: PersonSpec[] },
): Promise<World> {
  const s = h.app.services;
  const orgName = opts.orgName ?? "Đảng bộ phường Hòa Bình";
  const org = await s.organisationByName(STAFF, orgName).catch(() => s.createOrganisation(STAFF, orgName));
  const code = opts.code ?? "tdp5";
  const branch = await s.createBranch(STAFF, {
    organisationId: org.id,
    code,
    name: opts.name ?? "Chi bộ Tổ dân phố 5",
    kind: "residential",
  });
  const report = await s.importRoster({
    branchId: branch.id,
    actor: STAFF.label,
    sheet: {
      headers: ["Họ và tên", "Điện thoại", "Chức vụ", "Tình trạng", "Nhóm đảng phí"],
      rows: opts.people.map((p, i) => ({
        row: i + 2,
        cells: [p.fullName, p.phone ?? "", p.post ?? "Đảng viên", p.status ?? "", p.feeGroup ?? ""],
      })),
    },
  });
  if (!report.ok) throw new Error(`roster refused: ${JSON.stringify(report.errors)}`);
  const members = await s.branchMembers(STAFF, branch.id);
  const byName = (fullName: string) => {
    const m = members.find((x) => x.fullName === fullName);
    if (!m) throw new Error(`no member ${fullName}`);
    return m;
  };
  const linked = opts.people.filter((p) => p.user);
  if (linked.length > 0) {
    const invites = await s.issueInvites(STAFF, {
      branchId: branch.id,
      memberIds: linked.map((p) => byName(p.fullName).id),
    });
    for (const p of linked) {
      const code = invites.find((i) => i.memberId === byName(p.fullName).id)!.code;
      const id = String(p.user!.userId);
      const result = await s.linkWithCode({ channel: "telegram", externalId: id, chatId: id }, code);
      if (result.type !== "linked") throw new Error(`could not link ${p.fullName}: ${result.type}`);
    }
  }
  return {
    branch,
    member: byName,
    actor: (fullName) => memberAsActor(byName(fullName)),
  };
}

/** Links a member of the world on Zalo, as the chat with that Zalo user would. */
export async function givenZaloLink(h: Harness, w: World, fullName: string, zaloId: string): Promise<void> {
  const [invite] = await h.app.services.issueInvites(STAFF, {
    branchId: w.branch.id,
    memberIds: [w.member(fullName).id],
  });
  const r = await h.app.services.linkWithCode({ channel: "zalo", externalId: zaloId, chatId: zaloId }, invite!.code);
  if (r.type !== "linked") throw new Error(`could not link ${fullName} on Zalo: ${r.type}`);
}

/** Waits until the bot is quiet and drops what the given users received so far (the setup's own notices). */
export async function forget(h: Harness, users: ChatUser[]): Promise<void> {
  await h.settle();
  for (const u of users) await u.drain();
}
