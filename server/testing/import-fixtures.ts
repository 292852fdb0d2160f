import { randomBytes } from "node:crypto";
import type { Db } from "@/db/client";
import { can } from "@/lib/permissions";
import type { SessionUser } from "@/server/auth/session-user";
import { settledImportJob, startImportJob } from "@/server/interchange/jobs";

/**
 * Import jobs for tests: a one-row interchange file for `officeCode` (naming `externalPersonId` when
 * given), uploaded by `user` and
 * validated. Users who may not import get an id that names no job (what they would have to guess).
 */
export async function importJobFor(db: Db, user: SessionUser, officeCode: string, externalPersonId = ""): Promise<string> {
  if (!can(user.role, "import:write:office")) return randomBytes(18).toString("base64url");
  const externalId = `T-${randomBytes(4).toString("hex")}`;
  const csv = `ext_ExternalCaseId,ext_OfficeCode,ext_RegistrationDate,prs_Gender,ext_ExternalPersonId\r\n${externalId},${officeCode},2026-03-01,Feminine,${externalPersonId}\r\n`;
  const id = await startImportJob(db, user, [Buffer.from(csv)]);
  await settledImportJob(user, id);
  return id;
}
