import { Octokit } from "@octokit/rest";
import type { ExistingComment } from "./reconcile.js";

/** Where to post: the API, the token, the repository and the pull request. */
export interface PullRequestTarget {
  /** `GITHUB_API_URL`; https://api.github.com for github.com. */
  apiUrl: string;
  token: string;
  owner: string;
  repo: string;
  pr: number;
  /** Sent as the User-Agent, as GitHub asks of API clients. */
  userAgent: string;
}

/** The four comment requests a preview needs, on one pull request. */
export interface CommentApi {
  list(): Promise<ExistingComment[]>;
  create(body: string): Promise<{ id: number; url: string }>;
  update(id: number, body: string): Promise<{ id: number; url: string }>;
  remove(id: number): Promise<void>;
}

/** The issue-comment endpoints of GitHub's REST API, through Octokit. */
export function githubComments(target: PullRequestTarget): CommentApi {
  const octokit = new Octokit({
    auth: target.token,
    baseUrl: target.apiUrl.replace(/\/+$/, ""),
    userAgent: target.userAgent,
  });
  const where = { owner: target.owner, repo: target.repo };
  return {
    async list() {
      const comments = await octokit.paginate(octokit.rest.issues.listComments, {
        ...where,
        issue_number: target.pr,
        per_page: 100,
      });
      return comments.map((c) => ({ id: c.id, body: c.body ?? "" }));
    },
    async create(body) {
      const { data } = await octokit.rest.issues.createComment({
        ...where,
        issue_number: target.pr,
        body,
      });
      return { id: data.id, url: data.html_url };
    },
    async update(id, body) {
      const { data } = await octokit.rest.issues.updateComment({ ...where, comment_id: id, body });
      return { id: data.id, url: data.html_url };
    },
    async remove(id) {
      await octokit.rest.issues.deleteComment({ ...where, comment_id: id });
    },
  };
}
