import { defineConfig } from "vitest/config";

// End-to-end tests (e2e/): the built panes in headless Chromium against a running API. scripts/test.sh starts the
// API and sets OFFICEEVAL_E2E_BASE_URL and OFFICEEVAL_E2E_PASSWORD; see e2e/README.md.
export default defineConfig({
  test: {
    include: ["e2e/**/*.e2e.test.ts"],
    environment: "node",
    globalSetup: ["e2e/global-setup.ts"],
    // One browser at a time; every wait inside a test has its own, shorter timeout.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 45_000,
    teardownTimeout: 15_000,
    retry: 0,
  },
});
