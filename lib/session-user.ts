import type { Role } from "@/lib/permissions";

/** What the server knows of the signed-in user on each request. No secret, no identity data. */
export type SessionUser = {
  id: number;
  sessionId: string;
  email: string;
  name: string;
  role: Role;
  officeIds: number[];
  regionScope: string | null;
};
