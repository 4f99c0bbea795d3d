import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Field, Select, TextAreaField } from "./field";

/** The control's aria-describedby, and the text of each element it names. */
function describedBy(html: string, tag: "input" | "select" | "textarea") {
  const control = new RegExp(`<${tag}[^>]*aria-describedby="([^"]+)"`).exec(html);
  if (!control) return null;
  return control[1]!.split(" ").map((id) => new RegExp(`<p id="${id}"[^>]*>([^<]*)</p>`).exec(html)?.[1] ?? `(no element ${id})`);
}

describe("the labelled-field frame", () => {
  it("a select with an error is described by its error, as a text field and a text area are, so a screen reader reads it", () => {
    const select = renderToStaticMarkup(
      <Select label="Country" name="country" hint="Where the invoices go." error="Choose a country.">
        <option value="">—</option>
      </Select>,
    );
    expect(describedBy(select, "select")).toEqual(["Choose a country."]);
    expect(select).toContain('aria-invalid="true"');
    expect(describedBy(renderToStaticMarkup(<Field label="Name" name="name" hint="As on the card." error="Enter a name." />), "input")).toEqual(["Enter a name."]);
    expect(describedBy(renderToStaticMarkup(<TextAreaField label="Reason" name="reason" id="r" hint="Kept in the audit log." error="Say why." />), "textarea")).toEqual(["Say why."]);
  });

  it("without an error, the hint describes the control and no error is shown", () => {
    const select = renderToStaticMarkup(
      <Select label="Country" name="country" hint="Where the invoices go.">
        <option value="">—</option>
      </Select>,
    );
    expect(describedBy(select, "select")).toEqual(["Where the invoices go."]);
    expect(select).toContain('aria-invalid="false"');
    expect(select).toContain('<label for="f-country"');
  });
});
