/**
 * Two taps from one chat in the same moment (telegraf hands a polled batch over
 * at once; a webhook may too): they are handled one after the other, so a
 * multiple-choice question keeps both ticks. Different chats run side by side.
 */
import { afterEach, beforeEach, expect, test } from "vitest";
import type { Db } from "../../src/db/client.ts";
import { createLogger } from "../../src/logging/logger.ts";
import { questionsFromDrafts, surveyQuestionnaire } from "../../src/domain/survey.ts";
import { memberAsActor } from "../../src/services/meetings.ts";
import type { IncomingEvent } from "../../src/messaging/types.ts";
import { freshDb } from "../support/db.ts";
import { testClock } from "../support/clock.ts";
import { linkTelegram, seedBranch } from "../support/fixtures.ts";
import { testBotCore } from "../support/services.ts";

let db: Db;
beforeEach(async () => {
  ({ db } = await freshDb());
});
afterEach(async () => db.$disconnect());

test("two ticks pressed at once on one question are both kept", async () => {
  const clock = testClock("2026-11-23T03:00:00Z");
  const { services, core } = testBotCore(db, clock, createLogger({ level: "silent", secrets: [] }));
  const { branch, members } = await seedBranch(db, {
    members: [{ fullName: "Bí Thư", role: "secretary" }, { fullName: "An" }],
  });
  for (const [i, m] of members.entries()) await linkTelegram(db, m.id, 4100 + i);
  const q = questionsFromDrafts([{ kind: "multi", text: "Việc gì?", options: ["Trang trí", "Văn nghệ", "Hậu cần"] }]);
  if (!q.ok) throw new Error("questions");
  const { survey } = await services.createSurvey(memberAsActor(members[0]!), {
    title: "Phân công",
    definition: surveyQuestionnaire("Phân công", [{ title: "", questions: q.questions }]),
    anonymous: false,
    audience: { branchIds: [branch.id], audience: "all" },
    deadline: new Date("2026-11-30T10:00:00Z"),
    senderLabel: "Chi bộ",
  });
  let update = 0;
  const tap = (user: number, data: string): IncomingEvent => ({
    kind: "choice",
    channel: "telegram",
    chatId: String(user),
    userId: String(user),
    displayName: "A",
    updateKey: String(++update),
    data,
    messageId: "1",
  });
  await core.handle(tap(4101, `survey:${survey.id}`));
  await Promise.all([
    core.handle(tap(4101, "d:survey_answer:a:1")),
    core.handle(tap(4101, "d:survey_answer:a:3")),
    core.handle(tap(4100, `survey:${survey.id}`)),
  ]);
  const mine = await db.surveyRecipient.findFirstOrThrow({ where: { memberId: members[1]!.id } });
  expect(JSON.parse(mine.state).draft).toEqual(["1", "3"]);
  expect(core.busy()).toBe(0);
});
