/** VS Code notebook renderer entry for application/vnd.aibook.evaluation+json. */
import type { ActivationFunction } from "vscode-notebook-renderer";
import { renderEvaluation } from "./render";

export const activate: ActivationFunction = () => ({
  renderOutputItem(item, element) {
    renderEvaluation(element, item.json());
  },
  disposeOutputItem() {
    // Nothing to release: the DOM goes with the output element.
  },
});
