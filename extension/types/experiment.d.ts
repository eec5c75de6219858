// experiment.d.ts — the Thunderbird internals experiments/pane-bar/parent.js
// touches (it runs with Thunderbird's own privileges), declared for exactly
// what it uses: so the list of what the experiment relies on is written down,
// and checked. Shapes as verified on Thunderbird 140 and 153 (parent.js's header).
// Globals of the experiment's scope only; nothing else of the add-on sees them at run time.

declare namespace Experiment {
  /** The message pane's notification box (Thunderbird's junk, scam and remote-content bars live here). */
  interface NotificationBox {
    readonly allNotifications: Element[];
    appendNotification(value: string, notification: { label: string; priority: number },
      buttons: { label: string; callback: () => boolean }[]): Promise<Element>;
    removeNotification(notification: Element, skipAnimation?: boolean): void;
    readonly PRIORITY_CRITICAL_HIGH: number;
    readonly PRIORITY_WARNING_HIGH: number;
    readonly PRIORITY_WARNING_LOW: number;
    readonly PRIORITY_INFO_LOW: number;
  }

  /** A message header as about:message and the message manager know it (nsIMsgDBHdr, the parts we compare). */
  interface MsgHdr {
    messageKey: number;
    folder?: { URI: string } | null;
  }

  /** about:message's window. */
  interface AboutMessage extends Window {
    gMessage?: MsgHdr | null;
    gMessageNotificationBar: { msgNotificationBar: NotificationBox };
  }

  /** What tabManager.get(tabId).nativeTab is for a mail tab, a message tab or a message window. */
  interface NativeTab {
    chromeBrowser?: { contentWindow: Window | null };
    messageBrowser?: { contentWindow: AboutMessage | null };
  }

  interface Extension {
    baseURI: { resolve(path: string): string };
    tabManager: { get(tabId: number): { nativeTab: NativeTab } };
    messageManager: { get(messageId: number): MsgHdr | null };
  }

  interface Context {
    extension: Extension;
  }

  interface BrowsingContext {
    currentURI?: { spec?: string } | null;
    window?: AboutMessage | null;
    getAllBrowsingContextsInSubtree(): BrowsingContext[];
  }

  /** The message_display_action of an add-on (ExtensionParent.apiManager.global.messageDisplayActionFor). */
  interface DisplayAction {
    triggerAction(win: Window): Promise<boolean>;
  }
}

declare const ChromeUtils: {
  importESModule(url: "resource://gre/modules/ExtensionParent.sys.mjs"): {
    ExtensionParent: {
      apiManager: { global: { messageDisplayActionFor?: (extension: Experiment.Extension) => Experiment.DisplayAction | undefined } };
    };
  };
};

declare const Services: {
  wm: {
    getEnumerator(type: string | null): Iterable<Window & { browsingContext?: Experiment.BrowsingContext | null }>;
    getMostRecentWindow(type: string): (Window & { openContentTab(url: string): void }) | null;
  };
};

declare const ExtensionCommon: {
  ExtensionAPI: new (...args: unknown[]) => {
    onStartup?(): void;
    onShutdown?(isAppShutdown: boolean): void;
    getAPI(context: Experiment.Context): object;
  };
};
