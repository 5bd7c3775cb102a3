/**
 * The application layer as the surfaces see it: every use case, bound to the
 * database, the outbox, the clock and the settings. Chat features, CLI commands,
 * the scheduled jobs and the web console call these and only parse and format;
 * none of them holds the database. The composition roots (main.ts, app.ts,
 * cli/main.ts) build this once and pass it in.
 */
import type { Db } from "../db/client.ts";
import type { Outbox } from "../delivery/outbox.ts";
import type { Clock } from "../domain/time.ts";
import * as announcements from "./announcements.ts";
import * as administration from "./administration.ts";
import * as feeExports from "./fee-exports.ts";
import * as fees from "./fees.ts";
import * as feeFlows from "./fee-flows.ts";
import * as thematic from "./scheduled/thematic-warning.ts";
import * as linking from "./linking.ts";
import * as meetings from "./meetings.ts";
import * as replies from "./meeting-replies.ts";
import * as meetingChanges from "./meeting-changes.ts";
import * as meetingRecord from "./meeting-record.ts";
import * as minutes from "./minutes-document.ts";
import * as members from "./members.ts";
import * as inbound from "./inbound.ts";
import * as pressed from "./pressed-buttons.ts";
import * as reports from "./reports.ts";
import * as reviewDocument from "./review-document.ts";
import * as reviewExport from "./review-export.ts";
import * as roster from "./roster-import.ts";
import * as rosterEdits from "./roster-edits.ts";
import * as committee from "./committee-overview.ts";
import * as committeeSettings from "./committee-settings.ts";
import * as development from "./party-development.ts";
import * as liaisons from "./liaisons.ts";
import * as scorecards from "./scorecard.ts";
import * as orgRating from "./organisation-rating.ts";
import * as committeeReport from "./committee-report.ts";
import * as selfReview from "./self-review.ts";
import * as sessions from "./dialog-sessions.ts";
import * as surveys from "./surveys.ts";
import * as webLinks from "./web-links.ts";
import * as webSessions from "./web-sessions.ts";
import type { FeeSettings } from "./fees.ts";
import type { Actor } from "./deps.ts";
import type { ServiceDeps } from "./deps.ts";

export type { ServiceDeps, ServiceSettings } from "./deps.ts";

/** Builds the use cases over one database. */
export function createServices(deps: ServiceDeps) {
  const { db, clock, outbox, settings } = deps;
  const full = { db, outbox, clock };
  /** Binds the leading database argument. */
  const d =
    <A extends unknown[], R>(f: (db: Db, ...a: A) => R) =>
    (...a: A): R =>
      f(db, ...a);
  /** Binds database and clock. */
  const dc =
    <A extends unknown[], R>(f: (db: Db, clock: Clock, ...a: A) => R) =>
    (...a: A): R =>
      f(db, clock, ...a);
  /** Binds database, clock and fee settings. */
  const dcf =
    <A extends unknown[], R>(f: (db: Db, clock: Clock, s: FeeSettings, ...a: A) => R) =>
    (...a: A): R =>
      f(db, clock, settings.fees, ...a);
  /** Binds database, outbox and clock. */
  const all =
    <A extends unknown[], R>(f: (deps: { db: Db; outbox: Outbox; clock: Clock }, ...a: A) => R) =>
    (...a: A): R =>
      f(full, ...a);
  /** Binds the whole set (database, outbox, clock, settings). */
  const app =
    <A extends unknown[], R>(f: (deps: ServiceDeps, ...a: A) => R) =>
    (...a: A): R =>
      f(deps, ...a);

  const overviews = committee.overviewCache((settings.committeeOverviewMaxAgeMinutes ?? 10) * 60_000);

  return {
    settings,
    now: () => clock(),

    // Members, accounts, sessions
    beginUpdate: app(inbound.beginUpdate),
    setRole: d(members.setRole),
    deliveryTargets: d(members.deliveryTargets),
    accountsOf: app(administration.accountsOf),
    setPreferredChannel: app(administration.setPreferredChannel),
    branchMembers: app(administration.branchMembers),
    memberOfBranch: app(administration.memberOfBranch),
    findMemberInBranch: app(administration.findMemberInBranch),
    markPressed: d(pressed.markPressed),
    saveSession: dc(sessions.saveSession),
    clearSession: d(sessions.clearSession),

    // Organisations and branches (committee staff)
    createOrganisation: app(administration.createOrganisation),
    organisations: app(administration.organisations),
    organisationByName: app(administration.organisationByName),
    createBranch: app(administration.createBranch),
    branches: app(administration.branches),
    branchByCode: app(administration.branchByCode),
    branchesOfOrganisation: app(administration.branchesOfOrganisation),
    setBranchSchedule: app(administration.setBranchSchedule),
    setBranchFees: app(administration.setBranchFees),
    setReviewInfo: app(administration.setReviewInfo),

    // Linking
    issueInvites: app(linking.issueInvitesFor),
    linkWithCode: app(linking.linkWithCode),
    linkWithPhone: app(linking.linkWithPhone),
    unlinkSelf: app(linking.unlinkSelf),
    unlinkMember: app(linking.unlinkMember),

    // Meetings
    scheduleMeeting: app(meetingChanges.scheduleMeeting),
    rescheduleMeeting: app(meetingChanges.rescheduleMeeting),
    callOffMeeting: app(meetingChanges.callOffMeeting),
    getMeetingForLeader: d(meetings.getMeetingForLeader),
    upcomingMeetings: d(meetings.upcomingMeetings),
    recentMeetings: app(administration.recentMeetings),
    meetingStatus: d(meetings.meetingStatus),
    meetingsForAttendance: d(meetings.meetingsForAttendance),
    attendanceRoster: d(meetings.attendanceRoster),
    recordAttendance: dc(meetings.recordAttendance),
    answerAttending: app(replies.answerAttending),
    leaveOpen: app(replies.leaveOpen),
    requestLeave: app(replies.requestLeave),
    decideLeaveRequest: app(replies.decideLeaveRequest),
    myUpcomingMeetings: app(replies.myUpcomingMeetings),
    pendingLeaveRequests: app(replies.pendingLeaveRequests),
    saveMeetingRecord: app(meetingRecord.saveMeetingRecord),
    meetingRecord: app(meetingRecord.meetingRecord),
    meetingMinutes: app(minutes.meetingMinutes),
    branchMeetingQuality: app(meetingRecord.branchMeetingQuality),

    // Fees
    feeTable: d(fees.loadFeeTable),
    ensureFeeTable: d(fees.ensureFeeTable),
    feeRates: app(administration.feeRates),
    setFeeRate: app(administration.setFeeRate),
    setMinimumWage: app(administration.setMinimumWage),
    setMemberFee: app(administration.setMemberFee),
    addFeeAdjustment: app(administration.addFeeAdjustment),
    feeEntries: app(administration.feeEntries),
    collectPayment: app(feeFlows.collectPayment),
    reportPayment: app(feeFlows.reportPayment),
    decideFeeReport: app(feeFlows.decideFeeReport),
    salaryMembers: app(feeFlows.salaryMembers),
    collectorNames: app(feeFlows.collectorNames),
    setFeeBase: app(feeFlows.setFeeBase),
    feeExportFiles: app(feeFlows.feeExportFiles),
    statement: d(fees.statement),
    checkPaymentMonths: dcf(fees.checkPaymentMonths),
    reverseEntry: d(fees.reverseEntry),
    monthlyCollection: d(fees.monthlyCollection),
    arrearsFlags: d(fees.arrearsFlags),
    yearLedger: d(feeExports.yearLedger),
    feeWorkbook: d(feeExports.feeWorkbook),
    feeLedgerCsv: d(feeExports.feeLedgerCsv),

    // Announcements
    previewAnnouncement: d(announcements.previewAnnouncement),
    sendAnnouncement: all(announcements.sendAnnouncement),
    acknowledge: dc(announcements.acknowledge),
    announcementStatus: d(announcements.announcementStatus),
    remindUnacknowledged: all(announcements.remindUnacknowledged),
    cancelAnnouncement: all(announcements.cancelAnnouncement),
    recentAnnouncements: d(announcements.recentAnnouncements),

    // Reports and personal data
    membersTable: d(reports.membersTable),
    attendanceYear: d(reports.attendanceYear),
    announcementTable: d(reports.announcementTable),
    auditTable: d(reports.auditTable),
    memberDataExport: app(reports.memberDataExportFor),
    eraseMember: app(reports.eraseMemberNow),
    linkedAccountsOfBranch: app(reports.linkedAccountsOfBranch),
    recordExport: app(reports.recordExport),
    issueDataLink: app(webLinks.issueDataLink),
    redeemDataLink: app(webLinks.redeemDataLink),

    // Web console: signing in
    issueSignInLink: app(webSessions.issueSignInLink),
    signInWithLink: app(webSessions.signInWithLink),
    signInWithTelegram: app(webSessions.signInWithTelegram),
    sessionVisitor: app(webSessions.sessionVisitor),
    signOut: app(webSessions.signOut),
    branchesMissingThematic: d(thematic.branchesMissingThematic),

    // Roster
    importRoster: dc(roster.importRoster),
    readUploadedRoster: app(rosterEdits.readUploadedRoster),
    importRosterAs: app(rosterEdits.importRosterAs),
    updateMember: app(rosterEdits.updateMember),

    // Self-review
    openReview: app(selfReview.openReview),
    currentCampaign: d(selfReview.currentCampaign),
    campaignOf: app(selfReview.campaignOf),
    participants: d(selfReview.participants),
    reviewFacts: d(selfReview.reviewFacts),
    ownReview: app(selfReview.ownReview),
    ownReviewStatus: app(selfReview.ownReviewStatus),
    ownReviewForm: app(selfReview.ownReviewForm),
    saveReviewState: app(selfReview.saveOwnReviewState),
    submitReview: app(selfReview.submitOwnReview),
    reopenReview: app(selfReview.reopenOwnReview),
    reviewProgress: d(selfReview.reviewProgress),
    recordFinalLevel: dc(selfReview.recordFinalLevel),
    ratingReport: d(selfReview.ratingReport),
    lockCampaign: dc(selfReview.lockCampaign),
    organisationRatings: d(selfReview.organisationRatings),
    submittedReviews: app(selfReview.submittedReviews),
    reviewWithMember: app(selfReview.reviewWithMember),
    reviewDocumentFor: d(reviewDocument.reviewDocumentFor),
    reviewWorkbook: d(reviewExport.reviewWorkbook),
    reviewCsv: d(reviewExport.reviewCsv),

    // Surveys and polls
    previewSurvey: app(surveys.previewSurvey),
    createSurvey: app(surveys.createSurvey),
    surveyForMember: app(surveys.surveyForMember),
    saveSurveyState: app(surveys.saveSurveyState),
    stepSurvey: app(surveys.stepSurvey),
    submitSurvey: app(surveys.submitSurvey),
    openSurveysFor: app(surveys.openSurveysFor),
    surveysOf: app(surveys.surveysOf),
    closeSurvey: app(surveys.closeSurvey),
    extendSurvey: app(surveys.extendSurvey),
    surveyResults: app(surveys.surveyResultsFor),
    surveyWorkbook: app(surveys.surveyWorkbook),
    surveyCsv: app(surveys.surveyCsv),

    // The committee across its branches
    committeeOverview: async (actor: Actor, year: number) =>
      overviews.get(deps, await committee.committeeOrganisation(db, actor), year),
    committeeBranch: d(committee.assertCommitteeReads),
    refreshCommitteeOverviews: () => overviews.refresh(deps),
    committeeSettings: d(committeeSettings.committeeSettingsView),
    setCommitteeSetting: d(committeeSettings.setCommitteeSetting),
    calendarYear: d(committeeSettings.calendarYear),
    setCalendarDay: d(committeeSettings.setCalendarDay),
    removeCalendarDay: d(committeeSettings.removeCalendarDay),

    // Party development
    addCandidate: app(development.addCandidate),
    updateCandidate: app(development.updateCandidate),
    recordCandidateStep: app(development.recordStep),
    closeCandidate: app(development.closeCandidate),
    branchCandidates: app(development.branchCandidates),
    candidateDetail: app(development.candidateDetail),
    setAdmissionTarget: app(development.setAdmissionTarget),
    developmentOverview: app(development.developmentOverview),
    candidatePeople: app(development.candidatePeople),

    // Committee members in charge of branches
    assignLiaison: app(liaisons.assignLiaison),
    endLiaison: app(liaisons.endLiaison),
    liaisonReport: app(liaisons.liaisonReport),
    guestsOfMeeting: app(liaisons.guestsOfMeeting),
    recordGuestAttendance: app(liaisons.recordGuestAttendance),
    liaisonChoices: app(liaisons.liaisonChoices),

    // "Chi bộ 4 tốt" and the branches' yearly rating
    scoreCriteria: app(scorecards.criteria),
    useSampleCriteria: app(scorecards.useSampleCriteria),
    addIndicator: app(scorecards.addIndicator),
    updateIndicator: app(scorecards.updateIndicator),
    removeIndicator: app(scorecards.removeIndicator),
    setIndicatorValue: app(scorecards.setIndicatorValue),
    branchScorecards: app(scorecards.branchScorecards),
    scorecardWorkbook: app(scorecards.scorecardWorkbook),
    proposeRating: app(orgRating.proposeRating),
    decideRating: app(orgRating.decideRating),
    ratingsOverview: app(orgRating.ratingsOverview),
    ownRating: app(orgRating.ownRating),
    branchReviewReport: app(orgRating.branchReviewReport),
    committeeReport: app(committeeReport.committeeReport),
    committeeReportFile: app(committeeReport.committeeReportFile),
  };
}

export type Services = ReturnType<typeof createServices>;
