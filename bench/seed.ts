/** The benchmark's province: one organisation with `branches` branches (codes b0, b1, …). */
import type { Db } from "../src/db/client.ts";

export async function seedOrganisation(db: Db, branches: number): Promise<{ id: number }[]> {
  const org = await db.organisation.create({ data: { name: "Tỉnh mẫu" } });
  return db.branch.createManyAndReturn({
    data: Array.from({ length: branches }, (_, i) => ({ organisationId: org.id, code: `b${i}`, name: `Chi bộ ${i}` })),
    select: { id: true },
  });
}
