import { expandCard } from "../../../platform/teams/render-card";
import doneTemplate from "./series-done.json";

/** What a form card is replaced with once its submit has done its work (a second submit shows it too). */
export function doneCard(
  title: string,
  text: string,
  edit?: { label: string; verb: string; data: Record<string, unknown> },
) {
  return expandCard(doneTemplate, {
    title,
    text,
    editVerb: edit?.verb ?? "",
    editLabel: edit?.label ?? "",
    editData: edit?.data ?? {},
  });
}
