package apiargs

// The schemas of action.json as Chromium 156 uses them (its invocation errors measured in the
// scenario action-state).
var (
	// actionTabID is the optional tabId of the action's details objects and enable/disable.
	actionTabID = param{name: "tabId", kind: kindInteger, optional: true, minimum: intp(0)}
	// actionTabDetails is action.TabDetails, the argument of every getter.
	actionTabDetails = param{name: "details", kind: kindObject, ref: "action.TabDetails", props: map[string]param{"tabId": actionTabID}}
	// actionColor is a badge colour: a CSS colour string or action.ColorArray, four integers 0–255.
	actionColor = param{name: "color", kind: kindChoice, choices: []param{
		{name: "color", kind: kindString},
		{name: "color", kind: kindArray, ref: "action.ColorArray", minItems: 4, maxItems: 4,
			items: &param{kind: kindInteger, minimum: intp(0), maximum: intp(255)}},
	}}
	// actionIconValue is setIcon's imageData or path: one value, or one per size.
	actionImageData = param{name: "imageData", kind: kindObject, optional: true, props: anyProps}
	actionIconPath  = param{name: "path", kind: kindChoice, optional: true, choices: []param{
		{name: "path", kind: kindString},
		{name: "path", kind: kindObject, props: anyProps},
	}}

	ActionSetTitleMethod = register(&Method{Name: "action.setTitle", hasCallback: true, params: []param{
		{name: "details", kind: kindObject, props: map[string]param{"tabId": actionTabID, "title": {name: "title", kind: kindString}}},
		optionalCallback,
	}})
	ActionGetTitleMethod = register(&Method{Name: "action.getTitle", hasCallback: true, params: []param{actionTabDetails, optionalCallback}})
	ActionSetIconMethod  = register(&Method{Name: "action.setIcon", hasCallback: true, params: []param{
		{name: "details", kind: kindObject, props: map[string]param{"tabId": actionTabID, "imageData": actionImageData, "path": actionIconPath}},
		optionalCallback,
	}})
	ActionSetPopupMethod = register(&Method{Name: "action.setPopup", hasCallback: true, params: []param{
		{name: "details", kind: kindObject, props: map[string]param{"tabId": actionTabID, "popup": {name: "popup", kind: kindString}}},
		optionalCallback,
	}})
	ActionGetPopupMethod     = register(&Method{Name: "action.getPopup", hasCallback: true, params: []param{actionTabDetails, optionalCallback}})
	ActionSetBadgeTextMethod = register(&Method{Name: "action.setBadgeText", hasCallback: true, params: []param{
		{name: "details", kind: kindObject, props: map[string]param{"tabId": actionTabID, "text": {name: "text", kind: kindString, optional: true}}},
		optionalCallback,
	}})
	ActionGetBadgeTextMethod            = register(&Method{Name: "action.getBadgeText", hasCallback: true, params: []param{actionTabDetails, optionalCallback}})
	ActionSetBadgeBackgroundColorMethod = actionSetColor("action.setBadgeBackgroundColor")
	ActionGetBadgeBackgroundColorMethod = register(&Method{Name: "action.getBadgeBackgroundColor", hasCallback: true, params: []param{actionTabDetails, optionalCallback}})
	ActionSetBadgeTextColorMethod       = actionSetColor("action.setBadgeTextColor")
	ActionGetBadgeTextColorMethod       = register(&Method{Name: "action.getBadgeTextColor", hasCallback: true, params: []param{actionTabDetails, optionalCallback}})
	ActionEnableMethod                  = register(&Method{Name: "action.enable", hasCallback: true, params: []param{actionTabID, optionalCallback}})
	ActionDisableMethod                 = register(&Method{Name: "action.disable", hasCallback: true, params: []param{actionTabID, optionalCallback}})
	ActionIsEnabledMethod               = register(&Method{Name: "action.isEnabled", hasCallback: true, params: []param{actionTabID, optionalCallback}})
	ActionGetUserSettingsMethod         = register(&Method{Name: "action.getUserSettings", hasCallback: true, params: []param{optionalCallback}})
)

func actionSetColor(name string) *Method {
	return register(&Method{Name: name, hasCallback: true, params: []param{
		{name: "details", kind: kindObject, props: map[string]param{"tabId": actionTabID, "color": actionColor}},
		optionalCallback,
	}})
}

// CommandsGetAllMethod is commands.getAll's schema in Chromium 156.
var CommandsGetAllMethod = register(&Method{Name: "commands.getAll", hasCallback: true, params: []param{optionalCallback}})

// The schemas of context_menus.json in Chromium 156 (its errors measured in the scenario
// context-menus).
var (
	menuContexts = []string{"action", "all", "audio", "browser_action", "editable", "frame", "image", "launcher", "link",
		"page", "page_action", "selection", "tab", "video"}
	menuID         = param{name: "id", kind: kindChoice, choices: []param{{name: "id", kind: kindInteger}, {name: "id", kind: kindString}}}
	menuProperties = map[string]param{
		"type":                {name: "type", kind: kindString, optional: true, enum: []string{"normal", "checkbox", "radio", "separator"}},
		"title":               {name: "title", kind: kindString, optional: true},
		"checked":             {name: "checked", kind: kindBoolean, optional: true},
		"contexts":            {name: "contexts", kind: kindArray, optional: true, items: &param{kind: kindString, enum: menuContexts}},
		"visible":             {name: "visible", kind: kindBoolean, optional: true},
		"enabled":             {name: "enabled", kind: kindBoolean, optional: true},
		"parentId":            {name: "parentId", kind: kindChoice, optional: true, choices: menuID.choices},
		"documentUrlPatterns": {name: "documentUrlPatterns", kind: kindArray, optional: true, items: &param{kind: kindString}},
		"targetUrlPatterns":   {name: "targetUrlPatterns", kind: kindArray, optional: true, items: &param{kind: kindString}},
		"onclick":             {name: "onclick", kind: kindFunction, optional: true},
	}
	ContextMenusCreateMethod = register(&Method{Name: "contextMenus.create", hasCallback: true, params: []param{
		{name: "createProperties", kind: kindObject, ref: "contextMenus.CreateProperties", props: withKey(menuProperties, "id", param{name: "id", kind: kindString, optional: true})},
		optionalCallback,
	}})
	ContextMenusUpdateMethod = register(&Method{Name: "contextMenus.update", hasCallback: true, params: []param{
		menuID, {name: "updateProperties", kind: kindObject, props: menuProperties}, optionalCallback,
	}})
	ContextMenusRemoveMethod    = register(&Method{Name: "contextMenus.remove", hasCallback: true, params: []param{withName(menuID, "menuItemId"), optionalCallback}})
	ContextMenusRemoveAllMethod = register(&Method{Name: "contextMenus.removeAll", hasCallback: true, params: []param{optionalCallback}})
)

func withKey(m map[string]param, k string, p param) map[string]param {
	out := map[string]param{k: p}
	for key, v := range m {
		out[key] = v
	}
	return out
}

func withName(p param, name string) param {
	p.name = name
	return p
}

// RuntimeGetPlatformInfoMethod is runtime.getPlatformInfo's schema in Chromium 156.
var RuntimeGetPlatformInfoMethod = register(&Method{Name: "runtime.getPlatformInfo", hasCallback: true, params: []param{optionalCallback}})
