/** What every group of admin commands shares: its dependencies and its error. */
import type { Clock } from "../domain/time.ts";
import type { Services } from "../services/application.ts";
import type { Actor } from "../services/deps.ts";

export interface CliDeps {
  /** The use cases; the command line holds no database of its own. */
  services: Services;
  /** Who runs the commands: committee staff, audited under this name. */
  actor: Actor;
  clock: Clock;
  timeZone: string;
  /** The Telegram bot's username for deep links, or null when unknown. */
  botUsername: () => Promise<string | null>;
  out: (line: string) => void;
  /** Applies pending migrations (`db migrate`); returns their names. */
  migrate?: () => Promise<string[]>;
  /** Copies every row into an empty database (`db copy`); `from` defaults to DATABASE_URL. */
  copy?: (from: string | undefined, to: string) => Promise<{ table: string; rows: number }[]>;
  /** A consistent copy of the live database (`db backup`); returns the files written. */
  backup?: (file: string) => Promise<string[]>;
  /** Puts a copy back (`db restore`), refused while the bot runs. */
  restore?: (file: string) => Promise<void>;
}

/** A command-line mistake: printed as one line, exit code 1. */
export class CliError extends Error {
  override readonly name = "CliError";
}

/** How command groups find the branch and the member a command names. */
export type Finders = {
  branchByCode: (code: string) => Promise<{ id: number; code: string; name: string; organisationId: number }>;
  findMember: (branchId: number, who: string) => Promise<{ id: number; fullName: string; branchId: number }>;
  /** The branches `--branch <mã...>` names, or every branch of `--org <tên>` (exactly one of the two). */
  branchesNamed: (o: { branch?: string[]; org?: string }) => Promise<number[]>;
};

/** A database address as it may be shown: without its password. */
export function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (!parsed.password) return url;
    parsed.password = "***";
    return parsed.toString();
  } catch {
    return url;
  }
}
