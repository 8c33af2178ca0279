import { isImageReference, parseImage } from "./image-reference.js";
import { containerImages } from "./images.js";
import type { Policy } from "./policy.js";

/** Images only from registries the platform mirrors and scans; inactive until the list is set. */
export const allowedRegistries: Policy = {
  id: "allowed-registries",
  description:
    "Every image comes from a registry in `policies.allowedRegistries` (no list: any registry).",
  defaultSeverity: "error",
  check(object, ctx) {
    const allowed = ctx.config.policies.allowedRegistries.map((p) => p.replace(/\/+$/, ""));
    if (allowed.length === 0) return [];
    return containerImages(object).flatMap(({ path, value, container }) => {
      // Not a reference at all is the output check's error (validate-output.ts), not this one.
      if (!isImageReference(value)) return [];
      const { repository } = parseImage(value);
      if (allowed.some((prefix) => repository === prefix || repository.startsWith(`${prefix}/`)))
        return [];
      return [
        {
          path,
          value,
          message: `image ${value} of container ${container} is not from an allowed registry`,
          hint: `allowed: ${allowed.join(", ")} (policies.allowedRegistries in stackyard.yaml)`,
        },
      ];
    });
  },
};
