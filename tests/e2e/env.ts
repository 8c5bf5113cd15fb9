// Where the e2e server listens and keeps its data; read by playwright.config.ts and the specs.
// The folder name follows the port, so the runner and its workers agree without coordination.
import { fileURLToPath } from "node:url";

export const E2E_PORT = Number(process.env.E2E_PORT || 3100);
export const E2E_DATA_DIR = fileURLToPath(new URL(`../.tmp/e2e-${E2E_PORT}`, import.meta.url));
