/**
 * The bot's web server: the one-time link to a member's data file (Zalo
 * carries no files) and the web console (also opened as a Telegram Mini App).
 * It listens on loopback unless told otherwise (a TLS reverse proxy sits in
 * front), limits bodies, keeps slow clients from holding it, and never logs a
 * path (a link's token is in it). Every page is self-contained: nothing loads
 * from another host. Writes are POST forms carrying the session's CSRF token,
 * from this origin only, and go through the same services as chat.
 */
import { timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Logger } from "../logging/logger.ts";
import type { Services } from "../services/application.ts";
import { SESSION_IDLE_MS, type WebVisitor } from "../services/web-sessions.ts";
import { simplePage, webTexts as w } from "../texts/web.ts";
import { t } from "../texts/vi.ts";
import {
  APP_JS,
  dashboardPage,
  forbiddenPage,
  homePage,
  signedInPage,
  signInPage,
  surveyResultsPage,
} from "./pages.ts";
import { ServiceError } from "../services/errors.ts";
import { MIN_ANONYMOUS_GROUP } from "../services/surveys.ts";
import { surveyReport, surveyTexts as st } from "../texts/surveys.ts";
import { formatMonth } from "../domain/fees.ts";
import { formatMoney } from "../domain/text.ts";
import { localParts } from "../domain/time.ts";
import { isLeader } from "../services/members.ts";
import { listenHardened } from "../messaging/webhook-server.ts";

export interface WebServer {
  readonly port: number;
  close(): Promise<void>;
}

const MAX_FORM_BYTES = 16 * 1024;
const COOKIE = "chibo_session";
const SECURITY_HEADERS = {
  "content-security-policy":
    "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; " +
    "form-action 'self'; base-uri 'none'; frame-ancestors 'self' https://web.telegram.org",
  "x-content-type-options": "nosniff",
  // Forms need the Origin header, which "no-referrer" would turn into "null"; nothing here links to another host.
  "referrer-policy": "same-origin",
  "cache-control": "no-store",
};
/** A page reached by a one-time link: its address is never passed on. */
const LINK_PAGE = { "referrer-policy": "no-referrer" };

/** What a form's flash code says after a write (POST, redirect, GET). */
const NOTICES: Record<string, string> = {
  attending: t.attendThanks,
  leave: t.leaveSent,
  cancelled: t.staleMeetingCancelled,
  started: t.staleMeetingStarted,
  not_expected: t.staleNotExpected,
  decided: t.staleNotExpected, // as chat words it
  reason: t.leaveReasonEmpty,
};

function send(res: ServerResponse, status: number, html: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, { ...SECURITY_HEADERS, "content-type": "text/html; charset=utf-8", ...extra });
  res.end(html);
}

function redirect(res: ServerResponse, to: string): void {
  res.writeHead(303, { ...SECURITY_HEADERS, location: to });
  res.end();
}

function cookieOf(req: IncomingMessage): string | null {
  for (const part of (req.headers.cookie ?? "").split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === COOKIE) return v.join("=");
  }
  return null;
}

function readForm(req: IncomingMessage): Promise<URLSearchParams | null> {
  return new Promise((resolve) => {
    if (Number(req.headers["content-length"] ?? 0) > MAX_FORM_BYTES) {
      req.resume();
      resolve(null);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size <= MAX_FORM_BYTES) chunks.push(c);
    });
    req.on("error", () => resolve(null));
    req.on("end", () => resolve(size > MAX_FORM_BYTES ? null : new URLSearchParams(Buffer.concat(chunks).toString())));
  });
}

const same = (a: string, b: string) =>
  a.length === b.length && timingSafeEqual(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));

export async function startWebServer(opts: {
  services: Services;
  logger: Logger;
  host: string;
  port: number;
  /** https://… as the outside sees it: forms must come from this origin; cookies are Secure under https. */
  publicUrl: string;
  timeZone: string;
  /** The Telegram bot's token, to check a Mini App's init data; null without Telegram. */
  telegramToken: string | null;
}): Promise<WebServer> {
  const { services, logger } = opts;
  const origin = new URL(opts.publicUrl).origin;
  const secure = opts.publicUrl.startsWith("https://");
  const sessionCookie = (id: string) =>
    `${COOKIE}=${id}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${SESSION_IDLE_MS / 1000}${secure ? "; Secure" : ""}`;

  async function visitorOf(req: IncomingMessage): Promise<WebVisitor | null> {
    const id = cookieOf(req);
    return id ? services.sessionVisitor(id) : null;
  }

  async function home(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const v = await visitorOf(req);
    if (!v) return send(res, 200, signInPage(null));
    const meetings = await services.upcomingMeetings(v.member.branchId, services.now(), 5);
    const answers = await services.answersOf(
      v.actor,
      meetings.map((m) => m.id),
    );
    const surveys = await services.openSurveysFor(v.actor);
    const created = await services.surveysOf(v.actor, 10);
    send(
      res,
      200,
      homePage({
        leader: isLeader(v.member),
        name: v.member.fullName,
        branch: v.member.branch.name,
        csrf: v.csrf,
        timeZone: opts.timeZone,
        notice: NOTICES[url.searchParams.get("m") ?? ""] ?? null,
        meetings: meetings.map((m) => ({ ...m, answer: answers.find((a) => a.meetingId === m.id)?.answer ?? null })),
        surveys: surveys.filter((s) => s.status !== "answered"),
        created: created.map((s) => ({ id: s.id, title: s.title })),
      }),
    );
  }

  /** The branch dashboard: the secretary's and deputy's own branch, read only. */
  async function dashboard(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const v = await visitorOf(req);
    if (!v) return send(res, 200, signInPage(null));
    if (!isLeader(v.member)) return send(res, 403, forbiddenPage());
    const branchId = v.member.branchId;
    const now = services.now();
    const local = localParts(now, opts.timeZone);
    const month = `${local.year}-${String(local.month).padStart(2, "0")}`;
    const [next] = await services.upcomingMeetings(branchId, now, 1);
    const status = next ? await services.meetingStatus(v.actor, next.id) : null;
    const attendance = await services.attendanceYear(
      v.actor,
      branchId,
      local.year,
      services.settings.attendanceThreshold,
      opts.timeZone,
    );
    const fees = await services.monthlyCollection(v.actor, branchId, month, opts.timeZone);
    const campaign = await services.currentCampaign(branchId);
    const progress = campaign ? await services.reviewProgress(v.actor, campaign.id) : null;
    const count = (s: string) => progress?.rows.filter((r) => r.status === s).length ?? 0;
    send(
      res,
      200,
      dashboardPage({
        branch: v.member.branch.name,
        timeZone: opts.timeZone,
        next: status
          ? {
              startsAt: status.meeting.startsAt,
              place: status.meeting.place,
              attending: status.attending,
              leave: status.leave,
              noAnswer: status.noAnswer,
              unlinked: status.unlinked,
            }
          : null,
        attendance: { ...attendance.meetings, rows: attendance.meetings.rows.slice(-12) },
        fees: {
          month: formatMonth(month),
          collected: formatMoney(fees.collected),
          expected: formatMoney(fees.expected),
        },
        review: campaign
          ? {
              year: campaign.year,
              submitted: count("submitted"),
              inProgress: count("in_progress"),
              notStarted: count("not_started"),
            }
          : null,
        members: await services.membersTable(v.actor, branchId),
      }),
    );
  }

  /** A survey's results with a chart per question, for its creator only (the service refuses anyone else). */
  async function surveyResults(req: IncomingMessage, res: ServerResponse, surveyId: number): Promise<void> {
    const v = await visitorOf(req);
    if (!v) return send(res, 200, signInPage(null));
    let r;
    try {
      r = await services.surveyResults(v.actor, surveyId);
    } catch (e) {
      if (e instanceof ServiceError) return send(res, e.code === "survey.not_found" ? 404 : 403, forbiddenPage());
      throw e;
    }
    send(
      res,
      200,
      surveyResultsPage({
        title: r.survey.title,
        report: surveyReport(r, opts.timeZone, MIN_ANONYMOUS_GROUP),
        questions: r.results.overall.questions.map(({ question, summary }, i) => {
          const label = `${i + 1}. ${question.text.split("\n")[0]}`;
          if (!summary) return { label, bars: [], note: st.hiddenGroup(MIN_ANONYMOUS_GROUP) };
          if (summary.kind === "choices" || summary.kind === "scale")
            return {
              label,
              bars: summary.counts.map((c) => ({ ...c, label: st.choiceLabel(question, c.label) })),
              note:
                summary.kind === "scale" && summary.average !== null
                  ? `${st.average}: ${summary.average.toFixed(1)}`
                  : null,
            };
          if (summary.kind === "number")
            return {
              label,
              bars: [],
              note: `${st.sum}: ${summary.sum} · ${st.mean}: ${summary.average?.toFixed(1) ?? "—"}`,
            };
          return { label, bars: [], note: `${st.textAnswers}: ${summary.answered}` };
        }),
      }),
    );
  }

  /** A write: signed in, from our origin, with the session's CSRF token; otherwise 403 and nothing done. */
  async function writer(
    req: IncomingMessage,
    res: ServerResponse,
  ): Promise<{ v: WebVisitor; form: URLSearchParams } | null> {
    const given = req.headers.origin;
    const v = await visitorOf(req);
    const form = await readForm(req);
    if (!v || !form || (given !== undefined && given !== origin) || !same(form.get("csrf") ?? "", v.csrf)) {
      send(res, 403, forbiddenPage());
      return null;
    }
    return { v, form };
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", origin);
    const path = url.pathname;
    if (req.method === "GET" || req.method === "HEAD") {
      req.resume();
      if (path === "/") return home(req, res, url);
      if (path === "/chi-bo") return dashboard(req, res);
      const surveyPage = /^\/khao-sat\/([1-9]\d{0,8})$/.exec(path);
      if (surveyPage) return surveyResults(req, res, Number(surveyPage[1]));
      if (path === "/app.js") {
        res.writeHead(200, { ...SECURITY_HEADERS, "content-type": "text/javascript; charset=utf-8" });
        res.end(APP_JS);
        return;
      }
      const data = /^\/d\/([^/]+)$/.exec(path);
      if (data) {
        const r = await services.redeemDataLink(data[1]!);
        if (r.type === "gone") return send(res, 410, simplePage(w.goneTitle, w.goneBody), LINK_PAGE);
        res.writeHead(200, {
          ...SECURITY_HEADERS,
          ...LINK_PAGE,
          "content-type": "application/json; charset=utf-8",
          "content-disposition": `attachment; filename="${w.dataFilename}"`,
          "content-length": r.json.length,
        });
        res.end(r.json);
        return;
      }
      const signIn = /^\/s\/([^/]+)$/.exec(path);
      if (signIn) {
        const r = await services.signInWithLink(signIn[1]!);
        if (r.type !== "ok") return send(res, 410, simplePage(w.goneTitle, w.goneBody), LINK_PAGE);
        return send(res, 200, signedInPage(), { ...LINK_PAGE, "set-cookie": sessionCookie(r.sessionId) });
      }
      return send(res, 404, simplePage(w.notFoundTitle, w.notFoundBody));
    }
    if (req.method !== "POST") {
      req.resume();
      res.writeHead(405, { ...SECURITY_HEADERS, allow: "GET, HEAD, POST" });
      res.end();
      return;
    }
    if (path === "/tma") {
      req.resume();
      const auth = req.headers.authorization ?? "";
      const given = req.headers.origin;
      if (!opts.telegramToken || !auth.startsWith("tma ") || (given !== undefined && given !== origin)) {
        res.writeHead(401, SECURITY_HEADERS);
        res.end();
        return;
      }
      const r = await services.signInWithTelegram(auth.slice(4), opts.telegramToken);
      if (r.type !== "ok") {
        res.writeHead(401, SECURITY_HEADERS);
        res.end();
        return;
      }
      res.writeHead(204, { ...SECURITY_HEADERS, "set-cookie": sessionCookie(r.sessionId) });
      res.end();
      return;
    }
    if (path === "/rsvp") {
      const ok = await writer(req, res);
      if (!ok) return;
      const meetingId = Number(ok.form.get("meeting"));
      const answer = ok.form.get("answer");
      if (!Number.isInteger(meetingId) || meetingId <= 0 || (answer !== "yes" && answer !== "leave"))
        return send(res, 403, forbiddenPage());
      const input = { memberId: ok.v.member.id, meetingId };
      if (answer === "leave" && (ok.form.get("reason") ?? "").trim() === "") return redirect(res, "/?m=reason");
      const r =
        answer === "yes"
          ? await services.answerAttending(ok.v.actor, input)
          : await services.requestLeave(ok.v.actor, { ...input, reason: ok.form.get("reason") ?? "" });
      return redirect(res, `/?m=${r.type === "ok" ? (answer === "yes" ? "attending" : "leave") : r.reason}`);
    }
    if (path === "/signout") {
      const ok = await writer(req, res);
      if (!ok) return;
      await services.signOut(cookieOf(req) ?? "");
      return send(res, 200, signInPage(null), {
        "set-cookie": `${COOKIE}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0`,
      });
    }
    req.resume();
    send(res, 404, simplePage(w.notFoundTitle, w.notFoundBody));
  }

  const server: Server = createServer((req, res) => {
    route(req, res).catch((e: unknown) => {
      logger.error({ err: e, method: req.method }, "web request failed");
      if (!res.headersSent) res.writeHead(500, SECURITY_HEADERS);
      res.end();
    });
  });
  return listenHardened(server, opts.host, opts.port);
}
