// Runs a Node entry point in this process and reports its peak RSS and CPU time, for machines
// without GNU time: node rss-wrapper.mjs REPORT.json ENTRY [ARGS…]
import { writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [report, entry, ...args] = process.argv.slice(2);
process.argv = [process.argv[0], path.resolve(entry), ...args];
process.on("exit", () => {
  const u = process.resourceUsage();
  writeFileSync(
    report,
    JSON.stringify({ maxRssKiB: u.maxRSS, cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000 }),
  );
});
await import(pathToFileURL(path.resolve(entry)).href);
