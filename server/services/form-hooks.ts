import "server-only";
import type { Db } from "@/db/client";
import type { FormId } from "@/lib/forms/registry";
import type { Answers } from "@/lib/forms/types";
import type { SessionUser } from "@/server/auth/session-user";
import type { loadCaseInScope } from "./get-case";
import { applyAssistance, assertAssistanceWritable } from "./assistance";
import { createDetermination } from "./determinations";

type CaseRow = ReturnType<typeof loadCaseInScope>;

export type SubmitContext = { user: SessionUser; caseRow: CaseRow; responseId: number; revision: number; answers: Answers; ip: string | null };

/** What a form does beyond storing answers: extra write conditions, and work on submission (run
 * inside the submission's transaction). */
export type FormHooks = {
  assertWritable?: (db: Db, caseRow: CaseRow) => void;
  onSubmit?: (tx: Db, ctx: SubmitContext) => void;
};

export const formHooks: Partial<Record<FormId, FormHooks>> = {
  screening: { onSubmit: createDetermination },
  assistance: { assertWritable: assertAssistanceWritable, onSubmit: applyAssistance },
};
