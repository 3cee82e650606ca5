package apiargs

import "github.com/dop251/goja"

// ContextTypes are the values of runtime.ContextType in Chromium 156 (conformance-apis R4).
var ContextTypes = []string{"BACKGROUND", "DEVELOPER_TOOLS", "OFFSCREEN_DOCUMENT", "POPUP", "SIDE_PANEL", "TAB"}

// OnInstalledReasons is runtime.OnInstalledReason (conformance-apis R2).
var OnInstalledReasons = map[string]string{
	"CHROME_UPDATE": "chrome_update", "INSTALL": "install", "SHARED_MODULE_UPDATE": "shared_module_update", "UPDATE": "update",
}

func optionalNumber(name string) param { return param{name: name, kind: kindNumber, optional: true} }

func stringList(name string, enum []string) param {
	return param{name: name, kind: kindArray, optional: true, items: &param{name: name, kind: kindString, enum: enum}}
}

func integerList(name string) param {
	return param{name: name, kind: kindArray, optional: true, items: &param{name: name, kind: kindInteger}}
}

var optionalName = param{name: "name", kind: kindString, optional: true}
var optionalCallback = param{name: "callback", kind: kindFunction, optional: true}

// The schemas of alarms.json and of runtime.json's lifecycle methods as Chromium 156 uses them
// (conformance-apis A4, R4).
var (
	AlarmsCreateMethod = register(&Method{Name: "alarms.create", hasCallback: true, params: []param{
		optionalName,
		{name: "alarmInfo", kind: kindObject, ref: "alarms.AlarmCreateInfo", props: map[string]param{
			"when":                  optionalNumber("when"),
			"delayInMinutes":        optionalNumber("delayInMinutes"),
			"periodInMinutes":       optionalNumber("periodInMinutes"),
			"name":                  {name: "name", kind: kindString, optional: true},
			"persistAcrossSessions": {name: "persistAcrossSessions", kind: kindBoolean, optional: true},
		}},
		optionalCallback,
	}})
	AlarmsGetMethod      = register(&Method{Name: "alarms.get", hasCallback: true, params: []param{optionalName, optionalCallback}})
	AlarmsGetAllMethod   = register(&Method{Name: "alarms.getAll", hasCallback: true, params: []param{optionalCallback}})
	AlarmsClearMethod    = register(&Method{Name: "alarms.clear", hasCallback: true, params: []param{optionalName, optionalCallback}})
	AlarmsClearAllMethod = register(&Method{Name: "alarms.clearAll", hasCallback: true, params: []param{optionalCallback}})

	RuntimeGetContextsMethod = register(&Method{Name: "runtime.getContexts", hasCallback: true, params: []param{
		{name: "filter", kind: kindObject, ref: "runtime.ContextFilter", props: map[string]param{
			"contextIds":      stringList("contextIds", nil),
			"contextTypes":    stringList("contextTypes", ContextTypes),
			"documentIds":     stringList("documentIds", nil),
			"documentOrigins": stringList("documentOrigins", nil),
			"documentUrls":    stringList("documentUrls", nil),
			"frameIds":        integerList("frameIds"),
			"incognito":       {name: "incognito", kind: kindBoolean, optional: true},
			"tabIds":          integerList("tabIds"),
			"windowIds":       integerList("windowIds"),
		}},
		optionalCallback,
	}})
	RuntimeOpenOptionsPageMethod = register(&Method{Name: "runtime.openOptionsPage", hasCallback: true, params: []param{optionalCallback}})
)

// Errors of alarms.create, verbatim from Chromium 156 (conformance-apis A4 and the
// name-conflict case measured beside it).
const (
	ErrAlarmNoSchedule   = "Must set at least one of when, delayInMinutes, or periodInMinutes."
	ErrAlarmWhenAndDelay = "Cannot set both when and delayInMinutes."
	ErrAlarmNameConflict = "Cannot set alarm name in both separate argument and object form."
	ErrNoOptionsPage     = "Could not create an options page."
)

// Parse checks args against the method's schema as Chrome's bindings do and returns one value per
// parameter (nil where omitted), or the *InvocationError Chrome throws.
func (m *Method) Parse(vm *goja.Runtime, args []goja.Value) ([]goja.Value, error) {
	return m.parse(vm, args)
}

// ActionOpenPopupMethod is action.openPopup's schema in Chromium 156.
var ActionOpenPopupMethod = register(&Method{Name: "action.openPopup", hasCallback: true, params: []param{
	{name: "options", kind: kindObject, optional: true, ref: "action.OpenPopupOptions", props: map[string]param{
		"windowId": {name: "windowId", kind: kindInteger, optional: true},
	}},
	optionalCallback,
}})
