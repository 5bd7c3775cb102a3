/**
 * The minutes of a meeting (biên bản sinh hoạt chi bộ) as a Word document in the
 * usual layout: the party's and the unit's headings, place and date, the title,
 * I. time and place, II. who attended (absent with and without reason, the
 * delegate, chair and secretary), III. content (agenda, proceedings, speakers),
 * IV. the resolution, the end time, the two signatures.
 */
import { Document, Packer, type Paragraph, type Table } from "docx";
import { para, twoColumns } from "./docx-parts.ts";
import { formatDate, formatTime, localParts } from "../domain/time.ts";
import { minutesTexts as m, reviewDocumentTexts as r } from "../texts/documents.ts";
import type { Actor, ServiceDeps } from "./deps.ts";
import { meetingRecord, type MeetingRecordView } from "./meeting-record.ts";
import { unitHeading } from "./review-document.ts";

export async function minutesDocx(view: MeetingRecordView, timeZone: string): Promise<Buffer> {
  const { meeting, branch, quality } = view;
  const start = meeting.startedAt ?? meeting.startsAt;
  const day = localParts(start, timeZone);
  const names = (list: { fullName: string; reason?: string }[]) =>
    list.length === 0 ? m.none : list.map((x) => (x.reason ? `${x.fullName} (${x.reason})` : x.fullName)).join("; ");
  const children: (Paragraph | Table)[] = [
    twoColumns(
      [
        para(unitHeading(r.partyBody, branch.organisation.name), { bold: true, center: true }),
        para(unitHeading(r.branchBody, branch.name), { bold: true, center: true }),
      ],
      [
        para(m.party, { bold: true, center: true }),
        para(m.placeDate(meeting.place, day.day, day.month, day.year), { italic: true, center: true }),
      ],
    ),
    para(""),
    para(m.title, { bold: true, center: true, size: 30 }),
    para(m.subtitle(meeting.kind, day.month, day.year), { bold: true, center: true }),
    para(m.time(formatTime(start, timeZone), formatDate(start, timeZone), meeting.place), { bold: true }),
    para(m.attendanceHead, { bold: true }),
    para(`- ${m.counts(quality.expected, quality.present, view.excused.length, view.unexcused.length)}`),
    para(`- ${m.excused} ${names(view.excused)}`),
    para(`- ${m.unexcused} ${names(view.unexcused)}`),
  ];
  if (meeting.delegate) children.push(para(`- ${m.delegate(meeting.delegate)}`));
  if (view.guestsPresent.length > 0) children.push(para(`- ${m.guests(names(view.guestsPresent))}`));
  children.push(para(`- ${m.chair(meeting.chairName ?? "…")}`), para(`- ${m.secretary(meeting.minutesBy ?? "…")}`));
  children.push(para(m.contentHead, { bold: true }));
  if (meeting.agenda.trim()) children.push(para(m.agenda, { italic: true }), para(meeting.agenda.trim()));
  if (meeting.content.trim()) children.push(para(m.proceedings, { italic: true }), para(meeting.content.trim()));
  if (view.speakers.length > 0) children.push(para(m.speakers(view.speakers.join("; "))));
  children.push(para(m.resolutionHead, { bold: true }), para(meeting.resolution.trim() || m.noResolution));
  if (meeting.endedAt && quality.minutes !== null)
    children.push(para(m.end(formatTime(meeting.endedAt, timeZone), quality.minutes), { italic: true }));
  children.push(
    para(""),
    twoColumns(
      [
        para(m.signSecretary, { bold: true, center: true }),
        para(m.signHint, { italic: true, center: true }),
        para("\n\n"),
        para(meeting.minutesBy ?? "", { bold: true, center: true }),
      ],
      [
        para(m.signChair, { bold: true, center: true }),
        para(m.signHint, { italic: true, center: true }),
        para("\n\n"),
        para(meeting.chairName ?? "", { bold: true, center: true }),
      ],
    ),
  );
  const doc = new Document({
    creator: "chibo",
    title: m.fileTitle(branch.name, formatDate(start, timeZone)),
    sections: [{ children }],
  });
  return Packer.toBuffer(doc);
}

/** The minutes of a meeting for its branch's leaders or the committee. */
export async function meetingMinutes(deps: ServiceDeps, actor: Actor, meetingId: number) {
  const view = await meetingRecord(deps, actor, meetingId);
  const tz = deps.settings.timeZone;
  const date = formatDate(view.meeting.startedAt ?? view.meeting.startsAt, tz)
    .split("/")
    .reverse()
    .join("-");
  return { filename: m.fileName(meetingId, date), buffer: await minutesDocx(view, tz), view };
}
