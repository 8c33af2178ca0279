import { EXIT, type Command } from "../command.js";
import { exitCodeFor } from "../exit-code.js";
import { plural } from "../plural.js";
import { loadRepoConfig, mergeSources } from "../repo-config.js";

/** `stackyard build`: compile the repository and write out/. */
export const buildCommand: Command = {
  name: "build",
  summary: "compile the repository into the out dir",
  usage: "stackyard build [options]",
  description:
    "Compiles every Stack and Resource under the configured roots into Kubernetes manifests.\n" +
    "Nothing is written when there is an error: the out dir stays exactly as it was.",
  options: {},
  args: { min: 0, max: 0 },
  async run(ctx) {
    const loaded = await loadRepoConfig(ctx);
    if (!loaded.ok) return EXIT.invalid;
    const { config } = loaded;
    const result = await ctx.core.buildRepo({ root: ctx.root, config });
    const diagnostics = [...loaded.diagnostics, ...result.diagnostics];
    ctx.report(diagnostics, mergeSources(loaded.sources, result.sources));
    const code = exitCodeFor(diagnostics);
    if (code !== EXIT.ok) return code;
    const { resources, objects } = result.stats;
    const w = result.write;
    const done =
      w === undefined
        ? ""
        : ` (${w.written} written, ${w.unchanged} unchanged, ${w.pruned} pruned)`;
    ctx.note(
      `built ${plural(resources, "resource")} → ${plural(objects, "object")} in ${config.outDir}/${done}`,
    );
    return code;
  },
};
