import "server-only";
import {
  ZAddNote,
  ZAssignCase,
  ZCaseRef,
  ZRegisterCase,
  ZUpdateCase,
} from "@/lib/schemas/registry";
import { ZCaseListQuery } from "@/lib/schemas/case-list";
import { createTRPCRouter, permittedProcedure } from "@/server/trpc";
import { assignableUsers, assignCase } from "@/server/services/assign-case";
import { addCaseNote, listCaseNotes } from "@/server/services/case-notes";
import { getCase, loadCaseInScope } from "@/server/services/get-case";
import { listCasesFor } from "@/server/services/list-cases";
import { registerCase } from "@/server/services/register-case";
import { revealIdentity } from "@/server/services/reveal-identity";
import { updateCase } from "@/server/services/update-case";

export const casesRouter = createTRPCRouter({
  list: permittedProcedure("case:read:own")
    .input(ZCaseListQuery)
    .query(({ ctx, input }) => listCasesFor(ctx.db, ctx.user, input)),

  get: permittedProcedure("case:read:own")
    .input(ZCaseRef)
    .query(({ ctx, input }) => getCase(ctx.db, ctx.user, input.code)),

  register: permittedProcedure("case:create:office")
    .input(ZRegisterCase)
    .mutation(({ ctx, input }) => registerCase(ctx.db, ctx.user, input, ctx.ip)),

  update: permittedProcedure("case:update:own")
    .input(ZUpdateCase)
    .mutation(({ ctx, input }) => updateCase(ctx.db, ctx.user, input, ctx.ip)),

  revealIdentity: permittedProcedure("identity:read:own")
    .input(ZCaseRef)
    .mutation(({ ctx, input }) => revealIdentity(ctx.db, ctx.user, input.code, ctx.ip)),

  notes: permittedProcedure("note:read:own")
    .input(ZCaseRef)
    .query(({ ctx, input }) => listCaseNotes(ctx.db, ctx.user, input.code, ctx.ip)),

  addNote: permittedProcedure("note:create:own")
    .input(ZAddNote)
    .mutation(({ ctx, input }) => addCaseNote(ctx.db, ctx.user, input.code, input.body, ctx.ip)),

  assignable: permittedProcedure("case:assign:office")
    .input(ZCaseRef)
    .query(({ ctx, input }) => {
      const found = loadCaseInScope(ctx.db, ctx.user, input.code, "case:assign");
      return assignableUsers(ctx.db, found.officeId);
    }),

  assign: permittedProcedure("case:assign:office")
    .input(ZAssignCase)
    .mutation(({ ctx, input }) => assignCase(ctx.db, ctx.user, input, ctx.ip)),
});

