import "server-only";
import { writeTransaction, type Db } from "@/db/client";
import { emailTaken, setUserOffices } from "@/db/queries/users";
import { users } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { roleHasOffices, type TCreateUser, type TCreateUserWithPassword } from "@/lib/schemas/admin";
import { recordAudit } from "@/server/audit/record";
import { hashPassword, passwordProblem } from "@/server/auth/password";
import { assertOfficesAssignable } from "./assert-offices-assignable";
import { issueSetupLink, unusablePasswordHash, type SetupLink } from "./issue-setup-link";

/** Refuses a password the policy does not allow, with the reason as a message key. */
export function assertPasswordAllowed(password: string, email?: string): void {
  const problem = passwordProblem(password, email);
  if (problem) {
    throw new AppError("WEAK_PASSWORD", `password refused: ${problem}`, { password: `validation.password.${problem}` });
  }
}

type NewAccount = TCreateUser & { passwordHash: string };

/** The one insert of a staff account. Only caseworkers and supervisors hold offices; only data
 * officers a region scope. */
function insertAccount(
  db: Db,
  actorUserId: number | null,
  input: NewAccount,
  how: { confirmed: boolean; setupLink: boolean },
  ip: string | null,
): { id: number; setupLink: SetupLink | null } {
  const officeIds = roleHasOffices(input.role) ? [...new Set(input.officeIds)].sort((a, b) => a - b) : [];
  const regionScope = input.role === "data_officer" ? input.regionScope : null;
  return writeTransaction(db, (tx) => {
    if (emailTaken(tx, input.email)) {
      throw new AppError("CONFLICT", "email already registered", { email: "validation.emailTaken" });
    }
    assertOfficesAssignable(tx, officeIds);
    const now = Date.now();
    const row = tx
      .insert(users)
      .values({ email: input.email, name: input.name, role: input.role, passwordHash: input.passwordHash, passwordChangedAt: now, regionScope })
      .returning({ id: users.id })
      .get();
    setUserOffices(tx, row.id, officeIds, { requestedBy: actorUserId, now, confirmed: how.confirmed });
    const setupLink = how.setupLink ? issueSetupLink(tx, row.id, "create", actorUserId, now) : null;
    recordAudit(tx, {
      action: "user.created",
      actorUserId,
      entityType: "user",
      entityId: row.id,
      ip,
      details: { role: input.role, officeIds, regionScope, setupLink: how.setupLink, officesConfirmed: how.confirmed },
    });
    if (!how.confirmed) {
      for (const officeId of officeIds) {
        recordAudit(tx, { action: "access.requested", actorUserId, entityType: "user", entityId: row.id, officeId, ip, details: { role: input.role } });
      }
    }
    return { id: row.id, setupLink };
  });
}

/**
 * An administrator creates a staff account (decision 0020). The administrator never chooses or
 * sees its password: the account gets a one-time set-up link, returned once, with which the person
 * chooses their own. Its office memberships are requests that give no case access until a
 * supervisor of each office confirms them.
 */
export async function createUser(db: Db, actorUserId: number | null, input: TCreateUser, ip: string | null = null) {
  const passwordHash = await unusablePasswordHash();
  const { id, setupLink } = insertAccount(db, actorUserId, { ...input, passwordHash }, { confirmed: false, setupLink: true }, ip);
  return { id, setupToken: setupLink!.token, expiresAt: setupLink!.expiresAt };
}

/**
 * The operator's path on the server (CLI `user:create`, reading the password from stdin, and the
 * demo seed): the password is given and the memberships are confirmed at once. Whoever can run the
 * CLI holds the database and its keys already, so this grants nothing the web cannot refuse.
 */
export async function createUserWithPassword(db: Db, input: TCreateUserWithPassword, ip: string | null = null) {
  assertPasswordAllowed(input.password, input.email);
  const passwordHash = await hashPassword(input.password);
  const { id } = insertAccount(db, null, { ...input, passwordHash }, { confirmed: true, setupLink: false }, ip);
  return { id };
}
