/** Admin command line: announcements from the committee's office to one branch, several, or all of an organisation. */
import type { Command } from "commander";
import { parseDateTimeInput } from "../domain/datetime-input.ts";
import { formatDateTime } from "../domain/time.ts";
import { cliTexts as x } from "../texts/cli.ts";
import { CliError, type CliDeps, type Finders } from "./shared.ts";

export function addAnnouncementCommands(program: Command, deps: CliDeps, find: Finders): void {
  const { services, actor, out } = deps;
  program
    .command("announce")
    .description(
      "gửi thông báo của Đảng ủy tới các đảng viên của một hoặc nhiều chi bộ (hoặc mọi chi bộ của --org); " +
        "đảng viên bấm «Đã nhận»",
    )
    .option("--branch <mã...>", "mã chi bộ (ghi nhiều lần được)")
    .option("--org <tên>", "tên đảng bộ: mọi chi bộ")
    .requiredOption("--text <nội dung>", "nội dung thông báo")
    .option("--leaders", "chỉ gửi bí thư, phó bí thư")
    .option("--at <ngày giờ>", 'hẹn giờ gửi, ví dụ "25/11/2026 07:30"')
    .action(async (o: { branch?: string[]; org?: string; text: string; leaders?: boolean; at?: string }) => {
      if (!o.branch === !o.org) throw new CliError(x.oneOfBranchOrg);
      const branchIds = o.branch
        ? await Promise.all([o.branch].flat().map(async (code) => (await find.branchByCode(code)).id))
        : (await services.branchesOfOrganisation(actor, (await services.organisationByName(actor, o.org!)).id)).map(
            (b) => b.id,
          );
      let sendAt: Date | null = null;
      if (o.at !== undefined) {
        const parsed = parseDateTimeInput(o.at, deps.clock(), deps.timeZone);
        if (!parsed.ok)
          throw new CliError(
            x.badDateTime(
              "--at",
              o.at,
              parsed.error === "past" ? "past" : parsed.error === "format" ? "format" : "invalid",
            ),
          );
        sendAt = parsed.instant;
      }
      const r = await services.sendAnnouncement(actor, {
        text: o.text,
        attachment: null,
        audience: { branchIds, audience: o.leaders ? "leaders" : "all" },
        sendAt,
        senderLabel: "Đảng ủy",
      });
      out(
        sendAt
          ? x.announceScheduled(r.announcement.id, formatDateTime(sendAt, deps.timeZone), r.queued)
          : x.announced(r.announcement.id, r.queued, r.recipients - r.queued),
      );
    });
}
