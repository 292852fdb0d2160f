import "server-only";
import { writeTransaction, type Db } from "@/db/client";
import { officeCodeTaken } from "@/db/queries/offices";
import { offices } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { regionOfCountry } from "@/lib/reference/countries";
import type { TCreateOffice } from "@/lib/schemas/admin";
import { recordAudit } from "@/server/audit/record";

/** Creates an office; its statistical region follows from its country (2012 mapping). */
export function createOffice(db: Db, actorUserId: number | null, input: TCreateOffice, ip: string | null = null) {
  return writeTransaction(db, (tx) => {
    if (officeCodeTaken(tx, input.code)) {
      throw new AppError("CONFLICT", "office code already exists", { code: "validation.officeCodeTaken" });
    }
    const region = regionOfCountry(input.countryIso2);
    const row = tx
      .insert(offices)
      .values({ code: input.code, name: input.name, countryIso2: input.countryIso2, region })
      .returning({ id: offices.id })
      .get();
    recordAudit(tx, {
      action: "office.created",
      actorUserId,
      entityType: "office",
      entityId: input.code,
      officeId: row.id,
      ip,
      details: { country: input.countryIso2, region },
    });
    return { id: row.id, code: input.code, region };
  });
}
