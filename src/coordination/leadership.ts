/**
 * Several instances of the bot may run on one database (PostgreSQL): each serves the web console, /healthz and
 * webhooks, but the work that must happen once — polling Telegram and Zalo, sending the outbox (so the platforms'
 * rate limits hold for the bot as a whole), the scheduled jobs — is done by the one instance that holds the
 * "leader" lease. It renews the lease every second; when it stops cleanly it gives the lease back, and
 * when it dies the lease runs out and another instance takes over (recovering the messages left "sending").
 *
 * The lease is a row (Lease) taken by one conditional update, so two instances never both hold it: on PostgreSQL
 * the second update waits for the first and then finds the row no longer expired.
 */
import { hostname } from "node:os";
import type { Db } from "../db/client.ts";
import type { Logger } from "../logging/logger.ts";

export const LEADER_LEASE = "leader";

/**
 * Takes or renews the lease for `holder` until now + ttl; false when another holder's lease is still running.
 */
export async function takeLease(db: Db, name: string, holder: string, now: Date, ttlMs: number): Promise<boolean> {
  const until = new Date(now.getTime() + ttlMs);
  const renewed = await db.lease.updateMany({
    where: { name, OR: [{ holder }, { until: { lt: now } }] },
    data: { holder, until },
  });
  if (renewed.count === 1) return true;
  try {
    await db.lease.create({ data: { name, holder, until } });
    return true;
  } catch (e) {
    if ((e as { code?: unknown }).code === "P2002") return false; // someone holds it
    throw e;
  }
}

/**
 * A lease held by a process of this machine that no longer exists (killed, crashed) is taken at once: a bot restarted
 * by systemd after a crash need not wait for its own old lease to run out. Another machine's lease always runs out.
 */
export async function takeLeaseOfDeadProcess(
  db: Db,
  name: string,
  holder: string,
  now: Date,
  ttlMs: number,
): Promise<boolean> {
  const current = await db.lease.findUnique({ where: { name } });
  if (!current || current.holder === holder || !processIsGone(current.holder)) return false;
  const taken = await db.lease.updateMany({
    where: { name, holder: current.holder },
    data: { holder, until: new Date(now.getTime() + ttlMs) },
  });
  return taken.count === 1;
}

/** Holders are "<host>:<pid>:<random>". */
function processIsGone(holder: string): boolean {
  const [host, pid] = holder.split(":");
  if (host !== hostname() || !pid || !/^\d+$/.test(pid) || Number(pid) === process.pid) return false;
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "ESRCH";
  }
}

export async function releaseLease(db: Db, name: string, holder: string): Promise<void> {
  await db.lease.deleteMany({ where: { name, holder } });
}

export interface Leadership {
  /** Tries once (and starts the leader's work if the lease was taken), then keeps trying or renewing. */
  start(): Promise<void>;
  /** Stops trying; when leading, stops the leader's work (`stopWork`) and then gives the lease back. */
  stop(stopWork: () => Promise<void>): Promise<void>;
  leading(): boolean;
}

export function createLeadership(deps: {
  db: Db;
  logger: Logger;
  holder: string;
  ttlMs: number;
  /** Starts the work only the leader does; `takenOver`: another instance held the lease before. */
  onGain(takenOver: boolean): Promise<void>;
  /** The lease was lost while leading (the database was out of reach longer than the lease): stop that work. */
  onLose(): Promise<void>;
  /** Real time: leases are about processes being alive, not the business clock. */
  now?: () => Date;
}): Leadership {
  const { db, logger, holder, ttlMs } = deps;
  const now = deps.now ?? (() => new Date());
  let leading = false;
  /** Until when our lease surely runs (as last written). */
  let heldUntil = 0;
  let timer: NodeJS.Timeout | null = null;
  let ticking: Promise<void> | null = null;
  /** The leader's work starting: the lease is renewed meanwhile (catching up can take longer than it lasts). */
  let gaining: Promise<void> | null = null;
  let stopped = false;

  async function tick(): Promise<void> {
    if (stopped) return;
    const at = now();
    let held: boolean;
    let before: string | null = null;
    if (!leading)
      before = (await db.lease.findUnique({ where: { name: LEADER_LEASE } }).catch(() => null))?.holder ?? null;
    try {
      held =
        (await takeLease(db, LEADER_LEASE, holder, at, ttlMs)) ||
        (await takeLeaseOfDeadProcess(db, LEADER_LEASE, holder, at, ttlMs));
    } catch (err) {
      // The database is out of reach: keep leading while our lease surely runs, then stop.
      logger.warn({ err }, "leader lease not renewed");
      held = leading && Date.now() < heldUntil;
    }
    if (held) heldUntil = at.getTime() + ttlMs;
    if (held && !leading && !stopped) {
      leading = true;
      logger.info({ holder }, "leading: this instance polls, sends and runs the scheduled jobs");
      gaining = deps.onGain(before !== null && before !== holder).catch(async (err: unknown) => {
        // Holding the lease without doing the work would stop every instance's work: give it up, as if lost.
        logger.error({ err }, "the leader's work did not start");
        leading = false;
        await deps.onLose();
        await releaseLease(db, LEADER_LEASE, holder).catch(() => undefined);
      });
    } else if (!held && leading) {
      leading = false;
      logger.error({ holder }, "leader lease lost: this instance stops polling, sending and scheduled jobs");
      await gaining;
      await deps.onLose();
    }
  }

  const run = () => {
    ticking ??= tick()
      .catch((err: unknown) => logger.error({ err }, "leadership check failed"))
      .finally(() => (ticking = null));
    return ticking;
  };

  return {
    async start() {
      await run();
      // Every second (or third of the lease, if shorter): the leader renews, a standby notices a dead leader soon.
      timer = setInterval(() => void run(), Math.max(200, Math.min(1000, Math.floor(ttlMs / 3))));
      timer.unref();
      // Started as the leader: its work has begun when start() returns.
      await gaining;
      if (!leading)
        logger.info({ holder }, "standby: another instance leads; this one takes over if its lease runs out");
    },
    async stop(stopWork) {
      stopped = true;
      if (timer) clearInterval(timer);
      await ticking;
      await gaining;
      if (leading) {
        await stopWork();
        leading = false;
        await releaseLease(db, LEADER_LEASE, holder).catch((err: unknown) =>
          logger.warn({ err }, "leader lease not given back; it runs out by itself"),
        );
      }
    },
    leading: () => leading,
  };
}
