/** Every feature of the bot, in one list. */
import type { Feature } from "../feature.ts";
import { branchStatusFeature } from "./branch-status.ts";
import { channelsFeature } from "./channels.ts";
import { developmentFeature } from "./development.ts";
import { feesFeature } from "./fees.ts";
import { announcementsFeature } from "./announcements.ts";
import { reportsFeature } from "./reports.ts";
import { selfReviewFeature } from "./self-review.ts";
import { reviewAdminFeature } from "./review-admin.ts";
import { helpFeature } from "./help.ts";
import { linkingFeature } from "./linking.ts";
import { manageMeetingsFeature } from "./manage-meetings.ts";
import { rsvpFeature } from "./rsvp.ts";
import { surveysFeature } from "./surveys.ts";
import { webConsoleFeature } from "./web-console.ts";

export const allFeatures: Feature[] = [
  helpFeature,
  linkingFeature,
  rsvpFeature,
  manageMeetingsFeature,
  branchStatusFeature,
  channelsFeature,
  feesFeature,
  announcementsFeature,
  reportsFeature,
  selfReviewFeature,
  reviewAdminFeature,
  surveysFeature,
  developmentFeature,
  webConsoleFeature,
];
