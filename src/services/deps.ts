/** What every use case runs with: the database, the outbox, the clock and the settings. */
import type { Db } from "../db/client.ts";
import type { Outbox } from "../delivery/outbox.ts";
import type { Clock } from "../domain/time.ts";
import type { Channel } from "../messaging/types.ts";

export interface FeeSettings {
  timeZone: string;
  /** Largest single payment accepted, in đồng. */
  maxPayment: number;
  /** How many months ahead a member may pay. */
  maxAdvanceMonths: number;
}

export interface Actor {
  id: number | null;
  branchId: number | null;
  role: string;
  /** The admin command line acts for the committee: every branch. */
  isAdmin?: boolean;
  label: string;
}

/** The command line with no operator named. */
export const cliActor: Actor = { id: null, branchId: null, role: "admin", isAdmin: true, label: "cli" };

/** The command line run by a named member of the committee's staff: audited under that name. */
export function operatorActor(name: string): Actor {
  return { id: null, branchId: null, role: "admin", isAdmin: true, label: `cli:${name}` };
}

export interface ServiceSettings {
  timeZone: string;
  /** Share of meetings a member must attend (yearly report, self-review facts). */
  attendanceThreshold: number;
  fees: FeeSettings;
  /** Messages per second per channel, for delivery-time estimates. */
  sendRates: Record<Channel, number>;
  inviteTtlDays: number;
  linkMaxFailuresPerHour: number;
  linkMaxFailuresAllPerHour?: number;
  /** How long the committee's overview snapshot is shown before it is computed again (default 10). */
  committeeOverviewMaxAgeMinutes?: number;
}

export interface ServiceDeps {
  db: Db;
  outbox: Outbox;
  clock: Clock;
  settings: ServiceSettings;
}
