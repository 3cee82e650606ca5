package apiargs

// The schemas of i18n.json as Chromium 156 reports them (scenario i18n).
var (
	I18nGetMessageMethod = register(&Method{Name: "i18n.getMessage", params: []param{
		{name: "messageName", kind: kindString},
		{name: "substitutions", kind: kindAny, optional: true},
		{name: "options", kind: kindObject, optional: true, props: map[string]param{
			"escapeLt": {name: "escapeLt", kind: kindBoolean, optional: true},
		}},
	}})
	I18nGetUILanguageMethod      = register(&Method{Name: "i18n.getUILanguage"})
	I18nGetAcceptLanguagesMethod = register(&Method{Name: "i18n.getAcceptLanguages", hasCallback: true, params: []param{optionalCallback}})
)
