// thunderbird.d.ts — the part of Thunderbird's WebExtension API (Manifest V3,
// Thunderbird 128+) the add-on uses, as the `browser` global, plus our
// Experiment API (experiments/pane-bar/schema.json). Written from the MV3 docs
// (webextension-api.thunderbird.net, 128 ESR and later) for what we call only:
// the npm package @types/thunderbird-webext-browser (127.0.0, its latest) is
// Manifest V2-shaped (getDisplayedMessages → MessageHeader[], no
// scripting.messageDisplay, no addressBooks.contacts) and would assert wrong
// types here. Where a later Thunderbird added something we use, it says so.

declare namespace browser {
  interface Event<Listener extends (...args: any[]) => unknown> {
    addListener(listener: Listener): void;
    removeListener(listener: Listener): void;
  }

  namespace runtime {
    interface Port {
      name: string;
      error?: { message: string } | null;
      postMessage(message: object): void;
      disconnect(): void;
      onMessage: Event<(message: unknown, port: Port) => void>;
      onDisconnect: Event<(port: Port) => void>;
    }
    interface MessageSender {
      tab?: tabs.Tab;
      frameId?: number;
      id?: string;
      url?: string;
    }
    const lastError: { message?: string } | null | undefined;
    function getURL(path: string): string;
    function connectNative(application: string): Port;
    /** The add-on's own messages only: UI → background (types/messages.d.ts). */
    function sendMessage<M extends import("./messages").UiMessage>(message: M): Promise<import("./messages").UiReply<M["type"]>>;
    function openOptionsPage(): Promise<void>;
    function getBrowserInfo(): Promise<{ name: string; vendor: string; version: string; buildID: string }>;
    /**
     * `message` is what another part of the add-on sent; each listener names it:
     * UiMessage in the background, TabMessage in the content scripts (types/messages.d.ts).
     */
    const onMessage: Event<(message: any, sender: MessageSender) => Promise<unknown> | undefined | void>;
    const onInstalled: Event<(details: { reason: string; previousVersion?: string }) => void>;
  }

  namespace i18n {
    function getMessage(key: string, substitutions?: string | (string | number)[]): string;
    function getUILanguage(): string;
  }

  namespace storage {
    interface StorageArea {
      get(keys?: string | string[] | null): Promise<Record<string, unknown>>;
      set(items: Record<string, unknown>): Promise<void>;
    }
    const local: StorageArea;
    /** Throws when no policy exists. */
    const managed: StorageArea;
    const onChanged: Event<(changes: Record<string, { oldValue?: unknown; newValue?: unknown }>, areaName: string) => void>;
  }

  namespace tabs {
    interface Tab {
      /** Optional in the schema (for devtools); every mail, message and popup tab has one. */
      id: number;
      windowId?: number;
      active: boolean;
      /** Thunderbird: "mail", "messageDisplay", "addressBook", "content", ... */
      type?: string;
      url?: string;
    }
    function query(queryInfo: { active?: boolean; currentWindow?: boolean; type?: string | string[] }): Promise<Tab[]>;
    function sendMessage(tabId: number, message: import("./messages").TabMessage): Promise<unknown>;
    const onActivated: Event<(activeInfo: { tabId: number; windowId: number }) => void>;
  }

  namespace windows {
    interface Window {
      id?: number;
    }
    function create(createData: { url?: string | string[]; type?: "normal" | "popup"; width?: number;
      height?: number; allowScriptsToClose?: boolean }): Promise<Window>;
    function openDefaultBrowser(url: string): Promise<void>;
  }

  namespace accounts {
    interface MailAccount {
      id: string;
      name: string;
      type: string;
      rootFolder: folders.MailFolder;
    }
    function get(accountId: string, includeSubFolders?: boolean): Promise<MailAccount | null>;
  }

  namespace folders {
    interface MailFolder {
      id: string;
      accountId: string;
      name?: string;
      path: string;
      specialUse?: string[];
    }
    interface MailFolderInfo {
      totalMessageCount?: number;
      unreadMessageCount?: number;
    }
    function get(folderId: string, includeSubFolders?: boolean): Promise<MailFolder>;
    function getFolderInfo(folderId: string): Promise<MailFolderInfo>;
    function query(queryInfo: { accountId?: string; specialUse?: string[]; name?: string }): Promise<MailFolder[]>;
    function create(parent: string, childName: string): Promise<MailFolder>;
  }

  namespace messages {
    interface MessageHeader {
      id: number;
      author: string;
      date: Date;
      folder?: folders.MailFolder;
      headerMessageId: string;
      size: number;
      subject: string;
      tags: string[];
      junk?: boolean;
    }
    interface MessageList {
      /** Set while more pages follow (continueList, abortList). */
      id: string | null;
      messages: MessageHeader[];
    }
    interface MessageTag {
      key: string;
      tag: string;
      color: string;
    }
    interface QueryInfo {
      folderId?: string;
      author?: string;
      recipients?: string;
      toDate?: Date;
      messagesPerPage?: number;
      autoPaginationTimeout?: number;
    }
  }

  /** A value beside the types of `messages` (one of its functions is called `delete`). */
  const messages: {
    get(messageId: number): Promise<messages.MessageHeader>;
    /** One char per byte with "BinaryString"; a File with "File" (the MV3 default). */
    getRaw(messageId: number, options: { data_format: "BinaryString" }): Promise<string>;
    getRaw(messageId: number, options?: { data_format?: "File" }): Promise<File>;
    list(folderId: string): Promise<messages.MessageList>;
    continueList(messageListId: string): Promise<messages.MessageList>;
    abortList(messageListId: string): Promise<void>;
    query(queryInfo: messages.QueryInfo): Promise<messages.MessageList>;
    update(messageId: number, newProperties: { junk?: boolean; tags?: string[]; read?: boolean }): Promise<void>;
    move(messageIds: number[], folderId: string, options?: { isUserAction?: boolean }): Promise<void>;
    /** Thunderbird 128–136: the second argument is `skipTrash`, a boolean. */
    delete(messageIds: number[], skipTrash?: boolean): Promise<void>;
    /** Thunderbird 137+: an options object instead (refused by 128–136). */
    delete(messageIds: number[], options: { isUserAction?: boolean; deletePermanently?: boolean }): Promise<void>;
    onNewMailReceived: Event<(folder: folders.MailFolder, messages: messages.MessageList) => void>;
    tags: {
      list(): Promise<messages.MessageTag[]>;
      create(key: string, tag: string, color: string): Promise<void>;
    };
  };

  namespace messageDisplay {
    function getDisplayedMessages(tabId: number): Promise<messages.MessageList>;
    const onMessagesDisplayed: Event<(tab: tabs.Tab, displayedMessages: messages.MessageList) => void>;
  }

  namespace mailTabs {
    interface MailTab {
      id: number;
      displayedFolder?: folders.MailFolder;
    }
    function query(queryInfo: { active?: boolean; currentWindow?: boolean }): Promise<MailTab[]>;
    const onSelectedMessagesChanged: Event<(tab: tabs.Tab, selectedMessages: messages.MessageList) => void>;
  }

  namespace messageDisplayAction {
    function setIcon(details: { tabId?: number; path: string }): Promise<void>;
    function setBadgeText(details: { tabId?: number; text: string }): Promise<void>;
    function setBadgeBackgroundColor(details: { tabId?: number; color: string | null }): Promise<void>;
    function setTitle(details: { tabId?: number; title: string }): Promise<void>;
  }

  namespace scripting {
    interface InjectionTarget {
      tabId: number;
    }
    function executeScript(injection: { target: InjectionTarget; files: string[] }): Promise<unknown[]>;
    /** Content scripts of displayed messages (Thunderbird 128+). */
    namespace messageDisplay {
      interface RegisteredScript {
        id: string;
        js?: string[];
        css?: string[];
        runAt?: "document_start" | "document_end" | "document_idle";
      }
      function registerScripts(scripts: RegisteredScript[]): Promise<void>;
      function getRegisteredScripts(filter?: { ids?: string[] }): Promise<RegisteredScript[]>;
    }
  }

  namespace menus {
    type ContextType = "folder_pane" | "message_list" | "message_display_action" | "all";
    interface OnClickData {
      menuItemId: string | number;
      selectedFolders?: folders.MailFolder[];
      /** Older Thunderbird: one folder. */
      selectedFolder?: folders.MailFolder;
      selectedMessages?: messages.MessageList;
    }
    function create(createProperties: { id: string; title: string; contexts: ContextType[] }, callback?: () => void): string | number;
    function remove(menuItemId: string): Promise<void>;
    const onClicked: Event<(info: OnClickData, tab?: tabs.Tab) => void>;
  }

  namespace compose {
    interface ComposeDetails {
      to?: string[];
      subject?: string;
      isPlainText?: boolean;
      plainTextBody?: string;
    }
    function beginForward(messageId: number, forwardType: "forwardInline" | "forwardAsAttachment",
      details?: ComposeDetails): Promise<tabs.Tab & { id: number }>;
    function addAttachment(tabId: number, attachment: { file: File; name?: string }): Promise<unknown>;
    function sendMessage(tabId: number, options?: { mode: "default" | "sendNow" | "sendLater" }): Promise<unknown>;
  }

  namespace addressBooks {
    /** The contacts API (addressBooks.contacts from Thunderbird 128 on). */
    namespace contacts {
      interface ContactNode {
        id: string;
        remote?: boolean;
        /** Thunderbird 128+: the contact as a vCard. */
        vCard?: string;
        /** Older Thunderbird: named properties. */
        properties?: Record<string, string | undefined>;
      }
      function query(queryInfo: { searchString?: string; includeLocal?: boolean; includeRemote?: boolean }): Promise<ContactNode[]>;
      function quickSearch(queryInfo: { searchString: string; includeRemote?: boolean }): Promise<ContactNode[]>;
    }
  }

  /** Our Experiment API (experiments/pane-bar/schema.json); missing when the experiment did not load. */
  namespace phishcheckBar {
    interface Bar {
      level: import("./messages").BarLevel;
      label: string;
      detailsLabel?: string;
    }
    function show(tabId: number, messageId: number, bar: Bar): Promise<boolean>;
    function clear(tabId: number): Promise<void>;
  }
}
