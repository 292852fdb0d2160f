import { z } from "zod";
import { ZPassword } from "./admin";

/**
 * The user's own account (decision 0031): changing their password with the current one, and ending
 * one of their sessions. Shared by the account page's forms and the me.* procedures.
 */
export const ZChangeOwnPassword = z.object({
  currentPassword: z.string().min(1, "account.validation.currentRequired").max(1024),
  newPassword: ZPassword,
});
export type TChangeOwnPassword = z.infer<typeof ZChangeOwnPassword>;

/** The form: the new password typed twice (only the two fields above are sent). */
export const ZChangeOwnPasswordForm = ZChangeOwnPassword.extend({ confirm: z.string() }).refine((v) => v.newPassword === v.confirm, {
  path: ["confirm"],
  message: "admin.validation.passwordsDiffer",
});
export type TChangeOwnPasswordForm = z.infer<typeof ZChangeOwnPasswordForm>;

/** A session is named by its handle (a digest of its id), never by the id its cookie carries. */
export const ZSessionHandle = z.string().regex(/^[A-Za-z0-9_-]{22}$/);
export const ZEndOwnSession = z.object({ handle: ZSessionHandle });
export type TEndOwnSession = z.infer<typeof ZEndOwnSession>;
