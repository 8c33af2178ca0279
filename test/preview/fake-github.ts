import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** One request the fake GitHub received. */
export interface RecordedRequest {
  method: string;
  path: string;
  body?: { body?: string };
  authorization?: string;
}

/** An issue comment as the fake stores it. */
export interface FakeComment {
  id: number;
  body: string;
}

/**
 * A local stand-in for the GitHub REST API, on 127.0.0.1 and a free port: the issue-comment
 * endpoints stackyard uses (list with Link pagination, create, update, delete), requests
 * recorded in order. Comments live in memory, per issue.
 */
export class FakeGitHub {
  readonly requests: RecordedRequest[] = [];
  readonly comments = new Map<number, FakeComment[]>();
  private nextId = 1000;
  private server: Server | undefined;
  url = "";

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      void this.handle(req).then(({ status, body, headers }) => {
        res.writeHead(status, { "content-type": "application/json", ...headers });
        res.end(body === undefined ? "" : JSON.stringify(body));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  /** Adds a comment someone else wrote, as if it were already on the pull request. */
  seed(issue: number, body: string): void {
    this.list(issue).push({ id: this.nextId++, body });
  }

  list(issue: number): FakeComment[] {
    if (!this.comments.has(issue)) this.comments.set(issue, []);
    return this.comments.get(issue)!;
  }

  private async handle(
    req: IncomingMessage,
  ): Promise<{ status: number; body?: unknown; headers?: Record<string, string> }> {
    const url = new URL(req.url ?? "/", this.url);
    const text = await readBody(req);
    const body = text === "" ? undefined : (JSON.parse(text) as { body?: string });
    const recorded: RecordedRequest = { method: req.method ?? "", path: url.pathname };
    if (body !== undefined) recorded.body = body;
    if (req.headers.authorization !== undefined) recorded.authorization = req.headers.authorization;
    this.requests.push(recorded);
    if (req.headers.authorization !== "token test-token")
      return { status: 401, body: { message: "Bad credentials" } };
    const issue = /^\/repos\/acme\/platform\/issues\/(\d+)\/comments$/.exec(url.pathname);
    const comment = /^\/repos\/acme\/platform\/issues\/comments\/(\d+)$/.exec(url.pathname);
    if (issue !== null && req.method === "GET") return this.page(Number(issue[1]), url);
    if (issue !== null && req.method === "POST") {
      const created = { id: this.nextId++, body: body?.body ?? "" };
      this.list(Number(issue[1])).push(created);
      return { status: 201, body: this.json(created) };
    }
    if (comment !== null) return this.onComment(Number(comment[1]), req.method ?? "", body);
    return { status: 404, body: { message: "Not Found" } };
  }

  private page(
    issue: number,
    url: URL,
  ): { status: number; body: unknown; headers: Record<string, string> } {
    const perPage = Number(url.searchParams.get("per_page") ?? 30);
    const page = Number(url.searchParams.get("page") ?? 1);
    const all = this.list(issue);
    const headers: Record<string, string> = {};
    if (page * perPage < all.length) {
      const next = new URL(url);
      next.searchParams.set("page", String(page + 1));
      headers["link"] = `<${next.toString()}>; rel="next"`;
    }
    return {
      status: 200,
      body: all.slice((page - 1) * perPage, page * perPage).map((c) => this.json(c)),
      headers,
    };
  }

  private onComment(
    id: number,
    method: string,
    body: { body?: string } | undefined,
  ): { status: number; body?: unknown } {
    for (const comments of this.comments.values()) {
      const i = comments.findIndex((c) => c.id === id);
      if (i === -1) continue;
      if (method === "PATCH") {
        comments[i] = { id, body: body?.body ?? "" };
        return { status: 200, body: this.json(comments[i]!) };
      }
      if (method === "DELETE") {
        comments.splice(i, 1);
        return { status: 204 };
      }
    }
    return { status: 404, body: { message: "Not Found" } };
  }

  private json(c: FakeComment): Record<string, unknown> {
    return {
      id: c.id,
      body: c.body,
      html_url: `https://github.example/acme/platform/pull/1#issuecomment-${c.id}`,
    };
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
  });
}
