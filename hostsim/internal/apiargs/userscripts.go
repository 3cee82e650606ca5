package apiargs

// The schemas of user_scripts.idl as Chromium 156 uses them (measured in the scenario
// userscripts-api: a world outside the enum is a TypeError naming the values). Everything else is
// checked by the model, with Chrome's texts in chromefacts.
var (
	// UserScriptsWorlds are userScripts.ExecutionWorld's values.
	UserScriptsWorlds = []string{"MAIN", "USER_SCRIPT"}

	userScriptsSources = param{name: "js", kind: kindArray, optional: true, items: &param{kind: kindObject, ref: "userScripts.ScriptSource", props: map[string]param{
		"code": {name: "code", kind: kindString, optional: true},
		"file": {name: "file", kind: kindString, optional: true},
	}}}
	userScriptsScript = func() param {
		strs := func(name string) param {
			return param{name: name, kind: kindArray, optional: true, items: &param{kind: kindString}}
		}
		return param{kind: kindObject, ref: "userScripts.RegisteredUserScript", props: map[string]param{
			"id":             {name: "id", kind: kindString},
			"matches":        strs("matches"),
			"excludeMatches": strs("excludeMatches"),
			"includeGlobs":   strs("includeGlobs"),
			"excludeGlobs":   strs("excludeGlobs"),
			"js":             userScriptsSources,
			"allFrames":      {name: "allFrames", kind: kindBoolean, optional: true},
			"runAt":          {name: "runAt", kind: kindString, optional: true, enum: scriptingRunAt},
			"world":          {name: "world", kind: kindString, optional: true, enum: UserScriptsWorlds},
			"worldId":        {name: "worldId", kind: kindString, optional: true},
		}}
	}
	userScriptsScripts = param{name: "scripts", kind: kindArray, items: ptr(userScriptsScript())}
	userScriptsFilter  = param{name: "filter", kind: kindObject, optional: true, ref: "userScripts.UserScriptFilter", props: map[string]param{
		"ids": {name: "ids", kind: kindArray, optional: true, items: &param{kind: kindString}},
	}}

	UserScriptsRegisterMethod = register(&Method{Name: "userScripts.register", hasCallback: true, params: []param{
		userScriptsScripts, optionalCallback,
	}})
	UserScriptsUpdateMethod = register(&Method{Name: "userScripts.update", hasCallback: true, params: []param{
		userScriptsScripts, optionalCallback,
	}})
	UserScriptsGetScriptsMethod = register(&Method{Name: "userScripts.getScripts", hasCallback: true, params: []param{
		userScriptsFilter, optionalCallback,
	}})
	UserScriptsUnregisterMethod = register(&Method{Name: "userScripts.unregister", hasCallback: true, params: []param{
		userScriptsFilter, optionalCallback,
	}})
	UserScriptsExecuteMethod = register(&Method{Name: "userScripts.execute", hasCallback: true, params: []param{
		{name: "injection", kind: kindObject, ref: "userScripts.UserScriptInjection", props: map[string]param{
			"target": {name: "target", kind: kindObject, ref: "userScripts.InjectionTarget", props: map[string]param{
				"tabId":       {name: "tabId", kind: kindInteger},
				"frameIds":    {name: "frameIds", kind: kindArray, optional: true, items: &param{kind: kindInteger}},
				"documentIds": {name: "documentIds", kind: kindArray, optional: true, items: &param{kind: kindString}},
				"allFrames":   {name: "allFrames", kind: kindBoolean, optional: true},
			}},
			"js":                {name: "js", kind: kindArray, items: userScriptsSources.items},
			"world":             {name: "world", kind: kindString, optional: true, enum: UserScriptsWorlds},
			"worldId":           {name: "worldId", kind: kindString, optional: true},
			"injectImmediately": {name: "injectImmediately", kind: kindBoolean, optional: true},
		}},
		optionalCallback,
	}})
	UserScriptsConfigureWorldMethod = register(&Method{Name: "userScripts.configureWorld", hasCallback: true, params: []param{
		{name: "properties", kind: kindObject, ref: "userScripts.WorldProperties", props: map[string]param{
			"worldId":   {name: "worldId", kind: kindString, optional: true},
			"csp":       {name: "csp", kind: kindString, optional: true},
			"messaging": {name: "messaging", kind: kindBoolean, optional: true},
		}},
		optionalCallback,
	}})
	UserScriptsGetWorldConfigurationsMethod  = register(&Method{Name: "userScripts.getWorldConfigurations", hasCallback: true, params: []param{optionalCallback}})
	UserScriptsResetWorldConfigurationMethod = register(&Method{Name: "userScripts.resetWorldConfiguration", hasCallback: true, params: []param{
		{name: "worldId", kind: kindString, optional: true}, optionalCallback,
	}})
)
