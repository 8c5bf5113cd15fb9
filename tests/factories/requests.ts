// Real Requests for route actions and loaders in integration tests, and their outcome as the
// browser would see it (status, headers, cookies, body), whether the route returned a
// Response, a `data()` value or a plain object, or threw a Response.
import path from "node:path";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { deliverDueMail } from "#app/modules/mail/outbox.server";
import { readEmails, type Email } from "#tests/factories/eml";

export const ORIGIN = "http://localhost";

export interface RequestOptions {
  cookie?: string;
  ip?: string;
}

function headersFor(options: RequestOptions): Headers {
  const headers = new Headers({ Origin: ORIGIN });
  if (options.cookie) headers.set("Cookie", options.cookie);
  // What server.mjs sets for every request from the address Express resolved.
  headers.set("x-portal-client-ip", options.ip ?? "203.0.113.7");
  return headers;
}

export function postRequest(pathname: string, fields: Record<string, string>, options: RequestOptions = {}): Request {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.append(name, value);
  return new Request(ORIGIN + pathname, { method: "POST", headers: headersFor(options), body });
}

export function getRequest(pathname: string, options: RequestOptions = {}): Request {
  return new Request(ORIGIN + pathname, { headers: headersFor(options) });
}

export interface Outcome {
  status: number;
  headers: Headers;
  /** Each Set-Cookie header as sent. */
  setCookies: string[];
  location: string | null;
  /** The JSON body (or text) of the response; the data for `data()` and plain objects. */
  body: unknown;
}

async function fromResponse(response: Response): Promise<Outcome> {
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: keep the text
  }
  return {
    status: response.status,
    headers: response.headers,
    setCookies: response.headers.getSetCookie(),
    location: response.headers.get("Location"),
    body,
  };
}

function isDataWithInit(value: unknown): value is { data: unknown; init: ResponseInit | null } {
  return typeof value === "object" && value !== null && (value as { type?: unknown }).type === "DataWithResponseInit";
}

export async function outcomeOf(run: () => Promise<unknown> | unknown): Promise<Outcome> {
  let value: unknown;
  try {
    value = await run();
  } catch (thrown) {
    if (thrown instanceof Response) return fromResponse(thrown);
    throw thrown;
  }
  if (value instanceof Response) return fromResponse(value);
  if (isDataWithInit(value)) {
    const headers = new Headers(value.init?.headers);
    return {
      status: value.init?.status ?? 200,
      headers,
      setCookies: headers.getSetCookie(),
      location: headers.get("Location"),
      body: JSON.parse(JSON.stringify(value.data ?? null)) as unknown,
    };
  }
  return { status: 200, headers: new Headers(), setCookies: [], location: null, body: JSON.parse(JSON.stringify(value ?? null)) };
}

type Handler<A> = (args: A) => Promise<unknown> | unknown;

/** Runs a route's action with a POSTed form. */
export function submit(
  action: Handler<ActionFunctionArgs>,
  pathname: string,
  fields: Record<string, string>,
  options: RequestOptions & { params?: Record<string, string> } = {},
): Promise<Outcome> {
  return outcomeOf(() => action({ request: postRequest(pathname, fields, options), params: options.params ?? {}, context: {} }));
}

/** Runs a route's loader for a GET. */
export function load(
  loader: Handler<LoaderFunctionArgs>,
  pathname: string,
  options: RequestOptions & { params?: Record<string, string> } = {},
): Promise<Outcome> {
  return outcomeOf(() => loader({ request: getRequest(pathname, options), params: options.params ?? {}, context: {} }));
}

/** The Cookie request header that a browser would send back after these Set-Cookie headers. */
export function cookieHeader(setCookies: readonly string[], previous = ""): string {
  const jar = new Map<string, string>();
  for (const pair of previous.split(/;\s*/).filter(Boolean)) {
    const [name = "", ...rest] = pair.split("=");
    jar.set(name, rest.join("="));
  }
  for (const header of setCookies) {
    const [pair = ""] = header.split(";");
    const [name = "", ...rest] = pair.split("=");
    const value = rest.join("=");
    if (value === "" || /max-age=0/i.test(header) || /expires=thu, 01 jan 1970/i.test(header)) jar.delete(name);
    else jar.set(name, value);
  }
  return [...jar].map(([name, value]) => `${name}=${value}`).join("; ");
}

export function mailDir(): string {
  return path.join(process.env.DATA_DIR!, "mail");
}

/**
 * The messages for an address so far, oldest first. No outbox worker runs in a test process, so
 * this first delivers what the mail outbox holds (as a server's worker would), then reads the files.
 */
export async function mailsTo(address: string): Promise<Email[]> {
  await deliverDueMail();
  return readEmails(mailDir(), address);
}

/** The last path segment of the first link in a message that contains `marker`. */
export function tokenFromLink(email: Email, marker: string): string {
  const link = email.links.find((l) => l.includes(marker));
  if (!link) throw new Error(`no link containing ${marker} in: ${email.links.join(", ")}`);
  return new URL(link).pathname.split("/").pop()!;
}
