import type { DiffObject } from "../types.js";
import type { RiskRule } from "./rule.js";
import { walk } from "./walk.js";

/** Why an image reference is not reproducible, or undefined when it names one fixed image. */
export function unpinnedReason(image: string): string | undefined {
  if (image.includes("@sha256:")) return undefined;
  const lastSegment = image.slice(image.lastIndexOf("/") + 1);
  const colon = lastSegment.indexOf(":");
  if (colon === -1) return "has no tag (it means latest)";
  return lastSegment.slice(colon + 1) === "latest" ? "uses the tag latest" : undefined;
}

/** The container images of an object: every string under an `image` key. */
function images(object: DiffObject | undefined): Map<string, string> {
  const found = new Map<string, string>();
  if (object === undefined) return found;
  for (const f of walk(object.object))
    if (f.key === "image" && typeof f.value === "string") found.set(f.path, f.value);
  return found;
}

/** `latest`, or no tag at all: what runs changes under the same manifest. */
export const unpinnedImage: RiskRule = {
  id: "unpinned-image",
  level: "warning",
  summary: "An image is new or changed and uses the tag latest, or no tag.",
  check(change) {
    const before = images(change.base);
    const messages: string[] = [];
    for (const [path, image] of images(change.head)) {
      const why = unpinnedReason(image);
      if (why === undefined || before.get(path) === image) continue;
      messages.push(
        `${change.kind} ${change.namespace}/${change.name}: image ${image} ${why}; pin a version or a digest`,
      );
    }
    return messages;
  },
};
