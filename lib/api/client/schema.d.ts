// Generated from lib/api/openapi.ts by `npm run api:types`: do not edit by hand.
export interface paths {
    "/resources": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the account's resources
         * @description The account's resources in the order they were created, oldest first (ties by id), a page at a time. A resource activated while you page comes after the ones already there, so reading on with `nextCursor` until it is null lists every resource once, also when many were created in the same instant.
         */
        get: operations["listResources"];
        put?: never;
        /**
         * Activate a pay-as-you-go resource
         * @description Freezes one billing increment's price from available funds. Refused with 402 INSUFFICIENT_FUNDS, changing nothing, when they cannot cover it. The Idempotency-Key and the externalId are each bound to the request's terms (productId, quantity, name, externalId, promotionCode, tags, after trimming): the same terms again answer 200 with the first resource, other terms under a used key or externalId answer 409 IDEMPOTENCY_CONFLICT and change nothing, also when both arrive at once.
         */
        post: operations["activateResource"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/resources/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource's id */
                id: string;
            };
            cookie?: never;
        };
        /** One resource */
        get: operations["getResource"];
        put?: never;
        post?: never;
        /**
         * Release a resource
         * @description Charges what is due up to now (the increment in progress in full) and returns its frozen funds. Releasing twice is harmless: the second answers the released resource.
         */
        delete: operations["releaseResource"];
        options?: never;
        head?: never;
        /**
         * Replace a resource's tags
         * @description Sets the resource's whole tag set (keys left out are removed; `{}` removes every tag). Charges written from now on record the new tags; charges and orders already written keep the ones they were charged with, so a cost report of the past does not change. A released or expired resource keeps the tags it ended with (409 CONFLICT). Sending the set it already has changes nothing. Each change is recorded in the account's audit log with the set before and after.
         */
        patch: operations["setResourceTags"];
        trace?: never;
    };
    "/resources/{id}/change/preview": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource's id */
                id: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Preview a subscription change
         * @description What POST …/change would do now, from the same pricing function: the kind, when it takes effect and what is charged now. Nothing is written. An upgrade (a product of the same family with a higher monthly price, or more quantity) takes effect at once and is charged |new monthly − old monthly| × remaining months, remaining months = (expiry − now) / 30 days, rounded half-even to the micro-dollar. A lower monthly price is a downgrade, scheduled for the next term (cancel it with DELETE …/change). A longer termMonths starts at the current term's end and is paid now at its term discount. Change the product or quantity, or the term, one at a time.
         */
        post: operations["previewSubscriptionChange"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/resources/{id}/change": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource's id */
                id: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Change a subscription
         * @description Every change is an order (its number in Orders and on the ledger posting). The charge is a guarded posting: refused with 402 INSUFFICIENT_FUNDS, changing nothing, when available funds cannot cover it. An upgrade (a product of the same family with a higher monthly price, or more quantity) takes effect at once and is charged |new monthly − old monthly| × remaining months, remaining months = (expiry − now) / 30 days, rounded half-even to the micro-dollar. A lower monthly price is a downgrade, scheduled for the next term (cancel it with DELETE …/change). A longer termMonths starts at the current term's end and is paid now at its term discount. Change the product or quantity, or the term, one at a time.
         */
        post: operations["changeSubscription"];
        /**
         * Cancel a scheduled downgrade
         * @description The subscription renews as it is. 409 CONFLICT when no downgrade is scheduled.
         */
        delete: operations["cancelSubscriptionChange"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/resources/{id}/auto-renew": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource's id */
                id: string;
            };
            cookie?: never;
        };
        get?: never;
        /**
         * Turn a subscription's auto-renew on or off
         * @description At any time while it runs; recorded in the account's audit log when it changes. The renewal reminders (7 days, 48 hours and 24 hours before expiry) say whether it renews by itself.
         */
        put: operations["setAutoRenew"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/resources/{id}/renew": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource's id */
                id: string;
            };
            cookie?: never;
        };
        /**
         * Preview renewing a stopped subscription
         * @description What POST …/renew would charge now; nothing is written. A subscription that cannot renew at its expiry (auto-renew off, or funds short) is stopped then for 72 hours and released after; within them it can be renewed: one more term at the renewal price, counted from the old expiry, paid from cash, and it resumes at once.
         */
        get: operations["previewRenewal"];
        put?: never;
        /**
         * Renew a stopped subscription
         * @description A subscription that cannot renew at its expiry (auto-renew off, or funds short) is stopped then for 72 hours and released after; within them it can be renewed: one more term at the renewal price, counted from the old expiry, paid from cash, and it resumes at once. The term is paid once whichever path renews it (this call, a top-up with auto-renew on, or the job): a second call answers 409 CONFLICT and charges nothing. Refused with 402 INSUFFICIENT_FUNDS, changing nothing, when available funds cannot cover it.
         */
        post: operations["renewStopped"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/usage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Usage per resource and increment
         * @description The account's usage summed per resource and billing increment, in (increment start, resource) order: the increment that charged it, or, while uncharged, the one the billing run will charge it in. from/to select events by occurredAt.
         */
        get: operations["listUsage"];
        put?: never;
        /**
         * Report metered usage
         * @description The eventId is bound to the event: the same resourceId, quantity and occurredAt (the same instant, however written) again answer 200 replayed; anything else under a used eventId answers 409 IDEMPOTENCY_CONFLICT and records nothing. A released resource takes no more usage (409 CONFLICT).
         */
        post: operations["reportUsage"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/charges": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Charge lines
         * @description The billing run's charges, one per resource and increment, in (period start, id) order: gross, discount, net = gross − discount, and how net was paid (voucher + cash). from/to select by period start.
         */
        get: operations["listCharges"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/usage/batch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Report up to 1,000 usage events at once
         * @description Each event is accepted or refused on its own, not all in one transaction: one bad event (invalid fields, another account's or a released resource, an eventId reused with other content) refuses only itself, named by its index, as Stripe's and Metronome's ingestion do, so a platform never has to split a batch to find the event that failed it. An event is `accepted` only when this request stored it; a retried batch answers `duplicate` for what was stored before, so each event counts once. An account key reaches its own resources; a platform key any account's, each event counting under its resource's account.
         */
        post: operations["reportUsageBatch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/balance": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The account's funds */
        get: operations["getBalance"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read the event outbox
         * @description The events as they are (or will be) delivered to webhooks, in the order they were written, for a receiver that missed deliveries: every account's for a platform key, the account's own for an account key (or under /accounts/{accountId}, one account's). Read on with `nextCursor` until it is null; keep the last cursor to resume later.
         */
        get: operations["listEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/accounts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List customer accounts
         * @description Every customer account in the order it was created, oldest first (ties by id), a page at a time; `externalId` finds the one created for your customer (a page of one, or none).
         */
        get: operations["listAccounts"];
        put?: never;
        /**
         * Create a customer account
         * @description The platform creates the billing account when its customer signs up: the account can be topped up and billed at once, and its owner is invited by email (in `locale`) to set a password and sign in. Send an externalId (your customer id) or an Idempotency-Key: each is bound to the request's terms (name, ownerEmail, locale, externalId, after trimming; the email's case does not matter). The same terms again answer 200 with the first account, also when both requests arrive at once; other terms under a used externalId or key answer 409 IDEMPOTENCY_CONFLICT and change nothing.
         */
        post: operations["createAccount"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/accounts/{accountId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The account acted on. A platform key may name any account; an account key only its own (another answers 404). */
                accountId: components["parameters"]["accountId"];
            };
            cookie?: never;
        };
        /**
         * One customer account with its funds
         * @description The account and its funds as `/accounts/{accountId}/balance` answers them. An account key is 403 here, also on its own account's id: it reads its funds at /balance.
         */
        get: operations["getAccount"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/accounts/{accountId}/resources": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The account acted on. A platform key may name any account; an account key only its own (another answers 404). */
                accountId: components["parameters"]["accountId"];
            };
            cookie?: never;
        };
        /**
         * List the account's resources
         * @description The account's resources in the order they were created, oldest first (ties by id), a page at a time. A resource activated while you page comes after the ones already there, so reading on with `nextCursor` until it is null lists every resource once, also when many were created in the same instant.
         */
        get: operations["listResourcesOfAccount"];
        put?: never;
        /**
         * Activate a pay-as-you-go resource
         * @description Freezes one billing increment's price from available funds. Refused with 402 INSUFFICIENT_FUNDS, changing nothing, when they cannot cover it. The Idempotency-Key and the externalId are each bound to the request's terms (productId, quantity, name, externalId, promotionCode, tags, after trimming): the same terms again answer 200 with the first resource, other terms under a used key or externalId answer 409 IDEMPOTENCY_CONFLICT and change nothing, also when both arrive at once.
         */
        post: operations["activateResourceOfAccount"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/accounts/{accountId}/resources/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The account acted on. A platform key may name any account; an account key only its own (another answers 404). */
                accountId: components["parameters"]["accountId"];
                /** @description The resource's id */
                id: string;
            };
            cookie?: never;
        };
        /** One resource */
        get: operations["getResourceOfAccount"];
        put?: never;
        post?: never;
        /**
         * Release a resource
         * @description Charges what is due up to now (the increment in progress in full) and returns its frozen funds. Releasing twice is harmless: the second answers the released resource.
         */
        delete: operations["releaseResourceOfAccount"];
        options?: never;
        head?: never;
        /**
         * Replace a resource's tags
         * @description Sets the resource's whole tag set (keys left out are removed; `{}` removes every tag). Charges written from now on record the new tags; charges and orders already written keep the ones they were charged with, so a cost report of the past does not change. A released or expired resource keeps the tags it ended with (409 CONFLICT). Sending the set it already has changes nothing. Each change is recorded in the account's audit log with the set before and after.
         */
        patch: operations["setResourceTagsOfAccount"];
        trace?: never;
    };
    "/accounts/{accountId}/resources/{id}/change/preview": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The account acted on. A platform key may name any account; an account key only its own (another answers 404). */
                accountId: components["parameters"]["accountId"];
                /** @description The resource's id */
                id: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Preview a subscription change
         * @description What POST …/change would do now, from the same pricing function: the kind, when it takes effect and what is charged now. Nothing is written. An upgrade (a product of the same family with a higher monthly price, or more quantity) takes effect at once and is charged |new monthly − old monthly| × remaining months, remaining months = (expiry − now) / 30 days, rounded half-even to the micro-dollar. A lower monthly price is a downgrade, scheduled for the next term (cancel it with DELETE …/change). A longer termMonths starts at the current term's end and is paid now at its term discount. Change the product or quantity, or the term, one at a time.
         */
        post: operations["previewSubscriptionChangeOfAccount"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/accounts/{accountId}/resources/{id}/change": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The account acted on. A platform key may name any account; an account key only its own (another answers 404). */
                accountId: components["parameters"]["accountId"];
                /** @description The resource's id */
                id: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Change a subscription
         * @description Every change is an order (its number in Orders and on the ledger posting). The charge is a guarded posting: refused with 402 INSUFFICIENT_FUNDS, changing nothing, when available funds cannot cover it. An upgrade (a product of the same family with a higher monthly price, or more quantity) takes effect at once and is charged |new monthly − old monthly| × remaining months, remaining months = (expiry − now) / 30 days, rounded half-even to the micro-dollar. A lower monthly price is a downgrade, scheduled for the next term (cancel it with DELETE …/change). A longer termMonths starts at the current term's end and is paid now at its term discount. Change the product or quantity, or the term, one at a time.
         */
        post: operations["changeSubscriptionOfAccount"];
        /**
         * Cancel a scheduled downgrade
         * @description The subscription renews as it is. 409 CONFLICT when no downgrade is scheduled.
         */
        delete: operations["cancelSubscriptionChangeOfAccount"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/accounts/{accountId}/resources/{id}/auto-renew": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The account acted on. A platform key may name any account; an account key only its own (another answers 404). */
                accountId: components["parameters"]["accountId"];
                /** @description The resource's id */
                id: string;
            };
            cookie?: never;
        };
        get?: never;
        /**
         * Turn a subscription's auto-renew on or off
         * @description At any time while it runs; recorded in the account's audit log when it changes. The renewal reminders (7 days, 48 hours and 24 hours before expiry) say whether it renews by itself.
         */
        put: operations["setAutoRenewOfAccount"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/accounts/{accountId}/resources/{id}/renew": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The account acted on. A platform key may name any account; an account key only its own (another answers 404). */
                accountId: components["parameters"]["accountId"];
                /** @description The resource's id */
                id: string;
            };
            cookie?: never;
        };
        /**
         * Preview renewing a stopped subscription
         * @description What POST …/renew would charge now; nothing is written. A subscription that cannot renew at its expiry (auto-renew off, or funds short) is stopped then for 72 hours and released after; within them it can be renewed: one more term at the renewal price, counted from the old expiry, paid from cash, and it resumes at once.
         */
        get: operations["previewRenewalOfAccount"];
        put?: never;
        /**
         * Renew a stopped subscription
         * @description A subscription that cannot renew at its expiry (auto-renew off, or funds short) is stopped then for 72 hours and released after; within them it can be renewed: one more term at the renewal price, counted from the old expiry, paid from cash, and it resumes at once. The term is paid once whichever path renews it (this call, a top-up with auto-renew on, or the job): a second call answers 409 CONFLICT and charges nothing. Refused with 402 INSUFFICIENT_FUNDS, changing nothing, when available funds cannot cover it.
         */
        post: operations["renewStoppedOfAccount"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/accounts/{accountId}/usage": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The account acted on. A platform key may name any account; an account key only its own (another answers 404). */
                accountId: components["parameters"]["accountId"];
            };
            cookie?: never;
        };
        /**
         * Usage per resource and increment
         * @description The account's usage summed per resource and billing increment, in (increment start, resource) order: the increment that charged it, or, while uncharged, the one the billing run will charge it in. from/to select events by occurredAt.
         */
        get: operations["listUsageOfAccount"];
        put?: never;
        /**
         * Report metered usage
         * @description The eventId is bound to the event: the same resourceId, quantity and occurredAt (the same instant, however written) again answer 200 replayed; anything else under a used eventId answers 409 IDEMPOTENCY_CONFLICT and records nothing. A released resource takes no more usage (409 CONFLICT).
         */
        post: operations["reportUsageOfAccount"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/accounts/{accountId}/charges": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The account acted on. A platform key may name any account; an account key only its own (another answers 404). */
                accountId: components["parameters"]["accountId"];
            };
            cookie?: never;
        };
        /**
         * Charge lines
         * @description The billing run's charges, one per resource and increment, in (period start, id) order: gross, discount, net = gross − discount, and how net was paid (voucher + cash). from/to select by period start.
         */
        get: operations["listChargesOfAccount"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/accounts/{accountId}/balance": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The account acted on. A platform key may name any account; an account key only its own (another answers 404). */
                accountId: components["parameters"]["accountId"];
            };
            cookie?: never;
        };
        /** The account's funds */
        get: operations["getBalanceOfAccount"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/accounts/{accountId}/events": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The account acted on. A platform key may name any account; an account key only its own (another answers 404). */
                accountId: components["parameters"]["accountId"];
            };
            cookie?: never;
        };
        /**
         * Read the event outbox
         * @description The events as they are (or will be) delivered to webhooks, in the order they were written, for a receiver that missed deliveries: every account's for a platform key, the account's own for an account key (or under /accounts/{accountId}, one account's). Read on with `nextCursor` until it is null; keep the last cursor to resume later.
         */
        get: operations["listEventsOfAccount"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/openapi.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** This document */
        get: operations["getOpenApiDocument"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export interface webhooks {
    "resource.activated": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * resource.activated (version 1)
         * @description Posted to each endpoint subscribed to resource.activated, at least once, in order per account; dedupe by the envelope's id.
         */
        post: operations["onResourceActivatedEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "resource.stopped": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * resource.stopped (version 1)
         * @description Posted to each endpoint subscribed to resource.stopped, at least once, in order per account; dedupe by the envelope's id.
         */
        post: operations["onResourceStoppedEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "resource.resumed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * resource.resumed (version 1)
         * @description Posted to each endpoint subscribed to resource.resumed, at least once, in order per account; dedupe by the envelope's id.
         */
        post: operations["onResourceResumedEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "resource.released": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * resource.released (version 1)
         * @description Posted to each endpoint subscribed to resource.released, at least once, in order per account; dedupe by the envelope's id.
         */
        post: operations["onResourceReleasedEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "account.overdue": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * account.overdue (version 1)
         * @description Posted to each endpoint subscribed to account.overdue, at least once, in order per account; dedupe by the envelope's id.
         */
        post: operations["onAccountOverdueEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "account.recovered": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * account.recovered (version 1)
         * @description Posted to each endpoint subscribed to account.recovered, at least once, in order per account; dedupe by the envelope's id.
         */
        post: operations["onAccountRecoveredEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "subscription.renewed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * subscription.renewed (version 1)
         * @description Posted to each endpoint subscribed to subscription.renewed, at least once, in order per account; dedupe by the envelope's id.
         */
        post: operations["onSubscriptionRenewedEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "subscription.expiring": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * subscription.expiring (version 1)
         * @description Posted to each endpoint subscribed to subscription.expiring, at least once, in order per account; dedupe by the envelope's id.
         */
        post: operations["onSubscriptionExpiringEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "subscription.expired": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * subscription.expired (version 1)
         * @description Posted to each endpoint subscribed to subscription.expired, at least once, in order per account; dedupe by the envelope's id.
         */
        post: operations["onSubscriptionExpiredEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "invoice.issued": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * invoice.issued (version 1)
         * @description Posted to each endpoint subscribed to invoice.issued, at least once, in order per account; dedupe by the envelope's id.
         */
        post: operations["onInvoiceIssuedEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "credit_note.issued": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * credit_note.issued (version 1)
         * @description Posted to each endpoint subscribed to credit_note.issued, at least once, in order per account; dedupe by the envelope's id.
         */
        post: operations["onCreditNoteIssuedEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "payment.succeeded": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * payment.succeeded (version 1)
         * @description Posted to each endpoint subscribed to payment.succeeded, at least once, in order per account; dedupe by the envelope's id.
         */
        post: operations["onPaymentSucceededEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "payment.failed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * payment.failed (version 1)
         * @description Posted to each endpoint subscribed to payment.failed, at least once, in order per account; dedupe by the envelope's id.
         */
        post: operations["onPaymentFailedEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "balance.low": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * balance.low (version 1)
         * @description Posted to each endpoint subscribed to balance.low, at least once, in order per account; dedupe by the envelope's id.
         */
        post: operations["onBalanceLowEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "budget.threshold_crossed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * budget.threshold_crossed (version 1)
         * @description Posted to each endpoint subscribed to budget.threshold_crossed, at least once, in order per account; dedupe by the envelope's id.
         */
        post: operations["onBudgetThresholdCrossedEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export interface components {
    schemas: {
        /** @description Exact money: a decimal string of US dollars with 6 decimals and the same amount in integer micro-dollars, never a float. */
        Money: {
            /** @example 12.400000 */
            amount: string;
            /** @example 12400000 */
            micros: string;
            /** @enum {string} */
            currency: "USD";
        };
        Resource: {
            /** Format: uuid */
            id: string;
            /** @description Your id for the resource, when the activation gave one */
            externalId: string | null;
            name: string;
            /** @example ecs.g7.large */
            productId: string;
            /**
             * @description A whole number, as a string
             * @example 2
             */
            quantity: string;
            /** @enum {string} */
            status: "pending" | "running" | "stopped" | "released" | "expired";
            /** @enum {string} */
            billingMode: "payg_hourly" | "payg_daily" | "subscription";
            unitPrice: components["schemas"]["Money"];
            orderNo: string | null;
            /** Format: date-time */
            startedAt: string;
            /** Format: date-time */
            releasedAt: string | null;
            /** Format: date-time */
            expiresAt: string | null;
            /**
             * @description Cost allocation tags, key → value, in key order ({} when none)
             * @example {
             *       "env": "prod",
             *       "team": "ml"
             *     }
             */
            tags: {
                [key: string]: string;
            };
            /** @description A subscription's term, auto-renew and the downgrade scheduled for its next term; null for pay-as-you-go */
            subscription: {
                /** @enum {integer} */
                termMonths: 1 | 3 | 6 | 12;
                autoRenew: boolean;
                scheduledChange: {
                    productId: string;
                    quantity: string;
                    orderNo: string | null;
                    /** Format: date-time */
                    effectiveAt: string | null;
                } | null;
            } | null;
        };
        Account: {
            /**
             * Format: uuid
             * @description The account's id: name it in /accounts/{accountId}/…
             */
            id: string;
            name: string;
            /** @description Your id for the customer, when the account was created with one */
            externalId: string | null;
            /** Format: date-time */
            createdAt: string;
        };
        AccountWithFunds: {
            /**
             * Format: uuid
             * @description The account's id: name it in /accounts/{accountId}/…
             */
            id: string;
            name: string;
            /** @description Your id for the customer, when the account was created with one */
            externalId: string | null;
            /** Format: date-time */
            createdAt: string;
            /** @description As GET /accounts/{accountId}/balance: available = balance + credit limit; frozen funds are already out of the balance. */
            funds: {
                available: components["schemas"]["Money"];
                balance: components["schemas"]["Money"];
                creditLimit: components["schemas"]["Money"];
                frozen: components["schemas"]["Money"];
            };
        };
        UsageLine: {
            /** Format: uuid */
            resourceId: string;
            /**
             * Format: date-time
             * @description Start of the billing increment (hour or day) the usage is charged in
             */
            periodStart: string;
            /** @description The sum of the events' quantities, a whole number as a string */
            quantity: string;
            /** @description How many usage events were summed */
            events: number;
            /** @description true once the billing run has charged every one of them */
            charged: boolean;
        };
        Charge: {
            id: string;
            /** Format: uuid */
            resourceId: string;
            productId: string;
            /** Format: date-time */
            periodStart: string;
            /** Format: date-time */
            periodEnd: string;
            quantity: string;
            unitPrice: components["schemas"]["Money"];
            /** @description quantity × unit price, before the discount */
            gross: components["schemas"]["Money"];
            discount: components["schemas"]["Money"];
            /** @description The part of net paid from vouchers */
            voucher: components["schemas"]["Money"];
            /** @description The part of net paid from the balance */
            cash: components["schemas"]["Money"];
            /** @description gross − discount = voucher + cash */
            net: components["schemas"]["Money"];
        };
        Error: {
            error: components["schemas"]["ErrorBody"];
        };
        ErrorBody: {
            /** @enum {string} */
            code: "VALIDATION" | "UNAUTHENTICATED" | "FORBIDDEN" | "NOT_FOUND" | "CONFLICT" | "RATE_LIMITED" | "INSUFFICIENT_FUNDS" | "ACCOUNT_OVERDUE" | "IDEMPOTENCY_CONFLICT" | "LAST_OWNER" | "UNAVAILABLE" | "INTERNAL";
            /** @description Safe to show; never a raw exception */
            message: string;
            /** @description Messages per invalid field (or query parameter) */
            fieldErrors?: {
                [key: string]: string[];
            };
        };
        /** @description An event as it is delivered: the signed request body of a webhook, and one item of the event feed. Dedupe by `id`. */
        Event: components["schemas"]["ResourceActivatedEvent"] | components["schemas"]["ResourceStoppedEvent"] | components["schemas"]["ResourceResumedEvent"] | components["schemas"]["ResourceReleasedEvent"] | components["schemas"]["AccountOverdueEvent"] | components["schemas"]["AccountRecoveredEvent"] | components["schemas"]["SubscriptionRenewedEvent"] | components["schemas"]["SubscriptionExpiringEvent"] | components["schemas"]["SubscriptionExpiredEvent"] | components["schemas"]["InvoiceIssuedEvent"] | components["schemas"]["CreditNoteIssuedEvent"] | components["schemas"]["PaymentSucceededEvent"] | components["schemas"]["PaymentFailedEvent"] | components["schemas"]["BalanceLowEvent"] | components["schemas"]["BudgetThresholdCrossedEvent"];
        /** resource.activated */
        ResourceActivatedEvent: {
            id: string;
            /** @constant */
            type: "resource.activated";
            /** @constant */
            apiVersion: 1;
            /** Format: date-time */
            createdAt: string;
            /** Format: uuid */
            accountId: string;
            data: {
                resource: {
                    /** Format: uuid */
                    id: string;
                    /** Format: uuid */
                    accountId: string;
                    productId: string;
                    name: string;
                    externalId: string | null;
                    /** @enum {string} */
                    status: "pending" | "running" | "stopped" | "released" | "expired";
                };
                /** Format: date-time */
                activatedAt: string;
            };
        };
        /** resource.stopped */
        ResourceStoppedEvent: {
            id: string;
            /** @constant */
            type: "resource.stopped";
            /** @constant */
            apiVersion: 2;
            /** Format: date-time */
            createdAt: string;
            /** Format: uuid */
            accountId: string;
            data: {
                resource: {
                    /** Format: uuid */
                    id: string;
                    /** Format: uuid */
                    accountId: string;
                    productId: string;
                    name: string;
                    externalId: string | null;
                    /** @enum {string} */
                    status: "pending" | "running" | "stopped" | "released" | "expired";
                };
                /** @enum {string} */
                reason: "overdue" | "expiry";
                /** Format: date-time */
                stoppedAt: string;
                /** Format: date-time */
                releaseAt: string;
            };
        };
        /** resource.resumed */
        ResourceResumedEvent: {
            id: string;
            /** @constant */
            type: "resource.resumed";
            /** @constant */
            apiVersion: 1;
            /** Format: date-time */
            createdAt: string;
            /** Format: uuid */
            accountId: string;
            data: {
                resource: {
                    /** Format: uuid */
                    id: string;
                    /** Format: uuid */
                    accountId: string;
                    productId: string;
                    name: string;
                    externalId: string | null;
                    /** @enum {string} */
                    status: "pending" | "running" | "stopped" | "released" | "expired";
                };
                /** Format: date-time */
                resumedAt: string;
            };
        };
        /** resource.released */
        ResourceReleasedEvent: {
            id: string;
            /** @constant */
            type: "resource.released";
            /** @constant */
            apiVersion: 1;
            /** Format: date-time */
            createdAt: string;
            /** Format: uuid */
            accountId: string;
            data: {
                resource: {
                    /** Format: uuid */
                    id: string;
                    /** Format: uuid */
                    accountId: string;
                    productId: string;
                    name: string;
                    externalId: string | null;
                    /** @enum {string} */
                    status: "pending" | "running" | "stopped" | "released" | "expired";
                };
                /** @enum {string} */
                reason: "customer" | "overdue" | "expiry";
                /** Format: date-time */
                releasedAt: string;
            };
        };
        /** account.overdue */
        AccountOverdueEvent: {
            id: string;
            /** @constant */
            type: "account.overdue";
            /** @constant */
            apiVersion: 1;
            /** Format: date-time */
            createdAt: string;
            /** Format: uuid */
            accountId: string;
            data: {
                /** Format: date-time */
                overdueSince: string;
                balance: {
                    amount: string;
                    micros: string;
                    /** @constant */
                    currency: "USD";
                };
                available: {
                    amount: string;
                    micros: string;
                    /** @constant */
                    currency: "USD";
                };
            };
        };
        /** account.recovered */
        AccountRecoveredEvent: {
            id: string;
            /** @constant */
            type: "account.recovered";
            /** @constant */
            apiVersion: 1;
            /** Format: date-time */
            createdAt: string;
            /** Format: uuid */
            accountId: string;
            data: {
                /** Format: date-time */
                overdueSince: string;
                /** Format: date-time */
                recoveredAt: string;
                resumedResourceIds: string[];
                balance: {
                    amount: string;
                    micros: string;
                    /** @constant */
                    currency: "USD";
                };
                available: {
                    amount: string;
                    micros: string;
                    /** @constant */
                    currency: "USD";
                };
            };
        };
        /** subscription.renewed */
        SubscriptionRenewedEvent: {
            id: string;
            /** @constant */
            type: "subscription.renewed";
            /** @constant */
            apiVersion: 1;
            /** Format: date-time */
            createdAt: string;
            /** Format: uuid */
            accountId: string;
            data: {
                resource: {
                    /** Format: uuid */
                    id: string;
                    /** Format: uuid */
                    accountId: string;
                    productId: string;
                    name: string;
                    externalId: string | null;
                    /** @enum {string} */
                    status: "pending" | "running" | "stopped" | "released" | "expired";
                };
                termMonths: number | null;
                autoRenew: boolean;
                /** Format: date-time */
                expiresAt: string;
                /** Format: date-time */
                previousExpiresAt: string;
                price: {
                    amount: string;
                    micros: string;
                    /** @constant */
                    currency: "USD";
                };
            };
        };
        /** subscription.expiring */
        SubscriptionExpiringEvent: {
            id: string;
            /** @constant */
            type: "subscription.expiring";
            /** @constant */
            apiVersion: 1;
            /** Format: date-time */
            createdAt: string;
            /** Format: uuid */
            accountId: string;
            data: {
                resource: {
                    /** Format: uuid */
                    id: string;
                    /** Format: uuid */
                    accountId: string;
                    productId: string;
                    name: string;
                    externalId: string | null;
                    /** @enum {string} */
                    status: "pending" | "running" | "stopped" | "released" | "expired";
                };
                termMonths: number | null;
                autoRenew: boolean;
                /** Format: date-time */
                expiresAt: string;
                /** @enum {string} */
                reminder: "24h" | "48h" | "7d";
                renewalPrice: {
                    amount: string;
                    micros: string;
                    /** @constant */
                    currency: "USD";
                };
            };
        };
        /** subscription.expired */
        SubscriptionExpiredEvent: {
            id: string;
            /** @constant */
            type: "subscription.expired";
            /** @constant */
            apiVersion: 1;
            /** Format: date-time */
            createdAt: string;
            /** Format: uuid */
            accountId: string;
            data: {
                resource: {
                    /** Format: uuid */
                    id: string;
                    /** Format: uuid */
                    accountId: string;
                    productId: string;
                    name: string;
                    externalId: string | null;
                    /** @enum {string} */
                    status: "pending" | "running" | "stopped" | "released" | "expired";
                };
                termMonths: number | null;
                autoRenew: boolean;
                /** Format: date-time */
                expiresAt: string;
            };
        };
        /** invoice.issued */
        InvoiceIssuedEvent: {
            id: string;
            /** @constant */
            type: "invoice.issued";
            /** @constant */
            apiVersion: 1;
            /** Format: date-time */
            createdAt: string;
            /** Format: uuid */
            accountId: string;
            data: {
                invoice: {
                    /** Format: uuid */
                    id: string;
                    number: string;
                    period: string;
                    /** Format: date-time */
                    periodStart: string;
                    /** Format: date-time */
                    periodEnd: string;
                    /** Format: date-time */
                    issuedAt: string;
                    /** Format: date-time */
                    dueAt: string;
                    total: {
                        amount: string;
                        micros: string;
                        /** @constant */
                        currency: "USD";
                    };
                    paidFromBalance: {
                        amount: string;
                        micros: string;
                        /** @constant */
                        currency: "USD";
                    };
                    amountDue: {
                        amount: string;
                        micros: string;
                        /** @constant */
                        currency: "USD";
                    };
                };
            };
        };
        /** credit_note.issued */
        CreditNoteIssuedEvent: {
            id: string;
            /** @constant */
            type: "credit_note.issued";
            /** @constant */
            apiVersion: 1;
            /** Format: date-time */
            createdAt: string;
            /** Format: uuid */
            accountId: string;
            data: {
                creditNote: {
                    /** Format: uuid */
                    id: string;
                    number: string;
                    /** Format: uuid */
                    invoiceId: string;
                    invoiceNumber: string;
                    /** @enum {string} */
                    kind: "refund" | "adjustment" | "correction";
                    reason: string;
                    /** Format: date-time */
                    issuedAt: string;
                    net: {
                        amount: string;
                        micros: string;
                        /** @constant */
                        currency: "USD";
                    };
                    tax: {
                        amount: string;
                        micros: string;
                        /** @constant */
                        currency: "USD";
                    };
                    total: {
                        amount: string;
                        micros: string;
                        /** @constant */
                        currency: "USD";
                    };
                };
            };
        };
        /** payment.succeeded */
        PaymentSucceededEvent: {
            id: string;
            /** @constant */
            type: "payment.succeeded";
            /** @constant */
            apiVersion: 1;
            /** Format: date-time */
            createdAt: string;
            /** Format: uuid */
            accountId: string;
            data: {
                payment: {
                    /** Format: uuid */
                    id: string;
                    amount: {
                        amount: string;
                        micros: string;
                        /** @constant */
                        currency: "USD";
                    };
                    /** @enum {string} */
                    purpose: "overrun" | "top_up" | "auto_recharge" | "invoice";
                    /** @enum {string} */
                    provider: "test" | "stripe" | "bank_transfer";
                    methodKind: ("card" | "paypal" | "alipay" | "bank_transfer") | null;
                    /** Format: date-time */
                    settledAt: string;
                };
            };
        };
        /** payment.failed */
        PaymentFailedEvent: {
            id: string;
            /** @constant */
            type: "payment.failed";
            /** @constant */
            apiVersion: 1;
            /** Format: date-time */
            createdAt: string;
            /** Format: uuid */
            accountId: string;
            data: {
                payment: {
                    /** Format: uuid */
                    id: string;
                    amount: {
                        amount: string;
                        micros: string;
                        /** @constant */
                        currency: "USD";
                    };
                    /** @enum {string} */
                    purpose: "overrun" | "top_up" | "auto_recharge" | "invoice";
                    /** @enum {string} */
                    provider: "test" | "stripe" | "bank_transfer";
                    methodKind: ("card" | "paypal" | "alipay" | "bank_transfer") | null;
                    failureReason: string;
                };
            };
        };
        /** balance.low */
        BalanceLowEvent: {
            id: string;
            /** @constant */
            type: "balance.low";
            /** @constant */
            apiVersion: 1;
            /** Format: date-time */
            createdAt: string;
            /** Format: uuid */
            accountId: string;
            data: {
                available: {
                    amount: string;
                    micros: string;
                    /** @constant */
                    currency: "USD";
                };
                threshold: {
                    amount: string;
                    micros: string;
                    /** @constant */
                    currency: "USD";
                };
                reminder: number;
                maxReminders: number;
            };
            created: number;
            /** Format: uuid */
            account_id: string;
            available: string;
            threshold: string;
            /** @constant */
            currency: "USD";
            reminder: number;
        };
        /** budget.threshold_crossed */
        BudgetThresholdCrossedEvent: {
            id: string;
            /** @constant */
            type: "budget.threshold_crossed";
            /** @constant */
            apiVersion: 1;
            /** Format: date-time */
            createdAt: string;
            /** Format: uuid */
            accountId: string;
            data: {
                budget: {
                    /** Format: uuid */
                    id: string;
                    name: string;
                    amount: {
                        amount: string;
                        micros: string;
                        /** @constant */
                        currency: "USD";
                    };
                    /** @constant */
                    basis: "net";
                    scope: {
                        /** @constant */
                        kind: "all";
                    } | {
                        /** @constant */
                        kind: "product";
                        productId: string;
                    } | {
                        /** @constant */
                        kind: "tag";
                        key: string;
                        value: string;
                    };
                };
                threshold: {
                    percent: number;
                    /** @enum {string} */
                    kind: "actual" | "forecast";
                };
                month: string;
                amount: {
                    amount: string;
                    micros: string;
                    /** @constant */
                    currency: "USD";
                };
                spend: {
                    amount: string;
                    micros: string;
                    /** @constant */
                    currency: "USD";
                };
                forecast: {
                    amount: string;
                    micros: string;
                    /** @constant */
                    currency: "USD";
                };
            };
        };
    };
    responses: {
        /** @description VALIDATION: the body, a header or a query parameter is invalid (`fieldErrors` names them); nothing changed. */
        BadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"] & {
                    error?: {
                        /** @enum {unknown} */
                        code?: "VALIDATION";
                    };
                };
            };
        };
        /** @description UNAUTHENTICATED: no key, or a malformed, unknown, revoked or expired one. */
        Unauthorized: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"] & {
                    error?: {
                        /** @enum {unknown} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
        };
        /** @description NOT_FOUND: no such thing in this account. Another account's resource, an account key on another account's path and an unknown account all answer the same, so nothing leaks; a platform key on a path without /accounts/{accountId} is told to name the account. */
        NotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"] & {
                    error?: {
                        /** @enum {unknown} */
                        code?: "NOT_FOUND";
                    };
                };
            };
        };
        /** @description RATE_LIMITED: this key sent more requests this second than it may (by default 50/s for an account key and 200/s for a platform key, counted across every instance of the app). Retry after Retry-After seconds. */
        TooManyRequests: {
            headers: {
                /** @description Whole seconds to wait before retrying */
                "Retry-After": number;
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"] & {
                    error?: {
                        /** @enum {unknown} */
                        code?: "RATE_LIMITED";
                    };
                };
            };
        };
        /** @description UNAVAILABLE: the database cannot be reached for a moment (a restart); nothing changed. Retry after Retry-After seconds. */
        Unavailable: {
            headers: {
                /** @description Whole seconds to wait before retrying (5) */
                "Retry-After": number;
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"] & {
                    error?: {
                        /** @enum {unknown} */
                        code?: "UNAVAILABLE";
                    };
                };
            };
        };
        /** @description INTERNAL: an unexpected failure, logged; the message says nothing more. */
        Internal: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"] & {
                    error?: {
                        /** @enum {unknown} */
                        code?: "INTERNAL";
                    };
                };
            };
        };
    };
    parameters: {
        /** @description The account acted on. A platform key may name any account; an account key only its own (another answers 404). */
        accountId: string;
        /** @description Page size, 1 to 100 (default 50) */
        limit: number;
        /** @description The `nextCursor` of the previous page. Opaque: its content may change between versions, so pass it back as it came. It names the position of the page's last row in the list's fixed order, not an offset, so pages are stable under inserts: reading on lists every row once however the pages are cut, and rows written meanwhile after that position appear on later pages. A cursor of another list is 400. */
        cursor: string;
    };
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    listResources: {
        parameters: {
            query?: {
                /** @description Page size, 1 to 100 (default 50) */
                limit?: components["parameters"]["limit"];
                /** @description The `nextCursor` of the previous page. Opaque: its content may change between versions, so pass it back as it came. It names the position of the page's last row in the list's fixed order, not an offset, so pages are stable under inserts: reading on lists every row once however the pages are cut, and rows written meanwhile after that position appear on later pages. A cursor of another list is 400. */
                cursor?: components["parameters"]["cursor"];
                /** @description Only resources in these statuses (repeat the parameter, or separate them with commas) */
                status?: ("pending" | "running" | "stopped" | "released" | "expired")[];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of resources */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["Resource"][];
                        /** @description Pass it as `cursor` for the next page; null on the last page */
                        nextCursor: string | null;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    activateResource: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required unless externalId is given: a retry with the same key and body activates once; the same key with another body is 409 IDEMPOTENCY_CONFLICT. Keys are the calling key's own: two accounts may use the same one. */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    productId: string;
                    quantity: number;
                    name?: string;
                    /** @description Your id for the resource; unique per account. A request with a known externalId and the same terms gets that resource back (whatever its Idempotency-Key); other terms are 409 IDEMPOTENCY_CONFLICT. */
                    externalId?: string;
                    promotionCode?: string;
                    /**
                     * @description Cost allocation tags, key → value: at most 20; a key 1-64 characters with no spaces at its ends, a value up to 128 (may be empty); no control characters. Keys are case-sensitive. Each charge records the tags the resource had when it was charged.
                     * @example {
                     *       "team": "ml",
                     *       "env": "prod"
                     *     }
                     */
                    tags?: {
                        [key: string]: string;
                    };
                };
            };
        };
        responses: {
            /** @description Already activated by an earlier request with this key (or externalId) and the same terms */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        resource: components["schemas"]["Resource"];
                    };
                };
            };
            /** @description Activated */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        resource: components["schemas"]["Resource"];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            /** @description INSUFFICIENT_FUNDS: available funds cannot cover the hold; nothing changed. */
            402: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "INSUFFICIENT_FUNDS";
                        };
                    };
                };
            };
            404: components["responses"]["NotFound"];
            /** @description IDEMPOTENCY_CONFLICT: the Idempotency-Key or externalId was already used for a request with other terms; nothing changed. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "IDEMPOTENCY_CONFLICT";
                        };
                    };
                };
            };
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    getResource: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource's id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The resource */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        resource: components["schemas"]["Resource"];
                    };
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    releaseResource: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource's id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Released */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        resource: components["schemas"]["Resource"];
                    };
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    setResourceTags: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource's id */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description Cost allocation tags, key → value: at most 20; a key 1-64 characters with no spaces at its ends, a value up to 128 (may be empty); no control characters. Keys are case-sensitive. Each charge records the tags the resource had when it was charged.
                     * @example {
                     *       "team": "ml",
                     *       "env": "prod"
                     *     }
                     */
                    tags: {
                        [key: string]: string;
                    };
                };
            };
        };
        responses: {
            /** @description The resource with its new tags */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        resource: components["schemas"]["Resource"];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            /** @description CONFLICT: the resource was released or has expired; nothing changed. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "CONFLICT";
                        };
                    };
                };
            };
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    previewSubscriptionChange: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource's id */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description A subscription product of the same family; left out, the current one */
                    productId?: string;
                    quantity?: number;
                    /** @description A longer term than the current one (from the current term's end); not together with a product or quantity change */
                    termMonths?: 1 | 3 | 6 | 12;
                };
            };
        };
        responses: {
            /** @description The change as it would be made now */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        preview: {
                            /** @enum {string} */
                            kind: "upgrade" | "downgrade" | "extension";
                            /**
                             * Format: date-time
                             * @description Now for an upgrade; the current term's end for a downgrade or a longer term
                             */
                            effectiveAt: string;
                            gross: components["schemas"]["Money"];
                            discount: components["schemas"]["Money"];
                            /** @description Charged now from cash (0 for a downgrade) */
                            net: components["schemas"]["Money"];
                            productId: string;
                            quantity: string;
                            unitPrice: components["schemas"]["Money"];
                            /** @enum {integer} */
                            termMonths: 1 | 3 | 6 | 12;
                            /**
                             * Format: date-time
                             * @description The expiry after the change
                             */
                            expiresAt: string;
                        };
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            /** @description INSUFFICIENT_FUNDS: available funds cannot cover the charge; or ACCOUNT_OVERDUE: an overdue account cannot upgrade or lengthen. Nothing changed. */
            402: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "INSUFFICIENT_FUNDS" | "ACCOUNT_OVERDUE";
                        };
                    };
                };
            };
            404: components["responses"]["NotFound"];
            /** @description CONFLICT: the resource is not a running subscription (or a downgrade is scheduled when lengthening); IDEMPOTENCY_CONFLICT: the key was used for another change. Nothing changed. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "CONFLICT" | "IDEMPOTENCY_CONFLICT";
                        };
                    };
                };
            };
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    changeSubscription: {
        parameters: {
            query?: never;
            header: {
                /** @description A retry with the same key answers 200 with the first change, charged once, also when both arrive at once; the same key with another change is 409 IDEMPOTENCY_CONFLICT. */
                "Idempotency-Key": string;
            };
            path: {
                /** @description The resource's id */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description A subscription product of the same family; left out, the current one */
                    productId?: string;
                    quantity?: number;
                    /** @description A longer term than the current one (from the current term's end); not together with a product or quantity change */
                    termMonths?: 1 | 3 | 6 | 12;
                };
            };
        };
        responses: {
            /** @description Already made by an earlier request with this key */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        kind: "upgrade" | "downgrade" | "extension";
                        /** Format: date-time */
                        effectiveAt: string | null;
                        order: {
                            orderNo: string;
                            /** @enum {string} */
                            type: "upgrade" | "downgrade" | "extension";
                            productId: string;
                            quantity: string;
                            termMonths: number | null;
                            gross: components["schemas"]["Money"];
                            discount: components["schemas"]["Money"];
                            net: components["schemas"]["Money"];
                            /** Format: date-time */
                            createdAt: string;
                        };
                        resource: components["schemas"]["Resource"];
                    };
                };
            };
            /** @description Changed (or scheduled) */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        kind: "upgrade" | "downgrade" | "extension";
                        /** Format: date-time */
                        effectiveAt: string | null;
                        order: {
                            orderNo: string;
                            /** @enum {string} */
                            type: "upgrade" | "downgrade" | "extension";
                            productId: string;
                            quantity: string;
                            termMonths: number | null;
                            gross: components["schemas"]["Money"];
                            discount: components["schemas"]["Money"];
                            net: components["schemas"]["Money"];
                            /** Format: date-time */
                            createdAt: string;
                        };
                        resource: components["schemas"]["Resource"];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            /** @description INSUFFICIENT_FUNDS: available funds cannot cover the charge; or ACCOUNT_OVERDUE: an overdue account cannot upgrade or lengthen. Nothing changed. */
            402: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "INSUFFICIENT_FUNDS" | "ACCOUNT_OVERDUE";
                        };
                    };
                };
            };
            404: components["responses"]["NotFound"];
            /** @description CONFLICT: the resource is not a running subscription (or a downgrade is scheduled when lengthening); IDEMPOTENCY_CONFLICT: the key was used for another change. Nothing changed. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "CONFLICT" | "IDEMPOTENCY_CONFLICT";
                        };
                    };
                };
            };
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    cancelSubscriptionChange: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource's id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The resource, nothing scheduled */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        resource: components["schemas"]["Resource"];
                    };
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            /** @description CONFLICT: no downgrade is scheduled. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "CONFLICT";
                        };
                    };
                };
            };
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    setAutoRenew: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource's id */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    autoRenew: boolean;
                };
            };
        };
        responses: {
            /** @description The resource */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        resource: components["schemas"]["Resource"];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            /** @description CONFLICT: the resource is not a running subscription. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "CONFLICT";
                        };
                    };
                };
            };
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    previewRenewal: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource's id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The renewal as it would be made now */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        preview: {
                            /** @enum {integer} */
                            termMonths: 1 | 3 | 6 | 12;
                            gross: components["schemas"]["Money"];
                            discount: components["schemas"]["Money"];
                            /** @description Charged now: one more term at the renewal price */
                            price: components["schemas"]["Money"];
                            /**
                             * Format: date-time
                             * @description The new expiry: one term from the old expiry
                             */
                            expiresAt: string;
                            /**
                             * Format: date-time
                             * @description When the subscription is released unless renewed (72 hours after its stop)
                             */
                            releaseAt: string;
                            available: components["schemas"]["Money"];
                            /** @description Available funds cover the price */
                            affordable: boolean;
                        };
                    };
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            /** @description CONFLICT: the resource is not a subscription stopped at its expiry (it runs, or was renewed already), or its 72 hours are over. Nothing changed. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "CONFLICT";
                        };
                    };
                };
            };
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    renewStopped: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource's id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Renewed and running */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        resource: components["schemas"]["Resource"];
                        orderNo: string;
                        price: components["schemas"]["Money"];
                    };
                };
            };
            401: components["responses"]["Unauthorized"];
            /** @description INSUFFICIENT_FUNDS: available funds cannot cover the renewal; nothing changed. */
            402: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "INSUFFICIENT_FUNDS";
                        };
                    };
                };
            };
            404: components["responses"]["NotFound"];
            /** @description CONFLICT: the resource is not a subscription stopped at its expiry (it runs, or was renewed already), or its 72 hours are over. Nothing changed. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "CONFLICT";
                        };
                    };
                };
            };
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    listUsage: {
        parameters: {
            query?: {
                /** @description Only this resource's */
                resourceId?: string;
                /** @description From this time (inclusive) */
                from?: string;
                /** @description Up to this time (exclusive); after from */
                to?: string;
                /** @description Page size, 1 to 100 (default 50) */
                limit?: components["parameters"]["limit"];
                /** @description The `nextCursor` of the previous page. Opaque: its content may change between versions, so pass it back as it came. It names the position of the page's last row in the list's fixed order, not an offset, so pages are stable under inserts: reading on lists every row once however the pages are cut, and rows written meanwhile after that position appear on later pages. A cursor of another list is 400. */
                cursor?: components["parameters"]["cursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of usage */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["UsageLine"][];
                        /** @description Pass it as `cursor` for the next page; null on the last page */
                        nextCursor: string | null;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    reportUsage: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    eventId: string;
                    /** Format: uuid */
                    resourceId: string;
                    quantity: unknown;
                    /** Format: date-time */
                    occurredAt: string;
                };
            };
        };
        responses: {
            /** @description Already recorded (replayed) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        eventId: string;
                        /** @description true when this eventId was already recorded with the same content */
                        replayed: boolean;
                    };
                };
            };
            /** @description Recorded */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        eventId: string;
                        /** @description true when this eventId was already recorded with the same content */
                        replayed: boolean;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            /** @description IDEMPOTENCY_CONFLICT: the eventId was already used with another resourceId, quantity or occurredAt; CONFLICT: the resource was released. Nothing was recorded. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "IDEMPOTENCY_CONFLICT" | "CONFLICT";
                        };
                    };
                };
            };
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    listCharges: {
        parameters: {
            query?: {
                /** @description Only this resource's */
                resourceId?: string;
                /** @description From this time (inclusive) */
                from?: string;
                /** @description Up to this time (exclusive); after from */
                to?: string;
                /** @description Page size, 1 to 100 (default 50) */
                limit?: components["parameters"]["limit"];
                /** @description The `nextCursor` of the previous page. Opaque: its content may change between versions, so pass it back as it came. It names the position of the page's last row in the list's fixed order, not an offset, so pages are stable under inserts: reading on lists every row once however the pages are cut, and rows written meanwhile after that position appear on later pages. A cursor of another list is 400. */
                cursor?: components["parameters"]["cursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of charges */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["Charge"][];
                        /** @description Pass it as `cursor` for the next page; null on the last page */
                        nextCursor: string | null;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    reportUsageBatch: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Each validated on its own */
                    events: {
                        eventId: string;
                        /** Format: uuid */
                        resourceId: string;
                        quantity: unknown;
                        /** Format: date-time */
                        occurredAt: string;
                    }[];
                };
            };
        };
        responses: {
            /** @description Per event, by index, in the order sent */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        accepted: number;
                        duplicates: number;
                        errors: number;
                        results: ({
                            index: number;
                            eventId: string | null;
                            /** @enum {string} */
                            status: "accepted" | "duplicate";
                        } | {
                            index: number;
                            eventId: string | null;
                            /** @constant */
                            status: "error";
                            error: components["schemas"]["ErrorBody"];
                        })[];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    getBalance: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Available funds = balance + credit limit; frozen funds are already out of the balance. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        available: components["schemas"]["Money"];
                        balance: components["schemas"]["Money"];
                        creditLimit: components["schemas"]["Money"];
                        frozen: components["schemas"]["Money"];
                    };
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    listEvents: {
        parameters: {
            query?: {
                /** @description Page size, 1 to 100 (default 50) */
                limit?: components["parameters"]["limit"];
                /** @description The `nextCursor` of the previous page. Opaque: its content may change between versions, so pass it back as it came. It names the position of the page's last row in the list's fixed order, not an offset, so pages are stable under inserts: reading on lists every row once however the pages are cut, and rows written meanwhile after that position appear on later pages. A cursor of another list is 400. */
                cursor?: components["parameters"]["cursor"];
                /** @description Only these event types (repeat the parameter, or separate them with commas) */
                type?: ("resource.activated" | "resource.stopped" | "resource.resumed" | "resource.released" | "account.overdue" | "account.recovered" | "subscription.renewed" | "subscription.expiring" | "subscription.expired" | "invoice.issued" | "credit_note.issued" | "payment.succeeded" | "payment.failed" | "balance.low" | "budget.threshold_crossed")[];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of events */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["Event"][];
                        /** @description Pass it as `cursor` for the next page; null on the last page */
                        nextCursor: string | null;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    listAccounts: {
        parameters: {
            query?: {
                /** @description Page size, 1 to 100 (default 50) */
                limit?: components["parameters"]["limit"];
                /** @description The `nextCursor` of the previous page. Opaque: its content may change between versions, so pass it back as it came. It names the position of the page's last row in the list's fixed order, not an offset, so pages are stable under inserts: reading on lists every row once however the pages are cut, and rows written meanwhile after that position appear on later pages. A cursor of another list is 400. */
                cursor?: components["parameters"]["cursor"];
                /** @description Only the account with this externalId */
                externalId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of accounts */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["Account"][];
                        /** @description Pass it as `cursor` for the next page; null on the last page */
                        nextCursor: string | null;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            /** @description FORBIDDEN: an account key; only a platform key creates, lists and reads accounts. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "FORBIDDEN";
                        };
                    };
                };
            };
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    createAccount: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required unless externalId is given: a retry with the same key and body creates one account; the same key with another body is 409 IDEMPOTENCY_CONFLICT. Keys are the calling key's own. */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description The customer's name as staff and invoices show it: 1-120 characters after trimming, one line, no control or text-direction characters
                     * @example Initech Ltd
                     */
                    name: string;
                    /**
                     * Format: email
                     * @description The account owner: invited by email to set a password and sign in
                     * @example li.wei@initech.example
                     */
                    ownerEmail: string;
                    /**
                     * @description The language of the owner's invitation
                     * @enum {string}
                     */
                    locale: "en" | "zh-CN";
                    /**
                     * @description Your own id for this customer: unique. A request with a known externalId and the same name, ownerEmail and locale gets that account back (200); other terms are 409 IDEMPOTENCY_CONFLICT.
                     * @example cus_8f2a61
                     */
                    externalId?: string;
                };
            };
        };
        responses: {
            /** @description Already created by an earlier request with this externalId (or key) and the same terms */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        account: components["schemas"]["Account"];
                    };
                };
            };
            /** @description Created; the owner's invitation is on its way */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        account: components["schemas"]["Account"];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            /** @description FORBIDDEN: an account key; only a platform key creates, lists and reads accounts. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "FORBIDDEN";
                        };
                    };
                };
            };
            /** @description IDEMPOTENCY_CONFLICT: the externalId or Idempotency-Key was already used to create an account with other terms; nothing changed. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "IDEMPOTENCY_CONFLICT";
                        };
                    };
                };
            };
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    getAccount: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The account acted on. A platform key may name any account; an account key only its own (another answers 404). */
                accountId: components["parameters"]["accountId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The account */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        account: components["schemas"]["AccountWithFunds"];
                    };
                };
            };
            401: components["responses"]["Unauthorized"];
            /** @description FORBIDDEN: an account key; only a platform key creates, lists and reads accounts. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "FORBIDDEN";
                        };
                    };
                };
            };
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    listResourcesOfAccount: {
        parameters: {
            query?: {
                /** @description Page size, 1 to 100 (default 50) */
                limit?: components["parameters"]["limit"];
                /** @description The `nextCursor` of the previous page. Opaque: its content may change between versions, so pass it back as it came. It names the position of the page's last row in the list's fixed order, not an offset, so pages are stable under inserts: reading on lists every row once however the pages are cut, and rows written meanwhile after that position appear on later pages. A cursor of another list is 400. */
                cursor?: components["parameters"]["cursor"];
                /** @description Only resources in these statuses (repeat the parameter, or separate them with commas) */
                status?: ("pending" | "running" | "stopped" | "released" | "expired")[];
            };
            header?: never;
            path: {
                /** @description The account acted on. A platform key may name any account; an account key only its own (another answers 404). */
                accountId: components["parameters"]["accountId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of resources */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["Resource"][];
                        /** @description Pass it as `cursor` for the next page; null on the last page */
                        nextCursor: string | null;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    activateResourceOfAccount: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required unless externalId is given: a retry with the same key and body activates once; the same key with another body is 409 IDEMPOTENCY_CONFLICT. Keys are the calling key's own: two accounts may use the same one. */
                "Idempotency-Key"?: string;
            };
            path: {
                /** @description The account acted on. A platform key may name any account; an account key only its own (another answers 404). */
                accountId: components["parameters"]["accountId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    productId: string;
                    quantity: number;
                    name?: string;
                    /** @description Your id for the resource; unique per account. A request with a known externalId and the same terms gets that resource back (whatever its Idempotency-Key); other terms are 409 IDEMPOTENCY_CONFLICT. */
                    externalId?: string;
                    promotionCode?: string;
                    /**
                     * @description Cost allocation tags, key → value: at most 20; a key 1-64 characters with no spaces at its ends, a value up to 128 (may be empty); no control characters. Keys are case-sensitive. Each charge records the tags the resource had when it was charged.
                     * @example {
                     *       "team": "ml",
                     *       "env": "prod"
                     *     }
                     */
                    tags?: {
                        [key: string]: string;
                    };
                };
            };
        };
        responses: {
            /** @description Already activated by an earlier request with this key (or externalId) and the same terms */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        resource: components["schemas"]["Resource"];
                    };
                };
            };
            /** @description Activated */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        resource: components["schemas"]["Resource"];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            /** @description INSUFFICIENT_FUNDS: available funds cannot cover the hold; nothing changed. */
            402: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "INSUFFICIENT_FUNDS";
                        };
                    };
                };
            };
            404: components["responses"]["NotFound"];
            /** @description IDEMPOTENCY_CONFLICT: the Idempotency-Key or externalId was already used for a request with other terms; nothing changed. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "IDEMPOTENCY_CONFLICT";
                        };
                    };
                };
            };
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    getResourceOfAccount: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The account acted on. A platform key may name any account; an account key only its own (another answers 404). */
                accountId: components["parameters"]["accountId"];
                /** @description The resource's id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The resource */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        resource: components["schemas"]["Resource"];
                    };
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    releaseResourceOfAccount: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The account acted on. A platform key may name any account; an account key only its own (another answers 404). */
                accountId: components["parameters"]["accountId"];
                /** @description The resource's id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Released */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        resource: components["schemas"]["Resource"];
                    };
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    setResourceTagsOfAccount: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The account acted on. A platform key may name any account; an account key only its own (another answers 404). */
                accountId: components["parameters"]["accountId"];
                /** @description The resource's id */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description Cost allocation tags, key → value: at most 20; a key 1-64 characters with no spaces at its ends, a value up to 128 (may be empty); no control characters. Keys are case-sensitive. Each charge records the tags the resource had when it was charged.
                     * @example {
                     *       "team": "ml",
                     *       "env": "prod"
                     *     }
                     */
                    tags: {
                        [key: string]: string;
                    };
                };
            };
        };
        responses: {
            /** @description The resource with its new tags */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        resource: components["schemas"]["Resource"];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            /** @description CONFLICT: the resource was released or has expired; nothing changed. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "CONFLICT";
                        };
                    };
                };
            };
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    previewSubscriptionChangeOfAccount: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The account acted on. A platform key may name any account; an account key only its own (another answers 404). */
                accountId: components["parameters"]["accountId"];
                /** @description The resource's id */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description A subscription product of the same family; left out, the current one */
                    productId?: string;
                    quantity?: number;
                    /** @description A longer term than the current one (from the current term's end); not together with a product or quantity change */
                    termMonths?: 1 | 3 | 6 | 12;
                };
            };
        };
        responses: {
            /** @description The change as it would be made now */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        preview: {
                            /** @enum {string} */
                            kind: "upgrade" | "downgrade" | "extension";
                            /**
                             * Format: date-time
                             * @description Now for an upgrade; the current term's end for a downgrade or a longer term
                             */
                            effectiveAt: string;
                            gross: components["schemas"]["Money"];
                            discount: components["schemas"]["Money"];
                            /** @description Charged now from cash (0 for a downgrade) */
                            net: components["schemas"]["Money"];
                            productId: string;
                            quantity: string;
                            unitPrice: components["schemas"]["Money"];
                            /** @enum {integer} */
                            termMonths: 1 | 3 | 6 | 12;
                            /**
                             * Format: date-time
                             * @description The expiry after the change
                             */
                            expiresAt: string;
                        };
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            /** @description INSUFFICIENT_FUNDS: available funds cannot cover the charge; or ACCOUNT_OVERDUE: an overdue account cannot upgrade or lengthen. Nothing changed. */
            402: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "INSUFFICIENT_FUNDS" | "ACCOUNT_OVERDUE";
                        };
                    };
                };
            };
            404: components["responses"]["NotFound"];
            /** @description CONFLICT: the resource is not a running subscription (or a downgrade is scheduled when lengthening); IDEMPOTENCY_CONFLICT: the key was used for another change. Nothing changed. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "CONFLICT" | "IDEMPOTENCY_CONFLICT";
                        };
                    };
                };
            };
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    changeSubscriptionOfAccount: {
        parameters: {
            query?: never;
            header: {
                /** @description A retry with the same key answers 200 with the first change, charged once, also when both arrive at once; the same key with another change is 409 IDEMPOTENCY_CONFLICT. */
                "Idempotency-Key": string;
            };
            path: {
                /** @description The account acted on. A platform key may name any account; an account key only its own (another answers 404). */
                accountId: components["parameters"]["accountId"];
                /** @description The resource's id */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description A subscription product of the same family; left out, the current one */
                    productId?: string;
                    quantity?: number;
                    /** @description A longer term than the current one (from the current term's end); not together with a product or quantity change */
                    termMonths?: 1 | 3 | 6 | 12;
                };
            };
        };
        responses: {
            /** @description Already made by an earlier request with this key */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        kind: "upgrade" | "downgrade" | "extension";
                        /** Format: date-time */
                        effectiveAt: string | null;
                        order: {
                            orderNo: string;
                            /** @enum {string} */
                            type: "upgrade" | "downgrade" | "extension";
                            productId: string;
                            quantity: string;
                            termMonths: number | null;
                            gross: components["schemas"]["Money"];
                            discount: components["schemas"]["Money"];
                            net: components["schemas"]["Money"];
                            /** Format: date-time */
                            createdAt: string;
                        };
                        resource: components["schemas"]["Resource"];
                    };
                };
            };
            /** @description Changed (or scheduled) */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        kind: "upgrade" | "downgrade" | "extension";
                        /** Format: date-time */
                        effectiveAt: string | null;
                        order: {
                            orderNo: string;
                            /** @enum {string} */
                            type: "upgrade" | "downgrade" | "extension";
                            productId: string;
                            quantity: string;
                            termMonths: number | null;
                            gross: components["schemas"]["Money"];
                            discount: components["schemas"]["Money"];
                            net: components["schemas"]["Money"];
                            /** Format: date-time */
                            createdAt: string;
                        };
                        resource: components["schemas"]["Resource"];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            /** @description INSUFFICIENT_FUNDS: available funds cannot cover the charge; or ACCOUNT_OVERDUE: an overdue account cannot upgrade or lengthen. Nothing changed. */
            402: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "INSUFFICIENT_FUNDS" | "ACCOUNT_OVERDUE";
                        };
                    };
                };
            };
            404: components["responses"]["NotFound"];
            /** @description CONFLICT: the resource is not a running subscription (or a downgrade is scheduled when lengthening); IDEMPOTENCY_CONFLICT: the key was used for another change. Nothing changed. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "CONFLICT" | "IDEMPOTENCY_CONFLICT";
                        };
                    };
                };
            };
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    cancelSubscriptionChangeOfAccount: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The account acted on. A platform key may name any account; an account key only its own (another answers 404). */
                accountId: components["parameters"]["accountId"];
                /** @description The resource's id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The resource, nothing scheduled */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        resource: components["schemas"]["Resource"];
                    };
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            /** @description CONFLICT: no downgrade is scheduled. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "CONFLICT";
                        };
                    };
                };
            };
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    setAutoRenewOfAccount: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The account acted on. A platform key may name any account; an account key only its own (another answers 404). */
                accountId: components["parameters"]["accountId"];
                /** @description The resource's id */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    autoRenew: boolean;
                };
            };
        };
        responses: {
            /** @description The resource */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        resource: components["schemas"]["Resource"];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            /** @description CONFLICT: the resource is not a running subscription. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "CONFLICT";
                        };
                    };
                };
            };
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    previewRenewalOfAccount: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The account acted on. A platform key may name any account; an account key only its own (another answers 404). */
                accountId: components["parameters"]["accountId"];
                /** @description The resource's id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The renewal as it would be made now */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        preview: {
                            /** @enum {integer} */
                            termMonths: 1 | 3 | 6 | 12;
                            gross: components["schemas"]["Money"];
                            discount: components["schemas"]["Money"];
                            /** @description Charged now: one more term at the renewal price */
                            price: components["schemas"]["Money"];
                            /**
                             * Format: date-time
                             * @description The new expiry: one term from the old expiry
                             */
                            expiresAt: string;
                            /**
                             * Format: date-time
                             * @description When the subscription is released unless renewed (72 hours after its stop)
                             */
                            releaseAt: string;
                            available: components["schemas"]["Money"];
                            /** @description Available funds cover the price */
                            affordable: boolean;
                        };
                    };
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            /** @description CONFLICT: the resource is not a subscription stopped at its expiry (it runs, or was renewed already), or its 72 hours are over. Nothing changed. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "CONFLICT";
                        };
                    };
                };
            };
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    renewStoppedOfAccount: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The account acted on. A platform key may name any account; an account key only its own (another answers 404). */
                accountId: components["parameters"]["accountId"];
                /** @description The resource's id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Renewed and running */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        resource: components["schemas"]["Resource"];
                        orderNo: string;
                        price: components["schemas"]["Money"];
                    };
                };
            };
            401: components["responses"]["Unauthorized"];
            /** @description INSUFFICIENT_FUNDS: available funds cannot cover the renewal; nothing changed. */
            402: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "INSUFFICIENT_FUNDS";
                        };
                    };
                };
            };
            404: components["responses"]["NotFound"];
            /** @description CONFLICT: the resource is not a subscription stopped at its expiry (it runs, or was renewed already), or its 72 hours are over. Nothing changed. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "CONFLICT";
                        };
                    };
                };
            };
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    listUsageOfAccount: {
        parameters: {
            query?: {
                /** @description Only this resource's */
                resourceId?: string;
                /** @description From this time (inclusive) */
                from?: string;
                /** @description Up to this time (exclusive); after from */
                to?: string;
                /** @description Page size, 1 to 100 (default 50) */
                limit?: components["parameters"]["limit"];
                /** @description The `nextCursor` of the previous page. Opaque: its content may change between versions, so pass it back as it came. It names the position of the page's last row in the list's fixed order, not an offset, so pages are stable under inserts: reading on lists every row once however the pages are cut, and rows written meanwhile after that position appear on later pages. A cursor of another list is 400. */
                cursor?: components["parameters"]["cursor"];
            };
            header?: never;
            path: {
                /** @description The account acted on. A platform key may name any account; an account key only its own (another answers 404). */
                accountId: components["parameters"]["accountId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of usage */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["UsageLine"][];
                        /** @description Pass it as `cursor` for the next page; null on the last page */
                        nextCursor: string | null;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    reportUsageOfAccount: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The account acted on. A platform key may name any account; an account key only its own (another answers 404). */
                accountId: components["parameters"]["accountId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    eventId: string;
                    /** Format: uuid */
                    resourceId: string;
                    quantity: unknown;
                    /** Format: date-time */
                    occurredAt: string;
                };
            };
        };
        responses: {
            /** @description Already recorded (replayed) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        eventId: string;
                        /** @description true when this eventId was already recorded with the same content */
                        replayed: boolean;
                    };
                };
            };
            /** @description Recorded */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        eventId: string;
                        /** @description true when this eventId was already recorded with the same content */
                        replayed: boolean;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            /** @description IDEMPOTENCY_CONFLICT: the eventId was already used with another resourceId, quantity or occurredAt; CONFLICT: the resource was released. Nothing was recorded. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"] & {
                        error?: {
                            /** @enum {unknown} */
                            code?: "IDEMPOTENCY_CONFLICT" | "CONFLICT";
                        };
                    };
                };
            };
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    listChargesOfAccount: {
        parameters: {
            query?: {
                /** @description Only this resource's */
                resourceId?: string;
                /** @description From this time (inclusive) */
                from?: string;
                /** @description Up to this time (exclusive); after from */
                to?: string;
                /** @description Page size, 1 to 100 (default 50) */
                limit?: components["parameters"]["limit"];
                /** @description The `nextCursor` of the previous page. Opaque: its content may change between versions, so pass it back as it came. It names the position of the page's last row in the list's fixed order, not an offset, so pages are stable under inserts: reading on lists every row once however the pages are cut, and rows written meanwhile after that position appear on later pages. A cursor of another list is 400. */
                cursor?: components["parameters"]["cursor"];
            };
            header?: never;
            path: {
                /** @description The account acted on. A platform key may name any account; an account key only its own (another answers 404). */
                accountId: components["parameters"]["accountId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of charges */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["Charge"][];
                        /** @description Pass it as `cursor` for the next page; null on the last page */
                        nextCursor: string | null;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    getBalanceOfAccount: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The account acted on. A platform key may name any account; an account key only its own (another answers 404). */
                accountId: components["parameters"]["accountId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Available funds = balance + credit limit; frozen funds are already out of the balance. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        available: components["schemas"]["Money"];
                        balance: components["schemas"]["Money"];
                        creditLimit: components["schemas"]["Money"];
                        frozen: components["schemas"]["Money"];
                    };
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    listEventsOfAccount: {
        parameters: {
            query?: {
                /** @description Page size, 1 to 100 (default 50) */
                limit?: components["parameters"]["limit"];
                /** @description The `nextCursor` of the previous page. Opaque: its content may change between versions, so pass it back as it came. It names the position of the page's last row in the list's fixed order, not an offset, so pages are stable under inserts: reading on lists every row once however the pages are cut, and rows written meanwhile after that position appear on later pages. A cursor of another list is 400. */
                cursor?: components["parameters"]["cursor"];
                /** @description Only these event types (repeat the parameter, or separate them with commas) */
                type?: ("resource.activated" | "resource.stopped" | "resource.resumed" | "resource.released" | "account.overdue" | "account.recovered" | "subscription.renewed" | "subscription.expiring" | "subscription.expired" | "invoice.issued" | "credit_note.issued" | "payment.succeeded" | "payment.failed" | "balance.low" | "budget.threshold_crossed")[];
            };
            header?: never;
            path: {
                /** @description The account acted on. A platform key may name any account; an account key only its own (another answers 404). */
                accountId: components["parameters"]["accountId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of events */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["Event"][];
                        /** @description Pass it as `cursor` for the next page; null on the last page */
                        nextCursor: string | null;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    getOpenApiDocument: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The OpenAPI 3.1 document */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @constant */
                        openapi: "3.1.0";
                    };
                };
            };
        };
    };
    onResourceActivatedEvent: {
        parameters: {
            query?: never;
            header: {
                /** @description `t=<unix seconds>,v1=<hex>`: v1 is the HMAC-SHA256, keyed with the endpoint's signing secret, of `<t>.<raw body>`. During a secret rotation's overlap a second v1 (the previous secret's) follows. Recompute it over the body exactly as received, compare in constant time, and refuse a t older than 5 minutes. */
                "Billing-Signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ResourceActivatedEvent"];
            };
        };
        responses: {
            /** @description Delivered. Anything else, a timeout (10 s) or a refused connection is retried after 1 min, 2, 4 … at most 1 h apart, for 3 days; the account's later events wait meanwhile. */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onResourceStoppedEvent: {
        parameters: {
            query?: never;
            header: {
                /** @description `t=<unix seconds>,v1=<hex>`: v1 is the HMAC-SHA256, keyed with the endpoint's signing secret, of `<t>.<raw body>`. During a secret rotation's overlap a second v1 (the previous secret's) follows. Recompute it over the body exactly as received, compare in constant time, and refuse a t older than 5 minutes. */
                "Billing-Signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ResourceStoppedEvent"];
            };
        };
        responses: {
            /** @description Delivered. Anything else, a timeout (10 s) or a refused connection is retried after 1 min, 2, 4 … at most 1 h apart, for 3 days; the account's later events wait meanwhile. */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onResourceResumedEvent: {
        parameters: {
            query?: never;
            header: {
                /** @description `t=<unix seconds>,v1=<hex>`: v1 is the HMAC-SHA256, keyed with the endpoint's signing secret, of `<t>.<raw body>`. During a secret rotation's overlap a second v1 (the previous secret's) follows. Recompute it over the body exactly as received, compare in constant time, and refuse a t older than 5 minutes. */
                "Billing-Signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ResourceResumedEvent"];
            };
        };
        responses: {
            /** @description Delivered. Anything else, a timeout (10 s) or a refused connection is retried after 1 min, 2, 4 … at most 1 h apart, for 3 days; the account's later events wait meanwhile. */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onResourceReleasedEvent: {
        parameters: {
            query?: never;
            header: {
                /** @description `t=<unix seconds>,v1=<hex>`: v1 is the HMAC-SHA256, keyed with the endpoint's signing secret, of `<t>.<raw body>`. During a secret rotation's overlap a second v1 (the previous secret's) follows. Recompute it over the body exactly as received, compare in constant time, and refuse a t older than 5 minutes. */
                "Billing-Signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ResourceReleasedEvent"];
            };
        };
        responses: {
            /** @description Delivered. Anything else, a timeout (10 s) or a refused connection is retried after 1 min, 2, 4 … at most 1 h apart, for 3 days; the account's later events wait meanwhile. */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onAccountOverdueEvent: {
        parameters: {
            query?: never;
            header: {
                /** @description `t=<unix seconds>,v1=<hex>`: v1 is the HMAC-SHA256, keyed with the endpoint's signing secret, of `<t>.<raw body>`. During a secret rotation's overlap a second v1 (the previous secret's) follows. Recompute it over the body exactly as received, compare in constant time, and refuse a t older than 5 minutes. */
                "Billing-Signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AccountOverdueEvent"];
            };
        };
        responses: {
            /** @description Delivered. Anything else, a timeout (10 s) or a refused connection is retried after 1 min, 2, 4 … at most 1 h apart, for 3 days; the account's later events wait meanwhile. */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onAccountRecoveredEvent: {
        parameters: {
            query?: never;
            header: {
                /** @description `t=<unix seconds>,v1=<hex>`: v1 is the HMAC-SHA256, keyed with the endpoint's signing secret, of `<t>.<raw body>`. During a secret rotation's overlap a second v1 (the previous secret's) follows. Recompute it over the body exactly as received, compare in constant time, and refuse a t older than 5 minutes. */
                "Billing-Signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AccountRecoveredEvent"];
            };
        };
        responses: {
            /** @description Delivered. Anything else, a timeout (10 s) or a refused connection is retried after 1 min, 2, 4 … at most 1 h apart, for 3 days; the account's later events wait meanwhile. */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onSubscriptionRenewedEvent: {
        parameters: {
            query?: never;
            header: {
                /** @description `t=<unix seconds>,v1=<hex>`: v1 is the HMAC-SHA256, keyed with the endpoint's signing secret, of `<t>.<raw body>`. During a secret rotation's overlap a second v1 (the previous secret's) follows. Recompute it over the body exactly as received, compare in constant time, and refuse a t older than 5 minutes. */
                "Billing-Signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SubscriptionRenewedEvent"];
            };
        };
        responses: {
            /** @description Delivered. Anything else, a timeout (10 s) or a refused connection is retried after 1 min, 2, 4 … at most 1 h apart, for 3 days; the account's later events wait meanwhile. */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onSubscriptionExpiringEvent: {
        parameters: {
            query?: never;
            header: {
                /** @description `t=<unix seconds>,v1=<hex>`: v1 is the HMAC-SHA256, keyed with the endpoint's signing secret, of `<t>.<raw body>`. During a secret rotation's overlap a second v1 (the previous secret's) follows. Recompute it over the body exactly as received, compare in constant time, and refuse a t older than 5 minutes. */
                "Billing-Signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SubscriptionExpiringEvent"];
            };
        };
        responses: {
            /** @description Delivered. Anything else, a timeout (10 s) or a refused connection is retried after 1 min, 2, 4 … at most 1 h apart, for 3 days; the account's later events wait meanwhile. */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onSubscriptionExpiredEvent: {
        parameters: {
            query?: never;
            header: {
                /** @description `t=<unix seconds>,v1=<hex>`: v1 is the HMAC-SHA256, keyed with the endpoint's signing secret, of `<t>.<raw body>`. During a secret rotation's overlap a second v1 (the previous secret's) follows. Recompute it over the body exactly as received, compare in constant time, and refuse a t older than 5 minutes. */
                "Billing-Signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SubscriptionExpiredEvent"];
            };
        };
        responses: {
            /** @description Delivered. Anything else, a timeout (10 s) or a refused connection is retried after 1 min, 2, 4 … at most 1 h apart, for 3 days; the account's later events wait meanwhile. */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onInvoiceIssuedEvent: {
        parameters: {
            query?: never;
            header: {
                /** @description `t=<unix seconds>,v1=<hex>`: v1 is the HMAC-SHA256, keyed with the endpoint's signing secret, of `<t>.<raw body>`. During a secret rotation's overlap a second v1 (the previous secret's) follows. Recompute it over the body exactly as received, compare in constant time, and refuse a t older than 5 minutes. */
                "Billing-Signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["InvoiceIssuedEvent"];
            };
        };
        responses: {
            /** @description Delivered. Anything else, a timeout (10 s) or a refused connection is retried after 1 min, 2, 4 … at most 1 h apart, for 3 days; the account's later events wait meanwhile. */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onCreditNoteIssuedEvent: {
        parameters: {
            query?: never;
            header: {
                /** @description `t=<unix seconds>,v1=<hex>`: v1 is the HMAC-SHA256, keyed with the endpoint's signing secret, of `<t>.<raw body>`. During a secret rotation's overlap a second v1 (the previous secret's) follows. Recompute it over the body exactly as received, compare in constant time, and refuse a t older than 5 minutes. */
                "Billing-Signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreditNoteIssuedEvent"];
            };
        };
        responses: {
            /** @description Delivered. Anything else, a timeout (10 s) or a refused connection is retried after 1 min, 2, 4 … at most 1 h apart, for 3 days; the account's later events wait meanwhile. */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onPaymentSucceededEvent: {
        parameters: {
            query?: never;
            header: {
                /** @description `t=<unix seconds>,v1=<hex>`: v1 is the HMAC-SHA256, keyed with the endpoint's signing secret, of `<t>.<raw body>`. During a secret rotation's overlap a second v1 (the previous secret's) follows. Recompute it over the body exactly as received, compare in constant time, and refuse a t older than 5 minutes. */
                "Billing-Signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PaymentSucceededEvent"];
            };
        };
        responses: {
            /** @description Delivered. Anything else, a timeout (10 s) or a refused connection is retried after 1 min, 2, 4 … at most 1 h apart, for 3 days; the account's later events wait meanwhile. */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onPaymentFailedEvent: {
        parameters: {
            query?: never;
            header: {
                /** @description `t=<unix seconds>,v1=<hex>`: v1 is the HMAC-SHA256, keyed with the endpoint's signing secret, of `<t>.<raw body>`. During a secret rotation's overlap a second v1 (the previous secret's) follows. Recompute it over the body exactly as received, compare in constant time, and refuse a t older than 5 minutes. */
                "Billing-Signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PaymentFailedEvent"];
            };
        };
        responses: {
            /** @description Delivered. Anything else, a timeout (10 s) or a refused connection is retried after 1 min, 2, 4 … at most 1 h apart, for 3 days; the account's later events wait meanwhile. */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onBalanceLowEvent: {
        parameters: {
            query?: never;
            header: {
                /** @description `t=<unix seconds>,v1=<hex>`: v1 is the HMAC-SHA256, keyed with the endpoint's signing secret, of `<t>.<raw body>`. During a secret rotation's overlap a second v1 (the previous secret's) follows. Recompute it over the body exactly as received, compare in constant time, and refuse a t older than 5 minutes. */
                "Billing-Signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["BalanceLowEvent"];
            };
        };
        responses: {
            /** @description Delivered. Anything else, a timeout (10 s) or a refused connection is retried after 1 min, 2, 4 … at most 1 h apart, for 3 days; the account's later events wait meanwhile. */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onBudgetThresholdCrossedEvent: {
        parameters: {
            query?: never;
            header: {
                /** @description `t=<unix seconds>,v1=<hex>`: v1 is the HMAC-SHA256, keyed with the endpoint's signing secret, of `<t>.<raw body>`. During a secret rotation's overlap a second v1 (the previous secret's) follows. Recompute it over the body exactly as received, compare in constant time, and refuse a t older than 5 minutes. */
                "Billing-Signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["BudgetThresholdCrossedEvent"];
            };
        };
        responses: {
            /** @description Delivered. Anything else, a timeout (10 s) or a refused connection is retried after 1 min, 2, 4 … at most 1 h apart, for 3 days; the account's later events wait meanwhile. */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
}
