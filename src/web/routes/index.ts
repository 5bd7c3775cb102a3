/** Every page and form of the console, by feature; the first match wins. */
import type { Route } from "../router.ts";
import { announcementRoutes } from "./announcements.ts";
import { branchRoutes } from "./branch.ts";
import { committeeRoutes } from "./committee.ts";
import { developmentRoutes } from "./development.ts";
import { scorecardRoutes } from "./scorecard.ts";
import { feeRoutes } from "./fees.ts";
import { meetingRoutes } from "./meetings.ts";
import { memberRoutes } from "./member.ts";
import { ownReviewRoutes } from "./own-review.ts";
import { reviewRoutes } from "./reviews.ts";
import { rosterRoutes } from "./roster.ts";
import { surveyRoutes } from "./surveys.ts";

export const webRoutes: Route[] = [
  ...memberRoutes,
  ...ownReviewRoutes,
  ...branchRoutes,
  ...meetingRoutes,
  ...rosterRoutes,
  ...feeRoutes,
  ...announcementRoutes,
  ...reviewRoutes,
  ...surveyRoutes,
  ...committeeRoutes,
  ...developmentRoutes,
  ...scorecardRoutes,
];
