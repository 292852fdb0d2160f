"use client";

import { useTranslations } from "next-intl";
import { useLayoutEffect, useRef, useState, type RefObject } from "react";

type Problem = { id: string; label: string; message: string };

/** The number of messages in react-hook-form's (nested) errors: what makes the summary refresh. */
export function countProblems(errors: unknown): number {
  if (!errors || typeof errors !== "object") return 0;
  let n = typeof (errors as { message?: unknown }).message === "string" ? 1 : 0;
  for (const [key, value] of Object.entries(errors)) {
    if (key !== "ref" && key !== "message" && key !== "type" && key !== "types") n += countProblems(value);
  }
  return n;
}

/** The text of a field's label, without the required mark, "(optional)" or hidden helper text. */
function labelText(form: HTMLElement, id: string): string {
  const label = form.querySelector(`[id="${CSS.escape(`${id}-label`)}"]`) ?? form.querySelector(`label[for="${CSS.escape(id)}"]`);
  if (!label) return "";
  const clone = label.cloneNode(true) as HTMLElement;
  clone.querySelectorAll('.visually-hidden, [aria-hidden="true"], .muted').forEach((n) => n.remove());
  const text = clone.textContent?.trim() ?? "";
  // Inside a repeatable row, say which row ("Next of kin 2: Name").
  const row = label.closest("[data-repeatable-row]")?.getAttribute("aria-label");
  return row ? `${row}: ${text}` : text;
}

/**
 * Every problem the form shows beside its fields, in the order of the form: each field's error
 * message (`<span class="error" id="<field id>-error">`) in document order, with the field's label.
 */
function problemsIn(form: HTMLElement): Problem[] {
  return [...form.querySelectorAll<HTMLElement>('.error[id$="-error"]')]
    .map((el) => {
      const id = el.id.slice(0, -"-error".length);
      return { id, label: labelText(form, id), message: el.textContent?.trim() ?? "" };
    })
    .filter((p) => p.label !== "" && form.querySelector(`[id="${CSS.escape(p.id)}"]`) !== null);
}

/** Focuses a field and brings it into view (a link to an input's id alone does not focus it). */
function focusField(form: HTMLElement, id: string) {
  const el = form.querySelector<HTMLElement>(`[id="${CSS.escape(id)}"]`);
  if (!el) return;
  el.focus({ preventScroll: true });
  el.scrollIntoView({ block: "center" });
}

/**
 * The summary of a refused submit (issue 15, item 5), one component for every form: after each
 * refused submit (`attempt` grows) it takes the focus, so the person starts from the first problem;
 * it lists the problems in the order of the form, each a link that focuses its field; it follows
 * the form as problems are fixed. `count` is the number of problems react-hook-form holds (it
 * makes the list refresh when they change).
 */
export function ErrorSummary({ formRef, attempt, count, id = "form-errors" }: { formRef: RefObject<HTMLElement | null>; attempt: number; count: number; id?: string }) {
  const t = useTranslations("forms");
  const [problems, setProblems] = useState<Problem[]>([]);
  const summary = useRef<HTMLDivElement>(null);
  const focusedFor = useRef(0);

  // After the fields have rendered their messages: read them, in form order.
  useLayoutEffect(() => {
    const form = formRef.current;
    if (!form) return;
    setProblems(count > 0 ? problemsIn(form) : []);
  }, [formRef, attempt, count]);

  // A new refused submit: move focus to the summary (which scrolls it into view).
  useLayoutEffect(() => {
    if (attempt > focusedFor.current && problems.length > 0) {
      focusedFor.current = attempt;
      summary.current?.focus();
    }
  }, [attempt, problems]);

  if (attempt === 0 || problems.length === 0) return null;
  return (
    <div className="alert alert-error error-summary" role="alert" id={id} tabIndex={-1} ref={summary} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="error-summary-title">
        {t("summaryTitle", { count: problems.length })}
      </h2>
      <p className="small">{t("summaryHelp")}</p>
      <ol className="error-summary-list">
        {problems.map((p) => (
          <li key={p.id}>
            <a
              href={`#${p.id}`}
              onClick={(e) => {
                e.preventDefault();
                if (formRef.current) focusField(formRef.current, p.id);
              }}
            >
              {t("summaryItem", { label: p.label, message: p.message })}
            </a>
          </li>
        ))}
      </ol>
    </div>
  );
}
