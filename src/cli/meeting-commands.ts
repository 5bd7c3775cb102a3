/** Admin command line: meetings (create, move, cancel, list) and the answers a secretary writes down for a member. */
import { cliHelp as help } from "../texts/cli-help.ts";
import { Option, type Command } from "commander";
import { writeFile } from "node:fs/promises";
import { formatDate, formatDateTime, fromLocal, localParts, parseClock } from "../domain/time.ts";
import { MEETING_KINDS, type MeetingKind } from "../services/meetings.ts";
import { cliTexts as x } from "../texts/cli.ts";
import { KIND_LABELS } from "../texts/vi.ts";
import { criterionLine, qualityVerdict } from "../texts/meetings.ts";
import { parseIdArg, parseInstantArg, parseYearArg } from "./parse.ts";
import { CliError, type CliDeps, type Finders } from "./shared.ts";

export function addMeetingCommands(program: Command, deps: CliDeps, find: Finders): void {
  const { services, actor, out } = deps;
  const instant = (option: string, value: string) => parseInstantArg(value, option, deps.clock, deps.timeZone);
  /** The meeting by its number, and the member of its branch named by --member. */
  const meetingAndMember = async (id: string, who: string) => {
    const meeting = await services.getMeetingForLeader(actor, parseIdArg(id, x.meetingNumber), "meeting.read");
    const member = await find.findMember(meeting.branchId, who);
    return { meeting, member };
  };

  const meeting = program.command("meeting").description(help.meeting.description);
  meeting
    .command("create")
    .description(help.meeting.create.description)
    .requiredOption("--branch <mã>", help.meeting.create.branch)
    .addOption(new Option("--kind <loại>", help.meeting.create.kind).choices(MEETING_KINDS).default("regular"))
    .requiredOption("--at <ngày giờ>", help.meeting.create.at)
    .requiredOption("--place <địa điểm>", help.meeting.create.place)
    .option("--agenda <nội dung>", help.meeting.create.agenda, "")
    .action(async (o: { branch: string; kind: MeetingKind; at: string; place: string; agenda: string }) => {
      const b = await find.branchByCode(o.branch);
      const { meeting: created, notified: n } = await services.scheduleMeeting(actor, {
        branchId: b.id,
        kind: o.kind,
        startsAt: instant("--at", o.at),
        place: o.place,
        agenda: o.agenda,
      });
      out(
        x.meetingCreated(created.id, KIND_LABELS[o.kind] ?? o.kind, formatDateTime(created.startsAt, deps.timeZone), n),
      );
    });
  meeting
    .command("cancel <số>")
    .description(help.meeting.cancel.description)
    .action(async (id: string) => {
      const { meeting: cancelled, notified: n } = await services.callOffMeeting(actor, parseIdArg(id, x.meetingNumber));
      out(x.meetingCancelled(cancelled.id, n));
    });
  meeting
    .command("list")
    .description(help.meeting.list.description)
    .requiredOption("--branch <mã>", help.meeting.list.branch)
    .action(async (o: { branch: string }) => {
      const b = await find.branchByCode(o.branch);
      const rows = await services.recentMeetings(actor, b.id);
      for (const m of rows)
        out(
          x.meetingRow(
            m.id,
            formatDateTime(m.startsAt, deps.timeZone),
            KIND_LABELS[m.kind] ?? m.kind,
            x.meetingStatus[m.status] ?? m.status,
            m.place,
          ),
        );
    });

  meeting
    .command("move <số>")
    .description(help.meeting.move.description)
    .option("--at <ngày giờ>", help.meeting.move.at)
    .option("--place <địa điểm>", help.meeting.move.place)
    .option("--agenda <nội dung>", help.meeting.move.agenda)
    .action(async (id: string, o: { at?: string; place?: string; agenda?: string }) => {
      if (o.at === undefined && o.place === undefined && o.agenda === undefined) throw new CliError(x.nothingToMove);
      const { meeting, notified } = await services.rescheduleMeeting(actor, parseIdArg(id, x.meetingNumber), {
        ...(o.at !== undefined ? { startsAt: instant("--at", o.at) } : {}),
        ...(o.place !== undefined ? { place: o.place } : {}),
        ...(o.agenda !== undefined ? { agenda: o.agenda } : {}),
      });
      out(x.meetingMoved(meeting.id, formatDateTime(meeting.startsAt, deps.timeZone), meeting.place, notified));
    });
  meeting
    .command("answer <số>")
    .description(help.meeting.answer.description)
    .requiredOption("--member <ai>", help.meeting.answer.member)
    .option("--attending", help.meeting.answer.attending)
    .option("--leave <lý do>", help.meeting.answer.leave)
    .action(async (id: string, o: { member: string; attending?: boolean; leave?: string }) => {
      if (!o.attending === (o.leave === undefined)) throw new CliError(x.oneOfAttendingLeave);
      const { meeting, member } = await meetingAndMember(id, o.member);
      const input = { memberId: member.id, meetingId: meeting.id };
      if (o.attending) {
        const result = await services.answerAttending(actor, input);
        if (result.type === "stale") throw new CliError(x.answerStale[result.reason] ?? result.reason);
        out(result.changed ? x.answerAttending(member.fullName) : x.answerUnchanged(member.fullName));
        return;
      }
      const result = await services.requestLeave(actor, { ...input, reason: o.leave!.trim() });
      if (result.type === "stale") throw new CliError(x.answerStale[result.reason] ?? result.reason);
      out(
        result.changed
          ? x.leaveRequested(member.fullName, result.leadersTold ?? 0)
          : x.answerUnchanged(member.fullName),
      );
    });
  meeting
    .command("decide <số>")
    .description(help.meeting.decide.description)
    .requiredOption("--member <ai>", help.meeting.decide.member)
    .option("--accept", help.meeting.decide.accept)
    .option("--refuse", help.meeting.decide.refuse)
    .action(async (id: string, o: { member: string; accept?: boolean; refuse?: boolean }) => {
      if (!o.accept === !o.refuse) throw new CliError(x.oneOfAcceptRefuse);
      const { meeting, member } = await meetingAndMember(id, o.member);
      const request = (await services.pendingLeaveRequests(actor, meeting.id)).find((r) => r.memberId === member.id);
      if (!request) throw new CliError(x.noLeaveRequest(member.fullName));
      const result = await services.decideLeaveRequest(actor, { responseId: request.responseId, accept: !!o.accept });
      if (result.type === "stale") throw new CliError(x.decisionStale[result.reason] ?? result.reason);
      out(x.leaveDecided(member.fullName, result.accepted));
    });

  /** "19:30" on the meeting's own day. */
  const onDayOf = (startsAt: Date, option: string, value: string) => {
    const clock = parseClock(value);
    if (!clock) throw new CliError(x.badClock(option, value));
    const day = localParts(startsAt, deps.timeZone);
    return fromLocal({ year: day.year, month: day.month, day: day.day, ...clock }, deps.timeZone);
  };
  meeting
    .command("record <số>")
    .description(help.meeting.record.description)
    .requiredOption("--start <giờ>", help.meeting.record.start)
    .requiredOption("--end <giờ>", help.meeting.record.end)
    .requiredOption("--chair <họ tên>", help.meeting.record.chair)
    .requiredOption("--secretary <họ tên>", help.meeting.record.secretary)
    .option("--content <diễn biến>", help.meeting.record.content, "")
    .option("--resolution <nghị quyết>", help.meeting.record.resolution, "")
    .option("--speaker <họ tên...>", help.meeting.record.speaker)
    .option("--delegate <đại biểu>", help.meeting.record.delegate)
    .option("--prepared", help.meeting.record.prepared)
    .action(
      async (
        id: string,
        o: {
          start: string;
          end: string;
          chair: string;
          secretary: string;
          content: string;
          resolution: string;
          speaker?: string[];
          delegate?: string;
          prepared?: boolean;
        },
      ) => {
        const current = await services.meetingRecord(actor, parseIdArg(id, x.meetingNumber));
        const startsAt = current.meeting.startsAt;
        await services.saveMeetingRecord(actor, current.meeting.id, {
          startedAt: onDayOf(startsAt, "--start", o.start),
          endedAt: onDayOf(startsAt, "--end", o.end),
          chairName: o.chair,
          minutesBy: o.secretary,
          content: o.content,
          resolution: o.resolution,
          speakers: o.speaker ?? [],
          delegate: o.delegate ?? null,
          prepared: o.prepared ?? false,
        });
        const view = await services.meetingRecord(actor, current.meeting.id);
        out(x.recordSaved(view.meeting.id, qualityVerdict(view.quality)));
        for (const c of view.quality.criteria) out(`  ${criterionLine(c)}`);
      },
    );
  meeting
    .command("minutes <số>")
    .description(help.meeting.minutes.description)
    .requiredOption("--out <tệp.docx>", help.meeting.minutes.out)
    .action(async (id: string, o: { out: string }) => {
      const { buffer } = await services.meetingMinutes(actor, parseIdArg(id, x.meetingNumber));
      await writeFile(o.out, buffer);
      out(x.wrote(o.out));
    });
  meeting
    .command("quality")
    .description(help.meeting.quality.description)
    .requiredOption("--branch <mã>", help.meeting.quality.branch)
    .option("--year <năm>", help.meeting.quality.year)
    .action(async (o: { branch: string; year?: string }) => {
      const b = await find.branchByCode(o.branch);
      const year = parseYearArg(o.year, "--year", deps.clock, deps.timeZone);
      const rows = await services.branchMeetingQuality(actor, b.id, year);
      const good = rows.filter((r) => r.quality.upToStandard).length;
      out(x.qualityHeader(b.name, year, rows.length, good));
      for (const r of rows) {
        out(x.qualityRow(r.meeting.id, formatDate(r.meeting.startsAt, deps.timeZone), qualityVerdict(r.quality)));
        for (const c of r.quality.criteria.filter((c) => !c.ok)) out(`    ${criterionLine(c)}`);
      }
    });
  meeting
    .command("guests <số>")
    .description(help.meeting.guests.description)
    .option("--present <số hiệu...>", help.meeting.guests.present)
    .action(async (id: string, o: { present?: string[] }) => {
      const meetingId = parseIdArg(id, x.meetingNumber);
      const present = (o.present ?? []).map((p) => parseIdArg(p, "--present"));
      await services.recordGuestAttendance(actor, meetingId, present);
      const guests = await services.guestsOfMeeting(actor, meetingId);
      if (guests.length === 0) out(x.noGuests);
      for (const g of guests) out(x.guestRow(g.memberId, g.fullName, g.attendance === "present"));
    });
}
