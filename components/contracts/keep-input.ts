import { type FormEvent, startTransition } from "react";

/**
 * React resets a form after its `action` runs, so a refused form would lose what was typed.
 * Submitting through onSubmit (the action stays as the no-JavaScript fallback) keeps the input.
 */
export function keepInput(action: (fd: FormData) => void) {
  return (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const fd = new FormData(e.currentTarget);
    startTransition(() => action(fd));
  };
}
