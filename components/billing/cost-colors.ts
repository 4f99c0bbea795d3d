/** The cost explorer's series colours, in order: ten named groups, then Other; the forecast is a lighter grey. */
export const COST_COLORS = ["blue", "emerald", "amber", "violet", "rose", "cyan", "indigo", "lime", "fuchsia", "orange"] as const;
export const OTHER_COLOR = "gray";
export const FORECAST_COLOR = "gray-300";

/** The legend's and the hover's swatch of each colour (Tremor draws the bars with fill-<colour>-500). */
export const SWATCH: Record<string, string> = {
  blue: "bg-blue-500", emerald: "bg-emerald-500", amber: "bg-amber-500", violet: "bg-violet-500", rose: "bg-rose-500", cyan: "bg-cyan-500",
  indigo: "bg-indigo-500", lime: "bg-lime-500", fuchsia: "bg-fuchsia-500", orange: "bg-orange-500", gray: "bg-gray-500", "gray-300": "bg-gray-300",
};
