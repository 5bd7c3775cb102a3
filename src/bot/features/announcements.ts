/** /thongbao (compose, preview, send or schedule), "Đã nhận", /tinhtrangtb (status, re-remind, stop). */
import { buttonId, button } from "../buttons.ts";
import { parseDateTimeInput } from "../../domain/datetime-input.ts";
import { formatDateTime } from "../../domain/time.ts";
import {
  isCommittee,
  MAX_ANNOUNCEMENT,
  RECIPIENT_STATE_LABELS,
  type RecipientState,
} from "../../services/announcements.ts";
import { t } from "../../texts/vi.ts";
import type { MemberContext } from "../context.ts";
import type { DialogState } from "../dialog-state.ts";
import { dialogChoice, type Feature } from "../feature.ts";
import { dateError } from "./manage-meetings.ts";

type AnnounceState = Extract<DialogState, { dialog: "announce" }>;
const d = (...v: (string | number)[]) => dialogChoice("announce", ...v);

function senderLabel(ctx: MemberContext): string {
  return isCommittee(ctx.member) ? t.committeeSender : ctx.member.branch.name;
}

const eta = (seconds: number): string => t.eta(seconds);

async function askAudience(ctx: MemberContext, state: AnnounceState): Promise<void> {
  const upcoming =
    state.branchIds.length === 1
      ? (await ctx.deps.services.upcomingMeetings(state.branchIds[0]!, ctx.deps.clock(), 1))[0]
      : undefined;
  await ctx.setDialog({ ...state, step: "audience", ...(upcoming ? { meetingId: upcoming.id } : {}) });
  ctx.reply({
    text: t.annAudience,
    choices: [
      [{ data: d("aud", "all"), label: t.btnAudienceAll }],
      [{ data: d("aud", "leaders"), label: t.btnAudienceLeaders }],
      ...(upcoming ? [[{ data: d("aud", "no_answer"), label: t.btnAudienceNoAnswer }]] : []),
    ],
  });
}

async function preview(ctx: MemberContext, state: AnnounceState): Promise<void> {
  const { services, clock, settings } = ctx.deps;
  const audience = {
    branchIds: state.branchIds,
    audience: state.audience ?? "all",
    ...(state.meetingId ? { meetingId: state.meetingId } : {}),
  };
  const p = await services.previewAnnouncement(ctx.actor, audience, clock(), settings.sendRates);
  if (p.recipients === 0) {
    await ctx.clearDialog();
    ctx.reply(t.annNoRecipients);
    return;
  }
  await ctx.setDialog({ ...state, step: "confirm" });
  const when = state.sendAt ? formatDateTime(new Date(state.sendAt), settings.timeZone) : t.now;
  const attachment = state.attachment
    ? state.attachment.kind === "photo"
      ? t.withPhoto
      : t.withFile(state.attachment.filename)
    : null;
  ctx.reply({
    text: t.annPreview(state.text ?? "", attachment, p.recipients, p.reachable, p.unreachable, eta(p.etaSeconds), when),
    choices: [
      [
        { data: d("send"), label: t.btnSend },
        { data: d("cancel"), label: t.btnCancel },
      ],
    ],
  });
}

async function showStatus(ctx: MemberContext, id: number): Promise<void> {
  const { announcement, recipients, counts } = await ctx.deps.services.announcementStatus(ctx.actor, id);
  const order: RecipientState[] = ["acknowledged", "sent", "queued", "failed", "unreachable", "cancelled"];
  const countLine = order
    .filter((s) => counts[s] > 0)
    .map((s) => `${RECIPIENT_STATE_LABELS[s]}: ${counts[s]}`)
    .join(" · ");
  const lists = order
    .filter((s) => s !== "acknowledged" && counts[s] > 0)
    .map(
      (s) =>
        `${RECIPIENT_STATE_LABELS[s]}: ${recipients
          .filter((r) => r.state === s)
          .map((r) => r.fullName)
          .join(", ")}`,
    );
  const preview = announcement.text.length > 80 ? `${announcement.text.slice(0, 80)}…` : announcement.text;
  const live = announcement.status !== "cancelled";
  ctx.reply({
    text: t.annStatus(id, preview, countLine || "–", lists),
    ...(live
      ? {
          choices: [
            [{ data: button("ann-remind", String(id)), label: t.btnRemind }],
            [{ data: button("ann-stop", String(id)), label: t.btnStopSending }],
          ],
        }
      : {}),
  });
}

export const announcementsFeature: Feature = {
  commands: {
    thongbao: {
      access: "member",
      async run(ctx) {
        const committee = isCommittee(ctx.member);
        if (!committee && ctx.member.role !== "secretary" && ctx.member.role !== "deputy") {
          ctx.reply(t.notAuthorised);
          return;
        }
        const base: AnnounceState = { dialog: "announce", step: "scope", branchIds: [ctx.member.branchId] };
        if (!committee) return askAudience(ctx, base);
        await ctx.setDialog(base);
        ctx.reply({
          text: t.annScope,
          choices: [
            [{ data: d("scope", "own"), label: t.btnOwnBranch }],
            [{ data: d("scope", "all"), label: t.btnAllBranches }],
            [{ data: d("scope", "pick"), label: t.btnChooseBranches }],
          ],
        });
      },
    },
    tinhtrangtb: {
      access: "member",
      async run(ctx) {
        if (!isCommittee(ctx.member) && ctx.member.role !== "secretary" && ctx.member.role !== "deputy") {
          ctx.reply(t.notAuthorised);
          return;
        }
        const list = await ctx.deps.services.recentAnnouncements(ctx.actor);
        if (list.length === 0) {
          ctx.reply(t.annNone);
          return;
        }
        if (list.length === 1) return showStatus(ctx, list[0]!.id);
        ctx.reply({
          text: t.annChoose,
          choices: list.map((a) => [
            {
              data: button("ann-status", String(a.id)),
              label: `#${a.id} ${formatDateTime(a.sendAt, ctx.deps.settings.timeZone)}: ${a.text.slice(0, 30)}`,
            },
          ]),
        });
      },
    },
  },
  choices: {
    ack: {
      access: "member",
      async run(ctx, [id]) {
        const r = await ctx.deps.services.acknowledge(id, ctx.member.id);
        if (r.type === "stale") ctx.reply(t.staleButton);
        else ctx.reply(r.already ? t.annAckedAgain : t.annAcked);
      },
    },
    "ann-status": {
      access: "member",
      async run(ctx, [id]) {
        await showStatus(ctx, id);
      },
    },
    "ann-remind": {
      access: "member",
      async run(ctx, [id]) {
        const n = await ctx.deps.services.remindUnacknowledged(ctx.actor, id, senderLabel(ctx));
        ctx.reply(t.annReminded(n));
      },
    },
    "ann-stop": {
      access: "member",
      async run(ctx, [id]) {
        const n = await ctx.deps.services.cancelAnnouncement(ctx.actor, id);
        ctx.reply(t.annStopped(n));
      },
    },
  },
  dialogs: {
    announce: {
      async onText(ctx, text, state) {
        const { clock, settings } = ctx.deps;
        if (state.step === "text") {
          const attachment = ctx.event.kind === "text" ? ctx.event.attachment : undefined;
          if (text.trim() === "" && !attachment) {
            ctx.reply(t.annTextEmpty);
            return;
          }
          if (text.length > MAX_ANNOUNCEMENT) {
            ctx.reply(t.annTextTooLong);
            return;
          }
          await ctx.setDialog({ ...state, step: "when", text: text.trim(), ...(attachment ? { attachment } : {}) });
          ctx.reply({
            text: t.annWhen,
            choices: [
              [
                { data: d("now"), label: t.btnSendNow },
                { data: d("later"), label: t.btnSchedule },
              ],
            ],
          });
          return;
        }
        if (state.step === "datetime") {
          const parsed = parseDateTimeInput(text, clock(), settings.timeZone);
          if (!parsed.ok) {
            ctx.reply(dateError(parsed));
            return;
          }
          return preview(ctx, { ...state, sendAt: parsed.instant.toISOString() });
        }
        ctx.reply(t.chooseButton);
      },
      async onChoice(ctx, [action, value], state) {
        const { services } = ctx.deps;
        if (action === "scope" && state.step === "scope") {
          if (value === "own") return askAudience(ctx, state);
          const branches = await services.branchesOfOrganisation(ctx.actor, ctx.member.branch.organisationId);
          if (value === "all") return askAudience(ctx, { ...state, branchIds: branches.map((b) => b.id) });
          await ctx.setDialog({ ...state, step: "branches", branchIds: [] });
          ctx.reply({
            text: t.annChooseBranches,
            choices: [
              ...branches.map((b) => [{ data: d("br", b.id), label: `☐ ${b.name}` }]),
              [{ data: d("brdone"), label: t.btnContinue }],
            ],
          });
          return;
        }
        if (action === "br" && state.step === "branches") {
          const id = buttonId(value);
          const branchIds = state.branchIds.includes(id)
            ? state.branchIds.filter((b) => b !== id)
            : [...state.branchIds, id];
          await ctx.setDialog({ ...state, branchIds });
          const branches = await services.branchesOfOrganisation(ctx.actor, ctx.member.branch.organisationId);
          const sheet = {
            text: t.annChooseBranches,
            choices: [
              ...branches.map((b) => [
                { data: d("br", b.id), label: `${branchIds.includes(b.id) ? "☑" : "☐"} ${b.name}` },
              ]),
              [{ data: d("brdone"), label: t.btnContinue }],
            ],
          };
          const messageId = ctx.event.kind === "choice" ? ctx.event.messageId : null;
          ctx.reply(messageId ? { ...sheet, editMessageId: messageId } : sheet);
          return;
        }
        if (action === "brdone" && state.step === "branches") {
          if (state.branchIds.length === 0) {
            ctx.reply(t.chooseButton);
            return;
          }
          return askAudience(ctx, state);
        }
        if (
          action === "aud" &&
          state.step === "audience" &&
          (value === "all" || value === "leaders" || value === "no_answer")
        ) {
          await ctx.setDialog({ ...state, step: "text", audience: value });
          ctx.reply(t.annAskText);
          return;
        }
        if (action === "now" && state.step === "when") return preview(ctx, state);
        if (action === "later" && state.step === "when") {
          await ctx.setDialog({ ...state, step: "datetime" });
          ctx.reply(t.annAskWhen);
          return;
        }
        if (action === "send" && state.step === "confirm") {
          await ctx.clearDialog();
          const r = await ctx.deps.services.sendAnnouncement(ctx.actor, {
            text: state.text ?? "",
            attachment: state.attachment ?? null,
            senderLabel: senderLabel(ctx),
            audience: {
              branchIds: state.branchIds,
              audience: state.audience ?? "all",
              ...(state.meetingId ? { meetingId: state.meetingId } : {}),
            },
            sendAt: state.sendAt ? new Date(state.sendAt) : null,
          });
          ctx.reply(
            state.sendAt
              ? t.annScheduled(
                  r.announcement.id,
                  r.queued,
                  formatDateTime(new Date(state.sendAt), ctx.deps.settings.timeZone),
                )
              : t.annSent(r.announcement.id, r.queued),
          );
          return;
        }
        ctx.reply(t.staleButton);
      },
    },
  },
};
