import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createTRPCClient, unstable_localLink } from "@trpc/client";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";
import { NextIntlClientProvider } from "next-intl";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { ReactNode } from "react";
import { renderToString } from "react-dom/server";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { TRPCProvider } from "@/components/providers/trpc";
import type { SessionUser } from "@/server/auth/session-user";
import { appRouter, type AppRouter } from "@/server/routers/_app";
import { makeOffice } from "@/server/testing/factories";
import { callerFor, makeUser } from "@/server/testing/sessions";
import { createTestDb, destroyTestDb } from "@/server/testing/test-db";
import { AuditView } from "./audit/audit-view";
import { OfficesView } from "./offices/offices-view";
import { UsersView } from "./users/users-view";

/**
 * The admin views render with real data from the routers (through a local tRPC link, prefetched
 * into the query cache) and the real English catalogue: a missing message or a rendering error
 * logs through console.error, which fails the test.
 */

let db: Db;
let admin: SessionUser;
let supervisor: SessionUser;
let messages: Record<string, unknown>;

beforeAll(async () => {
  db = createTestDb();
  const office = makeOffice(db, { countryIso2: "AT" });
  admin = makeUser(db, { role: "administrator", name: "Render Admin" });
  supervisor = makeUser(db, { role: "supervisor", officeIds: [office.id], name: "Render Supervisor" });
  makeUser(db, { role: "caseworker", officeIds: [office.id], name: "Render Caseworker" });
  makeUser(db, { role: "data_officer", regionScope: "south_america", name: "Render Data Officer" });
  const api = callerFor(db, admin);
  await api.offices.create({ code: "RND-1", name: "Render office", countryIso2: "KE" });
  await api.offices.update({ id: office.id, version: 1, name: "Renamed", countryIso2: "AT", active: true });
  const dir = path.join(process.cwd(), "lib", "i18n", "messages", "en");
  messages = Object.fromEntries(
    readdirSync(dir)
      .filter((f) => f.endsWith(".json"))
      .map((f) => [f.replace(/\.json$/, ""), JSON.parse(readFileSync(path.join(dir, f), "utf8")) as unknown]),
  );
});
afterAll(() => destroyTestDb(db));

type Proxy = ReturnType<typeof createTRPCOptionsProxy<AppRouter>>;

async function render(user: SessionUser, node: ReactNode, prefetch: (p: Proxy, q: QueryClient) => Promise<unknown>) {
  const queryClient = new QueryClient();
  const client = createTRPCClient<AppRouter>({
    links: [
      unstable_localLink({
        router: appRouter,
        createContext: () => Promise.resolve({ db, user, ip: "127.0.0.1" }),
        transformer: superjson,
      }),
    ],
  });
  await prefetch(createTRPCOptionsProxy<AppRouter>({ client, queryClient }), queryClient);
  return renderToString(
    <NextIntlClientProvider locale="en" messages={messages} timeZone="UTC">
      <QueryClientProvider client={queryClient}>
        <TRPCProvider trpcClient={client} queryClient={queryClient}>
          {node}
        </TRPCProvider>
      </QueryClientProvider>
    </NextIntlClientProvider>,
  );
}

const allUsers = { sort: "name", direction: "asc" } as const;

describe("admin views", () => {
  it("users: the table with actions for an administrator, never for oneself's deactivation", async () => {
    const html = await render(admin, <UsersView viewerId={admin.id} canManage />, (p, q) =>
      Promise.all([q.prefetchQuery(p.users.list.queryOptions(allUsers)), q.prefetchQuery(p.offices.list.queryOptions({}))]),
    );
    expect(html).toContain("Render Caseworker");
    expect(html).toContain("South America");
    expect(html).toContain("Deactivate: Render Caseworker");
    expect(html).not.toContain("Deactivate: Render Admin");
  });

  it("users: read-only for a supervisor", async () => {
    const html = await render(supervisor, <UsersView viewerId={supervisor.id} canManage={false} />, (p, q) =>
      Promise.all([q.prefetchQuery(p.users.list.queryOptions(allUsers)), q.prefetchQuery(p.offices.list.queryOptions({}))]),
    );
    expect(html).toContain("Render Caseworker");
    expect(html).not.toContain("Render Admin");
    expect(html).not.toContain("Reset password");
  });

  it("offices: country names and statistical regions", async () => {
    const html = await render(admin, <OfficesView canManage />, (p, q) => q.prefetchQuery(p.offices.list.queryOptions({})));
    expect(html).toContain("East and Southern Africa");
    expect(html).toContain("Kenya");
  });

  it("audit: readable action names and key: value details", async () => {
    const html = await render(admin, <AuditView canVerify canExport showIp />, (p, q) =>
      Promise.all([
        q.prefetchInfiniteQuery(p.audit.list.infiniteQueryOptions({}, { getNextPageParam: (l) => l.nextCursor ?? undefined })),
        q.prefetchQuery(p.users.list.queryOptions(allUsers)),
        q.prefetchQuery(p.offices.list.queryOptions({})),
      ]),
    );
    expect(html).toContain("Office created");
    expect(html).toContain("Office changed");
    expect(html).toContain("Render Admin");
    expect(html).toContain("<dt>Changed</dt><dd>name</dd>");
    expect(html).not.toContain("{&quot;");
    expect(html).toContain('action="/api/audit/export"');
  });
});
