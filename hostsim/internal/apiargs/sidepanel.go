package apiargs

import "fmt"

// The schemas of side_panel.idl as Chromium 156 uses them, and chrome.sidePanel's error texts
// (measured in the scenario side-panel).
var (
	sidePanelTabID    = param{name: "tabId", kind: kindInteger, optional: true}
	sidePanelWindowID = param{name: "windowId", kind: kindInteger, optional: true}

	SidePanelSetOptionsMethod = register(&Method{Name: "sidePanel.setOptions", hasCallback: true, params: []param{
		{name: "options", kind: kindObject, ref: "sidePanel.PanelOptions", props: map[string]param{
			"tabId":   sidePanelTabID,
			"path":    {name: "path", kind: kindString, optional: true},
			"enabled": {name: "enabled", kind: kindBoolean, optional: true},
		}},
		optionalCallback,
	}})
	SidePanelGetOptionsMethod = register(&Method{Name: "sidePanel.getOptions", hasCallback: true, params: []param{
		{name: "options", kind: kindObject, ref: "sidePanel.GetPanelOptions", props: map[string]param{"tabId": sidePanelTabID}},
		optionalCallback,
	}})
	SidePanelSetPanelBehaviorMethod = register(&Method{Name: "sidePanel.setPanelBehavior", hasCallback: true, params: []param{
		{name: "behavior", kind: kindObject, ref: "sidePanel.PanelBehavior", props: map[string]param{
			"openPanelOnActionClick": {name: "openPanelOnActionClick", kind: kindBoolean, optional: true},
		}},
		optionalCallback,
	}})
	SidePanelGetPanelBehaviorMethod = register(&Method{Name: "sidePanel.getPanelBehavior", hasCallback: true, params: []param{optionalCallback}})
	SidePanelGetLayoutMethod        = register(&Method{Name: "sidePanel.getLayout", hasCallback: true, params: []param{optionalCallback}})
	SidePanelOpenMethod             = register(&Method{Name: "sidePanel.open", hasCallback: true, params: []param{
		{name: "options", kind: kindObject, ref: "sidePanel.OpenOptions", props: map[string]param{"tabId": sidePanelTabID, "windowId": sidePanelWindowID}},
		optionalCallback,
	}})
	SidePanelCloseMethod = register(&Method{Name: "sidePanel.close", hasCallback: true, params: []param{
		{name: "options", kind: kindObject, ref: "sidePanel.CloseOptions", props: map[string]param{"tabId": sidePanelTabID, "windowId": sidePanelWindowID}},
		optionalCallback,
	}})

	// SidePanelSides are sidePanel.Side's values; Chromium 156's getLayout reports "right".
	SidePanelSides = []string{"left", "right"}
)

// chrome.sidePanel's errors in Chromium 156 (open and close also fail with [NoTab] and [NoWindow]).
const (
	// ErrSidePanelNoGesture: open called without a user gesture, whatever its arguments.
	ErrSidePanelNoGesture = "`sidePanel.open()` may only be called in response to a user gesture."
	// ErrSidePanelNoTarget: open or close with neither tabId nor windowId (no final period).
	ErrSidePanelNoTarget = "At least one of `tabId` and `windowId` must be provided"
)

// SidePanelNotActiveForTab is open's error for a tab whose side panel is disabled (or has no path).
func SidePanelNotActiveForTab(id int) string {
	return fmt.Sprintf("No active side panel for tabId: %d", id)
}

// SidePanelNotActiveForWindow is open's error for a window whose global side panel is disabled
// (or has no path).
func SidePanelNotActiveForWindow(id int) string {
	return fmt.Sprintf("No active side panel for windowId: %d", id)
}

// SidePanelNoTabPanel is close's error for a tab with no tab-specific side panel open.
func SidePanelNoTabPanel(id int) string {
	return fmt.Sprintf("No active tab-specific side panel for tabId: %d", id)
}
