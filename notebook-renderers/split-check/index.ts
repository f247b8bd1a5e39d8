/** VS Code notebook renderer entry for application/vnd.aibook.split-check+json. */
import type { ActivationFunction } from "vscode-notebook-renderer";
import { renderSplitCheck } from "./render";

export const activate: ActivationFunction = () => ({
  renderOutputItem(item, element) {
    renderSplitCheck(element, item.json());
  },
  disposeOutputItem() {
    // Nothing to release: the DOM goes with the output element.
  },
});
