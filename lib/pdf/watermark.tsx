import { Text } from "@react-pdf/renderer";

/**
 * A large faint word across every page (DRAFT, COPY): the mark that tells a rendered copy
 * from a stored original. `top` puts it mid-page (portrait and landscape pages differ).
 */
export function Watermark({ text, top }: { text: string; top: number }) {
  return (
    <Text style={{ position: "absolute", top, left: 0, right: 0, textAlign: "center", fontSize: 110, color: "#dc2626", opacity: 0.12, transform: "rotate(-35deg)" }} fixed>
      {text}
    </Text>
  );
}
