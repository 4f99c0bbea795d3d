CREATE TABLE "sign_in_link_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "sign_in_link_requests_requested_at_idx" ON "sign_in_link_requests" USING btree ("requested_at");