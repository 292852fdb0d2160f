"use client";

import { useTranslations } from "next-intl";
import { memo } from "react";
import { useFieldArray, useFormState, useWatch, type FieldValues } from "react-hook-form";
import { conditionFields, holds, isFieldRequired } from "@/lib/forms/conditions";
import type { Answers, Condition, FieldDef, GroupField, ScalarField } from "@/lib/forms/types";
import { FieldInput } from "./field-input";
import { RepeatableRows } from "./repeatable-rows";

const NO_FIELD = "__none__";

/** Watches only the answers a condition reads: a field re-renders when those change, not on every keystroke. */
function useConditionAnswers(conditions: (Condition | true | undefined)[]): Answers {
  const names = [...new Set(conditions.flatMap((c) => (c && c !== true ? conditionFields(c) : [])))];
  // An empty name list would watch the whole form: watch a name no field has instead.
  const values = useWatch<FieldValues>({ name: names.length > 0 ? names : [NO_FIELD] });
  return Object.fromEntries(names.map((n, i) => [n, (values as unknown[])[i]]));
}

export function ShowWhen({ condition, children }: { condition?: Condition; children: React.ReactNode }) {
  const answers = useConditionAnswers([condition]);
  if (condition && !holds(condition, answers)) return null;
  return <>{children}</>;
}

/** Reads a react-hook-form error message (a catalogue key) by dotted path. */
function useErrorAt(name: string): string | null {
  const { errors } = useFormState({ name });
  let node: unknown = errors;
  for (const part of name.split(".")) node = (node as Record<string, unknown> | undefined)?.[part];
  const message = (node as { message?: unknown } | undefined)?.message;
  return typeof message === "string" ? message : null;
}

function Flag({ field, name }: { field: ScalarField; name: string }) {
  const t = useTranslations();
  const value = useWatch({ name });
  if (!field.flagWhen || value !== field.flagWhen) return null;
  return (
    <div className="alert alert-warning flag" role="alert">
      {t(`${field.label}Flag`)}
    </div>
  );
}

function ScalarFieldView({ field, name, required }: { field: ScalarField; name: string; required: boolean }) {
  const t = useTranslations();
  const error = useErrorAt(name);
  const id = `f-${name.replace(/\./g, "-")}`;
  const hintId = field.help ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  const grouped = field.type === "yesno" || field.type === "multi";
  return (
    <div className="field form-field" data-field={name}>
      {grouped ? (
        <span className="field-label" id={`${id}-label`}>
          {t(field.label)}
          {required && <span aria-hidden="true"> *</span>}
        </span>
      ) : (
        <label htmlFor={id} id={`${id}-label`}>
          {t(field.label)}
          {required && <span aria-hidden="true"> *</span>}
          {required && <span className="visually-hidden"> ({t("common.required")})</span>}
        </label>
      )}
      {field.help && (
        <span className="hint" id={hintId}>
          {t(field.help)}
        </span>
      )}
      <FieldInput field={field} name={name} aria={{ id, "aria-invalid": Boolean(error), "aria-describedby": describedBy }} />
      {error && (
        <span className="error" id={errorId}>
          {t.has(error) ? t(error) : t("validation.invalid")}
        </span>
      )}
      <Flag field={field} name={name} />
    </div>
  );
}

function GroupFieldView({ field }: { field: GroupField }) {
  const t = useTranslations();
  const rows = useFieldArray({ name: field.id });
  const first = field.fields[0]?.id ?? "";
  return (
    <fieldset className="form-field group-field">
      <legend>{t(field.label)}</legend>
      <RepeatableRows
        name={field.id}
        rows={rows}
        empty={() => ({})}
        focusField={first}
        max={field.max}
        addLabel={t("forms.addItem", { item: t(field.itemLabel, { n: rows.fields.length + 1 }) })}
        rowLabel={(i) => t(field.itemLabel, { n: i + 1 })}
        removeLabel={(i) => t("rows.removeItem", { item: t(field.itemLabel, { n: i + 1 }) })}
      >
        {(i) => (
          <>
            <strong>{t(field.itemLabel, { n: i + 1 })}</strong>
            <div className="form-grid">
              {field.fields.map((sub) => (
                <GroupItemField key={sub.id} field={sub} name={`${field.id}.${i}.${sub.id}`} itemPrefix={`${field.id}.${i}`} />
              ))}
            </div>
          </>
        )}
      </RepeatableRows>
    </fieldset>
  );
}

/** A field inside a group item: its conditions read the item's own answers. */
function GroupItemField({ field, name, itemPrefix }: { field: ScalarField; name: string; itemPrefix: string }) {
  const deps = [...new Set([...conditionFields(field.shownWhen), ...(field.required && field.required !== true ? conditionFields(field.required) : [])])];
  const values = useWatch<FieldValues>({ name: deps.length > 0 ? deps.map((d) => `${itemPrefix}.${d}`) : [NO_FIELD] });
  const item: Answers = Object.fromEntries(deps.map((d, i) => [d, (values as unknown[])[i]]));
  if (field.shownWhen && !holds(field.shownWhen, item)) return null;
  return <ScalarFieldView field={field} name={name} required={isFieldRequired(field, item)} />;
}

/** One question of a form: hidden unless its condition holds, marked required when its rule holds. */
export const FormField = memo(function FormField({ field }: { field: FieldDef }) {
  const answers = useConditionAnswers([field.shownWhen, field.required]);
  if (field.shownWhen && !holds(field.shownWhen, answers)) return null;
  if (field.type === "group") return <GroupFieldView field={field} />;
  return <ScalarFieldView field={field} name={field.id} required={isFieldRequired(field, answers)} />;
});
