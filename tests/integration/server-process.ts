// Starts the real Node server (server.mjs serving build/) as a child process for the
// integration tests: free port, collected JSON log lines, health polling, SIGTERM.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "../..");
export const SERVER_BUILD = path.join(ROOT, "build/server/index.js");

/** Why the built server cannot be started, or null when it can. */
export function missingBuild(): string | null {
  return fs.existsSync(SERVER_BUILD)
    ? null
    : "build/server/index.js is missing: run `npm run build` first (npm test does)";
}

/** A port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export interface LogLine {
  level?: number;
  msg?: string;
  [key: string]: unknown;
}

export interface RunningServer {
  url: string;
  child: ChildProcess;
  /** Every JSON line the server has logged so far. */
  logs: LogLine[];
  /** Raw output, for failure messages. */
  output: () => string;
  /** Sends a signal and resolves with the exit code (null when killed by a signal). */
  stop: (signal?: NodeJS.Signals) => Promise<number | null>;
}

export interface StartOptions {
  /**
   * Starts the server as the leader of a process group of its own, so that `stop` signals the
   * whole group (the server and anything it started), as a crash of the machine's process would.
   */
  processGroup?: boolean;
}

/**
 * Spawns `node server.mjs` with the given environment (on top of a clean one: no inherited
 * DATABASE_URL or test settings) and resolves once it has logged that it is listening.
 */
export async function startServer(env: Record<string, string>, timeoutMs = 90_000, options: StartOptions = {}): Promise<RunningServer> {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(ROOT, "server.mjs")], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      NODE_ENV: "production",
      LOG_LEVEL: "info",
      PORT: String(port),
      SESSION_SECRET: "integration-secret-integration-secret-01",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
    detached: options.processGroup ?? false,
  });
  let raw = "";
  const logs: LogLine[] = [];
  let pending = "";
  child.stdout!.setEncoding("utf8").on("data", (chunk: string) => {
    raw += chunk;
    pending += chunk;
    const lines = pending.split("\n");
    pending = lines.pop() ?? "";
    for (const line of lines) {
      try {
        logs.push(JSON.parse(line) as LogLine);
      } catch {
        // not a log line
      }
    }
  });
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (raw += chunk));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));

  const output = () => raw;
  const stop = async (signal: NodeJS.Signals = "SIGTERM") => {
    if (child.exitCode === null && child.signalCode === null) {
      if (options.processGroup && child.pid) {
        try {
          process.kill(-child.pid, signal);
        } catch {
          child.kill(signal);
        }
      } else {
        child.kill(signal);
      }
    }
    return exited;
  };

  const listening = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start within ${timeoutMs} ms:\n${raw}`)), timeoutMs);
    const check = () => {
      if (logs.some((l) => typeof l.msg === "string" && l.msg.startsWith("portal listening"))) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on("data", check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (code ${code}) before listening:\n${raw}`));
    });
  });
  try {
    await listening;
  } catch (error) {
    await stop("SIGKILL");
    throw error;
  }
  return { url: `http://127.0.0.1:${port}`, child, logs, output, stop };
}
