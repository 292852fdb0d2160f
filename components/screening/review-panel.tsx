"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useTRPC } from "@/components/providers/trpc";
import { ErrorBanner } from "@/components/ui/error-banner";
import { describeError } from "@/lib/trpc-errors";

/** A supervisor approves a determination, or returns it to the caseworker with a comment. */
export function ReviewPanel({ determinationId }: { determinationId: number }) {
  const t = useTranslations("forms.review");
  const tv = useTranslations("validation");
  const trpc = useTRPC();
  const router = useRouter();
  const [comment, setComment] = useState("");
  const review = useMutation(trpc.determinations.review.mutationOptions());
  const fieldError = review.error ? describeError(review.error).fields.comment : undefined;
  const act = (action: "approve" | "return") =>
    review.mutate({ id: determinationId, action, comment: comment || undefined }, { onSuccess: () => router.refresh() });
  return (
    <section className="card review-panel no-print" aria-labelledby="review-title">
      <h2 id="review-title">{t("title")}</h2>
      <p className="muted">{t("intro")}</p>
      <ErrorBanner error={review.error} />
      <div className="field">
        <label htmlFor="review-comment">{t("comment")}</label>
        <span className="hint" id="review-comment-hint">
          {t("commentHint")}
        </span>
        <textarea
          id="review-comment"
          className="input"
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          aria-describedby={`review-comment-hint${fieldError ? " review-comment-error" : ""}`}
          aria-invalid={Boolean(fieldError)}
          maxLength={4000}
        />
        {fieldError && (
          <span className="error" id="review-comment-error">
            {tv(fieldError.replace(/^validation\./, ""))}
          </span>
        )}
      </div>
      <div className="form-actions">
        <button type="button" className="btn" disabled={review.isPending} onClick={() => act("approve")}>
          {t("approve")}
        </button>
        <button type="button" className="btn btn-secondary" disabled={review.isPending} onClick={() => act("return")}>
          {t("return")}
        </button>
      </div>
    </section>
  );
}
