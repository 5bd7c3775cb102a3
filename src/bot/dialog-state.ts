/**
 * Dialog state kept in the database per chat, checked by zod when read back
 * (a row from an older version that no longer fits is dropped, not trusted).
 */
import { z } from "zod";
import { questionDraftSchema, TEMPLATES } from "../domain/survey.ts";

const iso = z.iso.datetime();

export const dialogState = z.discriminatedUnion("dialog", [
  z.object({ dialog: z.literal("leave_reason"), meetingId: z.number().int() }),
  z.object({
    dialog: z.literal("create_meeting"),
    step: z.enum(["kind", "datetime", "place", "agenda", "confirm"]),
    kind: z.enum(["regular", "thematic"]).optional(),
    startsAt: iso.optional(),
    place: z.string().optional(),
    agenda: z.string().optional(),
  }),
  z.object({
    dialog: z.literal("change_meeting"),
    step: z.enum(["pick", "what", "datetime", "place", "confirm_change", "confirm_cancel"]),
    meetingId: z.number().int().optional(),
    startsAt: iso.optional(),
    place: z.string().optional(),
  }),
  z.object({
    dialog: z.literal("attendance"),
    step: z.enum(["pick", "sheet"]),
    meetingId: z.number().int().optional(),
    absent: z.array(z.number().int()).default([]),
  }),
  z.object({ dialog: z.literal("unlink_member") }),
  z.object({ dialog: z.literal("erase_member"), memberId: z.number().int().optional() }),
  z.object({ dialog: z.literal("fee_report"), months: z.array(z.string()), requestId: z.string() }),
  z.object({
    dialog: z.literal("fee_collect"),
    step: z.enum(["member", "months", "amount", "confirm"]),
    memberId: z.number().int().optional(),
    months: z.array(z.string()).default([]),
    amount: z.number().int().optional(),
    requestId: z.string(),
  }),
  z.object({
    dialog: z.literal("announce"),
    step: z.enum(["scope", "branches", "audience", "text", "when", "datetime", "confirm"]),
    branchIds: z.array(z.number().int()).default([]),
    audience: z.enum(["all", "leaders", "no_answer"]).optional(),
    meetingId: z.number().int().optional(),
    text: z.string().optional(),
    attachment: z
      .object({ kind: z.enum(["photo", "document"]), fileId: z.string(), filename: z.string().optional() })
      .optional(),
    sendAt: iso.optional(),
  }),
  z.object({ dialog: z.literal("review"), reviewId: z.number().int() }),
  z.object({ dialog: z.literal("review_open"), step: z.enum(["deadline", "confirm"]), deadline: iso.optional() }),
  z.object({
    dialog: z.literal("review_final"),
    step: z.enum(["member", "level"]),
    reviewId: z.number().int().optional(),
  }),
  z.object({ dialog: z.literal("survey_answer"), surveyId: z.number().int() }),
  z.object({ dialog: z.literal("survey_extend"), surveyId: z.number().int() }),
  z.object({
    dialog: z.literal("survey_create"),
    step: z.enum([
      "template",
      "title",
      "kind",
      "text",
      "options",
      "max",
      "bounds",
      "required",
      "more",
      "event",
      "times",
      "doc_title",
      "doc_text",
      "meeting",
      "anonymous",
      "scope",
      "branches",
      "deadline",
      "confirm",
    ]),
    template: z.enum(["custom", ...TEMPLATES]).default("custom"),
    title: z.string().optional(),
    drafts: z.array(questionDraftSchema).default([]),
    current: questionDraftSchema.partial().optional(),
    event: z.string().optional(),
    times: z.array(z.string()).optional(),
    docText: z.string().optional(),
    meetingId: z.number().int().optional(),
    meetingLabel: z.string().optional(),
    anonymous: z.boolean().optional(),
    branchIds: z.array(z.number().int()).default([]),
    audience: z.enum(["all", "leaders", "attended"]).default("all"),
    deadline: iso.optional(),
  }),
  z.object({
    dialog: z.literal("fee_base"),
    memberId: z.number().int().optional(),
    step: z.enum(["member", "amount"]).default("amount"),
  }),
]);

export type DialogState = z.infer<typeof dialogState>;
export type DialogName = DialogState["dialog"];
