/** VS Code notebook renderer entry for application/vnd.aibook.leaderboard+json. */
import type { ActivationFunction } from "vscode-notebook-renderer";
import { renderLeaderboard } from "./render";

export const activate: ActivationFunction = () => ({
  renderOutputItem(item, element) {
    renderLeaderboard(element, item.json());
  },
  disposeOutputItem() {
    // Nothing to release: the DOM goes with the output element.
  },
});
