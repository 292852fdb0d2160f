import type { Metadata } from "next";
import { Desk } from "@/components/desk/desk";
import { requireUser } from "@/server/auth/current-user";
import { serverApi } from "@/server/caller";

export const metadata: Metadata = { title: "Desk" };

/** The home of caseworkers and supervisors (issue 5): what is due, and for supervisors the approvals waiting. */
export default async function DeskPage() {
  const user = await requireUser("case:read:own");
  const desk = await (await serverApi()).desk.get({ days: 14 });
  return <Desk desk={desk} selfId={user.id} />;
}
