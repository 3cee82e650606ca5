package browser

import (
	"context"
	"encoding/json"
	"errors"

	"github.com/extwasm/extwasm/hostsim/internal/chromesim"
)

// ExtensionPage is an extension page: the action's popup, the options page, the offscreen document
// or a side panel.
type ExtensionPage struct {
	br    *Browser
	frame *chromesim.Frame
	tab   *chromesim.Tab // nil for a popup
}

// OpenPopup opens the action's popup (action.setPopup's global popup, else the manifest's
// action.default_popup) as chrome.action.openPopup does, and lets it load. The popup is no tab: runtime.getContexts reports it as POPUP and
// its messages carry no tab. Opening a popup closes one already open.
func (e *Extension) OpenPopup() (*ExtensionPage, error) {
	f, err := e.e.OpenPopup()
	if err != nil {
		return nil, err
	}
	return &ExtensionPage{br: e.br, frame: f}, e.br.Settle()
}

// ClickAction clicks the extension's toolbar button while tab is the active tab, and lets what it
// starts settle: a disabled action (action.disable) does nothing; after
// sidePanel.setPanelBehavior({openPanelOnActionClick: true}) the side panel for the tab opens
// (when it has an enabled one), returned here; an action with a popup for the tab
// (action.setPopup, else action.default_popup) opens it, returned here; an action without one
// fires action.onClicked with the tab in the extension's contexts, waking a stopped worker whose
// top level listens for it (the returned page is then nil).
func (e *Extension) ClickAction(tab *Tab) (*ExtensionPage, error) {
	if tab == nil {
		return nil, errors.New("browser: ClickAction needs a tab")
	}
	f, err := e.e.ClickAction(tab.t)
	if err != nil {
		return nil, err
	}
	if err := e.br.Settle(); err != nil || f == nil {
		return nil, err
	}
	return &ExtensionPage{br: e.br, frame: f}, nil
}

// PressCommand presses the keyboard shortcut of the manifest command name with tab active, and
// lets what it starts settle: _execute_action clicks the toolbar action (see ClickAction, whose
// popup it returns); any other command fires commands.onCommand with the name and the tab in the
// extension's contexts, waking a stopped worker whose top level listens for it. A name the
// manifest does not declare is an error.
func (e *Extension) PressCommand(name string, tab *Tab) (*ExtensionPage, error) {
	if tab == nil {
		return nil, errors.New("browser: PressCommand needs a tab")
	}
	f, err := e.e.PressCommand(name, tab.t)
	if err != nil {
		return nil, err
	}
	if err := e.br.Settle(); err != nil || f == nil {
		return nil, err
	}
	return &ExtensionPage{br: e.br, frame: f}, nil
}

// ClickMenuItem right-clicks the page in tab and chooses the extension's context-menu item id (a
// generated id in its decimal form), and lets what it starts settle: a checkbox item toggles, a
// radio item is checked, and contextMenus.onClicked fires with Chrome's OnClickData for a page
// click and the tab, waking the worker. An item that does not exist, is hidden, disabled, a
// separator or not offered in the page context is an error.
func (e *Extension) ClickMenuItem(id string, tab *Tab) error {
	if tab == nil {
		return errors.New("browser: ClickMenuItem needs a tab")
	}
	if err := e.e.ClickMenuItem(id, tab.t); err != nil {
		return err
	}
	return e.br.Settle()
}

// OpenOptionsPage opens the options page (options_page or options_ui.page) in a tab, as
// chrome.runtime.openOptionsPage does: when a tab already shows it, that tab is returned. It fails
// with Chrome's "Could not create an options page." when the manifest names none.
func (e *Extension) OpenOptionsPage() (*ExtensionPage, error) {
	t, err := e.e.OpenOptionsPage()
	if err != nil {
		return nil, err
	}
	return &ExtensionPage{br: e.br, frame: t.Top(), tab: t}, e.br.Settle()
}

// Context is the page's JavaScript context.
func (p *ExtensionPage) Context() *Context { return &Context{br: p.br, c: p.frame.Main()} }

// URL is the page's chrome-extension:// URL.
func (p *ExtensionPage) URL() string { return p.frame.URL() }

// Tab is the tab showing the page, or nil for a popup.
func (p *ExtensionPage) Tab() *Tab {
	if p.tab == nil {
		return nil
	}
	return &Tab{br: p.br, t: p.tab}
}

// Eval evaluates expr in the page, as Context.Eval does.
func (p *ExtensionPage) Eval(ctx context.Context, expr string) (json.RawMessage, error) {
	return p.Context().Eval(ctx, expr)
}

// EvalInto evaluates expr in the page and decodes the JSON result into out.
func (p *ExtensionPage) EvalInto(ctx context.Context, expr string, out any) error {
	return p.Context().EvalInto(ctx, expr, out)
}

// Close closes the popup, or the tab showing the page: the page's context ends and its ports
// disconnect.
func (p *ExtensionPage) Close() error {
	if p.tab != nil {
		p.br.b.CloseTab(p.tab)
	} else if p.frame.Offscreen() {
		p.br.b.CloseOffscreen(p.frame)
	} else {
		p.br.b.ClosePopup(p.frame)
	}
	return p.br.Settle()
}

// ClickNotification clicks the body of the extension's notification id (chrome.notifications)
// and lets what it starts settle: notifications.onClicked fires with the id in the extension's
// contexts, waking a stopped worker whose top level listens for it. A notification that does not
// exist (never created, cleared or closed) is an error.
func (e *Extension) ClickNotification(id string) error {
	if err := e.e.ClickNotification(id); err != nil {
		return err
	}
	return e.br.Settle()
}

// ClickNotificationButton clicks button index (0-based) of the notification id and lets what it
// starts settle: notifications.onButtonClicked fires with the id and the index. A missing
// notification or button is an error.
func (e *Extension) ClickNotificationButton(id string, index int) error {
	if err := e.e.ClickNotificationButton(id, index); err != nil {
		return err
	}
	return e.br.Settle()
}

// CloseNotification dismisses the notification id as a user does and lets what it starts settle:
// it goes away and notifications.onClosed fires with the id and byUser true.
func (e *Extension) CloseNotification(id string) error {
	if err := e.e.CloseNotification(id); err != nil {
		return err
	}
	return e.br.Settle()
}

// Notifications lists the ids of the extension's notifications on screen, sorted.
func (e *Extension) Notifications() []string { return e.e.Notifications() }

// OffscreenDocument is the extension's offscreen document (chrome.offscreen.createDocument), or
// nil when it has none. Its Tab is nil: the document is in no tab.
func (e *Extension) OffscreenDocument() *ExtensionPage {
	f := e.e.Offscreen()
	if f == nil || f.Main() == nil {
		return nil
	}
	return &ExtensionPage{br: e.br, frame: f}
}

// Fake makes fn answer the extension's calls of api ("readingList.query"), a function of Chrome's
// API that hostsim does not model (where hostsim has a model, the model answers): fn gets the
// call's arguments as JSON (a callback left off) and its result is what the call resolves to
// (nil: undefined); its error rejects the call with that text (lastError in callback form). fn
// runs on the browser's goroutine and must not call into the browser. A call whose arguments
// Chrome's bindings refuse (checked against Chrome's API schema) throws Chrome's TypeError and
// never reaches fn. An api Chrome's schema does not have is an error.
func (e *Extension) Fake(api string, fn func(args []json.RawMessage) (result any, err error)) error {
	return e.e.Fake(api, fn)
}

// FireEvent fires the chrome.* event name ("downloads.onCreated") with args in the extension's
// contexts, as Chrome does when what it reports happens, waking a stopped worker whose top level
// listens for it, and lets what it starts settle. An event Chrome's schema does not have is an
// error.
func (e *Extension) FireEvent(name string, args ...any) error {
	if err := e.e.FireEvent(name, args...); err != nil {
		return err
	}
	return e.br.Settle()
}

// SidePanels are the extension's open side panels (chrome.sidePanel): extension pages in no tab,
// which runtime.getContexts reports as SIDE_PANEL.
func (e *Extension) SidePanels() []*ExtensionPage {
	var out []*ExtensionPage
	for _, f := range e.e.SidePanels() {
		out = append(out, &ExtensionPage{br: e.br, frame: f})
	}
	return out
}

// PermissionRequest is what a chrome.permissions.request call asks the user for: the optional
// permissions and host patterns it names that are not granted yet (host patterns as Chrome keeps
// them, with the path "/*"), each sorted.
type PermissionRequest = chromesim.PermissionRequest

// AnswerPermissionRequests makes answer stand for the user at Chrome's permission prompt: every
// later chrome.permissions.request of the extension behaves as if called during a user gesture,
// and answer gets what the call asks for that is not granted yet and says whether the user grants
// it (the call then resolves true and permissions.onAdded fires with what was added) or not (the
// call resolves false). A request for what is granted already resolves true without asking, and
// what the manifest does not list fails as in Chrome. answer runs on the browser's goroutine and
// must not call into the browser. nil, the default, is Chrome without a user gesture, as a
// DevTools evaluation is: request fails with "This function must be called during a user
// gesture". (Chrome grants a permission that shows no warning, such as "idle", without a prompt;
// hostsim asks answer for it too.)
func (e *Extension) AnswerPermissionRequests(answer func(PermissionRequest) bool) {
	e.e.AnswerPermissionRequests(answer)
}
