/** The application layer over a test database, with the settings the tests assume unless told otherwise. */
import type { Db } from "../../src/db/client.ts";
import { createOutbox, type Outbox } from "../../src/delivery/outbox.ts";
import type { Clock } from "../../src/domain/time.ts";
import { createServices, type ServiceSettings, type Services } from "../../src/services/application.ts";
import { createBotCore } from "../../src/bot/core.ts";
import { allFeatures } from "../../src/bot/features/index.ts";
import { createSessionStore } from "../../src/bot/session-store.ts";
import type { Logger } from "../../src/logging/logger.ts";

export const TEST_SETTINGS: ServiceSettings = {
  timeZone: "Asia/Ho_Chi_Minh",
  attendanceThreshold: 0.85,
  inviteTtlDays: 30,
  linkMaxFailuresPerHour: 5,
  fees: { timeZone: "Asia/Ho_Chi_Minh", maxPayment: 5_000_000, maxAdvanceMonths: 12 },
  sendRates: { telegram: 30, zalo: 10 },
};

export function testServices(
  db: Db,
  clock: Clock,
  outbox: Outbox = createOutbox({ db, clock }),
  settings: Partial<ServiceSettings> = {},
): Services {
  return createServices({ db, clock, outbox, settings: { ...TEST_SETTINGS, ...settings } });
}

/** The bot core (every feature) over the test services, no platform around it: events in, replies to the outbox. */
export function testBotCore(db: Db, clock: Clock, logger: Logger) {
  const outbox = createOutbox({ db, clock });
  const services = testServices(db, clock, outbox);
  const core = createBotCore(
    {
      services,
      outbox,
      sessions: createSessionStore(services),
      clock,
      logger,
      settings: { ...TEST_SETTINGS, maxInputLength: 4096 },
    },
    allFeatures,
  );
  return { outbox, services, core };
}
