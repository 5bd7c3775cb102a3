/** Runs the admin command line against a test database and returns its output lines. */
import type { Db } from "../../src/db/client.ts";
import type { Outbox } from "../../src/delivery/outbox.ts";
import { runCli } from "../../src/cli/program.ts";
import type { Clock } from "../../src/domain/time.ts";
import { operatorActor } from "../../src/services/deps.ts";
import { testServices } from "./services.ts";

/** The name the command line's writes are audited under in tests. */
export const TEST_OPERATOR = "Văn phòng Đảng ủy";

export async function cli(
  deps: { db: Db; clock: Clock; outbox: Outbox },
  ...argv: string[]
): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = [];
  const code = await runCli(
    {
      services: testServices(deps.db, deps.clock, deps.outbox),
      actor: operatorActor(TEST_OPERATOR),
      clock: deps.clock,
      timeZone: "Asia/Ho_Chi_Minh",
      botUsername: async () => "chibo_test_bot",
      out: (l) => lines.push(l),
    },
    argv,
  );
  return { code, lines };
}
