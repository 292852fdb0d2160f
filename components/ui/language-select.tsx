"use client";

import { forwardRef, useMemo, type SelectHTMLAttributes } from "react";
import { languageOptions } from "@/lib/reference/languages";

type Props = SelectHTMLAttributes<HTMLSelectElement> & { placeholder: string };

/** A native select of ISO 639-1 languages (values are the two-letter codes). */
export const LanguageSelect = forwardRef<HTMLSelectElement, Props>(function LanguageSelect({ placeholder, ...props }, ref) {
  const options = useMemo(() => languageOptions(), []);
  return (
    <select ref={ref} className="input" {...props}>
      <option value="">{placeholder}</option>
      {options.map((o) => (
        <option key={o.code} value={o.code}>
          {o.name}
        </option>
      ))}
    </select>
  );
});
