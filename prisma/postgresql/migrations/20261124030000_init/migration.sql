-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "BranchKind" AS ENUM ('residential', 'school', 'health', 'police', 'military', 'cooperative', 'other');

-- CreateEnum
CREATE TYPE "DayKind" AS ENUM ('off', 'work');

-- CreateEnum
CREATE TYPE "MemberStatus" AS ENUM ('official', 'probationary');

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('member', 'secretary', 'deputy', 'collector', 'committee');

-- CreateEnum
CREATE TYPE "FeeGroup" AS ENUM ('salary', 'retired', 'student', 'other', 'other_retired');

-- CreateEnum
CREATE TYPE "Exemption" AS ENUM ('none', 'temporary', 'full');

-- CreateEnum
CREATE TYPE "Channel" AS ENUM ('telegram', 'zalo');

-- CreateEnum
CREATE TYPE "MeetingKind" AS ENUM ('regular', 'thematic');

-- CreateEnum
CREATE TYPE "MeetingStatus" AS ENUM ('planned', 'changed', 'cancelled', 'held');

-- CreateEnum
CREATE TYPE "Answer" AS ENUM ('attending', 'leave_requested', 'leave_accepted', 'leave_refused');

-- CreateEnum
CREATE TYPE "Attendance" AS ENUM ('present', 'absent');

-- CreateEnum
CREATE TYPE "Priority" AS ENUM ('bulk', 'reply');

-- CreateEnum
CREATE TYPE "OutboxStatus" AS ENUM ('pending', 'sending', 'sent', 'failed', 'skipped', 'cancelled');

-- CreateEnum
CREATE TYPE "FeeRateKind" AS ENUM ('percent_of_base', 'percent_of_min_wage', 'flat');

-- CreateEnum
CREATE TYPE "AdjustmentKind" AS ENUM ('exempt', 'reduce');

-- CreateEnum
CREATE TYPE "FeeEntryKind" AS ENUM ('payment', 'reversal');

-- CreateEnum
CREATE TYPE "FeeEntryStatus" AS ENUM ('confirmed', 'pending', 'rejected');

-- CreateEnum
CREATE TYPE "AnnouncementStatus" AS ENUM ('scheduled', 'sending', 'sent', 'cancelled');

-- CreateEnum
CREATE TYPE "CampaignStatus" AS ENUM ('open', 'locked');

-- CreateEnum
CREATE TYPE "ReviewStatus" AS ENUM ('in_progress', 'submitted');

-- CreateEnum
CREATE TYPE "Level" AS ENUM ('xuat_sac', 'tot', 'hoan_thanh', 'khong_hoan_thanh');

-- CreateEnum
CREATE TYPE "SurveyStatus" AS ENUM ('open', 'closed');

-- CreateEnum
CREATE TYPE "RecipientStatus" AS ENUM ('pending', 'answering', 'answered');

-- CreateTable
CREATE TABLE "Organisation" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Organisation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OrganisationSetting" (
    "organisationId" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OrganisationSetting_pkey" PRIMARY KEY ("organisationId","key")
);

-- CreateTable
CREATE TABLE "CalendarDay" (
    "date" TEXT NOT NULL,
    "kind" "DayKind" NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CalendarDay_pkey" PRIMARY KEY ("date")
);

-- CreateTable
CREATE TABLE "Branch" (
    "id" SERIAL NOT NULL,
    "organisationId" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "BranchKind" NOT NULL DEFAULT 'residential',
    "scheduleRule" TEXT,
    "scheduleTime" TEXT,
    "schedulePlace" TEXT,
    "reminderLeads" TEXT,
    "nudgeEnabled" BOOLEAN,
    "region" INTEGER NOT NULL DEFAULT 1,
    "feeCollectionDay" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Branch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Member" (
    "id" SERIAL NOT NULL,
    "branchId" INTEGER NOT NULL,
    "fullName" TEXT NOT NULL,
    "phone" TEXT,
    "status" "MemberStatus" NOT NULL DEFAULT 'official',
    "role" "Role" NOT NULL DEFAULT 'member',
    "feeGroup" "FeeGroup",
    "exemption" "Exemption" NOT NULL DEFAULT 'none',
    "exemptFrom" TIMESTAMP(3),
    "exemptUntil" TIMESTAMP(3),
    "leftAt" TIMESTAMP(3),
    "preferredChannel" "Channel",
    "feeBase" INTEGER,
    "feesFromMonth" TEXT,
    "formKind" TEXT NOT NULL DEFAULT '2C',
    "admittedAt" TIMESTAMP(3),
    "suspended" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Member_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChannelAccount" (
    "id" SERIAL NOT NULL,
    "channel" "Channel" NOT NULL,
    "externalId" TEXT NOT NULL,
    "chatId" TEXT NOT NULL,
    "memberId" INTEGER NOT NULL,
    "linkedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "unreachableAt" TIMESTAMP(3),

    CONSTRAINT "ChannelAccount_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InviteCode" (
    "id" SERIAL NOT NULL,
    "memberId" INTEGER NOT NULL,
    "codeHash" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InviteCode_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LinkAttempt" (
    "id" SERIAL NOT NULL,
    "channel" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LinkAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Meeting" (
    "id" SERIAL NOT NULL,
    "branchId" INTEGER NOT NULL,
    "kind" "MeetingKind" NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "place" TEXT NOT NULL,
    "agenda" TEXT NOT NULL DEFAULT '',
    "status" "MeetingStatus" NOT NULL DEFAULT 'planned',
    "scheduleKey" TEXT,
    "createdById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "startedAt" TIMESTAMP(3),
    "endedAt" TIMESTAMP(3),
    "chairName" TEXT,
    "minutesBy" TEXT,
    "content" TEXT NOT NULL DEFAULT '',
    "resolution" TEXT NOT NULL DEFAULT '',
    "delegate" TEXT,
    "speakers" TEXT NOT NULL DEFAULT '[]',
    "prepared" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "Meeting_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Response" (
    "id" SERIAL NOT NULL,
    "meetingId" INTEGER NOT NULL,
    "memberId" INTEGER NOT NULL,
    "answer" "Answer",
    "reason" TEXT,
    "answeredAt" TIMESTAMP(3),
    "decidedById" INTEGER,
    "decidedAt" TIMESTAMP(3),
    "attendance" "Attendance",
    "recordedAt" TIMESTAMP(3),

    CONSTRAINT "Response_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BranchLiaison" (
    "id" SERIAL NOT NULL,
    "branchId" INTEGER NOT NULL,
    "memberId" INTEGER NOT NULL,
    "since" TIMESTAMP(3) NOT NULL,
    "until" TIMESTAMP(3),

    CONSTRAINT "BranchLiaison_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GuestResponse" (
    "id" SERIAL NOT NULL,
    "meetingId" INTEGER NOT NULL,
    "memberId" INTEGER NOT NULL,
    "answer" "Answer",
    "reason" TEXT,
    "answeredAt" TIMESTAMP(3),
    "attendance" "Attendance",
    "recordedAt" TIMESTAMP(3),

    CONSTRAINT "GuestResponse_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Candidate" (
    "id" SERIAL NOT NULL,
    "branchId" INTEGER NOT NULL,
    "fullName" TEXT NOT NULL,
    "birthDate" TEXT NOT NULL,
    "introducer1Id" INTEGER,
    "introducer2Id" INTEGER,
    "introducerUnion" TEXT,
    "helperId" INTEGER,
    "classCertificateAt" TEXT,
    "sympathiserAt" TEXT,
    "fileCompletedAt" TEXT,
    "branchResolutionAt" TEXT,
    "decisionAt" TEXT,
    "decisionReceivedAt" TEXT,
    "ceremonyAt" TEXT,
    "probationReviewsAt" TEXT,
    "officialResolutionAt" TEXT,
    "officialDecisionAt" TEXT,
    "closedAt" TEXT,
    "closedReason" TEXT,
    "memberId" INTEGER,
    "note" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Candidate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AdmissionTarget" (
    "branchId" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "target" INTEGER NOT NULL,

    CONSTRAINT "AdmissionTarget_pkey" PRIMARY KEY ("branchId","year")
);

-- CreateTable
CREATE TABLE "ScoreIndicator" (
    "id" SERIAL NOT NULL,
    "organisationId" INTEGER NOT NULL,
    "group" INTEGER NOT NULL,
    "label" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "target" DOUBLE PRECISION NOT NULL,
    "weight" DOUBLE PRECISION NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ScoreIndicator_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ScoreValue" (
    "indicatorId" INTEGER NOT NULL,
    "branchId" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ScoreValue_pkey" PRIMARY KEY ("indicatorId","branchId","year")
);

-- CreateTable
CREATE TABLE "BranchRating" (
    "branchId" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "conditions" TEXT NOT NULL DEFAULT '{}',
    "proposedLevel" "Level" NOT NULL,
    "proposedAt" TIMESTAMP(3) NOT NULL,
    "proposedBy" TEXT NOT NULL,
    "decidedLevel" "Level",
    "decidedAt" TIMESTAMP(3),
    "decidedBy" TEXT,
    "note" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "BranchRating_pkey" PRIMARY KEY ("branchId","year")
);

-- CreateTable
CREATE TABLE "Heartbeat" (
    "holder" TEXT NOT NULL,
    "seenAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Heartbeat_pkey" PRIMARY KEY ("holder")
);

-- CreateTable
CREATE TABLE "Outbox" (
    "id" SERIAL NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "channel" "Channel" NOT NULL,
    "chatId" TEXT NOT NULL,
    "memberId" INTEGER,
    "priority" "Priority" NOT NULL DEFAULT 'reply',
    "kind" TEXT NOT NULL DEFAULT 'reply',
    "payload" TEXT NOT NULL,
    "status" "OutboxStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3),
    "groupKey" TEXT,
    "lastError" TEXT,
    "sentAt" TIMESTAMP(3),
    "externalId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Outbox_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChatSession" (
    "id" SERIAL NOT NULL,
    "channel" TEXT NOT NULL,
    "chatId" TEXT NOT NULL,
    "dialog" TEXT NOT NULL,
    "data" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ChatSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InboundSeen" (
    "id" SERIAL NOT NULL,
    "channel" TEXT NOT NULL,
    "updateKey" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InboundSeen_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" SERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "branchId" INTEGER,
    "targetMemberId" INTEGER,
    "details" TEXT NOT NULL DEFAULT '{}',

    CONSTRAINT "AuditLog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChoiceMenu" (
    "id" SERIAL NOT NULL,
    "channel" TEXT NOT NULL,
    "chatId" TEXT NOT NULL,
    "choices" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ChoiceMenu_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FeeRate" (
    "id" SERIAL NOT NULL,
    "group" "FeeGroup" NOT NULL,
    "kind" "FeeRateKind" NOT NULL,
    "rateBp" INTEGER,
    "flatAmount" INTEGER,
    "effectiveFrom" TEXT NOT NULL,

    CONSTRAINT "FeeRate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MinimumWage" (
    "id" SERIAL NOT NULL,
    "region" INTEGER NOT NULL,
    "amount" INTEGER NOT NULL,
    "effectiveFrom" TEXT NOT NULL,

    CONSTRAINT "MinimumWage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FeeAdjustment" (
    "id" SERIAL NOT NULL,
    "memberId" INTEGER NOT NULL,
    "kind" "AdjustmentKind" NOT NULL,
    "percent" INTEGER,
    "fromMonth" TEXT NOT NULL,
    "toMonth" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FeeAdjustment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FeeEntry" (
    "id" SERIAL NOT NULL,
    "memberId" INTEGER NOT NULL,
    "branchId" INTEGER NOT NULL,
    "month" TEXT NOT NULL,
    "amount" INTEGER NOT NULL,
    "kind" "FeeEntryKind" NOT NULL DEFAULT 'payment',
    "status" "FeeEntryStatus" NOT NULL DEFAULT 'confirmed',
    "batch" TEXT NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "reversesId" INTEGER,
    "recordedBy" TEXT NOT NULL,
    "decidedBy" TEXT,
    "decidedAt" TIMESTAMP(3),
    "note" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FeeEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Announcement" (
    "id" SERIAL NOT NULL,
    "organisationId" INTEGER NOT NULL,
    "branchId" INTEGER NOT NULL,
    "createdById" INTEGER,
    "text" TEXT NOT NULL,
    "attachment" TEXT,
    "audience" TEXT NOT NULL,
    "status" "AnnouncementStatus" NOT NULL DEFAULT 'sending',
    "sendAt" TIMESTAMP(3) NOT NULL,
    "recipientCount" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "cancelledAt" TIMESTAMP(3),

    CONSTRAINT "Announcement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AnnouncementAck" (
    "id" SERIAL NOT NULL,
    "announcementId" INTEGER NOT NULL,
    "memberId" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AnnouncementAck_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReviewCampaign" (
    "id" SERIAL NOT NULL,
    "branchId" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "deadline" TIMESTAMP(3) NOT NULL,
    "split" TEXT NOT NULL,
    "quotaShare" DOUBLE PRECISION NOT NULL DEFAULT 0.2,
    "status" "CampaignStatus" NOT NULL DEFAULT 'open',
    "lockedAt" TIMESTAMP(3),
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReviewCampaign_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SelfReview" (
    "id" SERIAL NOT NULL,
    "campaignId" INTEGER NOT NULL,
    "memberId" INTEGER NOT NULL,
    "form" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT '{}',
    "status" "ReviewStatus" NOT NULL DEFAULT 'in_progress',
    "total" INTEGER,
    "proposedLevel" "Level",
    "finalLevel" "Level",
    "finalBy" TEXT,
    "finalAt" TIMESTAMP(3),
    "submittedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SelfReview_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Survey" (
    "id" SERIAL NOT NULL,
    "organisationId" INTEGER NOT NULL,
    "branchId" INTEGER NOT NULL,
    "createdById" INTEGER,
    "createdBy" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "definition" TEXT NOT NULL,
    "anonymous" BOOLEAN NOT NULL DEFAULT false,
    "audience" TEXT NOT NULL,
    "template" TEXT,
    "deadline" TIMESTAMP(3) NOT NULL,
    "status" "SurveyStatus" NOT NULL DEFAULT 'open',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedAt" TIMESTAMP(3),

    CONSTRAINT "Survey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SurveyRecipient" (
    "id" SERIAL NOT NULL,
    "surveyId" INTEGER NOT NULL,
    "memberId" INTEGER NOT NULL,
    "branchId" INTEGER NOT NULL,
    "status" "RecipientStatus" NOT NULL DEFAULT 'pending',
    "state" TEXT NOT NULL DEFAULT '{}',
    "reachable" BOOLEAN NOT NULL DEFAULT true,
    "answeredAt" TIMESTAMP(3),

    CONSTRAINT "SurveyRecipient_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SurveyAnswer" (
    "id" TEXT NOT NULL,
    "surveyId" INTEGER NOT NULL,
    "branchId" INTEGER NOT NULL,
    "answers" TEXT NOT NULL,

    CONSTRAINT "SurveyAnswer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebToken" (
    "id" SERIAL NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "memberId" INTEGER NOT NULL,
    "purpose" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WebToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebSession" (
    "id" SERIAL NOT NULL,
    "idHash" TEXT NOT NULL,
    "memberId" INTEGER NOT NULL,
    "csrf" TEXT NOT NULL,
    "role" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WebSession_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Organisation_name_key" ON "Organisation"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Branch_code_key" ON "Branch"("code");

-- CreateIndex
CREATE UNIQUE INDEX "Branch_organisationId_name_key" ON "Branch"("organisationId", "name");

-- CreateIndex
CREATE INDEX "Member_branchId_idx" ON "Member"("branchId");

-- CreateIndex
CREATE INDEX "Member_phone_idx" ON "Member"("phone");

-- CreateIndex
CREATE UNIQUE INDEX "ChannelAccount_channel_externalId_key" ON "ChannelAccount"("channel", "externalId");

-- CreateIndex
CREATE UNIQUE INDEX "ChannelAccount_memberId_channel_key" ON "ChannelAccount"("memberId", "channel");

-- CreateIndex
CREATE UNIQUE INDEX "InviteCode_codeHash_key" ON "InviteCode"("codeHash");

-- CreateIndex
CREATE INDEX "LinkAttempt_channel_externalId_at_idx" ON "LinkAttempt"("channel", "externalId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "Meeting_scheduleKey_key" ON "Meeting"("scheduleKey");

-- CreateIndex
CREATE INDEX "Meeting_branchId_startsAt_idx" ON "Meeting"("branchId", "startsAt");

-- CreateIndex
CREATE INDEX "Meeting_startsAt_idx" ON "Meeting"("startsAt");

-- CreateIndex
CREATE UNIQUE INDEX "Response_meetingId_memberId_key" ON "Response"("meetingId", "memberId");

-- CreateIndex
CREATE INDEX "BranchLiaison_branchId_idx" ON "BranchLiaison"("branchId");

-- CreateIndex
CREATE INDEX "BranchLiaison_memberId_idx" ON "BranchLiaison"("memberId");

-- CreateIndex
CREATE INDEX "GuestResponse_memberId_idx" ON "GuestResponse"("memberId");

-- CreateIndex
CREATE UNIQUE INDEX "GuestResponse_meetingId_memberId_key" ON "GuestResponse"("meetingId", "memberId");

-- CreateIndex
CREATE UNIQUE INDEX "Candidate_memberId_key" ON "Candidate"("memberId");

-- CreateIndex
CREATE INDEX "Candidate_branchId_idx" ON "Candidate"("branchId");

-- CreateIndex
CREATE INDEX "ScoreIndicator_organisationId_idx" ON "ScoreIndicator"("organisationId");

-- CreateIndex
CREATE UNIQUE INDEX "Outbox_idempotencyKey_key" ON "Outbox"("idempotencyKey");

-- CreateIndex
CREATE INDEX "Outbox_status_nextAttemptAt_idx" ON "Outbox"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "Outbox_groupKey_idx" ON "Outbox"("groupKey");

-- CreateIndex
CREATE INDEX "Outbox_memberId_idx" ON "Outbox"("memberId");

-- CreateIndex
CREATE INDEX "Outbox_chatId_externalId_idx" ON "Outbox"("chatId", "externalId");

-- CreateIndex
CREATE UNIQUE INDEX "ChatSession_channel_chatId_key" ON "ChatSession"("channel", "chatId");

-- CreateIndex
CREATE INDEX "InboundSeen_at_idx" ON "InboundSeen"("at");

-- CreateIndex
CREATE UNIQUE INDEX "InboundSeen_channel_updateKey_key" ON "InboundSeen"("channel", "updateKey");

-- CreateIndex
CREATE INDEX "AuditLog_branchId_at_idx" ON "AuditLog"("branchId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "ChoiceMenu_channel_chatId_key" ON "ChoiceMenu"("channel", "chatId");

-- CreateIndex
CREATE UNIQUE INDEX "FeeRate_group_effectiveFrom_key" ON "FeeRate"("group", "effectiveFrom");

-- CreateIndex
CREATE UNIQUE INDEX "MinimumWage_region_effectiveFrom_key" ON "MinimumWage"("region", "effectiveFrom");

-- CreateIndex
CREATE INDEX "FeeAdjustment_memberId_idx" ON "FeeAdjustment"("memberId");

-- CreateIndex
CREATE UNIQUE INDEX "FeeEntry_idempotencyKey_key" ON "FeeEntry"("idempotencyKey");

-- CreateIndex
CREATE INDEX "FeeEntry_memberId_month_idx" ON "FeeEntry"("memberId", "month");

-- CreateIndex
CREATE INDEX "FeeEntry_branchId_month_idx" ON "FeeEntry"("branchId", "month");

-- CreateIndex
CREATE INDEX "FeeEntry_batch_idx" ON "FeeEntry"("batch");

-- CreateIndex
CREATE INDEX "Announcement_branchId_createdAt_idx" ON "Announcement"("branchId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "AnnouncementAck_announcementId_memberId_key" ON "AnnouncementAck"("announcementId", "memberId");

-- CreateIndex
CREATE UNIQUE INDEX "ReviewCampaign_branchId_year_key" ON "ReviewCampaign"("branchId", "year");

-- CreateIndex
CREATE UNIQUE INDEX "SelfReview_campaignId_memberId_key" ON "SelfReview"("campaignId", "memberId");

-- CreateIndex
CREATE INDEX "Survey_organisationId_createdAt_idx" ON "Survey"("organisationId", "createdAt");

-- CreateIndex
CREATE INDEX "SurveyRecipient_memberId_idx" ON "SurveyRecipient"("memberId");

-- CreateIndex
CREATE UNIQUE INDEX "SurveyRecipient_surveyId_memberId_key" ON "SurveyRecipient"("surveyId", "memberId");

-- CreateIndex
CREATE INDEX "SurveyAnswer_surveyId_idx" ON "SurveyAnswer"("surveyId");

-- CreateIndex
CREATE UNIQUE INDEX "WebToken_tokenHash_key" ON "WebToken"("tokenHash");

-- CreateIndex
CREATE INDEX "WebToken_memberId_idx" ON "WebToken"("memberId");

-- CreateIndex
CREATE UNIQUE INDEX "WebSession_idHash_key" ON "WebSession"("idHash");

-- CreateIndex
CREATE INDEX "WebSession_memberId_idx" ON "WebSession"("memberId");

-- AddForeignKey
ALTER TABLE "OrganisationSetting" ADD CONSTRAINT "OrganisationSetting_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Branch" ADD CONSTRAINT "Branch_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Member" ADD CONSTRAINT "Member_branchId_fkey" FOREIGN KEY ("branchId") REFERENCES "Branch"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChannelAccount" ADD CONSTRAINT "ChannelAccount_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InviteCode" ADD CONSTRAINT "InviteCode_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Meeting" ADD CONSTRAINT "Meeting_branchId_fkey" FOREIGN KEY ("branchId") REFERENCES "Branch"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Response" ADD CONSTRAINT "Response_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Response" ADD CONSTRAINT "Response_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BranchLiaison" ADD CONSTRAINT "BranchLiaison_branchId_fkey" FOREIGN KEY ("branchId") REFERENCES "Branch"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BranchLiaison" ADD CONSTRAINT "BranchLiaison_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GuestResponse" ADD CONSTRAINT "GuestResponse_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GuestResponse" ADD CONSTRAINT "GuestResponse_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Candidate" ADD CONSTRAINT "Candidate_branchId_fkey" FOREIGN KEY ("branchId") REFERENCES "Branch"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AdmissionTarget" ADD CONSTRAINT "AdmissionTarget_branchId_fkey" FOREIGN KEY ("branchId") REFERENCES "Branch"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScoreIndicator" ADD CONSTRAINT "ScoreIndicator_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScoreValue" ADD CONSTRAINT "ScoreValue_indicatorId_fkey" FOREIGN KEY ("indicatorId") REFERENCES "ScoreIndicator"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScoreValue" ADD CONSTRAINT "ScoreValue_branchId_fkey" FOREIGN KEY ("branchId") REFERENCES "Branch"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BranchRating" ADD CONSTRAINT "BranchRating_branchId_fkey" FOREIGN KEY ("branchId") REFERENCES "Branch"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AnnouncementAck" ADD CONSTRAINT "AnnouncementAck_announcementId_fkey" FOREIGN KEY ("announcementId") REFERENCES "Announcement"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SelfReview" ADD CONSTRAINT "SelfReview_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "ReviewCampaign"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyRecipient" ADD CONSTRAINT "SurveyRecipient_surveyId_fkey" FOREIGN KEY ("surveyId") REFERENCES "Survey"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

