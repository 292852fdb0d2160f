"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { SECOND_STEP_ENDPOINT, type SecondStepAnswer } from "@/lib/second-step";

type Props = { mode: "verify" } | { mode: "enrol"; enrolment: { qrCode: string; secret: string } };

type State = { status: "idle" } | Exclude<SecondStepAnswer, { status: "passed" }>;

/** Sends the code; a failure of the request itself reads as "expired" (sign in again). */
async function submitCode(code: string): Promise<SecondStepAnswer> {
  try {
    const response = await fetch(SECOND_STEP_ENDPOINT, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ code }),
    });
    return (await response.json()) as SecondStepAnswer;
  } catch {
    return { status: "error", problem: "expired" };
  }
}

/** The base32 key in groups of four, easier to copy by hand. */
function grouped(secret: string): string {
  return secret.match(/.{1,4}/g)?.join(" ") ?? secret;
}

export function SecondStepForm(props: Props) {
  const t = useTranslations("mfa.step");
  const [state, setState] = useState<State>({ status: "idle" });
  const [pending, setPending] = useState(false);
  const codesHeading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (state.status === "enrolled") codesHeading.current?.focus();
  }, [state.status]);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const code = String(new FormData(event.currentTarget).get("code") ?? "");
    setPending(true);
    const answer = await submitCode(code);
    if (answer.status === "passed") {
      // A full page load, so the server renders the signed-in shell for the now complete session.
      window.location.replace(new URL("/", window.location.origin));
      return;
    }
    setPending(false);
    setState(answer);
  }

  if (state.status === "enrolled") {
    return (
      <section className="stack" aria-labelledby="recovery-title">
        <h2 id="recovery-title" tabIndex={-1} ref={codesHeading}>
          {t("recoveryTitle")}
        </h2>
        <p>{t("recoveryIntro")}</p>
        <ol className="recovery-codes" aria-label={t("recoveryListLabel")} data-testid="recovery-codes">
          {state.recoveryCodes.map((code) => (
            <li key={code}>
              <code dir="ltr">{code}</code>
            </li>
          ))}
        </ol>
        <button type="button" className="btn" onClick={() => window.location.replace(new URL("/", window.location.origin))}>
          {t("recoveryDone")}
        </button>
      </section>
    );
  }

  const problem = state.status === "error" ? state.problem : null;
  const finished = problem === "locked" || problem === "expired" || problem === "throttled";
  const codeLabel = props.mode === "enrol" ? t("enrolCode") : t("code");
  const codeHint = props.mode === "enrol" ? t("enrolCodeHint") : t("codeHint");
  return (
    <div className="stack">
      {props.mode === "enrol" && (
        <div className="stack second-step-enrol">
          <p>{t("scan")}</p>
          {/* A data: URL of a server-made SVG: next/image would only pass it through. */}
          {/* eslint-disable-next-line @next/next/no-img-element */}
          <img className="qr-code" src={props.enrolment.qrCode} alt={t("qrAlt")} width={200} height={200} />
          <p className="small">{t("manual")}</p>
          <p>
            <code className="totp-secret" dir="ltr" data-testid="totp-secret">
              {grouped(props.enrolment.secret)}
            </code>
          </p>
          <p>{t("enterFirst")}</p>
        </div>
      )}
      {problem && (
        <div className="alert alert-error" role="alert" id="second-step-error">
          {t(problem)}
          {finished && (
            <>
              {" "}
              <a href="/login">{t("restart")}</a>
            </>
          )}
        </div>
      )}
      {!finished && (
        <form onSubmit={onSubmit} className="stack" noValidate>
          <div className="field">
            <label htmlFor="code">{codeLabel}</label>
            <span className="hint" id="code-hint">
              {codeHint}
            </span>
            <input
              className="input"
              id="code"
              name="code"
              type="text"
              inputMode={props.mode === "enrol" ? "numeric" : "text"}
              autoComplete="one-time-code"
              autoCapitalize="characters"
              spellCheck={false}
              maxLength={32}
              required
              autoFocus
              dir="ltr"
              aria-describedby={problem ? "code-hint second-step-error" : "code-hint"}
              aria-invalid={problem === "invalid"}
            />
          </div>
          <button className="btn" type="submit" disabled={pending}>
            {pending ? t("submitting") : t("submit")}
          </button>
        </form>
      )}
    </div>
  );
}
