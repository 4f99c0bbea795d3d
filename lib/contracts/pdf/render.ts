import { createElement } from "react";
import { renderPdf } from "@/lib/pdf/render";
import type { ContractViewModel } from "../view-model";
import { ContractDocument } from "./document";

export async function renderContractPdf(vm: ContractViewModel): Promise<Buffer> {
  return renderPdf(createElement(ContractDocument, { vm }));
}
