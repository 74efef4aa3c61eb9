import "../shared/styles.css";
import { runSignInDialog } from "./dialog-flow";

// Office.onReady before anything else: messageParent only works once Office has initialised the dialog.
async function main(): Promise<void> {
  if (typeof Office === "undefined") {
    document.getElementById("dialog-error")?.removeAttribute("hidden");
    return;
  }
  await Office.onReady();
  const outcome = await runSignInDialog({
    url: location.href,
    messageParent: (message) => Office.context.ui.messageParent(message),
  });
  if (outcome === "failed") document.getElementById("dialog-error")?.removeAttribute("hidden");
}

void main();
