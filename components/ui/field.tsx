import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";
import { Input, SelectInput, Textarea } from "@/components/ui/input";

/** What the control inside a frame is given, so its label, hint and error are read with it. */
interface Described {
  id: string;
  "aria-invalid": boolean;
  "aria-describedby": string | undefined;
}

type FrameProps = { label: string; name: string; id?: string; error?: string; hint?: string };

/**
 * The one labelled-field frame: the label, the control, then its hint or (instead) its error,
 * whichever is shown being what the control's aria-describedby names, so a screen reader reads
 * the error with the field it belongs to.
 */
function Frame({ label, name, id: given, error, hint, control }: FrameProps & { control: (described: Described) => ReactNode }) {
  const id = given ?? `f-${name}`;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-gray-800">
        {label}
      </label>
      {control({ id, "aria-invalid": !!error, "aria-describedby": error ? `${id}-error` : hint ? `${id}-hint` : undefined })}
      {hint && !error && (
        <p id={`${id}-hint`} className="text-xs text-gray-600">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="text-xs text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}

export function Field({ label, name, error, hint, id, ...props }: InputHTMLAttributes<HTMLInputElement> & FrameProps) {
  return <Frame label={label} name={name} id={id} error={error} hint={hint} control={(d) => <Input name={name} {...d} {...props} />} />;
}

export function Select({ label, name, error, hint, id, ...props }: SelectHTMLAttributes<HTMLSelectElement> & FrameProps) {
  return <Frame label={label} name={name} id={id} error={error} hint={hint} control={(d) => <SelectInput name={name} {...d} {...props} />} />;
}

export function TextAreaField({ label, name, error, hint, id, ...props }: TextareaHTMLAttributes<HTMLTextAreaElement> & FrameProps) {
  return <Frame label={label} name={name} id={id} error={error} hint={hint} control={(d) => <Textarea name={name} {...d} {...props} />} />;
}
