/**
 * Error codes of `link` that mean "this file system cannot hard-link here" (another device,
 * no hard links at all, too many links to the file): the caller copies or writes instead.
 */
export const NO_HARD_LINKS: ReadonlySet<string> = new Set([
  "EXDEV",
  "EPERM",
  "ENOTSUP",
  "EOPNOTSUPP",
  "EMLINK",
  "ENOSYS",
]);
