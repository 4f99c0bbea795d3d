import { Image, Text, View } from "@react-pdf/renderer";
import type { SellerView } from "@/lib/seller-view";

/** The seller's block, the same on invoices, credit notes and contracts: logo, name, address, tax ID, bank, email. */
export function SellerBlock({ seller, heading, nameSize = 12, maxWidth }: { seller: SellerView; heading?: string; nameSize?: number; maxWidth?: number }) {
  return (
    <View style={{ flexDirection: "row", gap: 8, ...(maxWidth ? { maxWidth } : {}) }}>
      {/* eslint-disable-next-line jsx-a11y/alt-text -- react-pdf's Image is a PDF image, which takes no alt text */}
      {seller.logo ? <Image src={seller.logo} style={{ width: 32, height: 32 }} /> : null}
      <View style={{ flexShrink: 1 }}>
        {heading ? <Text style={{ fontSize: 11, marginBottom: 4, color: "#1f2937" }}>{heading}</Text> : null}
        <Text style={{ fontSize: nameSize, color: "#1d4ed8", marginBottom: 2 }}>{seller.name}</Text>
        {seller.lines.map((l, i) => (
          <Text key={i} style={{ color: "#4b5563" }}>
            {l}
          </Text>
        ))}
      </View>
    </View>
  );
}
