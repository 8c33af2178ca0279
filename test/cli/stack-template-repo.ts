import { afterEach } from "vitest";
import { makeTempDir, removeDir, writeEntries } from "../robustness/temp-repo.js";

/**
 * A temporary repository of one Service (`web`, workspace shop) on a stack whose
 * serviceConfig holds `templates` (indented by four spaces, as under `serviceConfig:`).
 * Removed after each test of the file that calls it.
 */
export function serviceOnStackRepos(prefix: string): (templates: string) => Promise<string> {
  const made: string[] = [];
  afterEach(async () => {
    await Promise.all(made.splice(0).map((dir) => removeDir(dir)));
  });
  return async (templates) => {
    const dir = await makeTempDir(prefix);
    made.push(dir);
    await writeEntries(dir, {
      "stackyard.yaml": "roots: [resources]\n",
      "resources/stack.yaml": `name: tpl-v1
version: v1alpha
type: stack
stack:
  name: tpl
  version: "1.0"
  image: {registry: docker.io, repository: library, image: busybox, tag: "1.36"}
  serviceConfig:
${templates}`,
      "resources/web.yaml": `name: web
version: v1
type: service
workspace: shop
service:
  servicePort: 8080
  stack: tpl
  compute: runnable-default
`,
    });
    return dir;
  };
}
