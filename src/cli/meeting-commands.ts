/** Admin command line: meetings (create, move, cancel, list) and the answers a secretary writes down for a member. */
import { Option, type Command } from "commander";
import { parseDateTimeInput } from "../domain/datetime-input.ts";
import { formatDateTime } from "../domain/time.ts";
import { MEETING_KINDS, type MeetingKind } from "../services/meetings.ts";
import { cliTexts as x } from "../texts/cli.ts";
import { KIND_LABELS } from "../texts/vi.ts";
import { parseIdArg } from "./parse.ts";
import { CliError, type CliDeps, type Finders } from "./shared.ts";

export function addMeetingCommands(program: Command, deps: CliDeps, find: Finders): void {
  const { services, actor, out } = deps;
  /** A date and time as staff type it ("03/12/2026 19:30"), in the configured zone, not in the past. */
  const instant = (option: string, value: string): Date => {
    const parsed = parseDateTimeInput(value, deps.clock(), deps.timeZone);
    if (!parsed.ok)
      throw new CliError(
        x.badDateTime(
          option,
          value,
          parsed.error === "past" ? "past" : parsed.error === "format" ? "format" : "invalid",
        ),
      );
    return parsed.instant;
  };
  /** The meeting by its number, and the member of its branch named by --member. */
  const meetingAndMember = async (id: string, who: string) => {
    const meeting = await services.getMeetingForLeader(actor, parseIdArg(id, "số buổi"), "meeting.read");
    const member = await find.findMember(meeting.branchId, who);
    return { meeting, member };
  };

  const meeting = program.command("meeting").description("buổi sinh hoạt");
  meeting
    .command("create")
    .description("tạo buổi sinh hoạt và báo cho các đảng viên đã liên kết")
    .requiredOption("--branch <mã>", "mã chi bộ")
    .addOption(
      new Option("--kind <loại>", "regular (định kỳ) hoặc thematic (chuyên đề)")
        .choices(MEETING_KINDS)
        .default("regular"),
    )
    .requiredOption("--at <ngày giờ>", 'ví dụ "03/12/2026 19:30"')
    .requiredOption("--place <địa điểm>", "địa điểm")
    .option("--agenda <nội dung>", "nội dung, chuyên đề", "")
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
    .description("huỷ buổi sinh hoạt và báo cho các đảng viên")
    .action(async (id: string) => {
      const { meeting: cancelled, notified: n } = await services.callOffMeeting(actor, parseIdArg(id, "số buổi"));
      out(x.meetingCancelled(cancelled.id, n));
    });
  meeting
    .command("list")
    .description("các buổi sinh hoạt của chi bộ")
    .requiredOption("--branch <mã>", "mã chi bộ")
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
    .description(
      "đổi ngày giờ, địa điểm hoặc nội dung buổi sinh hoạt và báo cho các đảng viên (nhắc lịch theo giờ mới)",
    )
    .option("--at <ngày giờ>", 'ví dụ "05/12/2026 19:30"')
    .option("--place <địa điểm>", "địa điểm mới")
    .option("--agenda <nội dung>", "nội dung mới")
    .action(async (id: string, o: { at?: string; place?: string; agenda?: string }) => {
      if (o.at === undefined && o.place === undefined && o.agenda === undefined) throw new CliError(x.nothingToMove);
      const { meeting, notified } = await services.rescheduleMeeting(actor, parseIdArg(id, "số buổi"), {
        ...(o.at !== undefined ? { startsAt: instant("--at", o.at) } : {}),
        ...(o.place !== undefined ? { place: o.place } : {}),
        ...(o.agenda !== undefined ? { agenda: o.agenda } : {}),
      });
      out(x.meetingMoved(meeting.id, formatDateTime(meeting.startsAt, deps.timeZone), meeting.place, notified));
    });
  meeting
    .command("answer <số>")
    .description("ghi câu trả lời một đảng viên báo qua điện thoại: có mặt, hoặc xin vắng với lý do (bí thư sẽ duyệt)")
    .requiredOption("--member <ai>", "số hiệu, số điện thoại hoặc họ tên")
    .option("--attending", "có mặt")
    .option("--leave <lý do>", "xin vắng, với lý do")
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
    .description("duyệt đơn xin vắng của một đảng viên ở buổi sinh hoạt; đảng viên được báo")
    .requiredOption("--member <ai>", "số hiệu, số điện thoại hoặc họ tên")
    .option("--accept", "chấp thuận")
    .option("--refuse", "không chấp thuận")
    .action(async (id: string, o: { member: string; accept?: boolean; refuse?: boolean }) => {
      if (!o.accept === !o.refuse) throw new CliError(x.oneOfAcceptRefuse);
      const { meeting, member } = await meetingAndMember(id, o.member);
      const request = (await services.pendingLeaveRequests(actor, meeting.id)).find((r) => r.memberId === member.id);
      if (!request) throw new CliError(x.noLeaveRequest(member.fullName));
      const result = await services.decideLeaveRequest(actor, { responseId: request.responseId, accept: !!o.accept });
      if (result.type === "stale") throw new CliError(x.decisionStale[result.reason] ?? result.reason);
      out(x.leaveDecided(member.fullName, result.accepted));
    });
}
