import type { Metadata } from "next";
import { AccessRequests } from "@/components/access/access-requests";
import { Desk } from "@/components/desk/desk";
import { RevealAlerts } from "@/components/desk/reveal-alerts";
import { can } from "@/lib/permissions";
import { requireUser } from "@/server/auth/current-user";
import { serverApi } from "@/server/caller";

export const metadata: Metadata = { title: "Desk" };

/** The home of caseworkers and supervisors (issue 5): what is due, and for supervisors the approvals
 * waiting and the colleagues whose access to the office waits for their confirmation (decision 0020). */
export default async function DeskPage() {
  const user = await requireUser("case:read:own");
  const api = await serverApi();
  const desk = await api.desk.get({ days: 14 });
  // Issue 11 item 6: supervisors see who of their offices reached the hourly identity-reveal limit.
  const revealAlerts = can(user.role, "identity:monitor:office") ? await api.revealLimits.alerts() : null;
  const requests = can(user.role, "access:confirm:office") ? await api.access.pending() : null;
  return (
    <>
      <Desk desk={desk} selfId={user.id} />
      {revealAlerts && revealAlerts.alerts.length > 0 && <RevealAlerts data={revealAlerts} />}
      {requests && requests.length > 0 && <AccessRequests requests={requests} />}
    </>
  );
}
