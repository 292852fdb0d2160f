/**
 * Talking to a running Passage over HTTP as a browser would, for the benchmarks and the reliability
 * checks: sign in through next-auth's credentials flow, call tRPC procedures, start and stop a
 * production `next start`. Scripts only (never imported by the app).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { withServerHeap } from "../server-heap";

/** A cookie jar of one browser session. */
export class Session {
  private readonly jar = new Map<string, string>();

  keep(response: Response): void {
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(";");
      const [name, ...value] = pair!.split("=");
      this.jar.set(name!, value.join("="));
    }
  }

  header(): string {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  signedIn(): boolean {
    return [...this.jar.keys()].some((k) => k.includes("session-token"));
  }
}

/** Signs in through next-auth's credentials flow; the session's cookie header. */
export async function signIn(base: string, email: string, password: string, extra: Record<string, string> = {}): Promise<Session> {
  const session = new Session();
  const csrf = await fetch(`${base}/api/auth/csrf`);
  session.keep(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const login = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: session.header(), origin: base },
    body: new URLSearchParams({ email, password, csrfToken, json: "true", ...extra }),
  });
  session.keep(login);
  if (!session.signedIn()) throw new Error(`sign-in failed (${login.status})`);
  return session;
}

export type TrpcOutcome = { status: number; data: unknown; errorCode: string | null };

/** One tRPC mutation (not batched), as the app's client sends it (superjson envelope). */
export async function trpcMutation(base: string, session: Session, procedure: string, input: unknown): Promise<TrpcOutcome> {
  const response = await fetch(`${base}/api/trpc/${procedure}`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie: session.header(), origin: base },
    body: JSON.stringify({ json: input }),
  });
  const body = (await response.json().catch(() => null)) as { result?: { data?: { json?: unknown } }; error?: { json?: { data?: { code?: string } } } } | null;
  return { status: response.status, data: body?.result?.data?.json ?? null, errorCode: body?.error?.json?.data?.code ?? null };
}

export type Server = { base: string; process: ChildProcess; stop: (signal?: NodeJS.Signals) => Promise<void> };

/** Starts `next start` (the production build in NEXT_DIST_DIR or .next) with `env`; resolves once /login answers. */
export async function startServer(env: NodeJS.ProcessEnv, port: number): Promise<Server> {
  const distDir = process.env.NEXT_DIST_DIR ?? ".next";
  if (!existsSync(path.join(distDir, "BUILD_ID"))) throw new Error(`no build in ${distDir}: run \`npx next build\` first`);
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"], {
    env: withServerHeap({ ...env, NODE_ENV: "production", NEXTAUTH_URL: base, NEXT_DIST_DIR: distDir }),
    stdio: ["ignore", "ignore", "pipe"],
    // Its own process group, so that a kill reaches next-server and its workers too.
    detached: true,
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async (signal: NodeJS.Signals = "SIGTERM") => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // Already gone.
    }
    await exited;
  };
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${base}/login`)).ok) return { base, process: child, stop };
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  await stop("SIGKILL");
  throw new Error("next start did not answer within 30 s");
}
