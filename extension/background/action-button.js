// action-button.js — the "Check this email" button in the message header
// toolbar shows the verdict with its icon, badge and title. The message body
// can imitate any banner drawn inside it, but it cannot draw here.
// @ts-check

import { badgeFor } from "../lib/report-view.js";

const action = () => browser.messageDisplayAction;

/**
 * @param {number} tabId the tab showing the message
 * @param {import("../types/messages").View|null} view a view from views.js; null resets the button
 */
export async function showOnButton(tabId, view) {
  const look = badgeFor(view);
  // The title is also the button's label: keep it short (the summary is in the popup).
  const title = browser.i18n.getMessage(look.titleKey);
  await Promise.all([
    action().setIcon({ tabId, path: look.icon }),
    action().setBadgeText({ tabId, text: look.text }),
    action().setBadgeBackgroundColor({ tabId, color: look.color }),
    action().setTitle({ tabId, title }),
  ]);
}
