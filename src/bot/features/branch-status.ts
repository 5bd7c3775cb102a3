/** Leaders read who answered what (/tinhhinh) and record attendance (/diemdanh). */
import { button, buttonId } from "../buttons.ts";
import { formatDateTime } from "../../domain/time.ts";
import { quarterBounds } from "../../services/scheduled/thematic-warning.ts";
import { KIND_LABELS, meetingBlock, t } from "../../texts/vi.ts";
import type { MemberContext } from "../context.ts";
import { dialogChoice, type Feature } from "../feature.ts";

async function attendanceSheet(ctx: MemberContext, meetingId: number, absent: number[]) {
  const { services, settings } = ctx.deps;
  const { meeting, rows } = await services.attendanceRoster(ctx.actor, meetingId);
  const absentSet = new Set(absent);
  return {
    text: t.attendanceSheet(meetingBlock(meeting, settings.timeZone)),
    choices: [
      ...rows.map((r) => [
        {
          data: dialogChoice("attendance", "toggle", r.memberId),
          label: t.attendanceToggle(absentSet.has(r.memberId), r.fullName),
        },
      ]),
      [
        { data: dialogChoice("attendance", "save"), label: t.btnSaveAttendance },
        { data: dialogChoice("attendance", "cancel"), label: t.btnCancel },
      ],
    ],
  };
}

async function startSheet(ctx: MemberContext, meetingId: number): Promise<void> {
  const { rows } = await ctx.deps.services.attendanceRoster(ctx.actor, meetingId);
  // Start from what is known: recorded attendance, else members excused in advance are absent.
  const absent = rows
    .filter((r) =>
      r.attendance ? r.attendance === "absent" : r.answer === "leave_accepted" || r.answer === "leave_requested",
    )
    .map((r) => r.memberId);
  await ctx.setDialog({ dialog: "attendance", step: "sheet", meetingId, absent });
  ctx.reply(await attendanceSheet(ctx, meetingId, absent));
}

export const branchStatusFeature: Feature = {
  commands: {
    tinhhinh: {
      access: "leader",
      async run(ctx) {
        const mctx = ctx as MemberContext;
        const { services, clock, settings } = ctx.deps;
        const now = clock();
        const meetings = await services.upcomingMeetings(mctx.member.branchId, now, 3);
        if (meetings.length === 0) ctx.reply(t.statusNone);
        for (const m of meetings) {
          const status = await services.meetingStatus(mctx.actor, m.id);
          ctx.reply(t.status(status, meetingBlock(m, settings.timeZone)));
        }
        const missing = await services.branchesMissingThematic(now, settings.timeZone, [mctx.member.branchId]);
        if (missing.length > 0) {
          const { quarter, year } = quarterBounds(now, settings.timeZone);
          ctx.reply(t.noThematicWarning(quarter, year));
        }
      },
    },
    diemdanh: {
      access: "leader",
      async run(ctx) {
        const mctx = ctx as MemberContext;
        const { services, clock, settings } = ctx.deps;
        const meetings = await services.meetingsForAttendance(mctx.member.branchId, clock());
        if (meetings.length === 0) {
          ctx.reply(t.attendanceNone);
          return;
        }
        if (meetings.length === 1) return startSheet(mctx, meetings[0]!.id);
        await ctx.setDialog({ dialog: "attendance", step: "pick", absent: [] });
        ctx.reply({
          text: t.attendanceChoose,
          choices: meetings.map((m) => [
            {
              data: dialogChoice("attendance", "pick", m.id),
              label: `${KIND_LABELS[m.kind] ?? m.kind}: ${formatDateTime(m.startsAt, settings.timeZone)}`,
            },
          ]),
        });
      },
    },
  },
  dialogs: {
    attendance: {
      async onText(ctx) {
        ctx.reply(t.chooseButton);
      },
      async onChoice(ctx, [action, value], state) {
        const { services, settings } = ctx.deps;
        if (action === "pick" && state.step === "pick") return startSheet(ctx, buttonId(value));
        if (state.step !== "sheet" || !state.meetingId) {
          ctx.reply(t.staleButton);
          return;
        }
        if (action === "toggle") {
          const id = buttonId(value);
          const absent = state.absent.includes(id) ? state.absent.filter((a) => a !== id) : [...state.absent, id];
          await ctx.setDialog({ ...state, absent });
          const sheet = await attendanceSheet(ctx, state.meetingId, absent);
          const messageId = ctx.event.kind === "choice" ? ctx.event.messageId : null;
          ctx.reply(messageId ? { ...sheet, editMessageId: messageId } : sheet);
          return;
        }
        if (action === "save") {
          const { summary } = await services.recordAttendance(
            ctx.actor,
            state.meetingId,
            state.absent,
            settings.attendanceThreshold,
          );
          await ctx.clearDialog();
          ctx.reply({
            text: t.attendanceReport(summary, settings.attendanceThreshold),
            // Those who came may be asked how the meeting went (the "Đánh giá buổi sinh hoạt" survey).
            choices: [[{ data: button("survey-feedback", String(state.meetingId)), label: t.btnAskFeedback }]],
          });
          return;
        }
        ctx.reply(t.staleButton);
      },
    },
  },
};
