import { Children, type HTMLAttributes, type ReactNode, type TdHTMLAttributes, type ThHTMLAttributes } from "react";
import { ScrollBox } from "./scroll-box";

/** A column of a Table: its header, and whether its cells are numbers (right-aligned, tabular figures). */
export type Column = { label: ReactNode; numeric?: boolean; key?: string };

const FRAMES = {
  /** A table of its own on a page: a white panel with a ring. */
  card: "overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-gray-200",
  /** A table inside a Card, which already frames it. */
  bare: "overflow-x-auto",
} as const;

/**
 * While the table is wider than its box (a phone), its first column (what names each row)
 * stays in view as the rest scrolls under it.
 */
export const KEEP_FIRST_COLUMN = [
  "group-data-[overflow]/scroll:[&_tr>:first-child]:sticky",
  "group-data-[overflow]/scroll:[&_tr>:first-child]:left-0",
  "group-data-[overflow]/scroll:[&_tr>:first-child]:z-[1]",
  "group-data-[overflow]/scroll:[&_tr>:first-child]:bg-white",
  // A row with a background of its own (a credit note under its invoice, a selected row) keeps it.
  "group-data-[overflow]/scroll:[&_tr[class^=bg-]>:first-child]:bg-inherit",
  "group-data-[overflow]/scroll:[&_tr>:first-child]:shadow-[inset_-1px_0_0_var(--color-gray-200)]",
].join(" ");
/**
 * On a phone a table that does not fit takes its natural width (up to 56rem) and scrolls,
 * rather than squeezing every column to its narrowest and each row to many lines.
 */
const ONE_LINE_ON_PHONES = "max-sm:w-max max-sm:max-w-4xl";
export const KEEP_FIRST_HEADER = { card: "group-data-[overflow]/scroll:[&_thead_tr>:first-child]:bg-gray-50", bare: "" } as const;

const PAD = "px-4 py-3 group-data-[density=compact]/table:px-3 group-data-[density=compact]/table:py-2";
const TONES = { default: "text-gray-800", muted: "text-gray-600", strong: "font-medium text-gray-900", none: "" } as const;

function cx(...parts: (string | false | undefined)[]) {
  return parts.filter(Boolean).join(" ");
}

/**
 * Every list in the app: a header row from `columns` (numeric columns right-aligned), the
 * rows as children (Td and RowHeader cells), and `empty` shown in one row when there are
 * none. `caption` is for screen readers unless `captionVisible`.
 */
export function Table({
  columns,
  caption,
  captionVisible = false,
  testId,
  frame = "card",
  density = "normal",
  empty,
  bodies = false,
  small = false,
  className = "",
  children,
}: {
  columns: (Column | false | null | undefined)[];
  caption?: ReactNode;
  captionVisible?: boolean;
  testId?: string;
  frame?: keyof typeof FRAMES;
  density?: "normal" | "compact";
  /** Shown in a single row when there are no rows. */
  empty?: ReactNode;
  /** The children are TBody groups (several rows per item) rather than rows. */
  bodies?: boolean;
  /** Extra-small text, for wide documents (an invoice's lines). */
  small?: boolean;
  className?: string;
  children?: ReactNode;
}) {
  const cols = columns.filter((c): c is Column => !!c);
  const rows = Children.toArray(children);
  const emptyRow = rows.length === 0 && empty !== undefined && (
    <tr>
      <td colSpan={cols.length} className={cx(PAD, "text-center text-gray-600")}>
        {empty}
      </td>
    </tr>
  );
  return (
    <ScrollBox className={FRAMES[frame]}>
      <table
        className={cx("group/table min-w-full divide-y divide-gray-200 text-left", ONE_LINE_ON_PHONES, KEEP_FIRST_COLUMN, KEEP_FIRST_HEADER[frame], small ? "text-xs" : "text-sm", className)}
        data-density={density}
        data-testid={testId}
      >
        {caption && <caption className={captionVisible ? "px-4 py-2.5 text-left text-sm font-medium text-gray-900" : "sr-only"}>{caption}</caption>}
        <thead className={frame === "card" ? "bg-gray-50" : undefined}>
          <tr>
            {cols.map((c, i) => (
              <th key={c.key ?? i} scope="col" className={cx(PAD, "py-2.5 group-data-[density=compact]/table:py-2 text-xs font-semibold uppercase tracking-wide text-gray-600", c.numeric ? "whitespace-nowrap text-right" : "text-left")}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        {bodies ? (emptyRow ? <tbody>{emptyRow}</tbody> : children) : <TBody>{emptyRow || children}</TBody>}
      </table>
    </ScrollBox>
  );
}

export function TBody(props: HTMLAttributes<HTMLTableSectionElement>) {
  return <tbody className="divide-y divide-gray-100" {...props} />;
}

type CellProps = {
  /** Right-aligned tabular figures, on one line. */
  numeric?: boolean;
  nowrap?: boolean;
  mono?: boolean;
  tone?: keyof typeof TONES;
  /** Leave the padding to className (a cell spanning the row under another). */
  flush?: boolean;
};

function cellClass({ numeric, nowrap, mono, tone = "default", flush }: CellProps, className = "") {
  return cx(!flush && PAD, (numeric || nowrap) && "whitespace-nowrap", numeric && "text-right tabular-nums", mono && "font-mono text-xs", TONES[tone], className);
}

export function Td({ numeric, nowrap, mono, tone, flush, className, ...props }: TdHTMLAttributes<HTMLTableCellElement> & CellProps) {
  return <td className={cellClass({ numeric, nowrap, mono, tone, flush }, className)} {...props} />;
}

/** The cell that names its row (a number, a name): a header for screen readers. */
export function RowHeader({ numeric, nowrap, mono, tone = "strong", flush, className, ...props }: ThHTMLAttributes<HTMLTableCellElement> & CellProps) {
  return <th scope="row" className={cellClass({ numeric, nowrap, mono, tone, flush }, cx("text-left", className))} {...props} />;
}
