/** A leave request the secretary has not decided is "chờ duyệt" in /diemdanh, never "vắng không lý do". */
import { afterAll, beforeAll, expect, test } from "vitest";
import { startHarness, type ChatUser, type Harness } from "../support/telegram-harness.ts";
import { linkTelegram, seedBranch } from "../support/fixtures.ts";
import { cli } from "../support/cli.ts";

let h: Harness;
let sec: ChatUser, dao: ChatUser, mai: ChatUser;

beforeAll(async () => {
  h = await startHarness({ now: "2026-11-22T03:00:00Z", env: { NUDGE_LEAD_TIME: "off" } });
  const { members } = await seedBranch(h.db, {
    code: "ap",
    members: [{ fullName: "Bí Thư Sáu", role: "secretary" }, { fullName: "Ngô Văn Đạo" }, { fullName: "Lý Thị Mai" }],
  });
  for (const [i, m] of members.entries()) await linkTelegram(h.db, m.id, 8301 + i);
  [sec, dao, mai] = [h.user(8301), h.user(8302), h.user(8303)];
});
afterAll(async () => h?.stop());

test(
  "an undecided leave request is counted apart, and the meeting's verdict " + "does not count it against the branch",
  async () => {
    await cli(
      { db: h.db, clock: h.clock, outbox: h.app.outbox },
      "meeting",
      "create",
      "--branch",
      "ap",
      "--at",
      "25/11/2026 19:30",
      "--place",
      "Nhà văn hoá",
    );
    await sec.expectOne();
    await mai.expectOne();
    await dao.press("Xin vắng", await dao.expectOne());
    await dao.expectOne();
    await dao.say("Trực cơ quan");
    expect((await dao.expectOne()).text).toContain("Đã gửi đơn xin vắng");
    await sec.expectOne(); // the request, left undecided

    h.clock.set("2026-11-25T15:00:00Z"); // 22:00 local, after the meeting
    await sec.say("/diemdanh");
    const sheet = await sec.expectOne();
    expect(sheet.buttons.map((b) => b.text)).toContain("❌ Vắng: Ngô Văn Đạo");
    await sec.press("Lưu điểm danh", sheet);
    const report = (await sec.expectOne()).text;
    expect(report).toContain("⏳ Vắng, đơn xin vắng chờ duyệt (1): Ngô Văn Đạo");
    expect(report).toContain("Không có đồng chí nào vắng không lý do.");
    expect(report).not.toContain("Vắng không lý do (");
  },
);
