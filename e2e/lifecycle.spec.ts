import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { connect, createServer, type Socket } from "node:net";
import { expect, test } from "@playwright/test";

/** A port nobody listens on right now. */
async function freePort(): Promise<number> {
  const probe = createServer().listen(0, "localhost");
  await once(probe, "listening");
  const { port } = probe.address() as { port: number };
  probe.close();
  await once(probe, "close");
  return port;
}

/** A second server on the suite's build and database, so stopping it leaves the suite's server alone. */
async function startServer(port: number): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn(process.execPath, ["scripts/server.mjs", "--port", String(port)], { env: process.env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  await expect
    .poll(async () => (await fetch(`http://localhost:${port}/healthz`).catch(() => null))?.status ?? 0, { timeout: 45_000 })
    .toBe(200);
  return { child, output: () => output };
}

function socketText(socket: Socket): { text: () => string; closed: Promise<unknown> } {
  let text = "";
  socket.on("data", (chunk: Buffer) => (text += chunk.toString()));
  return { text: () => text, closed: once(socket, "close") };
}

test.describe("the server process", () => {
  test.describe.configure({ timeout: 120_000 });

  test("answers /healthz, and /readyz with the database and every migration applied", async ({ request }) => {
    const health = await request.get("/healthz");
    expect(health.status()).toBe(200);
    expect(health.headers()["cache-control"]).toBe("no-store");

    const ready = await request.get("/readyz");
    expect(ready.status()).toBe(200);
    expect(ready.headers()["cache-control"]).toBe("no-store");
    expect(await ready.json()).toEqual({ ready: true, database: "ok", pendingMigrations: [] });
  });

  test("on SIGTERM stops taking connections, finishes the request in flight, then exits", async () => {
    const port = await freePort();
    const { child, output } = await startServer(port);
    const exited = once(child, "exit");

    // A sign-in POST whose body is still arriving: the server must wait for it, not drop it.
    const body = "email=nobody%40example.com&password=wrong-password-123&csrfToken=x";
    const socket = connect(port, "localhost");
    await once(socket, "connect");
    const response = socketText(socket);
    socket.write(
      `POST /api/auth/callback/credentials HTTP/1.1\r\nHost: localhost:${port}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 10)}`,
    );

    // A connection that sends nothing, as browsers and proxies open ahead of need: the server closes it
    // rather than waiting for the client to.
    const spare = connect(port, "localhost");
    await once(spare, "connect");
    // Closed with or without a reset (the server may not have accepted it yet when it stops listening).
    spare.on("error", () => undefined);
    const spareClosed = new Promise((resolve) => spare.once("close", resolve));
    // Answered only after the server has accepted the connections opened before it, the spare included.
    expect((await fetch(`http://localhost:${port}/healthz`)).status).toBe(200);

    child.kill("SIGTERM");
    await expect.poll(output).toContain("SIGTERM: finishing the requests in flight");
    await spareClosed;

    // No new connections once stopping...
    await expect.poll(async () => (await fetch(`http://localhost:${port}/healthz`).then(() => "answered", () => "refused"))).toBe("refused");
    expect(child.exitCode).toBeNull();

    // ...but the request in flight gets its whole answer, on a connection the server then closes.
    socket.write(body.slice(10));
    await response.closed;
    expect(response.text()).toMatch(/^HTTP\/1\.1 \d{3} /);
    expect(response.text().toLowerCase()).toContain("connection: close");

    const [code] = await exited;
    expect(code).toBe(0);
  });
});
