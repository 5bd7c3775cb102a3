/**
 * Every sentence a member or secretary reads in chat, in Vietnamese, one file per
 * area (common, help, linking, meetings, fees, announcements, reviews, reports);
 * `t` gathers them for the features. The command line's own lines are in cli.ts,
 * refusals by code in errors.ts.
 */
import { commonTexts } from "./common.ts";
import { helpTexts } from "./help.ts";
import { linkingTexts } from "./linking.ts";
import { meetingTexts } from "./meetings.ts";
import { feeTexts } from "./fees.ts";
import { announcementTexts } from "./announcements.ts";
import { reviewTexts } from "./reviews.ts";
import { reportTexts } from "./reports.ts";

export { KIND_LABELS, answerLabel, meetingBlock, type MeetingView } from "./meetings.ts";
export { notLinkedReply } from "./linking.ts";

export const t = {
  ...commonTexts,
  ...helpTexts,
  ...linkingTexts,
  ...meetingTexts,
  ...feeTexts,
  ...announcementTexts,
  ...reviewTexts,
  ...reportTexts,
};
