/** Admin command line: announcements from the committee's office to one branch, several, or all of an organisation. */
import { parseInstantArg } from "./parse.ts";
import { cliHelp as help } from "../texts/cli-help.ts";
import type { Command } from "commander";
import { formatDateTime } from "../domain/time.ts";
import { cliTexts as x } from "../texts/cli.ts";
import type { CliDeps, Finders } from "./shared.ts";

export function addAnnouncementCommands(program: Command, deps: CliDeps, find: Finders): void {
  const { services, actor, out } = deps;
  program
    .command("announce")
    .description(help.announce.description)
    .option("--branch <mã...>", help.announce.branch)
    .option("--org <tên>", help.announce.org)
    .requiredOption("--text <nội dung>", help.announce.text)
    .option("--leaders", help.announce.leaders)
    .option("--at <ngày giờ>", help.announce.at)
    .action(async (o: { branch?: string[]; org?: string; text: string; leaders?: boolean; at?: string }) => {
      const branchIds = await find.branchesNamed(o);
      const sendAt = o.at === undefined ? null : parseInstantArg(o.at, "--at", deps.clock, deps.timeZone);
      const r = await services.sendAnnouncement(actor, {
        text: o.text,
        attachment: null,
        audience: { branchIds, audience: o.leaders ? "leaders" : "all" },
        sendAt,
        senderLabel: x.committeeSender,
      });
      out(
        sendAt
          ? x.announceScheduled(r.announcement.id, formatDateTime(sendAt, deps.timeZone), r.queued)
          : x.announced(r.announcement.id, r.queued, r.recipients - r.queued),
      );
    });
}
