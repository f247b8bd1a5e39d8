/** VS Code notebook renderer entry for application/vnd.aibook.chart+json. */
import type { ActivationFunction } from "vscode-notebook-renderer";
import { renderChart } from "./render";

export const activate: ActivationFunction = () => ({
  renderOutputItem(item, element) {
    renderChart(element, item.json());
  },
  disposeOutputItem() {
    // Nothing to release: the DOM goes with the output element.
  },
});
