/** Leaders create, change and cancel meetings in chat: /taohop, /suahop. */
import { buttonId } from "../buttons.ts";
import { parseDateTimeInput, type DateTimeParse } from "../../domain/datetime-input.ts";
import { fold } from "../../domain/text.ts";
import { MAX_AGENDA, MAX_PLACE } from "../../services/meetings.ts";
import { formatDateTime } from "../../domain/time.ts";
import { KIND_LABELS, meetingBlock, t } from "../../texts/vi.ts";
import type { MemberContext } from "../context.ts";
import { dialogChoice, type Feature } from "../feature.ts";

export function dateError(result: Extract<DateTimeParse, { ok: false }>): string {
  switch (result.error) {
    case "format":
      return t.dateFormat;
    case "invalid_date":
      return t.dateInvalid;
    case "invalid_time":
      return t.timeInvalid;
    case "past":
      return t.datePast;
    case "too_far":
      return t.dateTooFar;
  }
}

const confirmChoices = (dialog: "create_meeting" | "change_meeting") => [
  [
    { data: dialogChoice(dialog, "confirm"), label: t.btnConfirm },
    { data: dialogChoice(dialog, "cancel"), label: t.btnCancel },
  ],
];

function isNone(text: string): boolean {
  return ["khong", "k", "-", "chua co"].includes(fold(text));
}

export const manageMeetingsFeature: Feature = {
  commands: {
    taohop: {
      access: "leader",
      async run(ctx) {
        await ctx.setDialog({ dialog: "create_meeting", step: "kind" });
        ctx.reply({
          text: t.createAskKind,
          choices: [
            [
              { data: dialogChoice("create_meeting", "kind", "regular"), label: KIND_LABELS.regular ?? "" },
              { data: dialogChoice("create_meeting", "kind", "thematic"), label: KIND_LABELS.thematic ?? "" },
            ],
          ],
        });
      },
    },
    suahop: {
      access: "leader",
      async run(ctx) {
        const { services, clock, settings } = ctx.deps;
        const meetings = await services.upcomingMeetings(ctx.member!.branchId, clock(), 8);
        if (meetings.length === 0) {
          ctx.reply(t.noUpcoming);
          return;
        }
        await ctx.setDialog({ dialog: "change_meeting", step: "pick" });
        ctx.reply({
          text: t.chooseMeetingToChange,
          choices: meetings.map((m) => [
            {
              data: dialogChoice("change_meeting", "pick", m.id),
              label: `${KIND_LABELS[m.kind] ?? m.kind}: ${formatDateTime(m.startsAt, settings.timeZone)}`,
            },
          ]),
        });
      },
    },
  },
  dialogs: {
    create_meeting: {
      async onText(ctx, text, state) {
        const { clock, settings } = ctx.deps;
        switch (state.step) {
          case "kind":
          case "confirm":
            ctx.reply(t.chooseButton);
            return;
          case "datetime": {
            const parsed = parseDateTimeInput(text, clock(), settings.timeZone);
            if (!parsed.ok) {
              ctx.reply(dateError(parsed));
              return;
            }
            await ctx.setDialog({ ...state, step: "place", startsAt: parsed.instant.toISOString() });
            const place = ctx.member.branch.schedulePlace;
            ctx.reply({
              text: t.createAskPlace,
              ...(place
                ? { choices: [[{ data: dialogChoice("create_meeting", "place_default"), label: place.slice(0, 60) }]] }
                : {}),
            });
            return;
          }
          case "place":
            if (text.length > MAX_PLACE) {
              ctx.reply(t.placeBad);
              return;
            }
            await ctx.setDialog({ ...state, step: "agenda", place: text });
            ctx.reply(state.kind === "thematic" ? t.createAskTopic : t.createAskAgenda);
            return;
          case "agenda": {
            if (text.length > MAX_AGENDA) {
              ctx.reply(t.agendaBad);
              return;
            }
            const next = { ...state, step: "confirm" as const, agenda: isNone(text) ? "" : text };
            await ctx.setDialog(next);
            ctx.reply({ text: t.createConfirm(previewBlock(ctx, next)), choices: confirmChoices("create_meeting") });
            return;
          }
        }
      },
      async onChoice(ctx, [action, value], state) {
        if (action === "kind" && state.step === "kind" && (value === "regular" || value === "thematic")) {
          await ctx.setDialog({ dialog: "create_meeting", step: "datetime", kind: value });
          ctx.reply(t.createAskDate);
          return;
        }
        if (action === "place_default" && state.step === "place" && ctx.member.branch.schedulePlace) {
          await ctx.setDialog({ ...state, step: "agenda", place: ctx.member.branch.schedulePlace });
          ctx.reply(state.kind === "thematic" ? t.createAskTopic : t.createAskAgenda);
          return;
        }
        if (
          action === "confirm" &&
          state.step === "confirm" &&
          state.kind &&
          state.startsAt &&
          state.place !== undefined
        ) {
          await ctx.clearDialog();
          const { notified: n } = await ctx.deps.services.scheduleMeeting(ctx.actor, {
            branchId: ctx.member.branchId,
            kind: state.kind,
            startsAt: new Date(state.startsAt),
            place: state.place,
            agenda: state.agenda ?? "",
          });
          ctx.reply(t.createDone(n));
          return;
        }
        ctx.reply(t.staleButton);
      },
    },
    change_meeting: {
      async onText(ctx, text, state) {
        const { services, clock, settings } = ctx.deps;
        if (state.step === "datetime") {
          const parsed = parseDateTimeInput(text, clock(), settings.timeZone);
          if (!parsed.ok) {
            ctx.reply(dateError(parsed));
            return;
          }
          const next = { ...state, step: "confirm_change" as const, startsAt: parsed.instant.toISOString() };
          await ctx.setDialog(next);
          const meeting = await services.getMeetingForLeader(ctx.actor, state.meetingId ?? 0, "meeting.change");
          ctx.reply({
            text: t.changeConfirm(meetingBlock({ ...meeting, startsAt: parsed.instant }, settings.timeZone)),
            choices: confirmChoices("change_meeting"),
          });
          return;
        }
        if (state.step === "place") {
          if (text.length > MAX_PLACE) {
            ctx.reply(t.placeBad);
            return;
          }
          await ctx.setDialog({ ...state, step: "confirm_change", place: text });
          const meeting = await services.getMeetingForLeader(ctx.actor, state.meetingId ?? 0, "meeting.change");
          ctx.reply({
            text: t.changeConfirm(meetingBlock({ ...meeting, place: text }, settings.timeZone)),
            choices: confirmChoices("change_meeting"),
          });
          return;
        }
        ctx.reply(t.chooseButton);
      },
      async onChoice(ctx, [action, value], state) {
        const { services, settings } = ctx.deps;
        if (action === "pick" && state.step === "pick") {
          const meeting = await services.getMeetingForLeader(ctx.actor, buttonId(value), "meeting.change");
          await ctx.setDialog({ dialog: "change_meeting", step: "what", meetingId: meeting.id });
          ctx.reply({
            text: t.changeWhat(meetingBlock(meeting, settings.timeZone)),
            choices: [
              [
                { data: dialogChoice("change_meeting", "time"), label: t.btnChangeTime },
                { data: dialogChoice("change_meeting", "place"), label: t.btnChangePlace },
              ],
              [{ data: dialogChoice("change_meeting", "drop"), label: t.btnCancelMeeting }],
            ],
          });
          return;
        }
        if (state.step === "what" && state.meetingId) {
          if (action === "time") {
            await ctx.setDialog({ ...state, step: "datetime" });
            ctx.reply(t.createAskDate);
            return;
          }
          if (action === "place") {
            await ctx.setDialog({ ...state, step: "place" });
            ctx.reply(t.createAskPlace);
            return;
          }
          if (action === "drop") {
            await ctx.setDialog({ ...state, step: "confirm_cancel" });
            const meeting = await services.getMeetingForLeader(ctx.actor, state.meetingId, "meeting.cancel");
            ctx.reply({
              text: t.cancelConfirm(meetingBlock(meeting, settings.timeZone)),
              choices: confirmChoices("change_meeting"),
            });
            return;
          }
        }
        if (
          action === "confirm" &&
          state.meetingId &&
          (state.step === "confirm_change" || state.step === "confirm_cancel")
        ) {
          await ctx.clearDialog();
          if (state.step === "confirm_cancel") {
            const { notified: n } = await services.callOffMeeting(ctx.actor, state.meetingId);
            ctx.reply(t.cancelDone(n));
            return;
          }
          // Reminders for the old time are withdrawn; the planner queues the new ones.
          const { notified: n } = await services.rescheduleMeeting(ctx.actor, state.meetingId, {
            ...(state.startsAt ? { startsAt: new Date(state.startsAt) } : {}),
            ...(state.place ? { place: state.place } : {}),
          });
          ctx.reply(t.changeDone(n));
          return;
        }
        ctx.reply(t.staleButton);
      },
    },
  },
};

function previewBlock(
  ctx: MemberContext,
  s: { kind?: string; startsAt?: string; place?: string; agenda?: string },
): string {
  return meetingBlock(
    { kind: s.kind ?? "regular", startsAt: new Date(s.startsAt ?? 0), place: s.place ?? "", agenda: s.agenda ?? "" },
    ctx.deps.settings.timeZone,
  );
}
