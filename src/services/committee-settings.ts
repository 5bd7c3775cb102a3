/**
 * The committee's settings for its organisation and the calendar of days off that
 * its working-day clocks count with. Committee staff change them for their own
 * organisation; the command line for any. Every change is audited.
 */
import { buildCalendar, parseDayInput, type LocalDate, type WorkCalendar } from "../domain/calendar.ts";
import {
  committeeSettingsFrom,
  isCommitteeSettingKey,
  parseCommitteeSetting,
  type CommitteeSettings,
} from "../domain/committee-settings.ts";
import type { Db } from "../db/client.ts";
import { audit } from "./audit.ts";
import { committeeOrganisation } from "./committee-overview.ts";
import type { Actor } from "./deps.ts";
import { NotAuthorisedError, ServiceError } from "./errors.ts";

/** The organisation the actor acts for as committee (staff, or the command line naming it). */
export async function organisationActedFor(db: Db, actor: Actor, organisationId?: number): Promise<number> {
  if (actor.isAdmin) {
    if (organisationId !== undefined) return organisationId;
    const orgs = await db.organisation.findMany({ select: { id: true }, take: 2 });
    if (orgs.length !== 1 || !orgs[0]) throw new ServiceError("org.choose");
    return orgs[0].id;
  }
  const own = await committeeOrganisation(db, actor);
  if (organisationId !== undefined && organisationId !== own) throw new NotAuthorisedError("committee.write");
  return own;
}

export async function committeeSettings(db: Pick<Db, "organisationSetting">, organisationId: number) {
  return committeeSettingsFrom(await db.organisationSetting.findMany({ where: { organisationId } }));
}

/** The settings with whether each was chosen by the committee (the rest are defaults). */
export async function committeeSettingsView(db: Db, actor: Actor, organisationId?: number) {
  const org = await organisationActedFor(db, actor, organisationId);
  const rows = await db.organisationSetting.findMany({ where: { organisationId: org } });
  return { organisationId: org, values: committeeSettingsFrom(rows), chosen: new Set(rows.map((r) => r.key)) };
}

export async function setCommitteeSetting(
  db: Db,
  actor: Actor,
  input: { organisationId?: number; key: string; value: string | null },
): Promise<{ key: keyof CommitteeSettings; value: number | null }> {
  const org = await organisationActedFor(db, actor, input.organisationId);
  if (!isCommitteeSettingKey(input.key)) throw new ServiceError("setting.unknown", { key: input.key });
  const key = input.key;
  const value = input.value === null ? null : parseCommitteeSetting(key, input.value);
  if (input.value !== null && value === null) throw new ServiceError("setting.bad_value", { key, value: input.value });
  await db.$transaction(async (tx) => {
    if (value === null) await tx.organisationSetting.deleteMany({ where: { organisationId: org, key } });
    else
      await tx.organisationSetting.upsert({
        where: { organisationId_key: { organisationId: org, key } },
        create: { organisationId: org, key, value: JSON.stringify(value) },
        update: { value: JSON.stringify(value) },
      });
    await audit(tx, { actor: actor.label, action: "committee.setting", details: { organisationId: org, key, value } });
  });
  return { key, value };
}

/** The working calendar: the shipped holidays with the committee's entries over them. */
export async function workCalendar(db: Pick<Db, "calendarDay">): Promise<WorkCalendar> {
  const rows = await db.calendarDay.findMany();
  return buildCalendar(rows.map((r) => ({ date: r.date, kind: r.kind, name: r.name })));
}

/** Days off and swapped working days of a year, shipped and entered, in date order. */
export async function calendarYear(db: Db, year: number) {
  const cal = await workCalendar(db);
  const entered = new Map((await db.calendarDay.findMany()).map((r) => [r.date, r]));
  const inYear = (d: string) => d.startsWith(`${year}-`);
  const days = [
    ...[...cal.off].filter(([d]) => inYear(d)).map(([date, name]) => ({ date, name, kind: "off" as const })),
    ...[...cal.work].filter(inYear).map((date) => ({
      date,
      name: entered.get(date)?.name ?? "",
      kind: "work" as const,
    })),
  ].map((d) => ({ ...d, entered: entered.has(d.date) }));
  days.sort((a, b) => a.date.localeCompare(b.date));
  return { year, days, hasTet: cal.yearsWithTet.has(year) };
}

function assertCalendarEditor(actor: Actor): void {
  if (!actor.isAdmin && actor.role !== "committee") throw new NotAuthorisedError("calendar.edit");
}

export async function setCalendarDay(
  db: Db,
  actor: Actor,
  input: { date: string; kind: "off" | "work"; name: string },
): Promise<LocalDate> {
  assertCalendarEditor(actor);
  const date = parseDayInput(input.date);
  if (!date) throw new ServiceError("calendar.bad_date", { date: input.date });
  const name = input.name.trim();
  if (name === "" || name.length > 100) throw new ServiceError("calendar.bad_name");
  await db.$transaction(async (tx) => {
    await tx.calendarDay.upsert({
      where: { date },
      create: { date, kind: input.kind, name },
      update: { kind: input.kind, name },
    });
    await audit(tx, { actor: actor.label, action: "calendar.set", details: { date, kind: input.kind, name } });
  });
  return date;
}

/** Takes back an entry (the shipped calendar stands for that day again). */
export async function removeCalendarDay(db: Db, actor: Actor, text: string): Promise<boolean> {
  assertCalendarEditor(actor);
  const date = parseDayInput(text);
  if (!date) throw new ServiceError("calendar.bad_date", { date: text });
  return db.$transaction(async (tx) => {
    const { count } = await tx.calendarDay.deleteMany({ where: { date } });
    if (count > 0) await audit(tx, { actor: actor.label, action: "calendar.remove", details: { date } });
    return count > 0;
  });
}
