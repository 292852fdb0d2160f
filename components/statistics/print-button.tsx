"use client";

/** Opens the browser's print dialog (print or save as PDF); the print styles do the rest. */
export function PrintButton({ label }: { label: string }) {
  return (
    <button type="button" className="btn btn-secondary no-print" onClick={() => window.print()}>
      {label}
    </button>
  );
}
