// Enforces the architecture rules of STYLE.md that a type checker cannot see:
// 1. The folder is the stage: a file may import only from its own stage or earlier ones.
// 2. The template engine is self-contained.
// 3. `process` and `console` only in cli/; git only in diff/ and publish/; Octokit only in preview/.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

const ORDER = [
  "diagnostics",
  "yaml",
  "template",
  "config",
  "discover",
  "parse",
  "normalize",
  "validate",
  "resolve",
  "render",
  "compile",
  "check",
  "emit",
  "gitops",
  "build",
  "scaffold",
  "diff",
  "publish",
  "preview",
  "cli",
];
const SHARED = new Set(["types"]); // ambient declarations only
// Reading revisions (diff) and committing rendered output (publish) are the only git users.
const GIT_STAGES = new Set(["diff", "publish"]);
const root = path.resolve("src");
const problems = [];

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) yield* files(full);
    else if (name.endsWith(".ts")) yield full;
  }
}

const stageOf = (file) => path.relative(root, file).split(path.sep)[0];

for (const file of files(root)) {
  const rel = path.relative(process.cwd(), file);
  const stage = stageOf(file);
  if (SHARED.has(stage)) continue;
  const rank = ORDER.indexOf(stage);
  if (rank === -1) {
    problems.push(`${rel}: folder src/${stage}/ is not a pipeline stage (${ORDER.join(", ")})`);
    continue;
  }
  const text = readFileSync(file, "utf8");
  const code = text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:])\/\/.*$/gm, "$1");
  for (const m of code.matchAll(
    /(?:import|export)\s[^;]*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g,
  )) {
    const spec = m[1] ?? m[2];
    if (spec.startsWith(".")) {
      const target = stageOf(path.resolve(path.dirname(file), spec));
      if (SHARED.has(target) || target === stage) continue;
      const targetRank = ORDER.indexOf(target);
      if (stage === "template")
        problems.push(
          `${rel}: the template engine imports nothing outside src/template/ (found ${spec})`,
        );
      else if (targetRank > rank)
        problems.push(
          `${rel}: stage ${stage} imports ${spec} from the later stage ${target}; imports flow forward only`,
        );
    } else {
      if (spec === "simple-git" && !GIT_STAGES.has(stage))
        problems.push(`${rel}: git (simple-git) is used only in src/diff/ and src/publish/`);
      if (spec.startsWith("@octokit/") && stage !== "preview")
        problems.push(`${rel}: Octokit is used only in src/preview/`);
    }
  }
  if (stage !== "cli") {
    for (const word of ["process", "console"]) {
      const re = new RegExp(`(^|[^.\\w])${word}\\.`, "m");
      if (re.test(code))
        problems.push(
          `${rel}: \`${word}\` is used only in src/cli/ (pass what you need in as data)`,
        );
    }
  }
}

if (problems.length > 0) {
  console.error(problems.join("\n"));
  console.error(`\n${problems.length} layering problem(s)`);
  process.exit(1);
}
console.log("layers: ok");
