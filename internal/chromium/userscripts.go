package chromium

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
)

// The per-extension "Allow User Scripts" switch of chrome://extensions. Since Chromium 138,
// chrome.userScripts exists only when it is on, and an unpacked extension loads with it off
// (measured in Chromium 156: typeof chrome.userScripts is "undefined" in the worker, while
// chrome.runtime.onUserScriptMessage exists). The switch is the extensions page's private API:
// chrome.developerPrivate.updateExtensionConfiguration({extensionId, userScriptsAccess: true}),
// after which getExtensionInfo reports userScriptsAccess {isActive: true, isEnabled: true} and a
// worker that is already running sees chrome.userScripts at once, without a restart.

// AllowUserScripts turns on "Allow User Scripts" for the loaded extension extID, as a user does on
// chrome://extensions. [Launch] does it for every extension whose manifest asks for the
// "userScripts" permission.
func (b *Browser) AllowUserScripts(ctx context.Context, extID string) error {
	t, err := b.OpenTab(ctx, "chrome://extensions")
	if err != nil {
		return fmt.Errorf("chromium: allowing user scripts for %s: %w", extID, err)
	}
	defer t.Close()
	id := jsString(extID)
	var active bool
	err = EvalInto(ctx, t.Page(), `chrome.developerPrivate.updateExtensionConfiguration({extensionId: `+id+`, userScriptsAccess: true})
		.then(() => chrome.developerPrivate.getExtensionInfo(`+id+`)).then(i => !!(i.userScriptsAccess && i.userScriptsAccess.isActive))`, &active)
	if err != nil {
		return fmt.Errorf("chromium: allowing user scripts for %s: %w", extID, err)
	}
	if !active {
		return fmt.Errorf("chromium: allowing user scripts for %s: the switch stayed off", extID)
	}
	return nil
}

// wantsUserScripts reports whether the manifest in folder lists the "userScripts" permission.
func wantsUserScripts(folder string) (bool, error) {
	raw, err := os.ReadFile(filepath.Join(folder, "manifest.json"))
	if err != nil {
		return false, err
	}
	var m struct {
		Permissions []string `json:"permissions"`
	}
	if err := json.Unmarshal(raw, &m); err != nil {
		return false, fmt.Errorf("chromium: %s/manifest.json: %w", folder, err)
	}
	return slices.Contains(m.Permissions, "userScripts"), nil
}

// allowUserScriptsWhereAsked runs AllowUserScripts for each folder whose manifest asks for it.
func (b *Browser) allowUserScriptsWhereAsked(ctx context.Context, folders []string) error {
	for _, f := range folders {
		want, err := wantsUserScripts(f)
		if err != nil {
			return err
		}
		if !want {
			continue
		}
		id, err := ExtensionID(f)
		if err != nil {
			return err
		}
		if err := b.AllowUserScripts(ctx, id); err != nil {
			return err
		}
	}
	return nil
}
