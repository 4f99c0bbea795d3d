import { Resend } from "resend";

export interface OutgoingEmail {
  to: string;
  subject: string;
  html: string;
  text: string;
  idempotencyKey: string;
}

export interface EmailTransport {
  kind: "resend" | "local";
  send(email: OutgoingEmail): Promise<{ ok: true; id: string | null } | { ok: false; error: string }>;
}

/** Keeps the email in the outbox as the local mailbox; nothing leaves the machine. */
export const localTransport: EmailTransport = {
  kind: "local",
  send: async () => ({ ok: true, id: null }),
};

export function resendTransport(apiKey: string, from: string): EmailTransport {
  const client = new Resend(apiKey);
  return {
    kind: "resend",
    async send(email) {
      const { data, error } = await client.emails.send(
        { from, to: email.to, subject: email.subject, html: email.html, text: email.text },
        { idempotencyKey: email.idempotencyKey },
      );
      return error ? { ok: false, error: error.message } : { ok: true, id: data?.id ?? null };
    },
  };
}

export function configuredTransport(): EmailTransport {
  const key = process.env.RESEND_API_KEY;
  return key ? resendTransport(key, process.env.EMAIL_FROM ?? "Billing Center <billing@example.com>") : localTransport;
}
