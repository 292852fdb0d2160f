import { redirect } from "next/navigation";
import { ROLE_HOME } from "@/lib/permissions";
import { getCurrentUser, getPendingSession, SECOND_STEP_PATH } from "@/server/auth/current-user";

/** The root sends each user to the home of their role (or to the second step it still owes). */
export default async function RootPage() {
  const user = await getCurrentUser();
  if (user) redirect(ROLE_HOME[user.role]);
  redirect((await getPendingSession()) ? SECOND_STEP_PATH : "/login");
}
