"use client";

import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";

export function LoginForm({ notice }: { notice: "expired" | "signedOut" | null }) {
  const t = useTranslations("auth");
  const [failed, setFailed] = useState(false);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setFailed(false);
    const result = await signIn("credentials", {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      redirect: false,
    });
    if (result?.ok && !result.error) {
      // A full page load, so the server renders the signed-in shell with the new session cookie.
      window.location.replace(new URL("/", window.location.origin));
      return;
    }
    setPending(false);
    setFailed(true);
  }

  return (
    <form onSubmit={onSubmit} className="stack" noValidate>
      {notice && !failed && (
        <div className="alert alert-info" role="status">
          {t(notice)}
        </div>
      )}
      {failed && (
        <div className="alert alert-error" role="alert" id="login-error">
          {t("invalid")}
        </div>
      )}
      <div className="field">
        <label htmlFor="email">{t("email")}</label>
        <input className="input" id="email" name="email" type="email" autoComplete="username" required autoFocus aria-describedby={failed ? "login-error" : undefined} />
      </div>
      <div className="field">
        <label htmlFor="password">{t("password")}</label>
        <input className="input" id="password" name="password" type="password" autoComplete="current-password" required />
      </div>
      <button className="btn" type="submit" disabled={pending}>
        {pending ? t("submitting") : t("submit")}
      </button>
      <p className="small muted">{t("privacy")}</p>
    </form>
  );
}
