/**
 * A little history for the demo's web console, made through the same use cases
 * as chat: a second branch, a meeting held last week with its attendance, a
 * fee paid, an announcement, the year's self-review opened.
 */
import type { Outbox } from "../delivery/outbox.ts";
import type { Services } from "../services/application.ts";
import type { Actor } from "../services/deps.ts";
import { currentMonth } from "../services/fees.ts";
import { meetingGroup } from "../services/meeting-notices.ts";
import { memberAsActor } from "../services/meetings.ts";

export async function seedHistory(
  app: { services: Services; outbox: Outbox },
  staff: Actor,
  opts: { organisationId: number; branchId: number; travel(ms: number): void },
): Promise<void> {
  const { services } = app;
  await services.ensureFeeTable();
  const day = 86_400_000;
  const second = await services.createBranch(staff, {
    organisationId: opts.organisationId,
    code: "demo2",
    name: "Chi bộ Tổ dân phố 2",
    kind: "residential",
  });
  await services.importRoster({
    branchId: second.id,
    actor: staff.label,
    sheet: {
      headers: ["Họ và tên", "Chức vụ", "Nhóm đảng phí"],
      rows: ["Vũ Văn An:Bí thư", "Hoàng Thị Bích:Đảng viên", "Đặng Văn Cường:Đảng viên"].map((x, i) => ({
        row: i + 2,
        cells: [...x.split(":"), "Khác"],
      })),
    },
  });
  // A meeting held last week in both branches: planned 8 days ago (the demo's clock goes back), then recorded.
  const held: { id: number; branchId: number }[] = [];
  opts.travel(-8 * day);
  for (const branchId of [opts.branchId, second.id]) {
    const { meeting } = await services.scheduleMeeting(staff, {
      branchId,
      kind: "regular",
      startsAt: new Date(services.now().getTime() + day),
      place: "Nhà văn hoá",
      agenda: "Sinh hoạt chi bộ định kỳ",
    });
    // Old news by now: its notices are not sent.
    await app.outbox.cancelGroup(meetingGroup(meeting.id));
    held.push(meeting);
  }
  opts.travel(8 * day);
  for (const meeting of held) {
    const members = await services.branchMembers(staff, meeting.branchId);
    const secretary = members.find((m) => m.role === "secretary")!;
    await services.recordAttendance(
      memberAsActor(secretary),
      meeting.id,
      members.filter((m) => m.fullName.includes("Cường") || m.fullName.includes("Minh")).map((m) => m.id),
      services.settings.attendanceThreshold,
    );
  }
  // Lan has paid this month's fee.
  const lan = (await services.branchMembers(staff, opts.branchId)).find((m) => m.fullName === "Trần Thị Lan")!;
  const month = currentMonth(services.now(), services.settings.timeZone);
  const { due } = await services.checkPaymentMonths(lan.id, [month]);
  await services.collectPayment(staff, { memberId: lan.id, months: [month], amount: due, requestId: "demo-seed-1" });
}
