"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useTRPC } from "@/components/providers/trpc";
import { ErrorAlert } from "../error-alert";
import type { VerifyResult } from "../types";

function Outcome({ result }: { result: VerifyResult }) {
  const t = useTranslations("audit.verify");
  if (result.ok) {
    return (
      <div className="alert alert-success" role="status">
        {t("ok", { checked: result.checked })}
      </div>
    );
  }
  return (
    <div className="alert alert-error" role="alert">
      {t("broken", { id: result.brokenEventId, checked: result.checked, reason: t(`reasons.${result.reasonCode}`) })}
    </div>
  );
}

/** Recomputes the hash chain on the server and says whether it holds (an audited action itself). */
export function VerifyChainButton() {
  const t = useTranslations("audit.verify");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const verify = useMutation(
    trpc.audit.verify.mutationOptions({
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.audit.list.queryKey() }),
    }),
  );
  return (
    <div className="stack admin-verify">
      <div>
        <button type="button" className="btn btn-secondary" onClick={() => verify.mutate()} disabled={verify.isPending}>
          {verify.isPending ? t("running") : t("button")}
        </button>
      </div>
      <ErrorAlert error={verify.error} />
      {verify.data && <Outcome result={verify.data} />}
    </div>
  );
}
