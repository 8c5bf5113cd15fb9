import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: [
      { find: /^#app\/(.*)$/, replacement: new URL("./app/$1", import.meta.url).pathname },
      { find: /^#tests\/(.*)$/, replacement: new URL("./tests/$1", import.meta.url).pathname },
    ],
  },
  test: {
    include: ["app/**/*.test.{ts,tsx}", "tests/**/*.test.{ts,tsx}", "prisma/**/*.test.ts", "bench/**/*.test.ts"],
    exclude: ["tests/e2e/**", "node_modules/**"],
    globalSetup: ["tests/setup/global-setup.ts"],
    setupFiles: ["tests/setup/setup-file.ts"],
    // Integration tests each open their own database file; two cores here.
    pool: "forks",
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
