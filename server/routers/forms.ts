import "server-only";
import { ZFormOpen, ZFormRevisionRef, ZSaveDraft, ZSubmitForm } from "@/lib/schemas/forms";
import { createTRPCRouter, permittedProcedure } from "@/server/trpc";
import { getFormState, getRevision, saveDraft, submitForm } from "@/server/services/form-responses";

export const formsRouter = createTRPCRouter({
  /** Draft, revisions and latest answers (and, with `prefill`, a new draft's first answers). A
   * mutation: reading answers is audited, and POST keeps nothing in URLs. */
  get: permittedProcedure("form:read:own")
    .input(ZFormOpen)
    .mutation(({ ctx, input }) => getFormState(ctx.db, ctx.user, input.caseCode, input.formId, ctx.ip, input.prefill ?? false)),

  revision: permittedProcedure("form:read:own")
    .input(ZFormRevisionRef)
    .mutation(({ ctx, input }) => getRevision(ctx.db, ctx.user, input.caseCode, input.formId, input.revision, ctx.ip)),

  saveDraft: permittedProcedure("form:write:own")
    .input(ZSaveDraft)
    .mutation(({ ctx, input }) => saveDraft(ctx.db, ctx.user, input, ctx.ip)),

  submit: permittedProcedure("form:write:own")
    .input(ZSubmitForm)
    .mutation(({ ctx, input }) => submitForm(ctx.db, ctx.user, input, ctx.ip)),
});
