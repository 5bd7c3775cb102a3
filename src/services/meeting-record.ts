/**
 * The record of a held meeting (biên bản): when it really began and ended, who
 * chaired and kept the minutes, what was said, who spoke, the resolution, the
 * higher-level delegate; whether it was up to standard (HD 12-2018, thresholds
 * from the committee's settings); and the minutes as a Word document. The
 * branch's leaders write it; committee staff of the organisation read it.
 */
import { sortByName } from "../domain/text.ts";
import {
  excusedStreaks,
  meetingQuality,
  outcomeOf,
  type MeetingQuality,
  type Outcome,
} from "../domain/meeting-quality.ts";
import { yearRange } from "../domain/time.ts";
import type { Db } from "../db/client.ts";
import { audit } from "./audit.ts";
import { assertLeaderOrCommittee } from "./committee-overview.ts";
import { committeeSettings } from "./committee-settings.ts";
import type { Actor, ServiceDeps } from "./deps.ts";
import { ServiceError } from "./errors.ts";
import { assertLeaderOf } from "./meetings.ts";

export const MAX_RECORD_TEXT = 20_000;
export const MAX_RECORD_NAME = 100;
export const MAX_SPEAKERS = 100;

export interface MeetingRecordInput {
  startedAt: Date;
  endedAt: Date;
  chairName: string;
  minutesBy: string;
  content: string;
  resolution: string;
  delegate?: string | null;
  speakers: string[];
  prepared: boolean;
}

function cleanName(value: string, field: string): string {
  const v = value.trim().replace(/\s+/g, " ");
  if (v === "" || v.length > MAX_RECORD_NAME)
    throw new ServiceError("record.bad_name", { field, max: MAX_RECORD_NAME });
  return v;
}

/** Writes (or rewrites) the record of a meeting that has taken place. */
export async function saveMeetingRecord(deps: ServiceDeps, actor: Actor, meetingId: number, input: MeetingRecordInput) {
  const { db } = deps;
  const meeting = await db.meeting.findUnique({ where: { id: meetingId } });
  if (!meeting) throw new ServiceError("meeting.not_found");
  assertLeaderOf(actor, meeting.branchId, "meeting.record");
  if (meeting.status === "cancelled") throw new ServiceError("meeting.cancelled");
  const now = deps.clock();
  if (meeting.startsAt > now || input.startedAt > now) throw new ServiceError("meeting.not_yet_held");
  if (!(input.endedAt > input.startedAt)) throw new ServiceError("record.end_before_start");
  if (input.endedAt.getTime() - input.startedAt.getTime() > 12 * 3_600_000) throw new ServiceError("record.too_long");
  if (Math.abs(input.startedAt.getTime() - meeting.startsAt.getTime()) > 24 * 3_600_000)
    throw new ServiceError("record.other_day");
  for (const [field, text] of [
    ["content", input.content],
    ["resolution", input.resolution],
  ] as const)
    if (text.length > MAX_RECORD_TEXT) throw new ServiceError("record.too_much_text", { field, max: MAX_RECORD_TEXT });
  const speakers = [...new Set(input.speakers.map((s) => s.trim().replace(/\s+/g, " ")).filter(Boolean))];
  if (speakers.length > MAX_SPEAKERS || speakers.some((s) => s.length > MAX_RECORD_NAME))
    throw new ServiceError("record.bad_speakers", { max: MAX_SPEAKERS });
  const delegate = input.delegate?.trim() || null;
  if (delegate && delegate.length > 200) throw new ServiceError("record.bad_name", { field: "delegate", max: 200 });
  const data = {
    startedAt: input.startedAt,
    endedAt: input.endedAt,
    chairName: cleanName(input.chairName, "chairName"),
    minutesBy: cleanName(input.minutesBy, "minutesBy"),
    content: input.content.trim(),
    resolution: input.resolution.trim(),
    delegate,
    speakers: JSON.stringify(speakers),
    prepared: input.prepared,
  };
  return db.$transaction(async (tx) => {
    const updated = await tx.meeting.update({ where: { id: meetingId }, data });
    await audit(tx, {
      actor: actor.label,
      action: "meeting.record",
      branchId: meeting.branchId,
      details: { meetingId, minutes: Math.round((input.endedAt.getTime() - input.startedAt.getTime()) / 60_000) },
    });
    return updated;
  });
}

export function speakersOf(meeting: { speakers: string }): string[] {
  try {
    const list: unknown = JSON.parse(meeting.speakers);
    return Array.isArray(list) ? list.filter((s): s is string => typeof s === "string") : [];
  } catch {
    return [];
  }
}

type MeetingRow = Awaited<ReturnType<Db["meeting"]["findUniqueOrThrow"]>>;

export interface QualityRow {
  meeting: MeetingRow;
  quality: MeetingQuality;
}

/**
 * Every meeting of a branch held in a year (attendance recorded), in order, each with its quality; the streaks of
 * absences with reason are counted across them.
 */
export async function branchYearQuality(deps: ServiceDeps, branchId: number, year: number): Promise<QualityRow[]> {
  const { db } = deps;
  const { from, to } = yearRange(year, deps.settings.timeZone);
  const branch = await db.branch.findUniqueOrThrow({ where: { id: branchId } });
  const settings = await committeeSettings(db, branch.organisationId);
  const meetings = await db.meeting.findMany({
    where: { branchId, status: "held", startsAt: { gte: from, lt: to } },
    orderBy: { startsAt: "asc" },
  });
  const responses = await db.response.findMany({
    where: { meetingId: { in: meetings.map((m) => m.id) }, attendance: { not: null } },
    select: { meetingId: true, memberId: true, attendance: true, answer: true },
  });
  const history: Map<number, Outcome>[] = [];
  return meetings.map((meeting) => {
    const mine = responses.filter((r) => r.meetingId === meeting.id);
    const outcomes = new Map<number, Outcome>();
    for (const r of mine) {
      const o = outcomeOf(r);
      if (o) outcomes.set(r.memberId, o);
    }
    history.push(outcomes);
    const quality = meetingQuality(
      {
        startedAt: meeting.startedAt,
        endedAt: meeting.endedAt,
        chairName: meeting.chairName,
        minutesBy: meeting.minutesBy,
        content: meeting.content,
        resolution: meeting.resolution,
        speakers: speakersOf(meeting),
        prepared: meeting.prepared,
        outcomes: mine.length > 0 ? outcomes : null,
        excusedStreaks: excusedStreaks(history),
      },
      settings,
    );
    return { meeting, quality };
  });
}

/** One meeting's record and quality, with the names the minutes need. */
export async function meetingRecord(deps: ServiceDeps, actor: Actor, meetingId: number) {
  const { db } = deps;
  const meeting = await db.meeting.findUnique({
    where: { id: meetingId },
    include: { branch: { include: { organisation: true } } },
  });
  if (!meeting) throw new ServiceError("meeting.not_found");
  await assertLeaderOrCommittee(db, actor, meeting.branchId, "meeting.record_read");
  const tz = deps.settings.timeZone;
  const year = Number(new Intl.DateTimeFormat("en", { timeZone: tz, year: "numeric" }).format(meeting.startsAt));
  const rows = meeting.status === "held" ? await branchYearQuality(deps, meeting.branchId, year) : [];
  const settings = await committeeSettings(db, meeting.branch.organisationId);
  const quality =
    rows.find((r) => r.meeting.id === meetingId)?.quality ??
    meetingQuality(
      {
        ...meeting,
        speakers: speakersOf(meeting),
        outcomes: null,
        excusedStreaks: new Map(),
      },
      settings,
    );
  const [responses, guests] = await Promise.all([
    db.response.findMany({ where: { meetingId }, include: { member: { select: { fullName: true } } } }),
    db.guestResponse.findMany({ where: { meetingId }, include: { member: { select: { fullName: true } } } }),
  ]);
  const named = (list: typeof responses, o: Outcome) =>
    sortByName(
      list.filter((r) => outcomeOf(r) === o).map((r) => ({ fullName: r.member.fullName, reason: r.reason ?? "" })),
    );
  return {
    meeting,
    branch: meeting.branch,
    quality,
    settings,
    speakers: speakersOf(meeting),
    present: named(responses, "present"),
    excused: named(responses, "excused"),
    unexcused: named(responses, "unexcused"),
    guestsPresent: sortByName(
      guests.filter((g) => g.attendance === "present").map((g) => ({ fullName: g.member.fullName })),
    ),
  };
}

export type MeetingRecordView = Awaited<ReturnType<typeof meetingRecord>>;

/** The year's held meetings of a branch with their quality, for its leaders and the committee. */
export async function branchMeetingQuality(deps: ServiceDeps, actor: Actor, branchId: number, year: number) {
  await assertLeaderOrCommittee(deps.db, actor, branchId, "meeting.record_read");
  return branchYearQuality(deps, branchId, year);
}
