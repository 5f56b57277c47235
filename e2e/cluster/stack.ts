/**
 * The several-instance stack of the cluster suite and the edge benchmark: two app instances on one build,
 * one PostgreSQL (DATABASE_URL) and a Redis of their own, with Varnish in front configured from
 * deploy/varnish/default.vcl. Every process is a child of the caller's process and is stopped by stop().
 *
 * Ports come from E2E_CLUSTER_PORT (default E2E_PORT + 1): instance A on it, B on +1, Varnish on +4,
 * the S3-compatible store for uploads (s3rver, tests/s3-server.ts) on +6, Redis on +8. The machine's own
 * Redis (6379) is never used: the suite stops and restarts this one.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createWriteStream, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import path from "node:path";
import { S3RVER_KEYS, startLocalS3, type LocalS3 } from "../../tests/s3-server";

const root = path.resolve(import.meta.dirname, "..", "..");

export interface ClusterPorts {
  appA: number;
  appB: number;
  varnish: number;
  s3: number;
  redis: number;
}

export function clusterPorts(env: NodeJS.ProcessEnv = process.env): ClusterPorts {
  const base = Number(env.E2E_CLUSTER_PORT ?? Number(env.E2E_PORT ?? 3100) + 1);
  return { appA: base, appB: base + 1, varnish: base + 4, s3: base + 6, redis: base + 8 };
}

export const originOf = (port: number) => `http://127.0.0.1:${port}`;

/** Whether something accepts TCP connections on the port. */
export function isListening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: "127.0.0.1" });
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
  });
}

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number, child?: ChildProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) throw new Error(`${what} exited with ${child.exitCode} before it was ready`);
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${what} was not ready within ${timeoutMs / 1000} s`);
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    await response.body?.cancel();
    return response.ok;
  } catch {
    return false;
  }
}

function logTo(child: ChildProcess, file: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const out = createWriteStream(file, { flags: "a" });
  child.stdout?.pipe(out);
  child.stderr?.pipe(out);
}

export interface StackOptions {
  ports: ClusterPorts;
  /** Where the processes' output and Varnish's working folder go. */
  workDir: string;
  /** The environment of the app instances (DATABASE_URL, AUTH_SECRET, QUIRE_DIST_DIR…). */
  env: NodeJS.ProcessEnv;
}

export class ClusterStack {
  readonly ports: ClusterPorts;
  readonly workDir: string;
  readonly #env: NodeJS.ProcessEnv;
  readonly #children = new Map<string, ChildProcess>();
  #s3: LocalS3 | undefined;

  constructor(options: StackOptions) {
    this.ports = options.ports;
    // Absolute: varnishd changes its working directory before reading its files.
    this.workDir = path.resolve(root, options.workDir);
    this.#env = options.env;
  }

  async start(): Promise<void> {
    mkdirSync(this.workDir, { recursive: true });
    this.#s3 = await startLocalS3({ port: this.ports.s3, bucket: "quire-cluster" });
    await this.startRedis();
    await Promise.all([this.startApp("a"), this.startApp("b")]);
    await this.startVarnish();
  }

  /** Redis without persistence on its own port; its data is gone when it stops, as a crash would leave it. */
  async startRedis(): Promise<void> {
    const child = spawn("redis-server", ["--port", String(this.ports.redis), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: ["ignore", "pipe", "pipe"] });
    logTo(child, path.join(this.workDir, "redis.log"));
    this.#children.set("redis", child);
    await waitFor("redis-server", () => isListening(this.ports.redis), 10_000, child);
  }

  async stopRedis(): Promise<void> {
    await this.#stop("redis");
    await waitFor("redis-server to stop", async () => !(await isListening(this.ports.redis)), 10_000);
  }

  appOrigin(which: "a" | "b"): string {
    return originOf(which === "a" ? this.ports.appA : this.ports.appB);
  }

  appProcess(which: "a" | "b"): ChildProcess | undefined {
    return this.#children.get(`app-${which}`);
  }

  async startApp(which: "a" | "b"): Promise<void> {
    const port = which === "a" ? this.ports.appA : this.ports.appB;
    const origin = originOf(port);
    const child = spawn(process.execPath, ["scripts/server.mjs", "--port", String(port), "--hostname", "127.0.0.1"], {
      cwd: root,
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        ...this.#env,
        PORT: String(port),
        SITE_URL: origin,
        AUTH_URL: `${origin}/api/auth`,
        REDIS_URL: `redis://127.0.0.1:${this.ports.redis}`,
        EDGE_PURGE_URLS: originOf(this.ports.varnish) + "/",
        // Uploads in one bucket both instances read.
        MEDIA_STORAGE: "s3",
        S3_ENDPOINT: originOf(this.ports.s3),
        S3_BUCKET: "quire-cluster",
        S3_ACCESS_KEY_ID: S3RVER_KEYS.accessKeyId,
        S3_SECRET_ACCESS_KEY: S3RVER_KEYS.secretAccessKey,
        S3_FORCE_PATH_STYLE: "true",
        NEXT_TELEMETRY_DISABLED: "1",
      },
    });
    logTo(child, path.join(this.workDir, `app-${which}.log`));
    this.#children.set(`app-${which}`, child);
    await waitFor(`instance ${which.toUpperCase()}`, () => answers(`${origin}/healthz`), 90_000, child);
  }

  /** The shipped configuration with its two backends pointed at the instances. */
  vcl(): string {
    const shipped = readFileSync(path.join(root, "deploy", "varnish", "default.vcl"), "utf8");
    return shipped.replace('.port = "3000";', `.port = "${this.ports.appA}";`).replace('.port = "3001";', `.port = "${this.ports.appB}";`);
  }

  async startVarnish(): Promise<void> {
    const dir = path.join(this.workDir, "varnish");
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const vclFile = path.join(dir, "quire.vcl");
    writeFileSync(vclFile, this.vcl());
    // As root, varnishd drops to its own users (the Debian package's jail); as anyone else it runs as them.
    const jail = process.getuid?.() === 0 ? [] : ["-j", "none"];
    const child = spawn(
      "varnishd",
      ["-F", ...jail, "-a", `127.0.0.1:${this.ports.varnish}`, "-f", vclFile, "-n", path.join(dir, "work"), "-s", "malloc,128m", "-p", "default_grace=0"],
      { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, PATH: `${process.env.PATH}:/usr/sbin` } },
    );
    logTo(child, path.join(this.workDir, "varnish.log"));
    this.#children.set("varnish", child);
    await waitFor("varnishd", () => answers(`${originOf(this.ports.varnish)}/healthz`), 60_000, child);
  }

  /** Sends SIGTERM to an instance and waits for it to exit; resolves with its exit code. */
  async terminateApp(which: "a" | "b"): Promise<number | null> {
    return this.#stop(`app-${which}`);
  }

  /** Sends SIGTERM to an instance without waiting. */
  signalApp(which: "a" | "b"): Promise<number | null> {
    const child = this.#children.get(`app-${which}`);
    if (!child || child.exitCode !== null) return Promise.resolve(child?.exitCode ?? null);
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    child.kill("SIGTERM");
    return exited;
  }

  async #stop(name: string): Promise<number | null> {
    const child = this.#children.get(name);
    this.#children.delete(name);
    if (!child || child.exitCode !== null || child.signalCode !== null) return child?.exitCode ?? null;
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
    const code = await exited;
    clearTimeout(timer);
    return code;
  }

  async stop(): Promise<void> {
    await Promise.all([...this.#children.keys()].map((name) => this.#stop(name)));
    await this.#s3?.close();
    this.#s3 = undefined;
  }
}

/** Whether varnishd and its xkey module are installed (.ci/run installs them). */
export function varnishInstalled(): boolean {
  const found = spawnSync("sh", ["-c", "command -v varnishd || test -x /usr/sbin/varnishd"], { stdio: "ignore" });
  return found.status === 0;
}
