/** Sprig's urlParse and urlJoin (url.go) over Go's net/url. */
import { kindOf } from "../values.js";
import {
  UrlError,
  parseUrl,
  urlHostname,
  urlString,
  userinfoString,
  type GoUrl,
} from "./go-url.js";
import { FuncError, type FuncDef } from "./types.js";

function urlParse(text: string): Map<string, unknown> {
  let u: GoUrl;
  try {
    u = parseUrl(text);
  } catch (e) {
    if (e instanceof UrlError) throw new FuncError(`unable to parse url: ${e.message}`);
    throw e;
  }
  return new Map<string, unknown>([
    ["scheme", u.scheme],
    ["host", u.host],
    ["hostname", urlHostname(u.host)],
    ["path", u.path],
    ["query", u.rawQuery],
    ["opaque", u.opaque],
    ["fragment", u.fragment],
    ["userinfo", u.user === null ? "" : userinfoString(u.user)],
  ]);
}

/** Sprig's dictGetOrEmpty: a missing key is "", anything but a string panics. */
function field(d: Map<string, unknown>, key: string): string {
  if (!d.has(key)) return "";
  const v = d.get(key);
  if (v === null || v === undefined)
    throw new FuncError("runtime error: invalid memory address or nil pointer dereference");
  if (typeof v !== "string")
    throw new FuncError(
      `unable to parse ${key} key, must be of type string, but ${kindOf(v)} found`,
    );
  return v;
}

function urlJoin(d: Map<string, unknown>): string {
  const u: GoUrl = {
    scheme: field(d, "scheme"),
    host: field(d, "host"),
    path: field(d, "path"),
    rawQuery: field(d, "query"),
    opaque: field(d, "opaque"),
    fragment: field(d, "fragment"),
    user: null,
    forceQuery: false,
    omitHost: false,
  };
  const userinfo = field(d, "userinfo");
  if (userinfo !== "") {
    try {
      u.user = parseUrl(`proto://${userinfo}@host`).user;
    } catch (e) {
      if (e instanceof UrlError)
        throw new FuncError(`unable to parse userinfo in dict: ${e.message}`);
      throw e;
    }
  }
  return urlString(u);
}

export const SPRIG_URL_FUNCTIONS: Record<string, FuncDef> = {
  urlParse: { params: ["string"], call: ([s]) => urlParse(s as string) },
  urlJoin: {
    params: ["map"],
    call: ([d]) => urlJoin(d instanceof Map ? d : new Map()),
  },
};
