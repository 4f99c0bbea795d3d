import { Image, type Styles, Text, View } from "@react-pdf/renderer";
import type { SellerView } from "@/lib/seller-view";

/** The seller's block, the same on invoices, credit notes and contracts: logo, name, address, tax ID, bank, email. */
export function SellerBlock({ seller, heading, headingStyle, nameSize = 12, maxWidth }: { seller: SellerView; heading?: string; headingStyle?: Styles[string]; nameSize?: number; maxWidth?: number }) {
  return (
    <View style={maxWidth ? { maxWidth } : {}}>
      {heading ? <Text style={headingStyle}>{heading}</Text> : null}
      <View style={{ flexDirection: "row", gap: 8 }}>
        {/* eslint-disable-next-line jsx-a11y/alt-text -- react-pdf's Image is a PDF image, which takes no alt text */}
        {seller.logo ? <Image src={seller.logo} style={{ width: 32, height: 32 }} /> : null}
        <View style={{ flexShrink: 1 }}>
          <Text style={{ fontSize: nameSize, color: "#1d4ed8", marginBottom: 2 }}>{seller.name}</Text>
          {seller.lines.map((l, i) => (
            <Text key={i} style={{ color: "#4b5563" }}>
              {l}
            </Text>
          ))}
        </View>
      </View>
    </View>
  );
}
