import { vitePlugin as remix } from "@remix-run/dev";
import tailwindcss from "@tailwindcss/vite";
import { defineConfig } from "vite";
import remixConfig from "./remix.config.js";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

export default defineConfig({
  plugins: [tailwindcss(), remix(remixConfig)],
  build: { target: "es2022" },
  ssr: {
    // Native and server-only packages stay external to the server bundle.
    external: ["better-sqlite3", "@node-rs/argon2", "pg", "nodemailer", "pino"],
  },
});
