/**
 * The parts of Go's net/url behind Sprig's urlParse and urlJoin: url.Parse and URL.String,
 * ported over byte strings (one char per UTF-8 byte) because escaping works on bytes.
 */
import { goQuote } from "../format/quote.js";
import { fromUtf8Bytes, utf8Bytes } from "./go-unicode.js";

type Mode = "path" | "pathSegment" | "host" | "zone" | "userPassword" | "query" | "fragment";

/** A URL with Go's field names; every string holds text, not bytes. */
export interface GoUrl {
  scheme: string;
  opaque: string;
  user: { username: string; password?: string } | null;
  host: string;
  path: string;
  rawQuery: string;
  fragment: string;
  forceQuery: boolean;
  omitHost: boolean;
}

/** A parse failure, worded as Go words it. */
export class UrlError extends Error {}

const isAlnum = (c: string): boolean => /^[A-Za-z0-9]$/.test(c);
const isHex = (c: string | undefined): boolean => c !== undefined && /^[0-9A-Fa-f]$/.test(c);
const quoteBytes = (b: string): string => goQuote(fromUtf8Bytes(b));

function shouldEscape(c: string, mode: Mode): boolean {
  if (isAlnum(c)) return false;
  if ((mode === "host" || mode === "zone") && "!$&'()*+,;=:[]<>\"".includes(c)) return false;
  if ("-_.~".includes(c)) return false;
  if ("$&+,/:;=?@".includes(c)) {
    switch (mode) {
      case "path":
        return c === "?";
      case "pathSegment":
        return "/;,?".includes(c);
      case "userPassword":
        return "@/?:".includes(c);
      case "query":
        return true;
      case "fragment":
        return false;
    }
  }
  return !(mode === "fragment" && "!()*".includes(c));
}

function unescape(s: string, mode: Mode): string {
  for (let i = 0; i < s.length;) {
    const c = s[i]!;
    if (c === "%") {
      if (!isHex(s[i + 1]) || !isHex(s[i + 2]))
        throw new UrlError(`invalid URL escape ${quoteBytes(s.slice(i, i + 3))}`);
      const v = parseInt(s.slice(i + 1, i + 3), 16);
      if (mode === "host" && v >> 4 < 8 && s.slice(i, i + 3) !== "%25")
        throw new UrlError(`invalid URL escape ${quoteBytes(s.slice(i, i + 3))}`);
      const zoneBad = s.slice(i, i + 3) !== "%25" && v !== 0x20;
      if (mode === "zone" && zoneBad && shouldEscape(String.fromCharCode(v), "host"))
        throw new UrlError(`invalid URL escape ${quoteBytes(s.slice(i, i + 3))}`);
      i += 3;
    } else {
      const hostMode = mode === "host" || mode === "zone";
      if (hostMode && c.charCodeAt(0) < 0x80 && shouldEscape(c, mode))
        throw new UrlError(`invalid character ${quoteBytes(c)} in host name`);
      i++;
    }
  }
  return s.replace(/%([0-9A-Fa-f]{2})|\+/g, (_match, hex: string | undefined) =>
    hex !== undefined ? String.fromCharCode(parseInt(hex, 16)) : mode === "query" ? " " : "+",
  );
}

function escape(s: string, mode: Mode): string {
  let out = "";
  for (const c of s) {
    if (!shouldEscape(c, mode)) out += c;
    else if (c === " " && mode === "query") out += "+";
    else out += "%" + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0");
  }
  return out;
}

function getScheme(raw: string): [string, string] {
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (/[A-Za-z]/.test(c)) continue;
    if (/[0-9+\-.]/.test(c)) {
      if (i === 0) return ["", raw];
      continue;
    }
    if (c === ":") {
      if (i === 0) throw new UrlError("missing protocol scheme");
      return [raw.slice(0, i), raw.slice(i + 1)];
    }
    return ["", raw];
  }
  return ["", raw];
}

function validOptionalPort(port: string): boolean {
  return port === "" || /^:[0-9]*$/.test(port);
}

function parseHost(host: string): string {
  if (host.startsWith("[")) {
    const i = host.lastIndexOf("]");
    if (i < 0) throw new UrlError("missing ']' in host");
    const colonPort = host.slice(i + 1);
    if (!validOptionalPort(colonPort))
      throw new UrlError(`invalid port ${quoteBytes(colonPort)} after host`);
    const zone = host.slice(0, i).indexOf("%25");
    if (zone >= 0) {
      return (
        unescape(host.slice(0, zone), "host") +
        unescape(host.slice(zone, i), "zone") +
        unescape(host.slice(i), "host")
      );
    }
  } else {
    const i = host.lastIndexOf(":");
    if (i !== -1 && !validOptionalPort(host.slice(i)))
      throw new UrlError(`invalid port ${quoteBytes(host.slice(i))} after host`);
  }
  return unescape(host, "host");
}

function parseAuthority(authority: string): Pick<GoUrl, "user" | "host"> {
  const at = authority.lastIndexOf("@");
  const host = parseHost(at < 0 ? authority : authority.slice(at + 1));
  if (at < 0) return { user: null, host };
  const userinfo = authority.slice(0, at);
  if (!/^[A-Za-z0-9\-._:~!$&'()*+,;=%@]*$/.test(userinfo))
    throw new UrlError("net/url: invalid userinfo");
  const colon = userinfo.indexOf(":");
  if (colon < 0) return { user: { username: unescape(userinfo, "userPassword") }, host };
  return {
    user: {
      username: unescape(userinfo.slice(0, colon), "userPassword"),
      password: unescape(userinfo.slice(colon + 1), "userPassword"),
    },
    host,
  };
}

function parseWithoutFragment(raw: string): GoUrl {
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x1f\x7f]/.test(raw)) throw new UrlError("net/url: invalid control character in URL");
  const u: GoUrl = {
    scheme: "",
    opaque: "",
    user: null,
    host: "",
    path: "",
    rawQuery: "",
    fragment: "",
    forceQuery: false,
    omitHost: false,
  };
  if (raw === "*") return { ...u, path: "*" };
  let [scheme, rest] = getScheme(raw);
  u.scheme = scheme.toLowerCase();
  if (rest.endsWith("?") && rest.indexOf("?") === rest.length - 1) {
    u.forceQuery = true;
    rest = rest.slice(0, -1);
  } else {
    const q = rest.indexOf("?");
    if (q >= 0) [rest, u.rawQuery] = [rest.slice(0, q), rest.slice(q + 1)];
  }
  if (!rest.startsWith("/")) {
    if (u.scheme !== "") return { ...u, opaque: rest };
    if (rest.split("/")[0]!.includes(":"))
      throw new UrlError("first path segment in URL cannot contain colon");
  }
  if ((u.scheme !== "" || !rest.startsWith("///")) && rest.startsWith("//")) {
    let authority = rest.slice(2);
    rest = "";
    const slash = authority.indexOf("/");
    if (slash >= 0) [authority, rest] = [authority.slice(0, slash), authority.slice(slash)];
    Object.assign(u, parseAuthority(authority));
  } else if (u.scheme !== "" && rest.startsWith("/")) u.omitHost = true;
  u.path = unescape(rest, "path");
  return u;
}

/** url.Parse; throws UrlError with Go's message (`parse "x": …`). */
export function parseUrl(text: string): GoUrl {
  const raw = utf8Bytes(text);
  const hash = raw.indexOf("#");
  const withoutFragment = hash < 0 ? raw : raw.slice(0, hash);
  // Go names the URL without its fragment when the rest fails, and all of it when the fragment does.
  const parsing = <T>(subject: string, f: () => T): T => {
    try {
      return f();
    } catch (e) {
      if (e instanceof UrlError) throw new UrlError(`parse ${quoteBytes(subject)}: ${e.message}`);
      throw e;
    }
  };
  const u = parsing(withoutFragment, () => parseWithoutFragment(withoutFragment));
  if (hash >= 0) u.fragment = parsing(raw, () => unescape(raw.slice(hash + 1), "fragment"));
  const text_ = (b: string): string => fromUtf8Bytes(b);
  return {
    ...u,
    scheme: text_(u.scheme),
    opaque: text_(u.opaque),
    user: u.user && {
      username: text_(u.user.username),
      ...(u.user.password === undefined ? {} : { password: text_(u.user.password) }),
    },
    host: text_(u.host),
    path: text_(u.path),
    rawQuery: text_(u.rawQuery),
    fragment: text_(u.fragment),
  };
}

/** Userinfo.String. */
export function userinfoString(user: NonNullable<GoUrl["user"]>): string {
  const b = (s: string): string => escape(utf8Bytes(s), "userPassword");
  return fromUtf8Bytes(
    b(user.username) + (user.password === undefined ? "" : ":" + b(user.password)),
  );
}

/** URL.String (RawPath and RawFragment empty, as urlJoin builds them). */
export function urlString(u: GoUrl): string {
  const host = utf8Bytes(u.host);
  let out = u.scheme === "" ? "" : utf8Bytes(u.scheme) + ":";
  if (u.opaque !== "") out += utf8Bytes(u.opaque);
  else {
    if (u.scheme !== "" || host !== "" || u.user !== null) {
      if (!(u.omitHost && host === "" && u.user === null)) {
        if (host !== "" || u.path !== "" || u.user !== null) out += "//";
        if (u.user !== null) out += utf8Bytes(userinfoString(u.user)) + "@";
        if (host !== "") out += escape(host, "host");
      }
    }
    const path = u.path === "*" ? "*" : escape(utf8Bytes(u.path), "path");
    if (path !== "" && path[0] !== "/" && host !== "") out += "/";
    if (out === "" && path.split("/")[0]!.includes(":")) out += "./";
    out += path;
  }
  if (u.forceQuery || u.rawQuery !== "") out += "?" + utf8Bytes(u.rawQuery);
  if (u.fragment !== "") out += "#" + escape(utf8Bytes(u.fragment), "fragment");
  return fromUtf8Bytes(out);
}

/** URL.Hostname: the host without the port and IPv6 brackets. */
export function urlHostname(host: string): string {
  let h = host;
  const colon = h.lastIndexOf(":");
  if (colon !== -1 && validOptionalPort(h.slice(colon))) h = h.slice(0, colon);
  if (h.startsWith("[") && h.endsWith("]")) h = h.slice(1, -1);
  return h;
}
