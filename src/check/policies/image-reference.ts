/** An image reference split the way container runtimes read it. */
export interface ImageReference {
  /** The registry host; `docker.io` when the reference names none. */
  registry: string;
  /** `registry/path` with Docker Hub's implicit `library/` added. */
  repository: string;
  tag?: string;
  digest?: string;
}

/** Parses `[registry/]path[:tag][@digest]`; the first part is a registry when it has `.` or `:` or is localhost. */
export function parseImage(image: string): ImageReference {
  const [nameAndTag, digest] = image.split("@", 2) as [string, string | undefined];
  const slash = nameAndTag.lastIndexOf("/");
  const colon = nameAndTag.lastIndexOf(":");
  const tag = colon > slash ? nameAndTag.slice(colon + 1) : undefined;
  const name = colon > slash ? nameAndTag.slice(0, colon) : nameAndTag;
  const first = name.split("/")[0]!;
  const hasRegistry =
    name.includes("/") && (first.includes(".") || first.includes(":") || first === "localhost");
  const registry = hasRegistry ? first : "docker.io";
  const path = hasRegistry
    ? name.slice(first.length + 1)
    : name.includes("/")
      ? name
      : `library/${name}`;
  const ref: ImageReference = { registry, repository: `${registry}/${path}` };
  if (tag !== undefined) ref.tag = tag;
  if (digest !== undefined) ref.digest = digest;
  return ref;
}

// The grammar of distribution/reference (what the kubelet parses; anything else is
// InvalidImageName at run time): [domain[:port]/]path[:tag][@digest], the name at most 255
// characters.
const DOMAIN_PART = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
const DOMAIN = `(?:${DOMAIN_PART}(?:\\.${DOMAIN_PART})*|\\[[0-9a-fA-F:]+\\])(?::[0-9]+)?`;
const PATH_PART = "[a-z0-9]+(?:(?:[_.]|__|-+)[a-z0-9]+)*";
const NAME = `(?:${DOMAIN}/)?${PATH_PART}(?:/${PATH_PART})*`;
const REFERENCE = new RegExp(
  `^(${NAME})(?::[\\w][\\w.-]{0,127})?(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?$`,
);

/** Whether `image` is a reference a container runtime can pull (see REFERENCE). */
export function isImageReference(image: string): boolean {
  const m = REFERENCE.exec(image);
  return m !== null && m[1]!.length <= 255;
}
