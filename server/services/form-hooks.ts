import "server-only";
import type { Db } from "@/db/client";
import type { FormId } from "@/lib/forms/registry";
import type { Answers } from "@/lib/forms/types";
import type { SessionUser } from "@/server/auth/session-user";
import type { loadCaseInScope } from "./get-case";
import type { ConsentEntry } from "@/lib/consent";
import { applyAssistance } from "./assistance";
import { createDetermination } from "./determinations";

type CaseRow = ReturnType<typeof loadCaseInScope>;

export type SubmitContext = { user: SessionUser; caseRow: CaseRow; responseId: number; revision: number; answers: Answers; ip: string | null };

/** What a form does beyond storing answers: the kind of entry it is for the consent rule (every
 * form names one, decision 0027), and work on submission (run inside the submission's transaction). */
export type FormHooks = {
  consent: ConsentEntry;
  onSubmit?: (tx: Db, ctx: SubmitContext) => void;
};

export const formHooks: Record<FormId, FormHooks> = {
  screening: { consent: "interview", onSubmit: createDetermination },
  assistance: { consent: "assistance", onSubmit: applyAssistance },
};
