/** VS Code notebook renderer entry for application/vnd.aibook.profile+json. */
import type { ActivationFunction } from "vscode-notebook-renderer";
import { renderProfile } from "./render";

export const activate: ActivationFunction = () => ({
  renderOutputItem(item, element) {
    renderProfile(element, item.json());
  },
  disposeOutputItem() {
    // Nothing to release: the DOM goes with the output element.
  },
});
