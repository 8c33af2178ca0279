/** The preview stage: the diff as one sticky pull-request comment, and the job summary. */
export { postPreview, type PostOutcome, type PostResult } from "./post-preview.js";
export { githubComments, type CommentApi, type PullRequestTarget } from "./github-comments.js";
export { splitComment, GITHUB_COMMENT_LIMIT, type CommentPlan } from "./split-comment.js";
export { commentBodies, SUMMARY_MARKER } from "./comment-bodies.js";
export { reconcile, type CommentOp, type ExistingComment } from "./reconcile.js";
export { appendJobSummary } from "./job-summary.js";
