/**
 * Stores one answer of an anonymous survey so that nothing in the database leads back to who answered or when: the
 * row has no member and no time, and a random id. The order the rows lie in must not tell either: SQLite keeps the
 * table WITHOUT ROWID (rows lie in the order of their random ids); PostgreSQL appends rows in arrival order (ctid),
 * so there the survey's rows are written again in the order of their random ids at every new answer, in one
 * transaction (so they share one transaction id, xmin, too). The dead versions stay in the heap until autovacuum
 * reclaims them. The cost is the survey's answers so far at each answer: fine for a district's survey (thousands).
 */
import { randomUUID } from "node:crypto";
import type { Prisma } from "./generated/client.ts";

export interface AnonymousAnswer {
  surveyId: number;
  branchId: number;
  /** JSON: question id → answer. */
  answers: string;
}

export async function addAnonymousAnswers(
  tx: Prisma.TransactionClient,
  postgresql: boolean,
  rows: AnonymousAnswer[],
): Promise<void> {
  if (rows.length === 0) return;
  await tx.surveyAnswer.createMany({ data: rows.map((r) => ({ id: randomUUID(), ...r })) });
  if (!postgresql) return;
  for (const surveyId of new Set(rows.map((r) => r.surveyId))) {
    const all = await tx.surveyAnswer.findMany({ where: { surveyId }, orderBy: { id: "asc" } });
    await tx.surveyAnswer.deleteMany({ where: { surveyId } });
    await tx.surveyAnswer.createMany({ data: all });
  }
}
