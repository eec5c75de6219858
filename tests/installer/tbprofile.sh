# tests/installer/tbprofile.sh — a fresh Thunderbird profile with a Local Folders account
# and no first-run dialogs (sourced). make_profile DIR
make_profile() {
    mkdir -p "$1/Mail/Local Folders"
    cat > "$1/user.js" <<JS
user_pref("mail.accountmanager.accounts", "account1");
user_pref("mail.accountmanager.localfoldersserver", "server1");
user_pref("mail.account.account1.server", "server1");
user_pref("mail.server.server1.type", "none");
user_pref("mail.server.server1.hostname", "Local Folders");
user_pref("mail.server.server1.name", "Local Folders");
user_pref("mail.server.server1.userName", "nobody");
user_pref("mail.server.server1.directory", "$1/Mail/Local Folders");
user_pref("mail.server.server1.storeContractID", "@mozilla.org/msgstore/berkeleystore;1");
user_pref("mail.provider.suppress_dialog_on_startup", true);
user_pref("mail.shell.checkDefaultClient", false);
user_pref("mailnews.start_page.enabled", false);
user_pref("datareporting.policy.dataSubmissionPolicyBypassNotification", true);
user_pref("datareporting.healthreport.uploadEnabled", false);
user_pref("app.update.enabled", false);
user_pref("app.update.auto", false);
user_pref("extensions.update.enabled", false);
user_pref("mail.rights.version", 1);
user_pref("toolkit.telemetry.reportingpolicy.firstRun", false);
JS
}

# log_console PROFILE: Thunderbird prints console messages (the banner's
# "phishcheck-banner {...}" line, docs in extension/content/banner.js) on stdout.
log_console() {
    cat >> "$1/user.js" <<JS
user_pref("devtools.console.stdout.content", true);
user_pref("devtools.console.stdout.chrome", true);
JS
}

# descends_from PID ANCESTOR: PID is ANCESTOR or one of its descendants.
descends_from() {
    p=$1
    while [ -n "$p" ] && [ "$p" -gt 1 ]; do
        [ "$p" -eq "$2" ] && return 0
        p=$(ps -o ppid= -p "$p" 2>/dev/null | tr -d ' ')
    done
    return 1
}
