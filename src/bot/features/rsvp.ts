/** Members answer meetings: /lichhop, the Có mặt / Xin vắng buttons, the leave reason; leaders decide. */
import { MAX_REASON, type AnswerResult, type DecisionResult } from "../../services/meetings.ts";
import { rsvpChoices } from "../../services/meeting-notices.ts";
import { meetingBlock, t } from "../../texts/vi.ts";
import type { MemberContext } from "../context.ts";
import type { Feature } from "../feature.ts";

function staleAnswer(ctx: MemberContext, result: Extract<AnswerResult, { type: "stale" }>): void {
  ctx.reply(
    result.reason === "cancelled"
      ? t.staleMeetingCancelled
      : result.reason === "started"
        ? t.staleMeetingStarted
        : t.staleNotExpected,
  );
}

function staleDecision(ctx: MemberContext, result: Extract<DecisionResult, { type: "stale" }>): void {
  ctx.reply(
    result.reason === "cancelled"
      ? t.staleMeetingCancelled
      : result.reason === "already_decided"
        ? t.staleAlreadyDecided
        : t.staleWithdrawn,
  );
}

export const rsvpFeature: Feature = {
  commands: {
    lichhop: {
      access: "member",
      async run(ctx) {
        const { services, settings } = ctx.deps;
        const meetings = await services.myUpcomingMeetings(ctx.actor, 5);
        if (meetings.length === 0) {
          ctx.reply(t.noUpcoming);
          return;
        }
        ctx.reply(t.upcomingHeader);
        for (const m of meetings) {
          ctx.reply({
            text: `${meetingBlock(m, settings.timeZone)}\n${t.yourAnswer(m.answer)}`,
            choices: rsvpChoices(m.id),
          });
        }
      },
    },
  },
  choices: {
    rsvp: {
      access: "member",
      async run(ctx, [what, id]) {
        const meetingId = id;
        if (!Number.isInteger(meetingId)) {
          ctx.reply(t.staleButton);
          return;
        }
        const { services } = ctx.deps;
        if (what === "yes") {
          const result = await services.answerAttending(ctx.actor, { memberId: ctx.member.id, meetingId });
          if (result.type === "stale") return staleAnswer(ctx, result);
          ctx.reply(result.changed ? t.attendThanks : t.attendAgain);
          return;
        }
        if (what === "leave") {
          const open = await services.leaveOpen(ctx.actor, meetingId);
          if (open.type === "stale") return staleAnswer(ctx, open);
          await ctx.setDialog({ dialog: "leave_reason", meetingId });
          ctx.reply(t.askLeaveReason);
          return;
        }
        ctx.reply(t.staleButton);
      },
    },
    leave: {
      access: "leader",
      async run(ctx, [decision, id]) {
        const responseId = id;
        if (!Number.isInteger(responseId) || (decision !== "ok" && decision !== "no")) {
          ctx.reply(t.staleButton);
          return;
        }
        const result = await ctx.deps.services.decideLeaveRequest(ctx.actor, { responseId, accept: decision === "ok" });
        if (result.type === "stale") return staleDecision(ctx, result);
        ctx.reply(t.decisionRecorded(result.memberName ?? "", result.accepted));
      },
    },
  },
  dialogs: {
    leave_reason: {
      async onChoice(ctx) {
        ctx.reply(t.askLeaveReason);
      },
      async onText(ctx, text, state) {
        const reason = text.trim();
        if (reason === "") {
          ctx.reply(t.leaveReasonEmpty);
          return;
        }
        if (reason.length > MAX_REASON) {
          ctx.reply(t.leaveReasonTooLong);
          return;
        }
        const result = await ctx.deps.services.requestLeave(ctx.actor, {
          memberId: ctx.member.id,
          meetingId: state.meetingId,
          reason,
        });
        await ctx.clearDialog();
        if (result.type === "stale") return staleAnswer(ctx, result);
        ctx.reply(t.leaveSent);
      },
    },
  },
};
