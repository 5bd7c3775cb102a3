/**
 * /phattrien: a secretary or deputy reads the branch's Party development list
 * (stage, clocks not yet done or done late, warnings); committee staff read each
 * branch's admissions against its target. Changes are made on the web console
 * or the command line.
 */
import { localParts } from "../../domain/time.ts";
import { isLeader } from "../../services/members.ts";
import { developmentTexts as dt, clockLine, warningText } from "../../texts/development.ts";
import { t } from "../../texts/vi.ts";
import type { Feature } from "../feature.ts";

export const developmentFeature: Feature = {
  commands: {
    phattrien: {
      access: "member",
      async run(ctx) {
        const { services, clock, settings } = ctx.deps;
        if (ctx.member.role === "committee") {
          const year = localParts(clock(), settings.timeZone).year;
          const rows = await services.developmentOverview(ctx.actor, year);
          ctx.reply(dt.chatOverview(year, rows));
          return;
        }
        if (!isLeader(ctx.member)) {
          ctx.reply(t.notAuthorised);
          return;
        }
        const views = await services.branchCandidates(ctx.actor, ctx.member.branchId);
        const branch = ctx.member.branch.name;
        if (views.length === 0) {
          ctx.reply(dt.chatEmpty(branch));
          return;
        }
        const blocks = views.map((v) =>
          [
            `• ${v.candidate.fullName}: ${dt.stage(v.stage)}`,
            ...v.clocks.filter((k) => k.state !== "done").map((k) => `  ⏱ ${clockLine(k)}`),
            ...(v.probationEnd ? [`  ${dt.probationEnds(v.probationEnd)}`] : []),
            ...v.warnings.map((w) => `  ⚠ ${warningText(w, v.personNames)}`),
          ].join("\n"),
        );
        ctx.reply([dt.chatListHeader(branch, views.length), ...blocks, dt.chatOpenWeb].join("\n\n"));
      },
    },
    bontot: {
      access: "member",
      async run(ctx) {
        const { services, clock, settings } = ctx.deps;
        const year = localParts(clock(), settings.timeZone).year;
        if (ctx.member.role === "committee") {
          const view = await services.branchScorecards(ctx.actor, { year, yearToDate: true });
          ctx.reply(
            dt.chatRanking(
              year,
              view.rows.map((r) => ({ rank: r.rank, name: r.name, score: r.score })),
            ),
          );
          return;
        }
        if (!isLeader(ctx.member)) {
          ctx.reply(t.notAuthorised);
          return;
        }
        const [card] = (
          await services.branchScorecards(ctx.actor, { year, yearToDate: true, branchId: ctx.member.branchId })
        ).rows;
        ctx.reply(
          dt.chatOwnScore(
            year,
            card?.score ?? 0,
            (card?.card.results ?? []).filter((r) => !r.met).map((r) => r.indicator.label),
          ),
        );
      },
    },
  },
};
