// chrome.sidePanel (sidepanel.go): the extension's side panel options, global and per tab, the
// action-click behaviour, and opening and closing the panel, an extension page in no tab.
(function (native, global, cfg, kit) {
	"use strict";
	const {settled, event, chrome} = kit;
	const sidePanel = {};
	for (const m of ["close", "getLayout", "getOptions", "getPanelBehavior", "open", "setOptions", "setPanelBehavior"]) {
		sidePanel[m] = function () {
			return settled(native[m], arguments);
		};
	}
	sidePanel.onOpened = event("sidePanel.onOpened");
	sidePanel.onClosed = event("sidePanel.onClosed");
	Object.assign(sidePanel, native.enums);
	chrome.sidePanel = sidePanel;
})
