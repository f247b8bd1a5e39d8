/** VS Code notebook renderer entry for application/vnd.aibook.table+json. */
import type { ActivationFunction } from "vscode-notebook-renderer";
import { renderTable } from "./render";

export const activate: ActivationFunction = () => ({
  renderOutputItem(item, element) {
    renderTable(element, item.json());
  },
  disposeOutputItem() {
    // Nothing to release: the DOM goes with the output element.
  },
});
