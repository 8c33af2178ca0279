import { isImageReference, parseImage } from "./image-reference.js";
import { containerImages } from "./images.js";
import type { Policy } from "./policy.js";

/** A moving tag deploys whatever was pushed last: a rollback or a rebuild is then a different program. */
export const imagesPinned: Policy = {
  id: "images-pinned",
  description: "Every image names a digest or an explicit tag other than `latest`.",
  defaultSeverity: "error",
  check(object) {
    return containerImages(object).flatMap(({ path, value, container }) => {
      // Not a reference at all is the output check's error (validate-output.ts), not this one.
      if (!isImageReference(value)) return [];
      const ref = parseImage(value);
      if (ref.digest !== undefined || (ref.tag !== undefined && ref.tag !== "latest")) return [];
      const why =
        ref.tag === "latest" ? "uses the tag `latest`" : "names no tag (Kubernetes pulls `latest`)";
      return [
        {
          path,
          value,
          message: `image ${value} of container ${container} ${why}`,
          hint: "pin a version tag (app:1.4.2) or a digest (app@sha256:…)",
        },
      ];
    });
  },
};
