import { redirect } from "next/navigation";
import { ROLE_HOME } from "@/lib/permissions";
import { getCurrentUser } from "@/server/auth/current-user";

/** The root sends each user to the home of their role. */
export default async function RootPage() {
  const user = await getCurrentUser();
  redirect(user ? ROLE_HOME[user.role] : "/login");
}
