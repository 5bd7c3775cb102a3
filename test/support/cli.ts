/** Runs the admin command line against a test database and returns its output lines. */
import type { Db } from "../../src/db/client.ts";
import type { Outbox } from "../../src/delivery/outbox.ts";
import { runCli } from "../../src/cli/program.ts";
import type { Clock } from "../../src/domain/time.ts";

export async function cli(
  deps: { db: Db; clock: Clock; outbox: Outbox },
  ...argv: string[]
): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = [];
  const code = await runCli(
    {
      ...deps,
      timeZone: "Asia/Ho_Chi_Minh",
      inviteTtlDays: 30,
      botUsername: async () => "chibo_test_bot",
      out: (l) => lines.push(l),
    },
    argv,
  );
  return { code, lines };
}
