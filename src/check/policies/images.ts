import type { Located } from "../pod-views.js";
import { podViews } from "../pod-views.js";
import type { K8sObject } from "../../render/types.js";

/** Every container image of an object, with the path of its `image` field. */
export function containerImages(object: K8sObject): Array<Located<string> & { container: string }> {
  return podViews(object).flatMap((pod) =>
    pod.containers.flatMap((c) =>
      typeof c.value.image === "string"
        ? [{ path: [...c.path, "image"], value: c.value.image, container: String(c.value.name) }]
        : [],
    ),
  );
}
