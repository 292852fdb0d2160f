import { z } from "zod";

export const ZDeskQuery = z.object({
  /** How many days ahead count as "coming" (travel, reintegration steps, monitoring visits). */
  days: z.number().int().min(1).max(90).default(14),
});
export type TDeskQuery = z.input<typeof ZDeskQuery>;
