// report-button.js — "Report phishing" in the popup's footer (issue #12): opens
// the report dialog for the message of the current tab. Available on any message.

// @ts-check
const reportButton = document.createElement("button");
reportButton.type = "button";
reportButton.id = "report";
reportButton.textContent = PhishcheckI18n.t("reportAction");
reportButton.addEventListener("click", async () => {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  await browser.runtime.sendMessage({ type: "report.open", tabId: tab.id });
  window.close();
});
/** @type {HTMLElement} */ (document.querySelector("footer")).prepend(reportButton);
