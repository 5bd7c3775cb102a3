/**
 * Creates the regular monthly meetings of branches that have a schedule, a few
 * months ahead. Each generated meeting carries a schedule key (branch + month),
 * so running this again never creates a second meeting for the same month, and
 * a meeting the secretary moved or cancelled is not recreated.
 */
import { meetingTexts } from "../../texts/meetings.ts";
import type { Db } from "../../db/client.ts";
import { occurrencesBetween } from "../../domain/schedule.ts";
import type { Clock } from "../../domain/time.ts";
import type { Logger } from "../../logging/logger.ts";
import { audit } from "../audit.ts";

export interface GenerateMeetingsDeps {
  db: Db;
  clock: Clock;
  timeZone: string;
  monthsAhead: number;
  logger: Logger;
}

export async function generateScheduledMeetings(deps: GenerateMeetingsDeps): Promise<number> {
  const now = deps.clock();
  const until = new Date(now.getTime() + deps.monthsAhead * 31 * 86_400_000);
  const branches = await deps.db.branch.findMany({
    where: { scheduleRule: { not: null }, scheduleTime: { not: null } },
  });
  let created = 0;
  for (const branch of branches) {
    let occurrences;
    try {
      occurrences = occurrencesBetween(branch.scheduleRule ?? "", branch.scheduleTime ?? "", now, until, deps.timeZone);
    } catch (e) {
      deps.logger.error({ branchId: branch.id, err: e }, "bad schedule rule; no meetings generated");
      continue;
    }
    for (const occ of occurrences) {
      const scheduleKey = `${branch.id}:${occ.monthKey}`;
      const exists = await deps.db.meeting.findUnique({ where: { scheduleKey } });
      if (exists) continue;
      await deps.db.$transaction(async (tx) => {
        const meeting = await tx.meeting.create({
          data: {
            branchId: branch.id,
            kind: "regular",
            startsAt: occ.startsAt,
            place: branch.schedulePlace ?? meetingTexts.placeByNotice,
            agenda: "",
            scheduleKey,
            createdAt: deps.clock(),
            updatedAt: deps.clock(),
          },
        });
        await audit(tx, {
          actor: "schedule",
          action: "meeting.generate",
          branchId: branch.id,
          details: { meetingId: meeting.id, startsAt: occ.startsAt.toISOString() },
        });
      });
      created++;
    }
  }
  return created;
}
