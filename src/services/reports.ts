/**
 * Branch reports for secretaries and the committee: members and their links,
 * attendance over a year, announcement delivery, the audit log; as rows for
 * chat summaries and as XLSX/CSV files. Also a member's own data, and erasing
 * a member who left (only anonymous aggregates remain).
 */
import ExcelJS from "exceljs";
import { isPostgresql, reclaimDeletedSpace, type Db } from "../db/client.ts";
import { addAnonymousAnswers } from "../db/anonymous-answers.ts";
import { formatDate, formatDateTime, yearRange } from "../domain/time.ts";
import { sortByName } from "../domain/text.ts";
import { KIND_LABELS } from "../texts/vi.ts";
import { assertCommitteeReads } from "./committee-overview.ts";
import { auditActionLabel, auditDetails } from "../texts/audit.ts";
import { documentTexts as doc } from "../texts/documents.ts";
import { announcementStatus, RECIPIENT_STATE_LABELS } from "./announcements.ts";
import { absenceKind } from "../domain/attendance.ts";
import { audit } from "./audit.ts";
import { reviewState } from "./self-review.ts";
import { surveyDefinition } from "./surveys.ts";
import { csvFile } from "./csv.ts";
import { inSlices } from "./slices.ts";
import { NotAuthorisedError, ServiceError } from "./errors.ts";
import { isLeader, ROLE_LABELS } from "./members.ts";
import { assertLeaderOf, type Actor } from "./meetings.ts";
import type { ServiceDeps } from "./deps.ts";

export interface Table {
  title: string;
  headers: string[];
  rows: (string | number)[][];
  /** Columns (0-based) shown as percentages. */
  percentColumns?: number[];
  /** Single cells (0-based row and column) shown as percentages, for tables whose rows differ in kind. */
  percentCell?: (row: number, column: number) => boolean;
}

/** Reports of a branch: its secretary and deputy, and the committee staff of its organisation. */
async function assertReader(db: Db, actor: Actor, branchId: number): Promise<void> {
  if (actor.isAdmin) return;
  if (actor.branchId === branchId && isLeader(actor)) return;
  if (actor.role !== "committee") throw new NotAuthorisedError("report.read");
  await assertCommitteeReads(db, actor, branchId);
}

export async function membersTable(db: Db, actor: Actor, branchId: number): Promise<Table> {
  await assertReader(db, actor, branchId);
  const members = sortByName(
    await db.member.findMany({ where: { branchId, leftAt: null }, include: { accounts: true } }),
  );
  return {
    title: doc.members.title,
    headers: doc.members.headers,
    rows: members.map((m, i) => [
      i + 1,
      m.fullName,
      ROLE_LABELS[m.role],
      m.status === "probationary" ? doc.members.probationary : doc.members.official,
      m.phone ?? "",
      m.accounts.length ? doc.members.linked : doc.members.notLinked,
      m.accounts.map((a) => doc.members.channel(a.channel, a.unreachableAt !== null)).join(", "),
      m.exemption === "temporary" ? doc.members.temporary : m.exemption === "full" ? doc.members.full : "",
    ]),
  };
}

export interface AttendanceYear {
  meetings: Table;
  members: Table;
}

export async function attendanceYear(
  db: Db,
  actor: Actor,
  branchId: number,
  year: number,
  threshold: number,
  timeZone: string,
): Promise<AttendanceYear> {
  await assertReader(db, actor, branchId);
  const { from, to } = yearRange(year, timeZone);
  const meetings = await db.meeting.findMany({
    where: { branchId, status: "held", startsAt: { gte: from, lt: to } },
    orderBy: { startsAt: "asc" },
    include: { responses: true },
  });
  const members = sortByName(await db.member.findMany({ where: { branchId, leftAt: null } }));
  const meetingRows = meetings.map((m) => {
    const recorded = m.responses.filter((r) => r.attendance);
    const present = recorded.filter((r) => r.attendance === "present").length;
    const without = recorded.filter(
      (r) => r.attendance === "absent" && absenceKind(r.answer) === "without_reason",
    ).length;
    const pending = recorded.filter((r) => r.attendance === "absent" && absenceKind(r.answer) === "pending").length;
    const rate = recorded.length ? present / recorded.length : 0;
    return [
      formatDate(m.startsAt, timeZone),
      KIND_LABELS[m.kind] ?? m.kind,
      recorded.length,
      present,
      rate,
      pending,
      without,
      rate > threshold && without === 0 ? doc.attendance.met : doc.attendance.notMet,
    ];
  });
  const memberRows = members.map((mem, i) => {
    const own = meetings.map((m) => m.responses.find((r) => r.memberId === mem.id)).filter((r) => r?.attendance);
    const present = own.filter((r) => r!.attendance === "present").length;
    const withReason = own.filter((r) => r!.attendance === "absent" && r!.answer === "leave_accepted").length;
    const pending = own.filter((r) => r!.attendance === "absent" && absenceKind(r!.answer) === "pending").length;
    const without = own.filter((r) => r!.attendance === "absent" && absenceKind(r!.answer) === "without_reason").length;
    return [
      i + 1,
      mem.fullName,
      own.length,
      present,
      withReason,
      pending,
      without,
      without >= 3 ? doc.attendance.threeWithoutReason : "",
    ];
  });
  return {
    meetings: {
      title: doc.attendance.meetingsTitle(year),
      headers: doc.attendance.meetingHeaders(threshold),
      rows: meetingRows,
      percentColumns: [4],
    },
    members: {
      title: doc.attendance.membersTitle(year),
      headers: doc.attendance.memberHeaders,
      rows: memberRows,
    },
  };
}

export async function announcementTable(db: Db, actor: Actor, id: number, timeZone: string): Promise<Table> {
  const { announcement, recipients } = await announcementStatus(db, actor, id);
  const acks = new Map(
    (await db.announcementAck.findMany({ where: { announcementId: id } })).map((a) => [a.memberId, a.at]),
  );
  return {
    title: doc.announcement.title(id, formatDateTime(announcement.sendAt, timeZone)),
    headers: doc.announcement.headers,
    rows: recipients.map((r, i) => [
      i + 1,
      r.fullName,
      RECIPIENT_STATE_LABELS[r.state],
      acks.has(r.memberId) ? formatDateTime(acks.get(r.memberId)!, timeZone) : "",
    ]),
  };
}

export async function auditTable(db: Db, actor: Actor, branchId: number, timeZone: string, take = 500): Promise<Table> {
  await assertReader(db, actor, branchId);
  const rows = await db.auditLog.findMany({ where: { branchId }, orderBy: { id: "desc" }, take });
  const ids = [
    ...new Set(
      rows
        .flatMap((r) => [r.targetMemberId, Number(r.actor.split(":")[1])])
        .filter((n): n is number => Number.isInteger(n)),
    ),
  ];
  const names = new Map(
    (
      await inSlices(ids, (slice) =>
        db.member.findMany({ where: { id: { in: slice } }, select: { id: true, fullName: true } }),
      )
    ).map((m) => [m.id, m.fullName]),
  );
  const who = (actor: string) =>
    actor.startsWith("member:")
      ? (names.get(Number(actor.slice(7))) ?? actor)
      : actor === "cli"
        ? doc.audit.commandLine
        : actor.startsWith("cli:")
          ? doc.audit.operator(actor.slice(4))
          : actor === "schedule"
            ? doc.audit.schedule
            : actor;
  return {
    title: doc.audit.title,
    headers: doc.audit.headers,
    rows: rows.map((r) => [
      formatDateTime(r.at, timeZone),
      who(r.actor),
      auditActionLabel(r.action),
      r.targetMemberId ? (names.get(r.targetMemberId) ?? `#${r.targetMemberId}`) : "",
      auditDetails(r.details),
    ]),
  };
}

export async function tablesToXlsx(tables: Table[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "chibo";
  for (const table of tables) {
    const ws = wb.addWorksheet(table.title.slice(0, 31).replace(/[\\/?*[\]:]/g, "-"));
    ws.addRow([table.title.toUpperCase()]).font = { bold: true };
    ws.addRow(table.headers).font = { bold: true };
    table.rows.forEach((row, r) => {
      const added = ws.addRow(row);
      for (const c of table.percentColumns ?? []) added.getCell(c + 1).numFmt = "0.0%";
      if (table.percentCell)
        row.forEach((v, c) => {
          if (typeof v === "number" && table.percentCell!(r, c)) added.getCell(c + 1).numFmt = "0.0%";
        });
    });
    ws.columns.forEach((col, i) => {
      col.width = i === 1 ? 28 : 16;
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export function tableToCsv(table: Table): Buffer {
  return csvFile([table.headers, ...table.rows]);
}

/**
 * Everything the bot holds about one member, for that member: every field of
 * the record, and the rows of every table that refers to the member, by table
 * (a test holds this list to the schema, so a new table cannot be forgotten).
 * Only what identifies others, and code hashes, are left out.
 */
export async function memberDataExport(db: Db, memberId: number) {
  const member = await db.member.findUniqueOrThrow({
    where: { id: memberId },
    include: { branch: { select: { name: true } } },
  });
  const [
    accounts,
    invites,
    responses,
    outbox,
    fees,
    adjustments,
    acks,
    reviews,
    auditEntries,
    surveys,
    links,
    web,
    guests,
    liaisons,
    candidacy,
  ] = await Promise.all([
    db.channelAccount.findMany({ where: { memberId } }),
    db.inviteCode.findMany({ where: { memberId } }),
    db.response.findMany({ where: { memberId }, include: { meeting: { select: { startsAt: true, kind: true } } } }),
    db.outbox.findMany({ where: { memberId }, orderBy: { id: "asc" } }),
    db.feeEntry.findMany({ where: { memberId } }),
    db.feeAdjustment.findMany({ where: { memberId } }),
    db.announcementAck.findMany({ where: { memberId } }),
    db.selfReview.findMany({ where: { memberId }, include: { campaign: { select: { year: true } } } }),
    db.auditLog.findMany({ where: { OR: [{ targetMemberId: memberId }, { actor: `member:${memberId}` }] } }),
    db.surveyRecipient.findMany({
      where: { memberId },
      include: { survey: { select: { title: true, anonymous: true, deadline: true } } },
    }),
    db.webToken.findMany({ where: { memberId } }),
    db.webSession.findMany({ where: { memberId } }),
    db.guestResponse.findMany({
      where: { memberId },
      include: { meeting: { select: { startsAt: true, branch: { select: { name: true } } } } },
    }),
    db.branchLiaison.findMany({ where: { memberId }, include: { branch: { select: { name: true } } } }),
    db.candidate.findMany({ where: { memberId } }),
  ]);
  const { id: _id, branchId: _branchId, branch, ...fields } = member;
  const text = (payload: string) => {
    try {
      return (JSON.parse(payload) as { text?: string }).text ?? null;
    } catch {
      return null;
    }
  };
  return {
    member: { ...fields, branch: branch.name },
    tables: {
      ChannelAccount: accounts.map((a) => ({
        channel: a.channel,
        externalId: a.externalId,
        chatId: a.chatId,
        linkedAt: a.linkedAt,
        lastSeenAt: a.lastSeenAt,
        unreachableAt: a.unreachableAt,
      })),
      InviteCode: invites.map((i) => ({ createdAt: i.createdAt, expiresAt: i.expiresAt, usedAt: i.usedAt })),
      Response: responses.map((r) => ({
        meeting: r.meeting.startsAt,
        kind: r.meeting.kind,
        answer: r.answer,
        reason: r.reason,
        answeredAt: r.answeredAt,
        decidedAt: r.decidedAt,
        attendance: r.attendance,
      })),
      Outbox: outbox.map((o) => ({
        kind: o.kind,
        channel: o.channel,
        status: o.status,
        createdAt: o.createdAt,
        sentAt: o.sentAt,
        text: text(o.payload),
      })),
      FeeEntry: fees.map((f) => ({
        month: f.month,
        amount: f.amount,
        kind: f.kind,
        status: f.status,
        note: f.note,
        at: f.createdAt,
      })),
      FeeAdjustment: adjustments.map((a) => ({
        kind: a.kind,
        percent: a.percent,
        from: a.fromMonth,
        to: a.toMonth,
        reason: a.reason,
        at: a.createdAt,
      })),
      AnnouncementAck: acks.map((a) => ({ announcementId: a.announcementId, at: a.at })),
      SelfReview: reviews.map((r) => ({
        year: r.campaign.year,
        form: r.form,
        status: r.status,
        answers: reviewState(r).answers,
        total: r.total,
        proposedLevel: r.proposedLevel,
        finalLevel: r.finalLevel,
        submittedAt: r.submittedAt,
        finalAt: r.finalAt,
      })),
      // An anonymous survey's sent answers are stored with no link to the member: only that he/she answered is here.
      SurveyRecipient: surveys.map((r) => ({
        survey: r.survey.title,
        anonymous: r.survey.anonymous,
        deadline: r.survey.deadline,
        status: r.status,
        reachable: r.reachable,
        answeredAt: r.answeredAt,
        answers: (JSON.parse(r.state) as { answers?: unknown }).answers ?? {},
      })),
      WebToken: links.map((l) => ({
        purpose: l.purpose,
        createdAt: l.createdAt,
        expiresAt: l.expiresAt,
        usedAt: l.usedAt,
      })),
      WebSession: web.map((w) => ({ createdAt: w.createdAt, lastSeenAt: w.lastSeenAt })),
      GuestResponse: guests.map((g) => ({
        branch: g.meeting.branch.name,
        meeting: g.meeting.startsAt,
        answer: g.answer,
        reason: g.reason,
        answeredAt: g.answeredAt,
        attendance: g.attendance,
      })),
      BranchLiaison: liaisons.map((l) => ({ branch: l.branch.name, since: l.since, until: l.until })),
      Candidate: candidacy.map(({ id: _cid, branchId: _b, memberId: _m, ...c }) => c),
      AuditLog: auditEntries.map((e) => ({
        at: e.at,
        action: e.action,
        actor: e.actor === `member:${memberId}` ? "self" : e.actor,
        details: e.details,
      })),
    },
  };
}

/**
 * Erases a member who left. Removed or anonymised: the name and phone, every
 * field of the record beyond branch and dates, chat links, invites, link
 * attempts, sessions and numbered menus of his/her chats, every message sent to
 * him/her, and in anyone's stored messages, menus, dialogs and audit details
 * the name, the phone and what he/she wrote (leave reasons, self-review
 * answers); leave reasons, self-review answers and scores, fee notes and
 * adjustment reasons themselves. Kept, on an anonymous record, so that the
 * branch's totals do not change: answers and attendance, fee amounts, the
 * levels decided. Then the freed pages are wiped from the database file.
 */
export async function eraseMember(db: Db, actor: Actor, memberId: number, now: Date): Promise<void> {
  const member = await db.member.findUnique({ where: { id: memberId } });
  if (!member) throw new ServiceError("member.not_found");
  if (!actor.isAdmin && (actor.branchId !== member.branchId || !isLeader(actor)))
    throw new NotAuthorisedError("member.erase");
  if (actor.id === memberId) throw new ServiceError("member.erase_self");
  const placeholder = doc.erased.placeholder(member.id);
  await db.$transaction(async (tx) => {
    // What identifies the member or is his/her own words, to be taken out of every stored text.
    const reasons = (
      await tx.response.findMany({ where: { memberId, reason: { not: null } }, select: { reason: true } })
    ).map((r) => r.reason!);
    const reviews = await tx.selfReview.findMany({ where: { memberId }, select: { state: true } });
    const surveyRows = await tx.surveyRecipient.findMany({ where: { memberId }, include: { survey: true } });
    // Short texts ("Ốm", "Có") are common words in others' messages: only what is long enough to be the member's own is
    // searched for.
    const answersOf = (state: string) =>
      Object.values((JSON.parse(state) as { answers?: Record<string, unknown> }).answers ?? {});
    const written = [
      ...reasons,
      ...reviews.flatMap((r) => answersOf(r.state)),
      ...surveyRows.flatMap((r) => answersOf(r.state)),
    ].filter((v): v is string => typeof v === "string" && v.trim().length >= 8);
    const secrets = [...new Set([member.fullName, member.phone, ...written].filter((x): x is string => !!x))].sort(
      (a, b) => b.length - a.length,
    );
    const scrub = (text: string) =>
      secrets.reduce(
        (t, secret) => t.split(secret).join(secret === member.fullName ? placeholder : doc.erased.removed),
        text,
      );

    const accounts = await tx.channelAccount.findMany({ where: { memberId } });
    for (const a of accounts) {
      await tx.chatSession.deleteMany({ where: { channel: a.channel, chatId: a.chatId } });
      await tx.choiceMenu.deleteMany({ where: { channel: a.channel, chatId: a.chatId } });
      await tx.linkAttempt.deleteMany({ where: { channel: a.channel, externalId: a.externalId } });
      // Zalo update keys begin with the chat id, which identifies the person.
      if (a.channel === "zalo")
        await tx.inboundSeen.deleteMany({ where: { channel: "zalo", updateKey: { startsWith: `${a.chatId}:` } } });
      await tx.outbox.deleteMany({ where: { channel: a.channel, chatId: a.chatId } });
    }
    await tx.channelAccount.deleteMany({ where: { memberId } });
    await tx.inviteCode.deleteMany({ where: { memberId } });
    await tx.webToken.deleteMany({ where: { memberId } });
    await tx.webSession.deleteMany({ where: { memberId } });
    await tx.outbox.deleteMany({ where: { memberId } });
    // Others' messages, menus and dialogs that mention the member or quote him/her.
    for (const secret of secrets) {
      for (const row of await tx.outbox.findMany({
        where: { payload: { contains: secret } },
        select: { id: true, payload: true, status: true },
      })) {
        await tx.outbox.update({
          where: { id: row.id },
          data: { payload: scrub(row.payload), ...(row.status === "pending" ? { status: "cancelled" } : {}) },
        });
      }
      await tx.choiceMenu.deleteMany({ where: { choices: { contains: secret } } });
      await tx.chatSession.deleteMany({ where: { data: { contains: secret } } });
      for (const row of await tx.auditLog.findMany({
        where: { details: { contains: secret } },
        select: { id: true, details: true },
      })) {
        await tx.auditLog.update({ where: { id: row.id }, data: { details: scrub(row.details) } });
      }
    }
    // Sent answers of named surveys stay in the results as an anonymous sheet, without the member's own words.
    for (const r of surveyRows) {
      if (r.status !== "answered" || r.survey.anonymous) continue;
      const answers = (JSON.parse(r.state) as { answers?: Record<string, unknown> }).answers ?? {};
      const texts = new Set(
        surveyDefinition(r.survey)
          .sections.flatMap((s) => s.questions)
          .filter((q) => q.type === "short_text" || q.type === "long_text")
          .map((q) => q.id),
      );
      const kept = Object.fromEntries(Object.entries(answers).filter(([id]) => !texts.has(id)));
      await addAnonymousAnswers(tx, isPostgresql(db), [
        { surveyId: r.surveyId, branchId: r.branchId, answers: JSON.stringify(kept) },
      ]);
    }
    await tx.surveyRecipient.deleteMany({ where: { memberId } });
    await tx.response.updateMany({ where: { memberId }, data: { reason: null } });
    await tx.guestResponse.updateMany({ where: { memberId }, data: { reason: null } });
    await tx.branchLiaison.deleteMany({ where: { memberId } });
    // The admission record stays for the branch's counts (its dates), without the person.
    await tx.candidate.updateMany({
      where: { memberId },
      data: { fullName: placeholder, birthDate: "", note: "", closedReason: null, introducerUnion: null },
    });
    await tx.selfReview.updateMany({ where: { memberId }, data: { state: "{}", total: null } });
    await tx.feeEntry.updateMany({ where: { memberId }, data: { note: "" } });
    await tx.feeAdjustment.updateMany({ where: { memberId }, data: { reason: "" } });
    await tx.member.update({
      where: { id: memberId },
      data: {
        fullName: placeholder,
        phone: null,
        role: "member",
        status: "official",
        feeGroup: null,
        feeBase: null,
        feesFromMonth: null,
        exemption: "none",
        exemptFrom: null,
        exemptUntil: null,
        preferredChannel: null,
        formKind: "2C",
        admittedAt: null,
        suspended: false,
        leftAt: member.leftAt ?? now,
      },
    });
    await audit(tx, {
      actor: actor.label,
      action: "member.erase",
      branchId: member.branchId,
      targetMemberId: memberId,
    });
  });
  await reclaimDeletedSpace(db);
}

// ——— The use cases as chat and the command line call them ———

/** A member's own data, or a member's data for a leader or staff (a request handled for him/her); audited. */
export async function memberDataExportFor(deps: ServiceDeps, actor: Actor, memberId: number) {
  const member = await deps.db.member.findUniqueOrThrow({ where: { id: memberId } });
  if (actor.id !== memberId) assertLeaderOf(actor, member.branchId, "member.data_export");
  const data = await memberDataExport(deps.db, memberId);
  await audit(deps.db, {
    actor: actor.label,
    action: "member.data_export",
    branchId: member.branchId,
    targetMemberId: memberId,
  });
  return data;
}

/** Erases a member of the branch now (see eraseMember). */
export function eraseMemberNow(deps: ServiceDeps, actor: Actor, memberId: number): Promise<void> {
  return eraseMember(deps.db, actor, memberId, deps.clock());
}

/** How many members of a branch are linked on each channel. */
export async function linkedAccountsOfBranch(deps: ServiceDeps, actor: Actor, branchId: number) {
  assertLeaderOf(actor, branchId, "report.members");
  const accounts = await deps.db.channelAccount.findMany({
    where: { member: { branchId, leftAt: null } },
    select: { channel: true },
  });
  return {
    telegram: accounts.filter((a) => a.channel === "telegram").length,
    zalo: accounts.filter((a) => a.channel === "zalo").length,
  };
}

/** A report file was handed out: who took which report of which branch. */
export async function recordExport(
  deps: ServiceDeps,
  actor: Actor,
  input: {
    branchId: number;
    action: "report.export" | "review.export" | "review.document" | "fee.export";
    targetMemberId?: number;
    details: Record<string, unknown>;
  },
) {
  if (!actor.isAdmin && actor.branchId !== input.branchId) throw new NotAuthorisedError(input.action);
  await audit(deps.db, {
    actor: actor.label,
    action: input.action,
    branchId: input.branchId,
    ...(input.targetMemberId !== undefined ? { targetMemberId: input.targetMemberId } : {}),
    details: input.details,
  });
}
