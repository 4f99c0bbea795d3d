"use client";
import { type FormEvent, startTransition } from "react";

/**
 * A form's submit handler that hands its fields to `dispatch` (a useActionState action)
 * without the reset React does after a form's `action`: a refused submit keeps every field
 * as typed and chosen (a select's too, which that reset puts back to the option it was first
 * drawn with). The form resets itself after a success.
 */
export function keptSubmit(dispatch: (fd: FormData) => void) {
  return (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const fd = new FormData(e.currentTarget);
    startTransition(() => dispatch(fd));
  };
}
