import { manifestReferenceDoc } from "./manifest-reference.js";
import { troubleshootingDoc } from "./troubleshooting.js";

/**
 * The documentation pages generated from the source, by repository path. Adding a generated
 * page is one line here; scripts/gen-docs.mjs writes them and test/docs checks they are fresh.
 */
export const GENERATED_DOCS: Record<string, () => string> = {
  "docs/manifests.md": manifestReferenceDoc,
  "docs/troubleshooting.md": troubleshootingDoc,
};
