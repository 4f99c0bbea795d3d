import { requireAccountPage } from "@/lib/auth/guards";

/**
 * The smallest signed-in page: the account layout and the overview's own guard (session,
 * membership, billing.read), then the account's name and nothing else. `npm run
 * bench:overview` measures it beside the overview, so their ratio is the overview's own work.
 */
export default async function PingPage({ params }: { params: Promise<{ accountId: string }> }) {
  const { account } = await requireAccountPage((await params).accountId, "billing.read");
  return (
    <h1 className="text-lg font-semibold text-gray-900" data-testid="ping">
      {account.name}
    </h1>
  );
}
