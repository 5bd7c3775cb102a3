/** Members answer meetings: /lichhop, the Có mặt / Xin vắng buttons, the leave reason; leaders decide. */
import { hotQueries } from "../../db/hot-queries.ts";
import {
  answerMeeting,
  decideLeave,
  MAX_REASON,
  upcomingMeetings,
  type AnswerResult,
  type DecisionResult,
} from "../../services/meetings.ts";
import { branchLeaders, deliveryTargets } from "../../services/members.ts";
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
        const { db, clock, settings } = ctx.deps;
        const member = ctx.member!;
        const meetings = await upcomingMeetings(db, member.branchId, clock(), 5);
        if (meetings.length === 0) {
          ctx.reply(t.noUpcoming);
          return;
        }
        const responses = await hotQueries(db).responsesOf(
          member.id,
          meetings.map((m) => m.id),
        );
        ctx.reply(t.upcomingHeader);
        for (const m of meetings) {
          const answer = responses.find((r) => r.meetingId === m.id)?.answer ?? null;
          ctx.reply({
            text: `${meetingBlock(m, settings.timeZone)}\n${t.yourAnswer(answer)}`,
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
        const { db, clock } = ctx.deps;
        if (what === "yes") {
          const result = await answerMeeting(db, clock, { memberId: ctx.member.id, meetingId, answer: "attending" });
          if (result.type === "stale") return staleAnswer(ctx, result);
          ctx.reply(result.changed ? t.attendThanks : t.attendAgain);
          return;
        }
        if (what === "leave") {
          const meeting = await hotQueries(db).meeting(meetingId);
          if (!meeting || meeting.branchId !== ctx.member.branchId)
            return staleAnswer(ctx, { type: "stale", reason: "not_expected" });
          if (meeting.status === "cancelled") return staleAnswer(ctx, { type: "stale", reason: "cancelled" });
          if (meeting.startsAt <= clock() || meeting.status === "held")
            return staleAnswer(ctx, { type: "stale", reason: "started" });
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
        const { db, clock, outbox, settings } = ctx.deps;
        const result = await decideLeave(db, clock, ctx.actor, responseId, decision === "ok");
        if (result.type === "stale") return staleDecision(ctx, result);
        const [member, meeting] = await Promise.all([
          db.member.findUniqueOrThrow({ where: { id: result.memberId } }),
          db.meeting.findUniqueOrThrow({ where: { id: result.meetingId } }),
        ]);
        const block = meetingBlock(meeting, settings.timeZone);
        const target = (await deliveryTargets(db, [member.id])).get(member.id);
        if (target) {
          await outbox.enqueue([
            {
              key: `leave-decision:${responseId}`,
              channel: target.channel,
              chatId: target.chatId,
              memberId: member.id,
              priority: "reply",
              kind: "leave_decision",
              message: {
                text: result.accepted ? t.leaveAccepted(block) : t.leaveRefused(block),
                ...(result.accepted ? {} : { choices: rsvpChoices(meeting.id) }),
              },
            },
          ]);
        }
        ctx.reply(t.decisionRecorded(member.fullName, result.accepted));
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
        const { db, clock, outbox, settings } = ctx.deps;
        const result = await answerMeeting(db, clock, {
          memberId: ctx.member.id,
          meetingId: state.meetingId,
          answer: "leave_requested",
          reason,
        });
        await ctx.clearDialog();
        if (result.type === "stale") return staleAnswer(ctx, result);
        const meeting = await db.meeting.findUniqueOrThrow({ where: { id: state.meetingId } });
        const response = await db.response.findUniqueOrThrow({ where: { id: result.responseId } });
        const leaders = await branchLeaders(db, meeting.branchId);
        const block = meetingBlock(meeting, settings.timeZone);
        await outbox.enqueue(
          leaders.map((l) => ({
            key: `leave-request:${result.responseId}:${response.answeredAt?.getTime() ?? 0}:${l.memberId}`,
            channel: l.channel,
            chatId: l.chatId,
            memberId: l.memberId,
            priority: "reply" as const,
            kind: "leave_request",
            message: {
              text: t.leaveRequestToLeader(ctx.member.fullName, block, reason),
              choices: [
                [
                  { data: `leave:ok:${result.responseId}`, label: t.btnAccept },
                  { data: `leave:no:${result.responseId}`, label: t.btnRefuse },
                ],
              ],
            },
          })),
        );
        ctx.reply(t.leaveSent);
      },
    },
  },
};
