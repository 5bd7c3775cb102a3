/** /baocao (members, attendance over the year, announcements, audit log; XLSX on Telegram), /dulieu, /xoadangvien. */
import { documentTexts as doc } from "../../texts/documents.ts";
import { buttonId, button } from "../buttons.ts";
import { formatPercent } from "../../domain/text.ts";
import { localParts } from "../../domain/time.ts";
import { tablesToXlsx, type Table } from "../../services/reports.ts";
import { t } from "../../texts/vi.ts";
import type { MemberContext } from "../context.ts";
import { dialogChoice, type Feature } from "../feature.ts";

async function withFile(ctx: MemberContext, summary: string, filename: string, tables: Table[]): Promise<void> {
  if (ctx.event.channel !== "telegram") {
    ctx.reply(`${summary}\n${t.repFileOnTelegramOnly}`);
    return;
  }
  ctx.reply(summary);
  ctx.reply({
    text: t.exportCaption(filename),
    document: { filename, base64: (await tablesToXlsx(tables)).toString("base64") },
  });
  await ctx.deps.services.recordExport(ctx.actor, {
    branchId: ctx.member.branchId,
    action: "report.export",
    details: { filename },
  });
}

const canRead = (ctx: MemberContext) => ["secretary", "deputy", "committee"].includes(ctx.member.role);

export const reportsFeature: Feature = {
  commands: {
    baocao: {
      access: "member",
      async run(ctx) {
        if (!canRead(ctx)) {
          ctx.reply(t.notAuthorised);
          return;
        }
        ctx.reply({
          text: t.reportMenu,
          choices: [
            [{ data: button("report", "members"), label: t.btnRepMembers }],
            [{ data: button("report", "attendance"), label: t.btnRepAttendance }],
            [{ data: button("report", "ann"), label: t.btnRepAnnouncements }],
            [{ data: button("report", "audit"), label: t.btnRepAudit }],
          ],
        });
      },
    },
    dulieu: {
      access: "member",
      async run(ctx) {
        const data = await ctx.deps.services.memberDataExport(ctx.actor, ctx.member.id);
        const m = data.member;
        const summary = [
          t.myDataIntro,
          ...t.myDataLines({
            fullName: m.fullName,
            branch: m.branch,
            phone: m.phone,
            channels: data.tables.ChannelAccount.map((a) => a.channel),
            answers: data.tables.Response.length,
            fees: data.tables.FeeEntry.length,
            acks: data.tables.AnnouncementAck.length,
            reviews: data.tables.SelfReview.length,
            surveys: data.tables.SurveyRecipient.length,
            messages: data.tables.Outbox.length,
          }),
        ].join("\n");
        if (ctx.event.channel !== "telegram") {
          // Zalo cannot carry a file and the data never goes out as chat text: a link that works once, for 10 minutes.
          const web = ctx.deps.settings.webPublicUrl;
          if (!web) {
            ctx.reply(`${summary}\n${t.myDataNotOnZalo}`);
            return;
          }
          const link = await ctx.deps.services.issueDataLink(ctx.actor);
          // The stored copy of this message keeps no text once sent: the link is not left in the database.
          ctx.reply({ text: `${summary}\n${t.myDataLink(`${web}/d/${link.token}`)}`, private: true });
          return;
        }
        ctx.reply(summary);
        ctx.reply({
          text: t.exportCaption(t.myDataFile),
          document: {
            filename: "du-lieu-cua-toi.json",
            base64: Buffer.from(JSON.stringify(data, null, 2)).toString("base64"),
          },
        });
      },
    },
    xoadangvien: {
      access: "leader",
      async run(ctx) {
        const members = await ctx.deps.services.branchMembers(ctx.actor, ctx.member.branchId, {
          exceptSelf: true,
          take: 60,
        });
        await ctx.setDialog({ dialog: "erase_member" });
        ctx.reply({
          text: t.eraseChoose,
          choices: [
            ...members.map((m) => [{ data: dialogChoice("erase_member", "pick", m.id), label: m.fullName }]),
            [{ data: dialogChoice("erase_member", "cancel"), label: t.btnCancel }],
          ],
        });
      },
    },
  },
  choices: {
    report: {
      access: "member",
      async run(ctx, [kind]) {
        if (!canRead(ctx)) {
          ctx.reply(t.notAuthorised);
          return;
        }
        const { services, clock, settings } = ctx.deps;
        const tz = settings.timeZone;
        const branchId = ctx.member.branchId;
        const code = ctx.member.branch.code;
        if (kind === "members") {
          const table = await services.membersTable(ctx.actor, branchId);
          const linked = await services.linkedAccountsOfBranch(ctx.actor, branchId);
          const unlinked = table.rows.filter((r) => r[5] === doc.members.notLinked).map((r) => String(r[1]));
          const unreachable = table.rows
            .filter((r) => String(r[6]).includes(doc.members.unreachableMark))
            .map((r) => String(r[1]));
          const summary = t.repMembers(
            ctx.member.branch.name,
            table.rows.length,
            table.rows.length - unlinked.length,
            linked.telegram,
            linked.zalo,
            unreachable,
            unlinked,
          );
          return withFile(ctx, summary, `dang-vien-${code}.xlsx`, [table]);
        }
        if (kind === "attendance") {
          const year = localParts(clock(), tz).year;
          const report = await services.attendanceYear(ctx.actor, branchId, year, settings.attendanceThreshold, tz);
          const lines = report.meetings.rows.map((r) =>
            t.attendanceLine(
              String(r[0]),
              String(r[1]),
              String(r[3]),
              String(r[2]),
              formatPercent(Number(r[4])),
              Number(r[5]),
              String(r[6]),
              String(r[7]),
            ),
          );
          const flagged = report.members.rows.filter((r) => Number(r[6]) >= 3).map((r) => String(r[1]));
          return withFile(ctx, t.repAttendance(year, lines, flagged), `diem-danh-${code}-${year}.xlsx`, [
            report.meetings,
            report.members,
          ]);
        }
        if (kind === "ann") {
          const [latest] = await services.recentAnnouncements(ctx.actor, 1);
          if (!latest) {
            ctx.reply(t.annNone);
            return;
          }
          const table = await services.announcementTable(ctx.actor, latest.id, tz);
          const counts = new Map<string, number>();
          for (const r of table.rows) counts.set(String(r[2]), (counts.get(String(r[2])) ?? 0) + 1);
          const summary = `${table.title}: ${[...counts].map(([k, v]) => `${k}: ${v}`).join(" · ")}`;
          return withFile(ctx, summary, `thong-bao-${latest.id}.xlsx`, [table]);
        }
        if (kind === "audit") {
          const table = await services.auditTable(ctx.actor, branchId, tz);
          return withFile(
            ctx,
            t.repAudit(table.rows.slice(0, 10).map((r) => `• ${r[0]} – ${r[1]}: ${r[2]}${r[3] ? ` (${r[3]})` : ""}`)),
            `nhat-ky-${code}.xlsx`,
            [table],
          );
        }
        ctx.reply(t.staleButton);
      },
    },
  },
  dialogs: {
    erase_member: {
      async onText(ctx) {
        ctx.reply(t.chooseButton);
      },
      async onChoice(ctx, [action, value], state) {
        const { services } = ctx.deps;
        if (action === "pick") {
          const target = await services.memberOfBranch(ctx.actor, ctx.member.branchId, buttonId(value));
          if (!target) {
            ctx.reply(t.staleButton);
            return;
          }
          await ctx.setDialog({ dialog: "erase_member", memberId: target.id });
          ctx.reply({
            text: t.eraseConfirm(target.fullName),
            choices: [
              [
                { data: dialogChoice("erase_member", "confirm"), label: t.btnErase },
                { data: dialogChoice("erase_member", "cancel"), label: t.btnCancel },
              ],
            ],
          });
          return;
        }
        if (action === "confirm" && state.memberId) {
          await ctx.clearDialog();
          await services.eraseMember(ctx.actor, state.memberId);
          ctx.reply(t.eraseDone);
          return;
        }
        ctx.reply(t.staleButton);
      },
    },
  },
};
