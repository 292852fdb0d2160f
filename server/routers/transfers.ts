import "server-only";
import { ZCaseRef } from "@/lib/schemas/registry";
import { ZDecideTransfer, ZRequestTransfer, ZTransferRef } from "@/lib/schemas/transfers";
import { createTRPCRouter, permittedProcedure } from "@/server/trpc";
import {
  cancelTransfer,
  decideTransfer,
  incomingTransfers,
  requestTransfer,
  transferDestinations,
  transfersForCase,
} from "@/server/services/transfers";

export const transfersRouter = createTRPCRouter({
  /** The case's transfers to other offices, and the transfer it came from (with its summary). */
  forCase: permittedProcedure("case:read:own")
    .input(ZCaseRef)
    .query(({ ctx, input }) => transfersForCase(ctx.db, ctx.user, input.code)),

  /** Offices the case can be handed to. */
  destinations: permittedProcedure("transfer:request:own")
    .input(ZCaseRef)
    .query(({ ctx, input }) => transferDestinations(ctx.db, ctx.user, input.code)),

  request: permittedProcedure("transfer:request:own")
    .input(ZRequestTransfer)
    .mutation(({ ctx, input }) => requestTransfer(ctx.db, ctx.user, input, ctx.ip)),

  cancel: permittedProcedure("transfer:request:own")
    .input(ZTransferRef)
    .mutation(({ ctx, input }) => cancelTransfer(ctx.db, ctx.user, input, ctx.ip)),

  /** Pending transfers to the supervisor's offices. */
  incoming: permittedProcedure("transfer:decide:office").query(({ ctx }) => incomingTransfers(ctx.db, ctx.user)),

  /** Accept (a new case for the same person in the receiving office) or decline with a reason. */
  decide: permittedProcedure("transfer:decide:office")
    .input(ZDecideTransfer)
    .mutation(({ ctx, input }) => decideTransfer(ctx.db, ctx.user, input, ctx.ip)),
});
