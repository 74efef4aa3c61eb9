// Starts each e2e run with an empty e2e/artifacts/, so every screenshot there is from this run.
import { mkdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export default function setup(): void {
  const artifacts = join(dirname(fileURLToPath(import.meta.url)), "artifacts");
  rmSync(artifacts, { recursive: true, force: true });
  mkdirSync(artifacts, { recursive: true });
}
