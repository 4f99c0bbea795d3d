import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";

const BASE = "rounded-md border-0 text-sm text-gray-900 ring-1 ring-inset ring-gray-300 placeholder:text-gray-500 focus:ring-2 focus:ring-inset focus:ring-blue-700 aria-[invalid=true]:ring-red-600";
const FITS = {
  /** A form's field: the full width of its column. */
  block: "block w-full px-3 py-2 shadow-sm",
  /** A list's filter bar: as wide as its content, under its label. */
  filter: "mt-1 block max-w-full px-3 py-1.5",
  /** Inside a row or a sentence. */
  inline: "px-2 py-1.5",
} as const;
export type InputFit = keyof typeof FITS;

/** The one look of a text box, select or text area; `extra` adds layout (width, font). */
export function inputClass(fit: InputFit = "block", extra = "") {
  return `${BASE} ${FITS[fit]} ${extra}`;
}

type Fit = { fit?: InputFit };

export function Input({ fit, className = "", ...props }: InputHTMLAttributes<HTMLInputElement> & Fit) {
  return <input className={inputClass(fit, className)} {...props} />;
}

export function SelectInput({ fit, className = "", ...props }: SelectHTMLAttributes<HTMLSelectElement> & Fit) {
  return <select className={inputClass(fit, `pr-8 ${className}`)} {...props} />;
}

export function Textarea({ fit, className = "", ...props }: TextareaHTMLAttributes<HTMLTextAreaElement> & Fit) {
  return <textarea className={inputClass(fit, className)} {...props} />;
}

/** A filter bar's labelled control: the label above, the control inside the label. */
export function FilterLabel({ label, children }: { label: ReactNode; children: ReactNode }) {
  return (
    <label className="min-w-0 max-w-full text-sm font-medium text-gray-800">
      {label}
      {children}
    </label>
  );
}

/** A select's options: the empty value first (its label says what "none" means here), then the list. */
export function OptionsWithEmpty({ empty, options }: { empty: string; options: readonly { value: string; label: string }[] }) {
  return (
    <>
      <option value="">{empty}</option>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </>
  );
}
