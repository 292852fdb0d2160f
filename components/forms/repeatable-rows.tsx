"use client";

import type { ReactNode } from "react";
import type { FieldArrayMethodProps } from "react-hook-form";

/** What RepeatableRows needs of react-hook-form's useFieldArray. */
export type RowArray<TItem> = {
  fields: { id: string }[];
  append: (value: TItem, options?: FieldArrayMethodProps) => void;
  remove: (index: number) => void;
};

/**
 * Repeatable rows (documents, next of kin, journey legs, the repeatable groups of forms), one
 * component for all (issue 15, item 7):
 * - one click adds exactly one row, and focus moves into it. The button does not take focus on
 *   mousedown, so the field being left is not blurred (and the form does not re-validate and move)
 *   between the press and the release: the click always lands on the button.
 * - every row, also one just added, has its own remove button, named after the row.
 * - a row left empty never blocks a submit: the schemas drop it (lib/repeatable-rows.ts).
 */
export function RepeatableRows<TItem>({
  name,
  rows,
  empty,
  focusField,
  max,
  addLabel,
  rowLabel,
  removeLabel,
  children,
  className = "group-item",
}: {
  /** The field array's name, e.g. "identity.nextOfKin". */
  name: string;
  rows: RowArray<TItem>;
  /** A new, empty row. */
  empty: () => TItem;
  /** The field of a new row that receives focus. */
  focusField: string;
  max?: number;
  addLabel: string;
  rowLabel: (index: number) => string;
  removeLabel: (index: number) => string;
  children: (index: number) => ReactNode;
  className?: string;
}) {
  const count = rows.fields.length;
  return (
    <>
      {rows.fields.map((row, i) => (
        <div key={row.id} className={`${className} repeatable-row`} role="group" aria-label={rowLabel(i)} data-repeatable-row={name}>
          {children(i)}
          <div className="repeatable-row-actions">
            <button type="button" className="btn btn-secondary btn-small" onClick={() => rows.remove(i)}>
              {removeLabel(i)}
            </button>
          </div>
        </div>
      ))}
      {(max === undefined || count < max) && (
        <button
          type="button"
          className="btn btn-secondary btn-small repeatable-add"
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => rows.append(empty(), { shouldFocus: true, focusName: `${name}.${count}.${focusField}` })}
        >
          {addLabel}
        </button>
      )}
    </>
  );
}
